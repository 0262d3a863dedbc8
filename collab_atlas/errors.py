"""Error answers that need neither the database nor a request context to render.

A database that is down, refuses connections or cancels a statement that ran past its
timeout is a temporary condition, not a bug: visitors get a 503 page that says so, with
``Retry-After``, and the API answers with a JSON problem (RFC 9457) instead. Every other
error under the API is JSON too, never the HTML error page.
"""

import json
import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.urls import NoReverseMatch, reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views import defaults

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
PROBLEM_JSON = "application/problem+json"


def database_unavailable(exception):
    """True for errors meaning the database cannot answer now (psycopg's QueryCanceled,
    a refused or timed-out connection, a connection lost mid-request)."""
    return isinstance(exception, OperationalError | InterfaceError)


def is_api(request):
    try:
        prefix = reverse("api:not-found", kwargs={"path": ""})
    except NoReverseMatch:
        return False
    return request.path.startswith(prefix)


def problem(status, title, detail):
    """A JSON problem body (RFC 9457), never cacheable."""
    body = {"type": "about:blank", "title": str(title), "status": status, "detail": str(detail)}
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type=PROBLEM_JSON
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


def unavailable(request):
    """The 503 answer: a JSON problem under the API, a page everywhere else."""
    if is_api(request):
        response = problem(
            503,
            _("Service temporarily unavailable"),
            _("The catalogue's database is not answering. Please try again shortly."),
        )
    else:
        # No request context: the context processors could need the database.
        content = loader.get_template("503.html").render({})
        response = HttpResponse(content, status=503)
        patch_cache_control(response, private=True, no_store=True)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class DatabaseUnavailableMiddleware:
    """Turns a database error raised by a view into a 503 instead of a server error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not database_unavailable(exception):
            return None
        logger.warning(
            "Database unavailable for %s %s: %s",
            request.method,
            request.path,
            type(exception).__name__,
            exc_info=exception,
        )
        return unavailable(request)


def server_error(request):
    """``handler500``: also reached by errors raised outside views (in middleware)."""
    exception = sys.exc_info()[1]
    if exception is not None and database_unavailable(exception):
        return unavailable(request)
    if is_api(request):
        return problem(
            500,
            _("Server error"),
            _("Something went wrong on our side. The error has been logged."),
        )
    return defaults.server_error(request)


def page_not_found(request, exception):
    """``handler404``: JSON under the API, the site's page everywhere else."""
    if is_api(request):
        return problem(404, _("Not found"), _("There is nothing at this address in the API."))
    return defaults.page_not_found(request, exception)
