"""D: declassification. The E.O. line's instruction, judged by the regime in force."""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from .. import patterns
from ..parse.grammar import SCHEDULE
from ..parse.model import Span
from ..policy.regimes import add_years
from . import declassification
from .context import Context
from .diagnostics import Finding
from .registry import rule


def _instruction_span(ctx: Context) -> Span:
    eo = ctx.cable.eo
    # no instruction: the point where it belongs, just after the E.O. line's text
    return eo.instruction_span or Span(eo.span.end_line, eo.span.end_column, eo.span.end_line, eo.span.end_column)


def missing_declassification(ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    eo = ctx.cable.eo
    if eo is None or not ctx.classified:
        return
    form = _INSTRUCTION_FORMS.get(eo.order, _INSTRUCTION_FORM)
    if _FIELD_FORM.match(eo.raw):  # (a record's field, `E.O.: 13526`: its instruction stands in the block below)
        form = "'Declassify On: yyyy/mm/dd' in the classification block"
    if eo.kind == "none":
        yield Finding(_instruction_span(ctx), f"the E.O. line of this {ctx.cable.level} cable gives no "
                                              f"declassification instruction ({form})")
    elif eo.kind == "reasons":
        yield Finding(_instruction_span(ctx), f"the E.O. line of this {ctx.cable.level} cable gives classification "
                                              f"reasons ('{eo.instruction}') where its declassification instruction "
                                              f"belongs ({form})")
    elif eo.kind == "downgrade":
        yield Finding(_instruction_span(ctx), f"'{eo.instruction}' is a downgrading instruction, not a "
                                              "declassification instruction")


_FIELD_FORM = patterns.compile(r"E\.\s?O\.\s*:")  # (the E.O. field of a record of the Department's later system)
# The instruction as the order cited on the line has it written (marking-rules.md 2.5)
_INSTRUCTION_FORM = "'DECL: mm/dd/yyyy'"
_INSTRUCTION_FORMS = {"11652": "'GDS' or 'XGDS-n'", "12065": "'GDS mm/dd/yy' or 'RDS-n mm/dd/yy'",
                      "12356": "'DECL: OADR' or 'DECL: mm/dd/yy'"}


_MONTH_NAMED = patterns.compile(
    r"[A-Z]{3}")  # (a month's name: `31 JUN 2021`, `FEB 30, 2018`; a scan's `2O28` is no name)


def malformed_date(ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    eo = ctx.cable.eo
    if eo is not None and eo.kind == "malformed-date":
        # (the form named is the one written: a year first is read yyyy/mm/dd)
        written = eo.instruction or ""
        form = "yyyymmdd" if _COMPACT.fullmatch(written) else \
            ("yyyy-mm-dd" if "-" in written else "yyyy/mm/dd") if _YEAR_FIRST.match(written) else \
            ("dd MON yyyy" if written[:1].isdigit() else "MON dd, yyyy") if _MONTH_NAMED.search(written) else \
            "mm/dd/yyyy"
        yield Finding(_instruction_span(ctx), f"'{eo.instruction}' is not a valid date ({form})")


def before_origin(ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    eo, origin = ctx.cable.eo, ctx.origin_date
    if eo is not None and eo.date is not None and origin is not None and eo.date < origin:
        yield Finding(_instruction_span(ctx), f"declassification date {eo.date.isoformat()} is before the "
                                              f"cable's origin date {origin.isoformat()}")


def duration_exceeds_limit(ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    eo, origin, day = ctx.cable.eo, ctx.origin_date, ctx.declassify_on
    if eo is None or day is None or origin is None or eo.kind not in ("date", "event") or len(ctx.regimes) != 1:
        return  # (an event that is a span of years, `TWENTY YEARS`, is its date)
    regime = ctx.regimes[0]
    if regime.max_years is not None and day > add_years(origin, regime.max_years):
        latest = add_years(origin, regime.max_years)
        yield Finding(_instruction_span(ctx), f"declassification date {day.isoformat()} is more than "
                                              f"{regime.max_years} years after the origin date {origin.isoformat()}: "
                                              f"{regime.title} allows {latest.isoformat()} at the latest without an "
                                              "exemption")


# The schedule an older order's instruction names (`XGDS-2`, `GDS 11/17/85`, `RDS-3 6/5/99`)
_SCHEDULE = patterns.compile(SCHEDULE)


def _markings(ctx: Context):
    """(marking, span) of indefinite markings, older orders' schedules and exemption codes on the
    E.O. line."""
    eo = ctx.cable.eo
    if eo is None:
        return
    if eo.kind == "indefinite":
        yield eo.instruction, _instruction_span(ctx)
    # (judged where the order cited is the one in force: a schedule under another order is D006's)
    schedule = _SCHEDULE.match(eo.instruction or "") if eo.kind == "legacy" else None
    if schedule is not None and ctx.regimes and eo.order in ctx.regimes[0].cites:
        yield schedule.group(), _instruction_span(ctx)
    for exemption in eo.exemptions:
        yield exemption.code, exemption.span


def prohibited_marking(ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    if not ctx.regimes:
        return
    # (markings forbidden for one reason are one finding: `DECL: X5, X6` is one instruction)
    by_reason: dict[str, list] = {}
    cited = ctx.cited_out_of_force
    for marking, span in _markings(ctx):
        if cited is not None and marking not in cited.forbidden:
            continue  # allowed by the order the E.O. line cites: the order is the slip (D006), not this
        if all(marking in r.forbidden for r in ctx.regimes):
            by_reason.setdefault(ctx.regimes[0].forbidden[marking], []).append((marking, span))
    for reason, found in by_reason.items():
        names = ", ".join(f"'{marking}'" for marking, _span in found)
        yield Finding(found[0][1], f"{names} {'is' if len(found) == 1 else 'are'} not allowed: {reason}")


def order_not_in_force(ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    eo = ctx.cable.eo
    if eo is None or eo.order is None or eo.kind == "declassified":
        return  # a release marking rewrites the E.O. line of a declassified copy
    regimes = ctx.ruleset.regimes
    if not any(eo.order in r.cites for r in regimes):
        known = ", ".join(sorted({c for r in regimes for c in r.cites}))
        yield Finding(eo.order_span, f"E.O. {eo.order} is not a known executive order on classification ({known})")
        return
    if ctx.origin_date is not None and ctx.regimes and eo.order not in ctx.regimes[0].cites:
        origin = ctx.origin_date
        # (between its signing and its effect for markings, say both: the order existed, its marking rules did not yet)
        cited = next((r for r in regimes if eo.order in r.cites and r.signed and r.signed <= origin < r.start), None)
        when = f" (signed on {cited.signed.isoformat()}, in effect for markings from {cited.start.isoformat()})" \
            if cited is not None else ""
        yield Finding(eo.order_span, f"E.O. {eo.order} was not in force on {origin.isoformat()}{when}: "
                                     f"{ctx.regimes[0].title} was")


def not_applicable_on_classified(ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    eo = ctx.cable.eo
    if eo is not None and eo.kind == "na" and ctx.classified:
        yield Finding(_instruction_span(ctx), f"'N/A' on the E.O. line of a {ctx.cable.level} cable: a classified "
                                              "cable needs a declassification instruction")


def declassification_on_unclassified(ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    eo = ctx.cable.eo
    # (a date written as such, or the day E.O. 12065's general schedule names: `GDS 7/12/85 (DOE, J.)`)
    if eo is not None and (eo.kind == "date" or (eo.kind == "legacy" and eo.date is not None)) and ctx.level_rank == 0:
        yield Finding(_instruction_span(ctx), f"an UNCLASSIFIED cable carries a declassification date "
                                              f"({eo.instruction}); write 'E.O. {eo.order}: N/A'")


def declassification_due(ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    state = declassification.status(ctx)
    if state.kind != declassification.DUE:
        return
    eo, banner = ctx.cable.eo, ctx.cable.banner
    # at the instruction; without one, on the E.O. line itself (a point past its end may lie past the line)
    span = (eo.instruction_span or eo.span) if eo else (banner.level_span if banner else Span(1, 1, 1, 1))
    yield Finding(span, f"due for declassification as of {ctx.as_of.isoformat()}: {state.reason}")


_YEAR_FIRST = patterns.compile(r"\d{4}\s?[/.-]")
_COMPACT = patterns.compile(r"(?:19|20)\d{6}")  # (E.O. 13526's form: `20310229`)


def unknown_exemption(ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    if ctx.cable.eo is not None and ctx.cable.eo.kind == "legacy":
        yield from _unknown_category(ctx, ctx.cable.eo)
    if ctx.cable.eo is None or not ctx.cable.eo.exemptions:
        return  # nothing to judge (most cables)
    regimes = ctx.regimes or ctx.ruleset.regimes
    known = declassification.known_exemptions(ctx)  # the same set the release gate trusts
    origin = ctx.origin_date
    cited = ctx.cited_out_of_force
    for exemption in (ctx.cable.eo.exemptions if ctx.cable.eo else ()):
        if cited is not None and exemption.code in cited.exemptions:
            continue  # a code of the order the E.O. line cites: the order is the slip (D006), not this
        if exemption.code not in known:
            yield Finding(exemption.span, f"'{exemption.code}' is not an exemption code of "
                                          f"{' or '.join(r.title for r in regimes[:2])}")
            continue
        since = ctx.regimes[0].exemptions_from.get(exemption.code) if ctx.regimes and origin else None
        if since is not None and origin < since:
            yield Finding(exemption.span, f"'{exemption.code}' is an exemption code only from {since.isoformat()}, "
                                          f"after the cable's origin date {origin.isoformat()}")


# An older order's exemption schedule with its category (`XGDS-2`, `XGDS 2`, `RDS-3`); not the general
# schedule's day (`GDS 3/15/86`: E.O. 12065's GDS has no categories, and its date follows it)
_CATEGORY = patterns.compile(r"(?P<schedule>XGDS|RDS)[ -]?(?P<number>\d{1,2})(?![\d/.-])")


def _unknown_category(ctx: Context, eo) -> Iterator[Finding]:
    """An exemption category no older order's schedule has (`XGDS-5`: E.O. 11652 exempts in four)."""
    found = _CATEGORY.match(eo.instruction or "")
    known = frozenset().union(*(r.legacy for r in ctx.ruleset.regimes))
    if found is None or not known:
        return
    code = f"{found['schedule']}-{int(found['number'])}"
    if code not in known:
        orders = [r.title for r in ctx.ruleset.regimes if found["schedule"] in r.legacy]
        yield Finding(eo.instruction_span or eo.span, f"'{code}' is not an exemption category of "
                                                      f"{' or '.join(orders[:2]) or 'any order'}")


def origin_date_unknown(ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    if ctx.origin_date is not None:
        return
    routing = ctx.cable.routing
    dtg = routing.dtg if routing is not None else None
    if dtg is not None and dtg.when is None:  # (`P 311530Z NOV 08`: written, but no day of the calendar)
        yield Finding(Span(1, 1, 1, 1), f"the origin date is unknown (the date-time group '{dtg.text}' on line "
                                        f"{dtg.span.line} names no real day): date-dependent checks were skipped; "
                                        "give it with --date")
        return
    yield Finding(Span(1, 1, 1, 1), "the origin date is unknown (no date-time group such as 'P 021430Z JUL 09'): "
                                    "date-dependent checks were skipped; give it with --date")


_D = "C O N F I D E N T I A L ROME 000123\n"
RULES = (
    rule("D001",
         "a classified cable's E.O. line has no declassification instruction",
         "Every classified document carries a 'Declassify On' instruction (32 CFR 2001.21(a)(4)); in telegrams "
         "it is the DECL part of the E.O. line.", _D + "E.O. 12958: DECL:", _D + "E.O. 12958: DECL: 05/29/2013",
         missing_declassification),
    rule("D002",
         "the instruction looks like a date but is not a valid one (13/45/2019, 2/30/2015)",
         "A date that names no day cannot trigger declassification; records systems reject it.",
         "E.O. 12958: DECL: 02/30/2015", "E.O. 12958: DECL: 02/28/2015", malformed_date),
    rule("D003",
         "the declassification date is before the origin date",
         "Information cannot be declassified before it was classified; such a date is a typing error.",
         "(cable of 2008-04-02) E.O. 12958: DECL: 04/02/2003", "(cable of 2008-04-02) E.O. 12958: DECL: 04/02/2018",
         before_origin),
    rule("D004",
         "the date is further from origin than the regime allows without an exemption (10 or 25 years)",
         "E.O. 12958 section 1.6 limited classification to 10 years unless exempted; as amended (2003) and "
         "under E.O. 13526 section 1.5 the limit is 25 years (32 CFR 2001.12(a)).",
         "(cable of 2008-04-02) E.O. 12958: DECL: 04/02/2048", "(cable of 2008-04-02) E.O. 12958: DECL: 04/02/2033",
         duration_exceeds_limit),
    rule("D005",
         "a marking the regime forbids: OADR or MR after E.O. 12958, X1-X8 after 22 September 2003",
         "OADR belonged to E.O. 12356; the X1-X8 exemptions 'can no longer be used' since ISOO Directive No. 1 "
         "(22 September 2003); E.O. 13526 allows no indefinite classification (32 CFR 2001.12(c)). The "
         "schedules of the older orders belong to their own years: GDS and XGDS to E.O. 11652 (1972 to "
         "November 1978), GDS and RDS to E.O. 12065 (December 1978 to 1982).",
         "(cable of 2008) E.O. 12958: DECL: X1", "(cable of 2008) E.O. 12958: DECL: 04/02/2033",
         prohibited_marking),
    rule("D006",
         "the cited executive order is unknown (E.O. 12598) or was not in force on the origin date",
         "A cable is classified under the order in force when it is written: E.O. 12356 to 14 October 1995, "
         "E.O. 12958 (amended by E.O. 13292 from 2003) to 25 June 2010, then E.O. 13526.",
         "E.O. 12598: DECL: 05/29/2013", "E.O. 12958: DECL: 05/29/2013", order_not_in_force),
    rule("D007", "N/A on the E.O. line of a classified cable",
         "'N/A' is how unclassified telegrams fill the E.O. line; a classified cable needs a declassification "
         "instruction (32 CFR 2001.21(a)(4)).", _D + "E.O. 12958: N/A", _D + "E.O. 12958: DECL: 05/29/2013",
         not_applicable_on_classified),
    rule("D008", "an UNCLAS cable carries a declassification date",
         "Unclassified information is not declassified; the date suggests the banner or the E.O. line is wrong.",
         "UNCLAS ROME 000123\nE.O. 12958: DECL: 05/29/2013", "UNCLAS ROME 000123\nE.O. 12958: N/A",
         declassification_on_unclassified),
    rule("D009",
         "the declassification date has passed on the as-of date, or the cable is 25 years old and not exempted",
         "Information is declassified on its date (E.O. 13526 section 1.5) and, in permanent records, on 31 "
         "December of the year 25 years after origin unless exempted (section 3.3; 32 CFR 2001.30).",
         "(as of 2026) E.O. 12958: DECL: 04/02/2018", "(as of 2026) E.O. 12958: DECL: 04/02/2031",
         declassification_due),
    rule("D010", "an exemption code the regime does not define (25X12, X9), or an exemption category no older "
                 "order's schedule has (XGDS-5)",
         "E.O. 12958 section 1.6(d) defined X1 to X8; the 25-year exemptions are 25X1 to 25X9, and 50X1-HUM and "
         "50X2-WMD (E.O. 13526 section 3.3; 32 CFR 2001.26). The older orders' schedules name their categories "
         "(rules/regimes.yaml, legacy). Any other code exempts nothing.",
         "E.O. 12958: DECL: 25X12", "E.O. 12958: DECL: 25X1, 20500101", unknown_exemption),
    rule("D011",
         "no origin date could be resolved; date-dependent checks were skipped",
         "The regime, the duration limit and the dates of markings depend on when the cable was written "
         "(32 CFR 2001.21(e): the date of origin must be apparent); give it with --date when the text lacks it.",
         "C O N F I D E N T I A L ROME 000123   (no routing header)", "P 021430Z JUL 09\n...", origin_date_unknown),
)
