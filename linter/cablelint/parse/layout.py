"""The layout a copy gave the telegram's lines, read past: a double-spaced copy's added blank lines,
a release's stamp on each page, an indented or quoted copy's margin. Every later stage reads the
lines kept, without the margin; the cable keeps `line_map` and `margin` to put its spans back on
the file's lines and columns (`Cable.on_disk`)."""

from __future__ import annotations

import re

from . import artefacts


def read_past(lines: tuple[str, ...], text: str) -> tuple[tuple[str, ...], str, tuple[int, ...], int]:
    """`lines` (whose text is `text`) as read: the lines kept and their text, the number on disk of
    each line kept (empty when every line is), and the margin taken off each line."""
    line_map = double_spacing(lines)
    if line_map:
        lines = tuple(lines[number - 1] for number in line_map)
        text = "\n".join(lines)
    if any(words in text for words in artefacts.PAGE_STAMP_WORDS):
        kept = tuple(number for number, line in enumerate(lines, 1) if not artefacts.page_stamp(line))
        if len(kept) < len(lines):  # a release's stamp on each page is no line of the telegram
            line_map = tuple(line_map[number - 1] for number in kept) if line_map else kept
            lines = tuple(lines[number - 1] for number in kept)
            text = "\n".join(lines)
    left = margin(lines)
    if left:
        lines = tuple(line[left:] for line in lines)
        text = "\n".join(lines)
    return lines, text, line_map, left


def double_spacing(lines: tuple[str, ...]) -> tuple[int, ...]:
    """The numbers (1-based) of the lines to read of a double-spaced copy, one whose every line of
    text is followed by a blank line that a web page's line breaks, converted twice, added: the
    lines of text, and half of each run of blank lines between them (the cable's own blank line is
    three there). Empty for any other file, told at its first two lines of text in a row (most
    files: in their first lines). A copy whose paragraphs are each one line, with a blank line
    between them, has long lines and no longer runs, and is read as it is."""
    previous_blank, texts, longer_run = True, 0, False
    for line in lines:
        blank = not line.strip()
        if not blank:
            if not previous_blank:
                return ()
            texts += 1
        previous_blank = blank
    if texts < _DOUBLE_SPACED_MIN or sum(1 for line in lines if len(line) > _TELEGRAM_WIDTH) * 2 > texts:
        return ()  # (a copy whose paragraphs are each one long line, blank lines between, is no double-spaced one)
    kept, run = [], []
    for number, line in enumerate(lines, 1):
        if line.strip():
            kept.extend(run[:len(run) // 2])
            longer_run = longer_run or len(run) >= 3
            kept.append(number)
            run = []
        else:
            run.append(number)
    kept.extend(run[:len(run) // 2])
    return tuple(kept) if longer_run else ()


_DOUBLE_SPACED_MIN = 8  # lines of text: a note of a few lines spaced out is read as it is
_TELEGRAM_WIDTH = 100  # characters: most lines of a double-spaced copy keep the telegram's width


def margin(lines: tuple[str, ...]) -> int:
    """The spaces (or tabs) that every line holding text starts with: an indented copy is read
    without them, as its heads and fields stand at the start of their lines (0 for most files,
    told by their first line of text). An e-mailed copy's quote marks are such a margin too."""
    first = next((line for line in lines if line.strip()), "")
    if first[:1] == ">":
        return _quoting(lines)
    if not first or first[0] not in " \t":
        return 0
    blank, least = first[0], len(first)
    for line in lines:
        indent = len(line) - len(line.lstrip(blank))
        if indent < least and line.strip():
            if not indent:
                return 0
            least = indent
    return least


_QUOTE_MARKS = re.compile(r"(?:>[ \t]?)+")


def _quoting(lines: tuple[str, ...]) -> int:
    """The quote marks (`> `, `>> `) that every line of an e-mailed copy starts with, measured on
    the lines holding text after them (a line of marks alone is a quoted blank line), or 0."""
    least = 0
    for line in lines:
        if not line.strip():
            continue
        marks = _QUOTE_MARKS.match(line)
        if marks is None:
            return 0
        if line[marks.end():].strip():
            least = min(least, marks.end()) if least else marks.end()
    return least
