"""Assemble the cable model from its lines."""

from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from .. import patterns
from . import artefacts, authority, bodyscan, dates, layout, paragraphs
from .elements import LOWER_CASE_LEVEL, eo_instruction_on, portion_mark
from .header import MAX_LINE, banner, read_header, routing, subject
from .model import Cable, DeclassificationMark, EOLine, ParagraphReference, RoutingHeader, SectionBreak, Span
from .scanner import CAPITALS, DECLASSIFY_ON
from .source import Source, breaks_read, shifted_by_breaks, web_copy_read

# The header zone (routing header to the first numbered paragraph) is read by `header.py`. The body
# is scanned once (`bodyscan.py`) for paragraph heads, section breaks and late Classified By lines;
# the real paragraph heads are told from numbered lists inside paragraphs here. Never raises on
# any input.


def build(source: Source) -> Cable:
    lines, text = source.lines, source.text
    laid = layout.read_past(lines, text)
    lines, text, line_map, margin, margin_from = laid.lines, laid.text, laid.line_map, laid.margin, laid.margin_from
    written = None  # (the line breaks written inside lines)
    if not margin:  # (a margin is the layout's, on its lines: a file so laid out is not cut again)
        written = breaks_read(lines, text, line_map)
        lines, line_map = written.lines, written.line_map
    lines, column_shifts = web_copy_read(lines, text, written.escaped if written else frozenset())
    if written and written.offsets:
        column_shifts = shifted_by_breaks(column_shifts, written.offsets)
    if column_shifts:
        text = "\n".join(lines)
    if _MARGIN_CODES_HINT.search(text) or _MARGIN_B_PAREN_HINT.search(text):
        lines = tuple(_MARGIN_CODES.sub(_blanked, line) for line in lines)  # (blanked: columns stay on disk)
        text = "\n".join(lines)
    # (a character alone is found fastest, and most files hold none of these)
    if ("*" in text and "**" in text) or ("_" in text and "__" in text) or ("\\" in text and "\\." in text) \
            or ("|" in text and "--" in text) or _hash_opens_a_line(text) or ("\\" in text and "\\\n" in text) \
            or ("]" in text and ("](" in text or "]\u00b6" in text or ("References" in text and "[" in text))):
        lines, text = _markdown_read(lines, text)
    header = read_header(lines, margin_from - 1 if margin else 0)
    line_start = sum(map(len, lines[:header.end])) + header.end  # the offset of line `header.end`
    body_start = line_start + header.end_column

    candidates, portions, starts = [], [], list(header.authority)
    from_portions: dict[Span, object] = {}  # heads written `(C) 1. The ...` or `4) (C) ...`, each with its portion
    classification = banner(header, lines)
    read_subject = subject(header)
    lower_case = artefacts.lower_case_copy(classification, header.tags, lines, read_subject)
    # (a copy re-typed in lower case is scanned in capitals: `2.(c) text`, `1.this is`, `london 00001917 002 of 004`)
    scanned = text.translate(CAPITALS) if lower_case else text
    elements_found = bodyscan.body_elements(scanned, body_start, lower_case)
    if header.end_column:  # the body starts with a paragraph run on after the header's fields
        elements_found.insert(0, ("paragraph_inside", body_start))
    # The scan yields offsets in order: each line number is the last one plus the newlines since
    # it, counted in C and here rather than by a call to a `_LineCounter` for each element.
    number, counted_to = header.end + 1, line_start  # line `header.end` (0-based) starts at `line_start`
    for kind, offset in elements_found:
        newlines = text.count("\n", counted_to, offset)
        if newlines:
            number += newlines
            line_start = text.rfind("\n", counted_to, offset) + 1
        counted_to = offset
        line = lines[number - 1]
        # (a copy re-typed in lower case is read in capitals, its marks kept as written: `c)`, `(se)`)
        read = line.translate(CAPITALS) if lower_case else line
        if kind == "paragraph":
            node = paragraphs.paragraph(read, number)
            if node is not None:
                if node.mark is not None and node.mark.error and number < len(lines):
                    node = paragraphs.rejoin_wrapped_mark(node, read, lines[number])
                node = _as_written(node, line) if lower_case else node
                candidates.append(_with_mark_below(node, read, lines, number, lower_case))
        elif kind == "paragraph_inside":
            node = _paragraph_inside(read, offset - line_start, number)
            if node is not None and lower_case:
                node = _as_written(node, line)
            if node is not None:
                node = _with_mark_below(node, read, lines, number, lower_case)
            if node is not None and not (candidates and candidates[-1].number_span == node.number_span):
                candidates.append(node)  # (the header's end and the scan can both find a run-on head)
        elif kind == "portion":
            node = paragraphs.portion(read, offset - line_start, number)
            if node is not None:
                node = _as_written(node, line) if lower_case else node
                head = paragraphs.numbered_after_mark(node, read) or paragraphs.numbered_item(node, read)
                if head is not None:
                    candidates.append(head)
                    from_portions[head.span] = node  # a portion again unless the numbering takes it
                else:
                    portions.append(node)
        elif kind == "classified_by":
            starts.append((number - 1, 0))
    by = authority.read(lines, starts, header.derived_from, lower_case)
    glued = _paragraph_after_authority(lines, by, lower_case) if by is not None and not by.derived else None
    if glued is not None and not any(c.number == glued.number and c.span.line == glued.span.line
                                     for c in candidates):
        candidates.insert(0, glued)
    # (looked for only when an unmarked head is judged, or a marked one breaks the numbering: most
    # heads of classified cables are marked and in order, and the search costs a twentieth of a read)
    judged = _numbering_to_judge(candidates)
    quoted = paragraphs.quoted_texts(text) if judged else ()
    numbered = paragraphs.numbered(candidates, lines, quoted)
    # (a quoted head read from a portion, `1) (C)`, is a portion already)
    in_quotations = paragraphs.quoted_portions([c for c in candidates if c.span not in from_portions], numbered, quoted)
    if in_quotations:
        portions = sorted(portions + in_quotations, key=lambda node: (node.span.line, node.span.column))
    if from_portions:
        taken = {p.span for p in numbered}
        portions = sorted(portions + [node for span, node in from_portions.items() if span not in taken],
                          key=lambda node: (node.span.line, node.span.column))
    if by is None and numbered:
        start = authority.in_first_paragraph(lines, numbered[0].number_span.end_column, numbered[0].span.line)
        if start is not None:
            by = authority.read(lines, [start], None, lower_case)
    if by is None:
        start = authority.inside_a_line(lines, header.end)
        if start is not None:
            by = authority.read(lines, [start], None, lower_case)

    lineno_at = _LineCounter(text)

    def span_at(start: int, end: int) -> Span:
        number, line_start = lineno_at(start)
        return Span.on_line(number, start - line_start, end - line_start)

    refs = tuple(ParagraphReference(n, span_at(s, e)) for n, s, e in bodyscan.paragraph_references(text))
    if refs and max(ref.number for ref in refs) > max((p.number for p in numbered), default=0):
        # (a document quoted whole points to its own paragraphs: `see para 7 below` in a non-paper)
        quoted = quoted if judged else paragraphs.quoted_texts(text)
        refs = tuple(ref for ref in refs if not any(start <= (ref.span.line, ref.span.column) < end
                                                    for start, end in quoted))
    breaks = [SectionBreak(post.split()[-1] if post else "", section, total, span_at(s, e))
              for post, section, total, s, e in bodyscan.section_markers(text, body_start)]
    stamps = sorted([*bodyscan.declassification_marks(text), *artefacts.release_decisions(text)], key=lambda m: m[1])
    marks = tuple(DeclassificationMark(t, None, span_at(s, e)) for t, s, e in stamps)
    routed = routing(header, lines)
    cable = Cable(
        lines=lines,
        routing=routed,
        banner=classification,
        captions=tuple(header.captions),
        eo=_declassify_on(header.eo, lines, header.end, by),
        tags=header.tags,
        subject=read_subject,
        refs=_refs_span(header.refs) if header.refs else None,
        classified_by=by,
        paragraphs=tuple(numbered),
        portions=_not_taken(portions, numbered),
        section_breaks=tuple(breaks),
        paragraph_refs=refs,
        declassification_marks=marks,
        extract=header.extract,
        margin=margin,
        margin_from=margin_from,
        margin_gaps=laid.margin_gaps,
        line_map=line_map,
        column_shifts=column_shifts or None,
        repeated_on=_repeated_on(lines, header.eo, routed),
        transcribed_on=(dates.transcription_dated(lines) or dates.record_dated(lines)) if header.dtg is None else None,
    )
    return cable._replace(artefacts=artefacts.find(cable, scanned, header.end))  # (in capitals, as scanned)




