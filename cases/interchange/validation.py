"""Raw records to cleaned cases, or every problem with them.

Each record is checked as the admin would check it (``full_clean``), against the
catalogue's models, motivations, themes and organisations, and against the other
records of the file. Nothing is saved here: the result is a plan per record for
``loading`` to carry out.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug

from models_of_collab.models import CollaborationModel, Motivation

from ..choices import LessonKind, Role
from ..models import Actor, Initiative, Involvement, Lesson, Source, Theme
from .problems import UNSTORABLE, InterchangeError, Problem
from .records import (
    CITES,
    CODES,
    DEFAULTED,
    ITEM_TRANSLATIONS,
    KEYS,
    LISTS,
    NESTED,
    TEXT,
    TRANSLATIONS,
    YEARS,
    initiative_record,
)

# Lists of slugs that name other records, and what they name; unknown themes are created.
REFERENCES = {"models": "model of collaboration", "motivations": "motivation", "themes": "theme"}
# The rest, but for the nested lists, are values of the case itself.
ON_THE_CASE = [key for key in TEXT + YEARS + LISTS if key not in REFERENCES and key not in CITES]


def unstorable(text):
    """Why ``text`` cannot be stored, or None when it can: NUL, which PostgreSQL refuses
    in text, and surrogates without their pair (not Unicode text; JSON's \\ud800 makes one).
    """
    found = UNSTORABLE.search(text)
    if found is None:
        return None
    position = found.start() + 1
    if found.group() == "\x00":
        return f"contains a NUL character (character {position}), which cannot be stored."
    code = f"\\u{ord(found.group()):04x}"
    return (
        f"contains a lone surrogate ({code}, character {position}), which is not valid "
        "Unicode text."
    )


@dataclass
class Plan:
    number: int
    line: int
    record: dict
    initiative: Initiative
    existing: bool
    changed: bool
    models: list = field(default_factory=list)
    motivations: list = field(default_factory=list)
    themes: list = field(default_factory=list)
    involvements: list = field(default_factory=list)
    lessons: list = field(default_factory=list)
    sources: list = field(default_factory=list)
    # provenance field of the case -> number of the source it cites (1 = first)
    citations: dict = field(default_factory=dict)


def _normalise(raw, problem):
    """A record with every key, in the types export writes; type errors go to ``problem``."""
    if not isinstance(raw, dict):
        problem(None, "must be an object with the case's fields.")
        return None
    for key in sorted(set(raw) - set(KEYS)):
        problem(key, "unknown field; see docs/import-format.md")
    record = {}
    for key in TEXT:
        value = raw.get(key, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            problem(key, "must be text.")
            value = ""
        if reason := unstorable(value):
            problem(key, reason)
            value = ""
        # Codes lose stray spaces; prose is kept exactly, so that round trips are exact.
        record[key] = value.strip() if key in CODES else _translation(key, value, TRANSLATIONS)
    for key in YEARS:
        value = raw.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            problem(key, "must be a whole number, or empty.")
            value = None
        record[key] = value
    for key in LISTS:
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            problem(key, "must be a list of codes.")
            value = []
        for number, item in enumerate(value, start=1):
            if reason := unstorable(item):
                problem(key, f"item {number} {reason}")
        value = [item for item in value if not unstorable(item)]
        record[key] = sorted({item.strip() for item in value if item.strip()})
    for key, item_keys in NESTED.items():
        value = raw.get(key, [])
        items = []
        if not isinstance(value, list):
            problem(key, "must be a list.")
            value = []
        for number, item in enumerate(value, start=1):
            if not isinstance(item, dict) or set(item) - set(item_keys):
                problem(key, f"item {number} must have only the keys {', '.join(item_keys)}.")
                continue
            if not all(isinstance(item.get(name, ""), str) for name in item_keys):
                problem(key, f"item {number}: every value must be text.")
                continue
            reasons = [(name, unstorable(item.get(name, ""))) for name in item_keys]
            if any(reason for _name, reason in reasons):
                for name, reason in reasons:
                    if reason:
                        problem(key, f"item {number}, {name}: {reason}")
                continue
            items.append(
                {
                    name: _translation(name, item.get(name, ""), ITEM_TRANSLATIONS[key])
                    for name in item_keys
                }
            )
        record[key] = items
    return record


def _translation(key, value, translations):
    """A translation of only whitespace is none: the page would show nothing for it."""
    return value if key not in translations or value.strip() else ""


def _validation_messages(error):
    if hasattr(error, "error_dict"):
        return [
            (name, message) for name, messages in error.message_dict.items() for message in messages
        ]
    return [(None, message) for message in error.messages]


def _source_number(value, count, where, problem):
    """A cited source number (text in items, a whole number on the case), or None."""
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if not 1 <= number <= count:
        problem(
            where[0],
            f"{where[1]}source must be the number of one of the case's sources, 1 to {count}"
            if count
            else f"{where[1]}cites a source, but the case lists none.",
        )
        return None
    return number


def _check_citations(plan, problem):
    count = len(plan.record["sources"])
    for key, provenance in CITES.items():
        number = _source_number(plan.record[key], count, (key, ""), problem)
        if number:
            plan.citations[provenance] = number


def _check_children(plan, problem, lookups):
    initiative = plan.initiative
    record = plan.record
    count = len(record["sources"])
    seen_roles = set()
    for number, item in enumerate(record["involvements"], start=1):
        actor = lookups["actors"].get(item["actor"])
        if actor is None:
            problem(
                "involvements",
                f"item {number}: no organisation with slug “{item['actor']}”; add it in the "
                "admin first.",
            )
            continue
        if item["role"] not in Role.values:
            problem("involvements", f"item {number}: unknown role “{item['role']}”.")
            continue
        if (actor.pk, item["role"]) in seen_roles:
            problem("involvements", f"item {number}: this organisation already has this role.")
        if item["role"] == Role.INITIATOR and any(role == Role.INITIATOR for _, role in seen_roles):
            problem("involvements", f"item {number}: a case study has only one initiator.")
        seen_roles.add((actor.pk, item["role"]))
        involvement = Involvement(
            initiative=initiative,
            actor=actor,
            role=item["role"],
            note=item["note"],
            order=number - 1,
        )
        involvement.source_number = _source_number(
            item["source"], count, ("involvements", f"item {number}: "), problem
        )
        _clean_child(involvement, "involvements", number, problem)
        plan.involvements.append(involvement)
    for number, item in enumerate(record["lessons"], start=1):
        model = None
        if item["model"]:
            model = lookups["models"].get(item["model"])
            if model is None:
                problem(
                    "lessons", f"item {number}: unknown model of collaboration “{item['model']}”."
                )
                continue
        if item["kind"] not in LessonKind.values:
            problem("lessons", f"item {number}: unknown kind “{item['kind']}”.")
            continue
        lesson = Lesson(
            initiative=initiative,
            kind=item["kind"],
            text=item["text"],
            collaboration_model=model,
            order=number - 1,
            **{name: item[name] for name in ITEM_TRANSLATIONS["lessons"]},
        )
        lesson.source_number = _source_number(
            item["source"], count, ("lessons", f"item {number}: "), problem
        )
        _clean_child(lesson, "lessons", number, problem)
        plan.lessons.append(lesson)
    for number, item in enumerate(record["sources"], start=1):
        parts = {name: value for name, value in item.items() if name != "guide"}
        guide = item.get("guide", "").strip().lower()
        if guide not in ("", "yes"):
            problem("sources", f"item {number}: guide must be “yes” or empty.")
        source = Source(initiative=initiative, order=number - 1, is_guide=guide == "yes", **parts)
        _clean_child(source, "sources", number, problem)
        plan.sources.append(source)


def _clean_child(obj, key, number, problem):
    try:
        obj.full_clean(exclude=["initiative"])
    except ValidationError as error:
        for name, message in _validation_messages(error):
            problem(
                key, f"item {number}, {name}: {message}" if name else f"item {number}: {message}"
            )


def _check_references(plan, problem, lookups, new_themes):
    record = plan.record
    for key in ("models", "motivations"):
        for slug in record[key]:
            if slug in lookups[key]:
                getattr(plan, key).append(lookups[key][slug])
            else:
                problem(key, f"unknown {REFERENCES[key]} “{slug}”.")
    for slug in record["themes"]:
        if slug in lookups["themes"]:
            plan.themes.append(lookups["themes"][slug])
            continue
        try:
            validate_slug(slug)
            if len(slug) > Theme._meta.get_field("slug").max_length:
                raise ValidationError("too long")
        except ValidationError:
            problem("themes", f"“{slug}” is not a usable theme slug (letters, digits, hyphens).")
            continue
        new_themes.add(slug)
        plan.themes.append(slug)


def validate(raw_records):
    """Check every record against the database; returns (plans, new theme slugs)."""
    problems = []
    lookups = {
        "models": {item.slug: item for item in CollaborationModel.objects.all()},
        "motivations": {item.slug: item for item in Motivation.objects.all()},
        "themes": {item.slug: item for item in Theme.objects.all()},
        "actors": {item.slug: item for item in Actor.objects.all()},
    }
    existing = {
        item.slug: item
        for item in Initiative.objects.for_detail().filter(
            slug__in=[
                raw.get("slug")
                for _, raw in raw_records
                if isinstance(raw, dict)
                and isinstance(raw.get("slug"), str)
                and not unstorable(raw["slug"])
            ]
        )
    }
    plans, new_themes, first_seen = [], set(), {}
    for number, (line, raw) in enumerate(raw_records, start=1):

        def problem(name, message, number=number, line=line):
            problems.append(Problem(number, line, name, message))

        record = _normalise(raw, problem)
        if record is None:
            continue
        slug = record["slug"]
        if slug and slug in first_seen:
            problem("slug", f"“{slug}” is already used by record {first_seen[slug]}.")
            continue
        first_seen.setdefault(slug, number)
        current = existing.get(slug)
        before = initiative_record(current) if current else None
        initiative = current or Initiative()
        for key in ON_THE_CASE:
            setattr(initiative, key, record[key])
        for key in DEFAULTED:
            if not record[key]:
                setattr(initiative, key, Initiative._meta.get_field(key).default)
        try:
            initiative.full_clean()
        except ValidationError as error:
            for name, message in _validation_messages(error):
                problem(None if name == "__all__" else name, message)
        plan = Plan(number, line, record, initiative, current is not None, True)
        _check_references(plan, problem, lookups, new_themes)
        _check_children(plan, problem, lookups)
        _check_citations(plan, problem)
        plan.changed = before != _comparable(record, initiative)
        plans.append(plan)
    if problems:
        raise InterchangeError(problems)
    return plans, sorted(new_themes)


def _comparable(record, initiative):
    # The record as export would write it once saved: defaults filled in.
    return {**record, **{key: getattr(initiative, key) for key in DEFAULTED}}
