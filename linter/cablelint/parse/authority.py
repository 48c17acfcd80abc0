"""The Classified By block: who classified the cable (name and position) and for which reasons."""

from __future__ import annotations

import functools
import re
from typing import Optional

from . import scanner
from .grammar import grammar, scan
from .model import ClassifiedBy, Reason, Span

# Words that make up positions and titles on a Classified By line, compared without
# punctuation and case ("Charg d'Affaires a.i." -> CHARG DAFFAIRES AI).
_TITLE_WORDS = frozenset("""
AMBASSADOR AMB AMBASSADORDESIGNATE CHARGE CHARG CHARGÉ DAFFAIRES AFFAIRES AI DCM ADCM DEPUTY
CHIEF OF MISSION POLITICAL POL POLITICALECONOMIC POLECON POLMIL POLITICALMILITARY ECONOMIC ECON
ECONPOL ECONOMICPOLITICAL COUNSELOR COUNSELLOR COUNSELORS MINISTER MINISTERCOUNSELOR OFFICER
OFFICERS SECTION ACTING CONSUL GENERAL CONSULGENERAL CG PRINCIPAL PO DIRECTOR ASSISTANT SECRETARY
UNDER SPECIAL ENVOY REPRESENTATIVE COORDINATOR OFFICE AFFAIRS ATTACHE DEFENSE MILITARY MANAGEMENT
PUBLIC REGIONAL SENIOR ADVISOR ADVISER HEAD POLOFF POLCOUNS ECONCOUNS ECONOFF PE RSO DAS FOR THE
AND US USG EMBASSY PERMANENT STAFF EXECUTIVE LEGAL TEMPORARY INTERIM INTERNATIONAL ORGANIZATIONS
COMMERCIAL ENVIRONMENT SCIENCE HEALTH ESTH CONSULAR LABOR NARCOTICS LAW ENFORCEMENT AFFAIRS
STATE DEPARTMENT BUREAU OFFICE ACTING DEPUTYCHIEF MISSIONS CDA PAS PAO ECONCOUN POLCOUN
PRINCIPALOFFICER CONSULATE USNATO USEU USUN UNVIE MANAGER ANALYST SPECIALIST SECURITY RESIDENT
COUNTRY TEAM DIVISION UNIT BRANCH DESK CHAIRMAN PRESIDENT VICE ADMINISTRATOR AID USAID MISSION
POLITICO POLICY STRATEGIC NUCLEAR ARMS CONTROL ENERGY TRADE FINANCIAL TREASURY AGRICULTURAL
AGRICULTURE COUNSEL ACTINGDCM INCOMING OUTGOING A IN ON BEHALF
""".split())
# The lookahead names every character a match can start with: the search passes over the other
# positions at once, where the optional start would otherwise try every alternative at each one.
_REASON_START = re.compile(
    r"(?=[,;.\sFURE1])"
    r"[,;.]?\s*(?:\bFOR\s+|\bUNDER\s+)?(?:\bREASONS?\b|\bRSNS?\b|\bE\.?\s?O\.?\s*1\d{4}\b|\b1\s{0,3}[.:]\s{0,3}[0-9](?!\d))", re.I)
_AUTHORITY_HEAD = re.compile(r"\s*(?:\(U\)\s*)?CLASSIFIED\s+BY\s*[:;.]?\s*(?:CLASSIFIED\s+BY\s*[:;.]?\s*)?", re.I)
_DERIVED = re.compile(r"\bDERIVED\s+FROM\b", re.I)
_DERIVED_HEAD = re.compile(r"^\s*(?:\(U\)\s*)?DERIVED\s+FROM\s*:?\s*", re.I)
_SPACE = re.compile(r"\s")
_LETTER = re.compile(r"(?:\b|(?<=\d))([A-Za-z])\b(?!')(?!\.(?!\)))")
_SEGMENT_BREAK = re.compile(r"\s*[,;]\s*|\s+-+\s+|\n")
_NOT_CAPITAL = re.compile(r"[^A-Z]")
_NOT_TITLE_LETTER = re.compile(r"[^A-ZÉ]")
_OFFICE_SYMBOL = re.compile(r"[A-Za-z/&-]+,?")
_SURNAME_START = re.compile(r"(?:Mc|Mac|O'|D'|De|Di|La|Le|Van)[A-Z]|[A-Z]{2}[a-z]{2,},?$")
_new_tuple = tuple.__new__  # named tuples made without their Python-level __new__ (see Span.on_line)


