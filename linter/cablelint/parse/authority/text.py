"""The text of a Classified By statement: its lines joined as written before the wrap, its label,
where its reasons start and end, and the reasons (section and letters) it cites."""

from __future__ import annotations

import functools
import re
from typing import Iterator, NamedTuple

from ... import patterns
from ..grammar import REASON_SECTION, grammar, scan
from ..model import Reason, Span
from ..scanner import CLASSIFIED_WORD, LABEL_BY, LABEL_SENTENCE
from .titles import is_title, title_word

CASELESS = re.IGNORECASE


@functools.lru_cache(maxsize=None)
def lazy(pattern: str, flags: int = 0) -> re.Pattern:
    """`pattern` compiled on first use: the patterns of rare forms, which compiled at import would
    cost every run (cables without those forms included) its compiling."""
    return patterns.compile(pattern, flags)


# The label, after the paragraph number and mark of the first-paragraph form (`1. (U) Classified
# by ...`), and a second label written after it (`Classified By: (U) CLASSIFIED BY ...`,
# `Classified By: CLASSIFIED CONFIDENTIAL BY ...`). A label split over lines has been joined.
HEAD = patterns.compile(
    r"\s*(?:(?:¶\s?|\[1)?\d{1,2}\s?\.(?:\]\(#\))?\s*)?(?:\((?:U|SBU)\)\s*)?"
    rf"(?P<label>{LABEL_SENTENCE}(?P<word>{CLASSIFIED_WORD})\s+{LABEL_BY})\s*[:;.,]?\s*"
    rf"(?:(?:\((?:U|C|S|SBU|TS)\)\s*)?{CLASSIFIED_WORD}\s+(?:(?:TOP\s+)?SECRET\s+|CONFIDENTIAL\s+)?BY\b"
    r"\s*[:;.,]?\s*)?", CASELESS)
DERIVED = patterns.compile(r"DERIVED\s+FROM\b", CASELESS)
# The word "reasons" as typed, broken ("rea sons", "R EASONS") or with a letter dropped ("reaons")
# (or hyphenated where a line broke it: "rea-" / "sons")
_REASON_WORD = r"\bR\s{0,2}E\s{0,2}A(?:-\s{1,2}|\s{0,2})S?\s{0,2}O\s{0,2}N(?:\s{0,2}S)?\b|\bRSNS?\b"
# Where the reasons start: what the person and position end with. The lookahead names every
# character a match can start with, so the search passes over the other places at once.
REASON_START = patterns.compile(
    rf"(?=[RES1LI])(?:(?:{_REASON_WORD})\s*[:;.,]?|\bE\.?\s?O\.?\s*1\d{{4}}\b|\bSEC(?:TIONS?\s+|\.\s*|\s+)(?=1)"
    rf"|{REASON_SECTION})", CASELESS)
# The words that lead to the reasons (", for", "per", "under section", "based upon", "fo" a slip of
# "for"), and a parenthesis opened around them (`... Jane Doe (E.O. 12958 Reasons: 1.4 (b))`): with
# them the person and position end. Matched backwards from the reasons, over the few
# characters they take.
_REASON_LEAD = patterns.compile(
    r"[,;.]?\s*[(\[]?\s*(?:\b(?:F\s?O\s?R|FO|PER|UNDER|BASED\s+(?:UP)?ON)\s+(?:SECTIONS?\s+)?)?$",
    CASELESS)
# The patterns below spell out their cases rather than ignore case: portion marks are capitals (a
# "(c)" is a reason), and a pattern ignoring case costs each run more to compile.
_AND = r"[Aa]\s?[Nn]\s?[Dd]|[Oo][Rr]"  # "and" broken by a stray space too ("a nd", "an d")
# What ends a statement within its lines: a paragraph run on after it (`1.(C) Summary`, `(S) The
# embassy`), or the statement written again.
_STATEMENT_END = patterns.compile(
    r"(?=[¶0-9(C])(?:(?<!\S)(?:¶\s?)?\d{1,2}\s?\.[ \t]{0,3}\((?:TS|S|C|U|SBU)\b[^()]{0,30}\)"
    rf"|(?<!\S)\((?:TS|S|C|U|SBU)(?:/[A-Z ]+)*\)\s+(?!(?:{_AND})\b)[A-Za-z]{{2}}"
    # (a mark in lower case, of a copy re-typed so, when a control after its slash tells it from letters)
    r"|(?<!\S)\((?:ts|s|c|u|sbu)/(?:nf|noforn|rel\b[^()]{0,40})\)\s+[a-z]{2}"
    r"|(?<=\s)(?:\(U\)\s*)?(?:CLASSIFIED|Classified)\s+(?:BY|By|by)\b)")
