"""The production command's gunicorn settings: sized from the machine, bounded in time."""

import gc
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


def start_worker(monkeypatch):
    """What gunicorn does in a new worker; the objects it freezes for the worker's life
    are handed back to the collector after the test."""
    try:
        load(monkeypatch)["post_worker_init"](worker=None)
    finally:
        gc.unfreeze()


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


def test_a_new_worker_reads_its_url_patterns_for_every_language_before_serving(monkeypatch):
    """Left to the first request in each language, reading every URL pattern made it
    about 150 ms slower than the next."""
    from unittest import mock

    from django.conf import settings
    from django.urls import clear_url_caches, get_resolver, reverse
    from django.utils import translation

    clear_url_caches()  # a new process's resolver, which has read nothing yet
    start_worker(monkeypatch)
    read_again = AssertionError("the patterns were read again")
    with mock.patch.object(get_resolver(), "_populate", side_effect=read_again):
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                assert reverse("home").endswith("/")


def test_a_new_worker_compiles_the_projects_templates_before_serving(monkeypatch):
    from unittest import mock

    from django.template import engines
    from django.template.base import Template

    from collab_atlas import worker_start

    names = list(worker_start.project_templates())
    assert "cases/case_list.html" in names and "base.html" in names
    assert not any(name.startswith("rest_framework/") for name in names)
    engine = engines["django"].engine
    for loader in engine.template_loaders:
        loader.reset()  # a new process's loader, which has compiled nothing yet
    start_worker(monkeypatch)
    compiled_again = AssertionError("compiled again")
    with mock.patch.object(Template, "compile_nodelist", side_effect=compiled_again):
        for name in names:
            engine.get_template(name)


def test_a_template_that_does_not_compile_does_not_stop_a_worker(monkeypatch, tmp_path, caplog):
    from django.template import engines

    from collab_atlas import worker_start

    (tmp_path / "broken.html").write_text("{% if %}")
    engine = engines["django"].engine
    monkeypatch.setattr(worker_start, "project_templates", lambda: ["broken.html", "base.html"])
    monkeypatch.setattr(engine, "dirs", [str(tmp_path), *engine.dirs])
    for loader in engine.template_loaders:
        loader.reset()
    start_worker(monkeypatch)
    assert "broken.html does not compile" in caplog.text
