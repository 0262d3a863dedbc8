"""The production command's gunicorn settings: sized from the machine, bounded in time."""

import multiprocessing
import os
import runpy
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "gunicorn.conf.py"


def load(monkeypatch, **env):
    for name in list(os.environ):
        if name.startswith("GUNICORN_") or name == "PORT":
            monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(CONFIG))


def test_defaults_follow_the_machine_and_bound_every_request(monkeypatch):
    config = load(monkeypatch)
    assert config["workers"] == multiprocessing.cpu_count() * 2 + 1
    assert config["threads"] == 4 and config["worker_class"] == "gthread"
    assert config["timeout"] == 30 and config["graceful_timeout"] == 30
    assert config["max_requests"] == 1000 and 0 < config["max_requests_jitter"] < 1000
    # The application logs requests itself.
    assert config["accesslog"] is None
    assert config["bind"] == "0.0.0.0:8000"


def test_the_environment_sizes_it(monkeypatch):
    config = load(monkeypatch, GUNICORN_WORKERS="3", GUNICORN_THREADS="8", PORT="9000")
    assert (config["workers"], config["threads"], config["bind"]) == (3, 8, "0.0.0.0:9000")


def test_gunicorn_accepts_the_file_with_the_application():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "collab_atlas.settings",
        "DJANGO_SECRET_KEY": "check-config-only",
    }
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--check-config", "-c", str(CONFIG),
         "collab_atlas.wsgi"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
