"""Reads from PostgreSQL streaming replicas where a slightly older answer is harmless.

``DATABASE_REPLICA_URLS`` adds one database alias per replica (``replica1``, ...).
A request may read from a replica when it is a public read (GET or HEAD, not the admin),
from someone without a session (signed-in editors always have one), and not within
``DATABASE_PIN_SECONDS`` of a write: neither this client's own (the ``PIN_COOKIE`` set
on the answer to any other method) nor any change to public content (the catalogue
version is the time of the last change). Everything else, writes, reads inside a
transaction and everything outside a request (management commands), uses the primary.

Replication lag is thereby only ever seen by visitors who could not tell: by the time
the primary pin ends, a healthy replica has replayed the change, and no page rendered
from the old data is cached under the new catalogue version.

A replica that cannot be reached within ``DATABASE_CONNECT_TIMEOUT`` is skipped and
remembered as down, in this process, for ``DATABASE_REPLICA_RETRY_SECONDS``; its reads
go to the primary meanwhile.
"""

import logging
import random
import time
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.urls import reverse

from .public_cache import catalogue_version

logger = logging.getLogger(__name__)

PIN_COOKIE = "atlas_primary"
SAFE_METHODS = frozenset({"GET", "HEAD"})
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

# Per request (per thread): None reads from the primary; a dict lets the router pick a
# replica once and keep it for the whole request.
_request_reads = ContextVar("collab_atlas_replica_reads", default=None)
# Replica alias -> time.monotonic() until which it is not tried again.
_down_until = {}


def replicas():
    return list(getattr(settings, "DATABASE_REPLICAS", ()))


def mark_down(alias):
    _down_until[alias] = time.monotonic() + settings.DATABASE_REPLICA_RETRY_SECONDS


def is_down(alias):
    return _down_until.get(alias, 0) > time.monotonic()


def _reachable(alias):
    connection = connections[alias]
    try:
        # A persistent connection to a replica that went away fails this check (one
        # round trip, in place of Django's own per-request health check) here, not in
        # the middle of the page.
        if connection.connection is not None and not connection.is_usable():
            connection.close()
        connection.ensure_connection()
        connection.health_check_done = True
    except DatabaseError as error:
        logger.warning("Replica %s unreachable, reading from the primary: %s", alias, error)
        mark_down(alias)
        connection.close()
        return False
    return True


def pick_replica():
    """A reachable replica, chosen at random among those not known to be down, or None."""
    candidates = [alias for alias in replicas() if not is_down(alias)]
    random.shuffle(candidates)
    for alias in candidates:
        if _reachable(alias):
            return alias
    return None


def recently_changed():
    """True within DATABASE_PIN_SECONDS of the last change to public content."""
    try:
        changed_ns = int(catalogue_version())
    except ValueError:
        return True
    return time.time_ns() - changed_ns < settings.DATABASE_PIN_SECONDS * 1_000_000_000


def may_read_from_replica(request):
    if not replicas() or request.method not in SAFE_METHODS:
        return False
    cookies = request.COOKIES
    if PIN_COOKIE in cookies or settings.SESSION_COOKIE_NAME in cookies:
        return False
    if request.path.startswith(reverse("admin:index")):
        return False
    return not recently_changed()


class ReplicaRouter:
    """Sends the reads of eligible requests to a replica; writes and migrations to the
    primary."""

    def db_for_read(self, model, **hints):
        state = _request_reads.get()
        if state is None or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return None
        if "alias" not in state:
            state["alias"] = pick_replica()
        return state["alias"]

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # A replica holds the same rows as the primary.
        same_data = {DEFAULT_DB_ALIAS, *replicas()}
        if obj1._state.db in same_data and obj2._state.db in same_data:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        if db in replicas():
            return False
        return None


class ReplicaMiddleware:
    """Decides, per request, whether its reads may go to a replica, and pins a client
    that has just written to the primary for DATABASE_PIN_SECONDS."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        state = {} if may_read_from_replica(request) else None
        token = _request_reads.set(state)
        try:
            response = self.get_response(request)
        finally:
            _request_reads.reset(token)
        if state and state.get("alias") and response.status_code == 503:
            # The replica failed mid-request (stopped, or a query cancelled by a replay
            # conflict): later requests read from the primary until it has had a rest.
            mark_down(state["alias"])
        if request.method in WRITE_METHODS and replicas():
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.DATABASE_PIN_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
