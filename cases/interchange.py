"""Case studies to and from files: the one format of ``export_cases`` and ``import_cases``.

The format is described in docs/import-format.md. In short: one record per case,
with the keys in ``KEYS``; JSON holds a list of records, CSV one row per record
with nested lists in a compact text encoding. Export writes records sorted by
slug with sorted keys, so exporting, importing into an empty catalogue and
exporting again gives the same bytes.

Import validates every record before it writes anything and then saves all of
them in one transaction, or nothing.
"""

import csv
import io
import json
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import transaction

from models_of_collab.models import CollaborationModel, Motivation

from .choices import LessonKind, Role
from .models import Actor, Initiative, Involvement, Lesson, Source, Theme

TEXT = [
    "aim", "collaboration", "description", "funding", "initiation", "initiator_kind",
    "scope", "slug", "state", "status", "summary", "title", "website",
]  # fmt: skip
CODES = {"collaboration", "initiator_kind", "scope", "slug", "state", "status"}
YEARS = ["end_year", "start_year"]
LISTS = ["countries", "funding_sources", "models", "motivations", "themes"]
# Nested lists and the keys of their items; the last key is free text in CSV.
NESTED = {
    "involvements": ["actor", "role", "note"],
    "lessons": ["kind", "model", "text"],
    "sources": ["title", "publisher", "url"],
}
KEYS = sorted(TEXT + YEARS + LISTS + list(NESTED))
FORMATS = ["json", "csv"]


class InterchangeError(Exception):
    """The file cannot be imported; ``problems`` says everything that is wrong."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


@dataclass
class Problem:
    record: int | None
    line: int | None
    field: str | None
    message: str

    def __str__(self):
        where = []
        if self.record is not None:
            where.append(f"record {self.record}")
        if self.line is not None:
            where.append(f"(line {self.line})" if where else f"line {self.line}")
        text = " ".join(where)
        if self.field:
            text += f", field {self.field}" if text else f"field {self.field}"
        return f"{text}: {self.message}" if text else self.message


# Export


def initiative_record(initiative):
    """One case as a record; ``initiative`` comes from ``Initiative.objects.for_detail()``."""
    record = {name: getattr(initiative, name) for name in TEXT + YEARS}
    record["countries"] = sorted(country.code for country in initiative.countries)
    record["funding_sources"] = sorted(initiative.funding_sources or [])
    record["models"] = sorted(model.slug for model in initiative.collaboration_models.all())
    record["motivations"] = sorted(item.slug for item in initiative.motivations.all())
    record["themes"] = sorted(theme.slug for theme in initiative.themes.all())
    record["involvements"] = [
        {"actor": item.actor.slug, "role": item.role, "note": item.note}
        for item in initiative.involvements.all()
    ]
    record["lessons"] = [
        {
            "kind": lesson.kind,
            "model": lesson.collaboration_model.slug if lesson.collaboration_model else "",
            "text": lesson.text,
        }
        for lesson in initiative.lessons.all()
    ]
    record["sources"] = [
        {"title": source.title, "publisher": source.publisher, "url": source.url}
        for source in initiative.sources.all()
    ]
    return record


def export_records():
    return [initiative_record(item) for item in Initiative.objects.for_detail().order_by("slug")]


def dump(records, fmt):
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=KEYS, lineterminator="\r\n")
    writer.writeheader()
    for record in records:
        row = {}
        for key in KEYS:
            value = record[key]
            if key in YEARS:
                row[key] = "" if value is None else str(value)
            elif key in LISTS:
                row[key] = ";".join(value)
            elif key in NESTED:
                row[key] = encode_items(value, NESTED[key])
            else:
                row[key] = value
        writer.writerow(row)
    return out.getvalue()


def _escape(text, last):
    text = text.replace("\\", "\\\\").replace(";", "\\;")
    return text if last else text.replace(":", "\\:")


def encode_items(items, keys):
    """``[{"actor": "a", "role": "partner", "note": ""}]`` -> ``a:partner:``.

    Items are separated by ";" and parts by ":"; a backslash escapes either. The
    last part is free text, so it may hold ":" (a URL, a lesson) unescaped.
    """
    return ";".join(
        ":".join(_escape(item[key], last=index == len(keys) - 1) for index, key in enumerate(keys))
        for item in items
    )


def decode_items(text, keys):
    items, parts, current = [], [], []
    characters = iter(text)
    for character in characters:
        if character == "\\":
            current.append(next(characters, "\\"))
        elif character == ";":
            parts.append("".join(current))
            items.append(parts)
            parts, current = [], []
        elif character == ":" and len(parts) < len(keys) - 1:
            parts.append("".join(current))
            current = []
        else:
            current.append(character)
    parts.append("".join(current))
    items.append(parts)
    decoded = []
    for parts in items:
        if not any(part.strip() for part in parts):
            continue
        parts += [""] * (len(keys) - len(parts))
        decoded.append(dict(zip(keys, parts, strict=True)))
    return decoded


# Reading


def infer_format(path, fmt=None):
    if fmt:
        return fmt
    suffix = str(path).rsplit(".", 1)[-1].lower()
    if suffix in FORMATS:
        return suffix
    raise InterchangeError(
        [Problem(None, None, None, "Give --format json or csv: the file name does not say.")]
    )


def read(text, fmt):
    """``[(line, raw record)]`` from the file's text, or InterchangeError."""
    return _read_json(text) if fmt == "json" else _read_csv(text)


