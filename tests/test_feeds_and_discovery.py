"""Atom feeds, sitemap.xml and robots.txt: well-formed, and only published content."""

import datetime as dt
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from tests.factories import (
    ActorFactory,
    CollaborationModelFactory,
    InitiativeFactory,
    InvolvementFactory,
    MotivationFactory,
)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def catalogue():
    lab = CollaborationModelFactory(slug="lab", name="Lab")
    MotivationFactory(slug="impact")
    now = timezone.now()
    old = InitiativeFactory(slug="old", title="Old case", models=[lab])
    old.published_at = now - dt.timedelta(days=30)
    old.save()
    InitiativeFactory(slug="new", title="New case")
    InitiativeFactory(slug="draft", title="Draft case", models=[lab], state="draft")
    InvolvementFactory(initiative=old, actor=ActorFactory(slug="public-org"))
    InvolvementFactory(
        initiative=InitiativeFactory(slug="review", state="review"),
        actor=ActorFactory(slug="draft-only-org"),
    )


def atom_entries(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    return feed, [entry.find(f"{ATOM}title").text for entry in feed.findall(f"{ATOM}entry")]


def test_cases_feed_lists_published_cases_newest_first(client, catalogue):
    feed, titles = atom_entries(client.get("/feeds/cases.atom"))
    assert titles == ["New case", "Old case"]
    assert "CC BY-SA 4.0" in feed.find(f"{ATOM}rights").text
    link = feed.find(f"{ATOM}entry/{ATOM}link").get("href")
    assert link == "http://testserver/cases/new/"


def test_model_feed_lists_only_that_models_published_cases(client, catalogue):
    _feed, titles = atom_entries(client.get("/feeds/models/lab.atom"))
    assert titles == ["Old case"]
    assert client.get("/feeds/models/unknown.atom").status_code == 404


def sitemap_locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    return {element.text for element in root.iter(f"{SITEMAP}loc")}


def test_sitemap_lists_public_pages_and_only_published_content(client, catalogue):
    locations = sitemap_locations(client)
    base = "http://testserver"
    expected = {
        "/", "/cases/", "/models/", "/actors/", "/lessons/", "/data/", "/data/dictionary/",
        "/api/docs/", "/cases/old/", "/cases/new/", "/models/lab/", "/motivations/impact/",
        "/actors/public-org/",
    }  # fmt: skip
    assert {base + path for path in expected} <= locations
    for hidden in ["/cases/draft/", "/cases/review/", "/actors/draft-only-org/"]:
        assert base + hidden not in locations


def test_robots_allows_all_but_the_admin_and_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_robots_names_the_canonical_site_address(client, settings):
    settings.SITE_URL = "https://atlas.example"
    assert "Sitemap: https://atlas.example/sitemap.xml" in client.get("/robots.txt").text


def test_sitemap_names_the_canonical_site_address(client, settings, catalogue):
    settings.SITE_URL = "https://atlas.example"
    locations = sitemap_locations(client)
    assert "https://atlas.example/cases/new/" in locations
    assert "https://atlas.example/choose/" in locations
    assert not any(location.startswith("http://testserver") for location in locations)


# Following any list: /feeds/cases.atom takes the case list's own query.


@pytest.fixture
def followed(catalogue):
    hackathon = CollaborationModelFactory(slug="hackathon", name="Hackathons")
    InitiativeFactory(
        slug="pl-hack", title="Polish hackathon", models=[hackathon],
        initiator_kind="government", countries=["PL"],
    )  # fmt: skip
    InitiativeFactory(
        slug="civic-hack", title="Civic hackathon", models=[hackathon], initiator_kind="civic",
        countries=["PL"],
    )  # fmt: skip
    InitiativeFactory(slug="pl-lab", title="Polish lab", initiator_kind="government")


def test_a_filtered_list_has_a_feed_of_the_same_query(client, followed):
    query = "?model=hackathon&initiator=government&country=PL"
    feed, titles = atom_entries(client.get("/feeds/cases.atom" + query + "&sort=title&page=2"))
    assert titles == ["Polish hackathon"]
    title = feed.find(f"{ATOM}title").text
    assert "Model of collaboration: Hackathons" in title and "Country: Poland" in title
    alternate = feed.find(f"{ATOM}link[@rel='alternate']").get("href")
    assert alternate == "http://testserver/cases/" + query
    assert feed.find(f"{ATOM}link[@rel='self']").get("href").endswith("/feeds/cases.atom" + query)


def test_the_feed_searches_like_the_list(client, followed):
    _feed, titles = atom_entries(client.get("/feeds/cases.atom?q=Polish"))
    assert sorted(titles) == ["Polish hackathon", "Polish lab"]


def test_the_list_announces_its_feed_in_the_head_and_beside_the_count(client, followed):
    html = client.get("/cases/?model=hackathon&initiator=government&sort=title&page=1").text
    head = html.split("</head>")[0]
    assert (
        '<link rel="alternate" type="application/atom+xml" title="New case studies: Initiated by:'
        in head
    )
    assert 'href="/feeds/cases.atom?model=hackathon&amp;initiator=government"' in head
    body = html.split('id="results-count"')[1]
    assert (
        'class="feed-link" href="/feeds/cases.atom?model=hackathon&amp;initiator=government"'
        in body
    )
    unfiltered = client.get("/cases/").text.split("</head>")[0]
    assert 'title="Newly published case studies" href="/feeds/cases.atom"' in unfiltered


@pytest.mark.parametrize(
    "query, says",
    [
        ("model=nope", "No model of collaboration is called “nope”."),
        ("year_from=abc", "(year_from): Enter a whole number."),
        ("country=XX", "country"),
        ("model=lab&initiator=alien", "initiator"),
    ],
)
def test_a_bad_feed_query_is_a_clear_400(client, followed, query, says):
    response = client.get("/feeds/cases.atom?" + query)
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.text.startswith("This feed cannot follow that list:")
    assert says in response.text


def test_list_feeds_are_cached_like_other_public_answers(client, followed):
    first = client.get("/feeds/cases.atom?model=hackathon")
    assert "public" in first["Cache-Control"] and first["ETag"]
    again = client.get("/feeds/cases.atom?model=hackathon", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    refused = client.get("/feeds/cases.atom?model=nope")
    assert "public" not in refused.get("Cache-Control", "")


@pytest.mark.parametrize(
    "query",
    [
        "q=%00",
        "country=%00",
        "model=%00",
        "year_from=99999999999999999999",
        "year_to=-1",
        "theme=" + "x" * 500,
        "actor=a&actor=b&actor=c",
        "q=" + "word " * 100,
        "sort=nope&page=nope",
    ],
)
def test_no_feed_query_is_a_server_error(client, followed, query):
    assert client.get("/feeds/cases.atom?" + query).status_code in (200, 400)


@pytest.mark.parametrize("path", ["/feeds/cases.atom", "/feeds/models/lab.atom"])
def test_feed_summaries_are_plain_text_so_readers_run_no_markup(client, path):
    hostile = '<script>alert(1)</script><img src=x onerror="alert(2)"> & co'
    InitiativeFactory(
        slug="hostile", models=[CollaborationModelFactory(slug="lab")], summary=hostile
    )
    feed, _titles = atom_entries(client.get(path))
    summary = feed.find(f"{ATOM}entry/{ATOM}summary")
    # type="html" would have a feed reader render the tags; as text they are shown.
    assert summary.get("type") == "text"
    assert summary.text == hostile
    assert "<script>" not in client.get(path).content.decode()
