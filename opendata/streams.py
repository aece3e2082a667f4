"""CSV and JSON written row by row, so a download of any size holds one row (and one chunk of the
query) in memory."""

import csv
import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder


class _Line:
    """A file-like object whose write returns the text, for csv.writer in a generator."""

    def write(self, value: str) -> str:
        return value


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list) and all(isinstance(v, str | int) for v in value):
        return "; ".join(str(v) for v in value)
    if isinstance(value, list | dict):
        return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
    return str(value)


def csv_lines(field_names: list[str], rows: Iterable[dict]) -> Iterator[str]:
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow(field_names)  # the BOM tells spreadsheets it is UTF-8
    for row in rows:
        yield writer.writerow([_cell(row.get(name)) for name in field_names])


def json_lines(rows: Iterable[dict], *, head: str = "[", tail: str = "]") -> Iterator[str]:
    """A JSON array (optionally inside an object: pass its opening as head and closing as tail)."""
    yield head + "\n"
    first = True
    for row in rows:
        yield ("" if first else ",\n") + json.dumps(row, cls=DjangoJSONEncoder, ensure_ascii=False)
        first = False
    yield "\n" + tail + "\n"
