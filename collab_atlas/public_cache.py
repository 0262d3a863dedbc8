"""Public pages are the same for every visitor, so they are cached, whole.

Every cached answer is filed under the *catalogue version*, a value that changes
whenever anything the public can see changes (a case published or edited, a model's
text, an organisation's name...). A page cached before a change is never served after
it: its key names a version that is no longer current, and the cache lets it expire.

The same version gives each public answer its ``ETag`` and ``Last-Modified``, so
browsers and a CDN revalidate with a conditional GET and get a 304 without the page
being rendered, and ``Cache-Control: public`` with ``s-maxage`` lets a CDN hold it.

Nothing personal is ever cached or marked public: requests from signed-in people, or
carrying a session or messages cookie, pass straight through, and so does every page
that is not named in ``PAGES`` or ``VALIDATED`` (the admin, forms, previews).
"""

import hashlib
import time

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse, HttpResponseNotModified
from django.shortcuts import render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date, quote_etag
from django.utils.translation import get_language

from . import ratelimit

VERSION_KEY = "catalogue:version"

# Pages rendered once per catalogue version and served from the cache after that.
PAGES = frozenset(
    {
        "home",
        "cases:list",
        "cases:detail",
        "cases:actors",
        "cases:actor",
        "cases:lessons",
        "models_of_collab:list",
        "models_of_collab:detail",
        "models_of_collab:motivations",
        "models_of_collab:motivation",
        "insights:insights",
        "insights:choose",
        "insights:compare",
        "opendata:data",
        "opendata:dictionary",
        "opendata:feed-cases",
        "opendata:feed-model",
        "sitemap",
        "pages:about",
        "pages:privacy",
        "pages:accessibility",
        "pages:contact",
        "pages:detail",
    }
)
# Answers that are not stored here (their own rate limits must see every request, or
# they stream) but still carry validators and CDN headers: the API and the downloads.
VALIDATED_NAMESPACES = frozenset({"api"})
VALIDATED = frozenset({"opendata:cases-csv", "opendata:cases-json"})
# Pages whose rendering is costly enough that a client asking for many uncached
# variants (every combination of filters, say) is slowed down: see EXPENSIVE_RATE.
EXPENSIVE = frozenset({"cases:list", "insights:insights", "cases:lessons", "opendata:feed-cases"})


def catalogue_version():
    """The current catalogue version: a string of digits, the time it was set in ns."""
    version = cache.get(VERSION_KEY)
    if version is None:
        # A cache that lost the key (restarted, evicted) starts a version never used
        # before, so no page cached under an older one can come back.
        cache.add(VERSION_KEY, str(time.time_ns()), timeout=None)
        version = cache.get(VERSION_KEY) or str(time.time_ns())
    return version


def bump_catalogue_version(using="default"):
    """Start a new catalogue version, now and again once the transaction commits.

    The second bump matters: a request that read the old data while the transaction
    was open could otherwise cache it under the version of the first bump.
    """
    _set_new_version()
    transaction.on_commit(_set_new_version, using=using)


def _set_new_version():
    cache.set(VERSION_KEY, str(time.time_ns()), timeout=None)


def public_content_changed(sender, using="default", **kwargs):
    """Signal receiver: any save, delete or many-to-many change of public content."""
    bump_catalogue_version(using=using)


def versioned(scope, parts, compute, keep=lambda value: True):
    """``compute()``, or its result for the same ``parts`` (anything with a stable repr)
    computed under the current catalogue version; results ``keep`` refuses are not
    stored."""
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:40]
    key = f"{scope}:{catalogue_version()}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        if keep(value):
            cache.set(key, value, settings.PUBLIC_CACHE_SECONDS * 10)
    return value


def remember(request, compute, keep=lambda value: True):
    """``compute()`` for this request (its host, language and address), versioned."""
    return versioned("answer", _fingerprint(request), compute, keep)


def is_personal(request):
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME in cookies or CookieStorage.cookie_name in cookies


def _view_name(request):
    match = getattr(request, "resolver_match", None)
    return match.view_name if match else ""


def _mode(request):
    """ "page", "validated" or None for how this request's answer may be cached."""
    if request.method not in ("GET", "HEAD") or is_personal(request):
        return None
    name = _view_name(request)
    if name in PAGES:
        return "page"
    if name in VALIDATED or name.partition(":")[0] in VALIDATED_NAMESPACES:
        return "validated"
    return None


def _fingerprint(request):
    # The host is part of it: pages name their own absolute address when SITE_URL is unset.
    parts = [request.get_host(), get_language() or "", request.get_full_path()]
    if _mode(request) == "validated":
        # The API negotiates its format and its language from these.
        parts += [request.META.get("HTTP_ACCEPT", ""), request.META.get("HTTP_ORIGIN", "")]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


def _validators(version, fingerprint):
    etag = quote_etag(f"{version}-{fingerprint[:12]}")
    last_modified = http_date(int(version) // 1_000_000_000)
    return etag, last_modified


def _not_modified(request, etag):
    sent = request.META.get("HTTP_IF_NONE_MATCH", "")
    return etag in [tag.strip().removeprefix("W/") for tag in sent.split(",")]


def _public_headers(response, etag, last_modified):
    response["ETag"] = etag
    response["Last-Modified"] = last_modified
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        s_maxage=settings.PUBLIC_CACHE_SECONDS,
        stale_while_revalidate=settings.PUBLIC_CACHE_STALE_SECONDS,
    )


def _too_many(request, seconds):
    response = render(request, "429.html", {"retry_after": seconds}, status=429)
    response["Retry-After"] = str(seconds)
    patch_cache_control(response, private=True, no_store=True)
    return response


class PublicCacheMiddleware:
    """Serves public pages from the cache and gives public answers their validators."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        state = getattr(request, "_public_cache", None)
        if state is None:
            return response
        key, etag, last_modified, mode = state
        if response.status_code != 200 or response.cookies or "Cache-Control" in response:
            # A view that set its own caching, or a cookie, knows better than this.
            return response
        _public_headers(response, etag, last_modified)
        patch_vary_headers(response, ["Cookie"])
        if mode == "page" and not response.streaming:
            headers = [(name, value) for name, value in response.items()]
            cache.set(key, (response.content, headers), settings.PUBLIC_CACHE_SECONDS * 10)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        mode = _mode(request)
        if mode is None:
            return None
        fingerprint = _fingerprint(request)
        version = catalogue_version()
        etag, last_modified = _validators(version, fingerprint)
        if _not_modified(request, etag):
            response = HttpResponseNotModified()
            _public_headers(response, etag, last_modified)
            return response
        key = f"page:{version}:{fingerprint}"
        if mode == "page":
            cached = cache.get(key)
            if cached is not None:
                content, headers = cached
                response = HttpResponse(content)
                for name, value in headers:
                    response[name] = value
                return response
            if _view_name(request) in EXPENSIVE:
                limit, window = settings.EXPENSIVE_RATE
                if not ratelimit.hit(request, "uncached-pages", limit, window):
                    return _too_many(request, window)
        request._public_cache = (key, etag, last_modified, mode)
        return None
