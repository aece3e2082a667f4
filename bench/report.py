"""Benchmark: a cycle report over N ballots (default 100,000) on PostgreSQL.

Prints the time to count the cycle and to generate its PDF, CSV and XLSX files, and the peak
memory of the process that generated them. Run by hand (needs PostgreSQL on 127.0.0.1:5432):

    .venv/bin/python bench/report.py [--ballots 100000]

It creates and afterwards drops the database `coop_bench_report`; files go to a temporary folder.
"""

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DB = "coop_bench_report"


def _environment(media: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB}",
        "DEBUG": "1",
        "MEDIA_ROOT": media,
        "LOG_LEVEL": "ERROR",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",  # counted, not delivered
        "PYTHONPATH": str(ROOT),
    }
    env.pop("REDIS_URL", None)
    return env


def seed(ballots: int) -> None:
    """Demo data plus `ballots` residents, spread over the wards, each choosing 1 to 5 priorities."""
    import django

    django.setup()
    from django.utils import timezone

    from accounts.models import User
    from citizens.models import ResidentProfile, Ward
    from commissioning.models import Ballot, BallotChoice, CommissioningCycle, new_receipt_code
    from demo.seed import seed_demo

    seed_demo()
    cycle = CommissioningCycle.objects.get(slug="healthier-greener-lambeth-2027")
    priorities = list(cycle.priorities.values_list("pk", flat=True))
    wards = list(Ward.objects.all())
    Ward.objects.update(population=12000, electorate=9000)
    rng = random.Random(1)
    for start in range(0, ballots, 10_000):
        numbers = range(start, min(ballots, start + 10_000))
        users = User.objects.bulk_create(User(email=f"v{i}@example.org", password="!") for i in numbers)
        ResidentProfile.objects.bulk_create(ResidentProfile(user=u, ward=rng.choice(wards)) for u in users)
        cast = Ballot.objects.bulk_create(Ballot(cycle=cycle, voter=u, receipt_code=new_receipt_code()) for u in users)
        BallotChoice.objects.bulk_create(
            BallotChoice(ballot=b, priority_id=p) for b in cast for p in rng.sample(priorities, rng.randint(1, 5))
        )
    CommissioningCycle.objects.filter(pk=cycle.pk).update(voting_closes_at=timezone.now() - timedelta(minutes=1))


def count() -> None:
    import django

    django.setup()
    from django.core import mail

    from commissioning.counting import cycle_count
    from commissioning.models import CommissioningCycle

    cycle = CommissioningCycle.objects.get(slug="healthier-greener-lambeth-2027")
    started = time.perf_counter()
    cycle_count(cycle_id=cycle.pk)  # also tells every voter; without Redis the emails are sent right here
    took = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    emails = len(mail.outbox)
    print(f"count ({cycle.counting_rule}) and {emails:,} results emails {took:.1f} s; peak memory {peak:.0f} MiB")


def generate() -> None:
    import django

    django.setup()
    from commissioning.models import CommissioningCycle
    from reports.models import Report
    from reports.services import report_generate

    cycle = CommissioningCycle.objects.get(slug="healthier-greener-lambeth-2027")
    report = Report.objects.create(kind=Report.Kind.CYCLE, cycle=cycle)
    started = time.perf_counter()
    report_generate(report_id=report.pk)
    took = time.perf_counter() - started
    report.refresh_from_db()
    sizes = ", ".join(
        f"{part} {os.path.getsize(getattr(report, part).path) / 1e6:.1f} MB" for part in ("pdf", "csv", "xlsx")
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"report {took:.1f} s; peak memory {peak:.0f} MiB; {sizes}")


def psql(sql: str) -> None:
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c", sql], check=True, capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ballots", type=int, default=100_000)
    parser.add_argument("--phase", choices=["seed", "count", "generate"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase == "seed":
        return seed(args.ballots)
    if args.phase == "count":
        return count()
    if args.phase == "generate":
        return generate()
    psql(f"DROP DATABASE IF EXISTS {DB}")
    psql(f"CREATE DATABASE {DB}")
    with tempfile.TemporaryDirectory() as media:
        env = _environment(media)
        me = [sys.executable, str(Path(__file__).resolve())]
        try:
            subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
            started = time.perf_counter()
            subprocess.run([*me, "--phase", "seed", "--ballots", str(args.ballots)], cwd=ROOT, env=env, check=True)
            print(f"seeded {args.ballots:,} ballots in {time.perf_counter() - started:.0f} s")
            subprocess.run([*me, "--phase", "count"], cwd=ROOT, env=env, check=True)
            subprocess.run([*me, "--phase", "generate"], cwd=ROOT, env=env, check=True)
        finally:
            psql(f"DROP DATABASE IF EXISTS {DB}")


if __name__ == "__main__":
    main()
