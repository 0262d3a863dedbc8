"""The case list page: facet counts, chips, sorting, pagination and bad parameters."""

import pytest

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
def catalogue():
    scaling = CollaborationModelFactory(slug="scaling", name="Scaling", order=1)
    hackathon = CollaborationModelFactory(slug="hackathon", name="Hackathon", order=2)
    lab = CollaborationModelFactory(slug="lab", name="Lab", order=3)
    impact = MotivationFactory(slug="impact", name="Impact")
    transport = ThemeFactory(slug="transport", name="Transport")
    rows = [
        # slug, models, initiator, collaboration, countries, start year
        ("a", [scaling], "civic", "direct", ["RO"], 2012),
        ("b", [scaling, hackathon], "civic", "indirect", ["PL", "RO"], 2015),
        ("c", [scaling], "government", "direct", ["PL"], 2018),
        ("d", [hackathon], "civic", "direct", ["LV"], 2020),
        ("e", [hackathon], "donor", "indirect", ["PL"], 2021),
    ]
    cases = {}
    for slug, models, initiator, collaboration, countries, year in rows:
        cases[slug] = InitiativeFactory(
            slug=slug, title=f"Case {slug.upper()}", models=models, initiator_kind=initiator,
            collaboration=collaboration, countries=countries, start_year=year,
        )  # fmt: skip
    cases["b"].motivations.set([impact])
    cases["b"].themes.set([transport])
    InitiativeFactory(slug="draft", models=[scaling, lab], initiator_kind="civic", state="draft")
    InvolvementFactory(initiative=cases["d"], actor=ActorFactory(slug="code-for-all"))
    return cases


def slugs(response):
    return [case.slug for case in response.context["page_obj"].object_list]


def counts(response, name):
    facet = next(f for f in response.context["facets"] if f.name == name)
    return {option.value: option.count for option in facet.options}


def test_unfiltered_list_shows_published_cases_newest_first(client, catalogue):
    response = client.get("/cases/")
    assert response.status_code == 200
    assert sorted(slugs(response)) == ["a", "b", "c", "d", "e"]
    assert response.context["result_count"] == 5


def test_facet_counts_match_a_hand_count(client, catalogue):
    response = client.get("/cases/?model=scaling&initiator=civic")
    assert sorted(slugs(response)) == ["a", "b"]
    # Model counts keep initiator=civic and drop the model filter: civic cases are a, b, d.
    assert counts(response, "model") == {"scaling": 2, "hackathon": 2, "lab": 0}
    # Initiator counts keep model=scaling: a, b (civic) and c (government).
    assert counts(response, "initiator") == {
        "civic": 2, "government": 1, "donor": 0, "business": 0, "academia": 0, "unknown": 0,
    }  # fmt: skip
    # Other facets apply both filters: a and b.
    assert counts(response, "collaboration") == {"direct": 1, "indirect": 1}
    assert counts(response, "country") == {"RO": 2, "PL": 1}
    assert counts(response, "motivation") == {"impact": 1}
    assert counts(response, "theme") == {"transport": 1}


def test_draft_cases_are_never_counted(client, catalogue):
    response = client.get("/cases/")
    assert counts(response, "model")["lab"] == 0
    assert counts(response, "initiator")["civic"] == 3


def test_a_selected_option_without_matches_stays_visible_and_checked(client, catalogue):
    response = client.get("/cases/?model=lab")
    assert slugs(response) == []
    html = response.content.decode()
    assert 'value="lab" id="filter-model-lab" checked' in html
    assert "No case study matches all of these filters." in html


def test_active_filters_are_removable_chips(client, catalogue):
    response = client.get("/cases/?model=scaling&model=hackathon&country=pl&q=case&page=2")
    chips = {chip["label"]: chip["url"] for chip in response.context["chips"]}
    assert chips["Model of collaboration: Scaling"] == ("/cases/?model=hackathon&country=pl&q=case")
    assert chips["Country: Poland"] == "/cases/?model=scaling&model=hackathon&q=case"
    assert chips["Search: case"] == "/cases/?model=scaling&model=hackathon&country=pl"
    assert "Clear all filters" in response.content.decode()


def test_sort_orders(client, catalogue):
    assert slugs(client.get("/cases/?sort=title")) == ["a", "b", "c", "d", "e"]
    assert slugs(client.get("/cases/?sort=start_year")) == ["e", "d", "c", "b", "a"]
    # Relevance is offered only while searching.
    response = client.get("/cases/")
    assert "relevance" not in dict(response.context["sort_choices"])
    assert "relevance" in dict(client.get("/cases/?q=case").context["sort_choices"])


def test_actor_filter_is_shown_as_a_chip_with_its_count(client, catalogue):
    response = client.get("/cases/?actor=code-for-all")
    assert slugs(response) == ["d"]
    assert counts(response, "actor") == {"code-for-all": 1}


@pytest.fixture
def many_cases(db):
    for number in range(45):
        InitiativeFactory(slug=f"case-{number:02d}", title=f"Case {number:02d}", start_year=2015)