def _with_mark_below(node, read: str, lines: tuple[str, ...], number: int, lower_case: bool):
    """`node` (read from `read`, line `number`) with the mark opening the next line of text (past a
    blank one) when a wrap cut its head after the number (`... End summary. 2.` / `(SBU) According
    to ...`)."""
    if node.mark is not None or number >= len(lines):
        return node
    below = number + 1 if not lines[number].strip() and number + 1 < len(lines) else number
    took = paragraphs.mark_on_next_line(node, read, lines[below].translate(CAPITALS) if lower_case else lines[below],
                                        below + 1)
    return _as_written(took, lines[below]) if lower_case and took is not node else took


# The instruction written as the classification block of 32 CFR 2001.21 writes it, on a line of its own
# near the Classified By (`Declassify On: 2022/08/13`), where the E.O. line names its order alone (`E.O.:
# 13526`, as a record of the Department's system prints its fields)
_DECLASSIFY_ON = patterns.compile(r"[ \t]*" + DECLASSIFY_ON, re.I)
_DECLASSIFY_ON_LINES = 12  # (how far after the header's end the block may stand: a Classified By and its reasons)


def _declassify_on(eo, lines: tuple[str, ...], end: int, by):
    """`eo`, given the instruction of a `Declassify On:` line when it has none of its own, or of the
    classification block's one line (`Classified By: ...; Reason: 1.4(b); Declassify On: 2024/04/02`,
    as a record of the Department's later system prints it under the text)."""
    if eo is None or eo.kind != "none":
        return eo
    for index in range(eo.span.end_line, min(len(lines), end + _DECLASSIFY_ON_LINES)):
        found = _DECLASSIFY_ON.match(lines[index])
        if found is not None:
            return eo_instruction_on(eo, " " * found.end() + lines[index][found.end():], index + 1)
    if by is None:
        return eo
    # (on the statement's line, or a line of the block below it: after its reasons, a blank line, the
    # drafter's and clearers' fields)
    for index in range(by.span.line - 1, min(len(lines), by.span.end_line + _BLOCK_BELOW)):
        found = _DECLASSIFY_ON_IN_BLOCK.search(lines[index])
        if found is None:
            continue
        instruction = lines[index][found.end():].split(";", 1)[0]
        if not instruction.strip() and index + 1 < len(lines):  # (the value wrapped onto the next line)
            return eo_instruction_on(eo, lines[index + 1].split(";", 1)[0], index + 2, extend=False)
        return eo_instruction_on(eo, " " * found.end() + instruction, index + 1, extend=False)
    return eo


