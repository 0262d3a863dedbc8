"""Public pages of the guide's framework (models and motivations), each with the published
cases behind it. They live here, not in ``models_of_collab``, because they show cases."""

from django.db.models import Count
from django.shortcuts import get_object_or_404, render

from models_of_collab.models import CollaborationModel, Motivation

from .facets import FACETS, split
from .models import Initiative, Lesson, published_through

MODEL_CASES, MODEL_LESSONS, MOTIVATION_CASES = 12, 10, 24


def _with_case_counts(framework):
    """``framework`` (models or motivations) in the guide's order, each with its number of
    published cases as ``case_count``."""
    published = published_through("initiatives")
    return framework.annotate(case_count=Count("initiatives", filter=published)).order_by(
        "order", "name"
    )


def model_list(request):
    models = _with_case_counts(CollaborationModel.objects.all())
    return render(request, "models_of_collab/model_list.html", {"models": models})


def model_detail(request, slug):
    model = get_object_or_404(
        CollaborationModel.objects.prefetch_related("recommendations"), slug=slug
    )
    cases = Initiative.objects.published().using_model(model)
    within = FACETS["model"].key_of(model)
    by_collaboration = split("collaboration", cases, within)
    context = {
        "model": model,
        "case_count": sum(option.count for option in by_collaboration.options),
        "cases": cases.for_list().newest_first()[:MODEL_CASES],
        "lessons": Lesson.objects.from_newest_cases_of(model, MODEL_LESSONS).for_list()[
            :MODEL_LESSONS
        ],
        "by_initiator": split("initiator", cases, within),
        "by_collaboration": by_collaboration,
    }
    return render(request, "models_of_collab/model_detail.html", context)


def motivation_list(request):
    motivations = _with_case_counts(Motivation.objects.all())
    return render(request, "models_of_collab/motivation_list.html", {"motivations": motivations})


def motivation_detail(request, slug):
    motivation = get_object_or_404(Motivation, slug=slug)
    cases = Initiative.objects.published().with_motivation(motivation)
    within = FACETS["motivation"].key_of(motivation)
    by_collaboration = split("collaboration", cases, within)
    context = {
        "motivation": motivation,
        "case_count": sum(option.count for option in by_collaboration.options),
        "cases": cases.for_list().newest_first()[:MOTIVATION_CASES],
        "by_collaboration": by_collaboration,
        "by_initiator": split("initiator", cases, within),
    }
    return render(request, "models_of_collab/motivation_detail.html", context)
