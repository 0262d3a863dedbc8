"""Facets from the keys PostgreSQL keeps on each case (migration 0006).

Every case holds keys such as ``model:3`` or ``country:PL`` in an array with a GIN
index, and ``cases_facet_total`` holds how many published cases hold each key (and
each pair of a model or motivation key with a form or initiator key, and ``*`` for
all). So, on PostgreSQL:

- a facet filter is one indexed condition on the keys (``HasAnyKey``), and filters
  combine by intersecting index scans;
- every facet of a list is counted in one pass over the cases that match all the
  active filters but at most one (``list_counts``);
- the unfiltered catalogue, and the cases of one model or motivation split by form
  or initiator, are read from the totals without touching a case.

Other databases have neither; ``usable()`` says so, and ``cases.facets`` counts the
way every database can.
"""

from functools import reduce
from operator import and_, or_

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import BooleanField, Expression, TextField

from collab_atlas.public_cache import catalogue_version, versioned

from . import search
from .models import Initiative, Lesson

#: The key every published case holds in the totals: their number.
ALL = "*"

# What holds keys: its running totals (migrations 0006 and 0010), and how a row's keys
# are counted. A lesson holds ``*`` itself while its case is published; a case is
# published by its state, which the list's conditions check.
KEYED = {
    Initiative: ("SELECT key, cases FROM cases_facet_total WHERE cases > 0", "|| '{*}'::text[]"),
    Lesson: ("SELECT key, lessons FROM cases_lesson_total WHERE lessons > 0", ""),
}


class Counted(dict):
    """{key: n}, which also finds the keys of one facet at once: a catalogue's totals
    hold thousands of keys (one per organisation), read by every facet of a page."""

    def of(self, prefix):
        groups = self.__dict__.get("_groups")
        if groups is None:
            groups = {}
            for key, n in self.items():
                head, colon, value = key.partition(":")
                if colon and "&" not in key:
                    groups.setdefault(head, {})[value] = n
            self.__dict__["_groups"] = groups
        return groups.get(prefix, {})


def usable(queryset):
    """Whether ``queryset`` holds cases or lessons on a database that keeps their keys."""
    return queryset.model in KEYED and connections[queryset.db].vendor == "postgresql"


def key(prefix, value):
    return f"{prefix}:{value}"


def pair(first, second):
    """The totals' key for cases holding both keys (a model or motivation, then a form
    or initiator key)."""
    return f"{first}&{second}"


class OnCaseKeys(Expression):
    """SQL on the case's ``facet_keys``. The column is not a model field, so it is named
    through the query's alias for the case table, relabelled like any column when the
    query is nested in another."""

    def __init__(self, alias=None):
        super().__init__()
        self.alias = alias

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False,
                           for_save=False):  # fmt: skip
        resolved = self.copy()
        resolved.alias = query.get_initial_alias()
        return resolved

    def relabeled_clone(self, change_map):
        clone = self.copy()
        clone.alias = change_map.get(self.alias, self.alias)
        return clone

    def column(self, compiler):
        return f"{compiler.quote_name_unless_alias(self.alias)}.facet_keys"

    def as_sql(self, compiler, connection):
        return self.column(compiler), []

    @property
    def identity(self):
        return (type(self), self.alias)

    def __eq__(self, other):
        return type(other) is type(self) and other.identity == self.identity

    def __hash__(self):
        return hash(self.identity)


class KeysOf(OnCaseKeys):
    """The case's keys, as a value to select."""

    output_field = TextField()


class HasAnyKey(OnCaseKeys):
    """The case holds at least one of ``keys``: ``facet_keys && ARRAY[...]``."""

    output_field = BooleanField()
    conditional = True

    def __init__(self, keys, alias=None):
        super().__init__(alias)
        self.keys = sorted(keys)

    def as_sql(self, compiler, connection):
        return f"{self.column(compiler)} && %s::text[]", [self.keys]

    @property
    def identity(self):
        return (HasAnyKey, tuple(self.keys), self.alias)

    def __repr__(self):
        return f"HasAnyKey({self.keys!r})"


def _ids_sql(queryset):
    return queryset.order_by().values("pk").query.sql_with_params()


def is_whole_catalogue(queryset):
    """Whether ``queryset`` holds exactly the published cases (or lessons of published
    cases), filtered by nothing else."""
    return _ids_sql(queryset) == _ids_sql(queryset.model.objects.published())


# The totals as this process last read them, by catalogue version: every facet of a
# page reads them, and unpickling thousands of keys from the cache each time showed.
_read_totals = {}


def totals(model=Initiative):
    """{key: published cases (or lessons of them) holding it}; ``ALL`` counts them all."""

    def read():
        with connections["default"].cursor() as cursor:
            cursor.execute(KEYED[model][0])
            return Counted(cursor.fetchall())

    version = (model._meta.label, catalogue_version())
    found = _read_totals.get(version)
    if found is None:
        found = versioned("facet-totals", (model._meta.label,), read)
        if len(_read_totals) > 8:
            _read_totals.clear()
        _read_totals[version] = found
    return found


