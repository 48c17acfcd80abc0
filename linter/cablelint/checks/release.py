"""R: the release gate (only with --release). Nothing classified leaves."""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from ..parse.model import Span
from . import declassification as dc
from .context import Context
from .diagnostics import Finding
from .registry import rule

# Both rules read `declassification.status()`, the same verdict D009 and `cablelint report` give.


def _banner_span(ctx: Context) -> Span:
    if ctx.cable.banner is not None:
        return ctx.cable.banner.level_span
    return Span(1, 1, 1, 1)


def _instruction_span(ctx: Context) -> Span:
    eo = ctx.cable.eo
    if eo is not None:
        return eo.instruction_span or eo.span
    return _banner_span(ctx)


def still_classified(ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    state = dc.status(ctx)
    if state.exempted or state.kind in (dc.DECLASSIFIED, dc.DUE, dc.UNCLASSIFIED):
        return
    level = dc.highest_level(ctx).name or "of unknown classification"
    yield Finding(_banner_span(ctx), f"not releasable on {ctx.as_of.isoformat()}: the cable is {level} "
                                     f"and not yet declassified ({state.reason})")


def exempt_requires_review(ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
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
