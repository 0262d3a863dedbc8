"""Checking the web addresses of sources, cases and organisations, off the request path.

``check()`` asks every distinct address once, a few at a time, and records the answer
on each record that holds it. The HTTP layer is one function, ``fetch(method, url,
timeout) -> status``, so tests pass a fake and nothing here needs the network. Nothing
in a page's rendering calls this module.
"""

import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from .models import Actor, Initiative, Source
from .models.checked_links import BROKEN_STATUS

WORKERS = 8
TIMEOUT = 10
USER_AGENT = "CollabAtlasLinkCheck/1.0 (+checks addresses cited in the catalogue)"
MAX_ERROR = 300
# Every model with a checked address, and the field holding it.
CHECKED = [(Source, "url"), (Initiative, "website"), (Actor, "website")]


@dataclass(frozen=True)
class Outcome:
    url: str
    status: int | None = None
    error: str = ""

    @property
    def broken(self):
        return bool(self.error) or (self.status or 0) >= BROKEN_STATUS


def urllib_fetch(method, url, timeout):
    """The address's HTTP status after redirects; raises when there is no answer."""
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def describe(error):
    reason = getattr(error, "reason", None) or error
    text = f"{type(error).__name__}: {reason}".strip()
    return text[:MAX_ERROR]


def check_one(url, fetch, timeout=TIMEOUT):
    """HEAD first; servers that refuse or mishandle HEAD are asked again with GET."""
    if not url.lower().startswith(("http://", "https://")):
        return Outcome(url, error="Not an http or https address.")
    try:
        status = fetch("HEAD", url, timeout)
        if status < BROKEN_STATUS:
            return Outcome(url, status=status)
    except Exception:  # noqa: BLE001 - any failure of HEAD is worth a GET
        pass
    try:
        return Outcome(url, status=fetch("GET", url, timeout))
    except Exception as error:  # noqa: BLE001 - recorded on the record, never raised
        return Outcome(url, error=describe(error))


def targets(models=CHECKED):
    """{address: [(model, pk), ...]} for every non-empty checked address."""
    found = defaultdict(list)
    for model, field in models:
        rows = model.objects.exclude(**{field: ""}).order_by("pk").values_list("pk", field)
        for pk, url in rows:
            found[url.strip()].append((model, pk))
    return found


def check(fetch=None, workers=WORKERS, timeout=TIMEOUT, models=CHECKED):
    """Check every address with at most ``workers`` requests at once; record and return
    the outcomes. Threads only fetch; the database is written here, in this thread."""
    fetch = fetch or urllib_fetch
    found = targets(models)
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        outcomes = list(pool.map(lambda url: check_one(url, fetch, timeout), found))
    checked_at = timezone.now()
    with transaction.atomic():
        for outcome in outcomes:
            pks = defaultdict(list)
            for model, pk in found[outcome.url]:
                pks[model].append(pk)
            for model, ids in pks.items():
                # update(): a check is not an edit (no history, no new catalogue version).
                model.objects.filter(pk__in=ids).update(
                    link_status=outcome.status,
                    link_checked_at=checked_at,
                    link_error=outcome.error,
                )
    return outcomes
