"""Public pages of the evidence: the case list and case pages, organisations, lessons."""

from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView
from django_filters.views import FilterView

from collab_atlas.pagination import ClampedPaginationMixin
from models_of_collab.models import CollaborationModel

from .choices import ActorKind, InitiatorKind, LessonKind
from .facets import facet, list_facets
from .filters import ActorFilterSet, CaseFilterSet, LessonFilterSet, Sort
from .models import Actor, Initiative, Involvement, Lesson, Theme

HOME_FACETS = ["model", "collaboration", "initiator", "motivation"]


def home(request):
    published = Initiative.objects.published()
    entry_points = {name: facet(name, published) for name in HOME_FACETS}
    context = {
        "entry_points": entry_points,
        "case_count": sum(option.count for option in entry_points["collaboration"].options),
        "latest": published.for_list().newest_first()[:6],
    }
    return render(request, "cases/home.html", context)


def _url_without(query, name, value=None):
    """The current query string without one value of ``name`` (or all of it), page reset."""
    params = query.copy()
    params.pop("page", None)
    if value is None:
        params.pop(name, None)
    else:
        kept = [item for item in params.getlist(name) if item.strip().upper() != value.upper()]
        params.setlist(name, kept)
    for key in list(params):
        # A form submitted without JavaScript sends its empty fields too.
        if not any(item.strip() for item in params.getlist(key)):
            del params[key]
    encoded = params.urlencode()
    return reverse("cases:list") + (f"?{encoded}" if encoded else "")


class BoundFilterMixin:
    """Always bind the FilterSet, so that an empty query is a valid, filtered-by-nothing one."""

    strict = False

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["data"] = self.request.GET or QueryDict()
        return kwargs

    def invalid_notices(self):
        notices = []
        for name, reason in self.filterset.invalid_parameters.items():
            label = self.filterset.filters[name].label if name in self.filterset.filters else name
            notices.append(
                _("The filter “%(filter)s” was ignored: %(reason)s")
                % {"filter": label, "reason": reason}
            )
        return notices


class CaseListView(BoundFilterMixin, ClampedPaginationMixin, FilterView):
    filterset_class = CaseFilterSet
    template_name = "cases/case_list.html"
    paginate_by = 20

    def get_queryset(self):
        return Initiative.objects.published().for_list()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        data = self.filterset.form.cleaned_data
        facets = list_facets(self.filterset)
        notices = self.invalid_notices()
        chips = []
        if data.get("q"):
            chips.append(
                {
                    "label": _("Search: %(text)s") % {"text": data["q"]},
                    "url": _url_without(self.request.GET, "q"),
                }
            )
        for group in facets:
            for option in group.selected_options:
                chips.append(
                    {
                        "label": f"{group.label}: {option.label}",
                        "url": _url_without(self.request.GET, group.name, option.value),
                    }
                )
            for value in group.unknown:
                notices.append(
                    _("No %(filter)s is called “%(value)s”; that filter was ignored.")
                    % {"filter": str(group.label).lower(), "value": value[:50]}
                )
        for name in ("year_from", "year_to"):
            if data.get(name) is not None:
                chips.append(
                    {
                        "label": f"{self.filterset.filters[name].label}: {data[name]}",
                        "url": _url_without(self.request.GET, name),
                    }
                )
        searching = bool(data.get("q"))
        context.update(
            {
                "facets": [group for group in facets if group.name != "actor"],
                "actor_facet": facets[-1],
                "chips": chips,
                "notices": notices,
                "result_count": context["paginator"].count,
                "query": data.get("q", ""),
                "year_from": data.get("year_from"),
                "year_to": data.get("year_to"),
                "sort": self.filterset.sort_value,
                "sort_choices": [
                    (value, label)
                    for value, label in Sort.CHOICES
                    if searching or value != Sort.RELEVANCE
                ],
            }
        )
        return context


class CaseDetailView(DetailView):
    template_name = "cases/case_detail.html"
    context_object_name = "case"

    def get_queryset(self):
        return Initiative.objects.published().for_detail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(case_page_context(self.object))
        return context


def case_page_context(case):
    """What the case page shows besides the case itself; the preview shares it."""
    lessons = list(case.lessons.all())
    return {
        "case": case,
        "learnt": [lesson for lesson in lessons if lesson.kind != LessonKind.IMPROVEMENT],
        "improvements": [lesson for lesson in lessons if lesson.kind == LessonKind.IMPROVEMENT],
        "related": Initiative.objects.published().sharing_with(case).related_to(case)[:6],
        "suggest_url": "/suggest/?" + QueryDict.fromkeys(["case"], case.slug).urlencode(),
    }


class ActorListView(BoundFilterMixin, ClampedPaginationMixin, FilterView):
    filterset_class = ActorFilterSet
    template_name = "cases/actor_list.html"
    paginate_by = 30

    def get_queryset(self):
        return Actor.objects.for_directory()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        data = self.filterset.form.cleaned_data
        context.update(
            {
                "notices": self.invalid_notices(),
                "kinds": [
                    (value, label, value in (data.get("kind") or []))
                    for value, label in ActorKind.choices
                ],
                "countries": Actor.objects.directory_countries(data.get("country") or []),
                "result_count": context["paginator"].count,
            }
        )
        return context


def actor_detail(request, slug):
    actor = get_object_or_404(Actor, slug=slug)
    involvements = list(Involvement.objects.published().filter(actor=actor).for_actor_page())
    if not involvements:
        # Organisations appear on the public site through published cases only.
        raise Http404
    cases = {}
    for involvement in involvements:
        entry = cases.setdefault(
            involvement.initiative_id, {"case": involvement.initiative, "roles": []}
        )
        entry["roles"].append(involvement)
    return render(request, "cases/actor_detail.html", {"actor": actor, "cases": cases.values()})


class LessonListView(BoundFilterMixin, ClampedPaginationMixin, FilterView):
    filterset_class = LessonFilterSet
    template_name = "cases/lesson_list.html"
    paginate_by = 20

    def get_queryset(self):
        return Lesson.objects.published().for_list().by_case()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        data = self.filterset.form.cleaned_data

        def options(pairs, name):
            chosen = data.get(name) or []
            return [(value, label, value in chosen) for value, label in pairs]

        context.update(
            {
                "notices": self.invalid_notices(),
                "filter_groups": [
                    (
                        "model",
                        _("Model of collaboration"),
                        options(CollaborationModel.objects.values_list("slug", "name"), "model"),
                    ),
                    ("initiator", _("Initiated by"), options(InitiatorKind.choices, "initiator")),
                    (
                        "theme",
                        _("Theme"),
                        options(Theme.objects.in_use().values_list("slug", "name"), "theme"),
                    ),
                    ("kind", _("Kind"), options(LessonKind.choices, "kind")),
                ],
                "result_count": context["paginator"].count,
            }
        )
        return context
