"""docs/deploy.md stays true: its production values pass the deploy checks, and it lists
every environment variable the code reads."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "deploy.md").read_text()
# Where the code reads the environment: settings, gunicorn's settings and the modules.
READERS = [ROOT / "collab_atlas" / "settings.py", ROOT / "gunicorn.conf.py"]
READ = re.compile(
    r"""(?:env_bool|env_list|env_int|_int|environ\.get|environ\[|getenv)\(?\s*["']([A-Z][A-Z0-9_]+)["']"""
)
# Set by manage.py for the settings, not by anyone deploying.
INTERNAL = {"COLLAB_ATLAS_MANAGE"}


def production_environment():
    block = DOC.split("<!-- production-env -->", 1)[1].split("<!-- /production-env -->", 1)[0]
    lines = [line for line in block.splitlines() if re.match(r"^[A-Z_]+=", line)]
    values = dict(line.split("=", 1) for line in lines)
    assert values["DJANGO_SECRET_KEY"].startswith("<"), "the doc must not carry a real key"
    values["DJANGO_SECRET_KEY"] = secrets.token_urlsafe(50)
    return values


def test_the_documented_production_values_pass_the_deploy_checks():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(production_environment(), DJANGO_SETTINGS_MODULE="collab_atlas.settings")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_production_values_use_https_a_shared_cache_and_replicas():
    values = production_environment()
    assert values["SITE_URL"].startswith("https://")
    assert values["DJANGO_CSRF_TRUSTED_ORIGINS"].startswith("https://")
    assert values["CACHE_URL"].startswith("redis://")
    assert values["DATABASE_URL"].startswith("postgres://")
    assert len(values["DATABASE_REPLICA_URLS"].split(",")) == 2
    assert "DJANGO_DEBUG" not in values


def test_every_environment_variable_the_code_reads_is_documented():
    read = set()
    for path in READERS:
        read |= set(READ.findall(path.read_text()))
    for app in (
        "collab_atlas",
        "cases",
        "contributions",
        "insights",
        "models_of_collab",
        "opendata",
    ):
        for path in (ROOT / app).rglob("*.py"):
            read |= set(READ.findall(path.read_text()))
    assert {"DATABASE_URL", "DJANGO_EMAIL_BACKEND", "GUNICORN_WORKERS", "PORT"} <= read
    undocumented = sorted(name for name in read - INTERNAL if f"`{name}`" not in DOC)
    assert undocumented == []
