"""The read-only API: published content only, relations both ways, licence, limits."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings

from cases.choices import Role
from tests.catalogue import build_catalogue
from tests.factories import (
    ActorFactory,
    CollaborationModelFactory,
    InitiativeFactory,
    InitiativeLinkFactory,
    InvolvementFactory,
    LessonFactory,
    MotivationFactory,
    RecommendationFactory,
    SourceFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

LICENSE_LINK = '<https://creativecommons.org/licenses/by-sa/4.0/>; rel="license"'


@pytest.fixture
def case():
    hackathon = CollaborationModelFactory(slug="hackathon", name="Hackathon")
    impact = MotivationFactory(slug="impact")
    case = InitiativeFactory(
        slug="school-budgets",
        title="School budgets",
        models=[hackathon],
        motivations=[impact],
        themes=[ThemeFactory(slug="education")],
        countries=["PL", "RO"],
    )
    InvolvementFactory(initiative=case, actor=ActorFactory(slug="epanstwo"), role=Role.INITIATOR)
    InvolvementFactory(initiative=case, actor=ActorFactory(slug="ministry"), role=Role.GOVERNMENT)
    LessonFactory(initiative=case, text="Start small.", collaboration_model=hackathon)
    SourceFactory(initiative=case, title="The guide", url="https://example.org/guide")
    return case


def test_case_list_is_public_and_licensed(client, case):
    InitiativeFactory(slug="secret", state="draft")
    response = client.get("/api/cases/")
    assert response.status_code == 200
    body = response.json()
    assert [item["slug"] for item in body["results"]] == ["school-budgets"]
    assert body["count"] == 1
    assert body["license"]["name"] == "CC-BY-SA-4.0"
    assert response["Link"] == LICENSE_LINK


def test_case_list_embeds_actors_with_roles_models_and_countries(client, case):
    item = client.get("/api/cases/").json()["results"][0]
    assert {(a["actor"]["slug"], a["role"]) for a in item["actors"]} == {
        ("epanstwo", "initiator"),
        ("ministry", "government"),
    }
    assert [m["slug"] for m in item["collaboration_models"]] == ["hackathon"]
    assert [c["code"] for c in item["countries"]] == ["PL", "RO"]
    assert item["url"] == "http://testserver/cases/school-budgets/"
    assert item["api_url"] == "http://testserver/api/cases/school-budgets/"
    assert item["actors"][0]["actor"]["api_url"].startswith("http://testserver/api/actors/")


def test_case_detail_embeds_lessons_sources_and_lineage(client, case):
    origin = InitiativeFactory(slug="origin")
    draft = InitiativeFactory(slug="draft-copy", state="draft")
    InitiativeLinkFactory(source=case, target=origin, kind="replicated_from")
    InitiativeLinkFactory(source=draft, target=case, kind="adapted_from")
    body = client.get("/api/cases/school-budgets/").json()
    assert body["lessons"][0]["text"] == "Start small."
    assert body["lessons"][0]["collaboration_model"]["slug"] == "hackathon"
    assert body["sources"] == [
        {
            "number": 1,
            "title": "The guide",
            "title_pl": "",
            "title_es": "",
            "publisher": "",
            "guide": False,
            "locator": "",
            "url": "https://example.org/guide",
        }
    ]
    assert body["lessons"][0]["source"] is None
    assert [(link["kind"], link["case"]["slug"]) for link in body["links"]] == [
        ("replicated_from", "origin")
    ]
    # A draft deriving from this case stays hidden.
    assert body["linked_from"] == []


def test_draft_case_is_not_found(client):
    InitiativeFactory(slug="secret", state="draft")
    response = client.get("/api/cases/secret/")
    assert response.status_code == 404
    assert response.json()["detail"]


def test_actor_lists_its_published_cases_with_roles(client, case):
    actor = case.actors.get(slug="epanstwo")
    InvolvementFactory(initiative=InitiativeFactory(slug="hidden", state="review"), actor=actor)
    body = client.get("/api/actors/epanstwo/").json()
    assert [(c["case"]["slug"], c["role"]) for c in body["cases"]] == [
        ("school-budgets", "initiator")
    ]


def test_actor_only_in_drafts_is_not_public(client):
    InvolvementFactory(
        initiative=InitiativeFactory(state="draft"), actor=ActorFactory(slug="unseen")
    )
    assert client.get("/api/actors/unseen/").status_code == 404
    assert client.get("/api/actors/").json()["count"] == 0


def test_model_carries_recommendations_and_published_cases(client, case):
    hackathon = case.collaboration_models.get()
    RecommendationFactory(collaboration_model=hackathon, text="Plan the follow-up.", order=1)
    InitiativeFactory(slug="draft-hack", models=[hackathon], state="draft")
    body = client.get("/api/models/hackathon/").json()
    assert [r["text"] for r in body["recommendations"]] == ["Plan the follow-up."]
    assert [c["slug"] for c in body["cases"]] == ["school-budgets"]
    assert body["cases_api_url"] == "http://testserver/api/cases/?model=hackathon"


def test_motivations_and_lessons(client, case):
    assert client.get("/api/motivations/impact/").json()["cases"][0]["slug"] == "school-budgets"
    LessonFactory(initiative=InitiativeFactory(state="draft"), text="Hidden.")
    lessons = client.get("/api/lessons/").json()["results"]
    assert [lesson["text"] for lesson in lessons] == ["Start small."]
    assert client.get("/api/lessons/?model=hackathon").json()["count"] == 1
    CollaborationModelFactory(slug="lab")
    assert client.get("/api/lessons/?model=lab").json()["count"] == 0
    # A slug naming no model is ignored, as on the case list.
    assert client.get("/api/lessons/?model=nope").json()["count"] == 1


@pytest.mark.parametrize(
    "query, parameter",
    [
        ("year_from=abc", "year_from"),
        ("collaboration=sideways", "collaboration"),
        ("country=Poland", "country"),
        ("sort=random", "sort"),
        ("model=<b>", "model"),
    ],
)
def test_malformed_parameter_answers_400_naming_it(client, case, query, parameter):
    response = client.get(f"/api/cases/?{query}")
    assert response.status_code == 400
    body = response.json()
    assert body["detail"]
    assert parameter in body["invalid_parameters"]


def test_unknown_address_answers_json_404(client):
    response = client.get("/api/nothing/here/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_page_past_the_end_is_404_and_page_size_is_bounded(client, case):
    assert client.get("/api/cases/?page=9").status_code == 404
    InitiativeFactory.create_batch(3)
    body = client.get("/api/cases/?page_size=2").json()
    assert len(body["results"]) == 2 and body["next"]
    assert len(client.get("/api/cases/?page_size=200").json()["results"]) == 4


@pytest.mark.parametrize("value", ["", "0", "abc", "1.0"])
def test_a_page_that_is_not_a_page_number_is_404(client, case, value):
    response = client.get("/api/cases/", {"page": value})
    assert response.status_code == 404
    assert response.json()["detail"]


@pytest.mark.parametrize("value", ["null", "", "0", "-1", "201", "100000", "2.5", "abc", "١٢"])
def test_a_page_size_outside_1_to_200_is_a_400_naming_it(client, case, value):
    response = client.get("/api/cases/", {"page_size": value})
    assert response.status_code == 400
    assert response.json()["invalid_parameters"] == {
        "page_size": "Give a whole number from 1 to 200 results per page."
    }


def test_cors_is_open_for_the_api_only(client, case):
    api = client.get("/api/cases/", HTTP_ORIGIN="https://notebook.example")
    assert api["Access-Control-Allow-Origin"] == "*"
    page = client.get("/data/", HTTP_ORIGIN="https://notebook.example")
    assert "Access-Control-Allow-Origin" not in page


def test_no_login_or_key_is_needed_and_no_session_is_set(client, case):
    response = client.get("/api/cases/school-budgets/")
    assert response.status_code == 200
    assert "sessionid" not in response.cookies
    assert "csrftoken" not in response.cookies


def test_rate_limit_answers_429_with_retry_after(client, case):
    rates = {"api": "2/minute", "downloads": "2/minute"}
    with override_settings(REST_FRAMEWORK={"DEFAULT_THROTTLE_RATES": rates}):
        assert client.get("/api/cases/").status_code == 200
        assert client.get("/api/models/").status_code == 200
        response = client.get("/api/cases/")
        assert response.status_code == 429
        assert 0 < int(response["Retry-After"]) <= 60
        # Another client is counted separately.
        assert client.get("/api/cases/", REMOTE_ADDR="10.0.0.2").status_code == 200


def test_rate_limit_counts_live_in_the_shared_cache(client, case):
    rates = {"api": "1/minute", "downloads": "1/minute"}
    with override_settings(REST_FRAMEWORK={"DEFAULT_THROTTLE_RATES": rates}):
        client.get("/api/cases/")
        assert cache.get("throttle_api_127.0.0.1")
        cache.clear()  # as if another app server, sharing the cache, had no count either
        assert client.get("/api/cases/").status_code == 200


@pytest.mark.parametrize("count", [10, 1000])
def test_case_list_queries_do_not_grow_with_cases(client, django_assert_num_queries, count):
    lab_cases = len(build_catalogue(count).with_model("lab"))
    # count, page of cases, then one prefetch each: models, motivations, themes,
    # involvements with their actors, sources (the numbers the roles cite). PostgreSQL
    # first reads the models, to filter by their keys (cases.facet_keys).
    with django_assert_num_queries(8 if connection.vendor == "postgresql" else 7):
        response = client.get("/api/cases/?page_size=200&model=lab")
    assert len(response.json()["results"]) == min(lab_cases, 200)


@pytest.mark.parametrize("count", [10, 300])
def test_other_lists_queries_do_not_grow(client, django_assert_num_queries, count):
    build_catalogue(count)
    # actors: count, page, involvements with cases.
    with django_assert_num_queries(3):
        client.get("/api/actors/?page_size=200")
    # models: count, page, recommendations, published cases.
    with django_assert_num_queries(4):
        client.get("/api/models/")
    with django_assert_num_queries(3):
        client.get("/api/motivations/")


def test_case_detail_queries_are_fixed(client, case, django_assert_num_queries):
    # the case, then models, motivations, themes, involvements+actors, lessons+models,
    # sources, lineage out, lineage in.
    with django_assert_num_queries(9):
        assert client.get("/api/cases/school-budgets/").status_code == 200
