"""P: portion marking. Every paragraph marked, marks well formed and consistent with the banner."""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping, Optional

from .. import patterns
from ..parse.artefacts import REDACTION, cut_head, withheld
from ..parse.elements import LOWER_CASE_LEVEL, NO_CLOSE
from ..parse.scanner import SBU_WORDS
from .context import Context
from .diagnostics import Finding
from .registry import rule

_ENTIRE_TEXT = patterns.compile(r"\bENTIRE\s+TEXT\b", re.I)


def _what(place: object) -> str:
    """A portion mark's place (`Context.portion_marks`) in words: "the subject", "paragraph 3"."""
    return place if isinstance(place, str) else f"paragraph {place}"


def _whole_text_marked(ctx: Context) -> bool:
    """The whole text is marked once ('1. CONFIDENTIAL - ENTIRE TEXT.', 'Sensitive but
    unclassified - entire text.') before or in the first paragraph; in an unclassified cable, a
    statement that it is sensitive but unclassified ('SENSITIVE BUT UNCLASSIFIED, NOT FOR INTERNET
    DISTRIBUTION', 'This cable is sensitive but unclassified') covers every paragraph."""
    first = ctx.paragraphs[0] if ctx.paragraphs else None
    if first is None:
        return False
    start = max(0, first.span.line - 12)
    lines = [line[-300:] if len(line) > 600 else line[:300] for line in ctx.cable.lines[start:first.span.line + 1]]
    if any(_ENTIRE_TEXT.search(line) for line in lines):
        return True
    # (a drafter who marks the paragraphs one by one has not used the whole-text form: one left
    # unmarked among them is a slip)
    banner_line = ctx.cable.banner.span.line if ctx.cable.banner is not None else 0
    return not ctx.classified and all(p.mark is None for p in ctx.paragraphs) and any(
        _SBU_STATEMENT.search(line) for number, line in enumerate(lines, start=start + 1) if number != banner_line)


_SBU_STATEMENT = patterns.compile(rf"\b{SBU_WORDS}\b", re.I)
# Marks on the bullets or sub-paragraphs of a heading paragraph (`1. Key points: -- (C) ...`)
_MARKED_ITEM = patterns.compile(
    r"(?:^|-{1,3}|[\u2013\u2014]{1,2}|\u2022|:|[A-Z]\.)[ \t]*"  # (a dash as a web page sets it)
    r"\((?:TS|S|C|U|SBU)(?:/[A-Z][A-Z ,/-]{0,30})?\)", re.M)


_HANDLING = patterns.compile(rf"\W*(?:THIS\s+(?:CABLE|MESSAGE|TELEGRAM)\s+IS\s+)?{SBU_WORDS}\b", re.I)


def _handling_statement(ctx: Context, paragraph) -> bool:
    """`1. THIS CABLE IS SENSITIVE BUT UNCLASSIFIED. NOT FOR INTERNET DISTRIBUTION.`: the handling
    statement written as a paragraph is the text's mark, not a portion that needs one."""
    line = ctx.cable.lines[paragraph.span.line - 1]
    return not ctx.classified and _HANDLING.match(line, paragraph.number_span.end_column - 1) is not None


def _items_marked(ctx: Context, index: int) -> bool:
    """Paragraph `index` is a heading whose bullets or lettered items carry the marks."""
    heads = ctx.paragraphs
    paragraph = heads[index]
    following = heads[index + 1] if index + 1 < len(heads) else None
    line = ctx.cable.lines[paragraph.span.line - 1]
    if following is not None and following.span.line == paragraph.span.line:  # (a body on one line)
        text = line[paragraph.number_span.end_column - 1:following.number_span.column - 1]
    else:
        end = following.span.line - 1 if following is not None else min(len(ctx.cable.lines), paragraph.span.line + 30)
        text = "\n".join([line[paragraph.number_span.end_column - 1:], *ctx.cable.lines[paragraph.span.line:end]])
    if ctx.cable.artefact("retyped") is not None:
        text = text.upper()  # a copy re-typed in lower case marks its items `-- (c)`
    item = _MARKED_ITEM.search(text)
    if item is None:
        return False
    # a heading or a lead-in before its items (`Key points:`), not a paragraph of text followed by
    # the next section's marked heading (`... left the station.` / `(U) London Olympics`)
    lead = text[:item.start()].strip()
    return len(lead) <= _HEADING_LENGTH or lead.endswith(":")


