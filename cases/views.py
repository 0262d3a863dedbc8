"""Public pages of the evidence: the case list and case pages, organisations, lessons."""

from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.generic import DetailView
from django_filters.views import FilterView

from collab_atlas.links import link
from collab_atlas.pagination import ClampedPaginationMixin, CountedPaginator

from .chips import chips, unknown_value_notices, url_without
from .choices import ActorKind, LessonKind
from .facets import (
    home_facets,
    known_total,
    lesson_facets,
    list_facets,
    list_total,
    uncounted_group,
)
from .filters import ActorFilterSet, CaseFilterSet, LessonFilterSet, Sort
from .models import Actor, Initiative, Involvement, Lesson


def home(request):
    published = Initiative.objects.published()
    entry_points = home_facets(published)
    context = {
        "entry_points": entry_points,
        "case_count": sum(option.count for option in entry_points["collaboration"].options),
        "latest": published.for_list().newest_first()[:6],
    }
    return render(request, "cases/home.html", context)


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
    paginator_class = CountedPaginator

    def get_queryset(self):
        return Initiative.objects.published().for_list()

    def get_paginator(self, queryset, per_page, **kwargs):
        # The facet counts count the list too, where the database keeps facet keys.
        return super().get_paginator(queryset, per_page, count=list_total(self.filterset), **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        data = self.filterset.form.cleaned_data
        facets = list_facets(self.filterset)
        searching = bool(data.get("q"))
        active = chips(self.filterset, facets, self.request.GET)
        context.update(
            {
                "facets": facets,
                "chips": active,
                "active_filter_count": sum(1 for chip in active if chip["name"] != "q"),
                "notices": self.invalid_notices() + unknown_value_notices(facets),
                "result_count": context["paginator"].count,
                # The same list as an Atom feed (opendata.feeds): newest first, any page.
                "feed_url": link(
                    "opendata:feed-cases",
                    self.request.GET,
                    only=set(self.filterset.filters) - {"sort"},
                ),
                "feed_title": (
                    _("New case studies: %(filters)s")
                    % {"filters": "; ".join(chip["label"] for chip in active)}
                    if active
                    else _("Newly published case studies")
                ),
                "query": data.get("q", ""),
                "corrected_query": getattr(self.filterset, "corrected_query", None),
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
        "notes": case.source_numbers(),
        "learnt": [lesson for lesson in lessons if lesson.kind != LessonKind.IMPROVEMENT],
        "improvements": [lesson for lesson in lessons if lesson.kind == LessonKind.IMPROVEMENT],
        "related": Initiative.objects.related_to(case),
        "suggest_url": link("contributions:suggest", case=case.slug),
    }


class ActorListView(BoundFilterMixin, ClampedPaginationMixin, FilterView):
    filterset_class = ActorFilterSet
    template_name = "cases/actor_list.html"
    paginate_by = 30

    def get_queryset(self):
        return Actor.objects.for_directory()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        chosen_countries = self.filterset.form.cleaned_data.get("country") or []
        countries = Actor.objects.directory_countries(chosen_countries)
        context.update(
            {
                "notices": self.invalid_notices(),
                "filter_groups": [
                    uncounted_group(self.filterset, "kind", ActorKind.choices),
                    uncounted_group(
                        self.filterset, "country", [(code, name) for code, name, _c in countries]
                    ),
                ],
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
    paginator_class = CountedPaginator

    def get_queryset(self):
        return Lesson.objects.published().for_list().by_case()

    def get_paginator(self, queryset, per_page, **kwargs):
        # Every lesson of the catalogue: the running totals know how many.
        return super().get_paginator(queryset, per_page, count=known_total(queryset), **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        facets = lesson_facets(self.filterset)
        chosen_cases = self.filterset.form.cleaned_data.get("case") or []
        found = chips(self.filterset, facets, self.request.GET, route="cases:lessons")
        found += [
            {
                "label": _("Case study: %(slug)s") % {"slug": slug},
                "url": url_without(self.request.GET, "case", slug, route="cases:lessons"),
            }
            for slug in chosen_cases
        ]
        context.update(
            {
                "facets": facets,
                "chips": found,
                "chosen_cases": chosen_cases,
                "notices": self.invalid_notices() + unknown_value_notices(facets),
                "result_count": context["paginator"].count,
                "query": self.filterset.form.cleaned_data.get("q", ""),
            }
        )
        return context
