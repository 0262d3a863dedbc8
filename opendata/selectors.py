"""Query logic for the open data outputs. Everything starts from published cases."""

from django.db.models import Prefetch

from cases.models import Actor, Initiative, InitiativeLink, Involvement, Lesson, Source
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
