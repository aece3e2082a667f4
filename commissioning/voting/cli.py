"""Command line: `python -m commissioning.voting FILE.pb --rule mes [--json]`.

The Django `manage.py tally` command reuses `add_arguments` and `count_file`, so both print the
same thing and neither holds any counting logic.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

from .election import Election
from .explain import TIE_BREAK_RULE_TEXT, display_money, money, score
from .pabulib import PabulibFormatError, PabulibRepeatWarning, read_pabulib
from .result import TallyResult
from .rules import DEFAULT_RULE, RULE_DESCRIPTIONS, RULES, tally


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments shared by the module entry point and the management command."""
    parser.add_argument("file", help="Pabulib .pb file to count")
    parser.add_argument(
        "--rule",
        choices=RULES,
        default=DEFAULT_RULE,
        help="counting rule (default: %(default)s); "
        + "; ".join(f"{name}: {text}" for name, text in RULE_DESCRIPTIONS.items()),
    )
    parser.add_argument("--json", action="store_true", help="print a JSON summary only")


def count_file(path: str | Path, rule: str, as_json: bool, warn: Callable[[str], None] | None = None) -> str:
    """Read, count and render; raises PabulibFormatError, OSError or ValueError.

    Each line the reader had to read leniently (a repeated project) is passed to `warn`, by
    default printed on standard error, naming the file and the line."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", PabulibRepeatWarning)
        election = read_pabulib(path)
    for warning in caught:
        text = f"warning: {path}: {warning.message}"
        (warn or (lambda line: print(line, file=sys.stderr)))(text)
    result = tally(election, rule)
    return render_json(result) if as_json else render_table(result, election)


def error_message(path: str | Path, exc: Exception) -> str:
    """One line that names the file and, for format errors, the line."""
    if isinstance(exc, OSError):
        return f"{path}: cannot read the file ({exc.strerror or exc})"
    return f"{path}: {exc}"


def render_json(result: TallyResult) -> str:
    summary = {
        "rule": result.rule,
        "funded": list(result.funded),
        "spent": money(result.spent),
        "budget": money(result.budget),
    }
    return json.dumps(summary, ensure_ascii=False)


def render_table(result: TallyResult, election: Election) -> str:
    """A readable report: funded priorities in funding order, then the rest by support."""
    names = {p.id: p.name for p in election.projects}
    costs = {p.id: p.cost for p in election.projects}
    rest = sorted(
        (pid for pid in names if pid not in result.funded_set),
        key=lambda pid: (-result.support[pid], pid),
    )
    width = max([len("Priority"), *(len(pid) for pid in names)])
    lines = [
        f"Rule: {result.rule} - {RULE_DESCRIPTIONS[result.rule]}",
        f"Budget {display_money(money(result.budget))}, spent {display_money(money(result.spent))}"
        f", left {display_money(money(result.left_over))}; {result.ballots} ballots, "
        f"{len(result.funded)} of {len(names)} priorities funded",
        "",
        f"{'#':>3}  {'Priority':<{width}}  {'Cost':>14}  {'Support':>9}  Reason",
    ]
    for number, pid in enumerate([*result.funded, *rest], start=1):
        rank = str(number) if pid in result.funded_set else "-"
        cost = display_money(money(costs[pid]))
        lines.append(
            f"{rank:>3}  {pid:<{width}}  {cost:>14}  {score(result.support[pid]):>9}  {result.explanations[pid].text}"
        )
        if names[pid]:
            lines.append(f"{'':>3}  {'':<{width}}  {names[pid][:90]}")
    completion = result.details.get("completion")
    if completion:
        lines += ["", "Equal shares: " + completion["text"]]
    lines += ["", "Ties: " + TIE_BREAK_RULE_TEXT]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m commissioning.voting", description="Count a participatory budget.")
    add_arguments(parser)
    args = parser.parse_args(argv)
    try:
        print(count_file(args.file, args.rule, args.json))
    except (PabulibFormatError, OSError, ValueError) as exc:
        print(f"error: {error_message(args.file, exc)}", file=sys.stderr)
        return 2
    return 0
