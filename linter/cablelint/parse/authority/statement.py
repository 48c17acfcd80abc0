"""Which of the places a Classified By statement starts is the cable's, which lines it takes, and
what it says: who classified the cable (name and position) and for which reasons."""

from __future__ import annotations

import re
from typing import Optional

from ... import patterns
from .. import scanner
from ..model import ClassifiedBy, Span
from .names import split_name_position
from .text import DERIVED, HEAD, is_cut, join_lines, lazy, reasons, statement_end

# `text.py` reads the statement's text (the wrap undone, the label, the reasons); `names.py` tells
# the name from the position. This module decides which lines are the statement.

# Patterns of rare forms are kept as text and compiled on first use (`lazy`).
_DERIVED_HEAD = r"^\s*(?:\(U\)\s*)?DERIVED\s+FROM\s*:?\s*"
_CUT_WORD = r"[^\s,;]*(?:\.\.\.|…)\s*$"


def classified_by(block: list[tuple[int, str]]) -> Optional[ClassifiedBy]:
    """The statement in `block`, its lines as (number, text), the first from where the label
    starts; None when the lines hold no label (a split `CLASSIFIED` that no `BY` follows)."""
    text = join_lines(block)
    head = HEAD.match(text.text)
    if head is None or head.group("word").upper() not in scanner.LABEL_WORDS:
        return None
    body_at = head.end()
    end = statement_end(text.text, body_at)
    derived = DERIVED.match(text.text, body_at) is not None
    # (a derivative classifier named before the source, as E.O. 13526 asks: `Classified By: Poloff Jane
    # Doe; Derived from: DSCG 05-1, B1, D`: the person, then the source and the reasons it gives)
    source = None if derived else DERIVED.search(text.text, body_at, end)
    cited = reasons(text, body_at, source.start() if source else end)
    if source is not None and not cited.reasons:  # the source gives them (`... Derived from: DSCG 05-1 B, D`)
        cited = reasons(text, source.end(), end)._replace(who_end=source.start())
    if derived:  # derivative classification names its source, not a person (32 CFR 2001.22)
        name, position, redacted = None, None, False
    else:
        # a preview cut short ends on a piece of a word (`Brian A. Nicho...`): only whole words are read
        who = lazy(_CUT_WORD).sub("", text.text[body_at:cited.who_end]).rstrip(" \t;,")
        instruction = _DECLASSIFY_ON.search(who)
        if instruction is not None:  # (`JOHN R. SMITH, DCM. DECLASSIFY ON: OADR. REASON: ...`: the E.O. line's)
            initial = _INITIAL_END.search(who, 0, instruction.start()) is not None
            who = who[:instruction.start()].rstrip(" \t;,.") + ("." if initial else "")
        name, position, redacted = split_name_position(who)
        derived = source is not None
    first_no, first = block[0]
    last_no, last = next((n, t) for n, t in reversed(block) if t.strip())
    label = head.group("label")
    return ClassifiedBy(
        raw=text.text, name=name, position=position, reasons=cited.reasons, reason_stated=cited.stated,
        span=Span(first_no, len(first) - len(first.lstrip()) + 1, last_no, len(last.rstrip()) + 1),
        derived=derived, label=" ".join(label.split()), label_span=text.span(*head.span("label")),
        label_misspelt=head.group("word").upper() != "CLASSIFIED" or label.split()[-1].upper() != "BY",
        redacted=redacted,
        cut=is_cut(text.text[:end]))


# The declassification instruction of the classification block written among the statement's parts
_DECLASSIFY_ON = patterns.compile(r"(?:^|(?<=[\s.,;]))" + scanner.DECLASSIFY_ON, re.I)
_INITIAL_END = patterns.compile(r"(?<![A-Za-z])[A-Z]\.\s*$")  # (a name's last initial keeps its stop: `John Q.`)


