from django.core.management.base import BaseCommand

from opendata.package import build_release, releases_dir


class Command(BaseCommand):
    help = (
        "Build a dataset release: a Frictionless Data Package (datapackage.json and one CSV "
        "per table) and its zip, named by date and content hash. The Open data page offers "
        "the latest release from OPENDATA_DIR."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", help=f"Folder to write the release to (default: {releases_dir()})."
        )
        parser.add_argument(
            "--site-url",
            help="Address of the site, for the links in the data (default: SITE_URL).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Build a new release even when nothing changed since the latest one.",
        )

    def handle(self, *args, output=None, site_url=None, force=False, **options):
        release, created = build_release(
            output, root=(site_url or "").rstrip("/") or None, force=force
        )
        if not created:
            self.stdout.write(
                f"Nothing changed since release {release['name']}; no new release built "
                "(use --force to build one anyway)."
            )
            return
        rows = ", ".join(f"{count} {name}" for name, count in release["rows"].items())
        self.stdout.write(self.style.SUCCESS(f"Built release {release['name']}: {rows}."))
        self.stdout.write(f"Archive: {release['archive']} ({release['bytes']} bytes)")