@pytest.mark.parametrize(
    ("page", "shown"), [("1", 1), ("2", 2), ("-1", 1), ("abc", 1), ("99999", 3), ("9" * 40, 3)]
)
def test_any_page_parameter_shows_a_real_page(client, many_cases, page, shown):
    response = client.get(f"/cases/?page={page}&sort=title")
    assert response.status_code == 200
    assert response.context["page_obj"].number == shown


@pytest.mark.parametrize("query", ["sort=title", "", "sort=start_year", "q=case"])
def test_every_page_holds_its_part_of_the_list_read_from_either_end(client, query):
    """Pages in the second half read their keys from the end of the list: the pages
    still follow each other without a gap or a repeat, in the list's order, ties too."""
    for number in range(47):
        InitiativeFactory(
            slug=f"case-{number:02d}", title=f"Case {number % 7}", start_year=2010 + number % 4
        )
    first = client.get(f"/cases/?{query}")
    whole = list(first.context["paginator"].object_list.values_list("slug", flat=True))
    pages = [
        slugs(client.get(f"/cases/?{query}&page={number}"))
        for number in first.context["paginator"].page_range
    ]
    assert len(pages) == 3
    assert [slug for page in pages for slug in page] == whole
    assert len(set(whole)) == 47


def test_pagination_keeps_the_filters(client, many_cases):
    html = client.get("/cases/?sort=title&year_from=2010").content.decode()
    assert "?sort=title&amp;year_from=2010&amp;page=2" in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("year_from=abc", "Started from"),
        ("year_to=3000", "Started until"),
        ("collaboration=sideways", "Collaboration form"),
        ("country=XX", "Country"),
        ("model=%3Cscript%3E", "Model of collaboration"),
        ("sort=sideways", "Sort by"),
    ],
)
def test_malformed_parameters_are_ignored_with_a_message(client, catalogue, query, message):
    response = client.get(f"/cases/?{query}")
    assert response.status_code == 200
    assert len(slugs(response)) == 5
    html = response.content.decode()
    assert "was ignored" in html
    assert message in html
    assert "<script>" not in html.split("<main", 1)[1]


@pytest.mark.parametrize("name", ["model", "motivation", "theme", "actor"])
def test_unknown_slugs_are_ignored_with_a_message(client, catalogue, name):
    response = client.get(f"/cases/?{name}=nope")
    assert response.status_code == 200
    assert len(slugs(response)) == 5
    assert "“nope”; that filter was ignored" in response.content.decode()


@pytest.mark.parametrize("name", ["theme", "actor"])
def test_an_organisation_or_theme_of_drafts_alone_is_never_named(client, catalogue, name):
    draft = InitiativeFactory(slug="secret-draft", state="draft")
    draft.themes.set([ThemeFactory(slug="secret", name="Secret Theme")])
    InvolvementFactory(initiative=draft, actor=ActorFactory(slug="secret", name="Secret Org"))
    response = client.get(f"/cases/?{name}=secret")
    content = response.content.decode()
    assert "Secret Theme" not in content
    assert "Secret Org" not in content
    # Treated like any unknown slug, so the count does not reveal that it exists.
    assert len(slugs(response)) == 5
    assert client.get(f"/api/cases/?{name}=secret").json()["count"] == 5


def test_an_unknown_slug_beside_a_known_one_is_ignored(client, catalogue):
    response = client.get("/cases/?model=nope&model=hackathon")
    assert sorted(slugs(response)) == ["b", "d", "e"]


@pytest.mark.parametrize(
    "query", ["q=" + "a" * 5000, "q=%00%01abc", "q=%27%22%3B--", "q=a:*%20%26%20!b", "q=%E2%80%AE"]
)
def test_hostile_search_text_never_fails(client, catalogue, query):
    response = client.get(f"/cases/?{query}")
    assert response.status_code == 200


def test_an_empty_list_names_each_filter_to_remove(client, catalogue):
    html = client.get("/cases/?model=lab&initiator=civic&q=case").content.decode()
    empty = html.split('id="empty-results"')[1]
    assert "No case study matches this search with all of these filters." in empty
    without_model = '<a href="/cases/?initiator=civic&amp;q=case">Remove Model of collab'
    assert without_model in empty
    assert '<a href="/cases/?model=lab&amp;q=case">Remove Initiated by: Civic' in empty
    assert '<a href="/cases/?model=lab&amp;initiator=civic">Remove the search “case”</a>' in empty


def test_an_empty_search_talks_about_the_search_not_filters(client, catalogue):
    html = client.get("/cases/?q=zzzzqqq").content.decode()
    empty = html.split('id="empty-results"')[1]
    assert "No case study matches the search “zzzzqqq”." in empty
    assert "filter" not in empty.split("</div>")[0].lower()
    assert "Clear the search" in html and "Clear all filters" not in html
    assert '<a href="/cases/">See every case study instead</a>' in empty