def derived_from(lineno: int, line: str) -> ClassifiedBy:
    """A 'Derived From: <source>' line: derivative classification carries the source, not a person
    (32 CFR 2001.22); the source stays in `raw`, letters after it (`DSCG 05-1 B, D`) are its reasons."""
    stripped = line.rstrip()
    span = Span.on_line(lineno, len(stripped) - len(stripped.lstrip()), len(stripped))
    text = join_lines([(lineno, line)])
    label = lazy(_DERIVED_HEAD, re.I).match(text.text)  # offsets into the text, which starts at the line's words
    cited = reasons(text, label.end() if label else 0, len(text.text))
    return ClassifiedBy(raw=line.strip(), name=None, position=None, reasons=cited.reasons,
                        reason_stated=cited.stated, span=span, derived=True,
                        label=" ".join(label.group().split()).rstrip(":") if label else None)


# ------------------------------------------------------------------ which lines

_MAX_BLOCK_LINES = 5
# A reasons word or a section; its cases spelled out, as a pattern that opens with a set of
# characters is searched for quickly
_ANY_REASON = patterns.compile(r"(?<![A-Za-z])(?:[Rr][Ee][Aa][Ss]|[Rr][Ss][Nn])|1\s?[.,/:]?\s?[45](?!\d)")
_REASONS_NEXT = r"\s*(?:E\.?\s?O\.?\s*1\d{4}\s*[,:;]?\s*)?1\s{0,3}[.:/,]?\s{0,3}\d"
_SECTION_AT_END = r"(?<![\d.])1\s?[.,/]\s?[45]\s*[:;,]?\s*$"
_LETTER_LIST_START = r"\s*\(\s*[a-hA-H]\s*[),/&.]|\s*[a-hA-H]\s*(?:[,/&]|and\b|AND\b)"
_REASONS_LINE = r"\s*(?:FOR\s+)?(?:REASONS?|RSNS?)\s*[:.]?\s*(?:1|E\.?\s?O|\(|$)"
_REASONS_IN_LINE = r"\b(?:REASONS?|RSNS?)\b[\s:,.]*1\s?[.,/]\s?[45]"
_PAGE_HEADER = patterns.compile(r"\s*PAGE\s+\d+\s", re.I)  # (`page 02 ...` in a copy re-typed in lower case)
_SPLIT_LABEL = rf"(?<![A-Za-z])(?:\(U\)\s*)?{scanner.CLASSIFIED_WORD}\s*$"
_BY_LINE = r"\s*BY\b"
# Paragraph 1 run on after the statement's reasons, on a continuation line of it (a copy wrapped
# narrower than the cable)
# paragraph 1 run on after the statement's last words, its mark up to three blanks after the number
PARAGRAPH_ONE_RUN_ON = patterns.compile(
    r"\s(?:\u00b6\s?)?1\s?\.[ \t]{0,3}\((?:TS|S|C|U|SBU|ts|s|c|u|sbu)\b[^()]{0,30}\)")
_REASONS_GIVEN = patterns.compile(r"1\s?[.,/]\s?[45]\s*\(?\s*[A-Ha-h]\b")  # a section with its first letter
# A line that ends in the middle of a list of letters, and one that goes on with it: `(C)` there is
# a reason, not the portion mark of the next paragraph.
_LETTERS_OPEN = patterns.compile(r"(?:\bAND|\bOR|[&,/(+]|1\s?\.\s?\d)\s*$", re.I)
_LETTERS_GO_ON = r"\s*\(?[A-Ha-h]\)?(?:[\s.,)]|$)"
# After a line that ends on a letter (`... reasons 1.4(b)`), a line that goes on with the list: its
# next letter joined by "and", "or", "&" or a comma (`(c)and(d)`), or the last letter alone (`(d).`)
_LETTER_CLOSES = patterns.compile(r"\([A-Ha-h]\)\s*$")
_LIST_GOES_ON = r"\s*\([A-Ha-h]\)\s*(?:,|&|(?i:and|or)(?![a-z])|\.?\s*$)"


