"""`make bench`: the catalogue served as in production, measured page type by page type.

For each catalogue size it makes (or reuses) a PostgreSQL database of that many
synthetic cases (`generate_catalogue`), serves it with gunicorn (2 workers), Redis as
the cache and debug off, and prints for every public page type:

- warm: requests per second as a ratio to a bare Django view, measured alternately in
  the same run so that the machine's mood affects both alike, and p50/p95 latency;
- cold: p50/p95 of answers never rendered before (a query not seen in this catalogue
  version, or the first request after the cache was emptied);
- the SQL queries the page makes when it is rendered (the X-Queries header of
  benchmarks.settings);
- for the CSV download of every case: rows per second and the workers' peak memory;
- with --load, 64 connections for 60 s against the list: errors, 5xx and p99.

Budgets from the scale issue are checked at 100,000 cases and marked in the table.
"""

import argparse
import http.client
import itertools
import math
import os
import random
import secrets
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import redis

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/collab_atlas_bench"
DEFAULT_CACHE = "redis://127.0.0.1:6379/15"
PORT = int(os.environ.get("BENCH_PORT", "8765"))
MODELS = ["fellowship", "services", "hackathon", "scaling", "training", "open-data-policy",
          "lab", "meetups"]  # fmt: skip
MOTIVATIONS = ["finances", "organisation", "sustainability", "quality", "impact"]
INITIATORS = ["civic", "government", "donor", "business", "academia"]
WORDS = ["open", "data", "public", "budget", "city", "citizens", "digital", "local",
         "government", "transparency", "platform", "procurement", "vote", "council",
         "monitoring", "participation", "tool", "civic", "community", "policy"]  # fmt: skip
SEARCH_LIST = "/cases/?q=open&model=hackathon&initiator=civic&collaboration=direct"


@dataclass
class Page:
    name: str
    warm: str
    cold: object  # a callable giving a new path, and whether to empty the cache first
    budget_warm_p95: float | None = 50
    budget_cold_p95: float | None = 300
    budget_ratio: float | None = None
    results: dict = field(default_factory=dict)


def page_types(size, organisations):
    last = max(1, math.ceil(size / 20))
    fresh = itertools.count(1)
    combos = iter(
        random.Random(5).sample(
            [(w, m, i, c) for w in WORDS for m in MODELS for i in INITIATORS
             for c in ("direct", "indirect")],
            k=len(WORDS) * len(MODELS) * len(INITIATORS) * 2,
        )
    )  # fmt: skip
    rng = random.Random(7)

    def case():
        return f"/cases/synthetic-{rng.randint(1, size)}/", False

    def organisation():
        return f"/actors/{rng.choice(organisations)}/", False

    def search_list():
        word, model, initiator, form = next(combos)
        return f"/cases/?q={word}&model={model}&initiator={initiator}&collaboration={form}", False

    def flushed(path_or_paths):
        paths = path_or_paths if isinstance(path_or_paths, list) else [path_or_paths]
        return lambda: (paths[next(fresh) % len(paths)], True)

    def api():
        model, initiator = rng.choice(MODELS), rng.choice(INITIATORS)
        size = 10 + next(fresh) % 190
        return f"/api/cases/?model={model}&initiator={initiator}&page_size={size}", False

    return [
        Page("list: search + 3 filters", SEARCH_LIST, search_list, budget_ratio=0.25),
        Page("list: unfiltered", "/cases/", flushed("/cases/")),
        Page(
            "list: last page",
            f"/cases/?page={last}",
            flushed(f"/cases/?page={last}"),
            budget_warm_p95=100,
            budget_cold_p95=100,
        ),
        Page("case page", "/cases/synthetic-1/", case, None, None, budget_ratio=0.5),
        Page("home", "/", flushed("/")),
        Page("model page", "/models/hackathon/", flushed([f"/models/{m}/" for m in MODELS])),
        Page(
            "motivation page",
            "/motivations/impact/",
            flushed([f"/motivations/{m}/" for m in MOTIVATIONS]),
        ),
        Page("organisation page", f"/actors/{organisations[0]}/", organisation),
        Page("lessons", "/lessons/", flushed("/lessons/")),
        Page("insights", "/insights/", flushed("/insights/")),
        Page("API list", "/api/cases/?model=hackathon&initiator=civic", api),
    ]


class Client:
    """One keep-alive connection, as a browser or a CDN would hold."""

    def __init__(self):
        self.connection = None

    def get(self, path):
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
            try:
                start = time.perf_counter()
                self.connection.request("GET", path, headers={"Host": "127.0.0.1"})
                response = self.connection.getresponse()
                body = response.read()
                elapsed = time.perf_counter() - start
                queries = int(response.getheader("X-Queries") or -1)
                return elapsed, response.status, queries, body
            except (http.client.HTTPException, OSError):
                self.connection.close()
                self.connection = None
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")


