"""A case study's fields, described once.

Import and export (``cases.interchange``), the downloads, the data package and the
data dictionary (``opendata.columns``) and the API serializers take each field's
name, meaning, allowed values and reader from here, so they cannot describe the
same field in different words. Each of them still chooses which fields it shows and
how: the downloads flatten a case into one row, the API nests related records, the
file format keeps everything an editor can import.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from operator import attrgetter
from typing import Any

from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from collab_atlas import translated

from .choices import (
    CollaborationForm,
    FundingSource,
    InitiatorKind,
    LessonKind,
    Role,
    Scope,
    State,
    Status,
)
from .models import Initiative, Lesson, Source

STRING = "string"
INTEGER = "integer"
DATETIME = "datetime"
LIST = "list"
ITEMS = "items"  # a list of related records, each a few text parts


@dataclass(frozen=True)
class Part:
    """One text part of a related record (an involvement's actor, a source's URL…)."""

    name: str
    description: Any
    read: Callable  # related record -> text
    choices: Any = None
    translates: str = ""  # for a translation: the part it translates
    language: str = ""  # for a translation: its language code

    @property
    def values(self):
        return tuple(self.choices.values) if self.choices else ()


@dataclass(frozen=True)
class CaseField:
    name: str
    type: str
    description: Any
    read: Callable  # case -> Python value; a case from ``for_detail()`` needs no query
    choices: Any = None  # the TextChoices class when the values are a fixed vocabulary
    required: bool = False  # always filled in the published data
    importable: bool = False  # part of the import/export file
    code: bool = False  # a code, so stray spaces around it are dropped on import
    blank_means_default: bool = False  # an empty value on import takes the model's default
    in_api: bool = False  # the API shows it under the same name with the same meaning
    parts: tuple = ()  # for ITEMS: the parts of each item, the last one free text
    cites: str = ""  # a source number: the model's provenance field it sets
    translates: str = ""  # for a translation: the field it translates
    language: str = ""  # for a translation: its language code

    @property
    def values(self):
        return tuple(self.choices.values) if self.choices else ()

    def part(self, name):
        return next(part for part in self.parts if part.name == name)


def _without_full_stop(text):
    return str(text).rstrip(".")


_lazy_without_full_stop = lazy(_without_full_stop, str)


def translated_description(description, language_name):
    """The description of a translation column, from its original's: a language added
    to the settings is described without new text to translate."""
    return format_lazy(
        _("{description}, in {language}; empty when not translated."),
        description=_lazy_without_full_stop(description),
        language=language_name,
    )


def with_translations(described, translatable):
    """``described`` (fields or parts), each translatable one followed by a translation
    per configured language: ``title``, ``title_pl``, ``title_es``."""

    def translation(item, name, code, language_name):
        return replace(
            item,
            name=name,
            description=translated_description(item.description, language_name),
            read=attrgetter(name),
            translates=item.name,
            language=code,
            **({"required": False} if isinstance(item, CaseField) else {}),
        )

    return tuple(translated.interleaved(described, translatable, translation))


# A reader that went through many cases at once (opendata's downloads) may attach their
# related slugs as plain values under this key, to spare building model instances.
LOADED = "_related_slugs"


def _slugs(attribute):
    def read(case):
        loaded = case.__dict__.get(LOADED)
        if loaded is not None:
            return loaded[attribute]
        return [item.slug for item in getattr(case, attribute).all()]

    return read


def _items(attribute, parts):
    def read(case):
        return [
            {part.name: part.read(item) for part in parts}
            for item in getattr(case, attribute).all()
        ]

    return read


def _roles(case):
    """(role, organisation slug) for each involvement of ``case``, in order."""
    loaded = case.__dict__.get(LOADED)
    if loaded is not None:
        return loaded["involvements"]
    return [(involvement.role, involvement.actor.slug) for involvement in case.involvements.all()]


def _initiator(case):
    for role, actor in _roles(case):
        if role == Role.INITIATOR:
            return actor
    return ""


def _actors(case):
    return list(dict.fromkeys(actor for _role, actor in _roles(case)))


def source_number(case, source_id):
    """The number of source ``source_id`` in ``case``'s list of sources (1 = first), as
    the case page shows it beside a fact, or None. Reads the prefetched sources, or the
    source ids a download attached under LOADED."""
    if not source_id:
        return None
    loaded = case.__dict__.get(LOADED)
    if loaded is not None and "sources" in loaded:
        ids = loaded["sources"]
    else:
        ids = [source.pk for source in case.sources.all()]
    try:
        return ids.index(source_id) + 1
    except ValueError:
        return None


def _country_codes(case):
    countries = case.countries
    if isinstance(countries, str):  # a download's record: the stored "PL,ES"
        return countries.split(",") if countries else []
    return [country.code for country in countries]


def _cited(attribute):
    def read(case):
        return source_number(case, getattr(case, f"{attribute}_id"))

    return read


def _row_source(case_attribute):
    """A related row's source number, as text (a part of an item is text)."""

    def read(item):
        number = source_number(getattr(item, case_attribute), item.provenance_id)
        return "" if number is None else str(number)

    return read


