"""Header lines as the elements they hold: a line that runs several header fields together is cut
where each field begins, and an export's leftovers are blanked out, with every column kept."""

from __future__ import annotations

import re
from typing import NamedTuple

from .. import patterns
from . import bodyscan, scanner

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


_LEFTOVERS = patterns.compile(
    r"(?:ID:\d+\s+)?Cable dated:\s*[\dT:.-]*\]?"   # an export's record prefix
    # a CSV export's record opening a line: its number, date and time, the cable's ID, origin, the
    # publisher's classification and the references, each quoted, before the header's own field
    # (`"1","03/05/2009 15:23","09VILNIUS101","Embassy Vilnius","CONFIDENTIAL//NOFORN","","VZCZC...`):
    # the publisher's record of the cable, not its lines (its level cell is no classification line)
    r'|^"\d{1,7}","[\d/.-]{6,10}[ T][\d:]{4,8}","\w{4,40}","[^"\n]{0,80}","[A-Z/ ]{0,60}","[^"\n]{0,4000}","'
    # CSV quoting: ,,"" "" ",", a quote closing the line after a space or two commas, and one
    # opening a record (`"C O N F I D E N T I A L ...`; a quote closing a word or opening one is
    # the text's: `RENDERS "POOR"`, `"LET THEM DIE."`, `... ARMS` / `SALE"`: `_blank` keeps it)
    # (a quote inside a quoted CSV field is written twice, `ON ""GOLD STANDARD"" AGREEMENT`: a pair of
    # them around words is the text's quotes, each with a space on the side away from the words; not
    # around a field run on after its label, `""REF: ...""`, which the export's leftovers put there)
    r"|(?<=[\s(])\"\"(?!(?:REF|TAGS?|SUBJ|E\.\s?O|CLASSIFIED)\w*\s*[.:])(?P<quoted>[\w(][^\"\n]{0,200}?)\"\""
    r"(?=[\s.,;:!?)]|$)"
    r"|,*\"{2,},*|(?P<field>\",\s*\")|(?P<opening>^\s*\"+)|(?:(?<=\s)|(?<=,,)|^)\"+\s*$"
    r"|(?<=\s)\\(?=\s*$)|^\s*\\\s*$",               # the export's line continuation: a closing backslash
    re.I)

_SPACED_LEVEL = "(?:" + "|".join(scanner.SPACED_LEVELS) + ")"
_INSTRUCTION = (r"\s*(?:AS\s+AMENDED(?:,?\s+BY\s+" + scanner.EO_LABEL + r"\s*\d{5})?)?\s*[:;,.]?\s*"
                r"(?:DECL|DNG|N\s?/\s?A\b|NA\b|\d|X\d|25X|50X|OADR|MR\b|DECLASSIF)")
