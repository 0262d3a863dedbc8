from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModelsOfCollabConfig(AppConfig):
    name = "models_of_collab"
    verbose_name = _("Collaboration framework")
