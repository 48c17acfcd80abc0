"""The layout a copy gave the telegram's lines, read past: a double-spaced copy's added blank lines,
a release's stamp on each page, a printout's head of each page after the first, an indented or
quoted copy's margin. Every later stage reads the lines kept, without the margin; the cable keeps
`line_map` and `margin` to put its spans back on the file's lines and columns (`Cable.on_disk`)."""

from __future__ import annotations

import re
from typing import Callable, NamedTuple, Optional

from .. import patterns
from . import artefacts, scanner

# A release's first page opens with its stamp: a text without one in its first characters has none
# on its other pages either (the test of a whole text for the stamp's words costs every file 2%)
_STAMPED_WITHIN = 2000


class Layout(NamedTuple):
    """The lines as read and how they stand on disk (`Cable.on_disk` puts spans back with these)."""

    lines: tuple[str, ...]
    text: str
    line_map: tuple[int, ...]   # the number on disk of each line kept (empty when every line is)
    margin: int                 # the margin taken off each line...
    margin_from: int            # ...from this line on (1-based, as read)...
    margin_gaps: frozenset      # ...but these (1-based, as read): a quoted copy's lines a mail program re-wrapped


def read_past(lines: tuple[str, ...], text: str) -> Layout:
    """`lines` (whose text is `text`) as read past their layout."""
    kept = _Kept(lines, text)
    # (each pre-test is a search of one literal: a generator over several costs a file more than it)
    if "\u00a0" in text or "\u2028" in text or "\u2029" in text or "\f" in text or "\v" in text \
            or (not text.isascii() and _TYPESET_SPACE.search(text)):
        if "\u00c2\u00a0" in text:  # (the no-break space of a copy decoded wrongly once: `Â` and it, two blanks)
            kept.lines, kept.text = tuple(line.replace("\u00c2\u00a0", "  ") for line in kept.lines), \
                kept.text.replace("\u00c2\u00a0", "  ")
        kept.lines, kept.text = tuple(line.translate(_SPACES) for line in kept.lines), kept.text.translate(_SPACES)
    if "\uff08" in text or "\u3000" in text:  # (a copy through an East Asian input: `（C）`, an ideographic space)
        kept.lines = tuple(line.translate(_FULL_WIDTH) for line in kept.lines)
        kept.text = kept.text.translate(_FULL_WIDTH)
    # (first: a numbered blank line is no blank line, and the readings below look for blank lines)
    if text.lstrip()[:1] in ("1", "0", "["):  # (a character's test: most files open with a letter; `0001`, `[1]`)
        blanked = line_numbers_blanked(kept.lines)
        if blanked is not None:
            kept.lines, kept.text = blanked, "\n".join(blanked)
    # (before the pages' stamps and heads: in a double-spaced copy they have their blank lines too,
    # which would be left as two in a row where they stood)
    kept.keep(double_spacing(kept.lines))
    if artefacts.may_hold_page_stamps(kept.text[:_STAMPED_WITHIN]):
        # a release's stamp on each page is no line of the telegram
        kept.keep([number for number, line in enumerate(kept.lines, 1) if not artefacts.page_stamp(line)])
    if "PAGE 0" in kept.text:  # (a printout numbers its pages in two digits: 02 to 09 come before any later one)
        heads = printout_page_heads(kept.lines)  # a printout's head of each page after the first is no line either
        kept.keep([number for number in range(1, len(kept.lines) + 1) if number not in heads])
    if _PDF_PAGE_IN_TEXT.search(kept.text):  # (`Page 2 of 5`: most files hold none; a pattern finds it fastest)
        breaks = pdf_page_breaks(kept.lines)
        if breaks:
            kept.keep([number for number in range(1, len(kept.lines) + 1) if number not in breaks])
    lines, text = kept.lines, kept.text
    left, first, gaps = margin(lines, text)
    kept_whole = frozenset(index + 1 for index in gaps) if gaps else _NO_GAPS  # (1-based, as the model's)
    if left:
        lines = lines[:first] + tuple(line if number in kept_whole else line[left:]
                                      for number, line in enumerate(lines[first:], first + 1))
        text = "\n".join(lines)
    return Layout(lines, text, kept.line_map, left, first + 1, kept_whole)


