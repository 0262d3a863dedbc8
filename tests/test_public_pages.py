"""Every public page type renders, shows published content only and 404s on unknown slugs."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.choices import LessonKind, Role
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


@pytest.fixture
def catalogue():
    scaling = CollaborationModelFactory(slug="scaling", name="Scaling")
    hackathon = CollaborationModelFactory(slug="hackathon", name="Hackathon")
    RecommendationFactory(collaboration_model=scaling, text="Find a *local* partner.")
    impact = MotivationFactory(slug="impact", name="Impact")
    elections = ThemeFactory(slug="elections", name="Elections")
    watchdog = ActorFactory(name="Vote Watch", slug="vote-watch", aliases="VW\nWatchers")
    vote = InitiativeFactory(
        slug="vote-monitor", title="Vote Monitor", models=[scaling], motivations=[impact],
        themes=[elections], aim="Monitor **every** polling station.", website="https://example.org",
    )  # fmt: skip
    InvolvementFactory(initiative=vote, actor=watchdog, role=Role.INITIATOR)
    LessonFactory(initiative=vote, text="Volunteers need training.", collaboration_model=scaling)
    LessonFactory(initiative=vote, kind=LessonKind.IMPROVEMENT, text="Share the app earlier.")
    SourceFactory(initiative=vote, url="https://example.org/guide")
    copy = InitiativeFactory(
        slug="vote-monitor-poland", title="Vote Monitor Poland", models=[scaling]
    )
    InitiativeLinkFactory(source=copy, target=vote)
    InvolvementFactory(initiative=copy, actor=watchdog, role=Role.PARTNER)
    InitiativeFactory(
        slug="hack-day", title="Hack Day", models=[hackathon], initiator_kind="government"
    )
    secret = InitiativeFactory(
        slug="secret-draft", title="Secret Draft", models=[scaling], state="draft",
        motivations=[impact],
    )  # fmt: skip
    hidden = ActorFactory(name="Hidden Partner", slug="hidden-partner")
    InvolvementFactory(initiative=secret, actor=hidden, role=Role.INITIATOR)
    InvolvementFactory(initiative=secret, actor=watchdog, role=Role.FUNDER)
    LessonFactory(initiative=secret, text="Draft lesson never shown.")
    return {"vote": vote, "scaling": scaling, "impact": impact, "watchdog": watchdog}


PAGES = [
    ("/", "How civic tech and governments work together"),
    ("/cases/", "Case studies"),
    ("/cases/?model=scaling&initiator=civic", "Vote Monitor"),
    ("/cases/vote-monitor/", "Vote Monitor"),
    ("/models/", "Models of collaboration"),
    ("/models/scaling/", "Find a <em>local</em> partner."),
    ("/motivations/", "Why they collaborate"),
    ("/motivations/impact/", "Vote Monitor"),
    ("/actors/", "Vote Watch"),
    ("/actors/vote-watch/", "Vote Monitor Poland"),
    ("/lessons/", "Volunteers need training."),
]


@pytest.mark.parametrize(("url", "text"), PAGES)
def test_every_public_page_renders(client, catalogue, url, text):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert text in html
    assert html.count("<h1") == 1
    assert '<meta name="description"' in html


@pytest.mark.parametrize(("url", "_text"), PAGES)
def test_drafts_never_appear(client, catalogue, url, _text):
    html = client.get(url).content.decode()
    assert "Secret Draft" not in html
    assert "Hidden Partner" not in html
    assert "Draft lesson never shown" not in html


@pytest.mark.parametrize(
    "url",
    [
        "/cases/secret-draft/",
        "/cases/no-such-case/",
        "/models/no-such-model/",
        "/motivations/nope/",
        "/actors/nope/",
        "/actors/hidden-partner/",
    ],
)
def test_unknown_and_draft_pages_are_not_found(client, catalogue, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_case_page_answers_the_guides_questions(client, catalogue):
    html = client.get("/cases/vote-monitor/").content.decode()
    for heading in [
        "Aim", "How it is funded", "Who initiated the collaboration", "Model of collaboration",
        "Lessons learnt and challenges", "What would improve similar innovations",
    ]:  # fmt: skip
        assert f">{heading}</h2>" in html, heading
    assert "<strong>every</strong>" in html
    assert "Share the app earlier." in html
    assert 'href="/actors/vote-watch/"' in html
    assert "Initiator" in html
    assert 'href="/suggest/?case=vote-monitor"' in html
    assert "https://example.org/guide" in html


def test_case_page_lists_related_cases_and_lineage(client, catalogue):
    response = client.get("/cases/vote-monitor/")
    assert [case.slug for case in response.context["related"]] == ["vote-monitor-poland"]
    assert "Vote Monitor Poland" in response.content.decode()


def test_model_page_splits_its_cases_and_links_the_filtered_list(client, catalogue):
    response = client.get("/models/scaling/")
    assert response.context["case_count"] == 2
    counts = {option.value: option.count for option in response.context["by_initiator"].options}
    assert counts["civic"] == 2
    assert counts["government"] == 0
    html = response.content.decode()
    assert "/cases/?model=scaling&amp;initiator=civic" in html
    assert "Volunteers need training." in html


def test_home_counts_only_published_cases(client, catalogue):
    response = client.get("/")
    models = {
        option.value: option.count for option in response.context["entry_points"]["model"].options
    }
    assert models == {"scaling": 2, "hackathon": 1}
    motivations = response.context["entry_points"]["motivation"].options
    assert [(option.value, option.count) for option in motivations] == [("impact", 1)]
    assert response.context["case_count"] == 3
    assert "/cases/?model=scaling" in response.content.decode()


def test_actor_page_shows_roles_in_published_cases_only(client, catalogue):
    response = client.get("/actors/vote-watch/")
    html = response.content.decode()
    assert "Initiator" in html and "Partner" in html
    assert "Funder" not in html
    assert "Watchers" in html


def test_actor_directory_filters_by_kind_and_country(client, catalogue):
    ActorFactory(name="City Hall", slug="city-hall", kind="government", country="RO")
    InvolvementFactory(
        initiative=catalogue["vote"],
        actor=ActorFactory(name="Town Hall", kind="government", country="RO"),
    )
    names = lambda r: [actor.name for actor in r.context["page_obj"].object_list]  # noqa: E731
    assert names(client.get("/actors/?kind=government")) == ["Town Hall"]
    assert names(client.get("/actors/?country=pl")) == ["Vote Watch"]
    assert names(client.get("/actors/?country=RO&kind=civic")) == []
    response = client.get("/actors/?kind=wizard&country=Mars")
    assert names(response) == ["Town Hall", "Vote Watch"]
    assert "was ignored" in response.content.decode()


def test_lessons_filter_by_model_initiator_and_theme(client, catalogue):
    texts = lambda r: [lesson.text for lesson in r.context["page_obj"].object_list]  # noqa: E731
    assert texts(client.get("/lessons/?model=scaling")) == [
        "Volunteers need training.", "Share the app earlier.",
    ]  # fmt: skip
    assert texts(client.get("/lessons/?model=hackathon")) == []
    assert texts(client.get("/lessons/?initiator=government")) == []
    assert len(texts(client.get("/lessons/?theme=elections"))) == 2
    assert len(texts(client.get("/lessons/?kind=improvement"))) == 1
    html = client.get("/lessons/").content.decode()
    assert reverse("cases:detail", kwargs={"slug": "vote-monitor"}) + "#lesson-" in html


def test_server_error_page_renders_without_request_or_database():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Something went wrong" in html


@pytest.mark.parametrize(
    "url",
    [
        "/actors/?page=-1&kind=%00&country=Narnia",
        "/actors/?page=99999",
        "/lessons/?page=abc&model=%3Cb%3E&initiator=king&theme=nope&kind=x",
        "/lessons/?page=99999&model=nope",
        "/cases/?q=%00%00&page=1e9&year_to=-5&sort=%00",
    ],
)
def test_list_pages_survive_bad_parameters(client, catalogue, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["page_obj"].number >= 1


def test_model_page_shows_lessons_from_its_newest_cases(client):
    model, other = CollaborationModelFactory(slug="lab"), CollaborationModelFactory()
    now = timezone.now()
    for n in range(12):
        case = InitiativeFactory(models=[model], published_at=now - timedelta(days=n))
        LessonFactory(initiative=case, text=f"Lesson number {n}.", collaboration_model=model)
    newest = InitiativeFactory(models=[model], published_at=now + timedelta(days=1))
    LessonFactory(initiative=newest, text="About another model.", collaboration_model=other)
    response = client.get(reverse("models_of_collab:detail", args=["lab"]))
    assert [lesson.text for lesson in response.context["lessons"]] == [
        f"Lesson number {n}." for n in range(10)
    ]