_LETTER_TOKEN = patterns.compile(
    rf"\s*(?:(?P<conn>(?<![A-Za-z])(?:{_AND})(?![A-Za-z])|[&+])"
    # (a range in words, `(a) through (d)`, as a dash writes it; letters run together in one parenthesis, `(bd)`)
    r"|(?P<through>(?<![A-Za-z])(?:THROUGH|THRU|through|thru|TO|to)(?![A-Za-z]))"
    r"|(?P<run>(?<=\()[a-h]{2,4}(?=\)))"  # (in lower case: `(ECA)` is an office's letters)
    r"|(?P<letter>(?<![A-Za-z])[A-Za-z](?![A-Za-z0-9']))|(?P<open>\()|(?P<close>\))|(?P<sep>[,;/.:-]))")
_WORD_AFTER = patterns.compile(rf"\.?\s+(?!(?:{_AND})\b)[A-Za-z]{{2}}")
# a category's name written after its letter, before the next letter (`(b) (foreign government
# information) and (d)`, `(b) foreign government information, (d) ...`, `b (FGI) and d`): the next
# letter is written as the one before, in parentheses or bare; a bare one ends the list or the
# text (not `(d) Embassy staff and a guest met`)
_GLOSS_WORDS = (r"\s*(?:\(\s*[A-Za-z]{2}[A-Za-z ,'/-]{0,58}\)|(?!(?:" + _AND + r")\b)[A-Za-z]{2}[A-Za-z '-]{0,58}?)"
                rf"(?=\s*(?:[,;&+]|\b(?:{_AND})\b)\s*(?:(?:{_AND})\s+)?")
_GLOSS = {True: patterns.compile(_GLOSS_WORDS + r"\([a-hA-H]\))"),
          False: patterns.compile(_GLOSS_WORDS + rf"[a-hA-H](?![A-Za-z0-9])(?=\s*(?:[.,;:)&+]|$|\b(?:{_AND})\b)))")}
# initials with a letter no category has (E.O., U.S.; `1.4 b.d.` lists two categories)
_ABBREVIATION = patterns.compile(r"(?![a-hA-H]\.[a-hA-H]\.)[A-Za-z]\.[A-Za-z]\.")
_PORTION_AFTER = patterns.compile(rf"\s*\)\s+(?!(?:{_AND})\b)[A-Za-z]{{2}}")
# two letters or more joined by commas, slashes or "and" (not "a.i."), ending the statement
# (compiled on first use)
_TRAILING_LETTERS = r"[\s,;]\(?[a-h]\)?(?:\s*(?:[,/&+]|\bAND\b)\s*\(?[a-h]\)?)+[\s.]*$"
# a name's suffix or an initial, whose period a lead to the reasons (`. for`, `. Reasons`) must not take
_ABBREVIATION_BEFORE = patterns.compile(r"(?<![A-Za-z])(?:[JjSs][Rr]|[A-Za-z])$")
_CUT = patterns.compile(r"(?:\.\.\.|…)[\])]?\s*$")  # (or an editor's mark of the cut: `[...]`, `(...)`)
_LAST_WORD = patterns.compile(r"[A-Za-z]+$")
_FIRST_WORD = patterns.compile(r"[A-Za-z]+")
# Words a wrap may cut in two ("reaso" / "ns", "FO" / "R", "Affa" / "irs"), and words that follow a
# name in lower case, which are not the rest of a cut name.
_WRAP_WORDS = frozenset({"REASON", "REASONS", "FOR", "AND", "PER", "UNDER", "SECTION", "CLASSIFIED"})
_LOWER_WORDS = frozenset("""for and per reason reasons rsn rsns of the under a an in on at to with by de da di du del
della la le van von der den y e ibn bin al el""".split())


