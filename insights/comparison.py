"""The rows of the comparison table, declared as data.

Each row names its label, the kind of cell that draws it and how to read a case's value
for it. The values come from what ``for_detail()`` prefetched, so a row adds no query.
Templates draw every cell the same way: ``{% include cell.template with value=cell.value %}``.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from cases.choices import LessonKind, Role
from cases.filters import CaseFilterSet

from .charts import list_url

# How many cases a comparison holds, and the compare tray with it.
MIN_COMPARE, MAX_COMPARE = 2, 4
# The case list's own parameters: a comparison carries them to lead back to the same list.
LIST_PARAMS = frozenset(CaseFilterSet.base_filters)


@dataclass(frozen=True)
class Link:
    href: str
    label: str


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    # Which include in insights/includes/cells/ draws the value.
    kind: str
    value: Callable[[Any], Any]


@dataclass(frozen=True)
class Cell:
    kind: str
    value: Any

    @property
    def template(self):
        return f"insights/includes/cells/{self.kind}.html"


def list_links(facet, pairs):
    """Links to the case list filtered on ``facet``, from (value, label) pairs."""
    return [Link(href=list_url(QueryDict(), **{facet: key}), label=label) for key, label in pairs]


def funding(case):
    return {"text": case.funding_i18n, "kinds": case.get_funding_sources_display()}


def initiation(case):
    return {
        "kind": case.get_initiator_kind_display(),
        "initiators": [
            involvement.actor.name
            for involvement in case.involvements.all()
            if involvement.role == Role.INITIATOR
        ],
        "text": case.initiation_i18n,
    }


def lessons(case):
    return [
        {"prefix": lesson.get_kind_display(), "text": lesson.text_i18n}
        for lesson in case.lessons.all()
        if lesson.kind != LessonKind.IMPROVEMENT
    ]


def improvements(case):
    return [
        {"text": lesson.text_i18n}
        for lesson in case.lessons.all()
        if lesson.kind == LessonKind.IMPROVEMENT
    ]


def actors(case):
    return [
        {"name": involvement.actor.name, "note": involvement.get_role_display()}
        for involvement in case.involvements.all()
    ]


# The guide's six questions first, then the facts the list filters on.
ROWS = [
    Row("aim", _("Aim"), "markdown", lambda case: case.aim_i18n),
    Row("funding", _("Funding"), "funding", funding),
    Row("initiation", _("Who initiated"), "initiation", initiation),
    Row(
        "models",
        _("Model of collaboration"),
        "links",
        lambda case: list_links(
            "model", ((model.slug, model.name_i18n) for model in case.collaboration_models.all())
        ),
    ),
    Row("lessons", _("Lessons learnt and challenges"), "lessons", lessons),
    Row("improvements", _("What would improve similar innovations"), "lessons", improvements),
    Row("actors", _("Organisations and their roles"), "actors", actors),
    Row(
        "motivations",
        _("Motivations"),
        "links",
        lambda case: list_links(
            "motivation",
            ((motivation.slug, motivation.name_i18n) for motivation in case.motivations.all()),
        ),
    ),
    Row(
        "collaboration",
        _("Form of collaboration"),
        "text",
        lambda case: case.get_collaboration_display(),
    ),
    Row("years", _("Years"), "text", lambda case: case.year_span),
    Row(
        "countries",
        _("Countries"),
        "links",
        lambda case: list_links(
            "country", ((country.code, country.name) for country in case.countries)
        ),
    ),
]


def table(cases, rows=ROWS):
    """(row, cells) for each row, one cell per case in order: the table's body."""
    return [(row, [Cell(row.kind, row.value(case)) for case in cases]) for row in rows]


def cards(cases, body):
    """(case, [(row, cell), …]) for each case: the table's cells, one card per case."""
    return [
        (case, [(row, cells[index]) for row, cells in body]) for index, case in enumerate(cases)
    ]
