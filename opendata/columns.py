"""The one definition of every exported column.

The CSV and JSON downloads, the data package's table schemas and the data dictionary
page are all generated from the tables below, so they cannot drift apart. A case's
fields, and the parts of its involvements, lessons and sources, take their names,
meanings and readers from ``cases.fields``, which import/export and the API share.
"""

from dataclasses import dataclass, field
from datetime import UTC
from operator import attrgetter
from typing import Any

from django.db import connection
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _

from cases import fields as case_fields
from cases.choices import ActorKind, LinkKind
from cases.fields import (
    DATETIME,
    INTEGER,
    INVOLVEMENT_PARTS,
    LESSON_PARTS,
    LIST,
    SOURCE_PARTS,
    STRING,
)
from cases.models import Initiative, Involvement, Source
from collab_atlas import translated
from collab_atlas.links import slug_path
from models_of_collab.models import CollaborationModel, Motivation, Recommendation

from . import selectors

# Several values in one cell (models, countries…) are joined with this in CSV files.
LIST_SEPARATOR = ";"


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: Any
    # (record, site_root) -> Python value; a column that needs no site root may give
    # ``reads`` instead
    value: Any = None
    values: tuple = ()  # the allowed values, when they are a fixed vocabulary
    required: bool = False
    # record -> Python value: a case field's own reader, often a C-level attrgetter,
    # which a download calls for each cell without a wrapper
    reads: Any = None

    def read(self, record, root):
        return self.reads(record) if self.value is None else self.value(record, root)

    @property
    def schema_type(self):
        # A list travels as one CSV cell of separated values, i.e. a string.
        return STRING if self.type == LIST else self.type

    @property
    def type_label(self):
        return {
            STRING: _("text"),
            INTEGER: _("whole number"),
            DATETIME: _("date and time (ISO 8601, UTC)"),
            LIST: _("list of values, separated by “%(separator)s” in CSV")
            % {"separator": LIST_SEPARATOR},
        }[self.type]

    def json_value(self, record, root):
        value = self.read(record, root)
        if self.type == DATETIME:
            return format_datetime(value)
        if self.type == LIST:
            return list(value)
        if self.type == STRING:
            return value or ""
        return value

    def csv_value(self, record, root):
        value = self.json_value(record, root)
        if self.type == LIST:
            return LIST_SEPARATOR.join(value)
        return "" if value is None else value

    def csv_cell(self, root):
        """``csv_value`` of a record as a function of the record alone, for this column's
        type: a large download calls it for every cell, and the type's branches cost as
        much as the reading. The CSV writer writes None as an empty cell."""
        if self.value is None:
            read = self.reads
        else:
            value = self.value

            def read(record):
                return value(record, root)

        if self.type == LIST:
            return lambda record: LIST_SEPARATOR.join(read(record))
        if self.type == DATETIME:
            return lambda record: format_datetime(read(record))
        return read

    def field_descriptor(self):
        """The column as a Frictionless Table Schema field."""
        descriptor = {
            "name": self.name,
            "type": self.schema_type,
            "description": str(self.description),
        }
        if self.type == DATETIME:
            descriptor["format"] = "default"
        constraints = {}
        if self.required:
            constraints["required"] = True
        if self.values and self.type != LIST:
            constraints["enum"] = list(self.values)
        if constraints:
            descriptor["constraints"] = constraints
        return descriptor


@dataclass(frozen=True)
class Table:
    name: str
    title: Any
    description: Any
    columns: tuple
    rows: Any  # () -> iterable of records
    primary_key: tuple
    foreign_keys: tuple = field(default=())  # ((columns, resource, columns), …)

    def field_names(self):
        return [column.name for column in self.columns]


def format_datetime(value):
    if value is None:
        return None
    return value.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def _values(choices):
    return tuple(choices.values)


def case_column(name):
    """The download column of a case field, as ``cases.fields`` describes it."""
    described = case_fields.BY_NAME[name]
    return Column(
        name,
        described.type,
        described.description,
        values=described.values,
        required=described.required,
        reads=described.read,
    )


