"""Shared helpers for the vote-counting tests: real-data location, pabutools bridge, builders."""

from __future__ import annotations

import json
import os
from fractions import Fraction
from pathlib import Path

import pytest

from commissioning.voting import APPROVAL, Ballot, Election, Project
from commissioning.voting.reference import pabutools_outcome

__all__ = ["pabutools_outcome"]

REPO_ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pabulib_dir() -> Path:
    """Real Pabulib files: $PABULIB_DIR, else shared/pabulib beside the repository."""
    return Path(os.environ.get("PABULIB_DIR") or REPO_ROOT / ".." / "shared" / "pabulib").resolve()


def expected_outcomes() -> dict[str, dict]:
    path = pabulib_dir() / "expected.json"
    return json.loads(path.read_text(encoding="utf-8"))["files"] if path.exists() else {}


requires_real_data = pytest.mark.skipif(
    not (pabulib_dir() / "expected.json").exists(),
    reason=f"real Pabulib files not found at {pabulib_dir()} (set PABULIB_DIR to run these)",
)


def election(
    costs: dict[str, int],
    votes: list[str] | list[tuple[str, ...]],
    budget: int,
    vote_type: str = APPROVAL,
    points: list[tuple[int, ...]] | None = None,
    max_rank: int | None = None,
) -> Election:
    """Build an election quickly: votes as "a,b" strings or tuples of ids."""
    projects = tuple(Project(pid, Fraction(cost), f"Priority {pid}") for pid, cost in costs.items())
    ballots = []
    for i, vote in enumerate(votes):
        ids = tuple(p for p in vote.split(",") if p) if isinstance(vote, str) else tuple(vote)
        pts = tuple(Fraction(x) for x in points[i]) if points else ()
        ballots.append(Ballot(f"v{i}", ids, pts))
    meta = {
        "description": "test",
        "country": "UK",
        "unit": "Testville",
        "instance": "2025",
        "rule": "mes",
    }
    return Election(projects, tuple(ballots), Fraction(budget), vote_type, meta, max_rank)
