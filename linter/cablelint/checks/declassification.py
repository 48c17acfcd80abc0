"""Is a cable due for declassification on a given day? Shared by D009, the release gate (R001,
R002) and `cablelint report`, so that they can never disagree."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Iterable, NamedTuple, Optional

from .. import patterns
from ..parse.elements import decl_date
from ..parse.grammar import DATE
from ..parse.model import PortionMark
from .context import Context

# Facts (../shared/docs/marking-rules.md sections 1.3-1.5 and 4):
# - a cable is declassified on its declassification date (E.O. 13526 section 1.5);
# - whatever its instruction, a permanent record is automatically declassified on 31 December of
#   the year 25 years after its origin (section 3.3; 32 CFR 2001.30(l)) unless it carries a valid
#   25X exemption with its own date, or 50X1-HUM / 50X2-WMD (held to the 75-year point);
# - legacy indefinite markings (OADR, MR), the X1-X8 exemptions of E.O. 12958 and missing or
#   incomplete instructions hold only to that 25-year point (32 CFR 2001.12(c)(2), 2001.22(e)(3));
# - a copy that carries a declassification marking (32 CFR 2001.25) or a release line has been
#   declassified by a recorded decision.
#
# A code no regime defines (X9, 25X12) exempts nothing, and a date before the cable's origin is a
# typing error, not a declassification date: both count as no usable instruction. The level judged
# is the highest one the cable shows anywhere (classification line, routing security line, portion
# marks), so an `UNCLAS` banner over a `(C)` paragraph is not taken for unclassified.

DECLASSIFIED, DUE, NOT_YET_DUE, EXEMPT, UNKNOWN, UNCLASSIFIED = (
    "declassified", "due", "not yet due", "exempt", "unknown", "unclassified")
KINDS = (DECLASSIFIED, DUE, NOT_YET_DUE, EXEMPT, UNKNOWN, UNCLASSIFIED)

_DATE_IN_TEXT = patterns.compile(DATE, re.I)
# The E.O. line of a released copy the grammar reads as an event: "E.O. 12958: AS AMENDED;
# DECLASSIFIED JUNE 21, 2006". Only "DECLASSIFIED" then a date, or "BY NARA", counts.
_DECLASSIFIED_EO = patterns.compile(rf"\bDECLASSIFIED\s+(?:ON\s+)?{DATE}|\bDECLASSIFIED\s+BY\s+NARA\b", re.I)
# Lines that continue a release stamp on the next line(s): where its date usually stands.
_STAMP_CONTINUATION = patterns.compile(
    r"\s*(?:SYSTEMATIC\s+REVIEW|AUTHORITY\b|BY\b.*\bDATE\b|DATE\b|DECLASSIFIED\s+ON\b)",
    re.I)


class Status(NamedTuple):
    kind: str                    # one of KINDS
    date: Optional[dt.date]      # declassified on / became due / becomes due / held to, where known
    reason: str
    exempted: bool = False       # carries an exemption or indefinite marking


class Level(NamedTuple):
    """The highest classification the cable shows, and where it shows it."""

    rank: Optional[int]          # None: no known level anywhere
    name: Optional[str]
    where: str


def automatic_date(origin: Optional[dt.date], years: int) -> Optional[dt.date]:
    """31 December of the year `years` after origin."""
    return dt.date(min(origin.year + years, dt.MAXYEAR), 12, 31) if origin else None  # no overflow past 9999


def highest_level(ctx: Context) -> Level:
    """The highest level among the classification line, the routing security line and the
    portion marks (subject and paragraphs); computed once per cable (the status and R001 ask)."""
    known = ctx.memo.get("highest level")
    if known is None:
        known = ctx.memo["highest level"] = _highest_level(ctx)
    return known


def _highest_level(ctx: Context) -> Level:
    cable = ctx.cable
    seen: list[tuple[Optional[str], Any]] = [(cable.banner.level if cable.banner else None, "the classification line")]
    if cable.routing is not None and cable.routing.security_level:
        seen.append((cable.routing.security_level, "the routing security line"))
    best: tuple[Optional[int], Optional[str], Any] = (None, None, "nowhere")
    for name, where in seen:
        rank = ctx.rank(name)
        if rank is not None and (best[0] is None or rank > best[0]):
            best = (rank, name, where)
    top = best[0]  # the rank to beat, kept in a local: a cable has dozens of marks
    for place, mark, meaning, rank in ctx.portion_marks:  # after the lines: they win a tie
        if rank is not None and (top is None or rank > top) and mark.error is None:
            best = (rank, meaning.level, (place, mark))  # put in words only if it wins
            top = rank
    rank, name, where = best
    return Level(rank, name, where if isinstance(where, str) else _mark_place(*where))


def _mark_place(place: Any, mark: PortionMark) -> str:
    """Where a portion mark stands, in words: "the subject (C)", "paragraph 3 (S/NF)"."""
    return f"{place if isinstance(place, str) else f'paragraph {place}'} ({mark.text})"


def decision(ctx: Context) -> Optional[tuple[str, Optional[dt.date]]]:
    """The declassification marking in force on the as-of date: (its text, its date or None).
    A marking dated after the as-of date had not happened yet on that day."""
    cable = ctx.cable
    found: list[tuple[str, Optional[dt.date]]] = []
    eo = cable.eo
    if eo is not None and (eo.kind == "declassified" or (eo.kind == "event" and _DECLASSIFIED_EO.search(eo.raw))):
        found.append((eo.raw, _first_date([eo.instruction or ""])))
    for mark in cable.declassification_marks:
        line = mark.span.line
        following = [text for text in cable.lines[line:line + 2] if _STAMP_CONTINUATION.match(text)]
        found.append((" ".join([mark.raw] + [t.strip() for t in following]), _first_date([mark.raw] + following)))
    in_force = [(text, day) for text, day in found if day is None or day <= ctx.as_of]
    return in_force[0] if in_force else None


def _first_date(texts: Iterable[str]) -> Optional[dt.date]:
    for text in texts:
        for found in _DATE_IN_TEXT.finditer(text):
            day = decl_date(found.group(0))
            if day is not None:
                return day
    return None


def known_exemptions(ctx: Context) -> frozenset[str]:
    """Exemption codes defined by the regimes the cable is judged by (all regimes without a date),
    including the ones a later order forbids (X1-X8): those still hold as legacy markings."""
    regimes = ctx.regimes or ctx.ruleset.regimes
    # the same few regimes judge every cable: the union is remembered per rule set and regimes
    # (the regimes are the rule set's own objects, so their identities name them while it lives)
    by_regimes = _EXEMPTIONS.get(ctx.ruleset)
    if by_regimes is None:
        if len(_EXEMPTIONS) >= 8:
            _EXEMPTIONS.clear()
        by_regimes = _EXEMPTIONS[ctx.ruleset] = {}
    key = tuple(map(id, regimes))
    known = by_regimes.get(key)
    if known is None:
        known = by_regimes[key] = frozenset().union(*(r.exemptions | set(r.forbidden) for r in regimes))
    return known


_EXEMPTIONS: dict[Any, dict[tuple[int, ...], frozenset[str]]] = {}  # rule set -> regimes' ids -> codes


def status(ctx: Context) -> Status:
    """The declassification status of the cable on `ctx.as_of` (computed once per cable: D009, R001
    and R002 all ask)."""
    known = ctx.memo.get("declassification")
    if known is None:
        known = ctx.memo["declassification"] = _status(ctx)
    return known


def _status(ctx: Context) -> Status:
    made = decision(ctx)
    if made is not None:
        text, day = made
        return Status(DECLASSIFIED, day, f"marked declassified: '{text[:80]}'")
    level = highest_level(ctx)
    if level.rank == 0:
        return Status(UNCLASSIFIED, None, "the cable is unclassified")
    eo, as_of = ctx.cable.eo, ctx.as_of
    auto = automatic_date(ctx.origin_date, ctx.ruleset.automatic_years)
    if level.rank is not None and level.where != "the classification line":
        note = f" ({level.name} in {level.where})"
    else:
        note = "" if level.rank is not None else " (classification unknown)"
    if eo is not None and eo.kind == "exemption":
        known = known_exemptions(ctx)
        codes = [e.code for e in eo.exemptions if e.code in known]
        if codes:
            return _exempted(ctx, codes, auto, note)
        unknown = ", ".join(e.code for e in eo.exemptions) or eo.instruction
        if any(_EXEMPTION_FORM.match(e.code) for e in eo.exemptions):
            # (a code of an exemption's form that another period defines, `25X1-HUMAN` after 2010: it
            # holds to the 25-year point as a legacy exemption does, and claims an exemption all the
            # same, so only a review may release the cable)
            return _held_to(auto, as_of, f"exemption code {unknown} (which the order in force does not define){note}")
        return _no_instruction(f"exemption code {unknown}, which the order in force does not define", auto, as_of,
                               note)
    if eo is not None and eo.kind == "indefinite":
        return _held_to(auto, as_of, f"indefinite marking {eo.instruction}{note}")
    # (a date as written, an E.O. 12065 schedule's day, `GDS 11/17/85`, or a span of years from the origin)
    day = ctx.declassify_on if eo is not None and eo.kind in ("date", "legacy", "event") else None
    if day is not None:
        if ctx.origin_date is not None and day < ctx.origin_date:
            return _no_instruction(f"declassification date {day.isoformat()} before the origin date "
                                   f"{ctx.origin_date.isoformat()}", auto, as_of, note)
        if day <= as_of:
            return Status(DUE, day, f"declassification date {day.isoformat()} has passed{note}")
        if auto is not None and auto <= as_of:
            return Status(DUE, auto, f"25 years old on {auto.isoformat()} (automatic declassification){note}")
        return Status(NOT_YET_DUE, day, f"declassify on {day.isoformat()}{note}")
    what = f"instruction '{eo.instruction}'" if eo is not None and eo.instruction else "no usable instruction"
    return _no_instruction(what, auto, as_of, note)


# The forms of the exemptions R002 names (X1-X8, 25X.., 50X..), whichever order defines them
_EXEMPTION_FORM = patterns.compile(r"(?:X[1-8]|25X\d|50X\d)")


def _no_instruction(what: str, auto: Optional[dt.date], as_of: dt.date, note: str) -> Status:
    """No date to go by: the cable holds to its 25-year point (32 CFR 2001.12(c)(2))."""
    if auto is not None and auto <= as_of:
        return Status(DUE, auto, f"{what}; 25 years old on {auto.isoformat()} (automatic declassification){note}")
    if auto is not None:
        return Status(UNKNOWN, auto, f"{what}; automatic declassification on {auto.isoformat()} at the latest{note}")
    return Status(UNKNOWN, None, f"{what} and no origin date to count 25 years from{note}")


def _exempted(ctx: Context, codes: list[str], auto: Optional[dt.date], note: str) -> Status:
    """The longest hold among the codes: 50X to the 75-year point, 25X to its own date, X1-X8
    (legacy) to the 25-year point (32 CFR 2001.22(e)(2),(4)). A 50X or 25X hold lapses on its own
    day, as a date does (32 CFR 2001.12(b), 2001.26(b)): then the cable is due, with no review
    to wait for; a legacy exemption's 25-year point brings the cable under section 3.3's review."""
    eo, as_of = ctx.cable.eo, ctx.as_of
    label = ", ".join(codes)
    long_years = [ctx.ruleset.automatic_exemption_years[c] for c in codes if c in ctx.ruleset.automatic_exemption_years]
    if long_years:
        return _held_to(automatic_date(ctx.origin_date, max(long_years)), as_of, f"exemption {label}{note}",
                        lapses=True)
    if any(c.startswith("25X") for c in codes):
        # (a date before the cable's own is no date the hold could end on: D003 reports it)
        if eo.date is None:
            return Status(EXEMPT, None, f"exemption {label} without the date it requires{note}", exempted=True)
        if ctx.origin_date is not None and eo.date < ctx.origin_date:
            return Status(EXEMPT, None, f"exemption {label} with a date before the cable's own{note}", exempted=True)
        return _held_to(eo.date, as_of, f"exemption {label}{note}", lapses=True)
    return _held_to(auto, as_of, f"exemption {label}{note}")


def _held_to(until: Optional[dt.date], as_of: dt.date, what: str, lapses: bool = False) -> Status:
    if until is None:
        return Status(EXEMPT, None, f"{what}; no origin date to count from", exempted=True)
    if until <= as_of:
        return Status(DUE, until, f"{what} held to {until.isoformat()}, which has passed", exempted=not lapses)
    return Status(EXEMPT, until, f"{what}, classified to {until.isoformat()}", exempted=True)
