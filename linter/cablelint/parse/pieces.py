"""Header lines as the elements they hold: a line that runs several header fields together is cut
where each field begins, and an export's leftovers are blanked out, with every column kept."""

from __future__ import annotations

import re
from typing import NamedTuple

# Published copies re-flow and run the header together (`...LIMA 003571SIPDISEB FOR A/S
# WAYNE; INL FOR AGUILERAE.O. 12958: DECL: 08/16/2015TAGS: EMIN ...`). Each cut is decided by what
# stands on both sides of it: an E.O. is cut off only when a declassification instruction follows
# its number, a TAGS label only when tags follow it, a section marker only with its serial and
# "nnn OF nnn". A piece is the line from its cut to the next one, as a string the length of the
# line up to its end, blanked before the cut: every element reader then reports the columns of the
# line on disk, and a reader that skips leading spaces reads the piece as if it began the line.
#
# Leftovers of exports (`Cable dated:...]`, CSV quoting `","` and `,,""`, a line's closing
# backslash) are replaced by as many spaces, for the same reason. Runs on header-zone lines only.


class Piece(NamedTuple):
    index: int       # 0-based line index
    column: int      # 0-based column of the cut (0 for a line's first piece)
    text: str        # the line up to the piece's end, blanked before `column` and of its leftovers
    last: bool       # no other piece follows on the line


_LEFTOVERS = re.compile(
    r"(?:ID:\d+\s+)?Cable dated:\s*[\dT:.-]*\]?"   # an export's record prefix
    r"|,*\"{2,},*|\",\s*\"|^\s*\"+|\"+\s*$"         # CSV quoting: ,,"" "" "," and a quote opening or closing the line
    r"|(?<=\s)\\(?=\s*$)|^\s*\\\s*$",               # the export's line continuation: a closing backslash
    re.I)
_LEFTOVER_HINT = re.compile(r"[\"\\\u00a0]|Cable dated", re.I)

_SPACED_LEVEL = r"(?:T O P S E C R E T|S E C R E T|C O N F I D E N T I A L|U N C L A S(?: S I F I E D)?)"
_INSTRUCTION = r"\s*(?:AS\s+AMENDED)?\s*[:;,.]?\s*(?:DECL|DNG|N\s?/\s?A\b|NA\b|\d|X\d|25X|50X|OADR|MR\b|DECLASSIF)"
_CAPTIONS = r"(?:SIPDIS|NOFORN|NODIS|EXDIS|LIMDIS|STADIS)"
_CUT = re.compile(
    # an E.O. and its instruction, glued to what precedes when written with its dots
    r"(?P<eo>(?:E\.\s?[O0]\.?|(?<![A-Za-z0-9])E\s?[O0]\.?|(?<![A-Za-z0-9])EXECUTIVE\s+ORDER)\s*1\d{4}(?=" + _INSTRUCTION + "))"
    # a TAGS label after a space, a date's digits or leftover punctuation, and tags after it
    r"|(?P<tags>(?<=[\s\d\"',;.)\]])(?:(?i:TAGS?)|AGS|TAS|TGS|TABS|TAGES)\s*[:;](?=\s*[A-Za-z(\[]))"
    r"|(?P<subject>(?<=[\s\d\"',;.)\]])(?i:SUBJ(?:ECT)?\s*:)|(?<=[A-Z])SUBJECT:)"
    r"|(?P<ref>(?<=[\s\d\"',;.)\]])(?i:REF(?:S|\(S\)|TELS?)?\s*:)|(?<=[A-Z0-9])REFS?:|(?<=\s)REF\s+[A-H]\s*[.)]\s+(?=[A-Z]))"
    # a statement inside a line has its colon (prose says "classified by the ministry")
    r"|(?P<classified_by>(?<![Dd][Ee])(?<![Dd][Ee]-)(?:\(U\)\s*)?(?i:classified\s+by)\s*[:;,])"
    r"|(?P<banner>(?<![A-Za-z])(?<![A-Z] )" + _SPACED_LEVEL + r"(?= ))"
    r"|(?P<caption>(?:(?<=[0-9])|(?<=SIPDIS)|(?<=NOFORN)|(?<=NODIS)|(?<=EXDIS)|(?<=LIMDIS)|(?<=STADIS))" + _CAPTIONS + ")"
    r"|(?P<glued>(?<=[A-Z] \d{6})[A-Z])"  # the text glued to a classification line's serial
    r"|(?P<section>(?<=\s)[A-Z][A-Z.'-]*\s0*\d{3,8}\s+\d{3}(?:\.\d)?\s+OF\s+\d{3}\b)"
    r"|(?P<paragraph>(?<=[.:;!?)\"'\]-])[ \t]+(?:\u00b6\s?)?\d{1,3}\s?\.\s{0,3}\((?:TS|S|C|U|SBU)(?:/[A-Z/ ]{1,20})?\)(?=\s|$))")
