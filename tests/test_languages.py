"""English, Polish and Spanish: one address per page per language, a switcher that keeps
the page and its query, hreflang alternates, and an API that negotiates."""

import datetime as dt
import re
from xml.etree import ElementTree

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from collab_atlas.links import link
from contributions import services
from contributions.choices import SuggestionStatus
from contributions.models import Suggestion
from tests.factories import CollaborationModelFactory, InitiativeFactory
from tests.test_suggestions import valid_data

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture
def lab():
    model = CollaborationModelFactory(slug="lab", name="Lab")
    InitiativeFactory(slug="consul", title="Consul", models=[model])
    return model


def hreflangs(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def test_a_polish_browser_lands_on_the_polish_home_page(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="pl-PL,pl;q=0.9,en;q=0.5")
    assert response.status_code == 302
    assert response["Location"] == "/pl/"
    assert "Accept-Language" in response["Vary"] and "Cookie" in response["Vary"]
    page = client.get("/pl/")
    assert page.status_code == 200
    assert page["Content-Language"] == "pl"
    assert '<html lang="pl">' in page.text


def test_a_remembered_choice_wins_over_the_browser(client):
    client.cookies["django_language"] = "en"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    assert "Accept-Language" in response["Vary"]
    client.cookies["django_language"] = "es"
    assert client.get("/")["Location"] == "/es/"


def test_english_keeps_the_unprefixed_addresses(client, lab):
    for path in ["/", "/cases/", "/cases/consul/", "/models/lab/", "/about/"]:
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200, path
        assert response["Content-Language"] == "en"
        assert '<html lang="en">' in response.text


@pytest.mark.parametrize("language", ["pl", "es"])
def test_every_public_page_has_an_address_in_each_language(client, lab, language):
    paths = ["/", "/cases/", "/cases/consul/", "/models/", "/models/lab/", "/actors/"]
    paths += ["/lessons/", "/motivations/", "/choose/", "/insights/", "/data/", "/about/"]
    for path in paths:
        response = client.get(f"/{language}{path}")
        assert response.status_code == 200, path
        assert response["Content-Language"] == language
        assert f'<html lang="{language}">' in response.text
        # The address alone decides the language: a CDN needs no Vary: Accept-Language.
        assert "Accept-Language" not in response.get("Vary", "")


def test_an_unknown_language_prefix_is_not_found(client, lab):
    assert client.get("/de/cases/").status_code == 404
    assert client.get("/xx/").status_code == 404


def test_each_page_names_its_versions_in_every_language(client, lab):
    alternates = hreflangs(client.get("/es/cases/consul/?tab=x").text)
    assert alternates == {
        "en": "http://testserver/cases/consul/",
        "x-default": "http://testserver/cases/consul/",
        "pl": "http://testserver/pl/cases/consul/",
        "es": "http://testserver/es/cases/consul/",
    }


def test_the_switcher_keeps_the_page_and_its_query(client, lab):
    html = client.get("/cases/?model=lab&q=water").text
    switcher = html[html.index('class="languages"') :]
    switcher = switcher[: switcher.index("</nav>")]
    assert re.search(r'aria-current="true">.*?English<', switcher)
    polish = re.search(r'<a href="([^"]+)" hreflang="pl" lang="pl"', switcher).group(1)
    response = client.get(polish.replace("&amp;", "&"))
    assert response.status_code == 302
    assert response["Location"] == "/pl/cases/?model=lab&q=water"
    assert response.cookies["django_language"].value == "pl"
    assert "no-store" in response["Cache-Control"]
    # Remembered: the bare home page now goes to Polish whatever the browser says.
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en")["Location"] == "/pl/"


def test_the_switch_goes_nowhere_but_this_site(client):
    response = client.get(link("switch-language", lang="es", next="https://evil.example/"))
    assert response["Location"] == "/es/"
    response = client.get(link("switch-language", lang="de", next="/"))
    assert response.status_code == 400
    assert "en, pl, es" in response.text


def test_links_from_the_link_helper_carry_the_language_prefix():
    with translation.override("pl"):
        assert link("cases:list", {"model": "lab", "page": "2"}) == "/pl/cases/?model=lab"
        assert reverse("cases:detail", args=["consul"]) == "/pl/cases/consul/"
        # Outside the prefix: the API, the switch and files for crawlers.
        assert reverse("api:case-list") == "/api/cases/"
        assert reverse("sitemap") == "/sitemap.xml"
    with translation.override("en"):
        assert link("cases:list", {"model": "lab"}) == "/cases/?model=lab"


def test_links_on_a_polish_page_stay_in_polish(client, lab):
    html = client.get("/pl/cases/").text
    assert 'href="/pl/cases/consul/"' in html
    assert 'href="/pl/models/"' in html


def test_the_page_cache_keeps_each_language_apart(client, lab):
    english = client.get("/cases/")
    polish = client.get("/pl/cases/")
    polish_again = client.get("/pl/cases/")
    assert english["ETag"] != polish["ETag"]
    assert polish_again.content == polish.content
    assert polish_again["Content-Language"] == "pl"
    assert '<html lang="pl">' in polish_again.text


@pytest.mark.parametrize(
    ("query", "headers", "expected"),
    [
        ("?lang=es", {}, "es"),
        ("?lang=PL", {}, "pl"),
        ("", {"HTTP_ACCEPT_LANGUAGE": "es-ES,es;q=0.9"}, "es"),
        ("", {"HTTP_ACCEPT_LANGUAGE": "de"}, "en"),
        ("", {}, "en"),
    ],
)
def test_the_api_says_which_language_it_used(client, lab, query, headers, expected):
    response = client.get(f"/api/cases/{query}", **headers)
    assert response.status_code == 200
    assert response["Content-Language"] == expected
    assert "Accept-Language" in response["Vary"]


def test_an_unknown_language_on_the_api_is_a_400_naming_the_supported_ones(client):
    response = client.get("/api/cases/?lang=de")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "en, pl, es" in response.json()["detail"]


def test_downloads_take_a_language_too(client, lab):
    response = client.get("/cases/download.csv?model=lab&lang=pl")
    assert response.status_code == 302
    assert response["Location"] == "/pl/cases/download.csv?model=lab"
    assert client.get("/pl/cases/download.csv")["Content-Language"] == "pl"
    assert client.get("/cases/download.csv")["Content-Language"] == "en"
    bad = client.get("/cases/download.json?lang=klingon")
    assert bad.status_code == 400
    assert "en, pl, es" in bad.content.decode()


def test_the_sitemap_lists_every_page_in_every_language_with_alternates(client, lab):
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)
    locations = {element.text for element in root.iter(f"{SITEMAP}loc")}
    for path in ["/cases/consul/", "/models/lab/", "/cases/"]:
        for prefix in ["", "/pl", "/es"]:
            assert f"http://testserver{prefix}{path}" in locations
    case = next(
        url for url in root.iter(f"{SITEMAP}url")
        if url.find(f"{SITEMAP}loc").text == "http://testserver/pl/cases/consul/"
    )  # fmt: skip
    alternates = {link.get("hreflang"): link.get("href") for link in case.iter(f"{XHTML}link")}
    assert alternates == {
        "en": "http://testserver/cases/consul/",
        "pl": "http://testserver/pl/cases/consul/",
        "es": "http://testserver/es/cases/consul/",
        "x-default": "http://testserver/cases/consul/",
    }


