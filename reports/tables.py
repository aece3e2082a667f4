"""Tables that go into a report, written as CSV (in a zip) and as an XLSX workbook, row by row.

Rows are produced by generators over database iterators, and both writers stream, so a cycle
with hundreds of thousands of ballots is written without holding them in memory.
"""

import csv
import io
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook


@dataclass(frozen=True)
class Table:
    name: str
    headers: list[str]
    rows: Callable[[], Iterable[list]]
    """A function returning fresh rows each call: the CSV and the XLSX each read them once."""


def write_csv_zip(tables: list[Table], path: Path) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for table in tables:
            with (
                archive.open(f"{table.name}.csv", "w") as raw,
                io.TextIOWrapper(raw, encoding="utf-8", newline="") as f,
            ):
                writer = csv.writer(f)
                writer.writerow(table.headers)
                for row in table.rows():
                    writer.writerow([_cell(value) for value in row])


def write_xlsx(tables: list[Table], path: Path) -> None:
    workbook = Workbook(write_only=True)
    for table in tables:
        sheet = workbook.create_sheet(title=table.name[:31])
        sheet.append(table.headers)
        for row in table.rows():
            sheet.append([_cell(value) for value in row])
    workbook.save(path)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    """A value as a spreadsheet should hold it. Text a spreadsheet would run as a formula (a
    resident's title beginning with "=") is kept as text, behind a leading apostrophe."""
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    if value is None or isinstance(value, int | float):
        return value
    from datetime import date, datetime
    from decimal import Decimal

    if isinstance(value, Decimal | date | datetime):
        return value.replace(tzinfo=None) if isinstance(value, datetime) else value
    return str(value)
