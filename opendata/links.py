"""Absolute addresses for citations, feeds and exports."""

from django.conf import settings


def site_root(request=None):
    """The site's address without a trailing slash.

    SITE_URL wins, so that citations and exports name the canonical address whatever
    host a request came in by; without it, the request's own address is used.
    """
    if settings.SITE_URL:
        return settings.SITE_URL
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return "http://localhost:8000"


def absolute(path, request=None):
    return site_root(request) + path
