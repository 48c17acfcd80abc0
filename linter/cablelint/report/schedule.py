"""The declassification schedule of a collection: one record per cable, and the totals."""

from __future__ import annotations

import collections
import datetime as dt
import os
import re
import sys
from dataclasses import dataclass
from typing import Iterable, Iterator, Optional

from .. import patterns
from ..checks import declassification as dc
from ..checks.context import Context
from ..parse.build import build
from ..parse.model import Cable
from ..parse.source import UnreadableError, decode, read_limited
from ..parse.summary import declassify_on
from ..policy.rulesetmodel import Settings
from ..run.discovery import STDIN
from ..run.engine import MAX_FILE_BYTES, marked_on, origin_date

# Each record's status comes from `declassification.status()` on the same `Context` the lint
# engine builds (same rule set, same origin date: --date, then the routing header), so the report
# and D009/R001/R002 can never disagree.

UNREADABLE = "unreadable"
STATUSES = dc.KINDS + (UNREADABLE,)
# Statuses that have a year in which the cable becomes (or became) due, for the chart.
CHARTED = (dc.DUE, dc.NOT_YET_DUE, dc.EXEMPT, dc.UNKNOWN)
_REFERENCE = patterns.compile(r"(\d{2})([A-Z][A-Z0-9]*?)(\d+)")  # 09VALLETTA522: year, post, serial


@dataclass(frozen=True)
class Record:
    path: str
    id: str
    classification: Optional[str]
    origin_date: Optional[dt.date]
    instruction: Optional[str]
    status: str
    date: Optional[dt.date]       # see declassification.Status.date
    reason: str
    subject: Optional[str] = None
    exempted: bool = False
    estimated_year: Optional[int] = None  # without an origin date: the year the cable's id names

    def as_dict(self) -> dict:
        """JSON-ready: dates as YYYY-MM-DD, absent values as null."""
        return {
            "id": self.id, "path": self.path, "classification": self.classification,
            "origin_date": _iso(self.origin_date), "instruction": self.instruction, "status": self.status,
            "date": _iso(self.date), "reason": self.reason, "subject": self.subject, "exempted": self.exempted,
            "origin_year_estimated": self.estimated_year,
        }


def _iso(day: Optional[dt.date]) -> Optional[str]:
    return day.isoformat() if day else None


def cable_id(cable: Cable, origin: Optional[dt.date], path: str) -> str:
    """The reference a cable is known by, `09VALLETTA417` (year, post, serial), built from the
    classification line; the file name where the line lacks a post or serial, or there is no date."""
    banner = cable.banner
    if banner is not None and banner.post and banner.serial and origin is not None:
        post = re.sub(r"[^A-Z0-9]", "", banner.post.upper())
        if post:
            return f"{origin.year % 100:02d}{post}{int(banner.serial)}"
    name = os.path.basename(path)
    return os.path.splitext(name)[0] or path


def id_parts(cable_ref: str) -> Optional[tuple[int, str, int]]:
    """(year, post, number) of a cable reference such as `09VALLETTA522` (two-digit years from 40
    are 19xx: State's references begin in the 1960s), None for any other name."""
    found = _REFERENCE.fullmatch(cable_ref)
    if found is None:
        return None
    short = int(found.group(1))
    return (1900 + short if short >= 40 else 2000 + short), found.group(2), int(found.group(3))


def record_for(path: str, cable: Cable, settings: Settings) -> Record:
    origin = origin_date(cable, settings)
    ctx = Context(cable=cable, path=path, ruleset=settings.ruleset, origin_date=marked_on(cable, settings),
                  as_of=settings.as_of)
    state = dc.status(ctx)
    reference = cable_id(cable, origin, path)
    parts = id_parts(reference) if origin is None else None
    # The estimate is shown, never judged by: the status above counts only from a known origin date,
    # as D009 and the release gate do.
    return Record(
        path=path, id=reference, classification=cable.level, origin_date=origin,
        instruction=declassify_on(cable), status=state.kind, date=state.date, reason=state.reason,
        subject=cable.subject.text if cable.subject else None, exempted=state.exempted,
        estimated_year=parts[0] if parts else None)


def read_cable(path: str) -> Cable:
    """Read, decode and build one cable; OSError or UnreadableError when it cannot be read."""
    if path == STDIN:
        data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    else:
        data = read_limited(path, MAX_FILE_BYTES)
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableError(f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    return build(decode(data))


def records(paths: Iterable[str], settings: Settings) -> Iterator[Record]:
    """One record per path, in order; an unreadable file gives a record with status `unreadable`."""
    for path in paths:
        try:
            cable = read_cable(path)
        except OSError as exc:
            yield _unreadable(path, f"cannot read the file: {exc.strerror or exc}")
            continue
        except UnreadableError as exc:
            yield _unreadable(path, str(exc))
            continue
        yield record_for(path, cable, settings)


def _unreadable(path: str, why: str) -> Record:
    return Record(path=path, id=cable_id(Cable(lines=()), None, path), classification=None, origin_date=None,
                  instruction=None, status=UNREADABLE, date=None, reason=why)


def totals(rows: Iterable[Record]) -> dict[str, int]:
    """Count per status, in the fixed order of STATUSES; unreadable only when there are any."""
    counts = collections.Counter(r.status for r in rows)
    out = {status: counts.get(status, 0) for status in dc.KINDS}
    if counts.get(UNREADABLE):
        out[UNREADABLE] = counts[UNREADABLE]
    out["total"] = sum(counts.values())
    return out


def due_by_year(rows: Iterable[Record]) -> dict[int, dict[str, int]]:
    """year -> status -> count, for the cables whose due date is known (CHARTED statuses)."""
    years: dict[int, dict[str, int]] = collections.defaultdict(lambda: dict.fromkeys(CHARTED, 0))
    for row in rows:
        if row.status in CHARTED and row.date is not None:
            years[row.date.year][row.status] += 1
    return dict(sorted(years.items()))
