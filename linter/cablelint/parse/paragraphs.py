"""Numbered paragraph heads and their portion marks, from grammar results to model nodes."""

from __future__ import annotations

import re
from typing import Optional

from .elements import NO_CLOSE, NO_OPEN, names_no_mark, portion_mark
from .grammar import grammar
from .model import Paragraph, Portion, Span

_new_tuple = tuple.__new__  # named tuples made without their Python-level __new__ (see Span.on_line)

_head_match = None  # the paragraph head's compiled `match`, fetched on first use (see `paragraph`)


def paragraph(line: str, lineno: int) -> Optional[Paragraph]:
    """A numbered paragraph's head: its number and its portion mark, broken or not."""
    global _head_match
    if _head_match is None:
        # `grammar.match` of a lone Regex terminal is its compiled pattern's `match`: fetched once,
        # as this runs for every line of the body that starts like a paragraph (thousands a run)
        _head_match = grammar().paragraph_head.re_match
    found = _head_match(line, 0, 200)  # endpos 200: the same match as on line[:200], without the copy
    if found is None:
        return None
    md, num, closed, no_open, no_close = found.group("md", "num", "closed", "no_open", "no_close")
    # the first of the three mark groups that matched, as the grammar orders them
    if closed:
        mark = None if names_no_mark(closed) else portion_mark(closed, found.start("closed"), lineno)
    elif no_open:
        mark = portion_mark(no_open, found.start("no_open"), lineno, NO_OPEN)
    elif no_close:
        mark = portion_mark(no_close, found.start("no_close"), lineno, NO_CLOSE)
    else:
        mark = _late_mark(line, found.end(), lineno)
    start, end = found.span("number")
    # The paragraph and its spans are made with tuple.__new__, without the named tuples' Python-level
    # __new__ (one per paragraph). They are what Span.on_line makes: the number has a digit, so
    # both spans are at least one column wide without its guard.
    number_span = _new_tuple(Span, (lineno, start + 1, lineno, end + 1))
    span = _new_tuple(Span, (lineno, start + 1, lineno, len(line.rstrip()) + 1))
    return _new_tuple(Paragraph, (int(md or num), number_span, mark, span))


# A mark after a heading word: `1. Summary: (C)`, `7. Comment. (SBU)`, `1. KEY POINTS -- (C)`, `1. SUMMARY (U)`
_LATE_MARK = re.compile(
    r"\s*(?:[A-Z][a-z]+(?:[ ][A-Za-z]+){0,3}\s*(?::|\.|--?)|[A-Z]{2,}(?:[ ][A-Z]{2,}){0,3}\s*(?::|\.|--?)?)"
    r"\s*(?P<mark>\((?:TS|S|C|U|SBU|LOU)(?:/{1,2}[A-Z][A-Z ,-]{0,30})*\))(?=\s|$)")


# The whole text's marking written in words after the number (`1. SECRET - ENTIRE TEXT.`, `1. C - ENTIRE
# TEXT`), as telegrams of the 1980s and 1990s mark every portion at once
_WHOLE_TEXT = re.compile(r"[ \t]*(?P<mark>(?:TOP SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED|LIMITED OFFICIAL USE"
                         r"|SENSITIVE BUT UNCLASSIFIED|TS|S|C|U|SBU|LOU)[ \t]*-{1,2}[ \t]*ENTIRE[ \t]+TEXT)\b")


def _late_mark(line: str, at: int, lineno: int):
    found = _LATE_MARK.match(line, at, 200) or _WHOLE_TEXT.match(line, at, 200)
    return portion_mark(found["mark"], found.start("mark"), lineno) if found is not None else None


_PORTION_HEAD = re.compile(
    r"[ \t]*(?P<label>(?:\u00b6[ ]?)?(?:[A-Z]|[IVX]{1,4})[.)]|\d{1,3}\)|-{1,3}|\u2022|\*)?"
    r"[ \t]*(?P<mark>\([^()\n]{1,80}\))")