# What a statement may take of one line: the rest of a line it shares with a paragraph run on after
# it (thousands of characters in some records) is not read.
_MAX_LINE = 1000
_LONGEST_RANGE = 6  # "(b)-(d)" is b, c and d; a longer "range" is no list of categories


class Text(NamedTuple):
    """A statement's lines joined: `starts` holds (offset in text, line number, column of that offset)."""

    text: str
    starts: list[tuple[int, int, int]]

    def span(self, start: int, end: int) -> Span:
        """The span on disk of text[start:end] (on one line or across lines)."""
        first, last = self._where(start), self._where(max(start, end - 1))
        return Span(first[0], first[1] + 1, last[0], last[1] + 2)

    def _where(self, offset: int) -> tuple[int, int]:
        for at, lineno, column in reversed(self.starts):
            if at <= offset:
                return lineno, column + offset - at
        return self.starts[0][1], self.starts[0][2]


def join_lines(block: list[tuple[int, str]]) -> Text:
    """The statement's lines as one text: blank lines and a trailing backslash left out, lines
    joined with a space, or with none where the wrap cut a word in two (its hyphen left out)."""
    text, starts = "", []
    for lineno, line in block:
        content = line.rstrip()
        if content.endswith("\\"):
            content = content[:-1].rstrip()
        column = len(content) - len(content.lstrip())
        content = content.lstrip()[:_MAX_LINE]
        if not content:
            continue
        if text[-2:-1].isalpha() and text.endswith("-") and content[:1].isalpha():
            # a word hyphenated at the wrap, where the halves make a word of statements (`Ambas-` /
            # `sador`), or a compound's hyphen kept (`Minister-` / `Counselor`, `Political-` / `military`)
            # (neither half a word of statements, in lower case after it: a name's, `Rich-` / `ardson`)
            broken = _hyphenated_word(text[:-1], content) \
                or (content[0].islower() and not _known_word_at_end(text[:-1]))
            text, glue = (text[:-1], "") if broken else (text, "")
        elif (_ELIDED_END.search(text) or text[-1:] == "/" and text[-2:-1].isalpha()) and content[:1].isalpha() \
                or (content[:1] == "/" and text[-1:].isalpha()):
            # a wrap after an elided particle's apostrophe or a slash, or before a slash (`O'` / `Neil`,
            # `EUR/` / `CE`); a longer word's apostrophe ends it (`Charge'` / `d'Affaires`)
            glue = ""
        else:
            glue = "" if not text or broken_word(text, content) else " "
        starts.append((len(text) + len(glue), lineno, column))
        text += glue + content
    return Text(text, starts)


_ELIDED_END = patterns.compile(r"(?<![A-Za-z])[A-Za-z]{1,2}['\u2019]$")


def _known_word_at_end(text: str) -> bool:
    tail = _LAST_WORD.search(text)
    return tail is not None and (tail.group().upper() in _WRAP_WORDS or title_word(tail.group()))


def _hyphenated_word(before: str, after: str) -> bool:
    """The word ending `before` and the one opening `after` make one word of statements, a hyphen
    between them at the wrap (`AMBAS-` / `SADOR`), the first no word of them on its own (`MINISTER-` /
    `COUNSELOR` is a compound)."""
    tail, head = _LAST_WORD.search(before), _FIRST_WORD.match(after)
    if tail is None or head is None:
        return False
    whole, first = (tail.group() + head.group()).upper(), tail.group().upper()
    return (whole in _WRAP_WORDS or title_word(whole)) and not (first in _WRAP_WORDS or title_word(first))


def broken_word(before: str, after: str) -> bool:
    """Whether the wrap cut a word in two: the halves make a word of statements (`reaso` / `ns`,
    `Econ Affa` / `irs`), or a capitalised half ends a line of mixed case and the next line goes on
    in lower case (`Josiah Rosen` / `blatt`, `Jane D` / `oe`)."""
    tail, head = _LAST_WORD.search(before), _FIRST_WORD.match(after)
    if tail is None or head is None:
        return False
    a, b = tail.group(), head.group()
    whole = (a + b).upper()
    if len(whole) >= 3 and (whole in _WRAP_WORDS or title_word(whole)) \
            and not (a.upper() in _WRAP_WORDS or title_word(a)):
        return True
    return (a[0].isupper() and b[0].islower() and b.lower() not in _LOWER_WORDS
            and not is_title(a, False) and not is_title(b, False) and before != before.upper())


