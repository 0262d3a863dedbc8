"""Reads from a real PostgreSQL streaming replica (`.ci/start-replica`, port 5433).

.ci/run starts the replica and sets REPLICA_DATABASE_URL (and REPLICA_CLUSTER, for the
test that stops it); without them these tests are skipped. The replica holds the same
test database as the primary, replicated, so the "replica" alias is pointed at it.
"""

import os
import subprocess
import time

import dj_database_url
import pytest
from django.core.cache import cache
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from collab_atlas import replicas
from tests.factories import InitiativeFactory

REPLICA_URL = os.environ.get("REPLICA_DATABASE_URL", "")
# "<version> <cluster>" for pg_ctlcluster, to stop and start the replica.
REPLICA_CLUSTER = os.environ.get("REPLICA_CLUSTER", "").split()

pytestmark = [
    pytest.mark.skipif(
        not REPLICA_URL or connection.vendor != "postgresql",
        reason=(
            "needs a streaming replica of the PostgreSQL test database: .ci/start-replica "
            "starts one and .ci/run sets REPLICA_DATABASE_URL and DATABASE_URL"
        ),
    ),
    pytest.mark.django_db(transaction=True, databases=["default", "replica"]),
]


@pytest.fixture
def replica(settings):
    target = dj_database_url.parse(REPLICA_URL)
    alias = connections["replica"]
    saved = alias.settings_dict
    alias.close()
    # The primary's test database, as replicated to the replica's server.
    alias.settings_dict = {
        **connections["default"].settings_dict,
        "HOST": target["HOST"],
        "PORT": target["PORT"],
        "TEST": saved["TEST"],
    }
    settings.DATABASE_REPLICAS = ["replica"]
    replicas._down_until.clear()
    yield alias
    alias.close()
    alias.settings_dict = saved
    replicas._down_until.clear()


def one(alias, sql, params=()):
    with alias.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def wait_for_replay(replica, seconds=30):
    """Until the replica has replayed everything the primary has written so far."""
    target = one(connections["default"], "SELECT pg_current_wal_lsn()")
    deadline = time.monotonic() + seconds
    while not one(replica, "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target]):
        assert time.monotonic() < deadline, "the replica did not catch up"
        time.sleep(0.05)


def test_the_replica_is_a_streaming_standby(replica):
    assert one(replica, "SELECT pg_is_in_recovery()") is True
    assert one(replica, "SELECT status FROM pg_stat_wal_receiver") == "streaming"


def test_a_case_published_on_the_primary_is_served_from_the_replica(client, replica, settings):
    settings.DATABASE_PIN_SECONDS = 0
    case = InitiativeFactory(title="Streamed budget", slug="streamed-budget")
    wait_for_replay(replica)
    with (
        CaptureQueriesContext(replica) as on_replica,
        CaptureQueriesContext(connections["default"]) as on_primary,
    ):
        response = client.get(reverse("cases:detail", args=[case.slug]))
    assert response.status_code == 200
    assert "Streamed budget" in response.content.decode()
    assert len(on_replica) > 0
    assert len(on_primary) == 0


def test_the_admin_never_reads_stale_data(client, admin_client, replica, settings):
    case = InitiativeFactory(title="Old title", slug="renamed-case")
    wait_for_replay(replica)
    one(replica, "SELECT pg_wal_replay_pause()")
    try:
        while one(replica, "SELECT pg_get_wal_replay_pause_state()") != "paused":
            time.sleep(0.05)
        case.title = "New title"
        case.save()
        admin_page = reverse("admin:cases_initiative_change", args=[case.pk])
        public_page = reverse("cases:detail", args=[case.slug])
        with CaptureQueriesContext(replica) as on_replica:
            assert "New title" in admin_client.get(admin_page).content.decode()
            assert "New title" in admin_client.get(public_page).content.decode()
        assert len(on_replica) == 0
        # Right after a public change every visitor reads from the primary ...
        assert "New title" in client.get(public_page).content.decode()
        # ... and the replica really is behind: once that window has passed, a visitor
        # could read the old title from it, while the admin still reads the new one.
        settings.DATABASE_PIN_SECONDS = 0
        cache.clear()
        assert "Old title" in client.get(public_page).content.decode()
        assert "New title" in admin_client.get(admin_page).content.decode()
    finally:
        one(replica, "SELECT pg_wal_replay_resume()")
    wait_for_replay(replica)


def cluster(action):
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", *REPLICA_CLUSTER, action, "-m", "fast"]
        if action == "stop"
        else ["pg_ctlcluster", "--skip-systemctl-redirect", *REPLICA_CLUSTER, action],
        check=True,
        timeout=60,
    )


@pytest.mark.skipif(len(REPLICA_CLUSTER) != 2, reason="REPLICA_CLUSTER names no cluster to stop")
def test_with_the_replica_stopped_pages_still_answer(client, replica, settings, tmp_path):
    settings.DATABASE_PIN_SECONDS = 0
    settings.OPENDATA_DIR = tmp_path
    case = InitiativeFactory(title="Always there", slug="always-there")
    wait_for_replay(replica)
    page = reverse("cases:detail", args=[case.slug])
    with CaptureQueriesContext(replica) as on_replica:
        assert client.get(page).status_code == 200
    assert len(on_replica) > 0
    cluster("stop")
    try:
        cache.clear()
        started = time.monotonic()
        response = client.get(page)
        assert response.status_code == 200
        assert "Always there" in response.content.decode()
        assert time.monotonic() - started < settings.DATABASE_CONNECT_TIMEOUT + 2
        assert replicas.is_down("replica")
        assert client.get(reverse("cases:list")).status_code == 200
        ready = client.get(reverse("readyz"))
        assert ready.status_code == 200
        assert ready.json()["replicas"]["replica"]["status"] == "fail"
    finally:
        replica.close()
        cluster("start")
        deadline = time.monotonic() + 60
        address = ["-h", replica.settings_dict["HOST"], "-p", str(replica.settings_dict["PORT"])]
        while subprocess.run(["pg_isready", *address, "-q"]).returncode != 0:
            assert time.monotonic() < deadline, "the replica did not come back"
            time.sleep(0.2)