# A line no statement goes on with: a telegram's end marker, or a declassification instruction's own
# line after the statement (`CLASSIFIED BY: OSD/ISA` / `DECL: OADR` / `BT`, as messages end)
_ENDS_STATEMENT = patterns.compile(r"[ \t]*(?:(?:BT|NNNN|#\d{1,6})[ \t]*$|(?i:DECL(?:ASSIFY[ \t]+ON)?)[ \t]*[:/])")


def block_lines(lines: tuple[str, ...], index: int, capitals: bool = False) -> list[int]:
    """Line indexes of the statement starting on line `index`: continuation lines run until a blank
    line or a line that is another element (judged in capitals in a copy re-typed in lower case:
    `capitals`). A label split over lines (`CLASSIFIED` / `BY: ...`)
    takes the line of its `BY`; reasons on a later line (after `for reasons`, or a statement
    without any) are taken past blank and page-header lines."""
    block = [index]
    if _split_label(lines[index][:scanner.MAX_HEADER_LINE]):
        by_line = _next_text_line(lines, index, 3)
        if by_line is None or not lazy(_BY_LINE, re.I).match(lines[by_line]):
            return block
        block.append(by_line)
    for follow in range(block[-1] + 1, min(len(lines), block[-1] + _MAX_BLOCK_LINES)):
        if lazy(_CUT_WORD).search(lines[block[-1]][:scanner.MAX_HEADER_LINE]):
            return block  # a preview cut short ('... for reasons 1.b an...'): what follows is not its text
        if PARAGRAPH_ONE_RUN_ON.search(lines[block[-1]][:scanner.MAX_HEADER_LINE]):
            return block  # its last line runs on into paragraph 1 (`1.4 (b), (d) 1. (C) Summary: ...`)
        text = lines[follow]
        judged = text.translate(scanner.CAPITALS) if capitals else text
        if _ENDS_STATEMENT.match(judged):
            break  # the telegram's end (`BT`, `#0412`) or its declassification line (`DECL: OADR`)
        if _signature_after(lines, block, judged):
            break
        kind = scanner.line_kind(judged)
        if kind not in ("other", "banner") or scanner.PORTION_START.match(judged):
            if kind == "blank" or not _letters_go_on(lines[block[-1]], text):
                break
        elif PARAGRAPH_ONE_RUN_ON.search(judged[:scanner.MAX_HEADER_LINE]) \
                and not _letters_go_on(lines[block[-1]], text) \
                and any(_REASONS_GIVEN.search(lines[i][:scanner.MAX_HEADER_LINE]) for i in block):
            break  # the statement is whole, and paragraph 1 runs on in that line (a copy without blank lines)
        block.append(follow)
    for _step in range(3):  # "REASONS:" alone on a line, the section on a later one, its letters on the next
        last = lines[block[-1]][:scanner.MAX_HEADER_LINE]
        if _reasons_pending(last):
            later = _next_text_line(lines, block[-1], 6)
            if later is None or not lazy(_REASONS_NEXT, re.I).match(lines[later]):
                break
        elif lazy(_SECTION_AT_END).search(last):  # `... E.O. 12958 1.4` / `(a,b,c,d).`
            later = _next_text_line(lines, block[-1], 1)
            if later is None or not lazy(_LETTER_LIST_START).match(lines[later]):
                break
        elif not any(_cites_reasons(lines[i][:scanner.MAX_HEADER_LINE]) for i in block):
            later = _next_text_line(lines, block[-1], 5)
            if later is not None and _DECLASSIFY_LINE.match(lines[later]):
                later = _next_text_line(lines, later, 2)  # (the block's instruction between: `Declassify On: ...`)
            if later is None or not (lazy(_REASONS_LINE, re.I).match(lines[later])
                                     or _reasons_in_passing_line(lines[later])):
                break
        else:
            break
        block.append(later)
    return block


