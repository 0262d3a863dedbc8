"""Public reads go to a replica; writes, the admin, sessions and fresh writes use the primary.

The tests that read data through the "replica" alias (a second connection to the same
test database) need committed rows, so they are transactional and run on PostgreSQL.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection, connections
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import Initiative
from collab_atlas import replicas
from collab_atlas.public_cache import VERSION_KEY
from tests.factories import InitiativeFactory

ROOT = Path(__file__).resolve().parent.parent

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="replicas are PostgreSQL's: run with DATABASE_URL=postgres://… to test them",
)


@pytest.fixture(autouse=True)
def no_replica_known_down():
    replicas._down_until.clear()
    yield
    replicas._down_until.clear()


@pytest.fixture
def with_replica(settings):
    settings.DATABASE_REPLICAS = ["replica"]
    # No public change "just now", unless a test makes one.
    settings.DATABASE_PIN_SECONDS = 0
    return "replica"


def alias_read_during(request, monkeypatch, reachable=True):
    """The database alias the router picks for a read while ``request`` is served."""
    monkeypatch.setattr(replicas, "_reachable", lambda alias: reachable)
    seen = {}

    def view(request):
        seen["alias"] = replicas.ReplicaRouter().db_for_read(Initiative) or "default"
        return HttpResponse("ok")

    response = replicas.ReplicaMiddleware(view)(request)
    return seen["alias"], response


factory = RequestFactory()


def test_anonymous_public_reads_go_to_a_replica(with_replica, monkeypatch):
    assert alias_read_during(factory.get("/cases/"), monkeypatch)[0] == "replica"
    assert alias_read_during(factory.head("/cases/"), monkeypatch)[0] == "replica"


def test_without_replicas_everything_reads_from_the_primary(monkeypatch):
    assert alias_read_during(factory.get("/cases/"), monkeypatch)[0] == "default"


@pytest.mark.parametrize(
    "request_",
    [
        factory.post("/suggest/"),
        factory.get("/admin/cases/initiative/"),
        factory.get("/cases/", HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}=abc"),
        factory.get("/cases/", HTTP_COOKIE=f"{replicas.PIN_COOKIE}=1"),
    ],
    ids=["a write", "the admin", "a session (signed in)", "just after a write"],
)
def test_these_read_from_the_primary(with_replica, monkeypatch, request_):
    assert alias_read_during(request_, monkeypatch)[0] == "default"


def test_admin_reads_follow_the_url_name_not_a_typed_path(with_replica, monkeypatch):
    admin_index = reverse("admin:index")
    request = factory.get(admin_index + "cases/")
    assert alias_read_during(request, monkeypatch)[0] == "default"


def test_a_write_pins_the_client_to_the_primary_for_a_few_seconds(
    with_replica, monkeypatch, settings
):
    settings.DATABASE_PIN_SECONDS = 5
    _alias, response = alias_read_during(factory.post("/suggest/"), monkeypatch)
    cookie = response.cookies[replicas.PIN_COOKIE]
    assert cookie["max-age"] == 5
    assert cookie["httponly"]
    _alias, read = alias_read_during(factory.get("/cases/"), monkeypatch)
    assert replicas.PIN_COOKIE not in read.cookies


def test_for_a_few_seconds_after_a_public_change_everyone_reads_from_the_primary(
    with_replica, monkeypatch, settings
):
    settings.DATABASE_PIN_SECONDS = 5
    cache.set(VERSION_KEY, str(time.time_ns()), timeout=None)
    assert alias_read_during(factory.get("/cases/"), monkeypatch)[0] == "default"
    cache.set(VERSION_KEY, str(time.time_ns() - 6_000_000_000), timeout=None)
    assert alias_read_during(factory.get("/cases/"), monkeypatch)[0] == "replica"


def test_an_unreachable_replica_is_skipped_and_left_alone_for_a_while(with_replica, monkeypatch):
    assert alias_read_during(factory.get("/"), monkeypatch, reachable=False)[0] == "default"
    replicas.mark_down("replica")
    tried = []
    monkeypatch.setattr(replicas, "_reachable", lambda alias: tried.append(alias) or True)
    assert replicas.pick_replica() is None
    assert tried == []
    replicas._down_until["replica"] = time.monotonic() - 1
    assert replicas.pick_replica() == "replica"


def test_a_replica_that_fails_mid_request_is_left_alone_for_a_while(with_replica, monkeypatch):
    monkeypatch.setattr(replicas, "_reachable", lambda alias: True)

    def view(request):
        replicas.ReplicaRouter().db_for_read(Initiative)
        return HttpResponse(status=503)

    replicas.ReplicaMiddleware(view)(factory.get("/"))
    assert replicas.is_down("replica")


def test_writes_and_migrations_stay_on_the_primary(with_replica):
    router = replicas.ReplicaRouter()
    assert router.db_for_write(Initiative) == "default"
    assert router.allow_migrate("replica", "cases") is False
    assert router.allow_migrate("default", "cases") is None
    # Outside a request (management commands, tests): the primary.
    assert router.db_for_read(Initiative) is None


def test_replica_urls_become_database_aliases_with_the_same_timeouts():
    script = (
        "from django.conf import settings; import json; "
        "print(json.dumps([settings.DATABASE_REPLICAS, "
        "{a: [d['PORT'], d['OPTIONS'], d['TEST']] for a, d in settings.DATABASES.items()}]))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "collab_atlas.settings",
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": "postgres://atlas@db1.example.org:5432/atlas",
        "DATABASE_REPLICA_URLS": (
            "postgres://atlas@db2.example.org:5432/atlas, postgres://atlas@db3.example.org/atlas"
        ),
    }
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); exec(__import__('sys').argv[1])",
         script],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    aliases, databases = json.loads(result.stdout.strip().splitlines()[-1])
    assert aliases == ["replica1", "replica2"]
    assert set(databases) == {"default", "replica1", "replica2"}
    for alias in aliases:
        assert databases[alias][1]["connect_timeout"] == 3
        assert databases[alias][1]["options"] == "-c statement_timeout=5000"
        assert databases[alias][2]["MIRROR"] == "default"


@pytest.mark.usefixtures("with_replica")
@postgres_only
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_a_public_page_is_read_from_the_replica(client):
    case = InitiativeFactory(title="Replicated budget", slug="replicated-budget")
    with (
        CaptureQueriesContext(connections["replica"]) as on_replica,
        CaptureQueriesContext(connections["default"]) as on_primary,
    ):
        response = client.get(reverse("cases:detail", args=[case.slug]))
    assert response.status_code == 200
    assert "Replicated budget" in response.content.decode()
    assert len(on_replica) > 0
    assert len(on_primary) == 0


@pytest.mark.usefixtures("with_replica")
@postgres_only
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_the_admin_reads_nothing_from_the_replica(admin_client):
    case = InitiativeFactory(title="Admin only", slug="admin-only")
    with CaptureQueriesContext(connections["replica"]) as on_replica:
        response = admin_client.get(reverse("admin:cases_initiative_change", args=[case.pk]))
    assert response.status_code == 200
    assert len(on_replica) == 0


@pytest.mark.usefixtures("with_replica")
@postgres_only
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_pages_answer_from_the_primary_when_the_replica_cannot_be_reached(client, monkeypatch):
    case = InitiativeFactory(title="Still here", slug="still-here")
    replica = connections["replica"]
    saved = replica.settings_dict
    replica.close()
    # Nothing listens on port 1: a refused connection, like a stopped replica.
    replica.settings_dict = {**saved, "HOST": "127.0.0.1", "PORT": "1"}
    try:
        started = time.monotonic()
        response = client.get(reverse("cases:detail", args=[case.slug]))
        assert response.status_code == 200
        assert "Still here" in response.content.decode()
        assert time.monotonic() - started < settings.DATABASE_CONNECT_TIMEOUT + 2
        assert replicas.is_down("replica")
        # Known to be down: the next request does not even try it.
        tried = []
        monkeypatch.setattr(replicas, "_reachable", lambda alias: tried.append(alias))
        assert client.get(reverse("cases:list")).status_code == 200
        assert tried == []
    finally:
        replica.close()
        replica.settings_dict = saved
