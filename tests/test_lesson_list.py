"""The lessons list filters like the case list: search, counted facets, chips, live update."""

import pytest

from cases.choices import LessonKind
from tests.factories import (
    CollaborationModelFactory,
    InitiativeFactory,
    LessonFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def lessons():
    scaling = CollaborationModelFactory(slug="scaling", name="Scaling")
    lab = CollaborationModelFactory(slug="lab", name="Lab")
    elections = ThemeFactory(slug="elections", name="Elections")
    vote = InitiativeFactory(title="Vote Monitor", models=[scaling], themes=[elections])
    # A case with two models: its tagged lesson counts once, under its own model.
    city = InitiativeFactory(title="City Lab", models=[lab, scaling], initiator_kind="government")
    LessonFactory(initiative=vote, text="Volunteers need training.")
    LessonFactory(initiative=vote, text="Share the app earlier.", kind=LessonKind.IMPROVEMENT)
    LessonFactory(initiative=city, text="Train civil servants first.", collaboration_model=lab)
    LessonFactory(initiative=InitiativeFactory(state="draft"), text="Draft training lesson.")


def texts(response):
    return [lesson.text for lesson in response.context["page_obj"].object_list]


def counts(response, name):
    group = next(group for group in response.context["facets"] if group.name == name)
    return {option.value: option.count for option in group.options}


def test_search_matches_lesson_text_and_case_title_in_any_case(client, lessons):
    assert texts(client.get("/lessons/?q=TRAIN")) == [
        "Train civil servants first.",
        "Volunteers need training.",
    ]
    assert texts(client.get("/lessons/?q=vote+share")) == ["Share the app earlier."]


def test_facets_count_lessons_against_the_other_filters(client, lessons):
    response = client.get("/lessons/?q=train")
    assert counts(response, "model") == {"lab": 1, "scaling": 1}
    assert counts(response, "initiator")["government"] == 1
    assert counts(response, "theme") == {"elections": 1}
    response = client.get("/lessons/?q=train&model=scaling")
    # A facet's own choice does not narrow its counts; the others do.
    assert counts(response, "model") == {"lab": 1, "scaling": 1}
    assert counts(response, "kind") == {"lesson": 1, "challenge": 0, "improvement": 0}
    assert '(1<span class="visually-hidden"> lesson</span>)' in response.content.decode()


def test_active_filters_show_as_chips_that_remove_them(client, lessons):
    response = client.get("/lessons/?q=train&model=scaling")
    html = response.content.decode()
    assert [chip["label"] for chip in response.context["chips"]] == [
        "Search: train",
        "Model of collaboration: Scaling",
    ]
    assert 'href="/lessons/?model=scaling"' in html
    assert 'href="/lessons/?q=train"' in html


def test_the_page_is_enhanced_by_the_case_lists_live_filter_script(client, lessons):
    html = client.get("/lessons/").content.decode()
    assert "data-live-filters" in html
    assert 'id="results"' in html and 'id="filters"' in html and 'id="results-count"' in html
    assert "/static/js/case-filters.js" in html


@pytest.mark.parametrize(
    "query",
    [
        "?q=%00%01train" + "x" * 500,
        "?model=%3Cb%3E&model=nope&theme=nope&initiator=king&kind=x&case=..&page=-3",
        "?q=%25%5F",
    ],
)
def test_bad_parameters_get_a_message_not_an_error(client, lessons, query):
    response = client.get(f"/lessons/{query}")
    assert response.status_code == 200


def test_unknown_values_are_ignored_and_named(client, lessons):
    response = client.get("/lessons/?model=nope&theme=nowhere&initiator=king")
    assert len(texts(response)) == 3
    html = response.content.decode()
    assert "No model of collaboration is called “nope”" in html
    assert "was ignored" in html


def test_a_search_finding_nothing_says_so(client, lessons):
    html = client.get("/lessons/?q=zebra").content.decode()
    assert "No lesson mentions “zebra”." in html
