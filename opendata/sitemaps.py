"""sitemap.xml: every public page, and only published content."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap as BaseSitemap
from django.urls import reverse

from cases.models import Initiative
from pages.models import Page

from . import selectors

CATALOGUE_PAGES = [
    "home", "cases:list", "models_of_collab:list", "models_of_collab:motivations",
    "cases:actors", "cases:lessons", "insights:choose", "insights:insights",
]  # fmt: skip


class Sitemap(BaseSitemap):
    """Locations on SITE_URL when it is set, so they name the canonical address.

    Every page once per language, each naming the others (and English, the unprefixed
    address, as x-default) in ``xhtml:link rel="alternate" hreflang`` elements.
    """

    i18n = True
    alternates = True
    x_default = True

    def get_protocol(self, protocol=None):
        if settings.SITE_URL:
            return urlsplit(settings.SITE_URL).scheme
        return super().get_protocol(protocol)

    def get_domain(self, site=None):
        if settings.SITE_URL:
            return urlsplit(settings.SITE_URL).netloc
        return super().get_domain(site)


class PageSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return [*CATALOGUE_PAGES, "opendata:data", "opendata:dictionary", "api:docs"]

    def location(self, item):
        # Reversed in the language of each entry, so it carries that language's prefix.
        return reverse(item)


class CaseSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.7

    def items(self):
        return Initiative.objects.published().order_by("slug").only("slug", "updated_at")

    def lastmod(self, case):
        return case.updated_at


class CollaborationModelSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return selectors.package_collaboration_models()


class MotivationSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return selectors.package_motivations()


class ActorSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return selectors.package_actors().only("slug", "updated_at")

    def lastmod(self, actor):
        return actor.updated_at


class SitePageSitemap(Sitemap):
    """About, privacy, accessibility, contact and any other published page."""

    changefreq = "monthly"
    priority = 0.4

    def items(self):
        return Page.objects.published().order_by("slug").only("slug", "updated_at")

    def lastmod(self, page):
        return page.updated_at


SITEMAPS = {
    "pages": PageSitemap,
    "site-pages": SitePageSitemap,
    "cases": CaseSitemap,
    "models": CollaborationModelSitemap,
    "motivations": MotivationSitemap,
    "actors": ActorSitemap,
}
