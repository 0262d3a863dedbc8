"""/cases/?X, /api/cases/?X and the downloads of X hold the same cases, in the same order.

The cases are read from the pages themselves, as a visitor and an API client get them.
"""

import json
import re

import pytest

from cases.choices import Role
from tests.catalogue import kept_for_module
from tests.factories import (
    ActorFactory,
    CollaborationModelFactory,
    InitiativeFactory,
    InvolvementFactory,
    MotivationFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

QUERIES = [
    "",
    "collaboration=direct",
    "collaboration=indirect&initiator=government",
    "initiator=civic&initiator=donor",
    "model=hackathon",
    "model=hackathon&model=lab",
    "model=lab&country=RO",
    "motivation=impact&theme=health",
    "country=pl&country=de",
    "actor=koduj",
    "actor=koduj&role=ignored-unknown-parameter",
    "year_from=2014&year_to=2019",
    "q=budget",
    "q=budget&sort=title",
    "sort=start_year",
    "sort=relevance",
    "model=lab&motivation=finances&collaboration=direct&year_from=2010&sort=title",
]


@pytest.fixture(scope="module")
def catalogue(django_db_setup, django_db_blocker):
    # Made once for all the queries: they only read.
    with kept_for_module(django_db_blocker):
        make_catalogue()
        yield


def make_catalogue():
    hackathon = CollaborationModelFactory(slug="hackathon")
    lab = CollaborationModelFactory(slug="lab")
    impact = MotivationFactory(slug="impact")
    finances = MotivationFactory(slug="finances")
    health = ThemeFactory(slug="health")
    koduj = ActorFactory(slug="koduj", name="Koduj dla Polski")
    rows = [
        ("budget-map", [hackathon], [impact], [health], ["PL"], "direct", "civic", 2015),
        ("lab-ro", [lab], [finances], [], ["RO"], "direct", "government", 2018),
        ("both", [hackathon, lab], [impact, finances], [health], ["PL", "RO"],
         "indirect", "government", 2012),
        ("donor-budget", [lab], [], [health], ["DE"], "indirect", "donor", None),
        ("late", [hackathon], [finances], [], ["PL"], "direct", "civic", 2021),
    ]  # fmt: skip
    for slug, models, motivations, themes, countries, form, initiator, year in rows:
        case = InitiativeFactory(
            slug=slug,
            title=slug.replace("-", " ").title(),
            models=models,
            motivations=motivations,
            themes=themes,
            countries=countries,
            collaboration=form,
            initiator_kind=initiator,
            start_year=year,
        )
        if slug in {"budget-map", "late"}:
            InvolvementFactory(initiative=case, actor=koduj, role=Role.INITIATOR)
    InitiativeFactory(slug="draft-budget", models=[hackathon], state="draft")


# The title link of each case card on /cases/, in the order shown.
CARD_LINK = re.compile(r'<h3 id="case-\d+-title"><a href="/cases/([^/"]+)/">')


def html_list(client, query):
    response = client.get(f"/cases/?{query}")
    assert response.status_code == 200
    # The catalogue is smaller than a page, so the first page is the whole list.
    assert response.context["page_obj"].paginator.num_pages == 1
    return CARD_LINK.findall(response.content.decode())


@pytest.mark.parametrize("query", QUERIES)
def test_api_download_and_list_agree(client, catalogue, query):
    expected = html_list(client, query)
    api = client.get(f"/api/cases/?{query}&page_size=200").json()
    assert [case["slug"] for case in api["results"]] == expected
    assert api["count"] == len(expected)
    body = json.loads(b"".join(client.get(f"/cases/download.json?{query}").streaming_content))
    assert [case["slug"] for case in body["cases"]] == expected
    csv_text = b"".join(client.get(f"/cases/download.csv?{query}").streaming_content)
    assert csv_text.decode("utf-8-sig").count("\n") == len(expected) + 1


def test_the_spread_of_queries_is_discriminating(client, catalogue):
    """The queries above give different answers, so agreement is not by accident."""
    answers = {tuple(html_list(client, query)) for query in QUERIES}
    assert len(answers) >= 10
    assert "draft-budget" not in {slug for answer in answers for slug in answer}