SOURCE_REFERENCE = _(
    "Number of the case's source this comes from (1 = the first in its list of sources); "
    "empty when none is named."
)


INVOLVEMENT_PARTS = (
    Part("actor", _("Slug of the organisation."), lambda item: item.actor.slug),
    Part("role", _("Its role in the case."), attrgetter("role"), choices=Role),
    Part("source", SOURCE_REFERENCE, _row_source("initiative")),
    Part("note", _("What the organisation did."), attrgetter("note")),
)
LESSON_PARTS = (
    Part("kind", _("Lesson learnt, challenge, or what would improve similar innovations."),
         attrgetter("kind"), choices=LessonKind),
    Part("model", _("Slug of the model it is about, if any."),
         lambda item: item.collaboration_model.slug if item.collaboration_model else ""),
    Part("source", SOURCE_REFERENCE, _row_source("initiative")),
    Part("text", _("The lesson, in Markdown."), attrgetter("text")),
)  # fmt: skip
LESSON_PARTS = with_translations(LESSON_PARTS, Lesson.translated_fields)
SOURCE_PARTS = (
    Part("title", _("Title of the source."), attrgetter("title")),
    Part("publisher", _("Who published it."), attrgetter("publisher")),
    Part("guide", _("Whether the source is the guide the catalogue is built on (“yes” in "
                    "files, true in the API)."),
         lambda item: "yes" if item.is_guide else ""),
    Part("locator", _("Where in the source: a section, a page."), attrgetter("locator")),
    Part("url", _("Where to find it."), attrgetter("url")),
)  # fmt: skip
SOURCE_PARTS = with_translations(SOURCE_PARTS, Source.translated_fields)

