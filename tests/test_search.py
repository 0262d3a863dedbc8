"""Full-text search: weighted, stored and current on PostgreSQL; accent-blind everywhere."""

import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict

from cases.filters import CaseFilterSet
from cases.models import Initiative
from tests.factories import ActorFactory, InitiativeFactory, InvolvementFactory, LessonFactory

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="stored vectors, ranking and prefix matching use PostgreSQL full-text search; "
    "run with DATABASE_URL=postgres://… to test them",
)


def found(text):
    return [case.slug for case in Initiative.objects.published().search(text).order_by("-rank")]


def listed(query):
    filterset = CaseFilterSet(QueryDict(query), queryset=Initiative.objects.published())
    return [case.slug for case in filterset.qs]


@pytest.fixture
def cases():
    foundation = InitiativeFactory(
        slug="moje-panstwo",
        title="Fundacja Moje Państwo data portal",
        summary="Open data in Poland.",
    )
    InitiativeFactory(
        slug="mentions", title="Transparency network", summary="Works with Fundacja Moje Państwo."
    )
    InitiativeFactory(slug="other", title="Budget tracker", summary="Follows public money.")
    InitiativeFactory(slug="hidden", title="Fundacja Moje Państwo draft", state="draft")
    return foundation


@pytest.mark.parametrize("text", ["Państwo", "Panstwo", "PANSTWO", "moje panstwo"])
def test_search_ignores_accents_and_case(cases, text):
    assert set(found(text)) == {"moje-panstwo", "mentions"}


def test_search_never_finds_drafts(cases):
    assert "hidden" not in found("Fundacja")


def test_every_word_must_match(cases):
    assert found("Fundacja portal") == ["moje-panstwo"]
    assert found("Fundacja budget") == []


def test_a_match_in_the_title_ranks_above_one_in_the_summary(cases):
    assert listed("q=Fundacja") == ["moje-panstwo", "mentions"]


def test_searching_an_alias_finds_the_actors_cases(cases):
    actor = ActorFactory(name="Fundacja Odpowiedzialna Polityka", aliases="Responsible Politics")
    InvolvementFactory(actor=actor, initiative=Initiative.objects.get(slug="other"))
    assert found("Responsible Politics") == ["other"]
    assert found("Odpowiedzialna") == ["other"]


def test_lessons_are_searched(cases):
    LessonFactory(initiative=Initiative.objects.get(slug="other"), text="Volunteers burn out.")
    assert found("volunteers") == ["other"]


def test_punctuation_alone_matches_nothing(cases):
    assert found("!!! :* &") == []


@pytest.mark.parametrize("text", ["⑴", "a ⑴", "ʼ", "x'y", "Państwo ½"])
def test_words_that_fold_into_punctuation_do_not_break_the_search(cases, text):
    # unaccent turns "⑴" into "(1)"; unquoted, that would be tsquery syntax.
    found(text)


def test_a_search_with_folding_symbols_answers_the_list_page(client, cases):
    assert client.get("/cases/", {"q": "⑴ Państwo"}).status_code == 200


@postgres_only
def test_prefixes_match_on_postgresql(cases):
    assert found("transp") == ["mentions"]
    assert set(found("fund pan")) == {"moje-panstwo", "mentions"}


@postgres_only
def test_vectors_follow_changes_to_cases_lessons_and_actors(cases):
    other = Initiative.objects.get(slug="other")
    other.summary = "Now about bicycles."
    other.save()
    assert found("bicycles") == ["other"]
    lesson = LessonFactory(initiative=other, text="Municipalities listen.")
    assert found("municipalities") == ["other"]
    lesson.delete()
    assert found("municipalities") == []
    actor = ActorFactory(name="Helpers")
    involvement = InvolvementFactory(actor=actor, initiative=other)
    actor.aliases = "Pomocnicy"
    actor.save()
    assert found("pomocnicy") == ["other"]
    involvement.delete()
    assert found("pomocnicy") == []


@postgres_only
def test_raw_saves_are_skipped_and_the_rebuild_command_catches_up(cases):
    Initiative.objects.filter(slug="other").update(search_vector=None)
    assert found("budget") == []
    call_command("rebuild_search_index", verbosity=0)
    assert found("budget") == ["other"]


@postgres_only
def test_the_search_vector_has_a_gin_index():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'initiative_search_gin'")
        (definition,) = cursor.fetchone()
    assert "USING gin (search_vector)" in definition


@postgres_only
def test_the_seed_command_makes_loaded_cases_searchable(tmp_path, settings):
    fixture = [
        {
            "model": "cases.initiative",
            "pk": 1,
            "fields": {
                "title": "Grand Débat national", "slug": "grand-debat", "summary": "A debate.",
                "collaboration": "direct", "initiator_kind": "government", "state": "published",
                "created_at": "2020-01-01T00:00:00Z", "updated_at": "2020-01-01T00:00:00Z",
            },
        }
    ]  # fmt: skip
    (tmp_path / "atlas.json").write_text(json.dumps(fixture))
    settings.FIXTURE_DIRS = [tmp_path]
    call_command("seed_catalogue", verbosity=0)
    assert found("debat") == ["grand-debat"]