_HEADING_LENGTH = 100  # characters: a heading or a short lead-in, not a paragraph of text


def _marking_required(ctx: Context) -> bool:
    """Portion marks are required under the orders the rule set says so (E.O. 12958 on); when the
    regime is unknown they are required, unless the cable is older than every order known, or only
    LIMITED OFFICIAL USE, a marking that ended before any order required them (marking-rules.md 2.3:
    1 October 1995; E.O. 12958 took effect on 14 October)."""
    if not ctx.regimes:
        return not ctx.before_every_regime and (ctx.classified or "LOU" not in ctx.banner_controls)
    return any(r.portion_marking for r in ctx.regimes)


_REDACTED_HEAD = patterns.compile(r"\W{0,4}(?:" + REDACTION + ")")


def _redacted_head(ctx: Context, paragraph) -> bool:
    """The text right after the number is redacted (X004): whatever mark stood there is hidden. (In a
    FOIA release, the exemption's code stands for the paragraph, on its line or on the next.)"""
    lines = ctx.cable.lines
    line, after = lines[paragraph.span.line - 1], paragraph.number_span.end_column - 1
    if _REDACTED_HEAD.match(line, after) is not None or withheld(line, after):
        return True
    below = paragraph.span.line  # (the index of the line below)
    return not line[after:].strip() and below < len(lines) and withheld(lines[below])


def _cut(ctx: Context, paragraph) -> bool:
    """The text after the number is the dots of a publisher's cut (`1. (...`, X003): no mark to ask."""
    return cut_head(ctx.cable.lines, paragraph.span.line - 1, paragraph.number_span.end_column - 1)


def _authority_paragraph(by, paragraph) -> bool:
    """`1. Classified by ...`: the statement opens the paragraph (in a body on one line, the
    statement's line holds every paragraph)."""
    if by is None or by.span.line != paragraph.span.line:
        return False
    label = by.label_span or by.span
    return label.line != paragraph.span.line or \
        0 <= label.column - paragraph.number_span.end_column <= _AUTHORITY_AFTER_HEAD


_AUTHORITY_AFTER_HEAD = 12  # columns: `1. (U) Classified by`, `1.  CLASSIFIED BY`


