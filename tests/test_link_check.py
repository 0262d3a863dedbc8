"""check_links asks every address once, a few at a time, with a fake HTTP layer here."""

import threading
import time
import urllib.error

import pytest
from django.core.management import CommandError, call_command

from cases import linkcheck
from cases.models import Actor, Initiative, Source
from collab_atlas.public_cache import catalogue_version
from tests.factories import ActorFactory, InitiativeFactory, SourceFactory

pytestmark = pytest.mark.django_db


class FakeWeb:
    """Answers by address: an int status, or an exception to raise; HEAD may differ."""

    def __init__(self, answers, head=None, delay=0.0):
        self.answers, self.head, self.delay = answers, head or {}, delay
        self.calls, self.lock = [], threading.Lock()
        self.running = self.most_at_once = 0

    def __call__(self, method, url, timeout):
        with self.lock:
            self.calls.append((method, url, timeout))
            self.running += 1
            self.most_at_once = max(self.most_at_once, self.running)
        try:
            time.sleep(self.delay)
            answer = self.head.get(url, self.answers[url]) if method == "HEAD" else None
            answer = self.answers[url] if answer is None else answer
            if isinstance(answer, Exception):
                raise answer
            return answer
        finally:
            with self.lock:
                self.running -= 1


def test_statuses_dates_and_errors_are_recorded_on_each_record():
    source = SourceFactory(url="https://ok.example/report")
    gone = SourceFactory(url="https://gone.example/")
    case = InitiativeFactory(website="https://down.example/")
    actor = ActorFactory(website="https://ok.example/report")
    unlinked = SourceFactory(url="")
    web = FakeWeb(
        {
            "https://ok.example/report": 200,
            "https://gone.example/": 404,
            "https://down.example/": urllib.error.URLError("Name or service not known"),
        }
    )
    outcomes = linkcheck.check(fetch=web)
    assert len(outcomes) == 3
    # Each distinct address is asked once, even when two records cite it.
    assert sorted(url for method, url, _ in web.calls if method == "HEAD") == [
        "https://down.example/",
        "https://gone.example/",
        "https://ok.example/report",
    ]
    source.refresh_from_db()
    gone.refresh_from_db()
    case.refresh_from_db()
    actor.refresh_from_db()
    unlinked.refresh_from_db()
    assert (source.link_status, source.link_error, source.link_is_broken) == (200, "", False)
    assert actor.link_status == 200 and actor.link_checked_at == source.link_checked_at
    assert (gone.link_status, gone.link_is_broken) == (404, True)
    assert case.link_status is None
    assert "Name or service not known" in case.link_error and case.link_is_broken
    assert unlinked.link_checked_at is None


def test_get_is_tried_when_head_fails_or_is_refused():
    SourceFactory(url="https://nohead.example/")
    SourceFactory(url="https://headcrash.example/")
    web = FakeWeb(
        {"https://nohead.example/": 200, "https://headcrash.example/": 200},
        head={"https://nohead.example/": 405, "https://headcrash.example/": TimeoutError("slow")},
    )
    linkcheck.check(fetch=web)
    methods = sorted((url, method) for method, url, _ in web.calls)
    assert methods == [
        ("https://headcrash.example/", "GET"),
        ("https://headcrash.example/", "HEAD"),
        ("https://nohead.example/", "GET"),
        ("https://nohead.example/", "HEAD"),
    ]
    assert set(Source.objects.values_list("link_status", flat=True)) == {200}


def test_a_working_head_needs_no_get():
    SourceFactory(url="https://ok.example/")
    web = FakeWeb({"https://ok.example/": 301})
    linkcheck.check(fetch=web)
    assert [method for method, _, _ in web.calls] == ["HEAD"]


def test_concurrency_is_bounded_and_the_timeout_passed_on():
    for n in range(12):
        SourceFactory(url=f"https://site{n}.example/")
    web = FakeWeb({f"https://site{n}.example/": 200 for n in range(12)}, delay=0.05)
    linkcheck.check(fetch=web, workers=3, timeout=4)
    assert 1 < web.most_at_once <= 3
    assert {timeout for _, _, timeout in web.calls} == {4}


def test_addresses_other_than_http_are_reported_without_fetching():
    source = SourceFactory(url="ftp://files.example/report.pdf")
    web = FakeWeb({})
    linkcheck.check(fetch=web)
    source.refresh_from_db()
    assert web.calls == []
    assert source.link_error == "Not an http or https address."


def test_a_check_is_not_an_edit():
    case = InitiativeFactory(website="https://ok.example/")
    updated, history = case.updated_at, case.history.count()
    version = catalogue_version()
    linkcheck.check(fetch=FakeWeb({"https://ok.example/": 200}))
    case.refresh_from_db()
    assert case.link_status == 200
    assert case.updated_at == updated
    assert case.history.count() == history
    assert catalogue_version() == version


