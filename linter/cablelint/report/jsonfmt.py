"""JSON: `{"as_of", "paths", "totals", "due_by_year", "cables": [...]}`, one object per cable (dates
YYYY-MM-DD, absent values null)."""

from __future__ import annotations

import datetime as dt
from typing import Sequence, TextIO

from ..formats.base import json_text
from .schedule import Record, due_by_year, totals


def write(stream: TextIO, rows: Sequence[Record], as_of: dt.date, sources: Sequence[str] = ()) -> None:
    document = {
        "as_of": as_of.isoformat(),
        "paths": list(sources),
        "totals": totals(rows),
        "due_by_year": {str(year): counts for year, counts in due_by_year(rows).items()},
        "cables": [row.as_dict() for row in rows],
    }
    stream.write(json_text(document, indent=2))
    stream.write("\n")
