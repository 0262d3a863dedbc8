"""One address per page per language, and which language each answer speaks.

Public pages live under ``i18n_patterns`` with English, the default, unprefixed: the
English addresses are the ones the catalogue has always had (citations, feeds and
bookmarks keep working), and ``/pl/…`` and ``/es/…`` are the same pages in Polish and
Spanish. The language of a page is read from its address alone, so every page is the
same for every visitor of that address and stays cacheable.

Three places negotiate instead, since they have no prefix:

- the API (``?lang=`` first, then the language cookie, then ``Accept-Language``); an
  unknown ``?lang=`` is a 400 naming the supported ones;
- the admin (cookie, then ``Accept-Language``);
- the bare home page ``/``: a visitor whose remembered choice (the cookie) or browser
  prefers another language is sent to that language's home page.

The case downloads are pages like the list they come from (``/pl/cases/download.csv``
is in Polish); ``?lang=`` on one sends it to that language's address.

Every answer says which language it used in ``Content-Language``.
"""

from django.conf import settings
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.middleware import locale
from django.urls import Resolver404, resolve, reverse, translate_url
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from . import errors
from .links import link, query_suffix

LANGUAGE_PARAMETER = "lang"
# Unprefixed answers that take their language from the request rather than the address.
NEGOTIATED_NAMESPACES = frozenset({"api", "admin"})
# Prefixed answers that also take ``?lang=``, by a redirect to that language's address.
REDIRECTED_VIEWS = frozenset({"opendata:cases-csv", "opendata:cases-json"})


def codes():
    return [code for code, _name in settings.LANGUAGES]


def supported(value):
    """The configured language code ``value`` names (any case), or None."""
    value = (value or "").strip().lower()
    return value if value in codes() else None


def _negotiated(match):
    return match.namespace in NEGOTIATED_NAMESPACES


def _unknown_language_detail(value):
    return _("%(value)s is not a supported language. Use one of: %(names)s.") % {
        "value": value,
        "names": ", ".join(codes()),
    }


def _bad_request(detail):
    response = HttpResponseBadRequest(detail, content_type="text/plain; charset=utf-8")
    patch_cache_control(response, private=True, no_store=True)
    return response


def _unknown_language(request, match, value):
    detail = _unknown_language_detail(value)
    if match.namespace == "api":
        return errors.problem(400, _("Unknown language"), detail)
    return _bad_request(detail)


class LocaleMiddleware(locale.LocaleMiddleware):
    """Django's LocaleMiddleware, plus negotiation where there is no prefix."""

    def process_request(self, request):
        super().process_request(request)
        if translation.get_language_from_path(request.path_info):
            return None
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        if _negotiated(match):
            request._language_negotiated = True
            if LANGUAGE_PARAMETER in request.GET and match.namespace != "admin":
                value = request.GET[LANGUAGE_PARAMETER]
                language = supported(value)
                if language is None:
                    translation.activate(settings.LANGUAGE_CODE)
                    return _unknown_language(request, match, value)
            else:
                language = translation.get_language_from_request(request, check_path=False)
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        elif match.view_name in REDIRECTED_VIEWS and LANGUAGE_PARAMETER in request.GET:
            value = request.GET[LANGUAGE_PARAMETER]
            language = supported(value)
            if language is None:
                return _unknown_language(request, match, value)
            query = request.GET.copy()
            del query[LANGUAGE_PARAMETER]
            address = translate_url(request.path, language) + query_suffix(query)
            return HttpResponseRedirect(address)
        elif match.view_name == "home":
            request._language_negotiated = True
            preferred = translation.get_language_from_request(request, check_path=False)
            if preferred != settings.LANGUAGE_CODE:
                with translation.override(preferred):
                    address = reverse("home")
                query = request.META.get("QUERY_STRING", "")
                response = HttpResponseRedirect(f"{address}?{query}" if query else address)
                patch_vary_headers(response, ("Accept-Language", "Cookie"))
                return response
        return None

    def process_response(self, request, response):
        # Not Django's: with English unprefixed it would add Vary: Accept-Language to
        # every English page, splitting a CDN's copy of pages whose language is fixed
        # by their address. Only answers that negotiated vary.
        if getattr(request, "_language_negotiated", False):
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


def alternates(request):
    """[(code, local name, path)] of this page in every language (its path alone)."""
    path = request.path if request is not None else reverse("home")
    found = []
    for code in codes():
        info = translation.get_language_info(code)
        found.append((code, info["name_local"], translate_url(path, code)))
    return found


def switcher(request):
    """[(code, local name, address, current)] of this page (with its query) in every
    language, through ``switch`` so that the choice is remembered."""
    current = translation.get_language()
    full_path = request.get_full_path() if request is not None else reverse("home")
    found = []
    for code in codes():
        info = translation.get_language_info(code)
        target = translate_url(full_path, code)
        address = link("switch-language", lang=code, next=target)
        found.append((code, info["name_local"].capitalize(), address, code == current))
    return found


@require_safe
def switch(request):
    """Remember the language chosen (Django's language cookie) and go to ``next``, the
    page in that language. Works as a plain link, so no JavaScript and no form."""
    language = supported(request.GET.get(LANGUAGE_PARAMETER))
    if language is None:
        return _bad_request(_unknown_language_detail(request.GET.get(LANGUAGE_PARAMETER, "")))
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        with translation.override(language):
            target = reverse("home")
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    patch_cache_control(response, private=True, no_store=True)
    return response
