"""Every classification marking in a cable's text, read from the text itself (not from the
paragraphs the reader found): portion marks at the head of a paragraph, sub-paragraph, bullet or
sentence, and classification lines in the body. The release gate judges the highest of them."""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from typing import Collection, NamedTuple, Optional, Sequence

from .. import patterns

# Portion marks stand at the head of a portion, wherever the line breaks fall:
#   strong heads, counted whatever follows:  "1. (S)", "1.(S)", "100. (S)", "2) (S)", "(2) (S)",
#     "A. (S)", "a) (S)", "(a) (S)", "-- (S)", "- (S)", "* (S)", "¶1. (S)", "[11.](#) (S)";
#   weak heads, counted when prose follows:  "(S) text" at the start of a line, and "... end.
#     (S) text" after the end of a sentence.
# Not counted: the lettered items of a REF list ("REF: (A) STATE 12345 (B) ... (C) USUN 567"),
# anything in the lines of a REF block, an item of a lettered list ("(A) ... (B) ... (C) the
# third point"), reason letters ("1.4 (C)", "REASONS 1.4 (B) AND (D)"), a mark inside prose
# ("SECTION 1.4(C)", "(C) 2009 REUTERS"), and lower-case letters, which mark no portion.
# Classification lines: a line that is the level ("SECRET", "S E C R E T"), optionally with its
# controls ("//NOFORN"), a section break ("SECTION 02 OF 03 ISLAMABAD 001118") and captions.

_LEAD = patterns.compile(r"[ \t]*(?:¶[ \t]*\d{1,3}[ \t]*\.?|\[1?\d{1,3}\.\]\(#\)|\d{1,3}[ \t]*[.)]|\(\d{1,3}\)"
                         r"|[A-Za-z]{1,2}[.)]|\([a-z]{1,2}\)|\([A-Z]\)|-{1,2}|[*\u2022\u00b7>o])[ \t]*\Z")
_SENTENCE_END = patterns.compile(r"[.!?][\"')\]]*[ \t]+\Z")
_PROSE_AFTER = patterns.compile(r"[ \t]+[\"'(]?[A-Za-z]")
_YEAR_AFTER = patterns.compile(r"[ \t]+\d{4}\b")
_ENUMERATION_AFTER = patterns.compile(r"[ \t]*(?:,|;|&|AND\b|OR\b)[ \t]*\(", re.I)  # "(C) AND (D)": reason letters
# "(C) SAO PAULO 73;", "(C) 05 BRASILIA 387", "(C) STATE 152009": a reference, not a portion
_REFERENCE_AFTER = patterns.compile(
    r"[ \t]*(?:\d{2}[ \t]+)?[A-Z][A-Za-z'.\-]*(?:[ \t]+[A-Z][A-Za-z'.\-]*){0,3}[ \t]+\d{1,7}"
    r"[ \t]*(?:[;,.)(]|AND\b|$|SENSITIVE\b)", re.M)
_REF_START = patterns.compile(r"[ \t]*(?:REFS?|REFTELS?|REFERENCES?)\b|[ \t]*SUBJECT\b.*\bREFS?[ \t]*:", re.I)
_NUMBERED = patterns.compile(r"[ \t]*(?:¶[ \t]*)?\d{1,3}[ \t]*[.)]")
_BLANK = patterns.compile(r"[ \t]*\Z")
_INLINE_NUMBER = patterns.compile(r"(?:^|[ \t])(?:¶[ \t]*)?\d{1,3}[ \t]?\.[ \t]*\Z")  # "... (d) 1. (C)": a run-on text
_LABEL = patterns.compile(r"\(([A-Z])\)")

_SPACED = {"TOP SECRET": r"T\s?O\s?P\s+S\s?E\s?C\s?R\s?E\s?T", "SECRET": r"S\s?E\s?C\s?R\s?E\s?T",
           "CONFIDENTIAL": r"C\s?O\s?N\s?F\s?I\s?D\s?E\s?N\s?T\s?I\s?A\s?L"}
_CAPTIONS = r"(?:NOFORN|NOCONTRACT|NODIS|EXDIS|LIMDIS|STADIS|SIPDIS|ROGER|ORCON|PROPIN|CHEROKEE|FGI|SPECAT)\.?"
_CLASSIFICATION_LINE = patterns.compile(
    rf"[ \t]*(?P<level>{'|'.join(f'(?P<g{i}>{p})' for i, p in enumerate(_SPACED.values()))})"
    r"(?:[ \t]*//?[ \t]*[A-Z][A-Z0-9 ,/\-]*)?"                        # //NOFORN, /REL TO USA, GBR
    r"(?:[ \t]+SECTION[ \t]+\d{1,3}[ \t]+OF[ \t]+\d{1,3})?"           # a section break
    r"(?:[ \t]+[A-Z][A-Z .'\-]{1,30}[ \t]+\d{6,8})?"                   # the post and the cable number
    rf"(?:[ \t,]+{_CAPTIONS})*[ \t]*\Z")


