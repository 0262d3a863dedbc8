"""Public pages are cached under the catalogue version, and never shown stale or personal."""

import pytest
from django.test import override_settings

from cases.choices import State
from cases.preview import preview_url
from collab_atlas.public_cache import catalogue_version
from tests.factories import CollaborationModelFactory, InitiativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hackathon():
    model = CollaborationModelFactory(slug="hackathon", name="Hackathon")
    InitiativeFactory(title="Vote watch", slug="vote-watch", models=[model])
    return model


def test_a_page_seen_before_is_served_without_the_database(
    client, hackathon, django_assert_num_queries
):
    first = client.get("/cases/?model=hackathon")
    with django_assert_num_queries(0):
        again = client.get("/cases/?model=hackathon")
    assert again.status_code == 200
    assert again.content == first.content


def test_publishing_a_case_shows_at_once_on_pages_seen_before(client, hackathon):
    assert "Budget watch" not in client.get("/cases/").content.decode()
    draft = InitiativeFactory(title="Budget watch", slug="budget-watch", state=State.DRAFT)
    assert "Budget watch" not in client.get("/cases/").content.decode()
    draft.state = State.PUBLISHED
    draft.save()
    assert "Budget watch" in client.get("/cases/").content.decode()


def test_renaming_a_model_shows_on_the_case_page_seen_before(client, hackathon):
    assert "Hackathon" in client.get("/cases/vote-watch/").content.decode()
    hackathon.name = "Civic hackathon"
    hackathon.save()
    assert "Civic hackathon" in client.get("/cases/vote-watch/").content.decode()


def test_a_many_to_many_change_starts_a_new_version(hackathon):
    case = InitiativeFactory(slug="other")
    before = catalogue_version()
    case.collaboration_models.add(hackathon)
    assert catalogue_version() != before


def test_public_pages_can_be_kept_by_a_cdn_and_revalidated(client, hackathon):
    response = client.get("/cases/")
    cache_control = response["Cache-Control"]
    assert "public" in cache_control and "s-maxage=" in cache_control
    assert "stale-while-revalidate=" in cache_control
    assert response["ETag"] and response["Last-Modified"]
    assert "Accept-Language" not in response.get("Vary", "")

    unchanged = client.get("/cases/", headers={"if-none-match": response["ETag"]})
    assert unchanged.status_code == 304

    InitiativeFactory(title="Another", slug="another")
    changed = client.get("/cases/", headers={"if-none-match": response["ETag"]})
    assert changed.status_code == 200
    assert changed["ETag"] != response["ETag"]


@pytest.mark.parametrize("path", ["/api/cases/?model=hackathon", "/cases/download.csv"])
def test_api_and_downloads_carry_validators_too(client, hackathon, path):
    response = client.get(path)
    assert "public" in response["Cache-Control"]
    assert client.get(path, headers={"if-none-match": response["ETag"]}).status_code == 304


def test_different_queries_and_hosts_are_cached_apart(client, hackathon):
    assert "Vote watch" in client.get("/cases/?model=hackathon").content.decode()
    assert "Vote watch" not in client.get("/cases/?model=lab&q=nothing").content.decode()
    other_host = client.get("/cases/", headers={"host": "127.0.0.1"})
    assert other_host.status_code == 200


def test_nothing_personal_is_cached_or_public(client, editor_client, hackathon):
    signed_in = editor_client.get("/cases/")
    assert "public" not in signed_in.get("Cache-Control", "")
    assert "ETag" not in signed_in

    form = client.get("/suggest/")
    assert "public" not in form.get("Cache-Control", "")
    assert "csrftoken" in form.cookies

    assert "public" not in editor_client.get("/admin/").get("Cache-Control", "")

    draft = InitiativeFactory(slug="secret", state=State.DRAFT)
    preview = client.get(preview_url(draft))
    assert "public" not in preview.get("Cache-Control", "")


def test_a_visitor_with_pending_messages_gets_a_fresh_page(client, hackathon):
    client.get("/cases/")
    client.cookies["messages"] = "anything"
    response = client.get("/cases/")
    assert "public" not in response.get("Cache-Control", "")


@override_settings(EXPENSIVE_RATE=(2, 60))
def test_many_uncached_lists_from_one_client_are_paused(client, hackathon):
    assert client.get("/cases/?q=a").status_code == 200
    assert client.get("/cases/?q=b").status_code == 200
    paused = client.get("/cases/?q=c")
    assert paused.status_code == 429
    assert paused["Retry-After"] == "60"
    assert "try again in 60 seconds" in paused.content.decode()
    # Pages already rendered cost nothing, so they are still served.
    assert client.get("/cases/?q=a").status_code == 200
    # So are pages that are cheap to render, like a case.
    assert client.get("/cases/vote-watch/").status_code == 200


def test_an_api_list_asked_before_is_answered_without_the_database(
    client, hackathon, django_assert_num_queries
):
    first = client.get("/api/cases/?model=hackathon").json()
    with django_assert_num_queries(0):
        again = client.get("/api/cases/?model=hackathon").json()
    assert again == first
    InitiativeFactory(slug="new-one", title="New one", models=[hackathon])
    slugs = [case["slug"] for case in client.get("/api/cases/?model=hackathon").json()["results"]]
    assert "new-one" in slugs
