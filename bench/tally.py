"""Benchmark: our greedy and MES against pabutools 1.2.3 (run by hand, not a test).

    python bench/tally.py [--files NAME ...] [--skip-paris] [--pabutools-limit 30]

Every measurement runs in a fresh subprocess so its peak memory (max RSS) is its own. pabutools
is only re-run where expected.json records under --pabutools-limit seconds; elsewhere its
recorded time is quoted and marked "recorded". The Paris-sized election is synthetic (seeded):
215,000 approval ballots over 200 projects.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import resource
import sys
import time
from fractions import Fraction
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from commissioning.voting import APPROVAL, Ballot, Election, Project, read_pabulib, tally  # noqa: E402

PARIS_SEED = 2026


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


def _measure(job: tuple[str, str, str], queue: mp.Queue) -> None:
    source, engine, rule = job
    election = paris_sized() if source == "paris" else read_pabulib(pabulib_dir() / source)
    start = time.perf_counter()
    if engine == "ours":
        result = tally(election, rule)
        funded, details = sorted(result.funded), dict(result.details)
    else:
        from commissioning.voting.reference import pabutools_outcome

        funded, details = sorted(pabutools_outcome(election, rule)), {}
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put({"seconds": seconds, "peak_mb": peak_mb, "funded": funded, "details": details})


def measure(source: str, engine: str, rule: str) -> dict:
    queue: mp.Queue = mp.get_context("fork").Queue()
    process = mp.get_context("fork").Process(target=_measure, args=((source, engine, rule), queue))
    process.start()
    result = queue.get()
    process.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", nargs="*", help="only these .pb names")
    parser.add_argument("--skip-paris", action="store_true")
    parser.add_argument("--pabutools-limit", type=float, default=30.0)
    args = parser.parse_args()
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
    if not args.skip_paris:
        for rule in ("greedy", "mes"):
            ours = measure("paris", "ours", rule)
            extra = ""
            if rule == "mes":
                d = ours["details"]
                extra = f"  [{d['runs']} runs, {d['exact_runs']} exact, {len(ours['funded'])} funded]"
            label = "synthetic Paris-sized (215k voters, 200 p.)"
            print(
                f"{label:42} {rule:6} {ours['seconds']:8.3f} {ours['peak_mb']:8.0f} "
                f"{'not run':>12} {'':>9}  (pabutools would take hours){extra}"
            )
    print("\n'li' = pabutools re-run here; 're' = its time recorded in expected.json (not re-run).")
    print("peak MB = the measuring process's max RSS, including reading the file.")


if __name__ == "__main__":
    main()
