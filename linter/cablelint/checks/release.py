"""R: the release gate (only with --release). Nothing classified leaves."""

from __future__ import annotations

import copy
from typing import Any, Iterator, Mapping, Optional

from ..parse.markscan import Marking, scan
from ..parse.model import Span
from . import declassification as dc
from .context import Context
from .diagnostics import Finding
from .registry import rule

# Both rules read `declassification.status()`, the same verdict D009 and `cablelint report` give,
# with one difference: the gate judges the highest classification marking anywhere in the text
# (parse/markscan.py: every portion mark at the head of a paragraph, sub-paragraph, bullet or
# sentence, every classification line in the body), not only those of the paragraphs the reader
# found. When the text shows a higher level than those, the verdict is worked out again at that
# level, on a copy of the context: D009 and the report keep theirs.


def _banner_span(ctx: Context) -> Span:
    if ctx.cable.banner is not None:
        return ctx.cable.banner.level_span
    return Span(1, 1, 1, 1)


def _instruction_span(ctx: Context) -> Span:
    eo = ctx.cable.eo
    if eo is not None:
        return eo.instruction_span or eo.span
    return _banner_span(ctx)


def gate_context(ctx: Context) -> Context:
    """`ctx`, or a copy judging the highest marking the text shows when that is higher than the
    level the declassification status was worked out at (computed once per cable)."""
    known = ctx.memo.get("gate context")
    if known is None:
        known = ctx.memo["gate context"] = _gate_context(ctx)
    return known


def _gate_context(ctx: Context) -> Context:
    level = dc.highest_level(ctx)
    found = _highest_marking(ctx)
    if found is None or (level.rank is not None and found[0] <= level.rank):
        return ctx
    rank, name, marking = found
    judged = copy.copy(ctx)
    if marking.kind == "portion":
        what = f"the portion mark {marking.text}"
    else:
        what = f"the classification line '{marking.text}'"
    where = ctx.cable.disk_line(marking.line)  # (the lines as read: a double-spaced file's without its added blanks)
    judged.memo = {"highest level": dc.Level(rank, name, f"{what} on line {where}")}
    return judged


def _highest_marking(ctx: Context) -> Optional[tuple[int, str, Marking]]:
    """(rank, level name, marking) of the highest classified marking in the text, or None."""
    ruleset = ctx.ruleset
    classified = [token for token, level in ruleset.portion_levels.items() if (ctx.rank(level) or 0) > 0]
    best: Optional[tuple[int, str, Marking]] = None
    for marking in scan(ctx.cable.lines, classified):
        name = ruleset.portion_levels.get(marking.level) if marking.kind == "portion" else marking.level
        rank = ctx.rank(name)
        if rank is not None and name is not None and (best is None or rank > best[0]):
            best = (rank, name, marking)
    return best


def still_classified(ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    ctx = gate_context(ctx)
    state = dc.status(ctx)
    if state.exempted or state.kind in (dc.DECLASSIFIED, dc.DUE, dc.UNCLASSIFIED):
        return
    level = dc.highest_level(ctx).name or "of unknown classification"
    yield Finding(_banner_span(ctx), f"not releasable on {ctx.as_of.isoformat()}: the cable is {level} "
                                     f"and not yet declassified ({state.reason})")


def exempt_requires_review(ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    ctx = gate_context(ctx)
    state = dc.status(ctx)
    if state.exempted and state.kind != dc.DECLASSIFIED:
        yield Finding(_instruction_span(ctx), f"not releasable without a review decision: {state.reason}, and the "
                                              "cable carries no declassification marking")


RULES = (
    rule("R001",
         "on the as-of date the cable is classified and not yet declassified (a later date, or no date)",
         "Classified information may be released only once declassified (E.O. 13526 sections 1.5 and 3.1): on "
         "its declassification date, by automatic declassification at 25 years, or by a recorded decision.",
         "(as of 2026-11-27, cable of 2008) E.O. 12958: DECL: 04/02/2031",
         "(as of 2026-11-27, cable of 2008) E.O. 12958: DECL: 04/02/2018", still_classified),
    rule("R002",
         "the cable is exempted from automatic declassification (X1-X8, 25X.., 50X.., OADR, MR) and carries no "
         "declassification marking",
         "Exempted and indefinitely marked records need a declassification review before release (E.O. 13526 "
         "section 3.3; 32 CFR 2001.12(c), 2001.31); the decision is recorded as a declassification marking "
         "(32 CFR 2001.25).", "E.O. 12958: DECL: 1.6 X1",
         "E.O. 12958: DECL: 1.6 X1\n...\nDECLASSIFIED/RELEASED US DEPARTMENT OF STATE EO SYSTEMATIC REVIEW 20 MAR 2014",
         exempt_requires_review),
)
