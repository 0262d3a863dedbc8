from django.http import HttpResponse
from django.urls import include, path


def bare(request):
    """The least a Django view can do: the yardstick every page is measured against."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [
    path("bench/bare/", bare),
    path("", include("collab_atlas.urls")),
]
