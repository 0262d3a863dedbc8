"""Query logic for the open data outputs. Everything starts from published cases."""

from django.db.models import Prefetch
from django.http import QueryDict
from django.utils.translation import gettext as _

from cases.chips import chips
from cases.facets import FACETS, list_facets
from cases.filters import CaseFilterSet
from cases.models import Actor, Initiative, InitiativeLink, Involvement, Lesson, Source
from collab_atlas.links import clean_query
from models_of_collab.models import CollaborationModel, Motivation, Recommendation


def public_actors():
    """Organisations with at least one published case, each with those cases and roles."""
    with_cases = Actor.objects.with_published_cases().order_by("name", "pk")
    return with_cases.prefetch_related(
        Prefetch(
            "involvements",
            queryset=Involvement.objects.published()
            .select_related("initiative")
            .order_by("initiative__title", "role"),
        )
    )


def public_collaboration_models():
    return CollaborationModel.objects.order_by("order", "name").prefetch_related(
        Prefetch("recommendations", queryset=Recommendation.objects.order_by("order", "pk")),
        Prefetch(
            "initiatives",
            queryset=Initiative.objects.published().order_by("title"),
            to_attr="published_initiatives",
        ),
    )


def public_motivations():
    return Motivation.objects.order_by("order", "name").prefetch_related(
        Prefetch(
            "initiatives",
            queryset=Initiative.objects.published().order_by("title"),
            to_attr="published_initiatives",
        )
    )


def public_lessons():
    return Lesson.objects.published().for_list().by_case()


class FeedQuery:
    """The case list's query as a feed reads it: which cases it selects, how to name
    them (``labels``, one per active filter) and what is wrong with it (``problems``).

    ``query`` keeps the list's own parameters, without sort order or page: a feed is
    always newest first.
    """

    def __init__(self, params):
        self.filterset = CaseFilterSet(
            params or QueryDict(), queryset=Initiative.objects.published()
        )
        self.filterset.is_valid()
        self.query = clean_query(params, only=set(self.filterset.filters) - {"sort"})
        self.problems = [
            _("%(filter)s (%(parameter)s): %(reason)s")
            % {"filter": self.filterset.filters[name].label, "parameter": name, "reason": reason}
            for name, reason in self.filterset.invalid_parameters.items()
            if name != "sort"
        ]
        # Counting the facets names the chosen options and finds values that name
        # nothing; a list without facet parameters needs neither.
        groups = list_facets(self.filterset) if any(n in FACETS for n in self.query) else []
        self.problems += [
            _("No %(filter)s is called “%(value)s”.")
            % {"filter": str(group.label).lower(), "value": value[:50]}
            for group in groups
            for value in group.unknown
        ]
        self.labels = [chip["label"] for chip in chips(self.filterset, groups, self.query)]

    def latest(self, limit):
        return self.filterset.queryset_without().newest_first()[:limit]


def latest_cases(limit, collaboration_model=None):
    """Newly published cases, newest first, for feeds."""
    cases = Initiative.objects.published()
    if collaboration_model is not None:
        cases = cases.using_model(collaboration_model)
    return cases.newest_first()[:limit]


# The data package: every published case and what hangs off it, in stable order.


def package_cases():
    return Initiative.objects.published().for_summary().order_by("slug")


def package_actors():
    return Actor.objects.with_published_cases().order_by("slug")


def package_involvements():
    return (
        Involvement.objects.published()
        .select_related("initiative", "actor")
        .prefetch_related("initiative__sources")
        .order_by("initiative__slug", "order", "pk")
    )


def package_collaboration_models():
    return CollaborationModel.objects.order_by("order", "slug")


def package_recommendations():
    return Recommendation.objects.select_related("collaboration_model").order_by(
        "collaboration_model__order", "collaboration_model__slug", "order", "pk"
    )


def package_motivations():
    return Motivation.objects.order_by("order", "slug")


def package_lessons():
    return (
        Lesson.objects.published()
        .select_related("initiative", "collaboration_model")
        .prefetch_related("initiative__sources")
        .order_by("initiative__slug", "order", "pk")
    )


def package_sources():
    return (
        Source.objects.filter(initiative__in=Initiative.objects.published())
        .select_related("initiative")
        .prefetch_related("initiative__sources")
        .order_by("initiative__slug", "order", "pk")
    )


def package_links():
    return (
        InitiativeLink.objects.public()
        .select_related("source", "target")
        .prefetch_related("source__sources")
        .order_by("source__slug", "target__slug")
    )
