"""Synthetic published case studies, many of them, for measuring the catalogue at scale.

Every generated record is marked: case and organisation slugs start with
``synthetic-``, titles end with "(synthetic)" and summaries say so. The same seed
gives the same catalogue. A database holding any real case study is refused unless
``--allow-real-data`` is given, so the command cannot mix invented cases into a real
catalogue by accident.
"""

import json
import random
import re
from datetime import timedelta

from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from cases import facet_keys, search
from cases.choices import (
    ActorKind,
    CollaborationForm,
    InitiatorKind,
    LessonKind,
    Role,
    Scope,
    State,
    Status,
)
from cases.models import Actor, Initiative, Involvement, Lesson, Theme
from collab_atlas.public_cache import bump_catalogue_version
from models_of_collab.models import CollaborationModel, Motivation

PREFIX = "synthetic-"
# Synthetic cases have a known initiator, as they did before "unknown" existed: the
# benchmarks stay comparable.
KNOWN_INITIATORS = [kind for kind, _label in InitiatorKind.known_choices()]
ORGANISATIONS = 5000
BATCH = 2000
FRAMEWORK = {
    "models_of_collab.collaborationmodel",
    "models_of_collab.recommendation",
    "models_of_collab.motivation",
    "cases.theme",
}
FIXTURE = settings.BASE_DIR / "fixtures" / "atlas.json"
WORD = re.compile(r"[^\W\d_]{4,}")


class Command(BaseCommand):
    help = "Add N synthetic published case studies (marked as such) to measure performance."

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, required=True, help="How many to add.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument(
            "--allow-real-data",
            action="store_true",
            help="Add synthetic cases even though the database holds real ones.",
        )
        parser.add_argument(
            "--remove", action="store_true", help="Delete every synthetic case and organisation."
        )

    def handle(self, *args, cases, seed, allow_real_data, remove, verbosity, **options):
        if remove:
            deleted = self.remove()
            self.stdout.write(f"Removed {deleted} synthetic case studies.")
            return
        if cases < 1:
            raise CommandError("--cases must be a positive number.")
        real = Initiative.objects.exclude(slug__startswith=PREFIX).count()
        if real and not allow_real_data:
            raise CommandError(
                f"This database holds {real} real case studies; synthetic cases would mix with "
                "them. Use an empty database, or pass --allow-real-data if that is intended."
            )
        with transaction.atomic():
            self.ensure_framework()
            start = Initiative.objects.filter(slug__startswith=PREFIX).count()
            generator = Generator(random.Random(seed), start)
            with triggers_deferred():
                for first in range(0, cases, BATCH):
                    generator.add(min(BATCH, cases - first))
                    if verbosity > 1:
                        self.stdout.write(f"{first + min(BATCH, cases - first)} cases…")
            # The triggers were off: one statement computes every vector and facet key,
            # and the facet totals are counted afresh.
            search.update_vectors()
            facet_keys.rebuild_totals()
            bump_catalogue_version()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # As autovacuum soon would: statistics for the planner, and the visibility
                # map that lets deep pages be read from the index alone. VACUUM cannot run
                # inside a transaction (a test's).
                if connection.in_atomic_block:
                    cursor.execute("ANALYZE")
                else:
                    # The bulk load wrote every case twice (the rows, then their vectors):
                    # compacted, the table holds one copy of each, as a catalogue built
                    # case by case does, and a benchmark reads the pages it would.
                    cursor.execute("VACUUM FULL cases_initiative")
                    cursor.execute("VACUUM ANALYZE")
        self.stdout.write(f"Added {cases} synthetic case studies (seed {seed}).")

    def remove(self):
        with transaction.atomic():
            synthetic = Initiative.objects.filter(slug__startswith=PREFIX)
            count = synthetic.count()
            synthetic.delete()
            Actor.objects.filter(slug__startswith=PREFIX).delete()
            bump_catalogue_version()
        return count

    def ensure_framework(self):
        """The guide's models, motivations and themes, from the seed, if missing."""
        if CollaborationModel.objects.exists():
            return
        records = [item for item in json.loads(FIXTURE.read_text()) if item["model"] in FRAMEWORK]
        for record in serializers.deserialize("json", json.dumps(records)):
            record.save()


class triggers_deferred:
    """On PostgreSQL, skip the search triggers row by row while bulk inserting (the
    caller recomputes every vector once at the end). Needs a superuser; without one the
    triggers simply run."""

    def __enter__(self):
        self.switched = False
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
                if cursor.fetchone()[0]:
                    cursor.execute("SET LOCAL session_replication_role = replica")
                    self.switched = True
        return self

    def __exit__(self, *exc):
        if self.switched:
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL session_replication_role = origin")


