from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from cases.views import home
from opendata.sitemaps import SITEMAPS
from opendata.views import robots_txt

admin.site.site_header = _("Collab Atlas editors")
admin.site.site_title = _("Collab Atlas")
admin.site.index_title = _("Catalogue")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("insights.urls")),
    path("", include("cases.preview_urls")),
    path("suggest/", include("contributions.urls")),
    path("", home, name="home"),
    path("", include("cases.urls")),
    path("", include("cases.framework_urls")),
    path("api/", include("opendata.api_urls")),
    path("", include("opendata.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
]
