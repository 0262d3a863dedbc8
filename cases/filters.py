"""The one FilterSet behind the case list, the API and the downloads.

Repeated parameters mean OR within a facet; different facets combine with AND.
A malformed value makes its filter invalid; views ignore invalid filters and say so.
"""

import django_filters
from django.db.models import Exists, F, Q
from django.utils.translation import gettext_lazy as _

from models_of_collab.models import CollaborationModel

from . import search
from .choices import ActorKind, InitiatorKind, LessonKind
from .facets import FACETS
from .filter_kinds import (
    ChoiceListFilter,
    CountryInFilter,
    SearchFilter,
    ValuesFilter,
    YearFilter,
    published_related,
)
from .models import Actor, Initiative, Lesson, Theme


class Sort:
    RELEVANCE = "relevance"
    NEWEST = "newest"
    TITLE = "title"
    START_YEAR = "start_year"
    CHOICES = [
        (RELEVANCE, _("Relevance")),
        (NEWEST, _("Newest")),
        (TITLE, _("Title")),
        (START_YEAR, _("Start year")),
    ]


class LenientFilterSet(django_filters.FilterSet):
    """A FilterSet that applies its valid parameters and reports the others, never failing."""

    @property
    def invalid_parameters(self):
        """Readable reasons for each parameter that was ignored."""
        return {name: " ".join(errors) for name, errors in self.form.errors.items()}

    def filter_queryset(self, queryset):
        # Invalid parameters are dropped by validation and simply not applied.
        for name, value in getattr(self.form, "cleaned_data", {}).items():
            if value:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def queryset_without(self, *names):
        """The list with every valid filter applied except ``names`` (for facet counts)."""
        queryset = self.queryset.all()
        for name, value in getattr(self.form, "cleaned_data", {}).items():
            if value and name not in names:
                queryset = self.filters[name].filter(queryset, value)
        return queryset


class CaseFilterSet(LenientFilterSet):
    q = SearchFilter(method="filter_search", label=_("Search"))
    year_from = YearFilter(field_name="start_year", lookup_expr="gte", label=_("Started from"))
    year_to = YearFilter(field_name="start_year", lookup_expr="lte", label=_("Started until"))
    sort = django_filters.ChoiceFilter(
        method="filter_sort", choices=Sort.CHOICES, label=_("Sort by"), empty_label=None
    )

    class Meta:
        model = Initiative
        fields = []

    @classmethod
    def get_filters(cls):
        # The facets are declared in their registry; they sit between the search and the
        # years, the order in which links to the list write their parameters.
        filters = super().get_filters()
        return {"q": filters.pop("q"), **FACETS.make_filters(), **filters}

    def filter_search(self, queryset, name, value):
        return queryset.search(self.searched_for(value)) if value else queryset

    def searched_for(self, value):
        """The words searched for: as typed or, when as typed they find nothing, the
        nearest words the catalogue holds (``corrected_query``)."""
        if getattr(self, "_searched", None) is None:
            self.corrected_query = search.correct(self.queryset, value)
            self._searched = self.corrected_query or value
        return self._searched

    def filter_sort(self, queryset, name, value):
        # Sorting is applied last, in filter_queryset, once the search rank is known.
        return queryset

    def filter_queryset(self, queryset):
        queryset = self.queryset_without()
        return self.order(queryset)

    def queryset_without(self, *names):
        """The list with every valid filter applied except ``names`` (for facet counts)."""
        queryset = self.queryset.all()
        for name, value in self.form.cleaned_data.items():
            if name in names or name == "sort":
                continue
            queryset = self.filters[name].filter(queryset, value)
        return queryset

    @property
    def sort_value(self):
        data = (
            self.form.cleaned_data
            if self.form.is_valid() or hasattr(self.form, "cleaned_data")
            else {}
        )
        searching = bool(data.get("q"))
        sort = data.get("sort") or (Sort.RELEVANCE if searching else Sort.NEWEST)
        if sort == Sort.RELEVANCE and not searching:
            sort = Sort.NEWEST
        return sort

    def order(self, queryset):
        sort = self.sort_value
        if sort == Sort.RELEVANCE:
            return queryset.order_by("-rank", "title", "pk")
        if sort == Sort.TITLE:
            return queryset.order_by("title", "pk")
        if sort == Sort.START_YEAR:
            return queryset.order_by(F("start_year").desc(nulls_last=True), "title", "pk")
        return queryset.newest_first()


class ActorFilterSet(LenientFilterSet):
    """The organisations directory: by kind and by country (repeatable, OR within)."""

    kind = ChoiceListFilter(field_name="kind", choices=ActorKind.choices, label=_("Kind"))
    country = CountryInFilter(field_name="country", label=_("Country"))

    class Meta:
        model = Actor
        fields = []


class LessonFilterSet(LenientFilterSet):
    """Lessons learnt, by words, the model they are about, who initiated the case, and theme."""

    q = SearchFilter(method="filter_search", label=_("Search"))
    model = ValuesFilter(method="filter_model", label=_("Model of collaboration"))
    initiator = ChoiceListFilter(
        field_name="initiative__initiator_kind",
        choices=InitiatorKind.choices,
        label=_("Initiated by"),
    )
    theme = ValuesFilter(method="filter_theme", label=_("Theme"))
    kind = ChoiceListFilter(field_name="kind", choices=LessonKind.choices, label=_("Kind"))
    case = ValuesFilter(method="filter_case", label=_("Case study"))

    class Meta:
        model = Lesson
        fields = []

    def filter_search(self, queryset, name, value):
        return queryset.search(value) if value else queryset

    def filter_model(self, queryset, name, value):
        # Slugs that name no model are ignored (and named in a notice), as on the case list.
        if not value:
            return queryset
        about = Lesson.objects.about_models(value).values("pk")
        known = CollaborationModel.objects.filter(slug__in=value)
        return queryset.filter(Q(pk__in=about) | ~Exists(known))

    def filter_case(self, queryset, name, value):
        return queryset.filter(initiative__slug__in=value) if value else queryset

    def filter_theme(self, queryset, name, value):
        if not value:
            return queryset
        with_theme = Initiative.objects.filter(themes__slug__in=value).values("pk")
        known = Theme.objects.filter(slug__in=value, pk__in=published_related(Theme))
        return queryset.filter(Q(initiative__in=with_theme) | ~Exists(known))