def hammer(path, seconds, concurrency):
    """Requests to ``path`` from ``concurrency`` connections for ``seconds``."""
    latencies, statuses, errors = [], [], []
    deadline = time.perf_counter() + seconds
    lock = threading.Lock()

    def worker():
        client = Client()
        while time.perf_counter() < deadline:
            try:
                elapsed, status, _queries, _body = client.get(path)
            except Exception as error:  # noqa: BLE001 - every failure is counted
                with lock:
                    errors.append(repr(error))
                continue
            with lock:
                latencies.append(elapsed)
                statuses.append(status)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, statuses, errors, time.perf_counter() - started


def percentile(values, share):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


class Bench:
    def __init__(self, args):
        self.args = args
        self.cache = redis.Redis.from_url(args.cache_url)

    def environment(self, database_url):
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_DEBUG": "",
            "DATABASE_URL": database_url,
            "CACHE_URL": self.args.cache_url,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_LOG_LEVEL": "WARNING",
            # The benchmark measures pages, not the limits that protect them.
            "API_RATE_LIMIT": "100000000/minute",
            "DOWNLOAD_RATE_LIMIT": "100000000/minute",
            "UNCACHED_PAGE_RATE_LIMIT": "100000000/minute",
        }

    def manage(self, env, *args):
        subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True,
            stdout=subprocess.DEVNULL,
        )  # fmt: skip

    def prepare(self, size):
        """A database holding exactly ``size`` synthetic cases, made once and reused."""
        url = f"{self.args.database_url}_{size}"
        name = url.rsplit("/", 1)[1]
        admin = url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin, autocommit=True) as connection:
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [name]
            ).fetchone()
            count = None
            if exists:
                with psycopg.connect(url) as database:
                    try:
                        count = database.execute(
                            "SELECT count(*) FROM cases_initiative WHERE slug LIKE 'synthetic-%%'"
                        ).fetchone()[0]
                    except psycopg.Error:
                        count = None
            if count != size:
                if exists:
                    connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
                connection.execute(f'CREATE DATABASE "{name}"')
        env = self.environment(url)
        try:
            self.manage(env, "migrate", "--noinput")
        except subprocess.CalledProcessError:
            if count != size:
                raise
            # Made by other code, whose migrations this code's cannot follow: afresh.
            print(f"  {name} does not migrate; making it again…", flush=True)
            with psycopg.connect(admin, autocommit=True) as connection:
                connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
                connection.execute(f'CREATE DATABASE "{name}"')
            self.manage(env, "migrate", "--noinput")
            count = None
        if count != size:
            print(f"  generating {size} synthetic cases…", flush=True)
            self.manage(env, "generate_catalogue", "--cases", str(size))
        with psycopg.connect(url) as database:
            # The server's page cache, which the never-seen searches depend on.
            self.shared_buffers = database.execute("SHOW shared_buffers").fetchone()[0]
            self.organisations = [
                slug
                for (slug,) in database.execute(
                    "SELECT DISTINCT a.slug FROM cases_actor AS a"
                    " JOIN cases_involvement AS v ON v.actor_id = a.id ORDER BY a.slug LIMIT 500"
                )
            ]
        return env

    def serve(self, env):
        self.manage(env, "collectstatic", "--noinput")
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "collab_atlas.wsgi", "--workers", "2",
             "--bind", f"127.0.0.1:{PORT}", "--timeout", "120",
             # The numbers in docs/performance.md were measured with sync workers;
             # these override ./gunicorn.conf.py, which gunicorn reads by default.
             "--worker-class", "sync", "--threads", "1", "--max-requests", "0"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        client = Client()
        for _ in range(100):
            try:
                if client.get("/bench/bare/")[1] == 200:
                    return server
            except OSError:
                time.sleep(0.2)
        server.terminate()
        raise SystemExit("gunicorn did not start")

    def worker_pids(self, server):
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
        return [int(pid) for pid in children]

    def measure(self, page):
        args = self.args
        client = Client()
        # Every worker renders the page type before it is measured, then the cache is
        # emptied: a cold answer is a rendering never done before, not a worker's first
        # request of its kind, which cost the first page measured about 250 ms once per
        # process (URL patterns read and templates compiled, which gunicorn.conf.py now
        # has a new worker do before serving).
        hammer(page.warm, 0.5, args.concurrency)
        self.cache.flushdb()
        # Cold: answers never rendered before.
        cold, queries = [], set()
        for _ in range(args.cold_samples):
            path, flush = page.cold()
            if flush:
                self.cache.flushdb()
            elapsed, status, count, _body = client.get(path)
            if status != 200:
                raise SystemExit(f"{path} answered {status}")
            cold.append(elapsed)
            queries.add(count)
        # Warm: the same page again and again, alternating with the bare view.
        client.get(page.warm)
        page_count = bare_count = 0
        warm = []
        for _ in range(args.rounds):
            latencies, _s, _e, _t = hammer("/bench/bare/", args.seconds, args.concurrency)
            bare_count += len(latencies)
            latencies, statuses, errors, _t = hammer(page.warm, args.seconds, args.concurrency)
            page_count += len(latencies)
            warm += latencies
            if errors or any(status != 200 for status in statuses):
                raise SystemExit(f"{page.warm}: errors while measuring")
        page.results = {
            "ratio": page_count / bare_count if bare_count else float("nan"),
            "rps": page_count / (args.rounds * args.seconds),
            "bare_rps": bare_count / (args.rounds * args.seconds),
            "warm_p50": percentile(warm, 0.5) * 1000,
            "warm_p95": percentile(warm, 0.95) * 1000,
            "cold_p50": percentile(cold, 0.5) * 1000,
            "cold_p95": percentile(cold, 0.95) * 1000,
            "queries": "/".join(str(q) for q in sorted(queries)),
        }

    def download(self, server):
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=600)
        start = time.perf_counter()
        connection.request("GET", "/cases/download.csv", headers={"Host": "127.0.0.1"})
        response = connection.getresponse()
        rows = 0
        while chunk := response.read(65536):
            rows += chunk.count(b"\n")
        elapsed = time.perf_counter() - start
        peak = 0
        for pid in self.worker_pids(server):
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]) / 1024)
        return rows - 1, rows / elapsed, peak

    def load(self):
        seconds = self.args.load_seconds
        latencies, statuses, errors, _t = hammer(SEARCH_LIST, seconds, 64)
        failures = sum(1 for status in statuses if status >= 500)
        return len(latencies), len(errors), failures, percentile(latencies, 0.99) * 1000


