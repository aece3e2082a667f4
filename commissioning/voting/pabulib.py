"""Read and write Pabulib (.pb) files: the open format of participatory-budgeting elections.

Format (Stolicki, Szufa, Talmon, "Pabulib: A Participatory Budgeting Library", arXiv:2012.06539,
and pabutools' parser): three sections, META, PROJECTS and VOTES, each a section-name line then a
header line then `;`-separated rows with CSV quoting. Ids are strings ("05" is not "5"). The
reader is stricter than pabutools: a malformed file stops with PabulibFormatError naming the line,
because a silently mis-read ballot file would change a published result. One exception, read
as pabutools reads it: a vote naming the same project twice (22 public Pabulib files do) counts
it once, at its first place, with a PabulibRepeatWarning naming the line.
"""

from __future__ import annotations

import csv
import io
import warnings
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path
from typing import Any

from .election import APPROVAL, CUMULATIVE, ORDINAL, Ballot, Election, Project
from .explain import exact_decimal

SECTIONS = ("meta", "projects", "votes")
REQUIRED_META = (
    "description",
    "country",
    "unit",
    "instance",
    "num_projects",
    "num_votes",
    "budget",
    "vote_type",
    "rule",
)
# Keys the reader turns into Election fields; the writer recomputes them from the election.
_DERIVED_META = ("num_projects", "num_votes", "budget", "vote_type")
_VOTE_TYPE_ALIASES = {"choose-1": APPROVAL}


class PabulibFormatError(ValueError):
    """A .pb file that cannot be read; `line` is the 1-based line number (0 when unknown)."""

    def __init__(self, message: str, line: int = 0) -> None:
        self.line = line
        self.reason = message
        super().__init__(f"line {line}: {message}" if line else message)


class PabulibRepeatWarning(UserWarning):
    """A vote named a project twice; read as pabutools reads it. `line` is 1-based."""

    def __init__(self, message: str, line: int) -> None:
        self.line = line
        super().__init__(f"line {line}: {message}")


def parse_number(text: str, line: int, what: str) -> Fraction:
    """Read a decimal number exactly ("1,5" is accepted as in pabutools)."""
    try:
        value = Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        raise PabulibFormatError(f"{what} {text!r} is not a number", line) from None
    if not value.is_finite():
        raise PabulibFormatError(f"{what} {text!r} is not a finite number", line)
    return Fraction(value)


def read_pabulib(path: str | Path) -> Election:
    """Read a .pb file (UTF-8, optional BOM, CRLF or LF line ends)."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PabulibFormatError(f"the file is not UTF-8 text ({exc.reason})") from None
    return parse_pabulib(text)


def parse_pabulib(text: str) -> Election:
    """Parse the text of a .pb file into an Election."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=";")
    meta: dict[str, str] = {}
    meta_line = 0
    project_rows: list[tuple[int, dict[str, str]]] = []
    vote_rows: list[tuple[int, dict[str, str]]] = []
    section = ""
    header: list[str] = []
    seen: list[str] = []
    for row in reader:
        line = reader.line_num
        if not row or all(not cell.strip() for cell in row):
            continue
        first = row[0].strip().lower()
        if first in SECTIONS and len([c for c in row if c.strip()]) == 1:
            expected = SECTIONS[len(seen)] if len(seen) < len(SECTIONS) else None
            if first != expected:
                raise PabulibFormatError(
                    f"section {first.upper()} out of place; sections must be META, PROJECTS, "
                    "VOTES in that order, once each",
                    line,
                )
            seen.append(first)
            section = first
            header = _read_header(reader, first)
            if section == "meta":
                meta_line = line
            continue
        if not section:
            raise PabulibFormatError("the file must start with a META section", line)
        if section == "meta":
            if len(row) < 2:
                raise PabulibFormatError("a META row needs a key and a value", line)
            key = row[0].strip()
            if key in meta:
                raise PabulibFormatError(f"META key {key!r} appears twice", line)
            meta[key] = row[1].strip()
            continue
        if len(row) != len(header):
            raise PabulibFormatError(
                f"{section.upper()} row has {len(row)} fields but the header has {len(header)}",
                line,
            )
        values = {key: cell.strip() for key, cell in zip(header, row, strict=True)}
        (project_rows if section == "projects" else vote_rows).append((line, values))
    if seen != list(SECTIONS):
        missing = [s.upper() for s in SECTIONS if s not in seen]
        raise PabulibFormatError(f"missing section(s): {', '.join(missing)}", reader.line_num)
    return _build(meta, meta_line, project_rows, vote_rows)


