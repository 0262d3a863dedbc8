"""JSON-lines request logs with a request id, and error reporting off unless configured."""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from collab_atlas.request_log import JsonLinesFormatter, RequestIdFilter, current_request_id
from tests.factories import InitiativeFactory, UserFactory

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def request_lines(caplog):
    caplog.set_level(logging.INFO, logger="collab_atlas.requests")
    formatter = JsonLinesFormatter()

    def lines():
        return [
            json.loads(formatter.format(record))
            for record in caplog.records
            if record.name == "collab_atlas.requests"
        ]

    return lines


def test_each_request_is_one_json_line_with_its_id_and_nothing_personal(client, db, request_lines):
    InitiativeFactory(slug="vote")
    response = client.get("/cases/?q=my+secret+search", REMOTE_ADDR="203.0.113.99")
    [line] = request_lines()
    assert set(line) == {
        "time", "level", "logger", "message", "request_id", "method", "path", "status",
        "duration_ms",
    }  # fmt: skip
    assert line["request_id"] == response["X-Request-ID"]
    assert len(line["request_id"]) == 32
    assert (line["method"], line["path"], line["status"]) == ("GET", "/cases/", 200)
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    text = json.dumps(line)
    assert "secret" not in text and "203.0.113.99" not in text


def test_a_signed_in_editor_is_not_named_in_the_log(client, db, request_lines):
    client.force_login(UserFactory(username="carefuleditor", is_superuser=True))
    client.get("/admin/?who=me")
    [line] = request_lines()
    assert line["path"] == "/admin/"
    assert "carefuleditor" not in json.dumps(line)


def test_every_answer_gets_its_own_request_id_cached_api_and_errors_alike(client, db):
    InitiativeFactory(slug="vote")
    ids = [
        client.get(path)["X-Request-ID"]
        for path in ["/cases/", "/cases/", "/api/cases/", "/no-such-page/", "/api/nope/"]
    ]
    assert len(set(ids)) == len(ids)


def test_a_proxy_s_well_formed_request_id_is_kept_and_a_strange_one_replaced(
    client, db, request_lines
):
    kept = client.get("/robots.txt", headers={"x-request-id": "cdn-1234abcd-5678"})
    assert kept["X-Request-ID"] == "cdn-1234abcd-5678"
    odd = client.get("/robots.txt", headers={"x-request-id": '{"forged": "line"}'})
    assert odd["X-Request-ID"] != '{"forged": "line"}'
    assert [line["request_id"] for line in request_lines()] == [
        "cdn-1234abcd-5678",
        odd["X-Request-ID"],
    ]


def test_lines_logged_during_a_request_carry_its_id(client, db, caplog):
    caplog.set_level(logging.INFO)
    # As the console handler of settings.LOGGING does.
    caplog.handler.addFilter(RequestIdFilter())
    formatter = JsonLinesFormatter()
    client.get("/no-such-page/")
    lines = [json.loads(formatter.format(record)) for record in caplog.records]
    not_found = next(line for line in lines if line["logger"] == "django.request")
    request = next(line for line in lines if line["logger"] == "collab_atlas.requests")
    assert not_found["request_id"] == request["request_id"]
    assert request["status"] == 404
    # Forgotten once the request is over: later lines are not pinned to it.
    assert current_request_id.get() is None


def test_logging_is_configured_as_json_lines():
    assert settings.LOGGING["handlers"]["console"]["formatter"] == "json"
    assert settings.LOGGING["handlers"]["console"]["filters"] == ["request_id"]
    assert settings.MIDDLEWARE[0] == "collab_atlas.request_log.RequestLogMiddleware"
    # The development server's access line (query string and all) is not written.
    assert settings.LOGGING["loggers"]["django.server"] == {
        "handlers": ["discard"],
        "propagate": False,
    }


def run_settings(**env):
    code = (
        "import django, sentry_sdk; django.setup(); "
        "client = sentry_sdk.get_client(); "
        "print(client.is_active(), client.options.get('send_default_pii'))"
    )
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SENTRY_", "DJANGO_SETTINGS"))
    }
    environment |= {"DJANGO_SETTINGS_MODULE": "collab_atlas.settings", "DJANGO_DEBUG": "1"}
    environment |= env
    result = subprocess.run(
        [sys.executable, "-c", code], env=environment, cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_error_reporting_is_off_unless_a_sentry_dsn_is_set():
    assert run_settings()[0] == "False"
    # With a DSN (nothing is sent unless an error happens), never personal data.
    assert run_settings(SENTRY_DSN="https://key@sentry.example.invalid/1") == ["True", "False"]


def test_sentry_events_leave_out_the_query_string_and_cookies():
    from collab_atlas.settings import sentry_without_query

    event = {
        "request": {
            "url": "https://atlas.example/cases/?q=secret",
            "query_string": "q=secret",
            "cookies": {"sessionid": "x"},
            "data": {"email": "a@example.org"},
            "method": "GET",
        }
    }
    assert sentry_without_query(event, {})["request"] == {
        "url": "https://atlas.example/cases/",
        "method": "GET",
    }


def test_api_clients_in_a_browser_can_read_the_request_id(client, db):
    response = client.get("/api/models/", HTTP_ORIGIN="https://notebook.example")
    assert "X-Request-ID" in response["Access-Control-Expose-Headers"]
    assert response["X-Request-ID"]