class _Kept:
    """The lines read so far, and the number on disk of each (empty: all of them, in order)."""

    __slots__ = ("lines", "text", "line_map")

    def __init__(self, lines: tuple[str, ...], text: str) -> None:
        self.lines, self.text, self.line_map = lines, text, ()

    def keep(self, numbers) -> None:
        """Keep only the lines of `numbers` (1-based, ascending; empty: keep all)."""
        if not numbers or len(numbers) == len(self.lines):
            return
        self.line_map = tuple(self.line_map[n - 1] for n in numbers) if self.line_map else tuple(numbers)
        self.lines = tuple(self.lines[n - 1] for n in numbers)
        self.text = "\n".join(self.lines)


# A web page's no-break spaces, the line and paragraph separators a copy keeps inside a line
# (`\u2028\u20289. (SBU) ...`), and the form feed that opens each page of a text taken from a PDF
# (`\f1. (C) ...`) are spaces to every reader (one for one: no column moves)
# (and the spaces of typesetting a word processor keeps: en, em, thin, hair, figure, narrow no-break)
_SPACES = {ord(c): " " for c in "\u00a0\u2028\u2029\f\v\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
                                "\u200a\u202f\u205f"}
_TYPESET_SPACE = patterns.compile("[\u2000-\u200a\u202f\u205f]")
# Full-width parentheses and the ideographic space, which every reader takes for their ASCII forms
# (one for one: no column moves)
_FULL_WIDTH = {0xFF08: "(", 0xFF09: ")", 0x3000: " "}


# A copy with its lines numbered in a margin, as a code viewer, `grep -n` or an exhibit prints them
# (`  12  text`, `12:text`, `12: text`, `12 | text`, `12<TAB>text`, zero-padded `0012 text`, `[0012] text`):
# the number of each line, counted from 1, and what sets it off
_LINE_NUMBER = patterns.compile(r"[ \t]*(?:(\d{1,6})|\[(\d{1,6})\])(?:[ \t]*[:|][ \t]?|[ \t]+|$)")
_FIRST_LINES = 16  # lines: a file's first two lines of text, numbered 1 and 2, stand within them


def line_numbers_blanked(lines: tuple[str, ...]) -> Optional[tuple[str, ...]]:
    """`lines` with each one's number in the margin read as blanks (columns stay those on disk; the
    margin that is left is an indent, which `margin` reads past), when every line of text of the file
    is so numbered, from 1 and one by one (its blank lines numbered too, or left unnumbered as `nl`
    leaves them); None for any other file (told at its first two lines of text)."""
    texts = [line for line in lines[:_FIRST_LINES] if line.strip()]
    if len(texts) < 2 or not _numbered(texts[0], 1) or not _numbered(texts[1], 2):
        return None
    blanked, number = [], 1
    for line in lines:
        found = _numbered(line, number)
        if found is not None:
            blanked.append(" " * found.end() + line[found.end():])
            number += 1
        elif not line.strip():
            blanked.append(line)  # (a blank line left unnumbered)
        else:
            return None
    return tuple(blanked) if number > 3 else None


def _numbered(line: str, number: int) -> Optional[re.Match]:
    found = _LINE_NUMBER.match(line)
    return found if found is not None and int(found.group(1) or found.group(2)) == number else None


