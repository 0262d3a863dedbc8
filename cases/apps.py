from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Case studies")

    def ready(self):
        from . import search

        connection_created.connect(search.register_sqlite_unaccent, dispatch_uid="sqlite_unaccent")