def case_columns(*names):
    """The download columns of case fields, each followed by its translations."""
    return tuple(
        case_column(field.name)
        for name in names
        for field in (case_fields.BY_NAME[name], *case_fields.translations(name))
    )


def with_translations(model, *columns):
    """``columns``, each one of a translatable field of ``model`` (``name``…) followed by
    a column per translation of it (``name_pl``…), read from the record's own row."""

    def translation(column, name, code, language_name):
        description = case_fields.translated_description(column.description, language_name)
        return Column(name, column.type, description, reads=attrgetter(name))

    return tuple(translated.interleaved(columns, model.translated_fields, translation))


def part_column(part, required=False):
    """A column of a related record's table, from the part of a case field it is.

    A source number is text in a file's nested items, a whole number in a table."""
    if part.name == "source":
        return Column(
            part.name,
            INTEGER,
            part.description,
            lambda item, root: int(part.read(item)) if part.read(item) else None,
        )
    return Column(
        part.name,
        STRING,
        part.description,
        lambda item, root: part.read(item),
        values=part.values,
        required=required,
    )


class SlugLoader:
    """Attaches to cases the slugs of their models, motivations, themes and organisations
    as plain values (where ``cases.fields`` reads them).

    Each chunk of cases costs one query per link table. Models, motivations and themes
    are few: their links are read as ids, named from maps read once per loader (one
    download). Organisations are many: their slugs come joined to the involvements.
    Building model instances for all these took most of a large download's time.
    """

    def __init__(self):
        self.named = {}

    def names(self, relation):
        """{id: (slug, sort key)} of the rows ``relation`` links to."""
        if relation not in self.named:
            _link, column, ordering = RELATED[relation]
            model = Initiative._meta.get_field(relation).related_model
            rows = model.objects.values_list("pk", "slug", *ordering)
            self.named[relation] = {pk: (slug, tuple(key)) for pk, slug, *key in rows}
        return self.named[relation]

    def __call__(self, cases):
        by_case = {case.pk: {relation: [] for relation in LOADED_RELATIONS} for case in cases}
        if not by_case:
            return cases
        ids = _id_list(list(by_case))
        involvements = (
            Involvement.objects.filter(initiative_id__in=ids)
            .order_by("initiative_id", "order", "pk")
            .values_list("initiative_id", "role", "actor__slug")
        )
        for initiative_id, role, slug in involvements:
            by_case[initiative_id]["involvements"].append((role, slug))
        sources = (
            Source.objects.filter(initiative_id__in=ids)
            .order_by("initiative_id", "order", "pk")
            .values_list("initiative_id", "pk")
        )
        for initiative_id, pk in sources:
            by_case[initiative_id]["sources"].append(pk)
        for relation, (link, column, _ordering) in RELATED.items():
            names = self.names(relation)
            rows = link.objects.filter(initiative_id__in=ids).values_list("initiative_id", column)
            for initiative_id, pk in rows:
                by_case[initiative_id][relation].append(names[pk])
        for case in cases:
            loaded = by_case[case.pk]
            for relation in RELATED:
                # As the case's own relation orders them.
                loaded[relation] = [slug for slug, _key in sorted(loaded[relation], key=_by_key)]
            case.__dict__[case_fields.LOADED] = loaded
        return cases


def _id_list(ids):
    """``ids`` as the right-hand side of an ``__in`` filter. On PostgreSQL, one array
    parameter: a chunk's 500 ids as 500 parameters, prepared one by one, cost a sixth
    of a large download."""
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", [ids])
    return ids


def _by_key(named):
    return named[1]


def load_slugs(cases):
    """``cases`` with their related slugs attached: see ``SlugLoader``."""
    return SlugLoader()(cases)


# relation: (link table, its column naming the related row, the related rows' order)
RELATED = {
    "collaboration_models": (
        Initiative.collaboration_models.through,
        "collaborationmodel_id",
        ("order", "name"),
    ),
    "motivations": (Initiative.motivations.through, "motivation_id", ("order", "name")),
    "themes": (Initiative.themes.through, "theme_id", ("name",)),
}
# Read with the case's own order, not named from a map: organisations are many, and
# sources are listed by id (what a fact's source number counts).
LOADED_RELATIONS = (*RELATED, "involvements", "sources")


