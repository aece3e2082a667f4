"""Benchmark: residents casting ballots through the API under gunicorn on PostgreSQL.

Compares the ballot endpoint with a bare Django view on the same server and prints ballots per
second, p95 latency and the ratio. Run by hand (needs PostgreSQL on 127.0.0.1:5432):

    .venv/bin/python bench/ballots.py [--voters 3200] [--batch 400] [--concurrency 16] [--workers 4] [--no-throttle]

Each endpoint gets its own voters, so both measure first casts, then the same voters change their
ballots; a separate group warms every worker up on both endpoints first. The two endpoints take
turns batch by batch (who goes first alternates), so a machine that slows down for a while, as
shared ones do, slows both alike; the rates are totals over all batches, and the spread of the
batch-by-batch ratios is printed beside them.

It creates (and afterwards drops) the database `coop_bench` and empties Redis database 3, where the
receipt emails are queued as in production, so it never touches real data.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ProcessPoolExecutor
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PORT = 8799
DB = "coop_bench"
ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "bench.bench_settings",
    "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB}",
    "SECRET_KEY": "benchmark-only-secret-key-benchmark-only-secret-key-0123456789",
    "DEBUG": "0",
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "0",
    "SESSION_COOKIE_SECURE": "0",
    "CSRF_COOKIE_SECURE": "0",
    "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    "LOG_LEVEL": "WARNING",
    "PYTHONWARNINGS": "ignore:No directory at",  # whitenoise: static files are not collected for this
}
ENV["REDIS_URL"] = "redis://127.0.0.1:6379/3"  # production-like: receipts go to a Celery queue


def psql(sql: str) -> None:
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c", sql], check=True, capture_output=True)


def prepare(voters: int) -> tuple[int, list[int], list[str]]:
    psql(f"DROP DATABASE IF EXISTS {DB}")
    psql(f"CREATE DATABASE {DB}")
    python = sys.executable
    subprocess.run([python, "manage.py", "migrate", "-v0"], cwd=ROOT, env=ENV, check=True)
    script = f"""
import django, json
django.setup()
from rest_framework.authtoken.models import Token
from accounts.services import user_create
from demo.seed import seed_demo
from commissioning.models import CommissioningCycle
seed_demo()
cycle = CommissioningCycle.objects.get(slug="healthier-greener-lambeth-2027")
ids = list(cycle.priorities.accepted().values_list("pk", flat=True))
tokens = []
for n in range({voters}):
    user = user_create(email=f"voter{{n}}@example.org", password=None, email_verified=True)
    tokens.append(Token.objects.create(user=user).key)
print(json.dumps({{"cycle": cycle.pk, "priorities": ids, "tokens": tokens}}))
"""
    out = subprocess.run([python, "-c", script], cwd=ROOT, env=ENV, check=True, capture_output=True, text=True)
    data = json.loads(out.stdout.strip().splitlines()[-1])
    return data["cycle"], data["priorities"], data["tokens"]


def _requests(job: tuple[str, list[tuple[str, bytes, dict]]]) -> list[tuple[float, int]]:
    """One client: its own keep-alive connection, sending its share of requests in turn."""
    _, requests = job
    connection = HTTPConnection("127.0.0.1", PORT, timeout=30)
    timings = []
    for path, body, headers in requests:
        started = time.perf_counter()
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        timings.append((time.perf_counter() - started, response.status))
    connection.close()
    return timings


def run_load(pool: ProcessPoolExecutor, requests: list[tuple[str, bytes, dict]], concurrency: int) -> dict:
    """Send the requests from `concurrency` clients at once; the pool's processes are already running."""
    shares = [("load", requests[i::concurrency]) for i in range(concurrency)]
    started = time.perf_counter()
    results = [t for share in pool.map(_requests, shares) for t in share]
    return {"elapsed": time.perf_counter() - started, "results": results}