# A signature: one surname in capitals alone on its line (`JOHNSON`)
_SIGNATURE = patterns.compile(r"[ \t]*([A-Z][A-Z'-]{1,24})[ \t]*$")
_CAPITALS_WORDS = patterns.compile(r"[A-Z][A-Z'-]*")  # (the words of a line a signature may repeat, whole)
_SENTENCE_END = patterns.compile(r"(?<![ .][A-Z])\.[ \t]*$")  # (not a name's last initial: `Susan R.`)


def _signature_after(lines: tuple[str, ...], block: list[int], text: str) -> bool:
    """Line `text` is the telegram's signature under a statement written at the text's end: a surname
    in capitals alone, after a statement ended by its full stop, or the surname it has named already
    (`Classified By: Political Counselor Jane Doe.` / `JOHNSON`; `CLASSIFIED BY: DCM JOHN Q. ROE` / `ROE`)."""
    found = _SIGNATURE.match(text)
    if found is None:
        return False
    last = lines[block[-1]]
    return _SENTENCE_END.search(last) is not None or found.group(1) in _CAPITALS_WORDS.findall(last)


_DECLASSIFY_LINE = patterns.compile(r"[ \t]*" + scanner.DECLASSIFY_ON, re.I)


def _letters_go_on(line: str, text: str) -> bool:
    """Line `text` goes on with the list of reason letters that `line` left open (`... 1.4 (b) and` /
    `(d) ...`, `... 1.4(b)` / `(c)and(d)`)."""
    last = line[-12:]
    return bool((_LETTERS_OPEN.search(last) and lazy(_LETTERS_GO_ON).match(text))
                or (_LETTER_CLOSES.search(last) and lazy(_LIST_GOES_ON).match(text)))


def _reasons_in_passing_line(line: str) -> bool:
    """A line that is no element of its own and names the reasons with their section (`Political
    Counselor Richard Mills reasons, 1.4 b and d`, the statement resumed after a blank line)."""
    head = line[:scanner.MAX_HEADER_LINE]
    return lazy(_REASONS_IN_LINE, re.I).search(head) is not None and scanner.line_kind(head) == "other"


def _reasons_pending(line: str) -> bool:
    """The line ends on "for reasons" (its reasons are on a later line)."""
    upper = line[-40:].rstrip(" \t\\:").upper()
    word = upper[-7:] if upper.endswith("REASONS") else upper[-6:] if upper.endswith("REASON") else ""
    return bool(word) and not upper[-len(word) - 1:-len(word)].isalpha()


def _cites_reasons(line: str) -> bool:
    """Whether a line holds a reasons word or a section."""
    return _ANY_REASON.search(line) is not None


def _split_label(line: str) -> Optional[re.Match]:
    """`... CLASSIFIED` ending a line, its `BY` on a later one (a line ending in `d` is tried)."""
    end = line.rstrip()[-1:]
    return lazy(_SPLIT_LABEL, re.I).search(line) if end in ("D", "d") else None


def _next_text_line(lines: tuple[str, ...], index: int, limit: int) -> Optional[int]:
    """The next line after `index` that is neither blank nor a page header, within `limit` lines."""
    for follow in range(index + 1, min(len(lines), index + 1 + limit)):
        text = lines[follow]
        if text.strip() and not _PAGE_HEADER.match(text):
            return follow
    return None


# ------------------------------------------------------------------ which statement

_LOOK_AFTER_PREVIEW = 80
_LABEL_IN_LINE = rf"(?=[(CT])(?<![A-Za-z])(?:\(U\)\s*)?{scanner.LABEL}"


