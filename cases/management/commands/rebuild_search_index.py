from django.core.management.base import BaseCommand

from cases import search


class Command(BaseCommand):
    help = (
        "Recompute the stored full-text search vector of every case study "
        "(PostgreSQL only; after loaddata or a bulk import)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default")

    def handle(self, *args, **options):
        using = options["database"]
        if not search.uses_vectors(using):
            message = "This database searches without stored vectors; nothing to do."
        else:
            search.update_vectors(using=using)
            message = "Search vectors rebuilt."
        if options["verbosity"]:
            self.stdout.write(message)