def summary(name: str, runs: list[dict]) -> dict:
    results = [t for run in runs for t in run["results"]]
    latencies = sorted(t for t, _ in results)
    return {
        "name": name,
        "requests": len(results),
        "failures": sum(1 for _, status in results if status != 200),
        "per_second": len(results) / sum(run["elapsed"] for run in runs),
        "p95_ms": statistics.quantiles(latencies, n=20)[-1] * 1000,
        "batch_rates": [len(run["results"]) / run["elapsed"] for run in runs],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--voters", type=int, default=3200, help="voters per endpoint")
    parser.add_argument("--batch", type=int, default=400, help="requests per endpoint before the other's turn")
    parser.add_argument("--no-throttle", action="store_true", help="switch DRF's rate limits off (on in production)")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    if args.no_throttle:
        ENV["BENCH_NO_THROTTLE"] = "1"

    warm_up_voters = 20 * args.workers
    cycle, priorities, tokens = prepare(2 * warm_up_voters + 2 * args.voters)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "bench.bench_wsgi:application",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=ENV,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/api/v1/schema/", timeout=1)
                break
            except OSError:
                time.sleep(0.2)

        def ballots_for(voters: list[str], path: str) -> list[tuple[str, bytes, dict]]:
            requests = []
            for n, token in enumerate(voters):
                choice = [priorities[(n + k) % len(priorities)] for k in range(3)]
                body = json.dumps({"choices": [{"priority": p} for p in choice]}).encode()
                headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}
                requests.append((path, body, headers))
            return requests

        api_path, bare_path = f"/api/v1/cycles/{cycle}/ballot/", f"/bench/bare-ballot/{cycle}/"
        warm_bare, warm_api, voters = (
            tokens[:warm_up_voters],
            tokens[warm_up_voters : 2 * warm_up_voters],
            tokens[2 * warm_up_voters :],
        )
        nothing = [("/bench/bare/", b"{}", {"Content-Type": "application/json"})] * args.batch
        loads = {
            "bare": ballots_for(voters[: args.voters], bare_path),
            "api": ballots_for(voters[args.voters : 2 * args.voters], api_path),
        }
        runs: dict[str, list[dict]] = {"nothing": []}
        with ProcessPoolExecutor(max_workers=args.concurrency) as pool:
            run_load(pool, nothing[: 10 * args.workers], args.concurrency)
            run_load(pool, ballots_for(warm_bare, bare_path), args.concurrency)
            run_load(pool, ballots_for(warm_api, api_path), args.concurrency)
            for action in ("cast", "change"):
                for number, start in enumerate(range(0, args.voters, args.batch)):
                    order = ("bare", "api") if number % 2 == 0 else ("api", "bare")
                    for endpoint in order:
                        batch = loads[endpoint][start : start + args.batch]
                        runs.setdefault(f"{endpoint}_{action}", []).append(run_load(pool, batch, args.concurrency))
                    if number % 4 == 0:
                        runs["nothing"].append(run_load(pool, nothing, args.concurrency))
    finally:
        server.terminate()
        server.wait(timeout=30)
        psql(f"DROP DATABASE IF EXISTS {DB}")
        subprocess.run(["redis-cli", "-n", "3", "flushdb"], capture_output=True)

    names = {
        "nothing": "bare Django view (does nothing)",
        "bare_cast": "bare ballot view: cast",
        "api_cast": "API: cast",
        "bare_change": "bare ballot view: change",
        "api_change": "API: change",
    }
    totals = {key: summary(name, runs[key]) for key, name in names.items()}
    print(
        f"gunicorn workers={args.workers}, concurrency={args.concurrency}, voters={args.voters} per endpoint in "
        f"batches of {args.batch}, cores={os.cpu_count()}, API rate limits {'off' if args.no_throttle else 'on'}"
    )
    for result in totals.values():
        print(
            f"{result['name']:<34} {result['per_second']:8.1f} req/s   p95 {result['p95_ms']:7.1f} ms   "
            f"failures {result['failures']} of {result['requests']}"
        )
    for action in ("cast", "change"):
        api, bare = totals[f"api_{action}"], totals[f"bare_{action}"]
        pairs = sorted(a / b for a, b in zip(api["batch_rates"], bare["batch_rates"], strict=True))
        print(
            f"{action:>6}: API / bare ballot view {api['per_second'] / bare['per_second']:.0%} (target >= 50%; "
            f"batch by batch {pairs[0]:.0%} to {pairs[-1]:.0%}, median {statistics.median(pairs):.0%});   "
            f"API / view that does nothing {api['per_second'] / totals['nothing']['per_second']:.0%}"
        )


if __name__ == "__main__":
    main()
