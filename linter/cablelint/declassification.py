"""Is a cable due for declassification on a given day? Shared by D009, the release gate (R001,
R002) and `cablelint report`.

Facts (../shared/docs/marking-rules.md sections 1.3-1.5 and 4): a cable is declassified on its
declassification date; whatever its instruction, a permanent record is automatically declassified
on 31 December of the year 25 years after its origin (E.O. 13526 section 3.3) unless it carries a
valid 25X exemption (with its own date) or a 50X1-HUM / 50X2-WMD exemption (75 years). Legacy
indefinite markings (OADR, MR) and the X1-X8 exemptions of E.O. 12958 hold only to that 25-year
point (32 CFR 2001.12(c)(2)).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

from .context import Context

DECLASSIFIED, DUE, NOT_YET_DUE, EXEMPT, UNKNOWN, UNCLASSIFIED = (
    "declassified", "due", "not yet due", "exempt", "unknown", "unclassified")


@dataclass(frozen=True)
class Status:
    kind: str
    date: Optional[dt.date]      # when it became or becomes due, where known
    reason: str
    exempted: bool = False       # carries an exemption or indefinite marking


def automatic_date(origin: Optional[dt.date], years: int) -> Optional[dt.date]:
    """31 December of the year `years` after origin."""
    return dt.date(origin.year + years, 12, 31) if origin else None


def status(ctx: Context) -> Status:
    cable, eo, as_of = ctx.cable, ctx.cable.eo, ctx.as_of
    if ctx.level_rank == 0:
        return Status(UNCLASSIFIED, None, "the cable is unclassified")
    if cable.declassification_marks or (eo is not None and eo.kind == "declassified"):
        text = cable.declassification_marks[0].raw if cable.declassification_marks else eo.raw
        return Status(DECLASSIFIED, None, f"marked declassified: '{text[:80]}'")
    if ctx.level_rank is None:
        return Status(UNKNOWN, None, "the classification of the cable is unknown")
    auto = automatic_date(ctx.origin_date, ctx.ruleset.automatic_years)
    if eo is not None and eo.kind == "exemption":
        return _exempted(ctx, auto)
    if eo is not None and eo.kind == "indefinite":
        return _held_to(auto, as_of, f"indefinite marking {eo.instruction}", exempted=True)
    if eo is not None and eo.kind == "date" and eo.date is not None:
        if eo.date <= as_of:
            return Status(DUE, eo.date, f"declassification date {eo.date.isoformat()} has passed")
        if auto is not None and auto <= as_of:
            return Status(DUE, auto, f"25 years old on {auto.isoformat()} (automatic declassification)")
        return Status(NOT_YET_DUE, eo.date, f"declassify on {eo.date.isoformat()}")
    what = f"instruction '{eo.instruction}'" if eo is not None and eo.instruction else "no usable instruction"
    if auto is not None and auto <= as_of:
        return Status(DUE, auto, f"{what}; 25 years old on {auto.isoformat()} (automatic declassification)")
    if auto is not None:
        return Status(UNKNOWN, auto, f"{what}; automatic declassification on {auto.isoformat()} at the latest")
    return Status(UNKNOWN, None, f"{what} and no origin date")


def _exempted(ctx: Context, auto: Optional[dt.date]) -> Status:
    eo, as_of = ctx.cable.eo, ctx.as_of
    codes = [e.code for e in eo.exemptions]
    label = ", ".join(codes)
    long_years = [ctx.ruleset.automatic_exemption_years[c] for c in codes if c in ctx.ruleset.automatic_exemption_years]
    if long_years:
        until = automatic_date(ctx.origin_date, max(long_years))
        return _held_to(until, as_of, f"exemption {label}", exempted=True)
    if any(c.startswith("25X") for c in codes):
        if eo.date is not None:
            return _held_to(eo.date, as_of, f"exemption {label} to {eo.date.isoformat()}", exempted=True)
        return Status(EXEMPT, None, f"exemption {label} without a date", exempted=True)
    return _held_to(auto, as_of, f"exemption {label}", exempted=True)


def _held_to(until: Optional[dt.date], as_of: dt.date, what: str, exempted: bool) -> Status:
    if until is None:
        return Status(EXEMPT, None, f"{what}; no origin date to count from", exempted)
    if until <= as_of:
        return Status(DUE, until, f"{what} held to {until.isoformat()}, which has passed", exempted)
    return Status(EXEMPT, until, f"{what}, classified to {until.isoformat()}", exempted)
