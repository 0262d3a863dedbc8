"""One client-address rule, behind 0, 1 or 2 proxies, for every per-client limit."""

import pytest
from django.test import RequestFactory, override_settings
from django.urls import reverse

from collab_atlas.ratelimit import client_address
from contributions.models import Suggestion
from tests.factories import InitiativeFactory, UserFactory
from tests.test_suggestions import valid_data

CDN = "198.51.100.77"  # the CDN node many clients share
BALANCER = "10.0.0.1"  # our load balancer, the app server's REMOTE_ADDR


def request(forwarded=None, remote=BALANCER):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        # No proxy: the header is the client's own invention and is ignored.
        (0, None, BALANCER),
        (0, "192.0.2.1", BALANCER),
        (0, "192.0.2.1, 192.0.2.2", BALANCER),
        # One proxy: the entry it appended.
        (1, "192.0.2.1", "192.0.2.1"),
        (1, "6.6.6.6, 192.0.2.1", "192.0.2.1"),
        (1, " 6.6.6.6 ,7.7.7.7,  192.0.2.1 ", "192.0.2.1"),
        (1, None, BALANCER),
        (1, "", BALANCER),
        # Two proxies (a CDN, then our balancer): the entry the CDN appended, not the CDN.
        (2, f"192.0.2.1, {CDN}", "192.0.2.1"),
        (2, f"6.6.6.6, 7.7.7.7, 192.0.2.1, {CDN}", "192.0.2.1"),
        (2, "2001:db8::5, " + CDN, "2001:db8::5"),
        # Only one hop: the request skipped the CDN; the balancer's entry is the client.
        (2, "192.0.2.1", "192.0.2.1"),
        # Not an address where a proxy of ours wrote one: fall back to the peer.
        (1, "6.6.6.6, not-an-address", BALANCER),
    ],
)
def test_client_address_follows_the_proxies_in_front(proxies, forwarded, expected):
    with override_settings(NUM_PROXIES=proxies):
        assert client_address(request(forwarded)) == expected


@override_settings(NUM_PROXIES=2, SUGGESTION_RATE_LIMIT=1)
def test_twelve_clients_behind_one_cdn_node_are_counted_separately(client, db):
    data = valid_data()
    answers = [
        client.post(
            reverse("contributions:suggest"),
            data,
            REMOTE_ADDR=BALANCER,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}, {CDN}",
        ).status_code
        for number in range(1, 13)
    ]
    assert answers == [302] * 12
    assert Suggestion.objects.count() == 12
    # The same client again is over its limit, whatever it puts in front.
    again = client.post(
        reverse("contributions:suggest"),
        data,
        REMOTE_ADDR=BALANCER,
        HTTP_X_FORWARDED_FOR=f"6.6.6.6, 192.0.2.1, {CDN}",
    )
    assert again.status_code == 429


@override_settings(NUM_PROXIES=2, AXES_ENABLED=True)
def test_a_lockout_behind_a_cdn_node_locks_out_only_the_guesser(client, db):
    UserFactory(username="editor", groups=["Editors"])

    def sign_in(password, address):
        return client.post(
            reverse("admin:login"),
            {"username": "editor", "password": password, "next": "/admin/"},
            REMOTE_ADDR=BALANCER,
            HTTP_X_FORWARDED_FOR=f"{address}, {CDN}",
        )

    for _ in range(5):
        sign_in("guess", "192.0.2.66")
    assert sign_in("correct horse battery staple", "192.0.2.66").status_code == 429
    # The editor, behind the same CDN node, still signs in.
    assert sign_in("correct horse battery staple", "192.0.2.10").status_code == 302


@override_settings(NUM_PROXIES=2)
def test_the_api_throttle_counts_clients_behind_a_cdn_node(client, db):
    rates = {"api": "1/minute", "downloads": "1/minute"}
    with override_settings(REST_FRAMEWORK={"DEFAULT_THROTTLE_RATES": rates}):
        for number in range(1, 5):
            forwarded = f"192.0.2.{number}, {CDN}"
            answer = client.get("/api/models/", HTTP_X_FORWARDED_FOR=forwarded)
            assert answer.status_code == 200
        spoofed = client.get("/api/models/", HTTP_X_FORWARDED_FOR=f"6.6.6.6, 192.0.2.1, {CDN}")
        assert spoofed.status_code == 429


@override_settings(NUM_PROXIES=0)
def test_without_proxies_a_forged_header_does_not_escape_the_api_throttle(client, db):
    rates = {"api": "1/minute", "downloads": "1/minute"}
    with override_settings(REST_FRAMEWORK={"DEFAULT_THROTTLE_RATES": rates}):
        assert client.get("/api/models/", HTTP_X_FORWARDED_FOR="192.0.2.1").status_code == 200
        forged = client.get("/api/models/", HTTP_X_FORWARDED_FOR="192.0.2.2")
        assert forged.status_code == 429


@override_settings(NUM_PROXIES=2, EXPENSIVE_RATE=(1, 60))
def test_the_uncached_page_limit_counts_clients_behind_a_cdn_node(client, db):
    InitiativeFactory(slug="vote")
    for number in range(1, 5):
        answer = client.get(f"/cases/?q=w{number}", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}, {CDN}")
        assert answer.status_code == 200
    spoofed = client.get("/cases/?q=other", HTTP_X_FORWARDED_FOR=f"6.6.6.6, 192.0.2.1, {CDN}")
    assert spoofed.status_code == 429
