"""A fixed-window request counter per client address, kept in the cache.

With a shared cache (``CACHE_URL``, Redis) every app server counts against the same
numbers; ``cache.add`` and ``cache.incr`` are atomic there, so concurrent requests
cannot slip past the limit.
"""

import ipaddress
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac


def client_address(request):
    """The address a request came from: the one rule for every per-client limit.

    With ``NUM_PROXIES`` (``DJANGO_NUM_PROXIES``) proxies in front, each appends the
    address it received the request from to X-Forwarded-For, so the client is the
    ``NUM_PROXIES``-th entry from the right: the right-most one no proxy of ours vouches
    for. Entries further left are whatever the client chose to send, and are ignored.
    With no proxy the header is ignored altogether and REMOTE_ADDR is the client.

    django-axes (``AXES_CLIENT_IP_CALLABLE``), the suggestion limit, the API throttle
    and the limit on uncached pages all count by this address.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = getattr(settings, "NUM_PROXIES", 0)
    if proxies <= 0:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if not hops:
        # Not through our proxies at all (a health check on the app server itself).
        return remote
    # Fewer hops than proxies: the request skipped a proxy in front (reached the load
    # balancer directly), and the left-most entry is the one our proxy added.
    address = hops[-min(proxies, len(hops))]
    return address if _is_address(address) else remote


def _is_address(text):
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


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
