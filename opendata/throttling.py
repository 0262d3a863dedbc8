"""Per-client rate limits for the API and the downloads.

Counts live in the default cache, so with CACHE_URL (Redis) every app server shares them.
"""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle

from collab_atlas.ratelimit import client_address


class ApiRateThrottle(AnonRateThrottle):
    scope = "api"

    def get_rate(self):
        # Read at request time rather than import time, so a changed setting applies.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_ident(self, request):
        # The one client-address rule of every limit, django-axes' included.
        return client_address(request)


class DownloadRateThrottle(ApiRateThrottle):
    scope = "downloads"


def too_many_requests(throttle):
    """A 429 answer outside REST framework's views, with the same body and header."""
    wait = throttle.wait()
    seconds = max(1, int(round(wait))) if wait is not None else 60
    response = JsonResponse(
        {
            "detail": _("Too many requests. Try again in %(seconds)d seconds.")
            % {"seconds": seconds}
        },
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response