_BLOCK_BELOW = 8  # lines under a classification block's statement that its other fields take
_DECLASSIFY_ON_IN_BLOCK = patterns.compile(r"(?:^|(?<=[;,.]))[ \t]*" + DECLASSIFY_ON, re.I)


# A FOIA release's exemption codes stamped in the margin, on the line of the text they stand beside
# (`TAGS: PGOV, PHUM, NI        B1, 1.4(D), B6`, `... REASON: 1.5 (D).      B1, 1.4(D)`): the reviewer's,
# no words of the telegram's line; at least one `B` code, after a wide gap, ending the line
# (also a scan's `Bl` for B1, and the other agencies' form `(b)(1)`)
_CODE = r"(?:B[1-9l]|\(b\)\s?\([1-9]\)|1\.4\s?\(\s?[A-H]\s?\))"
# (found by a literal, which the regex engine searches for fast, the gap before it checked after: an
# alternation of the two would be tried at every character)
_MARGIN_CODES_HINT = patterns.compile(r"B(?=[1-9l]\b)(?<=[ \t]{4}B)")
_MARGIN_B_PAREN_HINT = patterns.compile(r"\(b\)(?=\s?\([1-9]\))(?<=[ \t]{4}\(b\))")
# (one run of blanks at a time: runs side by side, or a look ahead to the line's end at every gap,
# would make a long line of blanks or of gaps quadratic)
# (not a gap right after a code: the run of codes is tried from its first gap only, once)
_MARGIN_CODES = patterns.compile(rf"(?<=\S)(?<!B[1-9l])(?<!\([1-9]\))(?<!\([A-H]\))[ \t]{{4,}}{_CODE}"
                                 rf"(?:[ \t]*(?:,[ \t]*)?{_CODE})*[ \t]*$", re.M)
