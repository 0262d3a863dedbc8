"""The case list's facets, each declared once: the registry ``FACETS``.

A facet is a filter of ``CaseFilterSet`` (which gives its parameter name and label)
plus a way of counting its options. A facet's count for an option is the number of
cases the list would hold with that option added to the *other* active filters: each
facet is counted over ``filterset.queryset_without(facet)``, in one aggregate query.

The list, the home page, the model and motivation pages, ``/insights/`` and the chips
all read facets from here. Counts are kept in the cache under the catalogue version
(``collab_atlas.public_cache``) and the SQL of the cases counted, so every page and
every sort order of one filtered list, and the home page and the unfiltered list,
share them; a change to the catalogue starts afresh.

Adding a facet: a filter on ``CaseFilterSet``, one ``Facet`` here, and a test.
"""

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django_countries import countries

from collab_atlas.public_cache import catalogue_version
from models_of_collab.models import CollaborationModel, Motivation

from .choices import CollaborationForm, InitiatorKind
from .filters import CaseFilterSet, published_related
from .models import Actor, Initiative, Theme


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class FacetCounts:
    """One facet as a page shows it: every option with its count, chosen ones marked."""

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


def _countable(queryset):
    """``queryset`` ready to group: annotations (the search rank) would join the GROUP BY,
    so an annotated queryset is counted through its primary keys instead."""
    if queryset.query.annotations:
        return Initiative.objects.filter(pk__in=_ids(queryset))
    return queryset.order_by()


class Facet:
    """How one facet's options are listed and counted; subclasses per kind of value."""

    def __init__(self, name):
        self.name = name

    @property
    def label(self):
        return CaseFilterSet.base_filters[self.name].label

    def counts(self, base, selected):
        """[(value, label, count)] for the options to offer."""
        raise NotImplementedError

    def __call__(self, base, selected=()):
        selected = list(selected)
        rows = _remember(self.name, base, selected, lambda: self.counts(base, selected))
        options = [Option(value, label, count, value in selected) for value, label, count in rows]
        known = {option.value for option in options}
        unknown = [value for value in selected if value not in known]
        return FacetCounts(self.name, self.label, options, unknown)


class ChoiceFacet(Facet):
    """A column with fixed choices: every choice is offered, counted or not."""

    def __init__(self, name, column, choices):
        super().__init__(name)
        self.column, self.choices = column, choices

    def counts(self, base, selected):
        counts = dict(_countable(base).values_list(self.column).annotate(n=Count("pk")))
        return [(value, str(label), counts.get(value, 0)) for value, label in self.choices]


class RelatedFacet(Facet):
    """Records linked to cases (models, motivations, themes, organisations)."""

    def __init__(self, name, model, *, keep_empty=True, public_only=False, only_selected=False):
        super().__init__(name)
        self.model = model
        self.keep_empty, self.public_only, self.only_selected = (
            keep_empty,
            public_only,
            only_selected,
        )

    def counts(self, base, selected):
        if self.only_selected and not selected:
            return []
        rows = self.model.objects.all()
        if self.only_selected:
            rows = rows.filter(slug__in=selected)
        if self.public_only:
            # An organisation or theme of drafts alone is not named, even when asked for.
            rows = rows.filter(pk__in=published_related(self.model))
        # Counted from the link table, each record's links to the cases of ``base``.
        link = Initiative._meta.get_field(self.relation).remote_field.through
        column = f"{self.model._meta.model_name}_id"
        linked = (
            link.objects.filter(**{column: OuterRef("pk")}, initiative__in=_ids(base))
            .order_by()
            .values(column)
            .annotate(n=Count("initiative_id", distinct=True))
            .values("n")
        )
        rows = rows.annotate(n=Coalesce(Subquery(linked), 0)).order_by(*self.model._meta.ordering)
        return [
            (slug, name, count)
            for slug, name, count in rows.values_list("slug", "name", "n")
            if self.keep_empty or count or slug in selected
        ]

    @property
    def relation(self):
        return {
            CollaborationModel: "collaboration_models",
            Motivation: "motivations",
            Theme: "themes",
            Actor: "actors",
        }[self.model]


class CountryFacet(Facet):
    """Countries are stored together ("PL,RO"): cases are grouped by that value, which
    takes few distinct forms, and the groups are split and summed."""

    def counts(self, base, selected):
        counts = Counter()
        for value, n in _countable(base).values_list("countries").annotate(n=Count("pk")):
            for code in (value or "").split(","):
                if code:
                    counts[code] += n
        codes = set(counts) | {code for code in selected if code in countries}
        rows = [(code, countries.name(code), counts[code]) for code in codes]
        return sorted(rows, key=lambda row: row[1])


FACETS = {
    facet.name: facet
    for facet in [
        ChoiceFacet("collaboration", "collaboration", CollaborationForm.choices),
        ChoiceFacet("initiator", "initiator_kind", InitiatorKind.choices),
        RelatedFacet("model", CollaborationModel),
        RelatedFacet("motivation", Motivation),
        CountryFacet("country"),
        RelatedFacet("theme", Theme, keep_empty=False, public_only=True),
        # Organisations are too many to offer as options: only chosen ones are counted.
        RelatedFacet("actor", Actor, public_only=True, only_selected=True),
    ]
}


def _remember(name, base, selected, compute):
    try:
        sql, params = _ids(base).query.sql_with_params()
    except EmptyResultSet:
        # A query that can match nothing (a search of punctuation) is not worth keeping.
        return compute()
    fingerprint = hashlib.sha256(repr((sql, params, sorted(selected))).encode()).hexdigest()
    key = f"facet:{catalogue_version()}:{name}:{fingerprint[:32]}"
    rows = cache.get(key)
    if rows is None:
        rows = compute()
        cache.set(key, rows, 600)
    return rows


def facet(name, base, selected=()):
    """One facet over the cases of ``base``."""
    return FACETS[name](base, selected)


def list_facets(filterset):
    """Every facet of the case list, each counted against the other active filters."""
    data = getattr(filterset.form, "cleaned_data", {})
    return {
        name: counter(filterset.queryset_without(name), data.get(name) or ())
        for name, counter in FACETS.items()
    }