_KINDS = {"-": "bullet", "\u2022": "bullet", "*": "bullet", **{d: "item" for d in "0123456789"}}


def portion(line: str, column: int, lineno: int) -> Optional[Portion]:
    """The portion marked at its head that starts at `column` of `line` (a lettered sub-paragraph, a
    bullet or an unnumbered paragraph); None when no mark stands there."""
    found = _PORTION_HEAD.match(line, column, column + 200)
    if found is None:
        return None
    label = found["label"]
    kind = "unnumbered" if not label else _KINDS.get(label[0], "lettered")
    mark = portion_mark(found["mark"], found.start("mark"), lineno)
    start = found.start("label") if label else found.start("mark")
    return Portion(kind, label, mark, Span.on_line(lineno, start, len(line.rstrip())))


# `(C) 1. The Embassy obtained ...`: the number after the mark, then text (`(C)4. In`, `(U) 11. A/S`)
_NUMBER_AFTER_MARK = re.compile(r"[ \t]{0,3}(?P<number>\d{1,3})\.(?=[ \t]+[^\s\d]|[A-Z])")


def numbered_after_mark(portion: Portion, line: str) -> Optional[Paragraph]:
    """The numbered paragraph `portion` heads when its mark is written before the paragraph's
    number (`(C) 1. The Embassy ...`): a style of some posts, numbered as the others are."""
    if portion.kind != "unnumbered":
        return None
    found = _NUMBER_AFTER_MARK.match(line, portion.mark.span.end_column - 1)
    if found is None:
        return None
    start, end = found.span("number")
    return Paragraph(int(found["number"]), Span.on_line(portion.span.line, start, end), portion.mark, portion.span)


_NOTHING_AFTER = re.compile(r"[ \t.)]*$")  # (matched, not sliced: a line may hold a megabyte of paragraphs)
# A mark opening a line, after no label (`(SBU) According to ...`)
_MARK_OPENING = re.compile(r"[ \t]*(?P<mark>\((?:TS|S|C|U|SBU|LOU)(?:/{1,2}[A-Za-z ,]{1,40})?\))")


def mark_on_next_line(head: Paragraph, line: str, next_line: str, lineno: int) -> Paragraph:
    """`head` (read from `line`, where nothing follows its number) with the mark that opens
    `next_line` (line `lineno`): a wrap cut the head after its number (`... End summary. 2.` /
    `(SBU) According to`)."""
    if head.mark is not None or _NOTHING_AFTER.match(line, head.number_span.end_column - 1) is None:
        return head
    found = _MARK_OPENING.match(next_line)
    if found is None:
        return head
    return head._replace(mark=portion_mark(found["mark"], found.start("mark"), lineno))


# The rest of a REL TO list wrapped onto the next line: `(S/REL TO USA, GBR,` / `AUS) The ...`
_REL_REST = re.compile(r"[ \t]*((?:[A-Z]{2,4}|NATO|ISAF|EU)(?:[ \t]*,[ \t]*(?:[A-Z]{2,4}|NATO|ISAF|EU))*[ \t]*\))")


def rejoin_wrapped_mark(head: Paragraph, line: str, next_line: str) -> Paragraph:
    """`head` (read from `line`) with its mark made whole when a REL TO list was wrapped onto
    `next_line`."""
    mark = head.mark
    if mark is None or mark.error != NO_CLOSE or "REL" not in mark.raw.upper():
        return head
    tail = _REL_TAIL.match(line, mark.span.end_column - 1)
    rest = _REL_REST.match(next_line) if tail is not None else None
    if rest is None:
        return head
    whole = portion_mark(mark.raw + tail.group().rstrip() + " " + rest.group(1), mark.span.column - 1, mark.span.line)
    return head._replace(mark=whole._replace(span=Span(mark.span.line, mark.span.column, mark.span.line,
                                                       len(line.rstrip()) + 1)))


_REL_TAIL = re.compile(r"(?:[ \t]*(?:[A-Z]{2,4}|NATO|ISAF|EU)?[ \t]*,)*[ \t]*$")