def statement_end(text: str, start: int) -> int:
    """Where the statement that goes on from `start` ends: at a paragraph run on after it, or at
    the statement written again."""
    found = _STATEMENT_END.search(text, start)
    return found.start() if found is not None else len(text)


def is_cut(text: str) -> bool:
    """A statement the publisher cut short (`Classified By: Jane Q...`): a preview of the header."""
    return _CUT.search(text) is not None


class Reasons(NamedTuple):
    reasons: tuple[Reason, ...]
    who_end: int   # where the person and position end
    stated: bool   # a reasons word or a section was written


def reasons(text: Text, start: int, end: int) -> Reasons:
    """The reasons cited in text[start:end], after the person and position."""
    cited, who_end, stated = _cited(text.text[start:end])
    found = tuple(Reason(section, letter, text.span(start + at, start + at + 1),
                         text.span(start + where, start + where + 3) if where >= 0 else None, area)
                  for section, letter, at, where, area in cited)
    return Reasons(found, start + who_end, stated)


@functools.lru_cache(maxsize=1024)  # statements recur word for word across a post's cables
def _cited(text: str) -> tuple[tuple[tuple, ...], int, bool]:
    """((section, letter, offset, offset of the section or -1, area or None), ...), where the person and position
    end, whether reasons were written: the reasons of a statement's text after its label."""
    found = REASON_START.search(text)
    if found is None:
        return _trailing_letters(text)
    lead = _REASON_LEAD.search(text, max(0, found.start() - 24), found.start())
    cited: list[tuple] = []
    sections = 0
    for section in scan(grammar().reason, text[found.start():]):
        sections += 1
        number = "".join("1" if c in "lIiL" else c for c in section.group("section") if c.isdigit() or c in "lIiL")
        name = f"{number[0]}.{number[1]}" if len(number) == 2 else ""  # "1" alone: the section is cut off
        # the walk reads on to the statement's end: the run the pattern took may stop inside `X6`
        letters = _section_letters(text, name, found.start() + section.start("letters"),
                                   found.start() + section.start("section") if name else -1)
        cited += _with_areas(text, letters) if name == _AREAS_SECTION else letters
    if not sections:  # letters without a section: "for reasons b, d", "Reasons (b) and (d)"
        # (not after a section without letters: `reasons: E.O. 12958 1.4`, its letters wrapped away)
        cited = _section_letters(text, "", found.end())
    end = lead.start() if lead is not None else found.start()
    if text.startswith(".", end) and _ABBREVIATION_BEFORE.search(text, max(0, end - 3), end):
        end += 1  # the period is the name's (`Smith Jr. for reasons`, `John Q. for reasons`, `a.i. for`)
    return _unique(cited), end, True


def _trailing_letters(text: str) -> tuple[tuple[tuple, ...], int, bool]:
    """Letters at the end of a statement without any reasons word: `Derived from X, b and d`."""
    found = lazy(_TRAILING_LETTERS, CASELESS).search(text)
    if found is None:
        return (), len(text), False
    return _unique(_section_letters(text, "", found.start() + 1)), found.start(), True


def _section_letters(text: str, section: str, start: int, section_at: int = -1) -> list[tuple]:
    return [(section, letter.lower(), at, section_at, None)
            for letter, at, _end in _letters(text, start, len(text))]


# E.O. 12356 cites its categories as areas numbered under the letter of section 1.3(a): `1.3(A)(4)`, `1.3
# (a)(4) and (5)`, `1.3(A)(4),(5)`
_AREAS_SECTION = "1.3"
# (blanks bounded: runs side by side, unbounded, would make a long run of them quadratic)
_AREAS = patterns.compile(r"[ \t]{0,3}\)?[ \t]{0,3}\([ \t]?(\d{1,2})[ \t]?\)"
                          r"((?:[ \t]{0,3}(?:,|&|(?i:and))?[ \t]{0,3}\([ \t]?\d{1,2}[ \t]?\))*)")
_AREA = patterns.compile(r"\d{1,2}")