_CAPTIONS = r"(?:SIPDIS|NOFORN|NODIS|EXDIS|LIMDIS|STADIS)"
# One pattern per kind of cut, each tried only on a line holding the words it needs (most header
# lines are passing and address text with none): what must stand before a cut is checked on the few
# matches (`_BEFORE`).
_SPACED_LETTER_BEFORE = patterns.compile(r"(?:^|[ \t])[A-Z] +$")  # (a capital alone, then blanks, before the level)
_KIND_PATTERNS = {
    # an E.O. and its instruction, glued to what precedes when written with its dots
    "eo": patterns.compile(r"E(?:\.\s?[Oo0]\.?|\s?[O0]\.?|XECUTIVE\s+ORDER)\s*[1lI]\d[\dS]{3}(?=" + _INSTRUCTION + ")"),
    # a TAGS label after a space, a date's digits or leftover punctuation, and tags after it
    # (or ending the line, its tags wrapped onto the next: `... DECL: 11/7/2015 TAGS:` / `PREL FR`)
    # (not the rest of a label a scan split, `T AGS:`, which the line's reader takes whole)
    "tags": patterns.compile(
        r"(?:[Tt][Aa][Gg][Ss]?|T AGS|(?<!\bT )AGS|TAS|TGS|TABS|TAGES)\s*[:;](?=\s*[A-Za-z(\[]|\s*$)"),
    "subject": patterns.compile(r"[Ss][Uu][Bb][Jj](?:[Ee][Cc][Tt])?\s*:"),
    # (also without its colon before a cable's citation, its year, post and serial: `REF 09 CAIRO 0173`)
    "ref": patterns.compile(r"[Rr][Ee][Ff](?:[Ss]|\([Ss]\)|[Tt][Ee][Ll][Ss]?)?\s*:|REF\s+[A-H]\s*[.)]\s+(?=[A-Z])"
                            r"|REF\s+(?=\d{2}\s+[A-Z][A-Z .'-]{1,20}\s\d{1,6}\b)"),
    # a statement inside a line has its colon (prose says "classified by the ministry")
    "classified_by": patterns.compile(r"(?:\(U\)\s*)?[Cc][Ll][Aa][Ss][Ss][Ii][Ff][Ii][Ee][Dd]\s+[Bb][Yy]\s*[:;,]"),
    # the other authority statement (a derivative classification), with its colon for the same reason
    "derived_from": patterns.compile(r"[Dd][Ee][Rr][Ii][Vv][Ee][Dd]\s+[Ff][Rr][Oo][Mm]\s*:"),
    # spaced anywhere; written plain after an export's tab (`... USUN NEW YORK 0092<tab>UNCLAS ...`)
    # (the spaced level in any case: a re-typed copy writes `C o n f i d e n t i a l`)
    "banner": patterns.compile("(?i:" + _SPACED_LEVEL + r")(?= |$)"
                               r"|(?<=\t)(?:UNCLAS(?:SIFIED)?|CONFIDENTIAL|SECRET|TOP SECRET)\b"),
    "caption": patterns.compile(_CAPTIONS),
    # the SBU caption and its handling instruction run on after a header field (`SUBJECT: ... SLOWDOWN?
    # Sensitive but unclassified. Please handle accordingly.`)
    "handling": patterns.compile(rf"(?i:{scanner.SBU_WORDS}(?={scanner.HANDLING}))"),
    # an export's field boundary (`","`, blanked to spaces and a tab by `_blank`): the next field
    # starts there, whatever it is (a garbled classification line, `","SS E C R E T ASMARA 000546`)
    "field": patterns.compile(r"(?<=  \t)(?=\S)"),
    # the text glued to a classification line's serial (not a date-time group's Z: `R 201741Z MAY 08`)
    "glued": patterns.compile(r"\d{6}(?=[A-Z])(?!Z[ \t]*(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC))"),
    "paragraph": patterns.compile(r"(?=[\d\u00b6])(?:\u00b6\s?)?\d{1,3}\s?\.\s{0,3}"
                                  r"(?:\((?:TS|S|C|U|SBU)(?:/[A-Z/ ]{1,20})?\)(?=\s|$|[A-Z])"
                                  r"|\((?:ts|s|c|u|sbu)(?:/[a-z/ ]{1,20})?\)(?=\s|$))"),  # (or all in lower case)
    # the first paragraph, unmarked or marked after its heading, run on after the last header field in
    # a re-flowed copy: its number then a sentence's first word (`REF: STATE 165115 1. Post grants ...`,
    # `... (D) 1.Key Points --(SBU)`); a kind of its own, tried only on a line that holds `1.`
    # (each alternative opens with its literal, which a search skips to: an optional pilcrow before the
    # number would have it try the pattern at every character of the line)
    "first": patterns.compile(
        r"1\s?\.[ \t]{0,3}(?=[A-Z][A-Za-z]+[ ,])|\u00b6\s?1\s?\.[ \t]{0,3}(?=[A-Z][A-Za-z]+[ ,])"),
}
_SIX_DIGITS = patterns.compile(r"\d{6}[A-Za-z]")
# The same in any case, for a line with lower case (a copy re-typed so runs `sipdise.o. 12958: decl:
# ...` together too): a pattern that ignores case is slower, and most header lines are capitals
# (the level after an export's tab too: `...washdc 1549","unclas cairo 000205`; paragraph 1 run on,
# `ref: secstate 165115 1. post grants ...`)
_ANY_CASE = {**_KIND_PATTERNS, **{kind: patterns.compile(_KIND_PATTERNS[kind].pattern, re.I)
                                  for kind in ("eo", "caption", "banner", "glued", "first")}}


