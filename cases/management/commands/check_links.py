from django.core.management.base import BaseCommand, CommandError

from cases import linkcheck


class Command(BaseCommand):
    help = (
        "Check every source address and every case and organisation website, a few at a "
        "time, and record each answer (status, date, error) for editors. Run it from cron; "
        "pages never fetch addresses themselves."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--workers",
            type=int,
            default=linkcheck.WORKERS,
            help="Addresses checked at once (default %(default)s).",
        )
        parser.add_argument(
            "--timeout",
            type=float,
            default=linkcheck.TIMEOUT,
            help="Seconds to wait for each answer (default %(default)s).",
        )

    def handle(self, *args, **options):
        if not 1 <= options["workers"] <= 64:
            raise CommandError("--workers must be between 1 and 64.")
        if not 0 < options["timeout"] <= 120:
            raise CommandError("--timeout must be more than 0 and at most 120 seconds.")
        outcomes = linkcheck.check(workers=options["workers"], timeout=options["timeout"])
        broken = [outcome for outcome in outcomes if outcome.broken]
        for outcome in broken:
            self.stdout.write(f"broken: {outcome.url} ({outcome.status or outcome.error})")
        if options["verbosity"]:
            self.stdout.write(
                f"Checked {len(outcomes)} addresses: {len(broken)} broken, "
                f"{len(outcomes) - len(broken)} working."
            )
