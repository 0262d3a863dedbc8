"""/healthz says the process answers; /readyz checks the database, cache and releases."""

import json
import time

import pytest
from django.test import override_settings
from django.urls import reverse

from collab_atlas import health, public_cache


@pytest.fixture
def releases(settings, tmp_path):
    settings.OPENDATA_DIR = tmp_path / "releases"
    settings.OPENDATA_DIR.mkdir()
    return settings.OPENDATA_DIR


def test_probes_have_url_names():
    assert reverse("healthz") == "/healthz"
    assert reverse("readyz") == "/readyz"


def test_liveness_answers_without_the_database(client):
    # No db fixture: pytest-django makes any database access here an error.
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


@override_settings(SECURE_SSL_REDIRECT=True)
def test_probes_over_plain_http_are_not_redirected(client, db, releases):
    assert client.get(reverse("healthz")).status_code == 200
    assert client.get(reverse("readyz")).status_code == 200
    assert client.get(reverse("home")).status_code == 301


@pytest.mark.django_db
def test_readiness_checks_database_cache_and_releases(client, releases):
    response = client.get(reverse("readyz"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "releases"}
    assert all(check["status"] == "ok" for check in body["checks"].values())
    assert "no-store" in response["Cache-Control"]
    assert str(releases) not in response.content.decode()


@pytest.mark.django_db
def test_missing_release_storage_makes_the_server_not_ready(client, settings, tmp_path):
    settings.OPENDATA_DIR = tmp_path / "not-mounted"
    response = client.get(reverse("readyz"))
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["releases"] == {"status": "fail", "error": "FileNotFoundError",
                                  "seconds": checks["releases"]["seconds"]}  # fmt: skip
    assert "not-mounted" not in response.content.decode()


@pytest.mark.django_db
def test_a_cache_that_fails_makes_the_server_not_ready(client, releases, monkeypatch):
    def refuse(*args, **kwargs):
        raise ConnectionError("redis://secret@cache:6379 refused")

    monkeypatch.setattr(health.cache, "set", refuse)
    response = client.get(reverse("readyz"))
    assert response.status_code == 503
    assert response.json()["checks"]["cache"]["status"] == "fail"
    assert "secret" not in response.content.decode()


@pytest.mark.django_db
def test_release_storage_that_hangs_fails_within_the_timeout(client, releases, settings,
                                                             monkeypatch):  # fmt: skip
    settings.READINESS_TIMEOUT = 0.2
    monkeypatch.setattr(health, "_list_releases", lambda folder: time.sleep(2))
    response = client.get(reverse("readyz"))
    assert response.status_code == 503
    releases_check = response.json()["checks"]["releases"]
    assert releases_check["error"] == "timeout"
    assert releases_check["seconds"] < 1


def test_probes_are_neither_cached_nor_rate_limited():
    for name in ("healthz", "readyz"):
        assert name not in public_cache.PAGES
        assert name not in public_cache.VALIDATED
        assert name not in public_cache.EXPENSIVE


@pytest.mark.django_db
def test_many_probes_in_a_row_all_answer(client, releases, settings):
    settings.EXPENSIVE_RATE = (1, 60)
    statuses = {client.get(reverse("readyz")).status_code for _ in range(5)}
    statuses |= {client.get(reverse("healthz")).status_code for _ in range(5)}
    assert statuses == {200}


def test_probes_refuse_writes(client):
    assert client.post(reverse("healthz")).status_code == 405


def test_readiness_body_is_json_with_no_configuration_in_it(client, db, releases, settings):
    body = client.get(reverse("readyz")).content.decode()
    json.loads(body)
    for secret in (settings.SECRET_KEY, str(settings.DATABASES["default"]["NAME"])):
        assert secret not in body
