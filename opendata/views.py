from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    HttpResponsePermanentRedirect,
    StreamingHttpResponse,
)
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from . import downloads
from .citation import release_citation
from .columns import CASES, LIST_SEPARATOR, TABLES
from .licence import LICENSE_LINK_HEADER, LICENSE_NAME, LICENSE_URL
from .links import site_root
from .package import list_releases, release_archive
from .throttling import DownloadRateThrottle, too_many_requests


def _download(request, content_type, extension, body):
    throttle = DownloadRateThrottle()
    if not throttle.allow_request(request, None):
        return too_many_requests(throttle)
    root = site_root(request)
    filterset, cases = downloads.filter_cases(request.GET)
    response = StreamingHttpResponse(body(filterset, cases, root), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{downloads.filename(extension)}"'
    dictionary = root + reverse("opendata:dictionary")
    response["Link"] = f'{LICENSE_LINK_HEADER}, <{dictionary}>; rel="describedby"'
    response["X-License"] = f"{LICENSE_NAME} {LICENSE_URL}"
    return response


@require_safe
def cases_csv(request):
    return _download(
        request,
        "text/csv; charset=utf-8",
        "csv",
        lambda filterset, cases, root: downloads.csv_lines(cases, root),
    )


@require_safe
def cases_json(request):
    def body(filterset, cases, root):
        query = request.GET.urlencode()
        metadata = downloads.download_metadata(filterset, cases, root, query)
        return downloads.json_chunks(cases, metadata, root)

    return _download(request, "application/json", "json", body)


class OpenDataView(TemplateView):
    template_name = "opendata/open_data.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        releases = list_releases()
        latest = releases[0] if releases else None
        if latest:
            url = site_root(self.request) + reverse(
                "opendata:release", kwargs={"name": latest["archive"]}
            )
            context["citation"] = release_citation(latest, url)
        root = site_root(self.request)
        context.update(
            latest=latest,
            older_releases=releases[1:],
            dictionary_url=reverse("opendata:dictionary"),
            api_root_url=root + reverse("api:api-root"),
            api_docs_url=reverse("api:docs"),
            cases_feed_url=reverse("opendata:feed-cases"),
        )
        return context


class DictionaryView(TemplateView):
    template_name = "opendata/dictionary.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            cases_table=CASES,
            package_tables=TABLES,
            separator=LIST_SEPARATOR,
            **kwargs,
        )


@require_safe
def release_download(request, name):
    path = release_archive(name)
    if path is None:
        raise Http404("No such release.")
    response = FileResponse(path.open("rb"), as_attachment=True, filename=name)
    response["Link"] = LICENSE_LINK_HEADER
    return response


@require_safe
def favicon(request):
    """Browsers and crawlers ask for /favicon.ico whatever the page links: send them to
    the static file (hashed and cached by WhiteNoise)."""
    return HttpResponsePermanentRedirect(static("img/favicon.ico"))


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Allow: /",
        "Disallow: /admin/",
        # Every filter combination has its own download, in every language; crawlers need
        # none of them.
        "Disallow: /cases/download.",
        "Disallow: /*/cases/download.",
        # Signed previews of unpublished cases are for the people they were sent to.
        "Disallow: /cases/*/preview/",
        "Disallow: /*/cases/*/preview/",
        # The language switch only remembers a choice; each language's pages are linked
        # (hreflang) from every page and the sitemap.
        f"Disallow: {reverse('switch-language')}",
        f"Sitemap: {site_root(request)}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
