"""A catalogue of any size, bulk-built in a fixed number of queries, for tests about scale.

Factories save one row at a time, which is right for a handful of cases and far too slow
for the hundreds or thousands that query-count, API-paging and memory tests need.
"""

from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from cases.choices import LessonKind, Role, State
from cases.models import Actor, Initiative, Involvement, Lesson, Theme
from models_of_collab.models import CollaborationModel, Motivation

MODELS = ["scaling", "hackathon", "lab", "fellowship"]
MOTIVATIONS = ["impact", "finances"]
THEMES = ["votes", "money"]
ACTORS = 20


@dataclass
class Catalogue:
    models: list
    motivations: list
    themes: list
    actors: list
    cases: list

    def with_model(self, slug):
        """The cases built here that are linked to the model ``slug``."""
        return [case for case in self.cases if MODELS[number(case) % len(MODELS)] == slug]


def number(case):
    return int(case.slug.removeprefix("case-"))


@contextmanager
def kept_for_module(django_db_blocker):
    """Data made inside this block serves every test of a module, then is rolled back.

    For module-scoped fixtures of tests that only read: each test still runs in its own
    savepoint, so a test's writes are undone before the next.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


def vocabulary():
    """The models, motivations, themes and organisations, made once and then reused."""
    for n, slug in enumerate(MODELS):
        CollaborationModel.objects.get_or_create(
            slug=slug, defaults={"name": slug.title(), "summary": "A model.", "order": n}
        )
    for slug in MOTIVATIONS:
        Motivation.objects.get_or_create(
            slug=slug, defaults={"name": slug.title(), "summary": "A reason."}
        )
    for slug in THEMES:
        Theme.objects.get_or_create(slug=slug, defaults={"name": slug.title()})
    if not Actor.objects.filter(slug="actor-0").exists():
        Actor.objects.bulk_create(
            Actor(name=f"Actor {n}", slug=f"actor-{n}", kind="civic", country="PL")
            for n in range(ACTORS)
        )
    return (
        [CollaborationModel.objects.get(slug=slug) for slug in MODELS],
        [Motivation.objects.get(slug=slug) for slug in MOTIVATIONS],
        [Theme.objects.get(slug=slug) for slug in THEMES],
        list(Actor.objects.filter(slug__startswith="actor-").order_by("pk")[:ACTORS]),
    )


@contextmanager
def without_statement_timeout():
    """One statement here makes the triggers rewrite thousands of cases, which on a busy
    machine outlasts the time a web request's statement may take (the setting applies
    to the tests' connection too); the timeout is back once the catalogue is built."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        (before,) = cursor.fetchone()
        cursor.execute("SET statement_timeout = 0")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('statement_timeout', %s, false)", [before])


def build_catalogue(size, **options):
    """``size`` more published cases, each with one model, motivation and theme (in turn),
    and with ``details`` two organisations (initiator and partner) and two lessons; and one
    draft case.

    Case ``n`` is ``case-n``: direct when ``n`` is odd, initiated by government every third
    case, in Poland and Romania when odd (else Latvia), starting in 2010 + ``n`` mod 10.
    Calling it again adds more cases to the same vocabulary. The statement timeout is
    lifted while it runs (``without_statement_timeout``).
    """
    with without_statement_timeout():
        return _build_catalogue(size, **options)


def _build_catalogue(
    size, *, summary="Civic tech with a city.", description="", draft=True, details=True
):
    models, motivations, themes, actors = vocabulary()
    start = Initiative.objects.filter(slug__startswith="case-").count()
    now = timezone.now()
    cases = Initiative.objects.bulk_create(
        Initiative(
            title=f"Case {n}", slug=f"case-{n}", summary=summary, description=description,
            collaboration="direct" if n % 2 else "indirect",
            initiator_kind="civic" if n % 3 else "government",
            countries=["PL", "RO"] if n % 2 else ["LV"], start_year=2010 + n % 10,
            state=State.PUBLISHED, published_at=now,
        )
        for n in range(start, start + size)
    )  # fmt: skip
    if draft:
        Initiative.objects.get_or_create(
            slug="draft",
            defaults={
                "title": "Draft",
                "summary": "x",
                "collaboration": "direct",
                "initiator_kind": "civic",
            },
        )
    numbered = list(enumerate(cases, start))
    through = Initiative.collaboration_models.through
    through.objects.bulk_create(
        through(initiative=case, collaborationmodel=models[n % 4]) for n, case in numbered
    )
    through = Initiative.motivations.through
    through.objects.bulk_create(
        through(initiative=case, motivation=motivations[n % 2]) for n, case in numbered
    )
    through = Initiative.themes.through
    through.objects.bulk_create(
        through(initiative=case, theme=themes[n % 2]) for n, case in numbered
    )
    if details:
        add_details(numbered, models, actors)
    return Catalogue(models, motivations, themes, actors, cases)


def add_details(numbered, models, actors):
    Involvement.objects.bulk_create(
        Involvement(initiative=case, actor=actors[n % ACTORS], role=role)
        for n, case in numbered
        for role in (Role.INITIATOR, Role.PARTNER)
    )
    Lesson.objects.bulk_create(
        Lesson(initiative=case, kind=kind, text="Start small.", collaboration_model=models[n % 4])
        for n, case in numbered
        for kind in (LessonKind.LESSON, LessonKind.IMPROVEMENT)
    )
