from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollabAtlasConfig(AppConfig):
    name = "collab_atlas"
    verbose_name = _("Collab Atlas")

    def ready(self):
        from . import checks  # noqa: F401  (registers the deploy checks)
