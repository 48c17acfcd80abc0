"""CSV: a header row and one row per cable (the totals are in the other formats: a CSV file is
one table). Cells that a spreadsheet would run as a formula are prefixed with an apostrophe."""

from __future__ import annotations

import csv
import datetime as dt
from typing import Optional, Sequence, TextIO

from .schedule import Record

FIELDS = ("id", "path", "classification", "origin_date", "instruction", "status", "date", "reason", "subject",
          "exempted", "origin_year_estimated")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    text = "" if value is None else ("yes" if value is True else "no" if value is False else str(value))
    risky = text.startswith(_FORMULA_START) and text != "-"  # a lone "-" (standard input) is no formula
    return "'" + text if risky else text


def write(stream: TextIO, rows: Sequence[Record], as_of: Optional[dt.date] = None, sources: Sequence[str] = ()) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(FIELDS)
    for row in rows:
        record = row.as_dict()
        writer.writerow([_cell(record[name]) for name in FIELDS])
