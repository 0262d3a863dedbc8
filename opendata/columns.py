"""The one definition of every exported column.

The CSV and JSON downloads, the data package's table schemas and the data dictionary
page are all generated from the tables below, so they cannot drift apart.
"""

from dataclasses import dataclass, field
from datetime import UTC
from functools import lru_cache
from typing import Any

from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cases.choices import (
    ActorKind,
    CollaborationForm,
    FundingSource,
    InitiatorKind,
    LessonKind,
    LinkKind,
    Role,
    Scope,
    Status,
)
from cases.models import Initiative, Involvement

from . import selectors

# Several values in one cell (models, countries…) are joined with this in CSV files.
LIST_SEPARATOR = ";"

STRING = "string"
INTEGER = "integer"
DATETIME = "datetime"
LIST = "list"


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: Any
    value: Any  # (record, site_root) -> Python value
    values: tuple = ()  # the allowed values, when they are a fixed vocabulary
    required: bool = False

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
        value = self.value(record, root)
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


def _slugs(manager):
    return [item.slug for item in manager.all()]


def _related(case, relation):
    """Slugs of a case's related records, in order: from load_slugs() when the case came
    through it, otherwise from the relation (prefetched by the caller)."""
    loaded = case.__dict__.get("_related_slugs")
    if loaded is not None:
        return loaded[relation]
    if relation == "involvements":
        return [(i.role, i.actor.slug) for i in case.involvements.all()]
    return _slugs(getattr(case, relation))


def load_slugs(cases):
    """``cases`` with the slugs of their models, motivations, themes and organisations
    attached, read as plain values in four queries for the lot."""
    by_case = {case.pk: {relation: [] for relation in RELATED} for case in cases}
    if not by_case:
        return cases
    for relation, (link, fields, ordering) in RELATED.items():
        rows = (
            link.objects.filter(initiative_id__in=list(by_case))
            .order_by(*ordering)
            .values_list("initiative_id", *fields)
        )
        for initiative_id, *values in rows:
            by_case[initiative_id][relation].append(
                values[0] if len(values) == 1 else tuple(values)
            )
    for case in cases:
        case.__dict__["_related_slugs"] = by_case[case.pk]
    return cases


# relation: (link table, values read, their order as the case's own relation orders them)
RELATED = {
    "collaboration_models": (
        Initiative.collaboration_models.through,
        ("collaborationmodel__slug",),
        ("collaborationmodel__order", "collaborationmodel__name"),
    ),
    "motivations": (
        Initiative.motivations.through,
        ("motivation__slug",),
        ("motivation__order", "motivation__name"),
    ),
    "themes": (Initiative.themes.through, ("theme__slug",), ("theme__name",)),
    "involvements": (Involvement, ("role", "actor__slug"), ("order", "pk")),
}


def _initiator(case):
    for role, actor in _related(case, "involvements"):
        if role == Role.INITIATOR:
            return actor
    return ""


def _actors(case):
    return list(dict.fromkeys(actor for _role, actor in _related(case, "involvements")))


@lru_cache
def _case_path(language):
    # reverse() once per language rather than once per row; slugs need no escaping.
    return reverse("cases:detail", kwargs={"slug": "slug"}).rsplit("slug", 1)


def _case_url(case, root):
    before, after = _case_path(get_language())
    return f"{root}{before}{case.slug}{after}"


def _values(choices):
    return tuple(choices.values)


CASE_COLUMNS = (
    Column("slug", STRING, _("Stable identifier of the case, part of its address."),
           lambda c, root: c.slug, required=True),
    Column("title", STRING, _("Name of the case."), lambda c, root: c.title, required=True),
    Column("url", STRING, _("Permanent address of the case's page."),
           _case_url),
    Column("summary", STRING, _("One or two sentences about the case."), lambda c, root: c.summary),
    Column("aim", STRING, _("The aim of the initiative."), lambda c, root: c.aim),
    Column("description", STRING, _("The case told in full, in Markdown."),
           lambda c, root: c.description),
    Column("collaboration", STRING,
           _("Collaboration form: direct (government and civil society) or indirect (civic "
             "groups together, to increase their impact on authorities)."),
           lambda c, root: c.collaboration, values=_values(CollaborationForm), required=True),
    Column("initiator_kind", STRING, _("Who started the collaboration."),
           lambda c, root: c.initiator_kind, values=_values(InitiatorKind), required=True),
    Column("initiator", STRING, _("Slug of the organisation that initiated it (see actors)."),
           lambda c, root: _initiator(c)),
    Column("initiation", STRING, _("How the collaboration was initiated, in prose."),
           lambda c, root: c.initiation),
    Column("models", LIST, _("Slugs of the models of collaboration the case follows."),
           lambda c, root: _related(c, "collaboration_models")),
    Column("motivations", LIST, _("Slugs of the partners' motivations."),
           lambda c, root: _related(c, "motivations")),
    Column("themes", LIST, _("Slugs of the case's themes."),
           lambda c, root: _related(c, "themes")),
    Column("countries", LIST, _("Countries where the case takes place (ISO 3166-1 alpha-2)."),
           lambda c, root: [country.code for country in c.countries]),
    Column("scope", STRING, _("Geographical scope."), lambda c, root: c.scope,
           values=_values(Scope)),
    Column("funding", STRING, _("How the initiative is funded, in prose."),
           lambda c, root: c.funding),
    Column("funding_sources", LIST, _("Kinds of funding."),
           lambda c, root: c.funding_sources or [], values=_values(FundingSource)),
    Column("start_year", INTEGER, _("Year the initiative started."),
           lambda c, root: c.start_year),
    Column("end_year", INTEGER, _("Year it ended; empty while running or unknown."),
           lambda c, root: c.end_year),
    Column("status", STRING, _("Whether it is still running."), lambda c, root: c.status,
           values=_values(Status)),
    Column("website", STRING, _("The initiative's own website."), lambda c, root: c.website),
    Column("actors", LIST, _("Slugs of every organisation involved, in any role."),
           lambda c, root: _actors(c)),
    Column("published_at", DATETIME, _("When the case was first published."),
           lambda c, root: c.published_at),
    Column("updated_at", DATETIME, _("When the case was last changed: the version date to cite."),
           lambda c, root: c.updated_at),
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
        Column("actor", STRING, _("Slug of the organisation."), lambda i, root: i.actor.slug,
               required=True),
        Column("role", STRING, _("Its role in the case."), lambda i, root: i.role,
               values=_values(Role), required=True),
        Column("note", STRING, _("What the organisation did."), lambda i, root: i.note),
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
    (
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
    (
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
    (
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
        Column("kind", STRING, _("Lesson learnt, challenge, or what would improve similar "
                                 "innovations."), lambda x, root: x.kind,
               values=_values(LessonKind), required=True),
        Column("model", STRING, _("Slug of the model it is about, if any."),
               lambda x, root: x.collaboration_model.slug if x.collaboration_model else ""),
        Column("text", STRING, _("The lesson, in Markdown."), lambda x, root: x.text),
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
        Column("title", STRING, _("Title of the source."), lambda s, root: s.title),
        Column("publisher", STRING, _("Who published it."), lambda s, root: s.publisher),
        Column("url", STRING, _("Where to find it."), lambda s, root: s.url),
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
