"""The site's URLs plus views that fail the ways a database does, for the error tests."""

from django.db import OperationalError, connection
from django.urls import path

from collab_atlas.urls import handler404, handler500
from collab_atlas.urls import urlpatterns as site_urlpatterns

__all__ = ["handler404", "handler500", "urlpatterns"]


def database_down(request):
    raise OperationalError("connection to server failed")


def broken(request):
    raise RuntimeError("a bug")


def slow_query(request):
    with connection.cursor() as cursor:
        # Far shorter than the configured timeout, so the test stays quick.
        cursor.execute("SET statement_timeout = 100")
        cursor.execute("SELECT pg_sleep(5)")
    raise AssertionError("the statement timeout did not cancel the query")


urlpatterns = [
    path("broken-db/", database_down),
    path("broken/", broken),
    path("slow/", slow_query),
    path("api/broken-db/", database_down),
    path("api/broken/", broken),
    *site_urlpatterns,
]
