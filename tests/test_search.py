"""Full-text search: weighted, stored and current on PostgreSQL; accent-blind everywhere."""

import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict

from cases.filters import CaseFilterSet
from cases.models import Initiative, Lesson
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
def test_raw_sql_and_bulk_inserts_keep_the_search_current(cases):
    other = Initiative.objects.get(slug="other")
    Initiative.objects.filter(slug="other").update(summary="Now about trams.")
    assert found("trams") == ["other"]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE cases_initiative SET title = 'Ferry log' WHERE slug = 'other'")
    assert found("ferry") == ["other"]
    Lesson.objects.bulk_create([Lesson(initiative=other, text="Councillors reply.")])
    assert found("councillors") == ["other"]
    (bulk,) = Initiative.objects.bulk_create(
        [Initiative(title="Bulk bridge", slug="bulk", summary="s", state="published",
                    collaboration="direct", initiator_kind="civic")]
    )  # fmt: skip
    assert found("bridge") == ["bulk"]


@postgres_only
def test_the_rebuild_command_recomputes_every_vector(cases):
    with connection.cursor() as cursor:
        # As a restore with triggers off would leave them.
        cursor.execute("SET session_replication_role = replica")
        cursor.execute("UPDATE cases_initiative SET search_vector = NULL, search_text = ''")
        cursor.execute("SET session_replication_role = origin")
    assert found("budget") == []
    call_command("rebuild_search_index", verbosity=0)
    assert found("budget") == ["other"]


@postgres_only
def test_a_word_matches_inside_names(cases):
    actor = ActorFactory(name="ePaństwo Foundation")
    InvolvementFactory(actor=actor, initiative=Initiative.objects.get(slug="other"))
    assert "other" in found("Panstwo")
    assert found("udget") == ["other"]
    # Two letters are too few to look inside words.
    assert found("ud") == []


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


@postgres_only
def test_a_mistyped_word_finds_the_case_and_offers_the_right_one(client, cases):
    InitiativeFactory(slug="decidim", title="Decidim", summary="A platform for participation.")
    response = client.get("/cases/", {"q": "Decidm"})
    html = response.content.decode()
    assert [case.slug for case in response.context["page_obj"]] == ["decidim"]
    assert "Nothing matched “Decidm”" in html
    assert "?q=decidim" in html
    # The API holds the same cases as the list.
    api = client.get("/api/cases/", {"q": "Decidm"}).json()
    assert [case["slug"] for case in api["results"]] == ["decidim"]


@postgres_only
def test_a_search_is_found_through_either_branch_alone(cases):
    from cases import search

    InitiativeFactory(title="Budgets", description="Dane państwowe.")
    published = Initiative.objects.published()
    assert search.finds_any(published, search.match("panstwowe"))  # in the vector only
    assert search.finds_any(published, search.match("undacj"))  # inside a title's word only
    assert search.finds_any(published, search.match("undacj panstwowe")) is False
    assert search.finds_any(published, search.match("zzzq")) is False


@postgres_only
def test_a_correction_reads_a_few_similar_texts_unsorted(cases):
    """Sorting the similar texts (by similarity, or by the list's title order) scored or
    read every text sharing trigrams with the word: thousands for a common word."""
    from django.test.utils import CaptureQueriesContext

    from cases import search

    InitiativeFactory(slug="decidim", title="Decidim", summary="A platform for participation.")
    with CaptureQueriesContext(connection) as queries:
        assert search.correct(Initiative.objects.published(), "Decidm") == "decidim"
    similar = [query["sql"] for query in queries if "%>" in query["sql"]]
    assert similar and not any("ORDER BY" in sql for sql in similar)


@postgres_only
def test_a_word_that_matches_is_never_corrected(client, cases):
    response = client.get("/cases/", {"q": "budget"})
    assert response.context["corrected_query"] is None


def test_results_show_where_the_words_matched(client, cases):
    InitiativeFactory(
        slug="tram", title="Tram map", summary="Routes.", aim="Help riders plan **journeys**."
    )
    html = client.get("/cases/", {"q": "journeys"}).content.decode()
    assert "<mark>journeys</mark>" in html
    assert "**" not in html
    html = client.get("/cases/", {"q": "panstwo"}).content.decode()
    assert "<mark>Państwo</mark>" in html


def test_highlighting_escapes_the_text():
    from cases.snippets import highlight, snippet

    assert highlight("<b>Open</b> data", "open") == "&lt;b&gt;<mark>Open</mark>&lt;/b&gt; data"
    words = " ".join(f"w{n}" for n in range(60))
    assert snippet(words + " target " + words, "target").startswith("… w48")
    assert snippet("nothing here", "target") == ""


def test_a_snippet_renders_markdown_only_where_a_word_may_match(monkeypatch):
    from cases import snippets

    assert "<mark>ePaństwo</mark>" in snippets.snippet("Run by **ePaństwo** since 2010.", "panstwo")

    def unexpected(text):
        raise AssertionError("rendered a text that holds no word of the query")

    monkeypatch.setattr(snippets, "render_markdown", unexpected)
    assert snippets.snippet("A **long** story " * 50, "panstwo") == ""


def test_a_dotted_name_is_found_whole_or_by_its_words():
    # PostgreSQL's parser keeps "ManaBalls.lv" as one word; a search for it must match
    # that word, not demand "lv" on its own.
    platform = InitiativeFactory(slug="platform", title="Citizens' initiatives")
    InvolvementFactory(
        initiative=platform, actor=ActorFactory(name="ManaBalss", aliases="ManaBalls.lv")
    )
    InitiativeFactory(slug="split", title="ManaBalls and lv written apart")
    InitiativeFactory(slug="other", title="Something else")
    assert sorted(found("ManaBalls.lv")) == ["platform", "split"]
    assert found("manaballs.lv budget") == []
