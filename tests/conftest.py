import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from tests.factories import UserFactory

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def pytest_configure(config):
    """Compile the translation catalogues that are missing or older than their .po, as
    `make test` does, so that a bare `pytest` on a fresh clone tests the translations
    too. Once, in the main process, before any xdist worker starts."""
    if hasattr(config, "workerinput"):
        return
    stale = [
        po
        for po in LOCALE.glob("*/LC_MESSAGES/*.po")
        if not po.with_suffix(".mo").exists()
        or po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime
    ]
    if not stale:
        return
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        raise pytest.UsageError("msgfmt (GNU gettext) is needed to compile locale/*.po")
    for po in stale:
        partial = po.with_suffix(f".mo.{os.getpid()}")
        subprocess.run([msgfmt, "--check", "-o", str(partial), str(po)], check=True)
        partial.replace(po.with_suffix(".mo"))


@pytest.fixture(autouse=True)
def default_language():
    # A request to a Polish or Spanish page leaves its language active in the thread (as
    # in a server, where the next request activates its own): each test starts in English.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def empty_cache():
    # The in-memory cache outlives a test; rate-limit counts must not leak between tests.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def editor(db):
    return UserFactory(username="editor", groups=["Editors"])


@pytest.fixture
def reviewer(db):
    return UserFactory(username="reviewer", groups=["Reviewers"])


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client
