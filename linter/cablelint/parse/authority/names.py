"""Who classified a cable: the person's name told from the position in a Classified By statement."""

from __future__ import annotations

import functools
import re
from typing import NamedTuple, Optional

from ... import patterns
from .titles import BESIDE_TITLES, is_title, title_word

# Words that join the parts of a position ("Chief of Mission"), and the particles of names
# ("Velia De Pirro", "Van Hollen"), which belong to a name when a name word follows them.
_CONNECTORS = frozenset("OF FOR AND THE TO IN ON AT D Y &".split())
_PARTICLES = frozenset("DE DA DEL DELLA DI DU LA LE VAN VON DER DEN".split())
# (and, written in lower case in a text of mixed case only, those that are also an office's letters in
# capitals: DAS, DOS; a copy re-typed in lower case writes `eur acting das anita friedt`)
_LOWER_PARTICLES = frozenset("bin ibn bint ben ould abu al el dos das des ter ten af zu ag ap".split())
# A particle joined to the name it opens, in lower case (`al-Rashid`, `el-Masri`, `d'Estaing`, `ad-Din`)
_JOINED_PARTICLE = patterns.compile(
    r"(?:al|el|ad|ar|as|ash|at|az|an|ed|ud|d|l|da|de|di|du|la|le)['’-][A-Z\u00c0-\u00de][A-Za-z\u00c0-\u00ff'’-]*,?")
_SUFFIXES = frozenset("JR SR II III IV".split())
# (blacked out, or withheld in a release under the Freedom of Information Act, its exemption's code
# standing for the name: `(b)(6)` read without its outer parentheses, `B6`)
_REDACTION = patterns.compile(r"[\[(]?(?:X{4,}|x{4,}|REDACTED)[\])]?|[Bb](?:\)\(|\s?)[1-9](?:\)\([A-Fa-f])?", re.I)
_NOT_LETTER = patterns.compile(r"[^A-ZÉ]")
_SEPARATOR = patterns.compile(r"\s*[,;:?]\s*|\s+-{1,2}\s+|\s+\u2013\s+|\s*\u2014\s*")  # (an em dash, spaced or not)
_TRAILING_FILLER = patterns.compile(r"(?:^|\s+)(?:for|per|under(?:\s+section)?|by|and|with|the)\s*$", re.I)
_INITIAL = patterns.compile(r"[A-Za-z]\.?(?:[A-Za-z]\.)*")

TITLE, NAME, CONNECTOR, PARTICLE, REDACTED, FILLER = "T", "N", "C", "P", "R", "F"


class Who(NamedTuple):
    name: Optional[str]
    position: Optional[str]
    redacted: bool  # the name is blacked out (XXXXXXXXXXXX): no person to judge


@functools.lru_cache(maxsize=1024)  # statements recur word for word across a post's cables
def split_name_position(who: str) -> Who:
    """Tell the person from the position: `Political Counselor Jane Doe`, `Jane Doe, Ambassador,
    Embassy Rome`, `Doe, Jane, DCM`, `ISN - J. DOE, ACTING`. The name is the run of name words
    most like a person's (two words or more, else the first); every other part is the position."""
    who = _strip_filler(who)
    mixed = who != who.upper() and who != who.lower()
    segments = [(_mend(words) if _mixed(words, mixed) else words, sep) for words, sep in _segments(who)]
    kinds = [_kinds(words, _mixed(words, mixed)) for words, _sep in segments]
    _offices_after_agency(segments, kinds)
    runs = [(i, start, end) for i, seg_kinds in enumerate(kinds) for start, end in _name_runs(seg_kinds)]
    if not runs:
        return Who(None, _tidy(who), False)
    index, start, end = _choose(runs, kinds)
    words = segments[index][0]
    before, after = words[:start], words[end:]
    while after and kinds[index][end + len(after) - 1] == FILLER:
        after = after[:-1]  # `Jane Doe nor`: a slip before the reasons, not a part of the position
    if REDACTED in kinds[index][start:end]:
        return Who(None, _tidy(_position(segments, {index}, index, before, after)), True)
    parts, used = [" ".join(words[start:end])], {index}
    if not before and not after:
        if index > 0 and _surname(segments[index - 1][0], kinds[index - 1]) and _given(words, kinds[index]):
            parts.insert(0, " ".join(segments[index - 1][0]))  # surname first: "Doe, Jane Q"
            used.add(index - 1)
        elif index + 1 < len(segments) and _surname(words, kinds[index]) \
                and _given(segments[index + 1][0], kinds[index + 1]) \
                and (index + 2 == len(segments) or not _name_runs(kinds[index + 2])):
            parts.append(" ".join(segments[index + 1][0]))
            used.add(index + 1)
    follow = max(used) + 1
    if follow < len(segments) and not after and _INITIAL.fullmatch(parts[-1].split()[-1]) \
            and _surname(segments[follow][0], kinds[follow]):
        parts.append(" ".join(segments[follow][0]))  # a comma typed for a period: "Luis G, Moreno"
        used.add(follow)
        follow += 1
    if follow < len(segments) and _is_suffix_segment(segments[follow][0]):
        parts.append(" ".join(segments[follow][0]))  # "RANDT, JR."
        used.add(follow)
    return Who(_tidy(", ".join(parts)), _unwrapped(_tidy(_position(segments, used, index, before, after))), False)


