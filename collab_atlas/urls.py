from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import health, i18n

admin.site.site_header = _("Collab Atlas editors")
admin.site.site_title = _("Collab Atlas")
admin.site.index_title = _("Catalogue")

# The API answers its errors in JSON, and a database outage is a 503, not a 500.
handler404 = "collab_atlas.errors.page_not_found"
handler500 = "collab_atlas.errors.server_error"

# Outside the language prefix: probes, the admin and the API (which negotiate their
# language, see collab_atlas.i18n), files for crawlers, and the language switch.
urlpatterns = [
    # Probes: neither is cached (collab_atlas.public_cache) nor rate-limited.
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("language/", i18n.switch, name="switch-language"),
    path("api/", include("opendata.api_urls")),
    path("", include("opendata.site_urls")),
]

# Public pages: English at the addresses they have always had, /pl/ and /es/ beside them.
urlpatterns += i18n_patterns(
    path("", include("insights.urls")),
    path("", include("cases.preview_urls")),
    path("suggest/", include("contributions.urls")),
    path("", include("pages.urls")),
    path("", include("cases.home_urls")),
    path("", include("cases.urls")),
    path("", include("cases.framework_urls")),
    path("", include("opendata.urls")),
    prefix_default_language=False,
)
