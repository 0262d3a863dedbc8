"""Every public page runs the same number of queries, with 10 published cases or 1,000."""

import pytest
from django.db import connection

from tests.catalogue import build_catalogue, kept_for_module

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", params=[10, 1000], ids=["10-cases", "1000-cases"])
def catalogue(request, django_db_setup, django_db_blocker):
    # Built once for all the pages: they only read.
    with kept_for_module(django_db_blocker):
        build_catalogue(request.param)
        yield request.param


def assert_page(client, django_assert_num_queries, url, queries):
    if isinstance(queries, dict):
        # PostgreSQL counts facets from the keys and totals it keeps (cases.facet_keys).
        queries = queries[connection.vendor if connection.vendor == "postgresql" else "other"]
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200, url


def test_home(client, catalogue, django_assert_num_queries):
    # Elsewhere: 4 entry-point facets (model, collaboration, initiator, motivation).
    # PostgreSQL: the running totals, the models, the motivations.
    # Then the latest cases + their models, motivations, themes.
    assert_page(client, django_assert_num_queries, "/", {"other": 8, "postgresql": 7})


@pytest.mark.parametrize(
    "query, queries",
    [
        # Elsewhere: count; six facets (collaboration, initiator, model, motivation,
        # country, theme). PostgreSQL: the running totals (the count too); the models,
        # motivations and themes to name. Then the page of cases, then its models,
        # motivations, themes.
        ("", {"other": 11, "postgresql": 8}),
        # Invalid filters are dropped, so the same as no filter at all.
        ("?model=nope&year_from=abc&page=-1", {"other": 11, "postgresql": 8}),
        # Elsewhere: count, six facets. PostgreSQL: every facet and the count in one
        # pass, the totals (themes in use), the models, motivations, themes to name.
        # Then the page of cases and its models, motivations, themes.
        (
            "?model=scaling&model=lab&initiator=civic&country=LV&year_from=2012&sort=title",
            {"other": 11, "postgresql": 9},
        ),
        # As above, and the chosen organisation; a page past the last shows the last.
        (
            "?q=case&actor=actor-1&theme=money&motivation=finances&page=3",
            {"other": 12, "postgresql": 10},
        ),
    ],
)
def test_case_list(client, catalogue, django_assert_num_queries, query, queries):
    if "q=" in query and connection.vendor == "postgresql":
        # Whether the words as typed match at all, before offering corrections.
        queries = {**queries, "postgresql": queries["postgresql"] + 1}
    assert_page(client, django_assert_num_queries, f"/cases/{query}", queries)


def test_case_page(client, catalogue, django_assert_num_queries):
    # Case; models, motivations, themes, sources, involvements+actors,
    # lessons+models; lineage: public links; related cases: the cases of its
    # organisations, the newest of its model, the newest of all, their ranking;
    # "compare with": the same candidates ranked again for twelve.
    assert_page(client, django_assert_num_queries, "/cases/case-1/", 13)


def test_models_page(client, catalogue, django_assert_num_queries):
    # The models with their counts of published cases.
    assert_page(client, django_assert_num_queries, "/models/", 1)


def test_model_page(client, catalogue, django_assert_num_queries):
    # Model, recommendations, split by collaboration and by initiator (PostgreSQL: both
    # from the running totals), cases + their models, motivations, themes; lineage: the
    # model's best-linked cases (none here, so no generation is walked); lessons with
    # their cases.
    assert_page(
        client, django_assert_num_queries, "/models/scaling/", {"other": 10, "postgresql": 9}
    )


def test_motivation_pages(client, catalogue, django_assert_num_queries):
    # The motivations with their counts of published cases.
    assert_page(client, django_assert_num_queries, "/motivations/", 1)
    # Motivation, two splits (PostgreSQL: the running totals), cases + models,
    # motivations, themes.
    assert_page(
        client,
        django_assert_num_queries,
        "/motivations/impact/",
        {"other": 7, "postgresql": 6},
    )


def test_actor_pages(client, catalogue, django_assert_num_queries):
    # Count, page, countries offered as filters.
    assert_page(client, django_assert_num_queries, "/actors/?kind=civic&country=PL", 3)
    # Actor, its involvements in published cases with the cases.
    assert_page(client, django_assert_num_queries, "/actors/actor-1/", 2)


@pytest.mark.parametrize(
    "query",
    ["?model=scaling&theme=votes&page=2", "?q=start+SMALL&initiator=civic&kind=lesson&model=x"],
)
def test_lessons_page(client, catalogue, django_assert_num_queries, query):
    # Elsewhere: count, page; four facets counted in lessons, one query each (models,
    # initiators, themes, kinds). PostgreSQL: count, page; one pass over the lessons'
    # keys for each different set of the other filters (two here, three below), the
    # running totals (themes in use), the models and themes to name.
    queries = {"other": 6, "postgresql": 8 if "page" in query else 9}
    assert_page(client, django_assert_num_queries, f"/lessons/{query}", queries)


def test_every_lesson_is_counted_from_the_totals(client, catalogue, django_assert_num_queries):
    # Elsewhere: count, four facets, page. PostgreSQL: the running totals (count and
    # facets), the models and themes to name, page.
    assert_page(client, django_assert_num_queries, "/lessons/", {"other": 6, "postgresql": 4})