_AFTER_FIELD = frozenset(" \t0123456789\"',;.)]")  # what may stand right before a label cut from a line
_AMENDED_BY = patterns.compile(r"AMENDED\s+BY\s*$", re.I)
_BEFORE = {
    # `SIPDISE.O.` but not `THEO 1`, nor the amending order of `E.O. 12958, AS AMENDED BY E.O. 13292: DECL:`
    "eo": lambda line, at: (line[at + 1] == "." or not line[at - 1].isalnum())
    and _AMENDED_BY.search(line, max(0, at - 16), at) is None,
    "tags": lambda line, at: line[at - 1] in _AFTER_FIELD,
    "subject": lambda line, at: line[at - 1] in _AFTER_FIELD or line[at:at + 8] == "SUBJECT:",
    "ref": lambda line, at: line[at - 1] in _AFTER_FIELD or _glued_ref(line, at),
    "classified_by": lambda line, at: line[max(0, at - 3):at].upper() != "DE-" and line[at - 2:at].upper() != "DE",
    "derived_from": lambda line, at: line[at - 1] in _AFTER_FIELD,
    # (not after a spaced letter and blanks: `T O P   S E C R E T` is one level, spaced as a typist spaced it)
    "banner": lambda line, at: not line[at - 1].isalpha()
    and not (line[at - 1] == " " and _SPACED_LETTER_BEFORE.search(line, 0, at)) and _METADATA_ROW.match(line) is None,
    "field": lambda line, at: True,
    "handling": lambda line, at: line[at - 1] in " \t",
    "caption": lambda line, at: line[at - 1].isdigit() or line[max(0, at - 6):at].upper() in _CAPTION_WORDS
    or line[max(0, at - 5):at].upper() in _CAPTION_WORDS,
    # (after a post in capitals, or in lower case in a copy re-typed so: `london 000255nofornsipdis`)
    "glued": lambda line, at: line[at - 1] == " " and (
        line[at - 2:at - 1].isupper() or (line[at - 2:at - 1].islower() and line.islower())),
    # after a sentence, or after a reference's number and two spaces (`B) TRIPOLI 480  1. (U) ...`), or
    # after the end of a page's marker wrapped from the line before (`... TRIPOLI 00000114` / `001.2 OF
    # 003 1.(SBU) ...`)
    # (not after a portion mark alone: `(C) 1. In a visit ...` is one head, its mark written first)
    # paragraph 1 unmarked, or marked after its heading: cut after a reference's serial, a mark's
    # parenthesis or a sentence only, not after a colon of the subject's own words (`SUBJECT: TALKS,
    # PHASE 2: 1. Overview`)
    "first": lambda line, at: line[at - 1] in " \t" and line[:at].rstrip()[-1:] in _BEFORE_UNMARKED
    and not _mark_alone(line, at),
    "paragraph": lambda line, at: line[at - 1] in " \t" and not _mark_alone(line, at) and (
        _MARKED_FIRST.match(line, at) is not None or
        line[:at].rstrip()[-1:] in ".:;!?)\"']-" or (line[:at].rstrip()[-1:].isdigit() and (
            line[at - 2] in " \t" or line.startswith("1.", at)))  # (`REF: TBILISI 1362 1. (SBU)`: paragraph 1)
        or _MARKER_TAIL.fullmatch(line, 0, at) is not None),
}
_MARKER_TAIL = patterns.compile(rf"\s*(?:{bodyscan.MARKER_SERIAL}\s+)?(?:{bodyscan.MARKER_SECTION}\s+)?"
                                rf"OF\s+{bodyscan.MARKER_TOTAL}\s+|\s*{bodyscan.MARKER_TOTAL}\s+", re.I)


