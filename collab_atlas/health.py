"""Probes for load balancers and orchestrators: liveness and readiness.

``healthz`` says the process answers and touches nothing else, so a slow database never
gets a healthy app server restarted. ``readyz`` checks what a request needs: the
database, the cache and the folder data releases are served from (``OPENDATA_DIR``),
each with a short timeout, and answers 503 when one fails so the balancer sends traffic
elsewhere. Read replicas are reported too, but do not fail it: reads fall back to the
primary while one is down. Answers name each check and how long it took, never an
address, a path or an error message, which could carry a host name or credentials.

A small view rather than django-health-check: that package's database check writes a
row (a migration and a write per probe), its storage check writes a file, and neither
bounds how long a check may take.
"""

import os
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connections, transaction
from django.http import JsonResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe


def _answer(body, status=200):
    response = JsonResponse(body, status=status)
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_safe
def healthz(request):
    """Liveness: the process serves requests. No database, no cache."""
    return _answer({"status": "ok"})


def check_database(alias="default"):
    connection = connections[alias]
    timeout_ms = int(settings.READINESS_TIMEOUT * 1000)
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SET LOCAL statement_timeout = {timeout_ms}")
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache():
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    found = cache.get(key)
    cache.delete(key)
    if found != "ok":
        raise RuntimeError("the cache did not keep a value")


def _list_releases(folder):
    if not folder.is_dir():
        raise FileNotFoundError("the release folder is missing")
    if not os.access(folder, os.R_OK | os.X_OK):
        raise PermissionError("the release folder is not readable")
    with os.scandir(folder) as entries:
        for _entry in entries:
            break


def check_releases():
    # A stuck network file system blocks in the kernel; a thread lets the probe give up.
    pool = ThreadPoolExecutor(max_workers=1)
    try:
        pool.submit(_list_releases, Path(settings.OPENDATA_DIR)).result(
            timeout=settings.READINESS_TIMEOUT
        )
    finally:
        pool.shutdown(wait=False)


def run_check(check, *args):
    started = time.monotonic()
    try:
        check(*args)
    except FutureTimeout:
        outcome = {"status": "fail", "error": "timeout"}
    except Exception as error:  # noqa: BLE001 - a probe reports every failure
        outcome = {"status": "fail", "error": type(error).__name__}
    else:
        outcome = {"status": "ok"}
    outcome["seconds"] = round(time.monotonic() - started, 3)
    return outcome


def readiness_checks():
    """Check name -> (callable, args)."""
    return {
        "database": (check_database, ("default",)),
        "cache": (check_cache, ()),
        "releases": (check_releases, ()),
    }


@require_safe
def readyz(request):
    """Readiness: 200 when every check passes, 503 with the failing ones named."""
    checks = {name: run_check(check, *args) for name, (check, args) in readiness_checks().items()}
    ready = all(outcome["status"] == "ok" for outcome in checks.values())
    body = {"status": "ok" if ready else "fail", "checks": checks}
    aliases = getattr(settings, "DATABASE_REPLICAS", ())
    if aliases:
        # Reported, not required: reads fall back to the primary while a replica is down.
        body["replicas"] = {alias: run_check(check_database, alias) for alias in aliases}
    return _answer(body, 200 if ready else 503)