# A caption glued before the words that follow it (`SIPDISEB FOR`): cut after it too.
_CAPTION_GLUED_BEFORE = re.compile(_CAPTIONS + r"(?=[A-Z])")
# The label of a doubled statement (`Classified By: (C) CLASSIFIED BY ...`) is one statement.
_AUTHORITY_LABEL_ONLY = re.compile(r"\s*(?:\(\w{1,4}\)\s*)?(?:(?i:classified\s+by)\s*[:;.,]?\s*(?:\(\w{1,4}\)\s*)?)?")


def clean(line: str) -> str:
    """The line with an export's leftovers blanked out (the same length), no-break spaces made spaces."""
    if _LEFTOVER_HINT.search(line) is None:
        return line
    # a no-break space (after a label, between tags) is a space to every reader of a header line
    return _LEFTOVERS.sub(lambda m: " " * (m.end() - m.start()), line).replace("\u00a0", " ")


def cuts(line: str, post: str = "") -> list[int]:
    """Columns, after the first, where a header element begins inside `line`. A section marker's
    post is one word, or the cable's `post` (from its classification line) when the words before
    the serial spell it."""
    found: list[int] = []
    for match in _CUT.finditer(line, 1):
        kind = match.lastgroup
        written = match.group()
        at = match.start() + len(written) - len(written.lstrip())
        if kind == "section" and post and " " in post and line[:at].rstrip().endswith(post.rsplit(" ", 1)[0]):
            at = line[:at].rstrip().rfind(post.rsplit(" ", 1)[0])
        if line[:at].isspace():
            continue  # the element begins the line after all
        if kind == "classified_by" and _AUTHORITY_LABEL_ONLY.fullmatch(line, found[-1] if found else 0, at):
            continue  # the second label of `Classified By: (C) CLASSIFIED BY ...`
        _add(found, at)
        if kind == "caption":
            glued = _CAPTION_GLUED_BEFORE.match(line, at)
            if glued is not None:
                _add(found, glued.end())
        elif kind == "section":
            _add(found, match.end())  # the text after a page's marker goes on
    glued = _CAPTION_GLUED_BEFORE.match(line, len(line) - len(line.lstrip()))
    if glued is not None:
        _add_sorted(found, glued.end())
    end = len(line.rstrip())
    return [c for c in found if c < end]


def _add(found: list[int], at: int) -> None:
    if not found or at > found[-1]:
        found.append(at)


def _add_sorted(found: list[int], at: int) -> None:
    if at not in found:
        found.append(at)
        found.sort()


def pieces(index: int, line: str, post: str = "") -> list[Piece]:
    """The pieces of header line `index`: the whole line (cleaned) when nothing is cut."""
    text = clean(line)
    where = cuts(text, post)
    if not where:
        return [Piece(index, 0, text, True)]
    bounds = [0, *where, len(text)]
    out = []
    for number, (start, end) in enumerate(zip(bounds, bounds[1:])):
        out.append(Piece(index, start, " " * start + text[start:end], number == len(bounds) - 2))
    return out