def _unwrapped(position: Optional[str]) -> Optional[str]:
    """A position written in parentheses after the name (`Jane Roe (Poloff)`) without them."""
    if position and position[0] == "(" and position[-1] == ")" and "(" not in position[1:] and len(position) > 3:
        return position[1:-1].strip() or None
    return position


# An agency named as its own part of a statement, before the office of origin (`Jane Doe, Ambassador,
# State, Lima`, the order 32 CFR 2001.21(a) gives: name, position, agency, office)
_AGENCIES = frozenset({"STATE", "DOS", "DEPARTMENT OF STATE", "DEPT OF STATE", "USAID", "DOD", "DHS"})
_OFFICE_WORDS = 3  # words of an office's place after its agency (`Lima`, `Buenos Aires`, `Port au Prince`)


def _offices_after_agency(segments: list, kinds: list[list[str]]) -> None:
    """The part right after an agency's names the office of origin, no person: `Deputy Chief of
    Mission, State, Lima` names no one."""
    for index in range(1, len(segments)):
        agency = " ".join(_NOT_LETTER.sub("", w.upper()) for w in segments[index - 1][0])
        if agency in _AGENCIES and len(segments[index][0]) <= _OFFICE_WORDS:
            kinds[index] = [TITLE] * len(kinds[index])


def _kinds(words: list[str], mixed: bool) -> list[str]:
    kinds = _interim(words, [_kind(word, mixed) for word in words])
    return _surnames_in_capitals(words, kinds) if mixed else kinds


def _surnames_in_capitals(words: list[str], kinds: list[str]) -> list[str]:
    """In text of capitals and lower case a word in capitals is an office's letters (`Jane Doe, EUR`),
    unless it is no known title word and stands beside a given name: a family name written in capitals,
    as many countries' practice writes it (`Jean-Pierre DUPONT`, `WANG Jian`)."""
    for i, word in enumerate(words):
        bare = word.strip(".,")
        # (of three letters or more: two are an office's as often, `CA`, `PM`; no title of the vocabulary)
        if kinds[i] != TITLE or not bare.isupper() or not bare.isalpha() or len(bare) < 3 or is_title(bare, False):
            continue
        beside = [j for j in (i - 1, i + 1) if 0 <= j < len(words)]
        if any(kinds[j] == NAME and words[j][:1].isupper() and not words[j].isupper() for j in beside):
            kinds[i] = NAME
    return kinds


def _mend(words: list[str]) -> list[str]:
    """Words broken by a stray space made whole again (`Andrew Y oung`, `Do nald`): in text of
    capitals and lower case, a piece of one or two letters that a piece in lower case goes on from."""
    mended: list[str] = []
    for word in words:
        if mended and word[:1].islower() and mended[-1].isalpha() and len(mended[-1]) <= 2 \
                and mended[-1][0].isupper() and _NOT_LETTER.sub("", word.upper()) not in _PARTICLES | _CONNECTORS:
            mended[-1] += word
        else:
            mended.append(word)
    return mended


def _mixed(words: list[str], who_mixed: bool) -> bool:
    """Whether a part is written in mixed case, where capitals mark acronyms: a part in capitals of
    its own (`ROBERT A. POLLARD, Minister-Counselor`) is not, a lone word takes the statement's."""
    text = " ".join(words)
    if len(words) == 1:
        return who_mixed
    return text != text.upper() and text != text.lower()


def _surname(words: list[str], kinds: list[str]) -> bool:
    return 1 <= len(words) <= 2 and all(k == NAME for k in kinds) and not any(_INITIAL.fullmatch(w) for w in words)


