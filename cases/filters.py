"""The one FilterSet behind the case list, the API and the downloads.

Repeated parameters mean OR within a facet; different facets combine with AND.
A malformed value makes its filter invalid; views ignore invalid filters and say so.
"""

import re

import django_filters
from django import forms
from django.core.validators import validate_slug
from django.db.models import Exists, F, Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from .choices import ActorKind, CollaborationForm, InitiatorKind, LessonKind
from .models import MAX_YEAR, MIN_YEAR, Actor, Initiative, Lesson, published_through

MAX_VALUES = 30
MAX_QUERY_LENGTH = 200
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


class ValueListField(forms.Field):
    """A repeatable query parameter (``?model=a&model=b``) as a list of strings."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {
        "too_many": _("Choose at most %(max)d values."),
        "invalid_value": _("“%(value)s” is not a valid value."),
    }

    def to_python(self, value):
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        return list(dict.fromkeys(str(item).strip() for item in value if str(item).strip()))

    def validate(self, value):
        super().validate(value)
        if len(value) > MAX_VALUES:
            raise forms.ValidationError(
                self.error_messages["too_many"], code="too_many", params={"max": MAX_VALUES}
            )
        for item in value:
            self.validate_item(item)

    def validate_item(self, item):
        try:
            validate_slug(item)
        except forms.ValidationError:
            raise forms.ValidationError(
                self.error_messages["invalid_value"],
                code="invalid_value",
                params={"value": item[:50]},
            ) from None


class ChoiceListField(ValueListField):
    def __init__(self, *, choices=(), **kwargs):
        self.valid_values = {value for value, _label in choices}
        super().__init__(**kwargs)

    def validate_item(self, item):
        if item not in self.valid_values:
            raise forms.ValidationError(
                self.error_messages["invalid_value"],
                code="invalid_value",
                params={"value": item[:50]},
            )


class CountryListField(ValueListField):
    def to_python(self, value):
        return [item.upper() for item in super().to_python(value)]

    def validate_item(self, item):
        if not re.fullmatch(r"[A-Z]{2}", item) or item not in countries:
            raise forms.ValidationError(
                self.error_messages["invalid_value"],
                code="invalid_value",
                params={"value": item[:50]},
            )


class SearchField(forms.CharField):
    """Free text, stripped of control characters and cut to a sane length."""

    def to_python(self, value):
        value = CONTROL_CHARACTERS.sub(" ", super().to_python(value) or "")
        return " ".join(value.split())[:MAX_QUERY_LENGTH]


class ListFilter(django_filters.Filter):
    """Values are slugs of a related model (``model``, ``theme``, ``actor``…).

    Slugs that name nothing are ignored: ``model=nope`` lists every case, as if the
    parameter were absent, instead of none. The list page names them in a message.
    With ``public_only``, a slug known only from unpublished cases counts as naming
    nothing, so the list does not reveal that such an organisation or theme exists.
    """

    field_class = ValueListField

    def __init__(self, *args, public_only=False, **kwargs):
        self.public_only = public_only
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        relation, _sep, slug_field = self.field_name.partition("__")
        related = Initiative._meta.get_field(relation).related_model
        # A subquery keeps one row per case without DISTINCT, which would fight ordering.
        matching = Initiative.objects.filter(**{f"{self.field_name}__in": value}).values("pk")
        known = related.objects.filter(**{f"{slug_field}__in": value})
        if self.public_only:
            known = known.filter(pk__in=published_related(related))
        return qs.filter(Q(pk__in=matching) | ~Exists(known))


def published_related(model):
    """Primary keys of ``model`` rows (actors, themes…) linked to a published case."""
    return model.objects.filter(published_through("initiatives")).values("pk")


class ChoiceListFilter(django_filters.Filter):
    field_class = ChoiceListField

    def filter(self, qs, value):
        return qs.filter(**{f"{self.field_name}__in": value}) if value else qs


class CountryFilter(django_filters.Filter):
    field_class = CountryListField

    def filter(self, qs, value):
        if not value:
            return qs
        # Countries are stored as "PL,RO": two-letter codes never match across a comma.
        matches = Q()
        for code in value:
            matches |= Q(countries__contains=code)
        return qs.filter(matches)


class SearchFilter(django_filters.CharFilter):
    field_class = SearchField


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", MIN_YEAR)
        kwargs.setdefault("max_value", MAX_YEAR)
        super().__init__(*args, **kwargs)


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


class CaseFilterSet(LenientFilterSet):
    q = SearchFilter(method="filter_search", label=_("Search"))
    collaboration = ChoiceListFilter(
        field_name="collaboration",
        choices=CollaborationForm.choices,
        label=_("Collaboration form"),
    )
    initiator = ChoiceListFilter(
        field_name="initiator_kind", choices=InitiatorKind.choices, label=_("Initiated by")
    )
    model = ListFilter(field_name="collaboration_models__slug", label=_("Model of collaboration"))
    motivation = ListFilter(field_name="motivations__slug", label=_("Motivation"))
    country = CountryFilter(label=_("Country"))
    theme = ListFilter(field_name="themes__slug", label=_("Theme"), public_only=True)
    actor = ListFilter(field_name="actors__slug", label=_("Organisation"), public_only=True)
    year_from = YearFilter(field_name="start_year", lookup_expr="gte", label=_("Started from"))
    year_to = YearFilter(field_name="start_year", lookup_expr="lte", label=_("Started until"))
    sort = django_filters.ChoiceFilter(
        method="filter_sort", choices=Sort.CHOICES, label=_("Sort by"), empty_label=None
    )

    # Filters that narrow the list; "sort" only orders it.
    FACETS = ["collaboration", "initiator", "model", "motivation", "country", "theme", "actor"]

    class Meta:
        model = Initiative
        fields = []

    def filter_search(self, queryset, name, value):
        return queryset.search(value) if value else queryset

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


class ValuesFilter(django_filters.Filter):
    """A repeatable slug parameter handled by a FilterSet method."""

    field_class = ValueListField


class CountryInFilter(django_filters.Filter):
    """A repeatable country parameter on a single-country field."""

    field_class = CountryListField

    def filter(self, qs, value):
        return qs.filter(**{f"{self.field_name}__in": value}) if value else qs


class ActorFilterSet(LenientFilterSet):
    """The organisations directory: by kind and by country (repeatable, OR within)."""

    kind = ChoiceListFilter(field_name="kind", choices=ActorKind.choices, label=_("Kind"))
    country = CountryInFilter(field_name="country", label=_("Country"))

    class Meta:
        model = Actor
        fields = []


class LessonFilterSet(LenientFilterSet):
    """Lessons learnt, by the model they are about, who initiated the case, and theme."""

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

    def filter_model(self, queryset, name, value):
        return queryset.about_models(value) if value else queryset

    def filter_case(self, queryset, name, value):
        return queryset.filter(initiative__slug__in=value) if value else queryset

    def filter_theme(self, queryset, name, value):
        if not value:
            return queryset
        with_theme = Initiative.objects.filter(themes__slug__in=value).values("pk")
        return queryset.filter(initiative__in=with_theme)
