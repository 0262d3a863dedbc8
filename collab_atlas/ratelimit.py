"""A fixed-window request counter per client address, kept in the cache.

With a shared cache (``CACHE_URL``, Redis) every app server counts against the same
numbers; ``cache.add`` and ``cache.incr`` are atomic there, so concurrent requests
cannot slip past the limit.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac


def client_address(request):
    """The address a request came from.

    Behind a proxy (``DJANGO_BEHIND_PROXY``) it is the right-most entry of
    X-Forwarded-For, the one our own proxy appended; entries to its left are
    whatever the client chose to send.
    """
    if getattr(settings, "BEHIND_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR", "")


def address_hash(request):
    """A keyed hash of the client address: enough to spot repeats, useless to anyone else."""
    return salted_hmac("contributions.client-address", client_address(request)).hexdigest()


def hit(request, scope, limit, window):
    """Count one request in ``scope``; True while the client stays within ``limit``."""
    bucket = int(time.time() // window)
    key = f"ratelimit:{scope}:{address_hash(request)}:{bucket}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:
        # The key expired between add and incr: this request opens a new window.
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit
