"""Each facet is declared once, in ``cases.facets.FACETS``, and every reader follows it.

A new facet added to the registry is checked here with no further test code: it must
become a filter of the case list, be counted and offered on the page, name its chosen
option in a chip and be documented in the API schema.
"""

import pytest
import yaml

from cases.facets import FACETS
from cases.filters import CaseFilterSet
from cases.models import Initiative
from tests.factories import (
    ActorFactory,
    CollaborationModelFactory,
    InitiativeFactory,
    InvolvementFactory,
    MotivationFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    """A case with a value in every facet, beside a case sharing none of them."""
    chosen = InitiativeFactory(
        slug="chosen",
        collaboration="direct",
        initiator_kind="civic",
        countries=["PL"],
        models=[CollaborationModelFactory(slug="scaling")],
        motivations=[MotivationFactory(slug="impact")],
        themes=[ThemeFactory(slug="transport")],
    )
    InvolvementFactory(initiative=chosen, actor=ActorFactory(slug="code-for-all"))
    InitiativeFactory(
        slug="other", collaboration="indirect", initiator_kind="government", countries=["RO"]
    )
    return chosen


def test_the_case_filterset_takes_each_facet_from_the_registry():
    for name, facet in FACETS.items():
        filter_ = CaseFilterSet.base_filters[name]
        assert filter_.label == facet.label
        assert type(filter_) is type(facet.make_filter())


def test_the_list_offers_the_facets_in_registry_order(client, case):
    response = client.get("/cases/", {"actor": "code-for-all"})
    assert [group.name for group in response.context["facets"]] == list(FACETS)


# The chosen case's value in each facet of the registry.
CHOSEN = {
    "collaboration": "direct",
    "initiator": "civic",
    "model": "scaling",
    "motivation": "impact",
    "country": "PL",
    "theme": "transport",
    "actor": "code-for-all",
}


def test_every_facet_has_a_chosen_value_here():
    assert set(CHOSEN) == set(FACETS)


@pytest.mark.parametrize("name", list(FACETS))
def test_a_facet_filters_counts_and_names_its_chip(client, case, name):
    facet = FACETS[name]
    value = CHOSEN[name]
    assert facet.counts(Initiative.objects.published())[value] == 1
    response = client.get("/cases/", {name: value})
    assert [row.slug for row in response.context["page_obj"].object_list] == ["chosen"]
    group = next(group for group in response.context["facets"] if group.name == name)
    assert group.label == facet.label
    [option] = group.selected_options
    assert (option.value, option.count) == (value, 1)
    chips = [chip["label"] for chip in response.context["chips"]]
    assert f"{facet.label}: {option.label}" in chips
    assert f'id="filter-{name}-{value}" checked' in response.content.decode()


def test_the_api_schema_documents_every_facet(client):
    schema = yaml.safe_load(client.get("/api/schema/").content)
    parameters = {
        parameter["name"]: parameter
        for parameter in schema["paths"]["/api/cases/"]["get"]["parameters"]
    }
    for name, facet in FACETS.items():
        assert parameters[name]["description"].startswith(str(facet.label))
        assert parameters[name]["schema"]["type"] == "array"
