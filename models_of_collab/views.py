"""Public pages of the guide's framework, each with the published cases behind it."""

from django.shortcuts import get_object_or_404, render

from cases import selectors

from .models import CollaborationModel, Motivation


def model_list(request):
    return render(
        request,
        "models_of_collab/model_list.html",
        {"models": selectors.models_with_case_counts()},
    )


def model_detail(request, slug):
    model = get_object_or_404(
        CollaborationModel.objects.prefetch_related("recommendations"), slug=slug
    )
    context = {"model": model, **selectors.model_overview(model)}
    return render(request, "models_of_collab/model_detail.html", context)


def motivation_list(request):
    return render(
        request,
        "models_of_collab/motivation_list.html",
        {"motivations": selectors.motivations_with_case_counts()},
    )


def motivation_detail(request, slug):
    motivation = get_object_or_404(Motivation, slug=slug)
    context = {"motivation": motivation, **selectors.motivation_overview(motivation)}
    return render(request, "models_of_collab/motivation_detail.html", context)
