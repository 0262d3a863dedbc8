from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Collab Atlas editors")
admin.site.site_title = _("Collab Atlas")
admin.site.index_title = _("Catalogue")

urlpatterns = [
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