FIELDS = (
    CaseField("slug", STRING, _("Stable identifier of the case, part of its address."),
              attrgetter("slug"), required=True, importable=True, code=True, in_api=True),
    CaseField("title", STRING, _("Name of the case."), attrgetter("title"), required=True,
              importable=True, in_api=True),
    CaseField("summary", STRING, _("One or two sentences about the case."), attrgetter("summary"),
              importable=True, in_api=True),
    CaseField("aim", STRING, _("The aim of the initiative."), attrgetter("aim"), importable=True,
              in_api=True),
    CaseField("description", STRING, _("The case told in full, in Markdown."),
              attrgetter("description"), importable=True, in_api=True),
    CaseField("collaboration", STRING,
              _("Collaboration form: direct (government and civil society) or indirect (civic "
                "groups together, to increase their impact on authorities)."),
              attrgetter("collaboration"), choices=CollaborationForm, required=True,
              importable=True, code=True, in_api=True),
    CaseField("initiator_kind", STRING, _("Who started the collaboration."),
              attrgetter("initiator_kind"), choices=InitiatorKind, required=True, importable=True,
              code=True, in_api=True),
    CaseField("initiator", STRING, _("Slug of the organisation that initiated it (see actors)."),
              _initiator),
    CaseField("initiation", STRING, _("How the collaboration was initiated, in prose."),
              attrgetter("initiation"), importable=True, in_api=True),
    CaseField("models", LIST, _("Slugs of the models of collaboration the case follows."),
              _slugs("collaboration_models"), importable=True),
    CaseField("motivations", LIST, _("Slugs of the partners' motivations."),
              _slugs("motivations"), importable=True),
    CaseField("themes", LIST, _("Slugs of the case's themes."), _slugs("themes"),
              importable=True),
    CaseField("countries", LIST, _("Countries where the case takes place (ISO 3166-1 alpha-2)."),
              _country_codes, importable=True),
    CaseField("scope", STRING, _("Geographical scope."), attrgetter("scope"), choices=Scope,
              importable=True, code=True, in_api=True),
    CaseField("funding", STRING, _("How the initiative is funded, in prose."),
              attrgetter("funding"), importable=True, in_api=True),
    CaseField("funding_sources", LIST, _("Kinds of funding."),
              lambda case: case.funding_sources or [], choices=FundingSource, importable=True,
              in_api=True),
    CaseField("start_year", INTEGER, _("Year the initiative started."), attrgetter("start_year"),
              importable=True, in_api=True),
    CaseField("end_year", INTEGER, _("Year it ended; empty while running or unknown."),
              attrgetter("end_year"), importable=True, in_api=True),
    CaseField("status", STRING, _("Whether it is still running."), attrgetter("status"),
              choices=Status, importable=True, code=True, blank_means_default=True, in_api=True),
    CaseField("website", STRING, _("The initiative's own website."), attrgetter("website"),
              importable=True, in_api=True),
    CaseField("initiator_source", INTEGER,
              _("Number of the source that says who initiated the case (see sources)."),
              _cited("initiator_provenance"), importable=True, in_api=True,
              cites="initiator_provenance"),
    CaseField("funding_source", INTEGER,
              _("Number of the source of the funding facts (see sources)."),
              _cited("funding_provenance"), importable=True, in_api=True,
              cites="funding_provenance"),
    CaseField("years_source", INTEGER,
              _("Number of the source of the start and end years (see sources)."),
              _cited("years_provenance"), importable=True, in_api=True, cites="years_provenance"),
    CaseField("status_source", INTEGER, _("Number of the source of the status (see sources)."),
              _cited("status_provenance"), importable=True, in_api=True,
              cites="status_provenance"),
    CaseField("actors", LIST, _("Slugs of every organisation involved, in any role."), _actors),
    CaseField("published_at", DATETIME, _("When the case was first published."),
              attrgetter("published_at"), in_api=True),
    CaseField("updated_at", DATETIME,
              _("When the case was last changed: the version date to cite."),
              attrgetter("updated_at"), in_api=True),
    CaseField("reviewed_at", DATETIME,
              _("When a reviewer last published the case or a change to it."),
              attrgetter("reviewed_at"), in_api=True),
    CaseField("state", STRING, _("Publication state; only published cases are public."),
              attrgetter("state"), choices=State, importable=True, code=True,
              blank_means_default=True),
    CaseField("involvements", ITEMS, _("The organisations involved, each with its role."),
              _items("involvements", INVOLVEMENT_PARTS), importable=True,
              parts=INVOLVEMENT_PARTS),
    CaseField("lessons", ITEMS, _("Lessons learnt and challenges."),
              _items("lessons", LESSON_PARTS), importable=True, parts=LESSON_PARTS),
    CaseField("sources", ITEMS,
              _("What the case is based on, numbered in order: facts cite these numbers."),
              _items("sources", SOURCE_PARTS), importable=True, parts=SOURCE_PARTS),
)  # fmt: skip
# Each translatable field is followed by its translations (``title_pl``…), which the
# file format, the downloads and the API carry beside the original under its own name.
FIELDS = with_translations(FIELDS, Initiative.translated_fields)

BY_NAME = {field.name: field for field in FIELDS}


def translations(name):
    """The translation fields of the case field ``name``, one per configured language."""
    return [field for field in FIELDS if field.translates == name]
