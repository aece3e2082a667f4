"""Reading a register extract: a CSV with surname, date of birth, postcode and ward, one person a row.

Rows are read one at a time and reduced at once to (identity key, ward id): the names go no further
than this loop, so they never reach the database, a log or a file of ours.
"""

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

from verification.identity import person_key

REQUIRED_COLUMNS = ("surname", "date_of_birth", "postcode", "ward")
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y")


class UnreadableExtract(ValueError):
    pass


def parse_date(text: str) -> date | None:
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


@dataclass
class ReadCounts:
    read: int = 0
    refused: int = 0


def register_keys(
    lines: Iterable[str], *, secret: str, ward_ids: dict[str, int], counts: ReadCounts
) -> Iterator[tuple[str, int]]:
    """(identity key, ward id) for each readable row; `ward_ids` maps a lower-cased ward name, slug
    or GSS code to its id. Rows with a missing part, a bad date or an unknown ward are counted as refused."""
    reader = csv.DictReader(lines)
    header = {(name or "").strip().lower().replace(" ", "_") for name in (reader.fieldnames or [])}
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise UnreadableExtract(", ".join(missing))
    for raw in reader:
        row = {(k or "").strip().lower().replace(" ", "_"): (v or "") for k, v in raw.items()}
        counts.read += 1
        born = parse_date(row["date_of_birth"])
        ward_id = ward_ids.get(row["ward"].strip().lower())
        try:
            if born is None or ward_id is None:
                raise ValueError
            key = person_key(secret=secret, surname=row["surname"], date_of_birth=born, postcode=row["postcode"])
        except ValueError:
            counts.refused += 1
            continue
        yield key, ward_id