def classified_by(block: list[tuple[int, str]]) -> ClassifiedBy:
    """The Classified By block: its first line and continuation lines, as (number, text)."""
    first_no, first = block[0]
    joined, starts = "", []
    for lineno, text in block:
        starts.append((len(joined), lineno))
        joined += text + "\n"
    head = _AUTHORITY_HEAD.match(joined)
    body_at = head.end() if head else 0
    reason_at = _REASON_START.search(joined, body_at)
    who = joined[body_at:reason_at.start() if reason_at else len(joined)]
    name, position = split_name_position(who)
    reasons = _reasons(joined, starts, reason_at.start() if reason_at else len(joined))
    last_no, last = block[-1]
    span = Span(first_no, len(first) - len(first.lstrip()) + 1, last_no, len(last.rstrip()) + 1)
    raw = " ".join(t.strip() for _, t in block)
    derived = bool(_DERIVED.search(raw))
    return ClassifiedBy(raw=raw, name=name, position=position, reasons=reasons,
                        reason_stated=reason_at is not None, span=span, derived=derived)


def derived_from(lineno: int, line: str) -> ClassifiedBy:
    """A 'Derived From: <source>' line: derivative classification carries the source, not a reason
    (32 CFR 2001.22)."""
    source = _DERIVED_HEAD.sub("", line).strip()
    stripped = line.rstrip()
    span = Span.on_line(lineno, len(stripped) - len(stripped.lstrip()), len(stripped))
    return ClassifiedBy(raw=line.strip(), name=source or None, position=None, reasons=(), reason_stated=False,
                        span=span, derived=True)


def _reasons(text: str, starts: list[tuple[int, int]], from_offset: int) -> tuple[Reason, ...]:
    """Each (section, letter) cited in `text` after `from_offset`, with its span on disk."""
    reasons = []
    for found in scan(grammar().reason, text[from_offset:]):
        section, letters = found.group("section", "letters")
        # '1.4' as most write it has no space to take out (the pattern is 1, a separator, a digit)
        number = (section if len(section) == 3 else _SPACE.sub("", section)).replace(":", ".")
        base = from_offset + found.start("letters")
        for letter in _LETTER.finditer(letters):
            at = base + letter.start(1)
            # made with tuple.__new__, without the named tuple's Python-level __new__ (see Span.on_line)
            reasons.append(_new_tuple(Reason, (number, letter.group(1).lower(), _text_span(starts, at, at + 1))))
    return tuple(reasons)


def _text_span(starts: list[tuple[int, int]], start: int, end: int) -> Span:
    for offset, lineno in reversed(starts):
        if offset <= start:
            return Span.on_line(lineno, start - offset, end - offset)
    return Span.on_line(starts[0][1], 0, 1)


def split_name_position(who: str) -> tuple[Optional[str], Optional[str]]:
    """Tell the person from the position: `Political Counselor Jane Doe`, `Jane Doe, Ambassador`,
    `Global Affairs Unit Chief Don Brown` (the position ends at its last title word)."""
    who = who.strip(" \t\n,;:.-")
    mixed = who != who.upper()
    name_parts, position_parts = [], []
    for segment in _SEGMENT_BREAK.split(who):
        words = segment.split()
        if not words:
            continue
        is_title = [_is_title(word, mixed) for word in words]  # asked once per word, used three times
        titles = [i for i, title in enumerate(is_title) if title]
        if titles and titles[-1] < len(words) - 1 and (titles[0] == 0 or len(titles) > 1 or _strong_title(words[titles[-1]])):
            cut = titles[-1] + 1  # the position runs to its last title word, the name follows
        else:
            cut = 0
            while cut < len(words) and is_title[cut]:
                cut += 1
        trailing = len(words)
        while trailing > cut and is_title[trailing - 1]:
            trailing -= 1
        title = " ".join(words[:cut] + words[trailing:])
        person = " ".join(words[cut:trailing])
        if title:
            position_parts.append(title)
        if person:
            name_parts.append(person)
    return _tidy(", ".join(name_parts)), _tidy(", ".join(position_parts))


_STRONG_TITLES = frozenset("""AMBASSADOR CHIEF DIRECTOR COUNSELOR COUNSELLOR OFFICER DCM CHARGE CONSUL MINISTER
SECRETARY DAS COORDINATOR ATTACHE HEAD MANAGER ADVISOR ADVISER REPRESENTATIVE ENVOY""".split())


