"""Benchmark: a co-operative's roster page with N members (default 5,000), and bulk approval, on PostgreSQL.

Prints the roster page's time (first page, a search, a filter) and its number of queries, and the
time and queries of approving 1,200 pending applications at once. Run by hand (needs PostgreSQL on
127.0.0.1:5432):

    .venv/bin/python bench/roster.py [--members 5000] [--pending 1200]

It creates and afterwards drops the database `coop_bench_roster`.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DB = "coop_bench_roster"


def _environment() -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB}",
        "DEBUG": "1",  # no collected static files needed; the query log it keeps costs little here
        "ALLOWED_HOSTS": "testserver",
        "LOG_LEVEL": "ERROR",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("REDIS_URL", None)
    return env


def run(members: int, pending: int) -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from accounts.models import User
    from citizens.models import Cooperative, Membership, ResidentProfile, Ward
    from citizens.services import memberships_decide

    ward = Ward.objects.create(name="Bench ward", slug="bench-ward")
    coop = Cooperative.objects.create(name="Bench co-op", slug="bench-coop", purpose="Benchmark.")
    officer = User.objects.create_user(email="officer@bench.example", password=None, role="officer")
    users = User.objects.bulk_create(
        User(email=f"m{i}@bench.example", full_name=f"Member {i}", password="!") for i in range(members + pending)
    )
    ResidentProfile.objects.bulk_create(
        ResidentProfile(user=u, ward=ward, year_of_birth=1950 + i % 60) for i, u in enumerate(users)
    )
    now = timezone.now()
    Membership.objects.bulk_create(
        Membership(member=u, cooperative=coop, status="active", member_number=i + 1, joined_at=now)
        for i, u in enumerate(users[:members])
    )
    Membership.objects.bulk_create(Membership(member=u, cooperative=coop) for u in users[members:])

    client = Client()
    client.force_login(officer)
    url = f"/officer/cooperatives/{coop.slug}/members/"
    for label, query in (("first page", {}), ("search", {"q": "Member 4999"}), ("filter", {"age_band": "50-64"})):
        assert client.get(url, query, secure=True).status_code == 200  # warm up
        times = []
        for _ in range(5):
            start = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url, query, secure=True)
            times.append(time.perf_counter() - start)
            assert response.status_code == 200
        print(
            f"roster, {members:,} members, {label}: median {statistics.median(times) * 1000:.0f} ms, "
            f"{len(queries)} queries"
        )

    from django.db import transaction

    ids = list(Membership.objects.filter(status="pending").values_list("pk", flat=True))
    start = time.perf_counter()
    with transaction.atomic():  # so the decision is timed apart from the emails sent after commit
        with CaptureQueriesContext(connection) as queries:
            decided = memberships_decide(officer=officer, membership_ids=ids, decision="approve")
        elapsed = time.perf_counter() - start
        start = time.perf_counter()
    emailing = time.perf_counter() - start
    print(f"bulk approval of {decided:,} applications: {elapsed:.2f} s, {len(queries)} queries")
    print(f"  then {decided:,} emails sent in-process (no broker; with Redis one task sends them): {emailing:.1f} s")
    if os.environ.get("BENCH_SHOW_QUERIES"):
        from collections import Counter

        for sql, n in Counter(q["sql"][:150] for q in queries).most_common(5):
            print(n, sql)


def psql(sql: str) -> None:
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c", sql], check=True, capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=5000)
    parser.add_argument("--pending", type=int, default=1200)
    parser.add_argument("--phase", choices=["run"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase == "run":
        run(args.members, args.pending)
        return
    env = _environment()
    psql(f"DROP DATABASE IF EXISTS {DB}")
    psql(f"CREATE DATABASE {DB}")
    try:
        subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        me = [sys.executable, str(Path(__file__).resolve())]
        subprocess.run(
            [*me, "--phase", "run", "--members", str(args.members), "--pending", str(args.pending)],
            cwd=ROOT,
            env=env,
            check=True,
        )
    finally:
        psql(f"DROP DATABASE IF EXISTS {DB}")


if __name__ == "__main__":
    main()
