"""Every public page type, in Polish and in Spanish, shows the guide's framework and the
site's navigation in that language: no English term left behind.

The catalogue here is written with made-up names, so that any English phrase found on a
page comes from the interface, not from content (content translation is separate)."""

import re
from html import unescape

import pytest
from django.utils import translation

from cases.choices import LessonKind, Role
from pages.models import Page
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

# The guide's framework and the site's navigation, as English shows them: none may appear
# on a Polish or Spanish page. (Words spelt the same in English and either language, such as
# "Partner" in Polish or "Academia" in Spanish, are left out.)
FRAMEWORK_TERMS = [
    "Case studies", "Case study", "case studies", "case study", "Lessons learnt",
    "Lesson learnt", "Models of collaboration", "Model of collaboration",
    "model of collaboration", "Collaboration form", "Form of collaboration", "Direct",
    "Indirect", "Initiated by", "initiated by", "Who initiated", "Motivations", "Motivation",
    "Organisations", "Organisation", "Choose a model", "Insights", "Suggest a case",
    "Open data", "Recommendations", "Civic tech or civil society",
    "Government (central or local)", "Donor", "Business", "Initiator", "Funder",
    "Technology provider", "Government counterpart", "Challenge", "Themes", "Countries",
    "Funding", "Aim", "Search", "Filter", "Sort by", "Newest", "Compare", "Lineage",
    "About and methodology", "Privacy", "Accessibility", "Contact", "Skip to content",
    "Replicated from", "Adapted from",
]  # fmt: skip
PATTERN = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, FRAMEWORK_TERMS)) + r")(?![\w-])")
PAGES = [
    "/", "/cases/", "/cases/?model=zeta&initiator=civic&q=xyzzy", "/cases/xyzzy/",
    "/cases/plugh/", "/models/", "/models/zeta/", "/motivations/", "/motivations/quux/",
    "/actors/", "/actors/frobozz/", "/lessons/", "/lessons/?model=zeta", "/choose/",
    "/choose/?role=official&goal=participation&time=months&team=small&partners=no",
    "/compare/?cases=xyzzy,plugh", "/insights/", "/suggest/", "/suggest/?case=xyzzy",
    "/data/", "/data/dictionary/", "/about/", "/no-such-page/",
]  # fmt: skip


@pytest.fixture
def catalogue():
    zeta = CollaborationModelFactory(slug="zeta", name="Zeta", summary="Lorem ipsum.")
    RecommendationFactory(collaboration_model=zeta, text="Dolor sit amet.")
    quux = MotivationFactory(slug="quux", name="Quux", summary="Lorem ipsum.")
    theme = ThemeFactory(slug="garply", name="Garply")
    xyzzy = InitiativeFactory(
        slug="xyzzy", title="Xyzzy", summary="Lorem ipsum.", aim="Dolor.",
        funding="Sit amet.", models=[zeta], motivations=[quux], themes=[theme],
        countries=["PL", "ES"], start_year=2016, end_year=2019,
    )  # fmt: skip
    plugh = InitiativeFactory(
        slug="plugh", title="Plugh", summary="Lorem ipsum.", models=[zeta], countries=["ES"]
    )
    InitiativeLinkFactory(source=plugh, target=xyzzy, kind="replicated_from")
    frobozz = ActorFactory(slug="frobozz", name="Frobozz", description="Lorem.")
    InvolvementFactory(initiative=xyzzy, actor=frobozz, role=Role.INITIATOR)
    InvolvementFactory(initiative=plugh, actor=frobozz, role=Role.FUNDER)
    LessonFactory(initiative=xyzzy, text="Lorem ipsum.", collaboration_model=zeta)
    LessonFactory(initiative=plugh, text="Dolor.", kind=LessonKind.CHALLENGE)
    SourceFactory(initiative=xyzzy, title="Ipsum", url="https://example.org/ipsum")
    Page.objects.filter(slug="about").update(title="Lorem", summary="Ipsum.", body="Dolor.")


def visible_text(html):
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    # The language switcher names English in English, on purpose.
    html = re.sub(r'<nav class="languages".*?</nav>', " ", html, flags=re.S)
    title = re.search(r"<title>(.*?)</title>", html, flags=re.S).group(1)
    body = html[html.index("<body") :]
    labels = " ".join(re.findall(r'(?:aria-label|placeholder|title|alt)="([^"]*)"', body))
    return unescape(" ".join([title, re.sub(r"<[^>]+>", " ", body), labels]))


@pytest.mark.parametrize("language", ["pl", "es"])
def test_no_framework_term_shows_in_english(client, catalogue, language):
    leftovers = {}
    for path in PAGES:
        response = client.get(f"/{language}{path}")
        assert response.status_code in (200, 404), path
        assert response["Content-Language"] == language
        found = sorted(set(PATTERN.findall(visible_text(response.text))))
        if found:
            leftovers[path] = found
    assert leftovers == {}


def test_the_check_would_see_english(client, catalogue):
    # The same pages in English are full of the terms the test looks for.
    found = set()
    for path in PAGES:
        found |= set(PATTERN.findall(visible_text(client.get(path).text)))
    assert {"Case studies", "Direct", "Initiated by", "Lessons learnt", "Insights"} <= found


@pytest.mark.parametrize("language", ["pl", "es"])
def test_feeds_and_api_messages_speak_the_language(client, catalogue, language):
    feed = client.get(f"/{language}/feeds/cases.atom").content.decode()
    with translation.override(language):
        title = translation.gettext("Collab Atlas: newly published case studies")
    assert title in unescape(feed)
    problem = client.get(f"/api/cases/?lang={language}&page_size=0").json()
    with translation.override(language):
        expected = translation.gettext(
            "Some query parameters are not valid. Correct or remove them."
        )
    assert problem["detail"] == expected
    assert problem["detail"] != "Some query parameters are not valid. Correct or remove them."
