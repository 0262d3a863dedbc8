from django.core.management import call_command
from django.core.management.base import BaseCommand

from cases.models import Initiative
from models_of_collab.models import CollaborationModel


class Command(BaseCommand):
    help = "Load the seed catalogue (fixtures/atlas.json) into an empty database."

    def handle(self, *args, **options):
        if Initiative.objects.exists() or CollaborationModel.objects.exists():
            self.stdout.write("The catalogue already holds data; the seed was not loaded.")
        else:
            call_command("loaddata", "atlas", verbosity=options["verbosity"])
