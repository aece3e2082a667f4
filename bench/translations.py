"""Benchmark: what translators' corrections cost each request, and taking up a new one, on PostgreSQL.

Prints the time of the per-request check when nothing changed (one cache read; Redis if REDIS_URL is
set, else the in-process cache), and the time a process takes to reload N corrections (default
1,000, spread over the seven languages) after one is saved. Run by hand (needs PostgreSQL on
127.0.0.1:5432):

    .venv/bin/python bench/translations.py [--corrections 1000]

It creates and afterwards drops the database `coop_bench_translations`.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DB = "coop_bench_translations"


def _environment() -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB}",
        "DEBUG": "1",
        "LOG_LEVEL": "ERROR",
        "PYTHONPATH": str(ROOT),
    }


def run(count: int) -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.utils import timezone

    from translations import layer
    from translations.catalogue import catalogue
    from translations.models import Correction

    languages = [code for code, _name in settings.LANGUAGES]
    rows = []
    for index in range(count):
        language = languages[index % len(languages)]
        entry = catalogue(language).entries[index // len(languages)]
        rows.append(
            Correction(
                language=language,
                key=entry.key,
                context=entry.context,
                msgid=entry.msgid,
                msgid_plural=entry.msgid_plural,
                text="" if entry.is_plural else entry.translation + " (corrected)",
                plural_texts=list(entry.plural_translations),
                changed_at=timezone.now(),
            )
        )
    Correction.objects.bulk_create(rows)
    cache = "Redis" if settings.REDIS_URL else "in-process cache"

    layer.refresh()  # the process's first request: reads them all
    checks = []
    for _ in range(2000):
        start = time.perf_counter()
        layer.refresh()
        checks.append(time.perf_counter() - start)
    print(f"per-request check, nothing changed ({cache}): median {statistics.median(checks) * 1e6:.0f} µs")

    reloads = []
    for _ in range(10):
        start = time.perf_counter()
        layer.publish()  # what a process does when the revision moved: read every correction, swap them in
        reloads.append(time.perf_counter() - start)
    print(f"taking up a new revision, {count:,} corrections: median {statistics.median(reloads) * 1000:.1f} ms")


def psql(sql: str) -> None:
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c", sql], check=True, capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corrections", type=int, default=1000)
    parser.add_argument("--phase", choices=["run"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase == "run":
        run(args.corrections)
        return
    env = _environment()
    psql(f"DROP DATABASE IF EXISTS {DB}")
    psql(f"CREATE DATABASE {DB}")
    try:
        subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        me = [sys.executable, str(Path(__file__).resolve())]
        subprocess.run([*me, "--phase", "run", "--corrections", str(args.corrections)], cwd=ROOT, env=env, check=True)
    finally:
        psql(f"DROP DATABASE IF EXISTS {DB}")


if __name__ == "__main__":
    main()
