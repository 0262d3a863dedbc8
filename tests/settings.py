"""Test settings: the real settings, with what tests need overridden."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-not-a-secret")
# Generous rate limits, so that only the tests about limits meet them.
os.environ.setdefault("API_RATE_LIMIT", "100000/minute")
os.environ.setdefault("DOWNLOAD_RATE_LIMIT", "100000/minute")

from collab_atlas.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SECURE_SSL_REDIRECT = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests sign in with force_login or client.login (which passes no request, as django-axes
# needs); the lockout test switches axes back on with override_settings.
AXES_ENABLED = False
# A second alias on the same test database, for the read-replica tests; reads go to it
# only where a test names it in DATABASE_REPLICAS, since a replica cannot see what a
# test's open transaction has written.
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
DATABASE_REPLICAS = []
