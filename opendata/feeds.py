"""Atom feeds of newly published cases: any list of them, and per model of collaboration.

``/feeds/cases.atom`` takes the case list's own query (``?model=hackathon&country=PL``),
read by the same ``CaseFilterSet``, so following a list means following its feed.
"""

from django.contrib.syndication.views import Feed
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _now
from django.utils.translation import gettext_lazy as _

from collab_atlas.links import link
from models_of_collab.models import CollaborationModel

from . import selectors
from .licence import LICENSE_NAME, LICENSE_URL

FEED_LENGTH = 50


class PlainTextAtomFeed(Atom1Feed):
    """Atom with each entry's summary as ``type="text"``.

    Django writes summaries as ``type="html"``, escaped once by the XML, so a feed reader
    would render any markup in a case summary. Summaries are plain text: say so.
    """

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class CasesFeed(Feed):
    """The newest published cases of the list that the query string selects."""

    feed_type = PlainTextAtomFeed
    subtitle = _("Case studies of collaboration between civic tech organisations and governments.")
    feed_copyright = f"{LICENSE_NAME} {LICENSE_URL}"

    def __call__(self, request, *args, **kwargs):
        if not kwargs:
            query = selectors.FeedQuery(request.GET)
            if query.problems:
                # A feed reader shows no notices, so a query that would quietly mean
                # something other than what was asked is refused, saying why.
                lines = [_now("This feed cannot follow that list:"), *query.problems]
                return HttpResponseBadRequest(
                    "\n".join(lines), content_type="text/plain; charset=utf-8"
                )
            # Read once: get_object() hands it to the feed.
            request.feed_query = query
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        return request.feed_query

    def title(self, obj):
        if not obj.labels:
            return _("Collab Atlas: newly published case studies")
        return _("Collab Atlas: new case studies, %(filters)s") % {"filters": "; ".join(obj.labels)}

    def link(self, obj):
        return link("cases:list", obj.query)

    def feed_url(self, obj):
        return link("opendata:feed-cases", obj.query)

    def items(self, obj):
        return obj.latest(FEED_LENGTH)

    def item_title(self, item):
        return item.title_i18n

    def item_description(self, item):
        return item.summary_i18n

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at


class ModelCasesFeed(CasesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(CollaborationModel, slug=slug)

    def items(self, obj):
        return selectors.latest_cases(FEED_LENGTH, collaboration_model=obj)

    def title(self, obj):
        return _("Collab Atlas: new case studies of the model “%(model)s”") % {
            "model": obj.name_i18n
        }

    def subtitle(self, obj):
        return obj.summary_i18n

    def link(self, obj):
        return obj.get_absolute_url()

    def feed_url(self, obj):
        return reverse("opendata:feed-model", kwargs={"slug": obj.slug})
