from django.http import HttpResponse
from django.urls import path

from collab_atlas import urls


def bare(request):
    """The least a Django view can do: the yardstick every page is measured against."""
    return HttpResponse(b"ok", content_type="text/plain")


# The project's own patterns, not include()d: the language-prefixed ones
# (i18n_patterns) are allowed in a root URLconf only.
urlpatterns = [path("bench/bare/", bare), *urls.urlpatterns]
handler404 = urls.handler404
handler500 = urls.handler500