def _given(words: list[str], kinds: list[str]) -> bool:
    """Given names as a surname-first name writes them after the comma: `Jane`, `Jane Q`."""
    if not all(k == NAME for k in kinds):
        return False
    return len(words) == 1 or (len(words) == 2 and bool(_INITIAL.fullmatch(words[1])))


_A_I = patterns.compile(r"[Aa]\.?"), patterns.compile(r"[Ii]\.?,?")


def _interim(words: list[str], kinds: list[str]) -> list[str]:
    """`Charge d'Affaires A. I. Jane Doe`: "a.i." written as two initials is part of the title, as
    "at Large" is after a title word (`Ambassador at Large Jane Doe`). The word after a name's middle
    initial is its surname, even a word of titles (`John Q. Public`, `Jane R. General`)."""
    for i in range(1, len(words) - 1):
        if kinds[i - 1] == TITLE and _A_I[0].fullmatch(words[i]) and _A_I[1].fullmatch(words[i + 1]):
            kinds[i] = kinds[i + 1] = TITLE
        elif kinds[i - 1] == TITLE and words[i].upper() == "AT" \
                and _NOT_LETTER.sub("", words[i + 1].upper()) == "LARGE":
            kinds[i] = kinds[i + 1] = TITLE
    for i, word in enumerate(words):
        plain = _NOT_LETTER.sub("", word.upper())
        if plain in BESIDE_TITLES and _beside_title(kinds, i, after=plain == "STATION"):
            kinds[i] = TITLE
    _places_of_offices(words, kinds)
    _place_of_a_title(words, kinds)
    _surname_of_title_words(words, kinds)
    for i in range(2, len(words)):
        after_initial = kinds[i - 2] == NAME and kinds[i - 1] == NAME and _MIDDLE_INITIAL.fullmatch(words[i - 1])
        # (a surname in capitals too, `Anne E. DERSE`, `DAMIAN R. LEADER`, unless an acronym, `Jane Q. DCM`)
        if kinds[i] == TITLE and after_initial and (words[i][:1].isupper() or words[i].islower()) \
                and (words[i][1:] != words[i][1:].upper() or len(_NOT_LETTER.sub("", words[i])) > 3):
            kinds[i] = NAME
    return kinds


def _place_of_a_title(words: list[str], kinds: list[str]) -> None:
    """The place a title names after `for`, `to` or `in` is the title's (`Special Envoy for Sudan Mark
    Orr`, `Ambassador to Iraq Jane Q. Doe`, `Special Representative for Afghanistan and Pakistan Jo
    Roe`): of the name words that end the part after it, all but the name's own two (three with a
    middle initial)."""
    for i in range(1, len(words) - 2):
        if kinds[i] != CONNECTOR or kinds[i - 1] != TITLE or words[i].upper() not in ("FOR", "TO", "IN", "OF"):
            continue
        # (`to the United Nations`, `Head of the U.S. Delegation`: an institution named with its article)
        start = i + 2 if words[i + 1].upper() == "THE" else i + 1
        rest = kinds[start:]
        # (the names of a place or a region before a title word closing the office's name: `Office
        # of Andean Affairs`, `Director of Near Eastern Affairs John Doe`)
        closing = next((n for n, kind in enumerate(rest) if kind == TITLE), None)
        if closing and rest[0] == NAME and all(kind in (NAME, CONNECTOR) for kind in rest[:closing]):
            kinds[start:start + closing] = [TITLE] * closing
            return
        if i >= len(words) - 3 or not rest or rest[0] != NAME or any(kind not in (NAME, CONNECTOR) for kind in rest):
            return
        names = [start + n for n, kind in enumerate(rest) if kind == NAME]
        # (the name's own words: two, and its middle initial or its suffix; where more words stand after
        # the place than that, the split is unclear and the name keeps them: `Mali Mary Beth Leonard`,
        # `the United Nations Jane Roe` as `the Vatican Mary Ann Roe`, unless a connector shows the place's end)
        keep = 2 + (_NOT_LETTER.sub("", words[names[-1]].upper()) in _SUFFIXES) \
            + (len(names) >= 3 and _MIDDLE_INITIAL.fullmatch(words[names[-2]]) is not None)
        if len(names) == keep + 1 or (len(names) > keep + 1 and CONNECTOR in rest):
            kinds[i + 1:names[-keep]] = [TITLE] * (names[-keep] - i - 1)
        return


