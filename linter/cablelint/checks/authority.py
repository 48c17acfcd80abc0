"""A: classification authority. Who classified the cable, and for which reason."""

from __future__ import annotations

import functools
import re
from typing import Any, Iterator, Mapping, Optional

from .. import patterns
from ..parse.artefacts.records import REDACTION, withheld
from ..policy.rulesetmodel import RuleSet
from .context import Context
from .diagnostics import Finding
from .registry import rule


def _authority_required(ctx: Context) -> bool:
    """Classified, and (when the regime is known) under an order that requires the authority line;
    not when the cable is older than every order known."""
    if not ctx.classified:
        return False
    return (not ctx.regimes and not ctx.before_every_regime) or any(r.requires_authority for r in ctx.regimes)


_CUT_LABEL = patterns.compile(r"\s*(?:\(U\)\s*)?CLASSIF\w*(?:\s+BY)?\W*\.\.\.\s*$", re.I)


def _authority_cut_off(ctx: Context) -> bool:
    end = ctx.cable.paragraphs[0].span.line if ctx.cable.paragraphs else min(len(ctx.cable.lines), 80)
    return any(_CUT_LABEL.match(line) for line in ctx.cable.lines[:end])


def missing_classified_by(ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    # a publisher that cut the header (X003) or dropped its SUBJECT and authority block together left
    # no trace of the statement to judge; a header line cut off at 'Classified ...' is such a cut; a
    # section the markers name and the file lacks may hold it (written at the text's end)
    if ctx.classified_by is None and _authority_required(ctx) and not ctx.header_may_be_missing \
            and not ctx.last_section_missing \
            and ctx.cable.subject is not None and not _authority_cut_off(ctx):
        spans = ctx.header_spans
        where = ctx.expected_after(spans["banner"], spans["captions"], spans["eo"], spans["tags"], spans["subject"],
                                   spans["refs"])
        yield Finding(where, f"the {ctx.cable.level} cable has no 'Classified By:' line naming the classifier "
                             "and the reasons")


def incomplete_classified_by(ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    by = ctx.classified_by
    # a derivative classification names its source (and, from E.O. 13526's directive on, its
    # classifier too), a redaction (X004) hides the name, a cut preview (X003) lost the rest; the
    # orders before E.O. 12958 asked for no name and position (marking-rules.md 1.6), as for no line
    if by is None or not _authority_required(ctx) or by.redacted or by.cut:
        return
    if by.derived and not any(r.derivative_names_classifier for r in ctx.regimes):
        return
    missing = [part for part, value in (("name", by.name), ("position", by.position)) if not value]
    if missing:
        yield Finding(by.span, f"the Classified By line gives no {' and no '.join(missing)} of the classifier")


# The categories of E.O. 12958 section 1.5 named in words (marking-rules.md 1.2), as its reason
# could be given: `REASON: FOREIGN GOVERNMENT INFORMATION.`, `Reason: foreign relations`
_CATEGORY_IN_WORDS = patterns.compile(r"\b(?:FOREIGN\s+GOVERNMENT\s+INFORMATION|FGI|FOREIGN\s+(?:RELATIONS|ACTIVITIES)"
                                      r"|MILITARY\s+PLANS|INTELLIGENCE\s+(?:ACTIVITIES|SOURCES)|CRYPTOLOGY"
                                      r"|(?:SCIENTIFIC|TECHNOLOGICAL|ECONOMIC)\s+MATTERS|NUCLEAR\s+MATERIALS"
                                      r"|VULNERABILITIES\s+OR\s+CAPABILITIES)\b", re.I)
# (tried only where a run of X begins: from inside a long run it would be tried at each of its X's)
_REDACTION_ENDS = patterns.compile(rf"(?<![Xx])(?:{REDACTION})[\s.,;]*$")


def _withheld_statement(by) -> bool:
    """The statement after its label is FOIA exemption codes only (`Classified By: B1, B6`): withheld."""
    label = by.raw.lower().find(" by")
    return label >= 0 and withheld(by.raw[label + 3:].lstrip(":;, \t"))


# A categories section after the word reason, its letters left out (`for reasons 1.4.`)
_SECTION_CITED = patterns.compile(r"REASONS?\b.{0,30}?\b(?P<section>1\s?\.\s?[3-6])(?!\d)", re.I)


def missing_reason(ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    by = ctx.classified_by
    if by is None or by.reasons or by.derived or by.cut or not _authority_required(ctx):
        return  # a derivative classification carries its source, not a reason (32 CFR 2001.22)
    if _REDACTION_ENDS.search(by.raw) or _withheld_statement(by):
        return  # the redaction runs to the statement's end: what it hides may be the reasons (X004)
    if any(r.reason_section == "1.5" for r in ctx.regimes) and _CATEGORY_IN_WORDS.search(by.raw):
        return  # E.O. 12958 took a brief reference to the category for the reason (OMB 1312.8(a)(3))
    sections = sorted({r.reason_section for r in ctx.regimes if r.reason_section}) or ["1.4"]
    section = _SECTION_CITED.search(by.raw) if by.reason_stated else None
    what = f"section {section['section']} but no category letter" if section is not None \
        else "no classification reason with its section" if by.reason_stated else "no classification reason"
    yield Finding(by.span, f"the Classified By line cites {what}, such as 'Reasons {sections[0]} (b) and (d)'")


def _section_letters(ctx: Context) -> dict[str, frozenset[str]]:
    """Each categories section any regime defines, with its letters."""
    return _section_letters_of(ctx.ruleset)


@functools.lru_cache(maxsize=8)  # worked out once per rule set, not once per cable
def _section_letters_of(ruleset: RuleSet) -> dict[str, frozenset[str]]:
    sections: dict[str, set[str]] = {}
    for regime in ruleset.regimes:
        if regime.reason_section:
            sections.setdefault(regime.reason_section, set()).update(regime.reason_letters)
    return {k: frozenset(v) for k, v in sections.items()}


def invalid_reason(ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    by = ctx.classified_by
    if by is None:
        return
    sections = _section_letters(ctx)
    areas = _section_areas(ctx.ruleset)
    judged = {r.reason_section for r in ctx.regimes if r.reason_section}
    for reason in by.reasons:
        # letters of the section as cited; a section no order has is judged by the regime in force
        section = reason.section if reason.section in sections else next(iter(sorted(judged)), None)
        allowed = sections.get(section, frozenset())
        most = areas.get(section)
        no_letter = allowed and reason.letter not in allowed
        no_area = most and reason.area is not None and not 1 <= reason.area <= most  # (E.O. 12356's `1.3(a)(11)`)
        if no_letter or no_area:
            yield Finding(reason.span, f"reason {reason.text} does not exist: " + _categories(section, allowed, most))


def _categories(section: str, letters: frozenset[str], areas: Optional[int]) -> str:
    """How the categories of `section` are cited: `the categories of section 1.4 are (a) to (h)`, `the
    areas of section 1.3 are cited (a)(1) to (a)(10)`."""
    if areas:
        letter = min(letters)
        return f"the areas of section {section} are cited ({letter})(1) to ({letter})({areas})"
    return f"the categories of section {section} are ({min(letters)}) to ({max(letters)})"


@functools.lru_cache(maxsize=8)  # worked out once per rule set, not once per cable
def _section_areas(ruleset: RuleSet) -> dict[str, int]:
    """Each categories section whose order numbers areas under its letter, with how many."""
    return {r.reason_section: r.reason_areas for r in ruleset.regimes if r.reason_section and r.reason_areas}


def wrong_reason_section(ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    by = ctx.classified_by
    if by is None or not ctx.regimes:
        return
    expected = {r.reason_section: r for r in ctx.regimes if r.reason_section}
    if not expected:
        return
    reported = set()
    cited = ctx.cited_out_of_force
    for reason in by.reasons:
        if not reason.section or reason.section in expected or reason.section in reported:
            continue  # letters without a section cite no section to be wrong
        if cited is not None and reason.section == cited.reason_section:
            continue  # the section of the order the E.O. line cites: the order is the slip (D006), not this
        reported.add(reason.section)
        section, regime = next(iter(expected.items()))
        yield Finding(reason.section_span or reason.span,
                      f"reason section {reason.section} is not the categories section of "
                                   f"{regime.title}, which is {section}")


def classified_by_on_unclassified(ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    by = ctx.classified_by
    if by is not None and ctx.level_rank == 0:
        yield Finding(by.span, "an UNCLASSIFIED cable carries a Classified By line")


RULES = (
    rule("A001", "a classified cable has no Classified By line",
         "E.O. 12958 section 1.7 and 32 CFR 2001.21(a)(1) require the identity and position of the original "
         "classification authority; State telegrams put it in the Classified By paragraph (5 FAH-1 H-240).",
         "SUBJECT: TALKS\n\n1. (C) Text.",
         "SUBJECT: TALKS\n\nClassified By: Ambassador Jane Doe, Reasons 1.4 (b) and (d).\n\n1. (C) Text.",
         missing_classified_by),
    rule("A002",
         "the Classified By line names no person, or no position or title",
         "The classifier is identified by name (or personal identifier) and position (32 CFR 2001.21(a)(1); "
         "5 FAH-1 H-240: 'Classified by John Doe, Ambassador'). Under E.O. 13526's directive a derivative "
         "classification, which gives its source ('Derived From'), names its classifier too (32 CFR 2001.22(b)). "
         "The orders before E.O. 12958 (section 1.7) asked for neither, as they asked for no Classified By line.",
         "Classified By: Ambassador; Reasons 1.4 (b) and (d).",
         "Classified By: Ambassador Jane Doe; Reasons 1.4 (b) and (d).", incomplete_classified_by),
    rule("A003", "a classified cable cites no classification reason",
         "An original classification cites its reason: section 1.5 of E.O. 12958 (1995-2003), or a brief "
         "reference to the category there (OMB 1312.8(a)(3)), section 1.4 after (32 CFR 2001.21(a)(3)).",
         "Classified By: Ambassador Jane Doe.", "Classified By: Ambassador Jane Doe, Reasons 1.4 (b) and (d).",
         missing_reason),
    rule("A004", "a cited category does not exist in the regime (1.4 (k), 1.5 (h))",
         "The classification categories are lettered (a) to (g) in E.O. 12958 section 1.5 and (a) to (h) in "
         "section 1.4 of E.O. 12958 as amended and E.O. 13526; any other letter cites nothing.",
         "Classified By: Ambassador Jane Doe, Reasons 1.4 (k).",
         "Classified By: Ambassador Jane Doe, Reasons 1.4 (b).", invalid_reason),
    rule("A005",
         "the reason cites the section of another regime (1.5 under E.O. 13292/13526, 1.4 under the original "
         "E.O. 12958)",
         "ISOO Directive No. 1 of 22 September 2003: 'Cite for this line is now Section 1.4 not 1.5'; before "
         "that date E.O. 12958 listed the categories in section 1.5.",
         "(cable of 2008) Reasons 1.5 (b) and (d)", "(cable of 2008) Reasons 1.4 (b) and (d)",
         wrong_reason_section),
    rule("A006", "an UNCLAS cable has a Classified By line",
         "An unclassified telegram carries no classification authority (its E.O. line reads N/A); a Classified "
         "By line suggests the banner is wrong.",
         "UNCLAS ROME 000123\nClassified By: Ambassador Jane Doe, Reasons 1.4 (b).", "UNCLAS ROME 000123",
         classified_by_on_unclassified),
)
