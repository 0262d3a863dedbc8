"""Start-up refuses unsafe or unreadable configuration with one clear line."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args, env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean.pop("DATABASE_URL", None)
    clean.update(env, DJANGO_SETTINGS_MODULE="collab_atlas.settings")
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_missing_secret_key_without_debug_stops_with_one_line():
    result = run_manage("check", env={})
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "Collab Atlas cannot start: set DJANGO_SECRET_KEY (or DJANGO_DEBUG=1 for local "
        "development)."
    ]


def test_serving_without_a_secret_key_stops_too():
    result = subprocess.run(
        [sys.executable, "-c", "import collab_atlas.wsgi"],
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert result.stderr.strip().startswith("Collab Atlas cannot start: set DJANGO_SECRET_KEY")


def test_maintenance_commands_run_without_a_configured_secret_key():
    result = run_manage("makemigrations", "--check", "--dry-run", env={})
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


def test_unreadable_database_url_stops_with_one_line():
    result = run_manage("check", env={"DJANGO_DEBUG": "1", "DATABASE_URL": "nonsense://x"})
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("Collab Atlas cannot start: DATABASE_URL")


def test_production_settings_pass_the_deploy_checks():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={
            "DJANGO_SECRET_KEY": "x7#kq9!vz2@mw4$e8^rt6&yu1*io3(pl5)as0_df-gh+jk=lzQW8eR4tY",
            "DJANGO_ALLOWED_HOSTS": "atlas.example.org",
            "CACHE_URL": "redis://127.0.0.1:6379/0",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_deploy_checks_ask_for_a_shared_cache():
    result = run_manage(
        "check",
        "--deploy",
        env={
            "DJANGO_SECRET_KEY": "x7#kq9!vz2@mw4$e8^rt6&yu1*io3(pl5)as0_df-gh+jk=lzQW8eR4tY",
            "DJANGO_ALLOWED_HOSTS": "atlas.example.org",
        },
    )
    assert "collab_atlas.W001" in result.stdout + result.stderr


def test_deploy_checks_warn_when_a_proxy_is_on_but_none_is_counted():
    result = run_manage(
        "check",
        "--deploy",
        env={
            "DJANGO_SECRET_KEY": "x7#kq9!vz2@mw4$e8^rt6&yu1*io3(pl5)as0_df-gh+jk=lzQW8eR4tY",
            "DJANGO_ALLOWED_HOSTS": "atlas.example.org",
            "CACHE_URL": "redis://127.0.0.1:6379/0",
            "DJANGO_BEHIND_PROXY": "1",
            "DJANGO_NUM_PROXIES": "0",
        },
    )
    assert "collab_atlas.W002" in result.stdout + result.stderr


def test_a_proxy_count_that_is_not_a_number_stops_start_up_with_one_line():
    result = run_manage("check", env={"DJANGO_DEBUG": "1", "DJANGO_NUM_PROXIES": "two"})
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "Collab Atlas cannot start: DJANGO_NUM_PROXIES must be a whole number (the proxies "
        "in front of the app)."
    ]
