"""One JSON line per request, and every log line as JSON.

A request's line holds its id (also sent back as ``X-Request-ID``), method, path
without the query string, status and duration: no address, no user, no query string,
nothing that says who asked or what they searched for. Lines logged while a request
runs (an error, a warning) carry its id too, so they can be found together.
"""

import contextvars
import json
import logging
import re
import time
import uuid
from datetime import UTC, datetime

from django.core.signals import request_finished
from django.dispatch import receiver

logger = logging.getLogger("collab_atlas.requests")

HEADER = "X-Request-ID"
# A proxy in front may have given the request an id already; one that looks like an
# id (not a place to smuggle text into our logs) is kept, so both logs agree.
WELL_FORMED_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")

current_request_id = contextvars.ContextVar("request_id", default=None)


class RequestLogMiddleware:
    """Gives each request an id and logs one line when its answer is ready."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        given = request.headers.get(HEADER, "")
        request_id = given if WELL_FORMED_ID.fullmatch(given) else uuid.uuid4().hex
        # Cleared when the request finishes (below), not on the way out of here: Django
        # logs a 4xx answer ("Not Found: /x/") after the middleware have returned.
        current_request_id.set(request_id)
        response = self.get_response(request)
        response[HEADER] = request_id
        logger.info(
            "request",
            extra={
                "request_id": request_id,
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            },
        )
        return response


@receiver(request_finished, dispatch_uid="collab_atlas.request_log.forget_request_id")
def forget_request_id(sender, **kwargs):
    current_request_id.set(None)


# The fields a request line adds to a log record.
REQUEST_FIELDS = ("request_id", "method", "path", "status", "duration_ms")


class RequestIdFilter(logging.Filter):
    """Marks a record logged while a request runs with that request's id."""

    def filter(self, record):
        if not hasattr(record, "request_id"):
            request_id = current_request_id.get()
            if request_id:
                record.request_id = request_id
        return True


class JsonLinesFormatter(logging.Formatter):
    """A log record as one line of JSON."""

    def format(self, record):
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in REQUEST_FIELDS:
            if hasattr(record, name):
                line[name] = getattr(record, name)
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)
