"""Query logic for the open data outputs. Everything starts from published cases."""

from django.db.models import Prefetch

from cases.choices import State
from cases.models import Actor, Initiative, InitiativeLink, Involvement, Lesson, Source
from models_of_collab.models import CollaborationModel, Motivation, Recommendation


def published_cases():
    return Initiative.objects.published()


def with_case_summary_relations(cases):
    """What a case in a list or a download row shows, in a fixed number of queries."""
    return cases.prefetch_related(
        "collaboration_models",
        "motivations",
        "themes",
        Prefetch(
            "involvements",
            queryset=Involvement.objects.select_related("actor").order_by("order", "pk"),
        ),
    )


def with_case_detail_relations(cases):
    """Everything a single case shows; lineage only to other published cases."""
    return with_case_summary_relations(cases).prefetch_related(
        Prefetch(
            "lessons",
            queryset=Lesson.objects.select_related("collaboration_model").order_by("order", "pk"),
        ),
        Prefetch("sources", queryset=Source.objects.order_by("order", "pk")),
        Prefetch(
            "links_out",
            queryset=InitiativeLink.objects.filter(target__state=State.PUBLISHED)
            .select_related("target")
            .order_by("kind", "target__title"),
        ),
        Prefetch(
            "links_in",
            queryset=InitiativeLink.objects.filter(source__state=State.PUBLISHED)
            .select_related("source")
            .order_by("kind", "source__title"),
        ),
    )


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
            queryset=published_cases().order_by("title"),
            to_attr="published_initiatives",
        ),
    )


def public_motivations():
    return Motivation.objects.order_by("order", "name").prefetch_related(
        Prefetch(
            "initiatives",
            queryset=published_cases().order_by("title"),
            to_attr="published_initiatives",
        )
    )


def public_lessons():
    return (
        Lesson.objects.published()
        .select_related("initiative", "collaboration_model")
        .order_by("initiative__title", "order", "pk")
    )


def latest_cases(limit, collaboration_model=None):
    """Newly published cases, newest first, for feeds."""
    cases = published_cases()
    if collaboration_model is not None:
        cases = cases.filter(collaboration_models=collaboration_model)
    return cases.newest_first()[:limit]


# The data package: every published case and what hangs off it, in stable order.


def package_cases():
    return with_case_summary_relations(published_cases()).order_by("slug")


def package_actors():
    return Actor.objects.with_published_cases().order_by("slug")


def package_involvements():
    return (
        Involvement.objects.published()
        .select_related("initiative", "actor")
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
        .order_by("initiative__slug", "order", "pk")
    )


def package_sources():
    return (
        Source.objects.filter(initiative__in=published_cases())
        .select_related("initiative")
        .order_by("initiative__slug", "order", "pk")
    )


def package_links():
    return (
        InitiativeLink.objects.filter(source__state=State.PUBLISHED, target__state=State.PUBLISHED)
        .select_related("source", "target")
        .order_by("source__slug", "target__slug")
    )