def _surname_of_title_words(words: list[str], kinds: list[str]) -> None:
    """A surname that is a title's word or a name's particle, written after a given name at the part's
    end, after the part's title, is the name's (`DCM Robert Law`, `PolOff Jay Le`): not in capitals,
    where it is an office's letters (`JANE DOE DCM`), nor `Acting` (`Jane Doe Acting`); nor without a
    title before the given name, where the two words are a position (`Press Attache`)."""
    last = len(words) - 1
    if last < 2 or kinds[last] not in (TITLE, PARTICLE) or kinds[last - 1] != NAME or kinds[last - 2] != TITLE:
        return
    word = words[last].strip(".,")
    if word[:1].isupper() and word[1:].islower() and word.upper() != "ACTING":
        kinds[last] = NAME


# An office whose place is written after it (`Embassy Rome`, `U.S. Consulate Monterrey`)
# (not MISSION: `Chief of Mission Jane Doe`)
_OFFICES = frozenset("EMBASSY AMEMBASSY CONSULATE CONGEN AMCONGEN USMISSION".split())


def _places_of_offices(words: list[str], kinds: list[str]) -> None:
    """The words naming an office's place are the position's (`POL/MIL Section, Embassy Rome`:
    Rome is no one's name): the one or two name words right after an office, up to the part's end or
    a title word (`Embassy Buenos Aires Political Section`). A name after a title after the office
    is untouched (`Embassy Counselor Jane Doe`); three name words or more after it hold a name
    (`Embassy Rome Jane Doe`), which the reading takes with the place as it did."""
    for i in range(1, len(words)):
        if kinds[i - 1] != TITLE or _NOT_LETTER.sub("", words[i - 1].upper()) not in _OFFICES:
            continue
        end = i
        while end < len(words) and kinds[end] == NAME:
            end += 1
        # (CONGEN is also the Consul General's title: `ConGen Istanbul`, but `ConGen Lucia Park`)
        most = 1 if _NOT_LETTER.sub("", words[i - 1].upper()) == "CONGEN" else _PLACE_WORDS
        if 0 < end - i <= most and (end == len(words) or kinds[end] == TITLE):
            kinds[i:end] = [TITLE] * (end - i)


_PLACE_WORDS = 2  # a post's name: Rome, Buenos Aires, Kuala Lumpur


def _beside_title(kinds: list[str], i: int, after: bool) -> bool:
    """A title word stands before word `i` (`Team Leader`), or before its connector (`Chief of
    Station`), or (`after`) after it (`Station Chief`)."""
    before = kinds[i - 1] if i else ""
    return before == TITLE or (before == CONNECTOR and i > 1 and kinds[i - 2] == TITLE) \
        or (after and i + 1 < len(kinds) and kinds[i + 1] == TITLE)


_MIDDLE_INITIAL = patterns.compile(r"[A-Za-z]\.")  # (in lower case in a copy re-typed so)


def _strip_filler(who: str) -> str:
    who = who.strip(" \t\n,;:-\u2013\u2014")
    while True:
        shorter = _TRAILING_FILLER.sub("", who).rstrip(" ,;:-\u2013\u2014")
        if shorter == who:
            return who
        who = shorter


def _segments(who: str) -> list[tuple[list[str], str]]:
    """The parts between commas, semicolons, colons and dashes: (words, the separator before)."""
    segments, at, before = [], 0, ""
    for found in _SEPARATOR.finditer(who):
        segments.append((who[at:found.start()].split(), before))
        before, at = found.group().strip(), found.end()
    segments.append((who[at:].split(), before))
    return [(words, sep) for words, sep in segments if words]


