"""The body of a cable, scanned as one text: where paragraphs start, section breaks, a late
Classified By line, references to paragraphs (`SEE PARA 3`) and declassification stamps.

Each scan runs one compiled pattern over the whole text, or finds the words a match must start
with first (bytes.find) and tries the pattern only there: a cable's body costs little more than
reading it. Offsets are 0-based. Knows nothing of the rest of cablelint.
"""

from __future__ import annotations

import re
from typing import Iterator, Optional

_BODY = re.compile(
    r"^(?:(?P<paragraph>[ \t]{0,3}(?:\[1\d{1,3}\.\]\(\#\)|¶[ ]?\d{1,3}[ ]?\.(?!\d)|[ ]?\d{1,2}[ ]?\.(?=[ \t(]|$|(?:TS|S|C|U|SBU)[/)])))"
    # the post's words run up to the serial, which a space precedes: taken whole (`*+`) rather than
    # one character at a time, which a long line of capitals made dear
    r"|(?P<section_break>[A-Z][A-Z .'-]*+(?<=[ ])\d{3,8}[ ]+\d{3}(?:\.\d+)?[ ]+OF[ ]+\d{3}[ \t]*$)"
    r"|(?P<classified_by>[ \t]*(?:\(U\)[ \t]*)?(?i:classified[ \t]+by)\b))",
    re.M)
# References are rare, so find the word first and judge its context second.
_PARA_WORD = re.compile(r"(?i:para)(?i:graph)?(?i:s)?\.?\s*(?P<n>\d{1,2})\b")
_REF_BEFORE = re.compile(r"(?i:\b(?:SEE|IN|AT|PER|ACTION\s+REQUEST(?:ED)?(?:\s+(?:IS|IN|AT))?))\s+$")
_REF_AFTER = re.compile(r"(?i:\s+(?:BELOW|ABOVE)\b)")
_OTHER_CABLE_AFTER = re.compile(r"(?i:\s*(?:OF|IN)\s+(?:REF|[A-Z]+\s+\d))")
_DECLASSIFIED_WORD = re.compile(r"(?i:de-?classified)")
_DECLASSIFIED_LINE = re.compile(
    r"(?i:.{0,40}?(?:DECLASSIFIED\s*/\s*RELEASED\b|DECLASSIFIED\s+BY\s+NARA\b|DECLASSIFIED\s+AUTHORITY\b"
    r"|ORIGINAL\s+TELEGRAM\s+WAS\s+\w+\s+BUT\s+HAS\s+SINCE\s+BEEN\s+DE-?CLASSIFIED)"
    r"|\s*DECLASSIFIED\s+(?:BY|ON)\s*:)"  # the 32 CFR 2001.25 fields "Declassified by:", "Declassified on:"
    # A stamp's first line stands alone and in capitals; a wrapped word of prose does not count.
    r"|[ \t]*DECLASSIFIED[ \t]*$")


# `_BODY` led by the newline that precedes a line instead of `^`: the regex engine finds a literal
# first character with a fast search, where `^` makes it stop at every character of the text.
# Built from `_BODY` itself, so the two cannot drift apart; a match never spans lines.
_BODY_AFTER_NEWLINE = re.compile("\n" + _BODY.pattern[1:], _BODY.flags) if _BODY.pattern.startswith("^(") else None


def body_elements(text: str, start: int = 0) -> Iterator[tuple[str, int]]:
    """(kind, offset of the line start) for paragraph starts, section breaks and late
    Classified By lines in `text` from offset `start`."""
    if _BODY_AFTER_NEWLINE is None:
        for found in _BODY.finditer(text, start):
            yield found.lastgroup or "", found.start()
        return
    resume = start
    if start == 0 or (start <= len(text) and text[start - 1] == "\n"):  # where `^` would match
        first = _BODY.match(text, start)
        if first is not None:
            yield first.lastgroup or "", start
            resume = first.end()
    for found in _BODY_AFTER_NEWLINE.finditer(text, resume):
        yield found.lastgroup or "", found.start() + 1


# Characters outside ASCII that a case-insensitive pattern matches as an ASCII letter (long s,
# dotless i, dotted capital I, Kelvin sign): where one occurs, `_caseless_finditer` defers to re.
_FOLD_TRAPS = ("\u017f", "\u0131", "\u0130", "\u212a")


_last_lowered: tuple[str, Optional[bytes]] = ("", b"")


def _bytes_lower(text: str) -> Optional[bytes]:
    """The text as Latin-1 bytes with ASCII letters lower-cased, each character outside Latin-1
    replaced by one '?', so offsets are the text's. Far cheaper than str.lower() on text with any
    character outside ASCII (the curly quotes of most cables; Latin-1 keeps their pilcrows as they
    are), and enough to find ASCII words; None for a text holding one of `_FOLD_TRAPS`. Kept for
    the last text: the body scans of one cable share it."""
    global _last_lowered
    last = _last_lowered
    if last[0] is not text:
        trapped = any(trap in text for trap in _FOLD_TRAPS)
        last = _last_lowered = (text, None if trapped else text.encode("latin-1", "replace").lower())
    return last[1]


def _caseless_finditer(pattern: re.Pattern, text: str, anchor: bytes,
                       leads: tuple[bytes, ...] = (b"",)) -> Iterator[re.Match]:
    """`pattern.finditer(text)` for a case-insensitive pattern whose every match starts with one of
    `leads` directly followed by `anchor` (lower-case ASCII bytes). The anchor is located with
    bytes.find in the lower-cased text, the leads are read just before it, and the pattern is
    tried only there: the same matches, without running the regex engine over every character of
    the text. One search for the anchor serves all the leads: each search is a pass over the text."""
    lowered = _bytes_lower(text)
    if lowered is None:
        yield from pattern.finditer(text)
        return
    starts: set[int] = set()
    at = lowered.find(anchor)
    while at >= 0:
        for lead in leads:
            start = at - len(lead)
            if start >= 0 and lowered.startswith(lead, start):
                starts.add(start)
        at = lowered.find(anchor, at + 1)
    resume = 0
    for at in sorted(starts):
        if at < resume:
            continue  # inside the previous match: finditer does not overlap matches
        found = pattern.match(text, at)
        if found is not None:
            resume = found.end()
            yield found


def paragraph_references(text: str) -> Iterator[tuple[int, int, int]]:
    """(paragraph number, start, end) of each `SEE PARA N` / `PARA N BELOW` reference."""
    for found in _caseless_finditer(_PARA_WORD, text, b"para"):
        before = text[max(0, found.start() - 40):found.start()]
        if not (_REF_BEFORE.search(before) or _REF_AFTER.match(text, found.end())):
            continue
        if _OTHER_CABLE_AFTER.match(text, found.end()):
            continue  # "PARA 3 OF REF A" points into another cable
        yield int(found["n"]), found.start("n"), found.end("n")


def declassification_marks(text: str) -> Iterator[tuple[str, int, int]]:
    """(text, start, end) of each line that marks the cable declassified or released."""
    for found in _caseless_finditer(_DECLASSIFIED_WORD, text, b"classified", (b"de", b"de-")):
        line_start = text.rfind("\n", 0, found.start()) + 1
        line_end = text.find("\n", found.end())
        line_end = len(text) if line_end < 0 else line_end
        line = text[line_start:line_end]
        if _DECLASSIFIED_LINE.match(line):
            yield line.strip(), line_start + len(line) - len(line.lstrip()), line_start + len(line.rstrip())