def missing_portion_marking(ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    by = ctx.classified_by
    # '1. Classified by ...' is the authority paragraph, not a portion of the text
    unmarked = [p for index, p in enumerate(ctx.paragraphs)
                if p.mark is None and not _authority_paragraph(by, p)
                and not _redacted_head(ctx, p) and not _cut(ctx, p) and not _items_marked(ctx, index)
                and not _handling_statement(ctx, p)]
    # most cables mark every paragraph: then there is nothing to judge (the text search is the dear part)
    if not unmarked or not ctx.protected or _whole_text_marked(ctx) or not _marking_required(ctx):
        return
    if len(unmarked) > 1 and not ctx.portion_marks:
        # no portion of the cable is marked: one defect (the drafter did not portion-mark), said once
        # at the first paragraph, not once a paragraph
        places = _places(p.number for p in unmarked)
        yield Finding(unmarked[0].number_span, f"no portion of the cable is marked: {places} without a portion "
                                               "marking such as (C) or (U) after the number")
        return
    first = f"paragraph {unmarked[0].number} has no portion marking such as (C) or (U) after its number"
    if len(unmarked) >= _HABIT:  # one finding, as for a mark broken the same way (below)
        others = _listed([p.number for p in unmarked[1:]])
        yield Finding(unmarked[0].number_span, f"{first}; nor have {others}")
        return
    for paragraph in unmarked:
        yield Finding(paragraph.number_span,
                      f"paragraph {paragraph.number} has no portion marking such as (C) or (U) after its number")


def malformed_portion_marking(ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Each broken mark; a fault repeated on `_HABIT` marks or more (a drafter's habit, `C)` on every
    paragraph) is said once, at its first mark, with the places of the others."""
    found = list(_broken_marks(ctx))
    faults: dict[object, list[tuple[object, Finding]]] = {}
    for fault, place, finding in found:
        faults.setdefault(fault, []).append((place, finding))
    for fault, place, finding in found:
        same = faults[fault]
        if len(same) < _HABIT:
            yield finding
        elif same[0][1] is finding:
            places = list(dict.fromkeys(other for other, _finding in same[1:]))  # (a number twice: one place)
            twice = " (a number given twice)" if len(places) < len(same) - 1 else ""
            yield finding._replace(message=f"{finding.message}; the same fault in {len(same) - 1} more: "
                                           f"{_listed(places)}{twice}")


_HABIT = 3  # marks broken the same way, from which the fault is reported once


def _broken_marks(ctx: Context) -> Iterator[tuple[object, object, Finding]]:
    """(the fault, the mark's place, its finding) of each broken mark, in the text's order."""
    retyped = ctx.cable.artefact("retyped") is not None
    for place, mark, meaning, _rank in ctx.portion_marks:
        if mark.error == NO_CLOSE and _redaction_follows(ctx, mark):
            continue  # `(C XXXXXXXXXXXX`: the publisher's redaction took the parenthesis with the text (X004)
        if mark.error == NO_CLOSE and cut_head(ctx.cable.lines, mark.span.line - 1, mark.span.column - 1):
            continue  # `1. (C...`: the publisher's preview stops inside the mark (X003)
        if mark.error and not (retyped and mark.error == LOWER_CASE_LEVEL):  # a re-typed copy is X006's
            yield mark.error, place, Finding(
                mark.span, f"the portion marking '{mark.raw}' of {_what(place)} {mark.error}",
                suggestion=f"({mark.text})" if mark.tokens and not meaning.unknown else None)
            continue
        if meaning.unknown:
            bare = _bare_prefix(meaning.unknown, ctx)
            if bare is not None:  # (a control that takes a value, written without it: `(S//REL)`)
                yield ("bare", bare), place, Finding(
                    mark.span, f"the portion marking '{mark.raw}' of {_what(place)} writes "
                               f"{meaning.unknown[0]} without the value it takes ({bare} ...)")
                continue
            names = ", ".join(f"'{t}'" for t in meaning.unknown)
            hint = _hint(meaning.unknown[0])
            yield ("unknown", meaning.unknown), place, Finding(
                mark.span, f"the portion marking '{mark.raw}' of {_what(place)} names no known level or "
                           f"control: {names}{hint}")


_REDACTION_AFTER = patterns.compile(r"\s*(?:" + REDACTION + ")")


def _redaction_follows(ctx: Context, mark) -> bool:
    line = ctx.cable.lines[mark.span.end_line - 1]
    return _REDACTION_AFTER.match(line, mark.span.end_column - 1) is not None


def _hint(token: str) -> str:
    if token in ("5", "$"):  # what a typist or a scan puts for the letter S
        return "; write (S)"
    parts = re.split(r"[\s-]+", token)
    if len(parts) == 2 and parts[0] in ("TS", "S", "C", "U"):
        return f"; write ({parts[0]}/{parts[1]})"
    return ""


def _bare_prefix(unknown: tuple[str, ...], ctx: Context) -> Optional[str]:
    """When the one unknown token spells a control that takes a value (`REL`), that control's
    first spelling (`REL TO`); else None."""
    if len(unknown) != 1:
        return None
    return next((control.prefix[0] for control in ctx.ruleset.controls.values() if unknown[0] in control.prefix),
                None)


def _with_level(raw: str, level: str) -> str:
    """A mark as written and the level it means, once where it spells the level out: `(S) (SECRET)`,
    `(SECRET)`."""
    return raw if raw.strip("() ").upper() == level.upper() else f"{raw} ({level})"


def portion_above_banner(ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    banner_rank = ctx.level_rank
    if banner_rank is None:
        return
    above = [(place, mark, meaning) for place, mark, meaning, rank in ctx.portion_marks
             if rank is not None and rank > banner_rank]
    if not above:
        return
    # one finding, at the first such mark: the fix is one (the classification line, or the marks),
    # and a cable of nine (C) paragraphs under UNCLAS is one defect to a reviewer, not nine
    marks = ", ".join(dict.fromkeys(_with_level(mark.raw, meaning.level) for _place, mark, meaning in above))
    yield Finding(above[0][1].span, f"{_places(place for place, _mark, _meaning in above)} marked {marks} but "
                                    f"the cable is only {ctx.cable.level}")


def banner_above_portions(ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    banner = ctx.cable.banner
    if banner is None or not ctx.classified or not ctx.paragraphs or ctx.text_may_be_missing:
        return  # (the portions cut from a record may be the ones above the rest)
    if any(p.mark is None for p in ctx.paragraphs) and not _whole_text_marked(ctx):
        return  # unmarked portions: the overall level cannot be judged (unless one mark stands for them all)
    ranks = [rank for _place, _mark, _meaning, rank in ctx.portion_marks]
    if not ranks or any(r is None for r in ranks):
        return
    highest = max(ranks)
    if highest < ctx.level_rank and not ctx.sections_missing:  # (nor those of a section the file lacks)
        top = next(name for name, rank in ctx.ruleset.levels.items() if rank == highest)
        yield Finding(banner.level_span, f"the cable is marked {banner.level} but no portion is above {top}: "
                                         "it may be over-classified")


def control_missing_from_banner(ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    """One finding per control, at the classification line where the fix belongs, naming the portions
    that carry it (a cable with eighteen NOFORN paragraphs lacks one caption, not eighteen)."""
    if ctx.captions_may_be_missing:
        return  # (the caption lines the publisher cut with the header may have carried it)
    carried = ctx.banner_controls
    missing: dict[str, list] = {}
    for place, mark, meaning, _rank in ctx.portion_marks:
        for name in meaning.controls:
            control = ctx.ruleset.controls.get(name)
            if control is None or not control.banner:
                continue
            if name not in carried and not set(control.banner) & carried:
                missing.setdefault(control.banner[0], []).append((place, mark))
    banner = ctx.cable.banner
    for control, places in missing.items():
        where = banner.span if banner is not None else places[0][1].span
        marks = list(dict.fromkeys(mark.raw for _place, mark in places))  # (in the text's order, as the places)
        yield Finding(where, f"{_places(place for place, _mark in places)} marked {', '.join(marks)}, but the "
                             f"classification and caption lines carry no {control}")


def _places(places) -> str:
    """'paragraph 3 is', 'paragraphs 1, 4 and 6 are', 'the subject and paragraph 2 are' (`_listed`)."""
    places = list(dict.fromkeys(places))  # (a number twice, a publisher's copy of a section: said once)
    return f"{_listed(places)} {'is' if len(places) == 1 else 'are'}"


def _listed(places: list) -> str:
    """Places in the text's order, in short: 'paragraphs 2-9 and 12', 'the unnumbered portions on lines
    56 and 57, paragraph 3 and the subject'; runs of paragraph numbers written as ranges."""
    groups: list[tuple[str, list]] = []  # (kind, its places next to each other in the list)
    for place in dict.fromkeys(places):  # (each once)
        found = _ON_LINE.fullmatch(place) if isinstance(place, str) else None
        kind, value = ("paragraph", place) if isinstance(place, int) else \
            (found["what"], found["line"]) if found is not None else ("", place)
        if groups and kind and groups[-1][0] == kind:
            groups[-1][1].append(value)
        else:
            groups.append((kind, [value]))
    parts = []
    for kind, values in groups:
        if kind == "paragraph":
            parts.append(("paragraph " if len(values) == 1 else "paragraphs ") + _numbers(values))
        elif kind:
            parts.append(f"{kind} on line {values[0]}" if len(values) == 1 else f"{kind}s on lines {_joined(values)}")
        else:
            parts.append(_what(values[0]))
    return _joined(parts)


# a portion's place on its line, as `Context` writes it (`the unnumbered portion on line 56`, `the bullet
# on line 12`); a lettered portion's label differs from one to the next (`the portion 'A.' on line 15`)
_ON_LINE = patterns.compile(r"(?P<what>the (?:unnumbered portion|bullet)) on line (?P<line>\d+)")


def _numbers(numbers: list[int]) -> str:
    """'2-5, 7 and 9': three or more numbers in a row as a range."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return _joined([item for run in runs for item in ([f"{run[0]}-{run[-1]}"] if len(run) > 2 else map(str, run))])


def _joined(items: list[str]) -> str:
    if len(items) > 8:
        items = items[:7] + [f"{len(items) - 7} more"]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def unmarked_subject(ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    subject = ctx.cable.subject
    if subject is None or subject.mark is not None or not ctx.classified:
        return  # (the directive's portions are those of classified information; an SBU cable's subject is not asked)
    if not options["always"] and not any(r.subject_marking for r in ctx.regimes):
        return
    yield Finding(subject.span, "the SUBJECT line has no portion marking such as (U) or (C)")


RULES = (
    rule("P001",
         "a numbered paragraph of a classified or SBU cable has no portion marking",
         "Each portion is marked with its level immediately before it (32 CFR 2001.21(c)); in telegrams the "
         "mark follows the paragraph number: (U), (C), (S), (TS), or (SBU) for administratively controlled text "
         "(5 FAH-1 H-246.2). Three unmarked paragraphs or more are one finding, naming them all; a cable "
         "that marks no portion at all is one finding too.",
         "1. Text of the paragraph.", "1. (C) Text of the paragraph.", missing_portion_marking),
    rule("P002",
         "a portion marking that is broken (C), (C, (S/ NF)) or names an unknown level or control",
         "A broken mark cannot be read reliably by people or by systems that enforce dissemination "
         "(32 CFR 2001.21(c); 5 FAH-1 H-246.2). Foreign government information is marked with the country's "
         "code or FGI before the level, (UK-C) or (FGI-C) (32 CFR 2001.24(c)): those are levels. A mark "
         "broken the same way on three portions or more (a drafter's habit) is one finding, naming them all.",
         "2. C) Text.", "2. (C) Text.", malformed_portion_marking),
    rule("P003",
         "a portion is classified higher than the cable's classification line",
         "The overall marking is the highest level of any portion (32 CFR 2001.21(b)); a CONFIDENTIAL "
         "cable cannot contain SECRET portions.",
         "C O N F I D E N T I A L ...\n1. (S) Text.", "S E C R E T ...\n1. (S) Text.", portion_above_banner),
    rule("P004",
         "the classification line is higher than every portion (over-classification)",
         "The overall classification is that of the highest portion (32 CFR 2001.21(b)); a banner above "
         "every portion over-classifies the cable and delays its release.",
         "S E C R E T ...\n1. (C) Text.\n2. (U) Text.", "C O N F I D E N T I A L ...\n1. (C) Text.",
         banner_above_portions),
    rule("P005",
         "a portion carries a dissemination control (e.g. NF = NOFORN) that the banner and captions do not",
         "Dissemination controls of any portion must appear on the document's overall markings "
         "(32 CFR 2001.24(j)(3); IC rule ISM-ID-00070); in telegrams NOFORN stands on a caption line.",
         "S E C R E T ...\nSIPDIS\n1. (S/NF) Text.", "S E C R E T ...\nNOFORN\nSIPDIS\n1. (S/NF) Text.",
         control_missing_from_banner),
    rule("P006",
         "the SUBJECT line has no portion marking (by default only where the regime requires it)",
         "Subjects and titles are portions and carry their own mark under E.O. 13526's directive "
         "(32 CFR 2001.21(c), 2001.23(b)(4)); earlier State practice did not require it.",
         "SUBJECT: TALKS WITH THE MINISTER", "SUBJECT: (U) TALKS WITH THE MINISTER", unmarked_subject),
)