def list_counts(common, active, *, pairs=False):
    """{key: n} for a list: ``common`` is the list without its facet filters (search,
    years…), ``active`` the keys of each active facet filter ({facet: [keys]}).

    The keys of a facet are counted among the cases that pass every *other* active
    filter, the way a list counts the options of a facet; ``ALL`` counts the cases
    passing them all, the list itself. One query, whatever the number of filters.
    """
    try:
        _ids_sql(common)
    except EmptyResultSet:
        # A query that can match nothing (a search of punctuation alone).
        return {}
    if len(active) <= 1 and is_whole_catalogue(common):
        if not active:
            return totals(common.model)
        # One filter on the whole catalogue: its own facet counts every case, which the
        # totals already know; the others count only the cases the filter keeps.
        ((name, keys),) = active.items()
        start = f"{name}:"
        own = {
            k: n for k, n in totals(common.model).items() if k.startswith(start) and "&" not in k
        }
        kept = _counted_pass(common.filter(HasAnyKey(keys)), {}, pairs)
        return Counted({k: n for k, n in kept.items() if not k.startswith(start)} | own)
    return _counted_pass(common, active, pairs)


def _counted_pass(common, active, pairs):
    # The pairs (``model:3&initiator:civic``) are counted as the totals count them.
    unnested = "atlas_counted_keys(r.keys)" if pairs else f"r.keys {KEYED[common.model][1]}"
    names = sorted(active)
    flags = {f"facet_{i}": HasAnyKey(active[name]) for i, name in enumerate(names)}
    rows = common.order_by().annotate(**flags)
    if len(names) > 1:
        # Only cases failing at most one filter can count anywhere. Written as an OR of
        # intersections, so that the planner reads it off the keys' index.
        rows = rows.filter(_all_but_one([HasAnyKey(active[name]) for name in names]))
    rows = rows.annotate(keys=KeysOf()).values("pk", "keys", *flags)
    sql, params = rows.query.sql_with_params()
    # A search is read as the union of its two index-served branches (cases.search),
    # which never hold the same case: the whole condition would unpack the vector of
    # each case the trigrams only might match. OFFSET 0 keeps the planner from merging
    # the rows' query into this one: merged, each key of a row would test the row's
    # filters again (a third of a never-seen search's counting time at 100,000 cases).
    source, source_params = f"({sql} OFFSET 0)", params
    with search.branch(search.VECTORS):
        vectors = rows.query.sql_with_params()
    if vectors[0] != sql:
        with search.branch(search.TEXTS):
            texts = rows.query.sql_with_params()
        source, source_params = f"(({vectors[0]}) UNION ALL ({texts[0]}))", vectors[1] + texts[1]
    passes = {
        name: " AND ".join(f"r.facet_{j}" for j in range(len(names)) if j != i) or "true"
        for i, name in enumerate(names)
    }
    every = " AND ".join(f"r.facet_{j}" for j in range(len(names)))
    condition = (
        "CASE split_part(key, ':', 1) "
        + "".join(f"WHEN '{name}' THEN {passes[name]} " for name in names)
        + f"ELSE {every} END"
        if names
        else "true"
    )

    def read():
        with connections[common.db].cursor() as cursor:
            cursor.execute(
                f"SELECT key, count(*) FROM {source} AS r, unnest({unnested}) AS key"
                f" WHERE {condition} GROUP BY key",
                source_params,
            )
            return Counted(cursor.fetchall())

    return versioned("facet-keys", (sql, params, pairs), read)


def _all_but_one(conditions):
    groups = [
        reduce(and_, [c for j, c in enumerate(conditions) if j != i])
        for i in range(len(conditions))
    ]
    return reduce(or_, groups)


def counted(queryset, *, pairs=False):
    """{key: cases of ``queryset`` holding it}, in one pass (or none for the whole
    catalogue); with ``pairs``, the pairs of keys the totals keep too."""
    return list_counts(queryset, {}, pairs=pairs)


def by_prefix(keys, prefix):
    """{value: n} of the keys that start with ``prefix:`` (pairs left out)."""
    if isinstance(keys, Counted):
        return keys.of(prefix)
    start = f"{prefix}:"
    return {k[len(start) :]: n for k, n in keys.items() if k.startswith(start) and "&" not in k}


def rebuild_totals(using="default"):
    """Count the totals afresh from the keys of cases and lessons: a repair tool, and the
    last step of a bulk load made with the triggers off."""
    if connections[using].vendor == "postgresql":
        with connections[using].cursor() as cursor:
            cursor.execute("SELECT atlas_rebuild_facet_totals()")
            cursor.execute("SELECT atlas_rebuild_lesson_totals()")
