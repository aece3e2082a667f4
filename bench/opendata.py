"""Benchmark: streaming the open data downloads at scale, on PostgreSQL.

Seeds the demo plus N ballots (default 100,000; `bench/report.py`'s seeding) and M indicator
values (default 10,000), counts the cycle, then in a fresh process streams the results CSV, the
anonymised ballots CSV and the indicator values CSV through the real views, and prints the bytes,
the time and the peak memory (ru_maxrss) of that process. Run by hand (needs PostgreSQL on
127.0.0.1:5432):

    .venv/bin/python bench/opendata.py [--ballots 100000] [--values 10000]

It creates and afterwards drops the database `coop_open_bench_opendata`.
"""

import argparse
import os
import resource
import subprocess
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DB = "coop_open_bench_opendata"


def _environment() -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB}",
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-key-0123456789abcdef-0123456789abcdef",
        "ALLOWED_HOSTS": "testserver",
        "LOG_LEVEL": "ERROR",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("REDIS_URL", None)
    return env


def seed(ballots: int, values: int) -> None:
    from bench.report import seed as seed_ballots

    seed_ballots(ballots)  # calls django.setup()
    from commissioning import counting
    from commissioning.models import CommissioningCycle, CycleResult
    from outcomes.models import Indicator, IndicatorValue

    cycle = CommissioningCycle.objects.get(slug="healthier-greener-lambeth-2027")
    # The count itself, without telling 100,000 voters by email (bench/report.py measures that).
    tally = counting._tally(counting.election_for(cycle), cycle).to_dict()
    CycleResult.objects.create(
        cycle=cycle,
        rule=cycle.counting_rule,
        budget=cycle.budget,
        spent=Decimal(tally["spent"]),
        funded=tally["funded"],
        explanations=tally["explanations"],
        counts={**tally["counts"], "details": tally["details"]},
    )
    indicators = list(Indicator.objects.all())
    start = date(1900, 1, 1)
    IndicatorValue.objects.bulk_create(
        (
            IndicatorValue(
                indicator=indicators[n % len(indicators)],
                period_start=start + timedelta(days=n // len(indicators)),
                period_end=start + timedelta(days=n // len(indicators)),
                value=Decimal(n % 997),
                source="Bench",
            )
            for n in range(values)
        ),
        batch_size=5000,
    )


def stream() -> None:
    import django

    django.setup()
    from django.test import Client

    client = Client()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for name in ("results", "ballots", "indicator-values"):
        started = time.perf_counter()
        response = client.get(f"/data/{name}.csv", secure=True)
        size = rows = 0
        for chunk in response.streaming_content:
            size += len(chunk)
            rows += chunk.count(b"\n")
        took = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{name}.csv: {rows - 1:,} rows, {size / 1e6:.1f} MB in {took:.1f} s; peak memory so far {peak:.0f} MiB")
    print(f"peak memory of the streaming process: {peak:.0f} MiB (after start-up and imports: {before:.0f} MiB)")


def psql(sql: str) -> None:
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c", sql], check=True, capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ballots", type=int, default=100_000)
    parser.add_argument("--values", type=int, default=10_000)
    parser.add_argument("--phase", choices=["seed", "stream"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase == "seed":
        return seed(args.ballots, args.values)
    if args.phase == "stream":
        return stream()
    psql(f"DROP DATABASE IF EXISTS {DB}")
    psql(f"CREATE DATABASE {DB}")
    env = _environment()
    me = [sys.executable, str(Path(__file__).resolve())]
    try:
        subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        started = time.perf_counter()
        subprocess.run(
            [*me, "--phase", "seed", "--ballots", str(args.ballots), "--values", str(args.values)],
            cwd=ROOT,
            env=env,
            check=True,
        )
        took = time.perf_counter() - started
        print(f"seeded {args.ballots:,} ballots and {args.values:,} indicator values in {took:.0f} s")
        subprocess.run([*me, "--phase", "stream"], cwd=ROOT, env=env, check=True)
    finally:
        psql(f"DROP DATABASE IF EXISTS {DB}")


if __name__ == "__main__":
    main()
