from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.caches, deploy=True)
def shared_cache_check(app_configs, **kwargs):
    """Rate limits count in the cache; a per-process cache multiplies them by the workers."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend.endswith("LocMemCache"):
        return [
            Warning(
                "The cache is per process, so rate limits on the public forms, the API "
                "and the downloads count separately in every app server process.",
                hint="Set CACHE_URL to a shared cache, e.g. redis://127.0.0.1:6379/0.",
                id="collab_atlas.W001",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def proxy_count_check(app_configs, **kwargs):
    """Behind a proxy with no proxy counted, every client would be the proxy itself."""
    if getattr(settings, "BEHIND_PROXY", False) and getattr(settings, "NUM_PROXIES", 0) == 0:
        return [
            Warning(
                "DJANGO_BEHIND_PROXY is on but DJANGO_NUM_PROXIES is 0: every per-client "
                "limit (sign-in lockouts, suggestions, the API) would count all clients as "
                "the proxy's one address.",
                hint="Set DJANGO_NUM_PROXIES to the number of proxies that append to "
                "X-Forwarded-For (a CDN and a load balancer make 2).",
                id="collab_atlas.W002",
            )
        ]
    return []
