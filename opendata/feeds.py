"""Atom feeds of newly published cases: all of them, and per model of collaboration."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

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
    feed_type = PlainTextAtomFeed
    title = _("Collab Atlas: newly published case studies")
    subtitle = _("Case studies of collaboration between civic tech organisations and governments.")
    link = reverse_lazy("cases:list")
    feed_copyright = f"{LICENSE_NAME} {LICENSE_URL}"

    def feed_url(self, obj=None):
        return reverse("opendata:feed-cases")

    def items(self, obj=None):
        return selectors.latest_cases(FEED_LENGTH, collaboration_model=obj)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at


class ModelCasesFeed(CasesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(CollaborationModel, slug=slug)

    def title(self, obj):
        return _("Collab Atlas: new case studies of the model “%(model)s”") % {"model": obj.name}

    def subtitle(self, obj):
        return obj.summary

    def link(self, obj):
        return obj.get_absolute_url()

    def feed_url(self, obj):
        return reverse("opendata:feed-model", kwargs={"slug": obj.slug})