# A row of a web page's table of the cable's metadata, copied as text with its tabs (`09VILNIUS101
# <tab>2009-03-05 15:23<tab>2011-08-30 01:44<tab>CONFIDENTIAL//NOFORN<tab>Embassy Vilnius`): the
# publisher's record of the cable; its classification cell is no classification line
_METADATA_ROW = patterns.compile(r"\s*\d{2}[A-Z][A-Z-]{1,30}\d{1,6}\t+\d{4}-\d{2}-\d{2}")
_BEFORE_UNMARKED = frozenset("0123456789).")
# paragraph 1 and its mark: a head after any word (`... Ref: Brasilia 600 and previous 1. (SBU) Summary: ...`)
# (its mark in any case: `(sbu)` in a copy re-typed in lower case)
_MARKED_FIRST = patterns.compile(r"(?:\u00b6\s?)?1\s?\.\s{0,3}\((?i:TS|S|C|U|SBU)(?:/[A-Za-z/ ]{1,20})?\)")
# (a level's mark, in capitals: `(C) 1. In ...`; not a reason's letter a wrap left at the line's start,
# `(d)  1. (C)`, `(c)  1. (C)`; in lower case only on a line in lower case, a copy re-typed so)
_MARK_ALONE = patterns.compile(r"\s*\((?:TS|S|C|U|SBU|LOU)(?:/[A-Za-z/ ]{1,20})?\)\s*")
_MARK_ALONE_LOWER = patterns.compile(r"\s*\((?:ts|s|c|u|sbu|lou)(?:/[a-z/ ]{1,20})?\)\s*")


def _mark_alone(line: str, at: int) -> bool:
    """Only a portion mark stands before column `at` of `line` (the mark written before its number)."""
    return _MARK_ALONE.fullmatch(line, 0, at) is not None or (
        line.islower() and _MARK_ALONE_LOWER.fullmatch(line, 0, at) is not None)


def _glued_ref(line: str, at: int) -> bool:
    """`...MINISTERREF:`: a REF label glued to the word before it, written in the case of the line
    (`...iranref: a. ...` in a copy re-typed in lower case)."""
    before, label = line[at - 1], line[at:at + 3]
    if label == "REF":
        return (before.isupper() or before.isdigit()) and (line[at + 3] == ":" or line[at + 3:at + 5] == "S:")
    return label == "ref" and (before.islower() or before.isdigit()) \
        and (line[at + 3] == ":" or line[at + 3:at + 5] == "s:") and line == line.lower()


_CAPTION_WORDS = frozenset({"SIPDIS", "NOFORN", "NODIS", "EXDIS", "LIMDIS", "STADIS"})
# A caption glued before the words that follow it (`SIPDISEB FOR`): cut after it too.
_CAPTION_GLUED_BEFORE = patterns.compile(_CAPTIONS + r"(?=[A-Z])|" + _CAPTIONS.lower() + "(?=[a-z])")
# The label of a doubled statement (`Classified By: (C) CLASSIFIED BY ...`) is one statement.
_SUBJECT_LABEL_ONLY = patterns.compile(r"\s*(?i:subj(?:ect)?)\s*:?\s*")
_TAGS_LABEL_ONLY = patterns.compile(rf"\s*(?i:{scanner.TAGS_WORD})\s*")
_AUTHORITY_LABEL_ONLY = patterns.compile(
    r"\s*(?:\(\w{1,4}\)\s*)?(?:(?i:classified\s+by)\s*[:;.,]?\s*(?:\(\w{1,4}\)\s*)?)?")


