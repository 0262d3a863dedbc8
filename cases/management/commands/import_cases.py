"""Import case studies from a CSV or JSON file in the format of docs/import-format.md."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cases import interchange


class Command(BaseCommand):
    help = (
        "Import case studies from FILE (CSV or JSON, see docs/import-format.md). Every "
        "record is checked first; any problem stops the import with nothing saved. "
        "Cases are matched by slug: existing ones are updated, the rest created."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the file to import")
        parser.add_argument(
            "--format",
            choices=interchange.FORMATS,
            help="json or csv; by default taken from the file name's extension",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="check the file and report what would change, without saving",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            fmt = interchange.infer_format(path, options["format"])
            text = path.read_text(encoding="utf-8-sig")
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{path} is not UTF-8 text.") from error
        except interchange.InterchangeError as error:
            raise CommandError(str(error)) from error
        try:
            records = interchange.read(text, fmt)
            result = interchange.import_records(
                records, dry_run=options["dry_run"], reason=f"Imported from {path.name}"
            )
        except interchange.InterchangeError as error:
            count = len(error.problems)
            raise CommandError(
                f"Nothing was imported: {count} problem{'s' if count != 1 else ''} in {path}.\n"
                + str(error)
            ) from error
        verb = "Would" if options["dry_run"] else "Did"
        lines = [
            f"{verb} create {len(result.created)} case studies"
            + (f": {', '.join(result.created)}" if result.created else "."),
            f"{verb} update {len(result.updated)}"
            + (f": {', '.join(result.updated)}" if result.updated else "."),
            f"Unchanged: {len(result.unchanged)}.",
        ]
        if result.new_themes:
            lines.append(f"{verb} create themes: {', '.join(result.new_themes)}")
        if options["dry_run"]:
            lines.append("Dry run: nothing was saved.")
        self.stdout.write("\n".join(lines))