def _strong_title(word: str) -> bool:
    """A word that ends a position by itself ('... Unit Chief Don Brown')."""
    plain = _NOT_CAPITAL.sub("", word.upper())
    return plain in _STRONG_TITLES or plain.endswith(("COUNS", "OFF", "COUNSELOR")) or "/" in word


def _tidy(text: str) -> Optional[str]:
    """Drop the sentence's full stop, not an abbreviation's ('a.i.', 'Jr.')."""
    text = text.strip(" ,;")
    last = text.split()[-1] if text.split() else ""
    if text.endswith(".") and "." not in last[:-1] and len(last) > 3:
        text = text[:-1]
    return text or None


@functools.lru_cache(maxsize=8192)  # the same position words recur across cables
def _is_title(word: str, mixed_case: bool = True) -> bool:
    """A word of a position: a known title word, an office symbol (EUR/PRA, P/E), or, in text
    that is not all capitals, an acronym (DCM, ECONMINCOUNS)."""
    plain = _NOT_TITLE_LETTER.sub("", word.upper())
    if plain in _TITLE_WORDS or word.upper() in ("A.I.", "D'AFFAIRES"):
        return True
    if len(plain) > 5 and plain.endswith(("COUNS", "OFF", "COUNSELOR")) and plain not in ("GEOFF", "PUTOFF"):
        return True  # ECONMINCOUNS, POLECONOFF, POLCOUNSELOR
    if "/" in word.strip("/") and _OFFICE_SYMBOL.fullmatch(word):
        return True
    if not mixed_case or _SURNAME_START.match(word):
        return False  # surnames (McFaul) and an initial run into a surname (RBlau)
    return sum(c.isupper() for c in word) >= 2 and not word.istitle() and len(word) <= 14


# ------------------------------------------------------------------ which statement, which lines

_MAX_BLOCK_LINES = 5
# "... FOR REASONS" and the line ends (the lookahead lets the search pass other letters quickly)
_REASONS_PENDING = re.compile(r"(?=R)\bREASONS?\s*:?\s*$", re.I)
_REASONS_NEXT = re.compile(r"\s*1\s{0,3}[.:]\s{0,3}\d")
_PAGE_HEADER = re.compile(r"\s*PAGE\s+\d+\s")


def block_lines(lines: tuple[str, ...], index: int) -> list[int]:
    """Line indexes of the statement starting on line `index`: continuation lines run until a blank
    line or a line that is another element. One that ends on "for reasons" takes the reasons from
    the next line that cites a section, past blank and page-header lines."""
    block = [index]
    for follow in range(index + 1, min(len(lines), index + _MAX_BLOCK_LINES)):
        if scanner.line_kind(lines[follow]) not in ("other", "banner") or scanner.PORTION_START.match(lines[follow]):
            break
        block.append(follow)
    if _REASONS_PENDING.search(lines[block[-1]][:scanner.MAX_HEADER_LINE]):
        for follow in range(block[-1] + 1, min(len(lines), block[-1] + 7)):
            text = lines[follow]
            if _REASONS_NEXT.match(text):
                block.append(follow)
                break
            if text.strip() and not _PAGE_HEADER.match(text):
                break
    return block


def read(lines: tuple[str, ...], starts: list[tuple[int, int]], derived: Optional[int]) -> Optional[ClassifiedBy]:
    """The cable's Classified By statement, from the places one starts (line index, column), in
    the order they stand; else its Derived From line (line index), else None."""
    if starts:
        index, column = starts[0]
        block = block_lines(lines, index)
        head = [(index + 1, " " * column + lines[index][column:])]
        return classified_by(head + [(i + 1, lines[i]) for i in block[1:]])
    if derived is not None:
        return derived_from(derived + 1, lines[derived])
    return None


def in_first_paragraph(lines: tuple[str, ...], number_end_column: int, lineno: int) -> Optional[tuple[int, int]]:
    """'1. Classified by Acting A/S Jane Doe. Reason: 1.4 (d)' (the authority written as paragraph 1):
    where the statement starts, given the paragraph number's end column and line."""
    line = lines[lineno - 1]
    if scanner.CLASSIFIED_BY.search(line[number_end_column - 1:number_end_column + 20]):
        return lineno - 1, 0
    return None
