"""The seed catalogue loads into an empty database and holds together."""

import pytest
from django.core.management import call_command
from django.db.models import Count, Q

from cases.choices import Role, State
from cases.models import Actor, Initiative, InitiativeLink, Involvement, Lesson, Source
from models_of_collab.models import CollaborationModel, Motivation
from tests.catalogue import kept_for_module

pytestmark = pytest.mark.django_db

MODEL_SLUGS = {
    "fellowship", "services", "hackathon", "scaling",
    "training", "open-data-policy", "lab", "meetups",
}  # fmt: skip
MOTIVATION_SLUGS = {"finances", "organisation", "sustainability", "quality", "impact"}


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    # Loaded once for the module: the tests only read it.
    with kept_for_module(django_db_blocker):
        call_command("seed_catalogue", verbosity=0)
        yield


def test_the_guides_framework_is_complete(seeded):
    assert set(CollaborationModel.objects.values_list("slug", flat=True)) == MODEL_SLUGS
    assert set(Motivation.objects.values_list("slug", flat=True)) == MOTIVATION_SLUGS
    without_advice = CollaborationModel.objects.filter(recommendations__isnull=True)
    assert not without_advice.exists()


def test_every_case_has_at_most_one_initiator_and_a_source(seeded):
    # A case names its initiating organisation only where a source does, and carries a
    # model tag only where the guide's definition supports one (tests/test_seed_provenance).
    cases = Initiative.objects.annotate(
        initiators=Count(
            "involvements", filter=Q(involvements__role=Role.INITIATOR), distinct=True
        ),
        source_count=Count("sources", distinct=True),
    )
    assert cases.count() >= 28
    for case in cases:
        assert case.initiators <= 1, case.slug
        assert case.source_count >= 1, case.slug
        assert case.state == State.PUBLISHED, case.slug


def test_the_guides_cases_are_there(seeded):
    titles = " ".join(Initiative.objects.values_list("title", flat=True))
    for name in [
        "Consul", "Decidim", "luftdaten", "airbg", "Monitorizare Vot", "Code for All",
        "ManaBalss.lv", "ProZorro", "FragDenStaat", "AskTheEU", "Digital Whistleblower",
        "RECORD", "Red Flags", "Etalab", "Grand Débat", "TransparenCEE",
        "Open Contracting Partnership", "Code for America", "MindLab", "Dublin", "Civica",
        "urban planning", "Heroes of Tech", "TICTeC", "Personal Democracy Forum CEE",
    ]:  # fmt: skip
        assert name.lower() in titles.lower(), name
    assert "ManaBalls" not in titles


def test_actors_carry_their_other_names(seeded):
    foundation = Actor.objects.get(name="Fundacja Odpowiedzialna Polityka")
    assert "Responsible Politics Foundation" in foundation.alias_list
    assert "Political Accountability Foundation" in foundation.alias_list


def test_every_seed_record_passes_validation(seeded):
    for model in (Initiative, Actor, Involvement, Lesson, Source, InitiativeLink):
        for record in model.objects.all():
            record.full_clean()


def test_scaling_to_poland_is_recorded_as_lineage(seeded):
    poland = Initiative.objects.get(slug="monitorizare-vot-poland")
    assert poland.links_out.filter(target__slug="monitorizare-vot").exists()


def test_seeding_twice_changes_nothing(seeded):
    before = Initiative.objects.count()
    call_command("seed_catalogue", verbosity=0)
    assert Initiative.objects.count() == before