def _case_url(case, root):
    return f"{root}{slug_path('cases:detail', case.slug)}"


# The download's columns: the case's fields, and the address of its page after its title.
CASE_COLUMNS = (
    *case_columns("slug", "title"),
    Column("url", STRING, _("Permanent address of the case's page."), _case_url),
    *case_columns(
        "summary", "aim", "description", "collaboration", "initiator_kind", "initiator",
        "initiation", "models", "motivations", "themes", "countries", "scope", "funding",
        "funding_sources", "start_year", "end_year", "status", "website", "actors",
        "initiator_source", "funding_source", "years_source", "status_source",
        "published_at", "updated_at", "reviewed_at",
    ),
)  # fmt: skip

CASES = Table(
    "cases",
    _("Case studies"),
    _("One row per published case study."),
    CASE_COLUMNS,
    selectors.package_cases,
    primary_key=("slug",),
)

ACTORS = Table(
    "actors",
    _("Organisations"),
    _("Every organisation involved in at least one published case."),
    (
        Column("slug", STRING, _("Stable identifier of the organisation."),
               lambda a, root: a.slug, required=True),
        Column("name", STRING, _("Name."), lambda a, root: a.name, required=True),
        Column("url", STRING, _("Address of the organisation's page."),
               lambda a, root: root + a.get_absolute_url()),
        Column("aliases", LIST, _("Other names it goes by."), lambda a, root: a.alias_list),
        Column("kind", STRING, _("Kind of organisation."), lambda a, root: a.kind,
               values=_values(ActorKind), required=True),
        Column("country", STRING, _("Where it is based (ISO 3166-1 alpha-2); empty for "
                                    "international."), lambda a, root: a.country.code or ""),
        Column("website", STRING, _("Its website."), lambda a, root: a.website),
    ),
    selectors.package_actors,
    primary_key=("slug",),
)  # fmt: skip

INVOLVEMENTS = Table(
    "involvements",
    _("Roles of organisations in cases"),
    _("Which organisation did what in which case; one row per organisation and role."),
    (
        Column("case", STRING, _("Slug of the case."), lambda i, root: i.initiative.slug,
               required=True),
        *(
            part_column(part, required=part.name in ("actor", "role"))
            for part in INVOLVEMENT_PARTS
        ),
        Column("order", INTEGER, _("Position in the case's list of organisations."),
               lambda i, root: i.order),
    ),
    selectors.package_involvements,
    primary_key=("case", "actor", "role"),
    foreign_keys=((("case",), "cases", ("slug",)), (("actor",), "actors", ("slug",))),
)  # fmt: skip

COLLABORATION_MODELS = Table(
    "collaboration_models",
    _("Models of collaboration"),
    _("The guide's models of collaboration."),
    with_translations(
        CollaborationModel,
        Column("slug", STRING, _("Stable identifier of the model."), lambda m, root: m.slug,
               required=True),
        Column("name", STRING, _("Name."), lambda m, root: m.name, required=True),
        Column("url", STRING, _("Address of the model's page."),
               lambda m, root: root + m.get_absolute_url()),
        Column("summary", STRING, _("What this model is, in a sentence or two."),
               lambda m, root: m.summary),
        Column("description", STRING, _("The model explained, in Markdown."),
               lambda m, root: m.description),
        Column("order", INTEGER, _("Position in the guide's order."), lambda m, root: m.order),
    ),
    selectors.package_collaboration_models,
    primary_key=("slug",),
)  # fmt: skip

RECOMMENDATIONS = Table(
    "recommendations",
    _("Recommendations"),
    _("The guide's recommendations for each model of collaboration."),
    with_translations(
        Recommendation,
        Column("id", INTEGER, _("Identifier of the recommendation."), lambda r, root: r.pk,
               required=True),
        Column("model", STRING, _("Slug of the model it is about."),
               lambda r, root: r.collaboration_model.slug, required=True),
        Column("order", INTEGER, _("Position among the model's recommendations."),
               lambda r, root: r.order),
        Column("text", STRING, _("The recommendation, in Markdown."), lambda r, root: r.text),
    ),
    selectors.package_recommendations,
    primary_key=("id",),
    foreign_keys=((("model",), "collaboration_models", ("slug",)),),
)  # fmt: skip

