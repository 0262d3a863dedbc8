"""Carrying out a validated import: all records saved in one transaction, or none."""

from dataclasses import dataclass, field

from django.db import transaction

from ..models import Theme
from ..provenance import CASE_FACTS
from .validation import validate


@dataclass
class Result:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    new_themes: list = field(default_factory=list)


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
    # Sources first: the other rows and the case's own facts cite them by number.
    for row in plan.sources:
        row.initiative = initiative
        row.save()
    for row in plan.involvements + plan.lessons:
        row.initiative = initiative
        number = getattr(row, "source_number", None)
        row.provenance = plan.sources[number - 1] if number else None
        row.save()
    cited = {}
    for name in CASE_FACTS:
        number = plan.citations.get(name)
        cited[name] = plan.sources[number - 1] if number else None
        setattr(initiative, name, cited[name])
    # An update, not a second save: one import is one version in the case's history.
    type(initiative).objects.filter(pk=initiative.pk).update(**cited)
