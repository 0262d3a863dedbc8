import pytest
from django.template import Context, Template

from cases.choices import LessonKind, Role
from tests.factories import (
    CollaborationModelFactory,
    InitiativeFactory,
    InvolvementFactory,
    LessonFactory,
    MotivationFactory,
)

pytestmark = pytest.mark.django_db


def cases(n):
    return [InitiativeFactory(slug=f"case-{i}", title=f"Case {i}") for i in range(n)]


def get(client, slugs):
    response = client.get("/compare/", {"cases": ",".join(slugs)})
    assert response.status_code == 200
    return response.content.decode()


def test_two_cases_side_by_side_along_the_guides_questions(client):
    hackathon = CollaborationModelFactory(slug="hackathon", name="Hackathon")
    a = InitiativeFactory(slug="a", title="Alpha", aim="Open the budget.", models=[hackathon])
    b = InitiativeFactory(
        slug="b", title="Beta", countries=["RO"], motivations=[MotivationFactory(name="Impact")]
    )
    InvolvementFactory(initiative=a, role=Role.INITIATOR, actor__name="Code for Romania")
    LessonFactory(initiative=b, kind=LessonKind.IMPROVEMENT, text="Test with users.")
    html = get(client, ["a", "b"])
    assert html.count("<h1") == 1
    for question in ["Aim", "Funding", "Who initiated", "Model of collaboration"]:
        assert f'<th scope="row">{question}</th>' in html
    assert "Lessons learnt and challenges" in html
    assert "What would improve similar innovations" in html
    assert '<th scope="col"><a href="/cases/a/">Alpha</a></th>' in html
    assert "Open the budget." in html
    assert "Code for Romania" in html
    assert "Test with users." in html
    assert "Impact" in html and "Romania" in html
    assert 'class="compare-cards"' in html


def test_repeated_parameters_work_like_a_comma_list(client):
    cases(3)
    response = client.get("/compare/", {"cases": ["case-0", "case-1,case-2"]})
    html = response.content.decode()
    assert html.count('<th scope="col">') == 3


def test_four_cases_are_compared(client):
    cases(4)
    html = get(client, [f"case-{i}" for i in range(4)])
    assert html.count('<th scope="col">') == 4


def test_one_case_asks_for_another(client):
    cases(3)
    html = get(client, ["case-0"])
    assert "Choose at least 2 case studies" in html
    assert "<table" not in html
    assert 'value="case-1"' in html  # offered as a second case


def test_five_cases_ask_to_pick_four(client):
    cases(5)
    html = get(client, [f"case-{i}" for i in range(5)])
    assert "at most 4" in html
    assert "<table" not in html
    assert html.count('type="checkbox"') == 5
    assert html.count(" checked") == 4


def test_unknown_and_draft_slugs_are_named_and_the_rest_kept(client):
    cases(2)
    InitiativeFactory(slug="draft", state="draft")
    html = get(client, ["case-0", "nope", "draft", "case-1"])
    assert "We could not find published case studies" in html
    assert "<code>nope</code>" in html and "<code>draft</code>" in html
    assert html.count('<th scope="col">') == 2


def test_nothing_or_garbage_never_fails(client):
    for query in ["", "?cases=", "?cases=,,,", "?cases=%00%ff", "?cases=" + "x," * 500]:
        response = client.get("/compare/" + query)
        assert response.status_code == 200
        assert "Choose at least 2" in response.content.decode()


def test_query_count_does_not_grow_with_the_cases(client, django_assert_num_queries):
    many = cases(4)
    for case in many:
        InvolvementFactory(initiative=case)
        LessonFactory(initiative=case)
    # cases, models, motivations, themes, sources, involvements+actors, lessons+models
    with django_assert_num_queries(7):
        get(client, [case.slug for case in many])