_B_CODE = patterns.compile(r"\bB[1-9l]\b|\(b\)\s?\([1-9]\)")


def _blanked(found: re.Match) -> str:
    # (only with a `B` code among them; not the codes that stand for a paragraph withheld whole,
    # `2.        B1`: the redaction's mark)
    if _B_CODE.search(found.group()) is None or _WORD.search(found.string, 0, found.start()) is None:
        return found.group()
    return " " * len(found.group())


_WORD = patterns.compile(r"[A-Za-z]{2}")

# A Markdown copy's markup around the words (`**TAGS:** PREL`, `__SUBJECT:__`) and its escape of a
# number's dot (`1\. (C)`, as converters write a line that would read as a list's item): the marks
# are read as blanks, the words where they stand (columns stay those on disk)
_EMPHASIS = patterns.compile(r"(\*\*|__)(?=[^\s*_])[^*_\n]{1,80}?(?<=[^\s*_])\1")
_ESCAPED_HEAD = patterns.compile(r"[ \t]*\d{1,3}\\(?=\.)")  # (tried at each line's start)


# A link a converter wrote with its address (`[PREL](/tag/PREL_0.html)`, `[¶1.](#par1)`, `[QUITO 401](https://
# ...)`): its text is read where it stands, the brackets and the address as blanks. (`[PREL](#)` and `[11.](#)`,
# a link without an address, are the grammar's, as the published extracts write them.)
_LINK = patterns.compile(r"\[([^\[\]\n]{1,80})\]\((?!#?\))[^()\s]{1,400}\)")
# (a paragraph's anchor names its number: `[11.](#par1)` is paragraph 1, its first 1 the paragraph sign's)
_PARAGRAPH_ANCHOR = patterns.compile(r"#par(\d{1,3})\)$")
# A text browser's dump numbers each link, `[14]PREL`, and lists their addresses under `References`
_LINK_LIST = patterns.compile(r"^References[ \t]*\n(?:[ \t]*\n)*[ \t]*1\.[ \t]+[a-z]+:", re.M)
_LINK_NUMBER = patterns.compile(r"\[\d{1,4}\](?=[^\s\[])")  # (before the link's text)


def _link_read(found: re.Match) -> str:
    label = found.group(1)
    anchor = _PARAGRAPH_ANCHOR.search(found.group())
    if anchor is not None and label == "1" + anchor.group(1) + ".":
        label = "\u00b6" + label[1:]  # (as long as the 1 it stands for: columns stay)
    return " " + label + " " * (len(found.group()) - len(label) - 1)


# A Markdown table a transcript sets a record's fields in (`| **E.O.:** | 12958 |`, under its rule row
# `|---|---|`): its pipes and rule rows are read as blanks, and so are the hashes of the transcript's
# headings (`## CONFIDENTIAL`)
_TABLE_RULE = patterns.compile(r"[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*(?::?-{3,}:?[ \t]*)?$")
_TABLE_ROW = patterns.compile(r"[ \t]*\|.*\|[ \t]*$")
_HEADING = patterns.compile(r"[ \t]*#{1,6}(?=[ \t])")
# (also with no table, where a heading sets the classification line: `# CONFIDENTIAL TOKYO 004482`)
_HEADING_LEVEL = patterns.compile(r"#{1,6}[ \t]+(?:TOP[ \t]+SECRET|SECRET|CONFIDENTIAL|UNCLAS|LIMITED[ \t]+OFFICIAL"
                                  r"|SENSITIVE)\b")


