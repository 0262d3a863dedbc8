"""The case FilterSet: OR within a facet, AND across facets, bad values ignored."""

import pytest
from django.http import QueryDict

from cases.filters import CaseFilterSet
from cases.models import Initiative
from tests.factories import (
    ActorFactory,
    CollaborationModelFactory,
    InitiativeFactory,
    InvolvementFactory,
    MotivationFactory,
)

pytestmark = pytest.mark.django_db


def filtered(query):
    filterset = CaseFilterSet(QueryDict(query), queryset=Initiative.objects.published())
    return {case.slug for case in filterset.qs}, filterset


@pytest.fixture
def catalogue():
    scaling = CollaborationModelFactory(slug="scaling")
    hackathon = CollaborationModelFactory(slug="hackathon")
    impact = MotivationFactory(slug="impact")
    InitiativeFactory(slug="a", models=[scaling], countries=["RO"], initiator_kind="civic")
    InitiativeFactory(
        slug="b", models=[hackathon], motivations=[impact], countries=["PL", "RO"],
        initiator_kind="government", collaboration="indirect",
    )  # fmt: skip
    InitiativeFactory(slug="c", models=[scaling, hackathon], countries=["PL"], start_year=2012)
    InitiativeFactory(slug="draft", models=[scaling], state="draft")


def test_repeated_values_mean_or(catalogue):
    assert filtered("country=RO&country=PL")[0] == {"a", "b", "c"}
    assert filtered("model=scaling&model=hackathon")[0] == {"a", "b", "c"}


def test_different_facets_mean_and(catalogue):
    assert filtered("model=scaling&country=PL")[0] == {"c"}
    assert filtered("model=hackathon&initiator=government")[0] == {"b"}


def test_a_case_matching_two_values_is_listed_once(catalogue):
    filterset = filtered("model=scaling&model=hackathon")[1]
    assert filterset.qs.count() == 3


def test_drafts_never_match(catalogue):
    assert "draft" not in filtered("model=scaling")[0]


def test_year_range(catalogue):
    assert filtered("year_to=2015")[0] == {"c"}
    assert filtered("year_from=2015")[0] == {"a", "b"}


def test_country_codes_are_case_insensitive(catalogue):
    assert filtered("country=pl")[0] == {"b", "c"}


@pytest.mark.parametrize(
    "query",
    ["year_from=abc", "collaboration=sideways", "country=Poland", "model=<b>", "year_to=99999"],
)
def test_malformed_values_are_ignored_and_reported(catalogue, query):
    slugs, filterset = filtered(query)
    assert slugs == {"a", "b", "c"}
    assert query.split("=")[0] in filterset.invalid_parameters


def test_control_characters_and_huge_queries_do_not_break_search(catalogue):
    slugs, filterset = filtered("q=" + "x\x00" * 3000)
    assert slugs == set()
    assert not filterset.invalid_parameters


def test_search_matches_an_actors_alias(catalogue):
    actor = ActorFactory(aliases="Responsible Politics Foundation")
    InvolvementFactory(actor=actor, initiative=Initiative.objects.get(slug="a"))
    assert filtered("q=Responsible")[0] == {"a"}