def test_compare_with_include_offers_the_other_published_cases():
    a, b = cases(2)
    InitiativeFactory(slug="hidden", state="draft")
    html = Template("{% load insights_tags %}{% compare_with case %}").render(Context({"case": a}))
    assert 'action="/compare/"' in html
    assert '<input type="hidden" name="cases" value="case-0">' in html
    assert 'value="case-1"' in html and "hidden" not in html.replace('type="hidden"', "")
    assert '<label for="compare-with-case-0">' in html


def test_compare_selected_include_gives_a_form_and_checkboxes():
    a = InitiativeFactory(slug="a", title="Alpha")
    html = Template(
        "{% load insights_tags %}{% compare_selected_form %}{% compare_checkbox case %}"
    ).render(Context({"case": a}))
    assert 'id="compare-form"' in html and 'action="/compare/"' in html
    assert 'name="cases" value="a" form="compare-form"' in html
    assert '<label for="compare-a">' in html


def test_compare_with_offers_a_short_list_related_cases_first(django_assert_num_queries):
    from insights.selectors import COMPARE_CHOICES

    hackathon = CollaborationModelFactory(slug="hackathon")
    case = InitiativeFactory(slug="main", title="Zulu", models=[hackathon])
    related = InitiativeFactory(slug="related", title="Zz related", models=[hackathon])
    cases(COMPARE_CHOICES * 3)
    # The offered cases, ranked by what they share with the case. Queries: the case's
    # models and organisations (not prefetched here), the newest cases of its one model
    # (organisations: none), the newest cases of all, and the ranking of those
    # candidates: a fixed number, however many cases there are.
    with django_assert_num_queries(5):
        html = Template("{% load insights_tags %}{% compare_with case %}").render(
            Context({"case": case})
        )
    assert html.count("<option") == COMPARE_CHOICES
    assert html.index(f'value="{related.slug}"') < html.index('value="case-')
    assert '<option value="main">' not in html and 'href="/cases/"' in html


def test_one_case_is_offered_a_short_list_of_others(client):
    from insights.selectors import COMPARE_CHOICES

    cases(COMPARE_CHOICES * 3)
    html = get(client, ["case-0"])
    assert html.count("<option") == COMPARE_CHOICES + 1  # and "Choose a case study"
    assert 'value="case-0"' not in html.split('id="compare-add"')[1]
    assert 'href="/cases/"' in html


def test_back_to_the_case_studies_keeps_the_lists_filters(client):
    InitiativeFactory(slug="a")
    InitiativeFactory(slug="b")
    response = client.get(
        "/compare/",
        {"cases": ["a", "b"], "model": ["scaling", "lab"], "q": "vote", "page": "3", "x": "1"},
    )
    assert response.context["back_url"] == "/cases/?model=scaling&model=lab&q=vote"
    assert 'href="/cases/?model=scaling&amp;model=lab&amp;q=vote"' in response.content.decode()


def test_the_picker_carries_the_lists_filters_when_more_cases_are_needed(client):
    InitiativeFactory(slug="a")
    html = client.get("/compare/", {"cases": "a", "initiator": "civic"}).content.decode()
    assert '<input type="hidden" name="initiator" value="civic">' in html
    assert 'href="/cases/?initiator=civic"' in html


def test_the_list_hands_its_filters_to_the_compare_form(client):
    InitiativeFactory(slug="a", initiator_kind="civic")
    html = client.get("/cases/", {"initiator": "civic", "page": "1"}).content.decode()
    assert '<input type="hidden" name="initiator" value="civic" form="compare-form">' in html
    assert 'name="page" value="1" form="compare-form"' not in html


def test_every_page_carries_the_compare_tray_and_case_pages_an_add_button(client):
    InitiativeFactory(slug="a", title="Alpha")
    for path in ("/", "/cases/", "/cases/a/", "/models/"):
        html = client.get(path).content.decode()
        assert 'id="compare-tray"' in html and 'data-compare-url="/compare/"' in html
    html = client.get("/cases/a/").content.decode()
    assert 'data-compare-slug="a"' in html