MOTIVATIONS = Table(
    "motivations",
    _("Motivations"),
    _("Why partners chose to collaborate."),
    with_translations(
        Motivation,
        Column("slug", STRING, _("Stable identifier of the motivation."),
               lambda m, root: m.slug, required=True),
        Column("name", STRING, _("Name."), lambda m, root: m.name, required=True),
        Column("url", STRING, _("Address of the motivation's page."),
               lambda m, root: root + m.get_absolute_url()),
        Column("summary", STRING, _("The motivation in a sentence or two."),
               lambda m, root: m.summary),
        Column("description", STRING, _("The motivation explained, in Markdown."),
               lambda m, root: m.description),
        Column("order", INTEGER, _("Position in the guide's order."), lambda m, root: m.order),
    ),
    selectors.package_motivations,
    primary_key=("slug",),
)  # fmt: skip

LESSONS = Table(
    "lessons",
    _("Lessons learnt and challenges"),
    _("What each case taught, optionally tied to a model of collaboration."),
    (
        Column("id", INTEGER, _("Identifier of the lesson."), lambda x, root: x.pk,
               required=True),
        Column("case", STRING, _("Slug of the case."), lambda x, root: x.initiative.slug,
               required=True),
        *(part_column(part, required=part.name == "kind") for part in LESSON_PARTS),
        Column("order", INTEGER, _("Position among the case's lessons."),
               lambda x, root: x.order),
    ),
    selectors.package_lessons,
    primary_key=("id",),
    foreign_keys=(
        (("case",), "cases", ("slug",)),
        (("model",), "collaboration_models", ("slug",)),
    ),
)  # fmt: skip

SOURCES = Table(
    "sources",
    _("Sources"),
    _("What each case is based on."),
    (
        Column("id", INTEGER, _("Identifier of the source."), lambda s, root: s.pk,
               required=True),
        Column("case", STRING, _("Slug of the case."), lambda s, root: s.initiative.slug,
               required=True),
        Column("number", INTEGER,
               _("Its number in the case's list of sources, which facts cite (1 = first)."),
               lambda s, root: case_fields.source_number(s.initiative, s.pk)),
        *(part_column(part) for part in SOURCE_PARTS),
        Column("order", INTEGER, _("Position among the case's sources."),
               lambda s, root: s.order),
    ),
    selectors.package_sources,
    primary_key=("id",),
    foreign_keys=((("case",), "cases", ("slug",)),),
)  # fmt: skip

LINKS = Table(
    "links",
    _("Lineage between cases"),
    _("A case replicated from, adapted from or part of another case."),
    (
        Column("source", STRING, _("Slug of the case that derives from the other."),
               lambda x, root: x.source.slug, required=True),
        Column("kind", STRING, _("How it relates to the other case."), lambda x, root: x.kind,
               values=_values(LinkKind), required=True),
        Column("target", STRING, _("Slug of the case it derives from or belongs to."),
               lambda x, root: x.target.slug, required=True),
        Column("note", STRING, _("Note on the relation."), lambda x, root: x.note),
        Column("evidence", INTEGER,
               _("Number of the source, among the deriving case's sources, that documents "
                 "the relation."),
               lambda x, root: case_fields.source_number(x.source, x.provenance_id)),
    ),
    selectors.package_links,
    primary_key=("source", "target"),
    foreign_keys=((("source",), "cases", ("slug",)), (("target",), "cases", ("slug",))),
)  # fmt: skip

TABLES = (
    CASES,
    ACTORS,
    INVOLVEMENTS,
    COLLABORATION_MODELS,
    RECOMMENDATIONS,
    MOTIVATIONS,
    LESSONS,
    SOURCES,
    LINKS,
)