def _skip_space(text, index):
    while index < len(text) and text[index] in " \t\r\n":
        index += 1
    return index


def _line_of(text, index):
    return text.count("\n", 0, index) + 1


def _read_json(text):
    # Decoded element by element so that every record knows the line it starts on.
    decoder = json.JSONDecoder()
    index = _skip_space(text, 0)
    if index >= len(text) or text[index] != "[":
        raise InterchangeError(
            [
                Problem(
                    None, _line_of(text, index), None, "The file must hold a JSON list of records."
                )
            ]
        )
    records = []
    index = _skip_space(text, index + 1)
    if index < len(text) and text[index] == "]":
        return records
    while True:
        try:
            value, end = decoder.raw_decode(text, index)
        except json.JSONDecodeError as error:
            raise InterchangeError(
                [Problem(len(records) + 1, error.lineno, None, f"not valid JSON: {error.msg}")]
            ) from error
        records.append((_line_of(text, index), value))
        index = _skip_space(text, end)
        if index < len(text) and text[index] == ",":
            index = _skip_space(text, index + 1)
            continue
        if index < len(text) and text[index] == "]":
            if _skip_space(text, index + 1) != len(text):
                raise InterchangeError(
                    [Problem(None, _line_of(text, index), None, "Text after the end of the list.")]
                )
            return records
        raise InterchangeError(
            [Problem(len(records), _line_of(text, index), None, "Expected “,” or “]”.")]
        )


def _read_csv(text):
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        return []
    except csv.Error as error:
        raise InterchangeError([Problem(None, 1, None, f"not valid CSV: {error}")]) from error
    unknown = [name for name in header if name not in KEYS]
    if unknown:
        raise InterchangeError(
            [
                Problem(None, 1, name, "unknown column; see docs/import-format.md")
                for name in unknown
            ]
        )
    records = []
    start = reader.line_num + 1
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                start = reader.line_num + 1
                continue
            if len(row) != len(header):
                raise InterchangeError(
                    [
                        Problem(
                            len(records) + 1,
                            start,
                            None,
                            f"has {len(row)} cells; the header has {len(header)}.",
                        )
                    ]
                )
            records.append((start, _csv_record(dict(zip(header, row, strict=True)))))
            start = reader.line_num + 1
    except csv.Error as error:
        raise InterchangeError([Problem(None, start, None, f"not valid CSV: {error}")]) from error
    return records


