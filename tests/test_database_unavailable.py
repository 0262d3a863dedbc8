"""A database that is down or too slow costs seconds and answers 503, never a bare 500."""

import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import OperationalError, connection
from django.test import Client, RequestFactory

from collab_atlas import errors

ROOT = Path(__file__).resolve().parent.parent

failing = pytest.mark.urls("tests.failing_urls")


@pytest.fixture
def lenient_client():
    return Client(raise_request_exception=False)


@failing
def test_a_page_whose_database_is_down_answers_503_with_a_friendly_page(lenient_client):
    response = lenient_client.get("/broken-db/")
    assert response.status_code == 503
    assert response["Retry-After"] == str(errors.RETRY_AFTER_SECONDS)
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Type"].startswith("text/html")
    assert "taking a short break" in response.content.decode()


@failing
def test_the_api_answers_a_database_outage_with_a_json_problem(lenient_client):
    response = lenient_client.get("/api/broken-db/")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    body = json.loads(response.content)
    assert body["status"] == 503
    assert body["title"] == "Service temporarily unavailable"
    assert "connection to server" not in response.content.decode()


@failing
def test_the_api_never_answers_a_server_error_with_the_html_page(lenient_client):
    response = lenient_client.get("/api/broken/")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/problem+json"
    assert json.loads(response.content)["status"] == 500


@failing
def test_a_bug_on_a_page_is_still_the_html_500_page(lenient_client):
    response = lenient_client.get("/broken/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


@failing
def test_an_unknown_api_address_answers_json(lenient_client):
    response = lenient_client.get("/api/nothing-here/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/")
    assert json.loads(response.content)


def test_a_database_error_outside_a_view_is_a_503_too():
    request = RequestFactory().get("/api/cases/")
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = errors.server_error(request)
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"


def test_handler404_answers_json_under_the_api_and_html_elsewhere():
    factory = RequestFactory()
    api = errors.page_not_found(factory.get("/api/x/"), Exception())
    assert api["Content-Type"] == "application/problem+json"
    assert json.loads(api.content)["status"] == 404


@pytest.mark.skipif(connection.vendor != "postgresql", reason="statement timeouts are PostgreSQL's")
@pytest.mark.django_db
def test_web_requests_carry_the_statement_timeout():
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        shown = cursor.fetchone()[0]
    assert shown == f"{settings.DATABASE_STATEMENT_TIMEOUT}ms".replace("000ms", "s")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="statement timeouts are PostgreSQL's")
@pytest.mark.django_db
@failing
def test_a_statement_past_its_timeout_answers_503(lenient_client):
    started = time.monotonic()
    response = lenient_client.get("/slow/")
    assert response.status_code == 503
    assert time.monotonic() - started < 3


@pytest.fixture
def silent_database():
    """A server that accepts connections and never says a word, like a stuck database."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    server.close()


PROBE = """
import json, time
import django
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
seen = {}
for path in ["/cases/", "/api/cases/", "/healthz", "/readyz"]:
    started = time.monotonic()
    response = client.get(path)
    seen[path] = [response.status_code, round(time.monotonic() - started, 2),
                  response["Content-Type"], response.content.decode()]
print(json.dumps(seen))
"""


def test_a_silent_database_costs_seconds_not_a_worker(silent_database, tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"postgres://atlas@127.0.0.1:{silent_database}/atlas",
        "DATABASE_CONNECT_TIMEOUT": "2",
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "OPENDATA_DIR": str(tmp_path),
    }
    env.pop("DJANGO_DEBUG", None)
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    status, seconds, content_type, body = seen["/cases/"]
    assert status == 503 and content_type.startswith("text/html")
    assert seconds < 6
    status, seconds, content_type, body = seen["/api/cases/"]
    assert status == 503 and content_type == "application/problem+json"
    assert seconds < 6
    assert seen["/healthz"][0] == 200
    assert seen["/healthz"][1] < 1
    status, seconds, _type, body = seen["/readyz"]
    assert status == 503
    checks = json.loads(body)["checks"]
    assert checks["database"]["status"] == "fail"
    assert checks["cache"]["status"] == "ok"
    assert checks["releases"]["status"] == "ok"
    assert str(silent_database) not in body and "127.0.0.1" not in body


def settings_seen_by(*args, env):
    script = (
        "from django.conf import settings; import json; "
        "print(json.dumps([settings.DATABASE_STATEMENT_TIMEOUT, "
        "settings.DATABASES['default'].get('OPTIONS', {})]))"
    )
    result = subprocess.run(
        [sys.executable, *args, script],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "collab_atlas.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


POSTGRES = {"DATABASE_URL": "postgres://atlas@db.example.org/atlas", "DJANGO_DEBUG": "1"}


def test_postgresql_connections_carry_both_timeouts_from_the_environment():
    timeout, options = settings_seen_by(
        "-c",
        "import django; django.setup(); exec(__import__('sys').argv[1])",
        env={**POSTGRES, "DATABASE_CONNECT_TIMEOUT": "4", "DATABASE_STATEMENT_TIMEOUT": "7000"},
    )
    assert timeout == 7000
    assert options == {"connect_timeout": 4, "options": "-c statement_timeout=7000"}


def test_management_commands_run_without_the_web_statement_timeout():
    timeout, options = settings_seen_by("manage.py", "shell", "-c", env=POSTGRES)
    assert timeout == 0
    assert options == {"connect_timeout": 3}
    timeout, options = settings_seen_by(
        "manage.py", "shell", "-c", env={**POSTGRES, "DATABASE_COMMAND_STATEMENT_TIMEOUT": "600000"}
    )
    assert options["options"] == "-c statement_timeout=600000"
