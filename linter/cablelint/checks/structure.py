"""S: structure. The elements every cable carries, and their agreement with each other."""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping, Optional

from .. import patterns
from ..parse.artefacts import REDACTION, released, withheld
from ..parse.model import Caption
from ..parse.scanner import EXACT_LEVEL_SPELLINGS
from .context import Context
from .diagnostics import Finding
from .registry import rule

_SPACED = {"TOP SECRET": "T O P S E C R E T", "SECRET": "S E C R E T",
           "CONFIDENTIAL": "C O N F I D E N T I A L", "UNCLASSIFIED": "UNCLAS"}


def missing_classification_line(ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    if ctx.cable.banner is not None:
        return
    routing = ctx.cable.routing
    hint = f" (the routing header says {routing.security_level})" if routing and routing.security_level else ""
    yield Finding(ctx.expected_after(routing.span if routing else None),
                  f"the cable has no classification line such as 'C O N F I D E N T I A L POST 000123'{hint}")


def unknown_classification(ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    banner = ctx.cable.banner
    if banner is None or banner.level_exact:
        return
    written = ctx.cable.lines[banner.level_span.line - 1][banner.level_span.column - 1:banner.level_span.end_column - 1]
    if ctx.cable.artefact("retyped") is not None and written.upper() in EXACT_LEVEL_SPELLINGS:
        return  # a re-typed copy (X006) spells the level right in its case; a garble is still one (`ss e c r e t`)
    yield Finding(banner.level_span, f"'{written}' is not a classification level as written; "
                                     f"did you mean '{_SPACED.get(banner.level, banner.level)}'?",
                  suggestion=_SPACED.get(banner.level))


def _missing(element: str, what: str, after: tuple[str, ...], lost_in_reflow: bool = False):
    def check(ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
        # a record the publisher cut where its header stood (X003) lacks what was cut, not what the
        # drafter left out; the publisher's re-flowed copies dropped the SUBJECT line of many cables
        # (reviewed by hand); a cable older than every order known cites none on an E.O. line
        if getattr(ctx.cable, element) is None and not ctx.header_may_be_missing \
                and not (lost_in_reflow and ctx.cable.reflowed) and not (element == "eo" and ctx.before_every_regime):
            spans = ctx.header_spans
            yield Finding(ctx.expected_after(*(spans[k] for k in after)), what(ctx) if callable(what) else what)
    return check


def _no_eo_line(ctx: Context) -> str:
    """What S003 says: the E.O. line's form under the order in force on the cable's date (12958's
    when the date or the order is unknown, as on most cables)."""
    order = ctx.regimes[0].cites[0] if len(ctx.regimes) == 1 and ctx.regimes[0].cites else "12958"
    if order == "12958":
        return "the cable has no E.O. line ('E.O. 12958: DECL: mm/dd/yyyy' or 'E.O. 12958: N/A')"
    return f"the cable has no E.O. line ('E.O. {order}:' and its declassification instruction, or 'E.O. {order}: N/A')"


def section_mismatch(ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Markers that contradict each other: a total that differs, a section above the total, a section
    lower than one before it. A marker that is only absent is not reported: published copies drop
    many of them, and text missing with it shows as a gap in the paragraph numbers (S007)."""
    banner = ctx.cable.banner
    first = banner.section if banner is not None else None
    if first is not None and first.number > first.total:
        yield Finding(first.span, f"section {first.number} of {first.total}: the section number is above the total")
    if not ctx.cable.section_breaks or ctx.cable.spliced:
        return
    total = first.total if first is not None else ctx.cable.section_breaks[0].total
    highest = first.number if first is not None else 0
    for brk in ctx.cable.section_breaks:
        if brk.total != total:
            yield Finding(brk.span,
                          f"section break says {brk.section} OF {brk.total} but the cable has {total} sections")
            return  # one finding: the rest of the markers say the same
        if brk.section > brk.total:
            yield Finding(brk.span,
                          f"section break {brk.section} OF {brk.total}: the section number is above the total")
        elif brk.section < highest and brk.section != 1:  # (restarting at 1: the text is repeated)
            yield Finding(brk.span, f"section break {brk.section} OF {brk.total} comes after section {highest}: "
                                    "the sections are out of order")
        highest = max(highest, brk.section)


def paragraph_numbering(ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    """One finding per break in the numbering, where it is: a paragraph numbered wrongly between two
    right ones, a repeat, a step back (once: the run it starts is followed), a gap. A restart at 1
    begins another text (a quoted document, a copy repeated by the publisher) and ends the judging,
    as does a second cable run on after this one (X005); paragraphs repeated word for word are the
    publisher's copy (across a page break); a gap whose number stands inside the text before it
    (`... end of a sentence. 4. The next ...`, re-flowed) is no gap."""
    if ctx.text_may_be_missing:
        return
    cable = ctx.cable
    heads = ctx.paragraphs
    previous = 0
    if heads and heads[0].number == 2 and cable.portions and cable.portions[0].span.line < heads[0].span.line:
        previous = 1  # an unnumbered marked paragraph before paragraph 2 stands for paragraph 1
    if heads and _a_later_part(cable):
        previous = heads[0].number - 1  # the numbering goes on from the report's earlier part
    shuffled = _shuffled(heads, previous + 1)
    if shuffled is not None:
        yield shuffled
        return
    for index, paragraph in enumerate(heads):
        if paragraph.number == 1 and previous:
            return
        message, previous = _numbering_after(ctx, heads, index, previous)
        if message is not None:
            yield Finding(paragraph.number_span, message)


def _numbering_after(ctx: Context, heads: list, index: int, previous: int) -> tuple[Optional[str], int]:
    """What paragraph `index`, after paragraph `previous`, says of the numbering: a message (None
    when the number is right or its break excused) and the number the next paragraph follows."""
    number = heads[index].number
    following = heads[index + 1].number if index + 1 < len(heads) else None
    if number == previous + 1:
        return None, number
    if number <= previous and _repeats_earlier(ctx, heads, index):
        return None, number  # the publisher's copy of paragraphs already given
    if following == previous + 2 and number not in (previous, following):
        return (f"paragraph {number} stands between paragraphs {previous} and {following}: "
                f"it should be {previous + 1}"), previous + 1
    if number == previous:
        return f"paragraph {number} is numbered twice", previous
    if number < previous:  # the run it starts is followed: one finding for the step, not one per paragraph
        return f"paragraph {number} comes after paragraph {previous}: the numbering goes backwards", number
    if _numbers_in_text_before(ctx, index, previous + 1, number) or _redacted_before(ctx, index) \
            or _garbled_before(ctx, index):
        return None, number  # the missing heads stand in a re-flowed line; a redaction (X004) or a garble took them
    missing = f"paragraph {previous + 1} is" if number == previous + 2 else \
        f"paragraphs {previous + 1} to {number - 1} are"
    after = f"follows paragraph {previous}" if previous else "is the first numbered paragraph"
    return f"paragraph {number} {after}: {missing} missing", number


def _shuffled(heads: list, first: int) -> Optional[Finding]:
    """One finding where every number from `first` on stands once but not in order (sections put
    together out of order, as an archive's separate records of them are): the paragraphs are all
    there, so no gap is one, and the step back is the same defect. None for any other numbering."""
    numbers = [h.number for h in heads]
    restart = next((i for i, n in enumerate(numbers) if i and n == 1), len(numbers))  # (another text from there,
    for run in (numbers, numbers[:restart]):  # unless the whole numbering is the one shuffled: 3, 4, 1, 2)
        if len(run) >= 3 and sorted(run) == list(range(first, first + len(run))) and run != sorted(run):
            break
    else:
        return None
    at = next(i for i, n in enumerate(run) if n != (run[i - 1] + 1 if i else first))
    expected = run[at - 1] + 1 if at else first
    where = heads[run.index(expected)].span.line
    after = f"follows paragraph {run[at - 1]}" if at else "is the first numbered paragraph"
    return Finding(heads[at].number_span, f"paragraph {run[at]} {after}, and paragraph {expected} stands later "
                                          f"(line {where}): the paragraphs are out of order")


# `(PART 2 OF 2)`, `PART THREE OF THREE`: one report sent as several cables, numbered through
_PART = patterns.compile(
    r"\bPART\s+(\d{1,2}|TWO|THREE|FOUR|FIVE|SIX|II|III|IV|V|VI)\s+OF\s+(?:\d{1,2}|[A-Z]{2,5})\b", re.I)


def _a_later_part(cable) -> bool:
    """The subject says the cable is a later part of a report sent in parts."""
    found = _PART.search(cable.subject.text) if cable.subject is not None else None
    return found is not None and found.group(1) not in ("1", "01")


def _repeats_earlier(ctx: Context, heads: list, index: int) -> bool:
    """Paragraph `index` begins with the same words as an earlier paragraph of its number."""
    def opening(paragraph) -> str:
        line = ctx.cable.lines[paragraph.span.line - 1]
        return " ".join(line[paragraph.number_span.end_column - 1:].split())[:60]

    def same(a: str, b: str) -> bool:  # a copy may differ by a garbled character or two
        return len(a) == len(b) and sum(x != y for x, y in zip(a, b)) <= 2

    here = heads[index]
    words = opening(here)
    return len(words) >= 20 and any(p.number == here.number and same(opening(p), words) for p in heads[:index])


def _text_before(ctx: Context, index: int) -> str:
    """The text from paragraph `index - 1`'s head (or the top) up to paragraph `index`'s head, by
    line and column: heads of a body re-flowed onto one line stand on the same line."""
    heads, lines = ctx.cable.paragraphs, ctx.cable.lines
    end = heads[index].span
    start = heads[index - 1].span if index else None
    first_line, first_column = (start.line, start.column) if start is not None else (1, 1)
    if first_line == end.line:
        return lines[end.line - 1][first_column - 1:end.column - 1]
    return "\n".join([lines[first_line - 1][first_column - 1:], *lines[first_line:end.line - 1],
                      lines[end.line - 1][:end.column - 1]])


def _redacted_before(ctx: Context, index: int) -> bool:
    """A redaction, or in a released copy a line of its FOIA codes standing for text withheld with its
    numbers (`B1`), before paragraph `index` (elsewhere `B1` alone may be a visa's class in a list)."""
    text = _text_before(ctx, index)
    return _REDACTION.search(text) is not None or (
        any(map(withheld, text.split("\n")[1:])) and released("\n".join(ctx.cable.lines)))


_REDACTION = patterns.compile(REDACTION)
# Text garbled in transmission (`MarchQQQ8'Ve's`, `doJnLRT2\Xanging`): capitals and a digit or a
# backslash run into a lower-case word, which no word, name or address of a cable does
_GARBLE = patterns.compile(r"[a-z][A-Z]{2,}[0-9\\](?![^\s@]*@)")


def _garbled_before(ctx: Context, index: int) -> bool:
    return _GARBLE.search(_text_before(ctx, index)) is not None


def _numbers_in_text_before(ctx: Context, index: int, first: int, last: int) -> bool:
    """Whether the missing numbers `first`..`last - 1` each start a sentence in the text between
    paragraph `index - 1` (or the header) and paragraph `index`: heads run into a re-flowed line."""
    text = _text_before(ctx, index)
    return all(re.search(rf"(?:^|[.:;!?)\"'\]-]\s+)(?:\u00b6\s?)?{n}\s?\.\s", text, re.M) for n in range(first, last))


def dangling_reference(ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    if ctx.text_may_be_missing:
        return
    # A reference past the last paragraph points nowhere; one to a number the text skips is S007's gap.
    last = max((p.number for p in ctx.cable.paragraphs), default=0)
    if last < 2:
        return  # a text without numbered paragraphs, or with one, is not read for its numbering
    for ref in ctx.cable.paragraph_refs:
        if ref.number > last and not ctx.sections_missing:  # (it may stand in a section the file lacks)
            yield Finding(ref.span,
                          f"the text points to paragraph {ref.number}, but the cable ends at paragraph {last}")


def routing_mismatch(ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    routing, banner = ctx.cable.routing, ctx.cable.banner
    if routing is None or banner is None or not routing.security_level or routing.security_span is None:
        return
    if ctx.cable.spliced:
        return  # the classification line is another cable's (X005)
    if routing.security_level != banner.level:
        yield Finding(routing.security_span, f"the routing security line says {routing.security_level} "
                                             f"but the classification line says {banner.level}")


def marking_not_in_force(ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    day = ctx.origin_date
    if day is None:
        return
    marked = [(c.name, c.raw, c.span) for c in ctx.cable.captions]
    banner = ctx.cable.banner
    if banner is not None:
        marked += [(name, name, banner.level_span) for name in banner.controls]
    marked += _first_portion_marks(ctx, {name for name, _raw, _span in marked})
    said: set[str] = set()
    for name, raw, span in marked:
        if name in said:
            continue  # (one marking out of its period is one finding: `LIMITED OFFICIAL USE` is the level's LOU)
        said.add(name)
        caption = ctx.ruleset.captions.get(name)
        if caption is None or (name == "SBU" and ctx.classified):
            continue  # (SBU marks unclassified text: a classified cable's SENSITIVE is a caption of its own)
        if caption.start is not None and day < caption.start:
            yield Finding(span, f"'{raw}' did not exist before {caption.start.isoformat()} "
                                f"(cable dated {day.isoformat()})", severity=caption.out_of_period)
        elif caption.end is not None and day >= caption.end:
            yield Finding(span, f"'{raw}' ceased to exist on {caption.end.isoformat()} (cable dated {day.isoformat()})",
                          severity=caption.out_of_period)


def _first_portion_marks(ctx: Context, on_lines: set[str]) -> list[tuple]:
    """(control, mark, span) of the first portion mark carrying each control the header's lines do
    not (`1. (LOU) ...`): a marking of its period, as on the classification line (marking-rules.md
    2.3: LOU ended on 1 October 1995), said once for the cable."""
    first: dict[str, tuple] = {}
    for _place, mark, meaning, _rank in ctx.portion_marks:  # (in cable order)
        for name in meaning.controls:
            if name not in on_lines and name not in first:
                first[name] = (name, mark.raw, mark.span)
    return list(first.values())


def conflicting_captions(ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    captions = {c.name: c for c in reversed(ctx.cable.captions)}
    for caption in ctx.cable.captions:
        definition = ctx.ruleset.captions.get(caption.name)
        for other in (definition.excludes if definition else ()):
            if other in captions:
                yield Finding(captions[other].span,
                              f"'{caption.raw}' may not be combined with '{captions[other].raw}'; "
                              "the more restrictive caption controls")
    by_name: dict[str, Caption] = {}  # (one channel written twice, `ROGER` / `ROGER CHANNEL`, is one channel)
    for c in ctx.cable.captions:
        if ctx.ruleset.captions.get(c.name) and ctx.ruleset.captions[c.name].kind == "channel":
            by_name.setdefault(c.name, c)
    channels = list(by_name.values())
    for extra in channels[1:]:
        yield Finding(extra.span, f"a cable may carry only one channel caption: '{channels[0].raw}' and '{extra.raw}'")


_LABELS = {"TAGS": "TAGS:", "SUBJECT": "SUBJECT:", "CLASSIFIED BY": "Classified By:"}


def misspelt_label(ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    cable = ctx.cable
    by = cable.classified_by
    labels = [("TAGS", cable.tags and cable.tags.label), ("SUBJECT", cable.subject and cable.subject.label)]
    for name, label in labels:
        if label is not None and label.misspelt:
            yield Finding(label.span, f"the {name} label is written '{label.text}'; write '{_LABELS[name]}'",
                          suggestion=_LABELS[name])
    if by is not None and by.label_misspelt and by.label_span is not None:
        yield Finding(by.label_span, f"the Classified By label is written '{by.label}'; write 'Classified By:'",
                      suggestion="Classified By:")


_EXAMPLE = ("C O N F I D E N T I A L MADRID 001731\n\nSIPDIS\n\nE.O. 12958: DECL: 05/12/2014\nTAGS: PREL SP\n"
            "SUBJECT: DCM'S MEETING")

RULES = (
    rule("S001",
         "no classification line (S E C R E T ..., CONFIDENTIAL, UNCLAS, ...)",
         "5 FAH-2 H-222: every telegram begins with a classification or an administrative control "
         "designation; without it neither the system nor the reader knows how to protect the text.",
         "SIPDIS\n\nE.O. 12958: DECL: 05/12/2014", _EXAMPLE, missing_classification_line),
    rule("S002",
         "a line in the banner position looks like a classification line but names no known level",
         "Only TOP SECRET, SECRET and CONFIDENTIAL identify classified information (32 CFR 2001.24(a)); "
         "a garbled banner ('E C R E T', 'C O N F I D E N T A L') may be misread by people and systems.",
         "S E C R T MADRID 001731", "S E C R E T MADRID 001731", unknown_classification),
    rule("S003", "no E.O. line",
         "The E.O. line names the order the cable is classified under and its declassification "
         "instruction (32 CFR 2001.21(a)(4)); unclassified cables write 'E.O. 12958: N/A'.",
         "C O N F I D E N T I A L MADRID 001731\nTAGS: PREL SP", _EXAMPLE,
         _missing("eo", _no_eo_line, ("routing", "banner", "captions"))),
    rule("S004", "no TAGS line",
         "TAGS route and index every telegram (5 FAH-3, 5 FAH-2 H-250): a cable without them is misfiled.",
         "E.O. 12958: DECL: 05/12/2014\nSUBJECT: DCM'S MEETING", _EXAMPLE,
         _missing("tags", "the cable has no TAGS line", ("routing", "banner", "captions", "eo"))),
    rule("S005", "no SUBJECT line",
         "Every telegram carries a SUBJECT line (5 FAH-1 H-230), which records systems index.",
         "TAGS: PREL SP\n\n1. (C) Text.", _EXAMPLE,
         _missing("subject", "the cable has no SUBJECT line", ("routing", "banner", "captions", "eo", "tags"),
                  lost_in_reflow=True)),
    rule("S006",
         "section markers disagree (SECTION 01 OF 03 but a break says OF 004, a section above the total, out of order)",
         "Long telegrams are sent in numbered sections (5 FAH-2); markers that disagree mean a section "
         "is missing or misnumbered and the record may be incomplete.",
         "S E C R E T SECTION 01 OF 03 ROME 000123\n...\nROME 00000123 002 OF 004",
         "S E C R E T SECTION 01 OF 02 ROME 000123\n...\nROME 00000123 002 OF 002", section_mismatch),
    rule("S007", "numbered paragraphs skip, repeat or go backwards",
         "5 FAH-1 H-246.2: paragraphs are numbered consecutively; gaps and repeats break references "
         "such as 'see para 6' and suggest lost text.",
         "1. (C) First.\n3. (C) Third.", "1. (C) First.\n2. (C) Second.", paragraph_numbering),
    rule("S008",
         "SEE PARA N / PARA N BELOW points to a paragraph that does not exist",
         "Action requests point to the paragraph holding the request (5 FAH-1 H-210); a reference to a "
         "missing paragraph leaves the action unclear.",
         "ACTION REQUEST - SEE PARA 7.\n1. (C) Text.\n2. (C) Request.",
         "ACTION REQUEST - SEE PARA 2.\n1. (C) Text.\n2. (C) Request.", dangling_reference),
    rule("S009",
         "the routing header's security line (ZNY SSSSS, ZNY CCCCC, ZNR UUUUU) disagrees with the classification line",
         "The security line of the ACP-127 header (5 FAH-2 H-320) tells relay stations how to handle the "
         "message; it must match the classification line or the cable is handled at the wrong level.",
         "ZNY CCCCC ZZH\n...\nS E C R E T ROME 000123", "ZNY SSSSS ZZH\n...\nS E C R E T ROME 000123",
         routing_mismatch),
    rule("S010",
         "a marking used outside the period it existed (LIMITED OFFICIAL USE after 1995-10-01)",
         "LIMITED OFFICIAL USE ceased on 1 October 1995 and was replaced by SBU (00 STATE 018029); a portion "
         "marked (LOU) after that is reported once, at the first. A marking out "
         "of its period is an error, or a warning where the rule set says so (the SENSITIVE caption of SBU before "
         "October 1995). SIPDIS is not dated: 05 STATE 226504 (December 2005) restated it, but cables carried it "
         "long before (the 2003 seed among them), so no start is established.",
         "LIMITED OFFICIAL USE STATE 012345   (cable of 2004)", "UNCLAS STATE 012345\nSENSITIVE   (cable of 2004)",
         marking_not_in_force),
    rule("S011",
         "captions that exclude each other (SIPDIS with NODIS or EXDIS; two channel captions)",
         "SIPDIS may not be combined with NODIS or EXDIS: the more restrictive caption controls (05 STATE "
         "226504); a message can have only one channel caption (5 FAH-2 H-440).",
         "SIPDIS\nNODIS", "NODIS", conflicting_captions),
    rule("S012",
         "a header label misspelt (TAS:, AGS:, TAGS;, UBJECT:, SUBJECT without its colon, Classfied By)",
         "The TAGS and SUBJECT lines and the Classified By line are found by their labels (5 FAH-1 H-230, 32 CFR "
         "2001.21(a)); a misspelt label hides the field from records systems. The field is still read and "
         "checked, so it is not also reported as missing.",
         "AGS: PREL SP\nUBJECT: DCM'S MEETING", "TAGS: PREL SP\nSUBJECT: DCM'S MEETING", misspelt_label),
)