def _csv_record(row):
    record = {}
    for key, cell in row.items():
        if key in LISTS:
            record[key] = [part.strip() for part in cell.split(";") if part.strip()]
        elif key in NESTED:
            record[key] = decode_items(cell, NESTED[key])
        elif key in YEARS:
            cell = cell.strip()
            record[key] = int(cell) if cell.isdigit() else (None if cell == "" else cell)
        else:
            record[key] = cell
    return record


# Validation


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


@dataclass
class Result:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    new_themes: list = field(default_factory=list)


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
        # Codes lose stray spaces; prose is kept exactly, so that round trips are exact.
        record[key] = value.strip() if key in CODES else value
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
            items.append({name: item.get(name, "") for name in item_keys})
        record[key] = items
    return record


def _validation_messages(error):
    if hasattr(error, "error_dict"):
        return [
            (name, message) for name, messages in error.message_dict.items() for message in messages
        ]
    return [(None, message) for message in error.messages]


def _check_children(plan, problem, lookups):
    initiative = plan.initiative
    record = plan.record
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
        )
        _clean_child(lesson, "lessons", number, problem)
        plan.lessons.append(lesson)
    for number, item in enumerate(record["sources"], start=1):
        source = Source(initiative=initiative, order=number - 1, **item)
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
    for key, lookup, label in (
        ("models", "models", "model of collaboration"),
        ("motivations", "motivations", "motivation"),
    ):
        for slug in record[key]:
            if slug in lookups[lookup]:
                getattr(plan, key).append(lookups[lookup][slug])
            else:
                problem(key, f"unknown {label} “{slug}”.")
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
            slug__in=[raw.get("slug") for _, raw in raw_records if isinstance(raw, dict)]
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
        for key in TEXT + YEARS:
            setattr(initiative, key, record[key])
        if not record["status"]:
            initiative.status = Initiative._meta.get_field("status").default
        if not record["state"]:
            initiative.state = Initiative._meta.get_field("state").default
        initiative.countries = record["countries"]
        initiative.funding_sources = record["funding_sources"]
        try:
            initiative.full_clean()
        except ValidationError as error:
            for name, message in _validation_messages(error):
                problem(None if name == "__all__" else name, message)
        plan = Plan(number, line, record, initiative, current is not None, True)
        _check_references(plan, problem, lookups, new_themes)
        _check_children(plan, problem, lookups)
        plan.changed = before != _comparable(record, initiative)
        plans.append(plan)
    if problems:
        raise InterchangeError(problems)
    return plans, sorted(new_themes)


def _comparable(record, initiative):
    # The record as export would write it once saved: defaults filled in.
    return {**record, "status": initiative.status, "state": initiative.state}


# Writing


def import_records(raw_records, dry_run=False, reason=""):
    """Validate all records, then save all of them in one transaction (unless ``dry_run``)."""
    plans, new_themes = validate(raw_records)
    result = Result(new_themes=new_themes)
    for plan in plans:
        slug = plan.record["slug"]
        if not plan.existing:
            result.created.append(slug)
        elif plan.changed:
            result.updated.append(slug)
        else:
            result.unchanged.append(slug)
    if dry_run:
        return result
    with transaction.atomic():
        themes = {}
        for slug in new_themes:
            themes[slug] = Theme.objects.create(slug=slug, name=slug.replace("-", " ").capitalize())
        for plan in plans:
            if plan.changed:
                _save(plan, themes, reason)
    return result


def _save(plan, new_themes, reason):
    initiative = plan.initiative
    if reason:
        initiative._change_reason = reason
    initiative.save()
    initiative.collaboration_models.set(plan.models)
    initiative.motivations.set(plan.motivations)
    initiative.themes.set(
        [new_themes[theme] if isinstance(theme, str) else theme for theme in plan.themes]
    )
    # Child rows are replaced, not merged: the file is the whole truth about the case.
    for related in (initiative.involvements, initiative.lessons, initiative.sources):
        for row in related.all():
            row.delete()
    for row in plan.involvements + plan.lessons + plan.sources:
        row.initiative = initiative
        row.save()
