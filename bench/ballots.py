"""Benchmark: residents casting ballots through the API under gunicorn on PostgreSQL.

Compares the ballot endpoint with a bare Django view on the same server and prints ballots per
second, p95 latency and the ratio. Run by hand (needs PostgreSQL on 127.0.0.1:5432):

    .venv/bin/python bench/ballots.py [--voters 400] [--concurrency 16] [--workers 4]

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
from config.demo import seed_demo
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


def run_load(name: str, requests: list[tuple[str, bytes, dict]], concurrency: int) -> dict:
    shares = [(name, requests[i::concurrency]) for i in range(concurrency)]
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=concurrency) as pool:
        results = [t for share in pool.map(_requests, shares) for t in share]
    elapsed = time.perf_counter() - started
    latencies = sorted(t for t, _ in results)
    failures = sum(1 for _, status in results if status != 200)
    return {
        "name": name,
        "requests": len(results),
        "failures": failures,
        "per_second": len(results) / elapsed,
        "p95_ms": statistics.quantiles(latencies, n=20)[-1] * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--voters", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()

    cycle, priorities, tokens = prepare(args.voters)
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
        ballots = []
        for n, token in enumerate(tokens):
            choice = [priorities[(n + k) % len(priorities)] for k in range(3)]
            body = json.dumps({"choices": [{"priority": p} for p in choice]}).encode()
            headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}
            ballots.append((f"/api/v1/cycles/{cycle}/ballot/", body, headers))
        bare = [("/bench/bare/", b"{}", {"Content-Type": "application/json"}) for _ in tokens]
        bare_ballots = [(f"/bench/bare-ballot/{cycle}/", body, headers) for _, body, headers in ballots]
        run_load("warm-up", bare[:50], args.concurrency)
        bare_result = run_load("bare Django view (does nothing)", bare, args.concurrency)
        bare_ballot_result = run_load("bare ballot view (same writes)", bare_ballots, args.concurrency)
        ballot_result = run_load("cast ballot (API, PostgreSQL)", ballots, args.concurrency)
        change_result = run_load("change ballot (same voters again)", ballots, args.concurrency)
    finally:
        server.terminate()
        server.wait(timeout=30)
        psql(f"DROP DATABASE IF EXISTS {DB}")
        subprocess.run(["redis-cli", "-n", "3", "flushdb"], capture_output=True)

    print(
        f"gunicorn workers={args.workers}, concurrency={args.concurrency}, voters={args.voters}, cores={os.cpu_count()}"
    )
    for result in (bare_result, bare_ballot_result, ballot_result, change_result):
        print(
            f"{result['name']:<36} {result['per_second']:8.1f} req/s   p95 {result['p95_ms']:7.1f} ms   "
            f"failures {result['failures']}"
        )
    for baseline in (bare_result, bare_ballot_result):
        print(
            f"cast / {baseline['name']}: {ballot_result['per_second'] / baseline['per_second']:.0%}   "
            f"change / {baseline['name']}: {change_result['per_second'] / baseline['per_second']:.0%}   (target >= 50%)"
        )


if __name__ == "__main__":
    main()
