"""Facet counts for the case list and the home page.

A facet's count for an option is the number of cases the list would hold with that
option added to the *other* active filters: each facet is counted over
``filterset.queryset_without(facet)``, in one aggregate query per facet.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from models_of_collab.models import CollaborationModel, Motivation

from .choices import CollaborationForm, InitiatorKind
from .filters import published_related
from .models import Actor, Initiative, Theme


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Facet:
    name: str
    label: str
    options: list
    unknown: list = field(default_factory=list)

    @property
    def selected_options(self):
        return [option for option in self.options if option.selected]


def _ids(queryset):
    # Counting over a subquery of primary keys drops the search rank and the ordering.
    return queryset.order_by().values("pk")


def _choice_options(base, column, choices, selected):
    counts = dict(
        Initiative.objects.filter(pk__in=_ids(base))
        .values_list(column)
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [
        Option(value, str(label), counts.get(value, 0), value in selected)
        for value, label in choices
    ]


def _related_options(base, model, selected, *, keep_empty=True, only=None, public_only=False):
    rows = model.objects.all() if only is None else model.objects.filter(slug__in=only)
    if public_only:
        # An organisation or theme of drafts alone is not named, even when asked for.
        rows = rows.filter(pk__in=published_related(model))
    rows = (
        rows.annotate(n=Count("initiatives", filter=Q(initiatives__in=_ids(base))))
        .order_by(*model._meta.ordering)
        .values_list("slug", "name", "n")
    )
    return [
        Option(slug, name, count, slug in selected)
        for slug, name, count in rows
        if keep_empty or count or slug in selected
    ]


def _country_options(base, selected):
    counts = Counter()
    for value in Initiative.objects.filter(pk__in=_ids(base)).values_list("countries", flat=True):
        counts.update(code for code in (value or "").split(",") if code)
    codes = set(counts) | set(selected)
    options = [Option(code, countries.name(code), counts[code], code in selected) for code in codes]
    return sorted(options, key=lambda option: option.label)


def _actor_options(base, selected):
    # Organisations are too many to offer as options: only the chosen ones are counted.
    if not selected:
        return []
    return _related_options(base, Actor, selected, only=selected, public_only=True)


FACETS = {
    "collaboration": (
        _("Collaboration form"),
        lambda base, selected: _choice_options(
            base, "collaboration", CollaborationForm.choices, selected
        ),
    ),
    "initiator": (
        _("Initiated by"),
        lambda base, selected: _choice_options(
            base, "initiator_kind", InitiatorKind.choices, selected
        ),
    ),
    "model": (
        _("Model of collaboration"),
        lambda base, selected: _related_options(base, CollaborationModel, selected),
    ),
    "motivation": (
        _("Motivation"),
        lambda base, selected: _related_options(base, Motivation, selected),
    ),
    "country": (_("Country"), _country_options),
    "theme": (
        _("Theme"),
        lambda base, selected: _related_options(
            base, Theme, selected, keep_empty=False, public_only=True
        ),
    ),
    "actor": (_("Organisation"), _actor_options),
}


def facet(name, base, selected=()):
    """One facet over ``base``: every option with its count, chosen ones marked."""
    label, options_for = FACETS[name]
    selected = list(selected)
    options = options_for(base, selected)
    known = {option.value for option in options}
    unknown = [value for value in selected if value not in known]
    return Facet(name, label, options, unknown)


def list_facets(filterset):
    """Every facet of the case list, each counted against the other active filters."""
    data = getattr(filterset.form, "cleaned_data", {})
    return [facet(name, filterset.queryset_without(name), data.get(name) or ()) for name in FACETS]
