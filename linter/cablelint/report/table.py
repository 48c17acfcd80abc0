"""The plain-text table: one line per cable, then the totals."""

from __future__ import annotations

import datetime as dt
from typing import Sequence, TextIO

from .schedule import Record, totals

COLUMNS = ("ID", "CLASSIFICATION", "ORIGIN", "INSTRUCTION", "STATUS", "DATE", "REASON")
MAX_INSTRUCTION = 28


def _cells(row: Record) -> tuple[str, ...]:
    instruction = row.instruction or "-"
    if len(instruction) > MAX_INSTRUCTION:
        instruction = instruction[:MAX_INSTRUCTION - 3] + "..."
    return (row.id, row.classification or "-", row.origin_date.isoformat() if row.origin_date else "-",
            instruction, row.status, row.date.isoformat() if row.date else "-", _one_line(row.reason))


def _one_line(text: str) -> str:
    return " ".join(text.split())


def write(stream: TextIO, rows: Sequence[Record], as_of: dt.date, sources: Sequence[str] = ()) -> None:
    stream.write(f"Declassification schedule as of {as_of.isoformat()} ({len(rows)} cables)\n\n")
    cells = [COLUMNS] + [_cells(row) for row in rows]
    widths = [max(len(_one_line(c[i])) for c in cells) for i in range(len(COLUMNS) - 1)]
    for line in cells:
        parts = [_one_line(value).ljust(width) for value, width in zip(line, widths)]
        stream.write("  ".join(parts + [line[-1]]).rstrip() + "\n")
    stream.write("\nTotals\n")
    for status, count in totals(rows).items():
        stream.write(f"  {status:<14}{count:>7}\n")
