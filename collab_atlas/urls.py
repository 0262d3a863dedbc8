from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import health

admin.site.site_header = _("Collab Atlas editors")
admin.site.site_title = _("Collab Atlas")
admin.site.index_title = _("Catalogue")

# The API answers its errors in JSON, and a database outage is a 503, not a 500.
handler404 = "collab_atlas.errors.page_not_found"
handler500 = "collab_atlas.errors.server_error"

urlpatterns = [
    # Probes: neither is cached (collab_atlas.public_cache) nor rate-limited.
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("", include("insights.urls")),
    path("", include("cases.preview_urls")),
    path("suggest/", include("contributions.urls")),
    path("", include("pages.urls")),
    path("", include("cases.home_urls")),
    path("", include("cases.urls")),
    path("", include("cases.framework_urls")),
    path("api/", include("opendata.api_urls")),
    path("", include("opendata.urls")),
    path("", include("opendata.site_urls")),
]
