"""Read-side helpers for pages that combine the framework with the published evidence."""

from django.db.models import Count, Q

from models_of_collab.models import CollaborationModel, Motivation

from .choices import State
from .facets import facet
from .models import Initiative, Lesson

PUBLISHED = Q(initiatives__state=State.PUBLISHED)


def models_with_case_counts():
    return CollaborationModel.objects.annotate(
        case_count=Count("initiatives", filter=PUBLISHED)
    ).order_by("order", "name")


def motivations_with_case_counts():
    return Motivation.objects.annotate(case_count=Count("initiatives", filter=PUBLISHED)).order_by(
        "order", "name"
    )


def model_overview(model, case_limit=12, lesson_limit=10):
    """What a model's page shows: its latest cases, lessons, and how its cases split."""
    cases = Initiative.objects.published().using_model(model)
    by_collaboration = facet("collaboration", cases)
    return {
        "case_count": sum(option.count for option in by_collaboration.options),
        "cases": cases.for_list().newest_first()[:case_limit],
        "lessons": Lesson.objects.published()
        .about_models([model.slug])
        .for_list()
        .order_by("initiative__title", "order", "pk")[:lesson_limit],
        "by_initiator": facet("initiator", cases),
        "by_collaboration": by_collaboration,
    }


def motivation_overview(motivation, case_limit=24):
    cases = Initiative.objects.published().with_motivation(motivation)
    by_collaboration = facet("collaboration", cases)
    return {
        "case_count": sum(option.count for option in by_collaboration.options),
        "cases": cases.for_list().newest_first()[:case_limit],
        "by_collaboration": by_collaboration,
        "by_initiator": facet("initiator", cases),
    }
