from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _


class CollabAtlasConfig(AppConfig):
    name = "collab_atlas"
    verbose_name = _("Collab Atlas")

    def ready(self):
        from . import checks, public_cache  # noqa: F401  (checks registers the deploy checks)

        public_apps = set(settings.PUBLIC_CONTENT_APPS)

        def changed(sender, **kwargs):
            if sender._meta.app_label in public_apps:
                public_cache.public_content_changed(sender, **kwargs)

        # Many-to-many changes are sent by the "through" model, in the same app.
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(changed, dispatch_uid=f"public_cache_{signal}", weak=False)