def _name_runs(kinds: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each run of name words. Particles and connectors belong to a name when a
    name word follows them ("Velia De Pirro", "Luis de la Torre"); a connector may not open one."""
    runs, start = [], None
    for i, kind in enumerate(kinds):
        if kind in (NAME, REDACTED) or (kind in (PARTICLE, CONNECTOR) and _name_follows(kinds, i)
                                        and (start is not None or kind == PARTICLE)):
            if start is None:
                start = i
        elif start is not None:
            runs.append((start, i))
            start = None
    if start is not None:
        runs.append((start, len(kinds)))
    return runs


def _name_follows(kinds: list[str], i: int) -> bool:
    for kind in kinds[i + 1:]:
        if kind not in (PARTICLE, CONNECTOR):
            return kind in (NAME, REDACTED)
    return False


def _choose(runs: list[tuple[int, int, int]], kinds: list[list[str]]) -> tuple[int, int, int]:
    """A redaction where the name stands; else, of each part's runs the one that ends the part (the
    name follows the title: `Provincial Affairs Director Hoyt Yee`) or the first, the first of two
    name words or more; else the first."""
    for run in runs:
        if REDACTED in kinds[run[0]][run[1]:run[2]]:
            return run
    best: dict[int, tuple[int, int, int]] = {}
    for run in runs:
        index, _start, end = run
        if index not in best or (end == len(kinds[index]) and _size(run, kinds) >= 2):
            best[index] = run
    for run in best.values():
        if _size(run, kinds) >= 2:
            return run
    return runs[0]


def _size(run: tuple[int, int, int], kinds: list[list[str]]) -> int:
    return sum(k == NAME for k in kinds[run[0]][run[1]:run[2]])


def _is_suffix_segment(words: list[str]) -> bool:
    return len(words) == 1 and _NOT_LETTER.sub("", words[0].upper()) in _SUFFIXES


def _position(segments: list[tuple[list[str], str]], used: set[int], index: int,
              before: list[str], after: list[str]) -> Optional[str]:
    """Every part that is not the name, in the order written; parts that stood side by side keep
    their separator, parts the name stood between are joined with a comma."""
    pieces: list[tuple[str, str, bool]] = []  # (text, separator before it, adjacent to the previous)
    previous = -2
    for i, (words, sep) in enumerate(segments):
        if i == index:
            if before:
                pieces.append((" ".join(before), sep, previous == i - 1))
            if after:
                pieces.append((" ".join(after), ",", False))
            previous = i if after else -2
        elif i not in used:
            pieces.append((" ".join(words), sep, previous == i - 1))
            previous = i
    text = ""
    for piece, sep, adjacent in pieces:
        if text:
            glue = sep if adjacent and sep else ","
            text += (" " + glue + " ") if glue in ("-", "--", "–") else glue + " "
        text += piece
    return text or None


@functools.lru_cache(maxsize=8192)  # names and titles recur across cables
def _kind(word: str, mixed: bool) -> str:
    if _OFFICE_IN_PARENTHESES.fullmatch(word):
        return TITLE  # an office's symbol in parentheses, the position's: `Under Secretary (T) John Rood`, `(G)`
    core = word.replace("’", "'").replace("‘", "'").strip("\"'()[]")
    if _REDACTION.fullmatch(core):
        return REDACTED
    plain = _NOT_LETTER.sub("", core.upper())
    if plain in _SUFFIXES:
        return NAME
    if plain in _CONNECTORS and not core.endswith(".") and (core.islower() or len(plain) > 1 or core.endswith("'")):
        return CONNECTOR  # "of", "and", "d'"; not an initial D. or Y
    if (plain in _PARTICLES or (mixed and core in _LOWER_PARTICLES)) and not core.endswith("."):
        return PARTICLE
    if is_title(core, mixed):
        return TITLE
    if mixed and _JOINED_PARTICLE.fullmatch(core):
        return NAME
    # in text of capitals and lower case, a name word is capitalised: `Henzel nor reasons`, `Goldberg fo`
    return FILLER if mixed and core[:1].islower() else NAME


# (one or two letters, or with a slash: `(T)`, `(S/P)`; not a nickname, `ROBERT (BOB) SMITH`; in any case,
# as a copy re-typed in lower case writes it)
_OFFICE_IN_PARENTHESES = patterns.compile(r"\((?:[A-Z]{1,2}|[A-Z]{1,4}/[A-Z]{1,4})\),?", re.I)


def _tidy(text: Optional[str]) -> Optional[str]:
    """Drop the sentence's full stop and stray punctuation, not an abbreviation's period ('a.i.',
    'Jr.', 'Amb.', an initial)."""
    if text is None:
        return None
    text = " ".join(text.split()).strip(" ,;:-?\u2013\u2014")
    last = text.split()[-1] if text else ""
    word = _NOT_LETTER.sub("", last[:-1].upper())
    # (`Jr.` and `Sr.` are abbreviations; `III.` ends a sentence)
    abbreviation = "." in last[:-1] or len(word) <= 1 or word in ("JR", "SR") or (title_word(word) and len(word) <= 4)
    if last.endswith(".") and not abbreviation:
        text = text[:-1].rstrip(" ,;:")
    return text or None