def _hash_opens_a_line(text: str) -> bool:
    """A `#` opens a line (a Markdown heading may), found by the character alone: a search for the pair
    `\\n#` costs a text outside ASCII ten times more, and most cables hold a `#` or two (`DE RUEHRO #1234`)."""
    at = text.find("#")
    for _seen in range(_HASHES_LOOKED_AT):
        if at < 0:
            return False
        if at == 0 or text[at - 1] == "\n":
            return True
        at = text.find("#", at + 1)
    return at >= 0 and "\n#" in text  # (a text of many: the pair searched for once)


_HASHES_LOOKED_AT = 16


def _hard_breaks(lines: tuple[str, ...]) -> bool:
    """Most lines of text end in a backslash (`TAGS: PREL IT\\`): Markdown's hard line break, as a converter
    writes each break of an HTML copy; read as a blank. (An export's continuation mark on a few lines,
    `NEW IN TEHRAN \\`, is read where it stands.)"""
    texts = [line.rstrip() for line in lines if line.strip()]
    ending = sum(1 for line in texts if line.endswith("\\"))
    return ending >= _HARD_BREAKS_LEAST and ending * 2 > len(texts)


_HARD_BREAKS_LEAST = 5


def _markdown_read(lines: tuple[str, ...], text: str) -> tuple[tuple[str, ...], str]:
    emphasis = _EMPHASIS.search(text) is not None
    escaped = "\\." in text and any(_ESCAPED_HEAD.match(line) for line in lines)
    table = "|" in text and any(_TABLE_RULE.match(line) for line in lines if "--" in line)
    links = "](" in text and _LINK.search(text) is not None
    # (or a paragraph sign after the link's number, `[19]¶1. (C)`, where the dump's list was cut off)
    numbered_links = ("References" in text and _LINK_LIST.search(text) is not None) or "]\u00b6" in text
    headings = _hash_opens_a_line(text) and any(_HEADING_LEVEL.match(line) for line in lines if line[:1] == "#")
    hard_breaks = "\\\n" in text and _hard_breaks(lines)
    if not (emphasis or escaped or table or links or numbered_links or headings or hard_breaks):
        return lines, text
    read = []
    for line in lines:
        if links and "](" in line:
            line = _LINK.sub(_link_read, line)
        if numbered_links and "[" in line:
            line = _LINK_NUMBER.sub(lambda found: " " * len(found.group()), line)
        if table and (_TABLE_ROW.match(line) or _HEADING.match(line)):
            line = line.replace("|", " ").replace("#", " ") if not _TABLE_RULE.match(line) else " " * len(line)
        elif headings and line[:1] == "#":
            heading = _HEADING.match(line)
            line = " " * heading.end() + line[heading.end():] if heading is not None else line
        if emphasis:
            line = _EMPHASIS.sub(lambda found: "  " + found.group()[2:-2] + "  ", line)
        if hard_breaks and line.rstrip().endswith("\\") and line.strip() != "\\":
            # (a backslash alone on its line is an export's blank line, which the header reads as one)
            end = len(line.rstrip())
            line = line[:end - 1] + " " + line[end:]
        head = _ESCAPED_HEAD.match(line) if escaped else None
        if head is not None:
            line = line[:head.end() - 1] + " " + line[head.end():]
        read.append(line)
    return tuple(read), "\n".join(read)


def _repeated_on(lines: tuple[str, ...], eo: Optional[EOLine], routed: Optional[RoutingHeader]) -> Optional[dt.date]:
    """The date of the cable a repeat quotes, when the E.O. line read is the quoted one's."""
    if eo is None:
        return None
    sent = routed.dtg.when.date() if routed is not None and routed.dtg is not None and routed.dtg.when else None
    return dates.repeated_on(lines, eo.span.line, sent)


def _not_taken(portions: list, numbered: list) -> tuple:
    """The portions whose mark no paragraph head took from the line below it."""
    taken = {p.mark.span for p in numbered if p.mark is not None and p.mark.span.line != p.span.line}
    return tuple(p for p in portions if p.mark.span not in taken) if taken else tuple(portions)