def _read_header(reader: Any, section: str) -> list[str]:
    header = [cell.strip() for cell in next(reader, [])]
    line = reader.line_num
    needed = {"meta": ("key",), "projects": ("project_id", "cost"), "votes": ("voter_id", "vote")}
    for column in needed[section]:
        if column not in header:
            raise PabulibFormatError(f"the {section.upper()} header must have a {column!r} column", line)
    if len(set(header)) != len(header):
        raise PabulibFormatError(f"the {section.upper()} header repeats a column", line)
    return header


def _build(
    meta: dict[str, str],
    meta_line: int,
    project_rows: list[tuple[int, dict[str, str]]],
    vote_rows: list[tuple[int, dict[str, str]]],
) -> Election:
    missing = [key for key in REQUIRED_META if not meta.get(key)]
    if missing:
        raise PabulibFormatError(f"META lacks required key(s): {', '.join(missing)}", meta_line)
    vote_type = _VOTE_TYPE_ALIASES.get(meta["vote_type"], meta["vote_type"])
    if vote_type not in (APPROVAL, CUMULATIVE, ORDINAL):
        raise PabulibFormatError(
            f"vote_type {meta['vote_type']!r} is not supported (approval, cumulative, ordinal)",
            meta_line,
        )
    budget = parse_number(meta["budget"], meta_line, "budget")
    if budget <= 0:
        raise PabulibFormatError("budget must be positive", meta_line)

    projects: list[Project] = []
    known: set[str] = set()
    for line, values in project_rows:
        pid = values["project_id"]
        if not pid:
            raise PabulibFormatError("empty project_id", line)
        if pid in known:
            raise PabulibFormatError(f"project_id {pid!r} appears twice", line)
        cost = parse_number(values["cost"], line, "cost")
        if cost < 0:
            raise PabulibFormatError(f"cost of project {pid!r} is negative", line)
        known.add(pid)
        extra = {k: v for k, v in values.items() if k not in ("project_id", "cost", "name") and v != "None"}
        projects.append(Project(pid, cost, values.get("name", ""), extra))

    ballots = [_ballot(line, values, vote_type, known) for line, values in vote_rows]
    voter_lines: dict[str, int] = {}
    for (line, _), ballot in zip(vote_rows, ballots, strict=True):
        if ballot.voter_id in voter_lines:
            raise PabulibFormatError(
                f"voter_id {ballot.voter_id!r} already used on line {voter_lines[ballot.voter_id]}",
                line,
            )
        voter_lines[ballot.voter_id] = line

    for key, actual in (("num_projects", len(projects)), ("num_votes", len(ballots))):
        if parse_number(meta[key], meta_line, key) != actual:
            raise PabulibFormatError(f"META {key} is {meta[key]} but the file has {actual}", meta_line)
    max_rank = None
    if vote_type == ORDINAL and meta.get("max_length"):
        max_rank = int(parse_number(meta["max_length"], meta_line, "max_length"))
    return Election(tuple(projects), tuple(ballots), budget, vote_type, meta, max_rank)