def test_changing_the_address_forgets_the_old_result():
    actor = ActorFactory(website="https://old.example/")
    linkcheck.check(fetch=FakeWeb({"https://old.example/": 404}))
    actor = Actor.objects.get(pk=actor.pk)
    assert actor.link_is_broken
    actor.name = "Renamed"
    actor.save()
    actor.refresh_from_db()
    assert actor.link_status == 404
    actor.website = "https://new.example/"
    actor.save()
    actor.refresh_from_db()
    assert (actor.link_status, actor.link_checked_at, actor.link_error) == (None, None, "")


def test_the_command_reports_broken_addresses(monkeypatch, capsys):
    SourceFactory(url="https://ok.example/")
    SourceFactory(url="https://gone.example/")
    web = FakeWeb({"https://ok.example/": 200, "https://gone.example/": 410})
    monkeypatch.setattr(linkcheck, "urllib_fetch", web)
    call_command("check_links", "--workers", "2", "--timeout", "3")
    out = capsys.readouterr().out
    assert "broken: https://gone.example/ (410)" in out
    assert "Checked 2 addresses: 1 broken, 1 working." in out
    assert {timeout for _, _, timeout in web.calls} == {3}


@pytest.mark.parametrize("args", [["--workers", "0"], ["--workers", "500"], ["--timeout", "0"]])
def test_the_command_refuses_unreasonable_limits(args):
    with pytest.raises(CommandError):
        call_command("check_links", *args)


def test_editors_see_and_filter_broken_links_in_the_admin(admin_client):
    SourceFactory(title="Working report", url="https://ok.example/")
    SourceFactory(title="Vanished report", url="https://gone.example/")
    web = FakeWeb({"https://ok.example/": 200, "https://gone.example/": 404})
    linkcheck.check(fetch=web)
    SourceFactory(title="Unchecked report", url="https://new.example/")
    url = "/admin/cases/source/"
    listing = admin_client.get(url).content.decode()
    assert "Broken (404)" in listing and "Working (200)" in listing
    assert "not checked yet" in listing
    broken = admin_client.get(url, {"link": "broken"}).content.decode()
    assert "Vanished report" in broken and "Working report" not in broken
    unchecked = admin_client.get(url, {"link": "unchecked"}).content.decode()
    assert "Unchecked report" in unchecked and "Vanished report" not in unchecked
    working = admin_client.get(url, {"link": "working"}).content.decode()
    assert "Working report" in working and "Vanished report" not in working


@pytest.mark.parametrize("path", ["/admin/cases/initiative/", "/admin/cases/actor/"])
def test_case_and_organisation_lists_filter_broken_websites(admin_client, path):
    InitiativeFactory(title="Dead site case", website="https://dead.example/")
    ActorFactory(name="Dead site organisation", website="https://dead.example/")
    InitiativeFactory(title="Live site case", website="https://live.example/")
    ActorFactory(name="Live site organisation", website="https://live.example/")
    linkcheck.check(
        fetch=FakeWeb(
            {
                "https://dead.example/": urllib.error.URLError("refused"),
                "https://live.example/": 200,
            }
        )
    )
    html = admin_client.get(path, {"link": "broken"}).content.decode()
    assert "Dead site" in html and "Live site" not in html
    assert "Broken (URLError: refused)" in html


def test_pages_never_fetch_addresses(client, admin_client, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("a page fetched an address while rendering")

    monkeypatch.setattr(linkcheck, "urllib_fetch", no_network)
    monkeypatch.setattr("urllib.request.urlopen", no_network)
    case = InitiativeFactory(website="https://site.example/")
    SourceFactory(initiative=case, url="https://source.example/")
    ActorFactory(slug="org", website="https://org.example/")
    for path in [case.get_absolute_url(), "/cases/", "/"]:
        assert client.get(path).status_code == 200
    for path in ["/admin/cases/source/", f"/admin/cases/initiative/{case.pk}/change/"]:
        assert admin_client.get(path).status_code == 200
    assert not Initiative.objects.filter(link_checked_at__isnull=False).exists()


def test_the_real_http_layer_against_a_local_server():
    """urllib_fetch on 127.0.0.1 only: statuses, errors and the GET fallback."""
    import http.server
    import socket

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_HEAD(self):
            codes = {"/no-head": 405, "/missing": 404}
            self.send_response(codes.get(self.path, 200))
            self.end_headers()

        def do_GET(self):
            self.send_response(404 if self.path == "/missing" else 200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}"
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        closed_port = closed.getsockname()[1]
    try:
        fetch = linkcheck.urllib_fetch
        assert linkcheck.check_one(f"{base}/ok", fetch, 2).status == 200
        assert linkcheck.check_one(f"{base}/no-head", fetch, 2).status == 200
        assert linkcheck.check_one(f"{base}/missing", fetch, 2).status == 404
        refused = linkcheck.check_one(f"http://127.0.0.1:{closed_port}/", fetch, 2)
        assert refused.status is None and refused.error and refused.broken
    finally:
        server.shutdown()
        server.server_close()
