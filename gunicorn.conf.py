"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py collab_atlas.wsgi`.

Every value can be changed from the environment (GUNICORN_*), so one file serves
machines of any size. See docs/deploy.md.
"""

import multiprocessing
import os


def _int(name, default):
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{_int('PORT', 8000)}")

# Processes for the cores, threads for the waiting: a request spends most of its time on
# the database or the cache, and threads keep a long download (the CSV of every case
# streams for tens of seconds) from counting as a stuck worker.
workers = _int("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1)
threads = _int("GUNICORN_THREADS", 4)
worker_class = "gthread"

# A worker silent for this long is killed and replaced. The database's own timeouts
# (DATABASE_CONNECT_TIMEOUT, DATABASE_STATEMENT_TIMEOUT) end a stuck request well before.
timeout = _int("GUNICORN_TIMEOUT", 30)
# On a restart or a deploy, requests in flight get this long to finish.
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Behind a load balancer that reuses connections.
keepalive = _int("GUNICORN_KEEPALIVE", 5)

# Workers are replaced after a number of requests, at staggered moments, so that slow
# growth in memory never adds up and they never all restart at once.
max_requests = _int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 100)

# The application logs each request itself; gunicorn's access log would repeat it.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")


def post_worker_init(worker):
    """A new worker (at start, and each time max_requests replaces one) reads its URL
    patterns and compiles its templates before its first request (collab_atlas.worker_start)."""
    from collab_atlas import worker_start

    worker_start.prepare()