# The stamp a Freedom of Information review puts on a document it (re)classifies: its fields after
# tildes (`~ Class: CONFIDENTIAL ~ Reason: 1.4(B) ~ Declassify On: ...`); the reviewer's, not the cable's
_REVIEW_STAMP = patterns.compile(r"~\s*(?:CLASS(?:IFICATION)?|REASONS?|DECLASSIFY\s+ON)\s*:", re.I)


def read(lines: tuple[str, ...], starts: list[tuple[int, int]],
         derived: Optional[tuple[int, int]], capitals: bool = False) -> Optional[ClassifiedBy]:
    """The cable's Classified By statement, from the places one starts (line index, column), in
    the order they stand: the first that is not a cut preview of the header (`Classified By: Jane
    Q...`) nor a label with nothing after it (`... Classified By:` / `Classified By: Jane Doe ...`,
    a doubled label wrapped); for a preview alone, the full statement after it wherever it stands in its line (a
    header run together), else the preview. Without any, the Derived From statement (line index and
    column: it may run on after a subject), else None."""
    preview: Optional[ClassifiedBy] = None
    empty: Optional[ClassifiedBy] = None  # a label alone, written again on the next line (a doubled label wrapped)
    for index, column in starts:
        if "~" in lines[index] and _REVIEW_STAMP.search(lines[index], column, column + scanner.MAX_HEADER_LINE):
            continue  # a release's reviewer stamp, `Classified by DAS, A/GIS, DoS on 02/14/2018 ~ Class: ...`
        found = statement_at(lines, index, column, capitals)
        if found is None:
            continue
        if not (found.name or found.position or found.reasons or found.redacted or found.derived):
            empty = empty or found
            continue
        if not found.cut:
            return _with_source_below(lines, found, derived)
        preview = preview or found
    if preview is None and empty is not None:
        return empty
    if preview is not None:
        return _after_preview(lines, preview.span.end_line, capitals) or preview
    if derived is not None:
        index, column = derived
        return derived_from(index + 1, " " * column + lines[index][column:])  # blanked: columns kept
    return None


def _with_source_below(lines: tuple[str, ...], found: ClassifiedBy,
                       derived: Optional[tuple[int, int]]) -> ClassifiedBy:
    """A derivative classifier named, the source on the line below (`Classified By: Poloff Jane Doe` /
    `Derived From: DSCG 05-1 B, D`): one statement, with the source's reasons. (The header's Derived
    From line is `derived`; a classification block under the text, as a record of the Department's
    later system prints it, has its own right below.)"""
    if derived is None and found.span.end_line < len(lines) and not found.reasons and not found.derived:
        line = lines[found.span.end_line]
        below = lazy(_DERIVED_HEAD, re.I).match(line)
        derived = (found.span.end_line, len(line) - len(line.lstrip())) if below is not None else None
    if derived is None or found.reasons or found.derived or derived[0] != found.span.end_line:
        return found
    index, column = derived
    source = derived_from(index + 1, " " * column + lines[index][column:])
    return found._replace(derived=True, reasons=source.reasons, reason_stated=source.reason_stated,
                          span=found.span._replace(end_line=source.span.end_line, end_column=source.span.end_column))


def statement_at(lines: tuple[str, ...], index: int, column: int, capitals: bool = False) -> Optional[ClassifiedBy]:
    """The statement whose label starts on line `index` at `column`."""
    block = block_lines(lines, index, capitals)
    head = [(index + 1, " " * column + lines[index][column:])]
    return classified_by(head + [(i + 1, lines[i]) for i in block[1:]])


def _after_preview(lines: tuple[str, ...], after_line: int, capitals: bool) -> Optional[ClassifiedBy]:
    for index in range(after_line, min(len(lines), after_line + _LOOK_AFTER_PREVIEW)):
        found = lazy(_LABEL_IN_LINE, re.I).search(lines[index][:scanner.MAX_HEADER_LINE])
        if found is not None:
            statement = statement_at(lines, index, found.start(), capitals)
            if statement is not None and not statement.cut:
                return statement
    return None