def clean(line: str) -> str:
    """The line with an export's leftovers blanked out (the same length), no-break spaces made spaces."""
    if '"' not in line and "\\" not in line and "\u00a0" not in line and "able dated" not in line:
        return line
    # a no-break space (after a label, between tags) is a space to every reader of a header line
    return _LEFTOVERS.sub(_blank, line).replace("\u00a0", " ")


# What an export's quote opening a line stands before: a record's first line, or nothing (`",`)
_EXPORT_OPENING = patterns.compile(r"[\s,]*$|(?:[A-Z] ){4}|UNCLAS|CONFIDENTIAL|SECRET|TOP SECRET|LIMITED OFFICIAL|VZCZC"
                                   r"|" + _CAPTIONS + r"\b", re.I)


def _blank(leftover: re.Match) -> str:
    """As many spaces; a CSV field boundary (`","`) ends in a tab, as an export's field separator
    does (`...WASHINGTON DC","UNCLAS SECTION 01 OF 03 ...`: a classification line may follow it)."""
    if leftover.group("quoted") is not None:
        return f' "{leftover.group("quoted")}" '
    if leftover.group("opening") and not _EXPORT_OPENING.match(leftover.string, leftover.end()):
        return leftover.group()
    width = leftover.end() - leftover.start()
    return " " * (width - 1) + "\t" if leftover.group("field") else " " * width


def _kinds_worth_trying(upper: str) -> list[str]:
    """The kinds of cut whose words the upper-cased line holds after its first character of text
    (a cut is inside a line: the label a line begins with is no cut). Tested with `in`, the
    cheapest way to pass over the many header lines that hold only their own element."""
    first = len(upper) - len(upper.lstrip())
    rest = upper[first + 1:]
    kinds = []
    if "E." in rest or "EO" in rest or "E0" in rest or "E O" in rest or "EXECUTIVE" in rest:
        kinds.append("eo")
    # (from rest's second character: a TAGS line's own label leaves "AGS" at its start)
    if "TAG" in rest or rest.find("AGS", 1) > 0 or rest.find("TAS", 1) > 0 or rest.find("TGS", 1) > 0 \
            or "TABS" in rest:
        kinds.append("tags")
    if "SUBJ" in rest:
        kinds.append("subject")
    if "REF" in rest:
        kinds.append("ref")
    if "CLASSIFIED" in rest:
        kinds.append("classified_by")
    if "DERIVED" in rest:
        kinds.append("derived_from")
    # (the starts of scanner.SPACED_LEVELS, each tried as a substring: a chain of `in` tests costs this
    # test, run on every header line, far less than a loop over the list)
    if "\t" in rest or "S E C R" in rest or "C O N F" in rest or "U N C L" in rest or "T O P S" in rest \
            or "L I M I" in rest:
        kinds.append("banner")
    if "  \t" in rest:
        kinds.append("field")
    if "ACCORDINGLY" in rest:
        kinds.append("handling")
    if "SIPDIS" in rest or "NOFORN" in rest or "NODIS" in rest or "EXDIS" in rest or "LIMDIS" in rest \
            or "STADIS" in rest or _CAPTION_GLUED_BEFORE.match(upper, first):  # `SIPDISEB FOR ...`
        kinds.append("caption")
    if "(" in upper:  # (also at the line's start: a portion mark there ends the header zone)
        kinds.append("paragraph")
    if "1." in rest:
        kinds.append("first")
    return kinds


def _has_marker_words(line: str) -> bool:
    """The words a page's section marker needs (`002 OF 004`): "OF" before a space or a tab."""
    return "OF " in line or "OF\t" in line or (("of " in line or "of\t" in line) and line.islower())