class Marking(NamedTuple):
    line: int          # 1-based, on disk
    column: int        # 1-based
    text: str          # as written: "(S//NF)", "S E C R E T"
    level: str         # a portion mark's level token ("S"), or a classification line's level ("SECRET")
    kind: str          # "portion" or "line"


def scan(lines: Sequence[str], portion_levels: Collection[str]) -> list[Marking]:
    """The classification markings of the text (see above); `portion_levels` are the level
    tokens to look for in portion marks (those of classified levels: "TS", "S", "C")."""
    found: list[Marking] = []
    for number, line in enumerate(lines, 1):
        match = _CLASSIFICATION_LINE.match(line)
        if match:
            level = list(_SPACED)[next(i for i in range(len(_SPACED)) if match.group(f"g{i}"))]
            found.append(Marking(number, match.start("level") + 1, match.group("level"), level, "line"))
    tokens = tuple(sorted((t for t in portion_levels if re.fullmatch(r"[A-Z][A-Z0-9\-]*", t)),
                          key=lambda t: (-len(t), t)))  # (longest first, in a fixed order: scanner.longest_first)
    if tokens:
        found += _portion_marks(lines, tokens)
    return sorted(found)


@functools.lru_cache(maxsize=8)
def _mark_pattern(tokens: tuple[str, ...]) -> re.Pattern:
    return patterns.compile(r"\(\s*(" + "|".join(map(re.escape, tokens))
                            + r")\s*(?:/{1,2}\s*[A-Za-z][A-Za-z0-9 ,.\-]*\s*)*\)")


def _portion_marks(lines: Sequence[str], tokens: tuple[str, ...]) -> list[Marking]:
    text = "\n".join(lines)
    matches = list(_mark_pattern(tokens).finditer(text))
    if not matches:
        return []
    line_starts = [0, *itertools.accumulate(len(line) + 1 for line in lines)]
    in_refs: Optional[set[int]] = None  # worked out only when a mark needs them
    labels: Optional[dict[str, list[int]]] = None
    found = []
    for match in matches:
        start = match.start()
        line = bisect.bisect_right(line_starts, start) - 1
        before = text[line_starts[line]:start]
        if (_LEAD.match(before) and before.strip()) or _INLINE_NUMBER.search(before):
            pass  # a numbered, lettered or bulleted head: a portion mark whatever follows
        elif _weak_head(before):
            after = text[match.end():match.end() + 80]
            if not _PROSE_AFTER.match(after) or _YEAR_AFTER.match(after) or _REFERENCE_AFTER.match(after) \
                    or _ENUMERATION_AFTER.match(after):
                continue
            if in_refs is None:
                in_refs = _reference_lines(lines)
            if line in in_refs:
                continue
            if labels is None:
                labels = _list_labels(text, line_starts, in_refs)
            if _list_item(labels, start, match.group(1)):
                continue
        else:
            continue
        found.append(Marking(line + 1, start - line_starts[line] + 1, match.group(0), match.group(1), "portion"))
    return found


def _weak_head(before: str) -> bool:
    """At the start of a line, or after the end of a sentence."""
    return before.strip() == "" or bool(_SENTENCE_END.search(before))


def _reference_lines(lines: Sequence[str]) -> set[int]:
    """0-based numbers of the lines of REF blocks: from a line that opens one (`REF:`, `REFS`,
    `REFTEL`, a SUBJECT line going on into `REF:`) to the next blank line or numbered paragraph."""
    inside, block = set(), False
    for index, line in enumerate(lines):
        if _BLANK.match(line) or _NUMBERED.match(line):
            block = False
        if _REF_START.match(line):
            block = True
        if block:
            inside.add(index)
    return inside


def _list_labels(text: str, line_starts: list[int], in_refs: set[int]) -> dict[str, list[int]]:
    """Where each one-letter label "(A)", "(B)"... stands as the head of an item (at the start of
    a line or of a sentence, outside REF blocks): letter -> offsets."""
    labels: dict[str, list[int]] = {}
    for found in _LABEL.finditer(text):
        start = found.start()
        line = bisect.bisect_right(line_starts, start) - 1
        if line not in in_refs and _weak_head(text[line_starts[line]:start]):
            labels.setdefault(found.group(1), []).append(start)
    return labels


def _list_item(labels: dict[str, list[int]], start: int, token: str) -> bool:
    """Whether a one-letter mark (C), (S) is an item of a lettered list: the two letters before
    it head items, in order, in the 5,000 characters before it."""
    if len(token) != 1 or token < "C":
        return False
    previous = [p for p in labels.get(chr(ord(token) - 1), ()) if start - 5000 <= p < start]
    if not previous:
        return False
    return any(start - 5000 <= p < previous[-1] for p in labels.get(chr(ord(token) - 2), ()))