def _ballot(line: int, values: dict[str, str], vote_type: str, known: set[str]) -> Ballot:
    voter_id = values["voter_id"]
    if not voter_id:
        raise PabulibFormatError("empty voter_id", line)
    vote = tuple(p.strip() for p in values["vote"].split(",") if p.strip())
    for pid in vote:
        if pid not in known:
            raise PabulibFormatError(f"vote names unknown project {pid!r}", line)
    points: tuple[Fraction, ...] = ()
    if vote_type == CUMULATIVE:
        raw = [p for p in values.get("points", "").split(",") if p.strip()]
        if "points" not in values:
            raise PabulibFormatError("cumulative VOTES need a 'points' column", line)
        if len(raw) != len(vote):
            raise PabulibFormatError(f"{len(vote)} project(s) in 'vote' but {len(raw)} number(s) in 'points'", line)
        points = tuple(parse_number(p, line, "points") for p in raw)
        if any(p < 0 for p in points):
            raise PabulibFormatError("points must not be negative", line)
    if len(set(vote)) != len(vote):
        vote, points = _once_each(vote, points, line)
    extra = {k: v for k, v in values.items() if k not in ("voter_id", "vote", "points") and v != "None"}
    return Ballot(voter_id, vote, points, extra)


def _once_each(
    vote: tuple[str, ...], points: tuple[Fraction, ...], line: int
) -> tuple[tuple[str, ...], tuple[Fraction, ...]]:
    """A vote with a repeat, as pabutools reads it: approval and ordinal keep each project once
    at its first place; cumulative keeps the first place and the points given last (pabutools
    stores the points in a dict, so a later repeat overwrites)."""
    given: dict[str, Fraction | None] = {}
    for i, pid in enumerate(vote):
        given[pid] = points[i] if points else None
    repeated = sorted({pid for pid in vote if vote.count(pid) > 1})
    warnings.warn(
        PabulibRepeatWarning(f"vote names {', '.join(map(repr, repeated))} more than once; counted once", line),
        stacklevel=4,
    )
    kept = tuple(given)
    return kept, (tuple(x for x in given.values() if x is not None) if points else ())


def format_number(value: Fraction) -> str:
    """Exact decimal text for a number in a .pb file; refuses repeating decimals such as 1/3."""
    return exact_decimal(value)


def pabulib_text(election: Election, line_ending: str = "\n") -> str:
    """The election as .pb text; META must carry description, country, unit, instance, rule."""
    missing = [k for k in REQUIRED_META if k not in _DERIVED_META and not election.meta.get(k)]
    if missing:
        raise ValueError(f"election.meta lacks required Pabulib key(s): {', '.join(missing)}")
    meta: dict[str, str] = {}
    for key in REQUIRED_META:
        meta[key] = election.meta.get(key, "")
    meta.update(
        num_projects=str(len(election.projects)),
        num_votes=str(len(election.ballots)),
        budget=format_number(election.budget),
        vote_type=election.vote_type,
    )
    if election.vote_type == ORDINAL and election.max_rank is not None:
        meta["max_length"] = str(election.max_rank)
    for key, value in election.meta.items():
        meta.setdefault(key, value)

    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator=line_ending)
    writer.writerow(["META"])
    writer.writerow(["key", "value"])
    writer.writerows(meta.items())

    project_keys = _union_keys(p.meta for p in election.projects)
    writer.writerow(["PROJECTS"])
    writer.writerow(["project_id", "cost", "name", *project_keys])
    for p in election.projects:
        extra = [p.meta.get(k, "None") for k in project_keys]
        writer.writerow([p.id, format_number(p.cost), p.name, *extra])

    ballot_keys = _union_keys(b.meta for b in election.ballots)
    points = ["points"] if election.vote_type == CUMULATIVE else []
    writer.writerow(["VOTES"])
    writer.writerow(["voter_id", "vote", *points, *ballot_keys])
    for b in election.ballots:
        cells = [b.voter_id, ",".join(b.vote)]
        if points:
            cells.append(",".join(format_number(x) for x in b.points))
        writer.writerow([*cells, *(b.meta.get(k, "None") for k in ballot_keys)])
    return out.getvalue()


def write_pabulib(election: Election, path: str | Path, line_ending: str = "\n") -> None:
    """Write the election as a .pb file (UTF-8, no BOM)."""
    Path(path).write_text(pabulib_text(election, line_ending), encoding="utf-8", newline="")


def _union_keys(metas: Iterable[Mapping[str, str]]) -> list[str]:
    keys: dict[str, None] = {}
    for meta in metas:
        keys.update(dict.fromkeys(meta))
    return list(keys)