def _with_areas(text: str, letters: list[tuple]) -> list[tuple]:
    """`letters` (of section 1.3) with the areas numbered after each: one reason per area."""
    read = []
    for section, letter, at, section_at, _area in letters:
        areas = _AREAS.match(text, at + 1)
        if areas is None:
            read.append((section, letter, at, section_at, None))
            continue
        # (each at its number: the letter is the same for all)
        numbers = [(areas.group(1), areas.start(1))] + [(n.group(), n.start())
                                                         for n in _AREA.finditer(text, areas.start(2), areas.end(2))]
        read += [(section, letter, where, section_at, int(number)) for number, where in numbers]
    return read


def _unique(cited: list[tuple]) -> tuple[tuple, ...]:
    """Each reason once (a statement written twice, a letter repeated), in the order first cited."""
    seen, unique = set(), []
    for reason in cited:
        key = (reason[0], reason[1], reason[4])
        if key not in seen:
            seen.add(key)
            unique.append(reason)
    return tuple(unique)


def _before(text: str, at: int) -> str:
    """The last character before `at` that is not a space."""
    at -= 1
    while at >= 0 and text[at].isspace():
        at -= 1
    return text[at] if at >= 0 else ""


def _letters(text: str, pos: int, end: int) -> Iterator[tuple[str, int, int]]:
    """(letter, offset, end of the list so far) of the list of category letters at `pos`: `(b) and
    (d)`, `B/D/E`, `(b+d)`, `a,b,and d`, `(b. and d.)`, `(b)-(d)` (b, c and d), `(b) (foreign
    government information) and (d)` (a category's name passed over). The list ends after
    the letter that follows its last `and`, and before a portion mark that opens the next paragraph
    (`(S) The ...`) or a lone letter that starts a sentence (`A senior ...`) or a list of references
    (`A. STATE 12`)."""
    # a portion mark is in capitals, unless the whole text is in lower case (a copy re-typed so)
    marks = "SCU" if any(c.isupper() for c in text) else "SCUscu"
    complete = False     # a letter was read after "and": the list is complete
    joined_by = ""       # what stands before the letter to be read: "," (or "/"), "and", "-" or nothing
    previous, dash = "", 0
    opened = False       # the last letter read was in parentheses
    worded = False       # the range before the letter to be read is written in words (`through`, `to`)
    while pos < end:
        if previous and not complete and not joined_by:
            gloss = _GLOSS[opened].match(text, pos, end)
            if gloss is not None:
                pos = gloss.end()
                continue
        token = _LETTER_TOKEN.match(text, pos, end)
        if token is None:
            return
        kind = token.lastgroup
        if kind == "letter":
            at = token.start("letter")
            letter = text[at]
            opened = _before(text, at) == "("
            if complete or (opened and letter in marks and _PORTION_AFTER.match(text, at + 1, end)):
                return
            if not opened and (not joined_by or worded) and _WORD_AFTER.match(text, at + 1, end):
                return  # (`1.4 (b) to a foreign government`: a sentence goes on)
            if worded and letter.lower() <= previous.lower():
                return
            if not opened and _ABBREVIATION.match(text, at, end):
                return  # the initials of what the reasons end with (`1.4 (b/d), E.O. 12958`, `U.S. Embassy`)
            if joined_by == "-" and 0 < ord(letter.lower()) - ord(previous.lower()) <= _LONGEST_RANGE:
                for inner in range(ord(previous.lower()) + 1, ord(letter.lower())):
                    yield chr(inner), dash, token.end()  # the letters a range passes over
            yield letter, at, token.end()
            complete, joined_by, previous, worded = joined_by == "and", "", letter, False
        elif kind == "run" and not complete and len(set(token.group("run").lower())) == len(token.group("run")):
            for offset, letter in enumerate(token.group("run")):
                yield letter, token.start("run") + offset, token.end()
            joined_by, previous = "", token.group("run")[-1]
        elif kind == "run":
            return
        elif kind == "through" and previous and not joined_by:
            joined_by, dash, worded = "-", token.start("through"), True
        elif kind == "through":
            return
        elif kind == "conn":
            complete, joined_by = False, "and"  # "b & d & e" goes on
        elif kind == "sep":
            sep = token.group("sep")
            if complete and sep in ",;/":
                return
            if sep in ",;/" and joined_by != "and":
                joined_by = ","
            elif sep == "-" and previous and not joined_by:
                joined_by, dash = "-", token.start("sep")
        elif kind == "open" and complete:
            return
        pos = token.end()