def _matches(line: str, kinds: list[str], any_case: bool = False) -> list[tuple[int, str, re.Match]]:
    """(start, kind, match) of every candidate cut of `kinds` after the line's first character, in
    order (`any_case`: the line holds lower case)."""
    patterns = _ANY_CASE if any_case else _KIND_PATTERNS
    found = [(m.start(), kind, m) for kind in kinds for m in patterns[kind].finditer(line, 1)]
    if _SIX_DIGITS.search(line, 1):
        found += [(m.start(), "glued", m) for m in patterns["glued"].finditer(line, 1)]
    found.sort(key=lambda item: item[0])
    return found


def cuts(line: str, post: str = "") -> list[int]:
    """Columns, after the first, where a header element begins inside `line`. A section marker's
    post is one word, or the cable's `post` (from its classification line) when the words before
    the serial spell it."""
    found: list[int] = []
    upper = line.upper()
    kinds = _kinds_worth_trying(upper)
    if not kinds and not _has_marker_words(line) and _SIX_DIGITS.search(line, 1) is None:
        return found  # most header lines: nothing that could begin an element inside them
    for at, kind, match in _matches(line, kinds, line != upper):
        if (found and at < found[-1]) or not _BEFORE[kind](line, at) or line[:at].isspace():
            continue
        if kind == "glued":
            at = match.end()  # the cut is after the serial
        elif kind == "classified_by" and _AUTHORITY_LABEL_ONLY.fullmatch(line, found[-1] if found else 0, at):
            continue  # the second label of `Classified By: (C) CLASSIFIED BY ...`
        elif kind == "subject" and _SUBJECT_LABEL_ONLY.fullmatch(line, found[-1] if found else 0, at):
            continue  # the label written twice: `SUBJECT: SUBJECT: ...`
        elif kind == "tags" and _TAGS_LABEL_ONLY.fullmatch(line, found[-1] if found else 0, at):
            continue  # (and `TAGS: TAGS: ...`)
        _add(found, at)
        if kind == "caption":
            glued = _CAPTION_GLUED_BEFORE.match(line, at)
            if glued is not None:
                _add(found, glued.end())
    if _has_marker_words(line):
        for _post, _section, _total, start, end in bodyscan.section_markers(line):
            words = line[start:end].split()
            at = start
            # (a page's marker writes the post in at most 10 characters: `SAN SALVAD`, `ADDIS ABAB`)
            if post and " " in post[:_MARKER_POST] and line[:end].find(post[:_MARKER_POST]) >= start:
                at = line.find(post[:_MARKER_POST], start)
            elif len(words) > 4:  # the marker's post is its last word before the serial
                at = line.rfind(words[-5], start, end)
            if at > 0 and not line[:at].isspace():
                _add_sorted(found, at)
            _add_sorted(found, end)  # the text after a page's marker goes on
    glued = _CAPTION_GLUED_BEFORE.match(line, len(line) - len(line.lstrip()))
    if glued is not None:
        _add_sorted(found, glued.end())
    end = len(line.rstrip())
    return [c for c in found if c < end]


_MARKER_POST = 10


def _add(found: list[int], at: int) -> None:
    if not found or at > found[-1]:
        found.append(at)


def _add_sorted(found: list[int], at: int) -> None:
    if at not in found:
        found.append(at)
        found.sort()


def starts_paragraph(text: str, column: int) -> bool:
    """A numbered paragraph head (`1.(SBU)`) begins at `column` of `text`, spaces aside: a piece cut
    where a paragraph runs on after a header field."""
    at = len(text) - len(text[column:].lstrip())
    return any(_KIND_PATTERNS[kind].match(text, at) is not None for kind in ("paragraph", "first"))


def plain(line: str) -> bool:
    """Nothing to blank and nothing to cut: the line is its one piece (the cheapest test, for the
    many header lines that are passing or address text)."""
    if '"' in line or "\\" in line or "\u00a0" in line or "able dated" in line:
        return False
    upper = line.upper()
    return not _kinds_worth_trying(upper) and not _has_marker_words(line) and _SIX_DIGITS.search(line, 1) is None


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
