"""Record Add1 by single steps (the test oracle) on shared files where it takes minutes.

    python bench/record_stepping.py [NAME.pb ...]

Runs `reference.equal_shares_stepping` (one currency unit per resident per run, the plain
definition of Add1) on each named file in the Pabulib folder and writes its result into
tests/voting/fixtures/add1_stepping.json: the funded ids in order, the increments, the final
share, why it stopped, the number of runs and the seconds (CPU and wall) it took. The test
`test_jumping_add1_equals_stepping_add1_on_every_shared_file` compares the jumping completion
with these records on the files too slow to step through in a test. Each file is written as
soon as it is done, so an interrupted recording keeps what it finished. Without names it
records again the files already recorded there.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from bench.tally import RECORDED_STEPPING, pabulib_dir  # noqa: E402
from commissioning.voting import read_pabulib  # noqa: E402
from commissioning.voting.mes import ADD1  # noqa: E402
from commissioning.voting.profile import compile_election  # noqa: E402
from commissioning.voting.reference import equal_shares_stepping  # noqa: E402


def record(name: str) -> dict:
    profile = compile_election(read_pabulib(pabulib_dir() / name))
    start, cpu_start = time.perf_counter(), time.process_time()
    outcome = equal_shares_stepping(profile, ADD1)
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=REPO_ROOT, capture_output=True, text=True, check=False
    ).stdout.strip()
    return {
        "funded": [profile.ids[p] for p in outcome.run.funded],
        "increments": outcome.increments,
        "share": str(outcome.run.share),
        "stop": outcome.stop,
        "stepping_runs": outcome.runs,
        "stepping_seconds": round(time.perf_counter() - start, 1),
        "stepping_cpu_seconds": round(time.process_time() - cpu_start, 1),
        "recorded_with": f"bench/record_stepping.py, reference.equal_shares_stepping at commit {commit}",
    }


def main() -> None:
    names = sys.argv[1:]
    if not names and RECORDED_STEPPING.exists():
        names = sorted(json.loads(RECORDED_STEPPING.read_text(encoding="utf-8")))
    for name in names:
        result = record(name)
        recorded = json.loads(RECORDED_STEPPING.read_text(encoding="utf-8")) if RECORDED_STEPPING.exists() else {}
        recorded[name] = result
        RECORDED_STEPPING.write_text(json.dumps(recorded, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"{name}: {result['stepping_runs']} runs, {result['stepping_cpu_seconds']} s CPU", flush=True)


if __name__ == "__main__":
    main()
