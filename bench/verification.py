"""Benchmark: register matching against a large extract, and voting codes with their letters.

Run by hand (needs PostgreSQL on 127.0.0.1:5432; creates and afterwards drops `coop_verify_bench`):

    .venv/bin/python bench/verification.py [--rows 300000] [--matches 2000] [--codes 100000] [--only register|letters]

Prints: the import time of a register extract of --rows rows, the time of each resident's match
(p50, p95, max: the issue asks under 50 ms), and a whole print run of --codes voting codes and their
letters, made as the Celery task makes it (`services.letter_run_make`: the letter laid out once with
WeasyPrint, then a file of VOTING_LETTERS_PER_FILE letters at a time: codes made, stamped, written
to storage, hashes stored), with its time, the peak Python memory (tracemalloc) and the growth of
the process's peak resident memory (which also counts WeasyPrint's C libraries), then checks that
every file holds one code a page and that codes read off the letters redeem.
"""

import argparse
import contextlib
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DB = "coop_verify_bench"
sys.path.insert(0, str(ROOT))
os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB}",
        "DEBUG": "1",
        "REDIS_URL": "",
        "VOTING_CODE_BATCH_MAX": "1000000",
        "VOTING_CODE_PRINT_RUN_MAX": "1000000",
    }
)

SURNAMES = ["Smith", "Jones", "Okafor", "Mensah", "Silva", "Khan", "Begum", "Adeyemi", "Murphy", "Brown"]


def _row(n: int, wards: list[str]) -> tuple[str, date, str, str]:
    rng = random.Random(n)
    surname = f"{rng.choice(SURNAMES)}{chr(97 + n % 26)}{chr(97 + n // 26 % 26)}{chr(97 + n // 676 % 26)}"
    born = date(1930, 1, 1) + timedelta(days=rng.randrange(80 * 365))
    postcode = (
        f"SW{rng.randrange(1, 20)} {rng.randrange(1, 10)}{chr(65 + rng.randrange(26))}{chr(65 + rng.randrange(26))}"
    )
    return surname, born, postcode, wards[n % len(wards)]


def _lines(rows: int, wards: list[str]):
    yield "surname,date_of_birth,postcode,ward\n"
    for n in range(rows):
        surname, born, postcode, ward = _row(n, wards)
        yield f"{surname},{born:%d/%m/%Y},{postcode},{ward}\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=300_000)
    parser.add_argument("--matches", type=int, default=2000)
    parser.add_argument("--codes", type=int, default=100_000)
    parser.add_argument("--only", choices=["register", "letters"])
    args = parser.parse_args()

    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", DB], check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DB], check=True)
    try:
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        _run(args)
    finally:
        from django.db import connections

        connections.close_all()
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", DB], check=True)


def _run(args) -> None:
    from accounts.models import User
    from citizens.models import Ward
    from core.errors import DomainError
    from verification import services

    wards = [Ward.objects.create(name=f"Ward {i}", slug=f"ward-{i}") for i in range(25)]
    officer = User.objects.create_user("officer@bench.example", role="officer")
    if args.only == "letters":
        _print_run(args, officer, wards[0])
        return
    residents = [User.objects.create_user(f"r{i}@bench.example") for i in range(args.matches)]

    started = time.perf_counter()
    extract = services.register_extract_import(
        officer=officer, source="electoral", lines=_lines(args.rows, [w.name for w in wards]), retention_days=30
    )
    took = time.perf_counter() - started
    print(f"register import: {extract.entries_kept:,} of {extract.rows_read:,} rows in {took:.1f} s")

    from django.conf import settings
    from django.utils import timezone

    from verification import selectors
    from verification.identity import person_key

    lookups = []
    for i in range(args.matches):  # the match alone: key the details, find the entry (what a resident waits for)
        n = random.Random(i).randrange(args.rows) if i % 2 == 0 else args.rows + i
        surname, born, postcode, _ward = _row(n, [w.name for w in wards])
        t = time.perf_counter()
        key = person_key(secret=settings.VERIFICATION_SECRET, surname=surname, date_of_birth=born, postcode=postcode)
        selectors.register_entry_for(key, now=timezone.now())
        lookups.append((time.perf_counter() - t) * 1000)
    lookups.sort()
    print(
        f"register lookup ({len(lookups):,}): p50 {statistics.median(lookups):.1f} ms, "
        f"p95 {lookups[int(len(lookups) * 0.95)]:.1f} ms, max {lookups[-1]:.1f} ms"
    )

    timings = []  # the whole verification: lookup, row lock, verification, profile and audit rows
    for i, resident in enumerate(residents):
        n = random.Random(i).randrange(args.rows) if i % 2 == 0 else args.rows + i  # half match, half do not
        surname, born, postcode, _ward = _row(n, [w.name for w in wards])
        t = time.perf_counter()
        with contextlib.suppress(DomainError):  # the half that is not on the register
            services.register_match(user=resident, surname=surname, date_of_birth=born, postcode=postcode)
        timings.append((time.perf_counter() - t) * 1000)
    timings.sort()
    print(
        f"register match ({len(timings):,}, half matching): p50 {statistics.median(timings):.1f} ms, "
        f"p95 {timings[int(len(timings) * 0.95)]:.1f} ms, max {timings[-1]:.1f} ms"
    )

    if args.only != "register":
        _print_run(args, officer, wards[0])


def _print_run(args, officer, ward) -> None:
    import re

    from django.conf import settings
    from pypdf import PdfReader

    from accounts.models import User
    from verification import services
    from verification.models import LetterRun, VotingCode

    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="letters-")
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    cpu_started = time.process_time()
    started = time.perf_counter()
    run = services.letter_run_request(officer=officer, size=args.codes, language="en-gb", ward=ward, large_print=True)
    services.letter_run_make(run_id=run.pk)
    took = time.perf_counter() - started
    cpu = time.process_time() - cpu_started  # this process only: on a shared machine the wall time is not ours
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    run.refresh_from_db()
    files = sorted(Path(settings.MEDIA_ROOT).rglob("*.pdf"))
    size = sum(f.stat().st_size for f in files)
    print(
        f"print run: {run.letters_done:,} codes and large-print letters in {len(files)} files "
        f"({size / 2**20:.0f} MiB) in {took:.1f} s ({run.letters_done / took:.0f} a second; {cpu:.0f} s of CPU "
        f"in this process, PostgreSQL's apart, at load average {os.getloadavg()[0]:.1f}); "
        f"peak Python memory {peak / 2**20:.0f} MiB; the process's peak resident memory "
        f"{rss_after / 1024:.0f} MiB (it was {rss_before / 1024:.0f} MiB before the run)"
    )
    assert run.status == LetterRun.Status.DONE
    assert VotingCode.objects.filter(batch=run.batch).count() == args.codes

    started = time.perf_counter()
    pattern = re.compile(r"\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b")
    first, last = PdfReader(files[0]), PdfReader(files[-1])
    sample = [first.pages[0], first.pages[-1], last.pages[-1]]
    read = [pattern.findall(page.extract_text()) for page in sample]
    assert all(len(codes) == 1 for codes in read), read
    pages = sum(len(PdfReader(f).pages) for f in files)
    assert pages == args.codes, pages
    for n, codes in enumerate(read):
        services.code_redeem(user=User.objects.create_user(f"letter{n}@bench.example"), code=codes[0])
    print(
        f"checked: {pages:,} pages in the files; first and last letters read back one code each, "
        f"and those codes verified residents ({time.perf_counter() - started:.1f} s)"
    )
    services.letter_run_delete(run_id=run.pk)


if __name__ == "__main__":
    main()