def verdict(value, budget, higher_is_better=False):
    if budget is None or value != value:
        return ""
    good = value >= budget if higher_is_better else value <= budget
    return "" if good else " ✗"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000 10000 100000")
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE)
    )
    parser.add_argument("--cache-url", default=os.environ.get("BENCH_CACHE_URL", DEFAULT_CACHE))
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=1.5)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--cold-samples", type=int, default=12)
    parser.add_argument("--load", action="store_true", help="also 64 connections against the list")
    parser.add_argument("--load-seconds", type=float, default=60)
    parser.add_argument(
        "--quick", action="store_true", help="a short run that only checks it works"
    )
    args = parser.parse_args()
    if args.quick:
        args.rounds, args.seconds, args.cold_samples, args.load_seconds = 1, 0.3, 2, 3
    bench = Bench(args)
    for size in [int(part) for part in args.sizes.split()]:
        print(f"\n## {size:,} cases\n", flush=True)
        env = bench.prepare(size)
        server = bench.serve(env)
        try:
            pages = page_types(size, bench.organisations)
            for page in pages:
                bench.measure(page)
            rows, rate, peak = bench.download(server)
            load = bench.load() if args.load or args.quick else None
        finally:
            server.terminate()
            server.wait()
        check = size >= 100_000
        print("| page | warm req/s ÷ bare | warm p50 | warm p95 | cold p50 | cold p95 | SQL |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for page in pages:
            r = page.results
            print(
                f"| {page.name} | {r['ratio']:.2f}"
                f"{verdict(r['ratio'], page.budget_ratio if check else None, True)} "
                f"| {r['warm_p50']:.1f} ms | {r['warm_p95']:.1f} ms"
                f"{verdict(r['warm_p95'], page.budget_warm_p95 if check else None)} "
                f"| {r['cold_p50']:.0f} ms | {r['cold_p95']:.0f} ms"
                f"{verdict(r['cold_p95'], page.budget_cold_p95 if check else None)} "
                f"| {r['queries']} |"
            )
        bare = statistics.mean(page.results["bare_rps"] for page in pages)
        print(f"\nBare Django view: {bare:.0f} requests/s on average over the run.")
        print(f"PostgreSQL shared_buffers: {bench.shared_buffers} (docs/deploy.md).")
        print(
            f"CSV of all {rows:,} cases: {rate:,.0f} rows/s"
            f"{verdict(rate, 5000 if check else None, True)}, workers' peak RSS {peak:.0f} MB"
            f"{verdict(peak, 150 if check else None)}."
        )
        if load:
            done, errors, failures, p99 = load
            print(
                f"64 connections against the list for {args.load_seconds:.0f} s: {done:,} "
                f"answers, {errors} errors, {failures} 5xx, p99 {p99:.0f} ms"
                f"{verdict(p99, 1000 if check else None)}."
            )


if __name__ == "__main__":
    main()
