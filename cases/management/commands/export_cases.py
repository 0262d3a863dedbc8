"""Export every case study, in any state, in the format import_cases reads."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cases import interchange


class Command(BaseCommand):
    help = (
        "Export the published case studies (every case with --include-drafts) as JSON or "
        "CSV in the format of docs/import-format.md, to standard output or to -o FILE."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=interchange.FORMATS, help="json (default) or csv")
        parser.add_argument("-o", "--output", help="write to this file instead of standard output")
        parser.add_argument(
            "--include-drafts",
            action="store_true",
            help="export cases in every state, not only the published ones",
        )

    def handle(self, *args, **options):
        fmt = options["format"]
        if not fmt:
            fmt = "csv" if (options["output"] or "").lower().endswith(".csv") else "json"
        text = interchange.dump(interchange.export_records(options["include_drafts"]), fmt)
        if options["output"]:
            try:
                # newline="" keeps CSV's CRLF and JSON's LF exactly as written.
                with Path(options["output"]).open("w", encoding="utf-8", newline="") as out:
                    out.write(text)
            except OSError as error:
                raise CommandError(
                    f"Cannot write {options['output']}: {error.strerror}."
                ) from error
        else:
            self.stdout.write(text, ending="")
