"""The facets of the case list, each declared once: its parameter, filter, label and counts.

``CaseFilterSet`` takes its facet filters from ``FACETS``; the case list, the home page,
the model and motivation pages, ``/insights/``, the API schema and the chips read them
from here. Adding a facet is one entry in ``FACETS``.

A facet's count for an option is the number of cases the list would hold with that
option added to the *other* active filters: each facet is counted over
``filterset.queryset_without(facet)``. On PostgreSQL the counts come from the facet
keys the database keeps on each case (``cases.facet_keys``): one pass counts every
facet of the same cases, and the whole catalogue is read from running totals. Other
databases count in one aggregate query per facet. A facet's parameter name is also
its key prefix (``model:3``, ``country:PL``).

Counts are kept in the cache under the catalogue version (``collab_atlas.public_cache``)
and the SQL of the cases counted, so the pages and sort orders of one filtered list,
the home page and the unfiltered list share them; any change to the catalogue starts
afresh.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import EmptyResultSet
from django.db.models import Count, F, Func, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from collab_atlas import translated
from collab_atlas.public_cache import versioned
from models_of_collab.models import CollaborationModel, Motivation

from . import facet_keys
from .choices import CollaborationForm, InitiatorKind, LessonKind
from .filter_kinds import ChoiceListFilter, CountryFilter, ListFilter, published_related
from .models import Actor, Initiative, Theme


def name_columns(model):
    """The columns naming ``model``'s rows in the active language (``translated.columns``);
    organisations keep one name in every language, so only ``name`` for them."""
    if "name" in getattr(model, "translated_fields", ()):
        return translated.columns("name")
    return ["name"]


@dataclass
class Option:
    """One checkbox of a filter group; ``count`` is None where a list does not count."""

    value: str
    label: str
    count: int | None = None
    selected: bool = False


@dataclass
class FacetGroup:
    """A facet as one page shows it: its options, and chosen values that name nothing."""

    name: str
    label: str
    options: list
    unknown: list = field(default_factory=list)

    @property
    def selected_options(self):
        return [option for option in self.options if option.selected]

    def chip_label(self, option):
        return f"{self.label}: {option.label}"


def uncounted_group(filterset, name, pairs):
    """A filter of ``filterset`` as a group of (value, label) options, without counts."""
    chosen = filterset.form.cleaned_data.get(name) or []
    options = [Option(value, label, None, value in chosen) for value, label in pairs]
    return FacetGroup(name, filterset.filters[name].label, options)


def _ids(queryset):
    # Counting over a subquery of primary keys drops the search rank and the ordering.
    return queryset.order_by().values("pk")


def _countable(base):
    # The search rank, an annotation, would join the GROUP BY: searched cases are counted
    # through their keys. Others are grouped directly, which saves a pass over the table.
    if base.query.annotations:
        return Initiative.objects.filter(pk__in=_ids(base))
    return base.order_by()


def remembered(kind, base, compute, *extra):
    """``compute()``, or its result for the same cases under the same catalogue version."""
    try:
        sql, params = _ids(base).query.sql_with_params()
    except EmptyResultSet:
        # A query that can match nothing (a search of punctuation) is not worth keeping.
        return compute()
    return versioned("facet", (kind, sql, params, extra), compute)


def count_by(base, *columns):
    """{value: cases} of ``base`` grouped by one column, or {(value, …): cases} by several.

    Cases without a value along a relation are left out; a column of the case itself
    keeps its empty value (None), as a count of cases without it.
    """
    return remembered(("count_by", columns), base, lambda: _count_by(base, columns))


def _count_by(base, columns):
    rows = _countable(base)
    across = [column for column in columns if "__" in column]
    rows = rows.filter(**{f"{column}__isnull": False for column in across})
    # A case joined to several related rows would otherwise count once per row.
    counted = rows.values_list(*columns).annotate(n=Count("pk", distinct=bool(across)))
    if len(columns) == 1:
        return {value: n for value, n in counted.order_by()}
    return {tuple(values): n for *values, n in counted.order_by()}


def split_countries(value):
    """Country codes of a stored country value: "PL,RO", a list, or one code."""
    codes = value.split(",") if isinstance(value, str) else [str(code) for code in value or []]
    return [code.strip().upper() for code in codes if code.strip()]


def countries_in_use(queryset, field_name):
    """(code, name) of each country in ``field_name`` of ``queryset``, sorted by name."""
    used = set()
    for value in queryset.order_by().values_list(field_name, flat=True).distinct():
        used.update(split_countries(value))
    return sorted(((code, countries.name(code)) for code in used), key=lambda pair: pair[1])


class Facet:
    """A repeatable list parameter whose options the list offers with their counts."""

    #: The grouping column for ``count_by``; None when counted otherwise.
    column = None

    def __init__(self, name, label, *, on_home=False):
        self.name = name
        self.label = label
        # The home page offers this facet's options as ways into the list.
        self.on_home = on_home

    def make_filter(self):
        raise NotImplementedError

    def keys(self, values):
        """The facet keys (``cases.facet_keys``) a filter on ``values`` asks a case for,
        or None when the values name nothing and the filter is to be ignored."""
        return [facet_keys.key(self.name, value) for value in values]

    def counts(self, base):
        """{value: number of cases of ``base``}."""
        if facet_keys.usable(base):
            return self.from_keys(facet_keys.by_prefix(facet_keys.counted(base), self.name))
        return count_by(base, self.column)

    def from_keys(self, keyed):
        """{value: n} from {key's value: n}: the same, except where keys name rows by id."""
        return keyed

    def options(self, base, selected):
        """Every option over ``base`` with its count."""
        if facet_keys.usable(base):
            keyed = facet_keys.by_prefix(facet_keys.counted(base), self.name)
            return self.keyed_options(keyed, selected)
        return self.counted_options(base, selected)

    def counted_options(self, base, selected):
        return self.keyed_options(self.counts(base), selected)

    def keyed_options(self, keyed, selected):
        raise NotImplementedError

    def group(self, base, selected=()):
        """Every option over ``base`` with its count, chosen ones marked."""
        selected = list(selected)
        options = remembered(
            ("options", self.name), base, lambda: self.options(base, selected), sorted(selected)
        )
        return self._group(options, selected)

    def keyed_group(self, keys, selected=()):
        """The group from counted keys ({key: n}, as ``facet_keys`` gives them)."""
        selected = list(selected)
        return self._group(
            self.keyed_options(facet_keys.by_prefix(keys, self.name), selected), selected
        )

    def _group(self, options, selected):
        known = {option.value for option in options}
        unknown = [value for value in selected if value not in known]
        return FacetGroup(self.name, self.label, options, unknown)


class ChoiceFacet(Facet):
    """A column with fixed choices: every choice is offered, counted or not."""

    def __init__(self, name, label, *, column, choices, **kwargs):
        super().__init__(name, label, **kwargs)
        self.column = column
        self.choices = choices

    def make_filter(self):
        return ChoiceListFilter(
            field_name=self.column, choices=self.choices, label=self.label, keys=self.keys
        )

    def keyed_options(self, keyed, selected):
        return [
            Option(value, str(label), keyed.get(value, 0), value in selected)
            for value, label in self.choices
        ]


class RelatedFacet(Facet):
    """Cases' related rows (models, themes…) by slug; their keys name them by id.

    ``public_only``: a row linked to drafts alone is neither offered nor named.
    ``keep_empty``: offer rows with no case in the list too.
    ``only_selected``: too many rows to offer; only the chosen ones are counted.
    """

    def __init__(
        self,
        name,
        label,
        *,
        model,
        relation,
        public_only=False,
        keep_empty=True,
        only_selected=False,
        **kwargs,
    ):
        super().__init__(name, label, **kwargs)
        self.model = model
        self.relation = relation
        self.column = f"{relation}__slug"
        self.public_only = public_only
        self.keep_empty = keep_empty
        self.only_selected = only_selected

    def make_filter(self):
        return ListFilter(
            field_name=self.column, label=self.label, public_only=self.public_only, keys=self.keys
        )

    def rows(self, selected=()):
        """(pk, slug, name) of the rows offered, in their order; those a published case
        holds when ``public_only``. Kept under the catalogue version."""
        if self.only_selected:
            rows = self.model.objects.filter(slug__in=selected)
        else:
            rows = self.model.objects.all()
        names = name_columns(self.model)
        ordered = rows.order_by(*self.model._meta.ordering).values_list("pk", "slug", *names)
        found = versioned(
            "facet-rows",
            (self.name, sorted(selected) if self.only_selected else (), names),
            lambda: [(pk, slug, translated.pick(texts)) for pk, slug, *texts in ordered],
        )
        if self.public_only:
            public = facet_keys.by_prefix(facet_keys.totals(), self.name)
            found = [row for row in found if str(row[0]) in public]
        return found

    def keys(self, values):
        keys = [facet_keys.key(self.name, pk) for pk, slug, _name in self.rows(values)
                if slug in values]  # fmt: skip
        return keys or None

    def key_of(self, row):
        """The key of one related row (``model:3``)."""
        return facet_keys.key(self.name, row.pk)

    def from_keys(self, keyed):
        if self.only_selected:
            rows = self.model.objects.filter(pk__in=[int(pk) for pk in keyed])
            return {slug: keyed[str(pk)] for pk, slug in rows.values_list("pk", "slug")}
        return {slug: keyed[str(pk)] for pk, slug, _name in self.rows() if str(pk) in keyed}

    def keyed_options(self, keyed, selected):
        if self.only_selected and not selected:
            return []
        options = []
        for pk, slug, name in self.rows(selected):
            count = keyed.get(str(pk), 0)
            if self.keep_empty or count or slug in selected:
                options.append(Option(slug, name, count, slug in selected))
        return options

    def counted_options(self, base, selected):
        if self.only_selected and not selected:
            return []
        model = self.model
        rows = model.objects.filter(slug__in=selected) if self.only_selected else model.objects
        if self.public_only:
            rows = rows.filter(pk__in=published_related(model))
        # Counted from the link table, each row's links to the cases of ``base``: one
        # pass over the links rather than over every case for every row.
        link = Initiative._meta.get_field(self.relation).remote_field.through
        column = f"{model._meta.model_name}_id"
        linked = (
            link.objects.filter(**{column: OuterRef("pk")}, initiative__in=_ids(base))
            .order_by()
            .values(column)
            .annotate(n=Count("initiative_id", distinct=True))
            .values("n")
        )
        rows = (
            rows.annotate(n=Coalesce(Subquery(linked), 0))
            .order_by(*model._meta.ordering)
            .values_list("slug", "n", *name_columns(model))
        )
        return [
            Option(slug, translated.pick(names), count, slug in selected)
            for slug, count, *names in rows
            if self.keep_empty or count or slug in selected
        ]


class CountryFacet(Facet):
    """Countries of the multi-country field: those in use, and those chosen."""

    def __init__(self, name, label, *, field_name="countries", **kwargs):
        super().__init__(name, label, **kwargs)
        self.field_name = field_name

    def make_filter(self):
        return CountryFilter(field_name=self.field_name, label=self.label, keys=self.keys)

    def counts(self, base):
        if facet_keys.usable(base):
            return super().counts(base)
        # Countries are stored together ("PL,RO"): cases are grouped by that value, which
        # takes few forms, and each group counts in each of its countries.
        return remembered(("countries", self.field_name), base, lambda: self._counts(base))

    def _counts(self, base):
        counts = Counter()
        grouped = _countable(base).values_list(self.field_name).annotate(n=Count("pk"))
        for value, n in grouped.order_by():
            for code in set(split_countries(value)):
                counts[code] += n
        return counts

    def keyed_options(self, keyed, selected):
        codes = set(keyed) | set(selected)
        options = [
            Option(code, countries.name(code), keyed.get(code, 0), code in selected)
            for code in codes
        ]
        return sorted(options, key=lambda option: option.label)


# The pairs of facets whose keys the totals count together (migration 0006).
PAIRED = {
    (first, second)
    for first in ("model", "motivation")
    for second in ("collaboration", "initiator")
}


class RowsFacet(Facet):
    """Rows of a related model (models, themes) counted in a list of something other than
    cases, such as lessons: ``matching(row)`` is the condition an item meets to belong to
    the row, given as an ``OuterRef`` to it.

    One query: each row carries a subquery counting the items of ``base`` that match it,
    so the cost grows with the rows offered (a handful), not with the catalogue.
    """

    def __init__(self, name, label, *, model, matching, public_only=False, keep_empty=True):
        super().__init__(name, label)
        self.model = model
        self.matching = matching
        self.public_only = public_only
        self.keep_empty = keep_empty

    def options(self, base, selected):
        if facet_keys.usable(base):
            # The items' keys name the rows by id (``model:3``), as the cases' do.
            keyed = facet_keys.by_prefix(facet_keys.counted(base), self.name)
            public = facet_keys.by_prefix(facet_keys.totals(base.model), self.name)
            names = name_columns(self.model)
            ordered = self.model.objects.order_by(*self.model._meta.ordering)
            rows = versioned(
                "facet-rows",
                (self.name, self.model._meta.label, names),
                lambda: [
                    (pk, slug, translated.pick(texts))
                    for pk, slug, *texts in ordered.values_list("pk", "slug", *names)
                ],
            )
            return [
                Option(slug, name, keyed.get(str(pk), 0), slug in selected)
                for pk, slug, name in rows
                if (not self.public_only or str(pk) in public)
                and (self.keep_empty or keyed.get(str(pk)) or slug in selected)
            ]
        items = base.model.objects.filter(pk__in=_ids(base))
        counted = (
            items.filter(self.matching(OuterRef("pk")))
            .order_by()
            # DISTINCT: a condition across a many-to-many join (a case's models) can
            # match one item on several rows.
            .annotate(
                n=Func(F("pk"), function="COUNT", template="%(function)s(DISTINCT %(expressions)s)")
            )
            .values("n")
        )
        rows = self.model.objects.all()
        if self.public_only:
            rows = rows.filter(pk__in=published_related(self.model))
        rows = (
            rows.annotate(n=Coalesce(Subquery(counted), 0))
            .order_by(*self.model._meta.ordering)
            .values_list("slug", "n", *name_columns(self.model))
        )
        return [
            Option(slug, translated.pick(names), count, slug in selected)
            for slug, count, *names in rows
            if self.keep_empty or count or slug in selected
        ]


class Registry(dict):
    """Facets by parameter name, in the order the list shows them."""

    def __init__(self, facets):
        super().__init__((facet.name, facet) for facet in facets)

    def make_filters(self):
        return {name: facet.make_filter() for name, facet in self.items()}

    def cross_counts(self, base, *names):
        """{(value, value…): cases} of ``base`` along several facets, in one query.

        On PostgreSQL a model or motivation against a form or initiator is read from
        the pairs of keys the totals keep (counted afresh when ``base`` is filtered).
        """
        if len(names) == 2 and facet_keys.usable(base) and names in PAIRED:
            first, second = self[names[0]], self[names[1]]
            by_first = {}
            for key, n in facet_keys.counted(base, pairs=True).items():
                left, _and, right = key.partition("&")
                if right.startswith(f"{second.name}:"):
                    by_first.setdefault(right.split(":", 1)[1], {})[left] = n
            counts = {}
            for value, keyed in by_first.items():
                for mine, n in first.from_keys(facet_keys.by_prefix(keyed, first.name)).items():
                    counts[(mine, value)] = n
            return counts
        return count_by(base, *(self[name].column for name in names))


FACETS = Registry(
    [
        ChoiceFacet(
            "collaboration",
            _("Collaboration form"),
            column="collaboration",
            choices=CollaborationForm.choices,
            on_home=True,
        ),
        ChoiceFacet(
            "initiator",
            _("Initiated by"),
            column="initiator_kind",
            choices=InitiatorKind.choices,
            on_home=True,
        ),
        RelatedFacet(
            "model",
            _("Model of collaboration"),
            model=CollaborationModel,
            relation="collaboration_models",
            on_home=True,
        ),
        RelatedFacet(
            "motivation",
            _("Motivation"),
            model=Motivation,
            relation="motivations",
            on_home=True,
        ),
        CountryFacet("country", _("Country")),
        RelatedFacet(
            "theme",
            _("Theme"),
            model=Theme,
            relation="themes",
            public_only=True,
            keep_empty=False,
        ),
        RelatedFacet(
            "actor",
            _("Organisation"),
            model=Actor,
            relation="actors",
            public_only=True,
            only_selected=True,
        ),
    ]
)


def _about_model(model):
    # As ``LessonQuerySet.about_models``: tagged with the model, or untagged in a case using it.
    return Q(collaboration_model=model) | Q(
        collaboration_model__isnull=True, initiative__collaboration_models=model
    )


#: The facets of the lessons list; each counts lessons, not cases.
LESSON_FACETS = Registry(
    [
        RowsFacet(
            "model",
            _("Model of collaboration"),
            model=CollaborationModel,
            matching=_about_model,
        ),
        ChoiceFacet(
            "initiator",
            _("Initiated by"),
            column="initiative__initiator_kind",
            choices=InitiatorKind.choices,
        ),
        RowsFacet(
            "theme",
            _("Theme"),
            model=Theme,
            matching=lambda theme: Q(initiative__themes=theme),
            public_only=True,
            keep_empty=False,
        ),
        ChoiceFacet("kind", _("Kind"), column="kind", choices=LessonKind.choices),
    ]
)


def facet(name, base, selected=()):
    """One facet over ``base``: every option with its count, chosen ones marked."""
    return FACETS[name].group(base, selected)


def split(name, cases, within):
    """Facet ``name`` over ``cases``, the published cases holding the key ``within``
    (``model:3``): on PostgreSQL read from the running totals of pairs."""
    if facet_keys.usable(cases):
        start = f"{within}&"
        pairs = {k[len(start) :]: n for k, n in facet_keys.totals().items() if k.startswith(start)}
        return FACETS[name].keyed_group(pairs)
    return facet(name, cases)


def list_counts(filterset):
    """{key: n} for every facet of the list and the list itself (``facet_keys.ALL``), in
    one query on PostgreSQL; computed once per filterset."""
    if getattr(filterset, "_facet_counts", None) is None:
        data = getattr(filterset.form, "cleaned_data", {})
        active = {}
        for name in FACETS:
            keys = filterset.filters[name].keys_for(data[name]) if data.get(name) else None
            if keys is not None:
                active[name] = keys
        common = filterset.queryset_without(*FACETS)
        filterset._facet_counts = facet_keys.list_counts(common, active)
    return filterset._facet_counts


def facet_counts(filterset, name):
    """{value: n} of one facet over the list as filtered along every other facet."""
    if facet_keys.usable(filterset.queryset):
        keyed = facet_keys.by_prefix(list_counts(filterset), name)
        return Counter(FACETS[name].from_keys(keyed))
    return Counter(FACETS[name].counts(filterset.queryset_without(name)))


def list_facets(filterset):
    """Every facet of the case list, each counted against the other active filters."""
    data = getattr(filterset.form, "cleaned_data", {})
    if facet_keys.usable(filterset.queryset):
        keys = list_counts(filterset)
        return [item.keyed_group(keys, data.get(name) or ()) for name, item in FACETS.items()]
    return [
        item.group(filterset.queryset_without(name), data.get(name) or ())
        for name, item in FACETS.items()
    ]


def list_total(filterset):
    """How many cases the list holds, where its facet counts already say; else None."""
    if facet_keys.usable(filterset.queryset):
        return list_counts(filterset).get(facet_keys.ALL, 0)
    return None


def known_total(queryset):
    """How many rows ``queryset`` holds when the running totals already say (every
    published case, or every lesson of one, on PostgreSQL); else None."""
    if facet_keys.usable(queryset) and facet_keys.is_whole_catalogue(queryset):
        return facet_keys.totals(queryset.model).get(facet_keys.ALL, 0)
    return None


def lesson_facets(filterset):
    """Every facet of the lessons list, each counted against the other active filters."""
    data = getattr(filterset.form, "cleaned_data", {})
    return [
        item.group(filterset.queryset_without(name), data.get(name) or ())
        for name, item in LESSON_FACETS.items()
    ]


def home_facets(base):
    """The facets the home page offers as ways into the list, by name."""
    return {name: item.group(base) for name, item in FACETS.items() if item.on_home}