def test_robots_keeps_crawlers_off_downloads_in_every_language_and_the_switch(client):
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert "Disallow: /*/cases/download." in lines
    assert "Disallow: /language/" in lines


def test_a_sender_hears_the_outcome_in_the_language_they_wrote_in(
    client, editor, django_capture_on_commit_callbacks
):
    data = valid_data(email="sender@example.org", notify_outcome="on")
    assert client.post("/pl/suggest/", data).status_code == 302
    suggestion = Suggestion.objects.get()
    assert suggestion.language == "pl"
    mail.outbox.clear()
    # The editor works in English; the e-mail to the sender is still Polish.
    translation.activate("en")
    with django_capture_on_commit_callbacks(execute=True):
        services.mark_handled(
            suggestion, editor, SuggestionStatus.REJECTED, reason="Poza zakresem."
        )
    [message] = [m for m in mail.outbox if m.to == ["sender@example.org"]]
    assert message.subject.startswith("Twoje zgłoszenie do Collab Atlas zostało odrzucone")
    assert "Dzień dobry," in message.body
    assert translation.get_language() == "en"


@pytest.mark.parametrize(
    ("prefix", "written"),
    [("", "14 March 2024"), ("/pl", "14 marca 2024"), ("/es", "14 de marzo de 2024")],
)
def test_dates_are_written_the_way_each_language_writes_them(client, prefix, written):
    case = InitiativeFactory(slug="dated")
    moment = timezone.make_aware(dt.datetime(2024, 3, 14, 12, 0))
    type(case).objects.filter(pk=case.pk).update(updated_at=moment, published_at=moment)
    assert written in client.get(f"{prefix}/cases/dated/").text