def double_spacing(lines: tuple[str, ...]) -> tuple[int, ...]:
    """The numbers (1-based) of the lines to read of a double-spaced copy, one whose every line of
    text is followed by a blank line that a web page's line breaks, converted twice, added: the
    lines of text, and half of each run of blank lines between them (the cable's own blank line is
    three there). Lines above it that a forwarding message, a card or a stamp wrote without the
    added blank lines (two lines of text in a row within the first `_SPACED_BELOW_WITHIN`) are read
    as they are. Empty for any other file, told at its first two lines of text in a row after those
    (most files: in their first lines). A copy whose paragraphs are each one line, with a blank line
    between them, has long lines and no longer runs (below lines without the spacing: fewer than
    `_SPACED_BELOW_RUNS`), and is read as it is."""
    if _lines_in_a_row(lines, _SPACED_BELOW_WITHIN):
        return ()  # (most files, told at once: their lines after the first forty run on)
    previous_blank, texts, start = True, 0, 0
    for index, line in enumerate(lines):
        blank = not line.strip()
        if not blank:
            if not previous_blank:
                if index >= _SPACED_BELOW_WITHIN:
                    return ()
                start, texts = index + 1, -1  # (the spaced lines, if any, start after this one)
            texts += 1
        previous_blank = blank
    spaced = lines[start:]
    if texts < _DOUBLE_SPACED_MIN or sum(1 for line in spaced if len(line) > _TELEGRAM_WIDTH) * 2 > texts:
        return ()  # (a copy whose paragraphs are each one long line, blank lines between, is no double-spaced one)
    kept, run, longer_runs = list(range(1, start + 1)), [], 0
    for number, line in enumerate(spaced, start + 1):
        if line.strip():
            kept.extend(run[:len(run) // 2])
            longer_runs += len(run) >= 3
            kept.append(number)
            run = []
        else:
            run.append(number)
    kept.extend(run[:len(run) // 2])
    # (under lines written without the spacing, each of the cable's own blank lines in several places
    # is three, and the added blank lines fall inside sentences: a cable of one-line paragraphs, a
    # blank line between them, has few such runs and ends every line with its sentence)
    if start and (longer_runs < _SPACED_BELOW_RUNS or not _breaks_inside_sentences(spaced)):
        return ()
    return tuple(kept) if longer_runs else ()


def _breaks_inside_sentences(lines: tuple[str, ...]) -> bool:
    """A third of the lines of text at least end inside a sentence (no full stop, colon or closing
    mark): a telegram's lines, wrapped at its width, spaced out."""
    texts = [line.rstrip() for line in lines if line.strip()]
    inside = sum(1 for line in texts if line[-1] not in _SENTENCE_ENDS)
    return inside * 3 >= len(texts)


_SENTENCE_ENDS = frozenset(".:;!?)\"'")


def _lines_in_a_row(lines: tuple[str, ...], start: int) -> bool:
    """Two lines of text in a row from line `start` (0-based) on."""
    previous_blank = True
    for index in range(start, len(lines)):
        blank = not lines[index].strip()
        if not blank and not previous_blank:
            return True
        previous_blank = blank
    return False


_DOUBLE_SPACED_MIN = 8  # lines of text: a note of a few lines spaced out is read as it is
_SPACED_BELOW_WITHIN = 40  # lines: the most a forwarding message, a card or a stamp writes above a spaced copy
_SPACED_BELOW_RUNS = 3  # runs of three blank lines or more a spaced copy below such lines has at least
_TELEGRAM_WIDTH = 100  # characters: most lines of a double-spaced copy keep the telegram's width


_NO_MARGIN = (0, 0, ())
_NO_GAPS: frozenset = frozenset()


def margin(lines: tuple[str, ...], text: str) -> tuple[int, int, tuple[int, ...]]:
    """The spaces (or tabs) that every line holding text starts with: an indented copy is read
    without them, as its heads and fields stand at the start of their lines (0 for most files,
    told by their first line of text). An e-mailed copy's quote marks are such a margin too, also
    where the message that forwarded it wrote its own lines above them. The width, the index of
    the first line that has it (the lines above keep their text as written), and the indexes of
    the quoted copy's lines that a mail program's re-wrap left without marks (kept as written)."""
    first = next((line for line in lines if line.strip()), "")
    if first.lstrip(" \t")[:1] in (">", "|"):
        quoting, gaps = _quoting(lines)
        if quoting or first[0] not in " \t":
            return _innermost(lines, quoting, 0, gaps)
        # (else an indented copy whose first line of text opens with a mark: its indent is its margin)
    if not first or first[0] not in " \t":
        # (a quoted copy below a forwarding message, whatever that opens with: a field, `From: ...`,
        # `-----Original Message-----`, a release's stamp, or a note, `Robert, see below.`)
        # (`text` is `lines` joined: searched only as far as the lines a forwarding message takes)
        if ">" in text or "|" in text:  # (a character alone is found fastest)
            within = sum(map(len, lines[:_QUOTED_BELOW_WITHIN])) + _QUOTED_BELOW_WITHIN
            if text.find("\n>", 0, within) >= 0 or text.find("\n|", 0, within) >= 0:
                return _quoted_below(lines)
        # (an indented copy under what a release or a record put above it at the margin: its stamp,
        # a card's fields; their lines keep their text as written), or under a title or two; the
        # first line of text below them is indented, and so is the last line of the file
        last = next((line for line in reversed(lines) if line.strip()), "")
        if last[:1] not in (" ", "\t"):
            return _NO_MARGIN  # (most files)
        start = artefacts.preamble_end(lines) or _below_a_title(lines)
        below = next((line for line in lines[start:] if line.strip()), "") if start else ""
        if not below or below[0] not in " \t":
            return _NO_MARGIN
        least = _indent(lines[start:], below)
        return (least, start, ()) if least else _NO_MARGIN
    least = _indent(lines, first)
    return (least, 0, ()) if least else _NO_MARGIN


_TITLE_LINES = 2  # lines of text at the margin above an indented copy: a document's title, a heading


def _below_a_title(lines: tuple[str, ...]) -> int:
    """The index of the first indented line when only a title's line or two of text stand above it
    at the margin (`INR MEMORANDUM` / `     P 221530Z SEP 09` ...), else 0."""
    seen = 0
    for index, line in enumerate(lines[:_QUOTED_BELOW_WITHIN]):
        if not line.strip():
            continue
        if line[0] in " \t":
            return index if seen else 0
        seen += 1
        if seen > _TITLE_LINES or scanner.line_facts(line).kind not in ("other", "blank"):
            return 0  # (a telegram's own line at the margin, its indent lost: `P 021430Z JUL 09`, a banner)
    return 0


def _indent(lines: tuple[str, ...], first: str) -> int:
    """The blanks every line of text in `lines` starts with, of the kind `first` (their first line
    of text) opens with; 0 when a line has none."""
    blank, least = first[0], len(first)
    for line in lines:
        indent = len(line) - len(line.lstrip(blank))
        if indent < least and line.strip():
            if not indent:
                return 0
            least = indent
    return least


_QUOTED_BELOW_WITHIN = 60  # lines: the most a forwarding message writes above what it quotes
# (not the SUBJECT: the message that forwards a copy has a `Subject:` of its own)
_TELEGRAM_ELEMENTS = frozenset({"banner", "eo", "tags", "classified_by", "transmission", "dtg", "paragraph"})
_FORWARDS = 4  # messages forwarded one inside another, each quoting the last (more: the deepest is not looked for)
_QUOTED_MIN = 5  # lines of text quoted (a cable has its classification line, E.O., TAGS, SUBJECT and a paragraph)


_QUOTE_MARKS = patterns.compile(r"[ \t]*(?:[>|][ \t]*)+")


def _quoted_below(lines: tuple[str, ...], depth: int = 0) -> tuple[int, int, tuple[int, ...]]:
    """The quote marks of a copy quoted under the lines of the message that forwarded it (`From:`,
    `Sent:`, a note: not quoted), the index of its first quoted line, and its re-wrapped lines
    (`_quoting`); none unless every line of text from there on is quoted or re-wrapped, at least
    `_QUOTED_MIN` of them quoted (a note quoting a line or two has none)."""
    start = next((i for i, line in enumerate(lines[:_QUOTED_BELOW_WITHIN]) if line[:1] in (">", "|")), None)
    if start is None or sum(1 for line in lines[start:]
                            if line[:1] in (">", "|") and line.strip(" \t>|")) < _QUOTED_MIN:
        return _NO_MARGIN  # (lines of marks alone are quoted blank lines, no text)
    if any(scanner.line_kind(line) in _TELEGRAM_ELEMENTS
           for line in lines[artefacts.preamble_end(lines[:start]):start]):
        return _NO_MARGIN  # (a telegram above what a reply quotes under it, past the reply's header: read as it stands)
    width, gaps = _quoting(lines[start:])
    return _innermost(lines, width, start, tuple(start + gap for gap in gaps), depth) if width else _NO_MARGIN


def _innermost(lines: tuple[str, ...], width: int, start: int, gaps: tuple[int, ...],
               depth: int = 0) -> tuple[int, int, tuple[int, ...]]:
    """The margin (`width` from line `start` on) of the copy quoted deepest: a message forwarded twice
    quotes the first forward's header once (`> From: ...`) and the copy under it twice (`> > P 121530Z
    ...`); that header's lines are kept as written, as the outer message's are."""
    if not width or depth >= _FORWARDS:
        return width, start, gaps
    inner = _quoted_below(tuple(line[width:] for line in lines[start:]), depth + 1)
    if not inner[0]:
        return width, start, gaps
    inner_width, inner_start, inner_gaps = inner
    return width + inner_width, start + inner_start, tuple(sorted({*gaps, *(start + gap for gap in inner_gaps)}))


def _quoting(lines: tuple[str, ...]) -> tuple[int, tuple[int, ...]]:
    """The quote marks (`> `, `>> `, `> > `; `| ` as some mail programs write them; indented as a
    quoted message forwarded again has them) that the lines of an e-mailed copy start with,
    measured on the lines holding text after them (a line of marks alone is a quoted blank line),
    and the indexes of the lines of text without them: where a mail program re-wrapped a long
    quoted line, the rest of it goes on at the line's start (each right after a line of text; at
    least `_QUOTED_MIN` lines quoted), and those of what the message writes under the quoted copy,
    after a blank line; (0, ()) when others lack the marks."""
    least, gaps, quoted, previous_text = 0, [], 0, False
    for index, line in enumerate(lines):
        if not line.strip():
            previous_text = False
            continue
        marks = _QUOTE_MARKS.match(line)
        if marks is not None and "|" in marks.group() and line.rstrip().endswith("|") and line.strip(" \t|"):
            marks = None  # (a row of a Markdown table, `| TAGS: | PREL |`, is no quoted line; `|` alone is a blank one)
        if marks is None:
            if not previous_text:
                if quoted < _QUOTED_MIN:
                    return 0, ()
                # the quoted copy has ended: what the message writes under it (a signature, a
                # reply) is kept as written
                gaps.extend(i for i in range(index, len(lines)) if lines[i].strip())
                break
            gaps.append(index)  # (the rest of the line above, re-wrapped)
            continue
        previous_text = bool(line[marks.end():].strip())
        if previous_text:
            quoted += 1
            least = min(least, marks.end()) if least else marks.end()
    if gaps and quoted < _QUOTED_MIN:
        return 0, ()  # (a reply's own lines under a line or two it quotes)
    return least, tuple(gaps)


# A printout's head of a page after the first, on lines of its own: the page's marking (of the last
# page's foot and of this page's head), then `PAGE 02 ROME 01196 01 OF 02 082030Z` (the post cut to
# six letters, `CAPE T`; the date-time group left out in the 1970s' printouts: `PAGE 02 STATE 187673`)
# or `PAGE 02 RUEHFRA0170 S E C R E T`. (A page's head that a copy ran on
# into the text, `PAGE 03 ROME 01196 082030Z 3. (SBU) AS WE ...`, is read where it stands.)
_SECTION_OF = r"(?:[ \t]+\d{1,2}[ \t]+OF[ \t]+\d{1,2})?"
# (a serial of 3 or 4 digits only before a date-time group: `PAGE 10 OF THE REPORT 2009` is text)
_PAGE_HEAD = patterns.compile(r"[ \t]*PAGE[ \t]+0*(?:[2-9]|[1-9]\d{1,2})[ \t]+"
                              rf"(?:[A-Z][A-Z .']{{0,14}}[ \t]+(?:\d{{3,6}}(?={_SECTION_OF}[ \t]+\d{{6}}Z)|\d{{5,6}})"
                              rf"{_SECTION_OF}(?:[ \t]+\d{{6}}Z)?"
                              r"|R[A-Z]{4,6}\d{4}(?:[ \t]+[A-Z](?:[A-Z/]|[ ](?=[A-Z/]))*)?(?:[ \t]+\d{3,6})?)[ \t]*$")
_PAGE_HEAD_WIDTH = 120  # a page's head is a short line: a longer one is text (and never scanned to its end)
_LEVEL_WORDS = r"TOP[ \t]+SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED|UNCLAS|LIMITED[ \t]+OFFICIAL[ \t]+USE"
_PAGE_MARKING = patterns.compile(rf"[ \t]*(?:{_LEVEL_WORDS})[ \t]*$")
_HEAD_LINES = 6  # the lines a page's head and the last page's foot take at most

# A page's number as a text taken from a PDF has it, on a line of its own (`Page 2 of 5`), and the
# page's marking above or below it, with its controls (`SECRET//NOFORN`, `CONFIDENTIAL//REL TO USA, GBR`)
_PDF_PAGE = patterns.compile(r"[ \t]*(?:Page|PAGE)[ \t]+\d{1,4}[ \t]+(?:of|OF)[ \t]+\d{1,4}[ \t]*$")
_PDF_PAGE_IN_TEXT = patterns.compile(r"(?:Page|PAGE)[ \t]+\d{1,4}[ \t]+(?:of|OF)[ \t]+\d")
_PDF_PAGE_MARKING = patterns.compile(rf"[ \t]*(?:{_LEVEL_WORDS})(?:[ \t]*//?[ \t]*[A-Z][A-Z ,/-]{{0,60}})?[ \t]*$")
_ENDS_A_BLOCK = (".", ":", "?", "!", '."', '.)', '?"')  # (not `(b)` or `(SA-24)`: a field's words may go on)


def _blank(line: str) -> bool:
    return not line.strip()


def _run(lines: tuple[str, ...], start: int, step: int, test: Callable[[str], object]) -> int:
    """The index of the last line, going by `step` from `start`, of the run of lines that pass `test`
    next to it (at most `_HEAD_LINES`; `start` itself when none)."""
    end = start
    while 0 <= end + step < len(lines) and abs(end + step - start) < _HEAD_LINES and test(lines[end + step]):
        end += step
    return end


def _same_past_blanks(lines: tuple[str, ...], start: int, step: int, marking: str) -> int:
    """The index of the line `marking` past the blank lines next to line `start` (`start` if none)."""
    beyond = _run(lines, start, step, _blank) + step
    return beyond if beyond != start + step and 0 <= beyond < len(lines) and lines[beyond].strip() == marking else start


def pdf_page_breaks(lines: tuple[str, ...]) -> set[int]:
    """The numbers (1-based) of the lines of a page break in a text taken from a PDF: the `Page n of m`
    line, the page markings next to it and the blank line on each side that sets them off. Where the
    line above the break ends a sentence and no other blank line is left, one is kept: a paragraph may
    end there. (Else the page broke a field or a sentence, which reads on: `Classified By: ..., ` /
    `reasons 1.4 (b) and (d)`.) Above the text's first line, the markings stay: they may be its only
    classification line."""
    dropped: set[int] = set()
    for index, line in enumerate(lines):
        if len(line) > _PAGE_HEAD_WIDTH or ("Page" not in line and "PAGE" not in line) or not _PDF_PAGE.match(line):
            continue
        # (the markings next to the number, then the blank lines: a marking set off by a blank line
        # is the text's, a caption such as `SENSITIVE BUT UNCLASSIFIED` above its first paragraph)
        top = _run(lines, index, -1, _PDF_PAGE_MARKING.match)
        bottom = _run(lines, index, 1, _PDF_PAGE_MARKING.match)
        # (and the same marking again past blank lines: the last page's foot, then the next one's head)
        marking = lines[top].strip() if top < index else lines[bottom].strip() if bottom > index else None
        if marking is not None:
            top, bottom = _same_past_blanks(lines, top, -1, marking), _same_past_blanks(lines, bottom, 1, marking)
        if not any(text.strip() for text in lines[:top]):
            dropped.add(index + 1)  # (the first page's head: its number alone is the PDF's)
            continue
        first, last = _run(lines, top, -1, _blank), _run(lines, bottom, 1, _blank)
        # (the break sets its marking off by a blank line on each side: more are the text's own)
        kept = list(range(first + 1, top)) + list(range(bottom + 2, last + 1))
        above = lines[first - 1].rstrip() if first else ""
        if not kept and (not above or above.endswith(_ENDS_A_BLOCK)) and (first < top or last > bottom):
            kept = [first if first < top else last]  # (a sentence ended: a paragraph may too)
        dropped.update(i + 1 for i in range(first, last + 1) if i not in kept)
    return dropped


def printout_page_heads(lines: tuple[str, ...]) -> set[int]:
    """The numbers (1-based) of the lines of a printout's head of a page after the first: its
    `PAGE` line, the marking lines before it and the blank lines between them. (A blank line after
    it is kept: it may be the text's own.)"""
    heads: set[int] = set()
    for index, line in enumerate(lines):
        if "PAGE" not in line or len(line) > _PAGE_HEAD_WIDTH or _PAGE_HEAD.match(line) is None:
            continue
        first = index
        for before in range(index - 1, max(-1, index - _HEAD_LINES), -1):
            if _PAGE_MARKING.match(lines[before]):
                first = before
            elif lines[before].strip():
                break
        heads.update(range(first + 1, index + 2))
    return heads