# ------------------------------------------------------------------ statements the line scans miss

_LOOK_BACK = 15   # lines above paragraph 1 searched for a statement inside a line
_LOOK_AHEAD = 12  # lines below it searched for a statement written as a later paragraph
# A label inside a line (after a page header, a subject or a reference run together with it), with
# the colon that makes it a label rather than prose; or a label split at the line's end.
# (its cases spelled out: a pattern that opens with a set of characters is searched for quickly)
_LABEL_WITH_COLON = patterns.compile(r"(?<![A-Za-z])[Cc][ACDEFILSTacdefilst]{8,10}\s+[Bb][Yy]\s*:")
_SENTENCE_LABEL = r"\s*THIS\s+(?:CABLE|MESSAGE|TELEGRAM)\s+(?:IS|WAS)\s+CLASSIFIED\s+BY\b"
_PARAGRAPH_LABEL = rf"\s*(?:¶\s?|\[1)?\d{{1,2}}\s?\.(?:\]\(#\))?\s*(?:\((?:U|SBU)\)\s*)?{scanner.LABEL}"


def inside_a_line(lines: tuple[str, ...], start: int) -> Optional[tuple[int, int]]:
    """Where a statement stands inside a line of the body from line index `start` when no line
    starts with one (`... END COMMENT. CLASSIFIED BY: Jane Doe, DCM. REASON: 1.4 (D).`, a body
    re-flowed): the first with its label's colon that reads as one (a name or a reason)."""
    for index in range(start, len(lines)):
        text = lines[index][:scanner.MAX_HEADER_LINE]
        if "LASSIF" not in text and "lassif" not in text:
            continue  # (most lines: a substring test before the pattern)
        for found in _LABEL_WITH_COLON.finditer(text):
            if not text[:found.start()].strip() and _shown_as_an_example(lines, index):
                continue
            statement = statement_at(lines, index, found.start())
            if statement is not None and (statement.name or statement.reasons):
                return index, found.start()
    return None


def _shown_as_an_example(lines: tuple[str, ...], index: int) -> bool:
    """Line `index` is an example the last line of text above it leads into (`scanner.leads_into_an_example`)."""
    above = next((lines[i] for i in range(index - 1, max(-1, index - 4), -1) if lines[i].strip()), "")
    return scanner.leads_into_an_example(above.rstrip())


def in_first_paragraph(lines: tuple[str, ...], number_end_column: int, lineno: int) -> Optional[tuple[int, int]]:
    """Where a statement starts that the line scans do not see, given paragraph 1's number end
    column and line: written as paragraph 1 (`1. Classified by Acting A/S Jane Doe. Reason: 1.4
    (d)`); else inside one of the lines above it (`ROME 00000123 001.2 OF 002 Classified By: ...`,
    a label split as `... CLASSIFIED` / `BY: ...`); else as one of the next paragraphs (`2. (U)
    Classified by ...`). A statement inside a line must read as one: a colon after its label, a
    name or a reason."""
    line = lines[lineno - 1]
    if scanner.CLASSIFIED_BY.search(line[number_end_column - 1:number_end_column + 20]):
        return lineno - 1, 0
    sentence = lazy(_SENTENCE_LABEL, re.I)
    for index in range(lineno - 2, max(-1, lineno - 2 - _LOOK_BACK), -1):
        text = lines[index][:scanner.MAX_HEADER_LINE]
        found = _LABEL_WITH_COLON.search(text) or sentence.match(text) or _split_label(text)
        if found is not None:
            statement = statement_at(lines, index, found.start())
            if statement is not None and (statement.name or statement.reasons):
                return index, found.start()
    paragraph_label = lazy(_PARAGRAPH_LABEL, re.I)
    for index in range(lineno, min(len(lines), lineno + _LOOK_AHEAD)):
        if paragraph_label.match(lines[index][:scanner.MAX_HEADER_LINE]):
            return index, 0
    return None