class Generator:
    """Cases in the proportions of issue 9: 1–3 models, 1–3 motivations, 2–4 of 5,000
    organisations and 1–3 lessons each, with words drawn from the seed catalogue."""

    def __init__(self, rng, start):
        self.rng = rng
        self.count = start
        self.models = list(CollaborationModel.objects.order_by("pk"))
        self.motivations = list(Motivation.objects.order_by("pk"))
        self.themes = list(Theme.objects.order_by("pk"))
        seed = json.loads(FIXTURE.read_text())
        texts = [
            " ".join(str(item["fields"].get(name, "")) for name in ("title", "summary", "aim"))
            for item in seed
            if item["model"] == "cases.initiative"
        ]
        self.words = sorted({word.lower() for text in texts for word in WORD.findall(text)})
        self.countries = sorted(
            {
                code
                for item in seed
                if item["model"] == "cases.initiative"
                for code in str(item["fields"].get("countries") or "").split(",")
                if code
            }
        )
        self.organisations = self.ensure_organisations()
        self.now = timezone.now()

    def ensure_organisations(self):
        existing = list(Actor.objects.filter(slug__startswith=PREFIX).order_by("pk"))
        if len(existing) >= ORGANISATIONS:
            return existing
        kinds = ActorKind.values
        Actor.objects.bulk_create(
            Actor(
                name=f"{self.phrase(2).title()} {n} (synthetic)",
                slug=f"{PREFIX}org-{n}",
                kind=kinds[n % len(kinds)],
                country=self.rng.choice(self.countries),
                description="A synthetic organisation for performance measurements.",
            )
            for n in range(len(existing), ORGANISATIONS)
        )
        return list(Actor.objects.filter(slug__startswith=PREFIX).order_by("pk"))

    def phrase(self, n):
        return " ".join(self.rng.choice(self.words) for _ in range(n))

    def add(self, size):
        rng = self.rng
        cases = []
        for _ in range(size):
            self.count += 1
            start = rng.randint(1995, 2025)
            ended = rng.random() < 0.3
            cases.append(
                Initiative(
                    title=f"{self.phrase(rng.randint(2, 4)).capitalize()} {self.count} (synthetic)",
                    slug=f"{PREFIX}{self.count}",
                    summary=f"Synthetic case for measurements: {self.phrase(12)}.",
                    aim=self.phrase(25),
                    description=self.phrase(60),
                    initiation=self.phrase(15),
                    funding=self.phrase(10),
                    collaboration=rng.choice(CollaborationForm.values),
                    initiator_kind=rng.choice(KNOWN_INITIATORS),
                    countries=sorted(rng.sample(self.countries, rng.choice([1, 1, 1, 2, 3]))),
                    scope=rng.choice(Scope.values),
                    start_year=start,
                    end_year=rng.randint(start, min(start + 8, 2026)) if ended else None,
                    status=Status.ENDED if ended else Status.ACTIVE,
                    state=State.PUBLISHED,
                    published_at=self.now - timedelta(minutes=self.count),
                )
            )
        cases = Initiative.objects.bulk_create(cases)
        self.relate(cases)

    def relate(self, cases):
        rng = self.rng
        through = Initiative.collaboration_models.through
        through.objects.bulk_create(
            through(initiative_id=case.pk, collaborationmodel_id=model.pk)
            for case in cases
            for model in rng.sample(self.models, rng.randint(1, 3))
        )
        through = Initiative.motivations.through
        through.objects.bulk_create(
            through(initiative_id=case.pk, motivation_id=motivation.pk)
            for case in cases
            for motivation in rng.sample(self.motivations, rng.randint(1, 3))
        )
        through = Initiative.themes.through
        through.objects.bulk_create(
            through(initiative_id=case.pk, theme_id=theme.pk)
            for case in cases
            for theme in rng.sample(self.themes, rng.randint(0, min(2, len(self.themes))))
        )
        roles = [Role.PARTNER, Role.FUNDER, Role.TECHNOLOGY, Role.EXPERT]
        Involvement.objects.bulk_create(
            Involvement(
                initiative_id=case.pk,
                actor_id=actor.pk,
                role=Role.INITIATOR if n == 0 else rng.choice(roles),
                order=n,
            )
            for case in cases
            for n, actor in enumerate(rng.sample(self.organisations, rng.randint(2, 4)))
        )
        Lesson.objects.bulk_create(
            Lesson(
                initiative_id=case.pk,
                kind=rng.choice(LessonKind.values),
                text=f"{self.phrase(14).capitalize()}.",
                collaboration_model=rng.choice([None, *self.models]),
                order=n,
            )
            for case in cases
            for n in range(rng.randint(1, 3))
        )