def _as_written(node, line: str):
    """`node` (a paragraph head or a portion read in capitals) with its mark as `line` writes it."""
    mark = node.mark
    if mark is None:
        return node
    written = line[mark.span.column - 1:mark.span.end_column - 1]
    error = mark.error if mark.error != LOWER_CASE_LEVEL else None
    return node._replace(mark=portion_mark(written, mark.span.column - 1, mark.span.line, error))


class _LineCounter:
    """The 1-based line number of offsets into `text`, and where their line starts, asked in
    increasing order as each scan yields them: only the text since the offset asked before is read,
    in C (a scan that starts again from the top starts again). A table of every line's start would
    cost a Python step for each line, and few lines hold an element; searching back from each offset
    to its line's start would read a megabyte line again for each element on it."""

    def __init__(self, text: str) -> None:
        self.text, self.offset, self.number, self.line_start = text, 0, 1, 0

    def __call__(self, offset: int) -> tuple[int, int]:
        if offset < self.offset:  # asked out of order after all: count from the start
            self.offset, self.number, self.line_start = 0, 1, 0
        newlines = self.text.count("\n", self.offset, offset)
        if newlines:
            self.number += newlines
            self.line_start = self.text.rfind("\n", self.offset, offset) + 1
        self.offset = offset
        return self.number, self.line_start


def _paragraph_after_authority(lines: tuple[str, ...], by, lower_case: bool = False):
    """'... REASON: 1.4 (b), (d) 1. (C) Summary: ...': paragraph 1 run on after the authority `by`,
    marked, or unmarked right after its last reason (`... (b), (d) 1. Summary: ...`), or its number
    ending the line and its mark opening the next (a re-flow wrapped the head: `... (d)  1.` / `(C)`)."""
    index = by.span.end_line - 1
    line = lines[index][:MAX_LINE]
    found = authority.PARAGRAPH_ONE_RUN_ON.search(line)
    if found is not None:
        return _paragraph_inside(lines[index], found.start() + 1, index + 1)
    last = by.reasons[-1].span if by.reasons else None
    if last is None or last.line != index + 1:
        return None
    found = _ONE_AFTER_REASONS.match(line, last.end_column - 1)
    if found is not None:
        return _paragraph_inside(lines[index], found.start("head") + 1, index + 1)
    found = _ONE_ENDING_LINE.match(line, last.end_column - 1)
    head = _paragraph_inside(lines[index], found.start("head") + 1, index + 1) if found is not None else None
    if head is None:
        return None
    head = _with_mark_below(head, lines[index], lines, index + 1, lower_case)
    return head if head.mark is not None else None  # (a number alone ending the line is no head)


# the head of paragraph 1 right after the last reason's letter, its text opening with a capital
_ONE_AFTER_REASONS = patterns.compile(r"[)\].,;:]*[ \t]*(?P<head>[ \t](?:\u00b6\s?)?1\s?\.[ \t]{1,6})(?=[A-Z])")
_ONE_ENDING_LINE = patterns.compile(r"[)\].,;:]*[ \t]*(?P<head>[ \t](?:\u00b6\s?)?1\s?\.)[ \t]*$")


def _paragraph_inside(line: str, column: int, lineno: int):
    """The numbered paragraph head at `column` of `line` (its spans on the line on disk)."""
    head = paragraphs.paragraph(line[column:], lineno)
    if head is None or not column:
        return head

    def shifted(span: Span) -> Span:
        return Span(span.line, span.column + column, span.end_line, span.end_column + column)

    mark = head.mark._replace(span=shifted(head.mark.span)) if head.mark is not None else None
    return head._replace(number_span=shifted(head.number_span), mark=mark, span=shifted(head.span))


def _refs_span(pieces: list) -> Span:
    first, last = pieces[0], pieces[-1]
    return Span(first.index + 1, first.column + 1, last.index + 1, len(last.text.rstrip()) + 1)


def _numbering_to_judge(candidates: list) -> bool:
    """Some head is unmarked, or the heads' numbers do not simply go 1, 2, 3 ..."""
    return any(c.mark is None or c.number != n for n, c in enumerate(candidates, 1))
