"""Benchmark: greedy and MES on every shared .pb file, and a Paris-sized election (by hand).

    python bench/tally.py [--files NAME ...] [--skip-paris] [--stepping-limit 60] [--pabutools]
    python bench/tally.py --larger

For every `.pb` in the Pabulib folder: greedy and MES seconds with the process start excluded
(counting only, in a forked process: wall and CPU seconds, time.process_time) and included
(`python -m commissioning.voting FILE`, wall clock), and the number of MES runs the Add1
completion needed: stepping one unit at a time (`reference.equal_shares_stepping`) beside
jumping (`mes.equal_shares`). Stepping is stopped after --stepping-limit seconds; then its
result recorded in tests/voting/fixtures/add1_stepping.json (by bench/record_stepping.py) is
shown, or "-". With --pabutools the old comparison with pabutools 1.2.3 runs as well.

numba and the compiled runs are loaded once, in the parent, before the measuring processes are
forked (as numpy is imported): the time that takes is printed first, and is part of the
"process start included" column.

The Paris-sized election is synthetic (seeded): 215,000 approval ballots over 200 projects,
costs log-normal (median about 270,000, from 10,000 to 5,000,000), popularity drawn from a
Dirichlet distribution (a few projects approved by a quarter of the voters, most by a few
percent), each ballot approving 1 to 10 projects, budget 30% of the total cost. It is
generated once, before the measuring processes are forked. Its peak memory is shown twice:
what the count itself allocates at most (tracemalloc, in a separate run, since tracing slows
the count) and the measuring process's max RSS (which includes the 215,000 ballots).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import queue as queues
import resource
import subprocess
import sys
import time
from fractions import Fraction
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from commissioning.voting import APPROVAL, Ballot, Election, Project, read_pabulib, tally  # noqa: E402

PARIS_SEED = 2026
_PARIS: list = []  # the Paris-sized election, made once in the parent before forking


def pabulib_dir() -> Path:
    return Path(os.environ.get("PABULIB_DIR") or REPO_ROOT / ".." / "shared" / "pabulib").resolve()


def paris_sized(voters: int = 215_000, projects: int = 200, seed: int = PARIS_SEED) -> Election:
    """A synthetic city-wide approval vote: skewed popularity, 1-10 approvals per ballot."""
    import numpy as np

    rng = np.random.default_rng(seed)
    costs = np.round(rng.lognormal(mean=12.5, sigma=0.9, size=projects), -3).clip(10_000, 5_000_000)
    popularity = rng.dirichlet(np.full(projects, 0.6))
    sizes = rng.integers(1, 11, size=voters)
    ids = [str(i + 1) for i in range(projects)]
    ballots = []
    for v, size in enumerate(sizes):
        picks = rng.choice(projects, size=int(size), replace=False, p=popularity)
        ballots.append(Ballot(f"v{v}", tuple(ids[i] for i in sorted(picks))))
    items = tuple(Project(pid, Fraction(int(c))) for pid, c in zip(ids, costs, strict=True))
    budget = Fraction(int(costs.sum() * 0.3))
    return Election(items, tuple(ballots), budget, APPROVAL, {"description": "synthetic Paris-sized"})


RECORDED_STEPPING = REPO_ROOT / "tests" / "voting" / "fixtures" / "add1_stepping.json"


def paris_election() -> Election:
    if not _PARIS:
        _PARIS.append(paris_sized())
    return _PARIS[0]


def _measure(job: tuple[str, str, str], queue: mp.Queue) -> None:
    source, engine, rule = job
    election = paris_election() if source == "paris" else read_pabulib(pabulib_dir() / source)
    traced = engine == "traced"
    if traced:
        import tracemalloc

        tracemalloc.start()
        engine = "ours"
    start, cpu_start = time.perf_counter(), time.process_time()
    if engine == "stepping":
        from commissioning.voting.profile import compile_election
        from commissioning.voting.reference import equal_shares_stepping

        profile = compile_election(election)
        outcome = equal_shares_stepping(profile)
        funded, details = sorted(profile.ids[p] for p in outcome.run.funded), {"runs": outcome.runs}
    elif engine == "ours":
        result = tally(election, rule)
        funded, details = sorted(result.funded), dict(result.details)
    else:
        from commissioning.voting.reference import pabutools_outcome

        funded, details = sorted(pabutools_outcome(election, rule)), {}
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    traced_mb = tracemalloc.get_traced_memory()[1] / 2**20 if traced else 0.0
    queue.put(
        {
            "seconds": seconds,
            "cpu": cpu,
            "peak_mb": peak_mb,
            "traced_mb": traced_mb,
            "funded": funded,
            "details": details,
        }
    )


def measure(source: str, engine: str, rule: str, limit: float | None = None) -> dict:
    """One measurement in a forked process; after `limit` seconds it is stopped, seconds = inf."""
    queue: mp.Queue = mp.get_context("fork").Queue()
    process = mp.get_context("fork").Process(target=_measure, args=((source, engine, rule), queue))
    process.start()
    try:
        result = queue.get(timeout=limit)
    except queues.Empty:
        process.terminate()
        result = {"seconds": float("inf"), "cpu": float("inf"), "peak_mb": 0.0, "funded": []}
        result["details"] = {"runs": "\u2014", "exact_runs": "\u2014"}
    process.join()
    return result


def with_process_start(name: str, rule: str, limit: float) -> float:
    """Wall-clock seconds of `python -m commissioning.voting FILE --rule RULE --json` (inf if it
    takes longer than `limit`)."""
    command = [sys.executable, "-m", "commissioning.voting", str(pabulib_dir() / name), "--rule", rule, "--json"]
    start = time.perf_counter()
    try:
        subprocess.run(command, cwd=REPO_ROOT, check=True, capture_output=True, timeout=limit)
    except subprocess.TimeoutExpired:
        return float("inf")
    return time.perf_counter() - start


def load_kernels() -> None:
    """Import numba and load the compiled runs (compiling them if numba's cache has none) in
    this process, before any measuring process is forked from it: like importing numpy, that
    is part of a process's start, which the "process start included" column shows."""
    started = time.perf_counter()
    from commissioning.voting import kernel

    imported = time.perf_counter()
    kernel.warm()
    print(
        f"numba and the kernels imported in {imported - started:.2f} s, runs loaded (or compiled) in"
        f" {time.perf_counter() - imported:.2f} s: once per process, before the first count"
    )


def every_file(args: argparse.Namespace) -> None:
    recorded = json.loads(RECORDED_STEPPING.read_text(encoding="utf-8")) if RECORDED_STEPPING.exists() else {}
    names = args.files or sorted(p.name for p in pabulib_dir().glob("*.pb"))
    print(f"load average at start: {' '.join(f'{x:.1f}' for x in os.getloadavg())} ({os.cpu_count()} cores)")
    header = (
        f"{'election':44} {'greedy s':>8} {'cpu s':>6} {'+start':>7} {'MES s':>7} {'cpu s':>6} {'+start':>7}"
        f" {'runs step':>10} {'runs jump':>9} {'step cpu':>8}  same"
    )
    print(header)
    print("-" * len(header))
    worst = ("", 0.0, 0.0)
    for name in names:
        greedy = measure(name, "ours", "greedy")
        greedy_started = with_process_start(name, "greedy", args.mes_limit)
        mes = measure(name, "ours", "mes", limit=args.mes_limit)
        started = with_process_start(name, "mes", args.mes_limit) if mes["seconds"] < args.mes_limit else float("inf")
        worst = max(worst, (name, mes["seconds"], mes["cpu"]), key=lambda w: w[2])
        stepping = None
        if args.stepping_limit > 0:
            stepping = measure(name, "stepping", "mes", limit=args.stepping_limit)
            if stepping["seconds"] == float("inf"):
                stepping = None
        if stepping is not None:
            step_runs, step_s = str(stepping["details"]["runs"]), f"{stepping['cpu']:.2f}"
            same = "yes" if stepping["funded"] == mes["funded"] else "NO"
        else:
            old = recorded.get(name)
            step_runs = f"{old['stepping_runs']}r" if old else "\u2014"
            step_s = f"{old.get('stepping_cpu_seconds', old['stepping_seconds']):.1f}r" if old else "\u2014"
            same = ("yes" if sorted(old["funded"]) == mes["funded"] else "NO") if old else "\u2014"
        if mes["seconds"] == float("inf"):  # stopped at --mes-limit: nothing to compare
            same = "\u2014"
        print(
            f"{name[:44]:44} {greedy['seconds']:8.3f} {greedy['cpu']:6.2f} {greedy_started:7.3f} {mes['seconds']:7.3f}"
            f" {mes['cpu']:6.2f} {started:7.3f}"
            f" {step_runs:>10} {mes['details']['runs']:>9} {step_s:>8}  {same}",
            flush=True,
        )
    print(f"\nslowest MES by CPU (process start excluded): {worst[0]} {worst[2]:.2f} s CPU, {worst[1]:.2f} s wall")
    print(
        "+start = the same count with process start included (python -m commissioning.voting FILE --json);\n"
        "cpu s = the count's CPU seconds (less affected by other work on the machine than wall seconds).\n"
        "step cpu = stepping's CPU seconds (wall seconds where only those were recorded);\n"
        "'r' = stepping's runs and seconds recorded in tests/voting/fixtures/add1_stepping.json, not re-run;\n"
        f"\u2014 = stepping not run here (over --stepping-limit {args.stepping_limit:g} s) and not recorded."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", nargs="*", help="only these .pb names")
    parser.add_argument("--skip-paris", action="store_true")
    parser.add_argument("--stepping-limit", type=float, default=60.0, help="stop stepping after this; 0 skips it")
    parser.add_argument("--mes-limit", type=float, default=60.0, help="stop a MES count after this many seconds")
    parser.add_argument("--pabutools", action="store_true", help="also compare with pabutools 1.2.3")
    parser.add_argument("--pabutools-limit", type=float, default=30.0)
    parser.add_argument("--larger", action="store_true", help="only the larger synthetic elections (see LARGER)")
    args = parser.parse_args()
    load_kernels()
    if args.larger:
        larger()
        return
    every_file(args)
    if not args.skip_paris:
        paris()
    if args.pabutools:
        against_pabutools(args)


def paris() -> None:
    print()
    made = time.perf_counter()
    election = paris_election()
    made = time.perf_counter() - made
    groups = len({frozenset(b.vote) for b in election.ballots})
    print(
        f"synthetic Paris-sized: {len(election.ballots):,} voters ({groups:,} distinct ballots), "
        f"{len(election.projects)} projects, budget {election.budget}, made in {made:.1f} s"
    )
    for rule in ("greedy", "mes"):
        ours = measure("paris", "ours", rule)
        traced = measure("paris", "traced", rule)
        extra = ""
        if rule == "mes":
            d = ours["details"]
            extra = f"  [{d['runs']} runs, {d['exact_runs']} exact, {len(ours['funded'])} funded]"
        label = "synthetic Paris-sized (215k voters, 200 p.)"
        timing = f"{ours['seconds']:8.3f} s ({ours['cpu']:.2f} s CPU)"
        memory = f"count allocates at most {traced['traced_mb']:.0f} MB, process max RSS {ours['peak_mb']:.0f} MB"
        print(f"{label:44} {rule:6} {timing}  {memory}{extra}")


# (voters, projects, seed, costs and budget multiplied by): synthetic elections larger or harder
# than the shared files, in docs/voting.md.
LARGER = (
    (100_000, 100, 1, 1),
    (50_000, 150, 2, 1),
    (30_000, 300, 8, 1),
    (20_000, 60, 3, 100),
    (2_000, 200, 7, 1),
    (5_000, 300, 5, 1),
    (10_000, 500, 6, 1),
    (5_000, 300, 5, 100),
)


def larger() -> None:
    print(f"{'voters x projects':>20} {'budget in':>10} {'wall s':>7} {'CPU s':>6} {'runs':>6} {'steps':>8}")
    for voters, projects, seed, scale in LARGER:
        election = paris_sized(voters, projects, seed)
        if scale != 1:
            dearer = tuple(Project(p.id, p.cost * scale) for p in election.projects)
            election = Election(dearer, election.ballots, election.budget * scale, election.vote_type, election.meta)
        started, cpu = time.perf_counter(), time.process_time()
        details = tally(election, "mes").details
        unit = "units" if scale == 1 else f"1/{scale}"
        print(
            f"{voters:>10,} x {projects:>5} {unit:>10} {time.perf_counter() - started:7.2f}"
            f" {time.process_time() - cpu:6.2f} {details['runs']:>6} {details['share_increments']:>8,}",
            flush=True,
        )


def against_pabutools(args: argparse.Namespace) -> None:
    print()
    expected = json.loads((pabulib_dir() / "expected.json").read_text(encoding="utf-8"))["files"]
    names = args.files or sorted(expected)
    columns = f"{'ours s':>8} {'peak MB':>8} {'pabutools s':>12} {'speed-up':>9}"
    header = f"{'election':42} {'rule':6} {columns}  same funded set"
    print(header)
    print("-" * len(header))
    for name in names:
        exp = expected[name]
        for rule in ("greedy", "mes"):
            if rule not in exp:
                why = exp.get("mes_omitted", "no reference")
                print(f"{name[:42]:42} {rule:6} {'-':>8} {'':>8} {'-':>12} {'':>9}  ({why})")
                continue
            ours = measure(name, "ours", rule)
            recorded = exp[f"seconds_{rule}"]
            if recorded <= args.pabutools_limit:
                theirs = measure(name, "pabutools", rule)
                their_seconds, note = theirs["seconds"], "live"
                same = ours["funded"] == theirs["funded"] == sorted(exp[rule])
            else:
                their_seconds, note = recorded, "recorded"
                same = ours["funded"] == sorted(exp[rule])
            extra = ""
            if rule == "mes":
                d = ours["details"]
                extra = f"  [{d['runs']} runs, {d['exact_runs']} exact]"
            print(
                f"{name[:42]:42} {rule:6} {ours['seconds']:8.3f} {ours['peak_mb']:8.0f} "
                f"{their_seconds:9.3f} {note[:2]} {their_seconds / ours['seconds']:8.0f}x  "
                f"{'yes' if same else 'NO'}{extra}"
            )
    print("\n'li' = pabutools re-run here; 're' = its time recorded in expected.json (not re-run).")
    print("peak MB = the measuring process's max RSS, including reading the file.")


if __name__ == "__main__":
    main()
