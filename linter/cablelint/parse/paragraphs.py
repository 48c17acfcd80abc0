"""Numbered paragraph heads and their portion marks, from grammar results to model nodes, and which of
the numbered lines are the cable's paragraphs."""

from __future__ import annotations

import bisect
import re
from typing import Optional

from .. import patterns
from . import bodyscan, scanner
from .elements import NO_CLOSE, NO_OPEN, names_no_mark, portion_mark, scanned_mark, topic_in_parentheses
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
    md, num, scanned, closed, no_open, no_close = found.group("md", "num", "scanned", "closed", "no_open", "no_close")
    # the first of the mark groups that matched, as the grammar orders them
    if scanned:
        mark = scanned_mark(scanned, found.start("scanned"), lineno)
    elif closed:
        mark = None if names_no_mark(closed) else portion_mark(closed, found.start("closed"), lineno)
    elif no_open:
        mark = portion_mark(no_open, found.start("no_open"), lineno, NO_OPEN)
    elif no_close:
        mark = None if _topic_closing(line, found.start("no_close")) else \
            portion_mark(no_close, found.start("no_close"), lineno, NO_CLOSE)
    else:
        mark = _late_mark(line, found.end(), lineno)
    start, end = found.span("number")
    # The paragraph and its spans are made with tuple.__new__, without the named tuples' Python-level
    # __new__ (one per paragraph). They are what Span.on_line makes: the number has a digit, so
    # both spans are at least one column wide without its guard.
    number_span = _new_tuple(Span, (lineno, start + 1, lineno, end + 1))
    span = _new_tuple(Span, (lineno, start + 1, lineno, len(line.rstrip()) + 1))
    number = 1 if num == "l" else int(md or num)  # (a scan's letter l for the 1 of `1. (C)`)
    return _new_tuple(Paragraph, (number, number_span, mark, span))


def _topic_closing(line: str, opening: int) -> bool:
    """The parenthesis opened at `opening`, whose first letters read as a mark left open (`(S.`),
    closes on a media reaction item's topic (`(S. Korea-U.S.)`, `(C. Asia)`)."""
    closing = line.find(")", opening, opening + _TOPIC_LENGTH)
    return closing > 0 and topic_in_parentheses(line[opening + 1:closing])


_TOPIC_LENGTH = 40


# what ends a heading: a colon, a full stop, a dash (also as a web page's typography sets it)
_AFTER_HEADING = r"(?::|\.|--?|[\u2013\u2014])"
# A mark after a heading word: `1. Summary: (C)`, `7. Comment. (SBU)`, `1. KEY POINTS -- (C)`, `1. SUMMARY (U)`;
# its words joined by a slash or a hyphen, or possessive (`Summary/Comment:`, `Follow-up:`, `Minister's Views:`)
_MARK_IN_HEADING = r"\((?:TS|S|C|U|SBU|LOU)(?:/{1,2}[A-Z][A-Z ,-]{0,30})*\)"
_LATE_MARK = patterns.compile(
    r"\s*(?:[A-Z][a-z'\u2019]+(?:[ /-][A-Za-z'\u2019]+){0,3}\s*" + _AFTER_HEADING
    + r"|[A-Z]{2,}(?:['\u2019]S)?(?:[ /-][A-Z]{2,}(?:['\u2019]S)?){0,3}\s*" + _AFTER_HEADING + "?)"
    # (`PERSON(S)`: none; glued to the text's first word in a re-flowed copy, `--(SBU)A/USTR Chris ...`)
    rf"\s*(?<![A-Za-z])(?P<mark>{_MARK_IN_HEADING})(?=\s|$|[A-Z])")
# A report's heading with its mark before the heading's colon or dash (`1. Summary (C): ...`, `2. BACKGROUND AND
# COMMENT (C) -- ...`): only a heading's words, as a label's letter in parentheses is no mark (`4. Option (C): ...`)
_HEADING_MARK = patterns.compile(rf"\s*(?:[A-Za-z'\u2019]+[ /-]){{0,3}}{bodyscan.HEADING_WORD}"
                                 rf"(?:[ /-][A-Za-z'\u2019]+){{0,3}}\s*"
                                 rf"(?P<mark>{_MARK_IN_HEADING})\s*(?::|--?|[\u2013\u2014])")


# The whole text's marking written in words after the number (`1. SECRET - ENTIRE TEXT.`, `1. C - ENTIRE
# TEXT`), as telegrams of the 1980s and 1990s mark every portion at once
_WHOLE_TEXT = patterns.compile(r"[ \t]*(?P<mark>(?:TOP SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED|LIMITED OFFICIAL USE"
                               r"|SENSITIVE BUT UNCLASSIFIED|TS|S|C|U|SBU|LOU)[ \t]*(?:-{1,2}|[\u2013\u2014])"
                               r"[ \t]*ENTIRE[ \t]+TEXT)\b")


def _late_mark(line: str, at: int, lineno: int):
    found = _LATE_MARK.match(line, at, 200) or _HEADING_MARK.match(line, at, 200) or _WHOLE_TEXT.match(line, at, 200)
    return portion_mark(found["mark"], found.start("mark"), lineno) if found is not None else None


_PORTION_HEAD = patterns.compile(rf"[ \t]*(?P<label>{bodyscan.ITEM_LABEL})?[ \t]*(?P<mark>\([^()\n]{{1,80}}\))")
_KINDS = {"-": "bullet", "\u2013": "bullet", "\u2014": "bullet", "\u2022": "bullet", "*": "bullet",
          **{d: "item" for d in "0123456789"}}


def portion(line: str, column: int, lineno: int) -> Optional[Portion]:
    """The portion marked at its head that starts at `column` of `line` (a lettered sub-paragraph, a
    bullet or an unnumbered paragraph); None when no mark stands there."""
    found = _PORTION_HEAD.match(line, column, column + 200)
    if found is None:
        return None
    label = found["label"]
    # (`2.A.` is a lettered sub-paragraph, `3)` a numbered item)
    kind = "unnumbered" if not label else "lettered" if "." in label[1:-1] \
        else _KINDS.get(label.lstrip("(")[0], "lettered")  # (`(1)` an item, as `1)` is)
    mark = portion_mark(found["mark"], found.start("mark"), lineno)
    start = found.start("label") if label else found.start("mark")
    return Portion(kind, label, mark, Span.on_line(lineno, start, len(line.rstrip())))


# `(C) 1. The Embassy obtained ...`: the number after the mark, then text (`(C)4. In`, `(U) 11. A/S`)
_NUMBER_AFTER_MARK = patterns.compile(r"[ \t]{0,3}(?P<number>\d{1,3})\.(?=[ \t]+[^\s\d]|[A-Z])")


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


_ITEM_NUMBER = patterns.compile(r"\d{1,3}\)")


def numbered_item(portion: Portion, line: str) -> Optional[Paragraph]:
    """The numbered paragraph `portion` may head when it is an item numbered `4) (C)` opening its
    line: some bodies go on numbering their paragraphs so (`3. (C) ...` / `4) (C) ...`). Whether
    it is a head or an item of a list inside a paragraph, `numbered` judges. (An item numbered in
    parentheses, `(4) (C)`, is one of a list.)"""
    if portion.kind != "item" or not _ITEM_NUMBER.fullmatch(portion.label) or line[:portion.span.column - 1].strip():
        return None
    column = portion.span.column - 1
    number = portion.label[:-1]
    return Paragraph(int(number), Span.on_line(portion.span.line, column, column + len(number)), portion.mark,
                     portion.span)


_NOTHING_AFTER = patterns.compile(r"[ \t.)]*$")  # (matched, not sliced: a line may hold a megabyte of paragraphs)
# A mark opening a line, after no label (`(SBU) According to ...`)
MARK_OPENING = patterns.compile(r"[ \t]*(?P<mark>\((?:TS|S|C|U|SBU|LOU)(?:/{1,2}[A-Za-z ,]{1,40})?\))")


def mark_on_next_line(head: Paragraph, line: str, next_line: str, lineno: int) -> Paragraph:
    """`head` (read from `line`, where nothing follows its number) with the mark that opens
    `next_line` (line `lineno`): a wrap cut the head after its number (`... End summary. 2.` /
    `(SBU) According to`)."""
    if head.mark is not None or _NOTHING_AFTER.match(line, head.number_span.end_column - 1) is None:
        return head
    found = MARK_OPENING.match(next_line)
    if found is None:
        return head
    return head._replace(mark=portion_mark(found["mark"], found.start("mark"), lineno))


# The rest of a REL TO list wrapped onto the next line: `(S/REL TO USA, GBR,` / `AUS) The ...`; its
# countries written as codes or in words (`(S/REL FRANCE, BRITAIN, SAUDI` / `ARABIA, AND QATAR) ...`)
_RELEASED_TO = r"[A-Z][A-Za-z.'-]*(?:[ \t]+[A-Za-z][A-Za-z.'-]*){0,3}"
_REL_REST = patterns.compile(rf"[ \t]*({_RELEASED_TO}(?:[ \t]*,[ \t]*{_RELEASED_TO})*[ \t]*\))")


def rejoin_wrapped_mark(head: Paragraph, line: str, next_line: str) -> Paragraph:
    """`head` (read from `line`) with its mark made whole when a REL TO list was wrapped onto
    `next_line`."""
    mark = head.mark
    if mark is None or mark.error != NO_CLOSE or "REL" not in mark.raw.upper():
        return head
    tail = _REL_TAIL.match(line, mark.span.end_column - 1)
    rest = _REL_REST.match(next_line) if tail is not None else None
    if rest is None or not (tail.group().rstrip().endswith(",") or rest.group(1).isupper()):
        return head  # (words after a list not wrapped at a comma go on it only in a mark's capitals)
    whole = portion_mark(mark.raw + tail.group().rstrip() + " " + rest.group(1), mark.span.column - 1, mark.span.line)
    return head._replace(mark=whole._replace(span=Span(mark.span.line, mark.span.column, mark.span.line,
                                                       len(line.rstrip()) + 1)))


# (each run of blanks has one place in it: alternatives that could split a run between them would
# try every split, exponentially many over a line of ` ,` pairs)
_REL_TAIL = patterns.compile(rf"(?:[ \t]*(?:{_RELEASED_TO}[ \t]*)?,)*[ \t]*(?:{_RELEASED_TO}[ \t]*)?$")


def numbered(candidates: list, lines: tuple[str, ...], quoted: tuple = ()) -> list:
    """The real paragraph heads among the numbered lines. Numbered items inside a paragraph (a
    list restarting at 1, a document quoted between `BEGIN TEXT` and `END TEXT` or `QUOTE` and
    `UNQUOTE`: `quoted`, as (line, column) bounds, when its first number does not go on with the
    cable's) and numbers wrapped from the previous line are not paragraphs. Otherwise a marked head
    is one; an unmarked one must continue the numbering."""
    # (a list's items numbered `1) (C)` are candidates only in case they go on with the numbering:
    # they say nothing of whether the body marks its paragraphs)
    marks_used = sum(1 for c in candidates if c.mark is not None and not _parenthesised(c, lines)) >= 2
    marked_at: Optional[dict[int, tuple[int, int]]] = None  # each number's last marked head, when first asked
    paragraphs, highest, in_list = [], 0, False
    own: dict[int, bool] = {}  # each quoted document: numbered on its own, or as paragraphs of the cable
    items: list[int] = []  # the numbers of a list restarting at 1 inside a paragraph, each opening its line
    for position, candidate in enumerate(candidates):
        if _wrapped_date(candidate, lines) or _cited(candidate, lines):
            continue
        if highest and candidate.number == 1 and _scanned_one(candidate, lines):
            continue  # a scan's l for the 1 heads paragraph 1 only; later, `l. (SBU)` is a lettered item
        block = _quoted_block(candidate, quoted) if quoted else None
        if block is not None:
            # the document's own numbering when its first number does not go on with the cable's (a
            # cable may number the quoted text as its next paragraph: `BEGIN TEXT:` / `3. The Ministry`)
            if block not in own:
                # (in a body that marks its heads, an unmarked first number is the document's, though it
                # goes on with the cable's: `3. (C) Begin text of paragraphs 4 to 6:` / `4. Calls upon ...`)
                own[block] = candidate.number != highest + 1 or (marks_used and candidate.mark is None) \
                    or _numbering_goes_back(block, candidates[position:], quoted)
            if own[block]:
                continue
        if _mark_first(candidate):
            # `(C) 1. The ...`: a head only as the next number of a body numbered so (not an item
            # of a list inside a paragraph headed `1. (C)`)
            marked = next((p for p in reversed(paragraphs) if p.mark is not None), None)
            if candidate.number == highest + 1 and (marked is None or _mark_first(marked)):
                paragraphs.append(candidate)
                highest, in_list = candidate.number, False
            continue
        if _parenthesised(candidate, lines):
            # `4) (C) ...`: a head only as the next number, and, in a body whose heads are written
            # otherwise, not as the next item of a list numbered so inside the paragraph
            # (`1. (C) Questions:` / `1) (S) ...` / `2) (S) ...`, its first item marked or not)
            previous = paragraphs[-1] if paragraphs else None
            if candidate.number == highest + 1 and (
                    (previous is not None and _parenthesised(previous, lines))
                    or not _item_before(lines, previous, candidate)):
                paragraphs.append(candidate)
                highest, in_list, items = candidate.number, False, []
            continue
        if _comma_numbered(candidate, lines) and (
                candidate.number != highest + 1 or _wrapped(candidate, lines, _STOPS) or _inside(candidate, lines)):
            # `1, On August 8, ...` heads a paragraph only where one is due, at a paragraph's start: after
            # a blank line, a rule or a sentence's end (in capitals, a count wrapped in a list reads as one
            # too: `... THE UNITED LEFT (IU) -` / `2, THE CANARIES COALITION ...`)
            continue
        if candidate.mark is not None:
            paragraphs.append(candidate)
            highest, in_list, items = max(highest, candidate.number), False, []
            continue
        if marks_used and _wrapped_prose(candidate, lines) \
                and not any(later.mark is not None for later in candidates[position + 1:]):
            # `... fell from 6 to` / `4. The crews ...` in the last paragraph: a number wrapped from a
            # sentence, though due (with a marked head after it, the numbering judges: `_skipped_to`)
            continue
        if candidate.number <= highest or (marks_used and in_list):
            in_list = True  # an inner list; it ends at the next marked paragraph
            items = items + [candidate.number] if items or not _inside(candidate, lines) else []
            continue
        if items[:1] == [1] and candidate.number == items[-1] + 1 and not _inside(candidate, lines):
            # the list's next item, though the body's numbering would go on with the same number
            # (`1.(SBU) ... the following:` / `1. Name ...` / `2. Name ...`)
            items.append(candidate.number)
            continue
        # An unmarked head inside a line counts only where the numbering goes on; a publisher's
        # pilcrow head also after a paragraph or two the text lacks (`... Cancun. ¶5. ...`, `¶7.`)
        doubtful_inside = _inside(candidate, lines) and not (_pilcrow(candidate, lines)
                                                            and candidate.number <= highest + 3)
        if candidate.number != highest + 1 and (marks_used or _wrapped(candidate, lines) or doubtful_inside) \
                and not (marks_used and _skipped_to(candidate, candidates[position + 1:], lines, paragraphs)):
            continue
        if marks_used:
            if marked_at is None:
                marked_at = _last_marked(candidates)
            if marked_at.get(candidate.number, (0, 0)) > (candidate.number_span.line, candidate.number_span.column):
                # `... ABOUT 7 OR 8. XXXXXX SAID ...` in a text of capitals, `... rose from 2 to` / `3.
                # Officials said ...` wrapped, or a list inside a paragraph whose numbers go on from
                # its own (`2. (C) ... stalled:` / `3. Direct contracts` / `4. Repayment`): paragraph
                # 8, or 3, is marked below
                continue
        paragraphs.append(candidate)
        highest, items = candidate.number, []
    return paragraphs


# a document quoted whole in a cable (a resolution, a non-paper, talking points, a translation): its
# numbered paragraphs are its own, not the cable's
_QUOTED_KIND = (r"(?:TEXT|QUOTE|(?:TALKING\s+)?POINTS|(?:UNOFFICIAL\s+|INFORMAL\s+)?(?:EMBASSY\s+)?TRANSLATION"
                r"|NON-?\s?PAPER|LETTER|STATEMENT|(?:EMBASSY\s+)?PRESS\s+RELEASE)\b")
_BEGIN_TEXT = patterns.compile(r"(?<![A-Za-z])BEGIN\s+" + _QUOTED_KIND, re.I)
_END_TEXT = patterns.compile(r"\bEND\s+(?:OF\s+)?" + _QUOTED_KIND, re.I)


def quoted_texts(text: str) -> tuple[tuple[tuple[int, int], tuple[int, int]], ...]:
    """((line, column) after `BEGIN TEXT`, (line, column) of its `END TEXT`) of each quoted document;
    also of a telegram's `QUOTE` ... `UNQUOTE` (`Quote:` ... `End quote.`)."""
    found, after = [], 0
    closings: dict = {}  # each closing pattern's matches, found once (each opening then a bisection)
    begins = _begin_words(text)
    closed_by: Optional[dict[int, int]] = None  # each BEGIN's END TEXT, paired when first asked
    for begin in sorted(begins + _quote_words(text) + _lead_in_words(text), key=lambda begin: begin.start()):
        if begin.start() < after:
            continue
        if begin.re is _LEAD_IN:
            closing = _END_LEAD_IN
        elif begin.re is not _BEGIN_TEXT:
            closing = _UNQUOTE
        else:
            closing = _END_QUOTE if _BEGIN_QUOTE.match(begin.group()) else _END_TEXT
        if closing not in closings:
            ends = list(closing.finditer(text))
            closings[closing] = ends, [end.start() for end in ends]
        ends, starts = closings[closing]
        at = bisect.bisect_left(starts, begin.end())
        # (a quotation's closing word within its reach: `QUOTE` alone is no such sure sign as BEGIN TEXT)
        if at == len(ends) or (closing in (_UNQUOTE, _END_LEAD_IN) and ends[at].start() > begin.end() + _QUOTE_REACH):
            continue
        if closing is _END_TEXT:
            if closed_by is None:
                closed_by = _paired([b.start() for b in begins], starts)
            at = closed_by.get(begin.start())
            if at is None:
                continue  # never closed: each END below closes a BEGIN after it
        if not found:
            breaks = [at for at, char in enumerate(text) if char == "\n"] if len(text) > _FEW_LINES else None
        found.append((_line_and_column(text, begin.end(), breaks), _line_and_column(text, ends[at].start(), breaks)))
        after = ends[at].end()
    return tuple(found)


# `BEGIN QUOTE` is closed by `END QUOTE` or `UNQUOTE`, in any case
_BEGIN_QUOTE = patterns.compile(r"BEGIN\s+QUOTE", re.I)
_END_QUOTE = patterns.compile(r"(?<![A-Za-z])(?:END\s+(?:OF\s+)?QUOTE|UN-?QUOTE)\b", re.I)


def _paired(begin_starts: list, end_starts: list) -> dict[int, int]:
    """Each BEGIN's closing END, by offsets in order (the index among the ENDs): an END closes the last
    BEGIN still open before it (a statement quoted inside a quoted text closes first); a BEGIN never
    closed has none (its END is a later one's). One pass over both."""
    pairs: dict[int, int] = {}
    open_begins: list[int] = []
    events = sorted([(at, 0, at) for at in begin_starts] + [(at, 1, index) for index, at in enumerate(end_starts)])
    for _at, is_end, value in events:
        if not is_end:
            open_begins.append(value)
        elif open_begins:
            pairs[open_begins.pop()] = value
    return pairs


_FEW_LINES = 100_000  # characters: a text this long is counted line by line for each place asked


def _line_and_column(text: str, offset: int, breaks: Optional[list] = None) -> tuple[int, int]:
    """The 1-based line and column of `offset`; with `breaks`, the offsets of the text's line breaks
    (a long text asked for many places), by bisection."""
    if breaks is None:
        return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)
    line = bisect.bisect_left(breaks, offset)
    return line + 1, offset - (breaks[line - 1] if line else -1)


def _begin_words(text: str) -> list:
    """The `BEGIN TEXT` (in any case) of the text, in order: found from the word's letters, a
    substring search (a pattern ignoring case would try every character of every cable)."""
    found = []
    for letters in ("EGIN", "egin"):
        at = text.find(letters, 1)
        while at >= 0:
            begin = _BEGIN_TEXT.match(text, at - 1)
            if begin is not None:
                found.append(begin)
            at = text.find(letters, at + 4)
    return sorted(found, key=lambda begin: begin.start())


# A telegram's quotation marks opening a quoted text: `QUOTE:` or `QUOTE` ending its line (`... the
# note: QUOTE` / `1. I was glad ... UNQUOTE.`), or `Quote:` in mixed case; not `A NEWSPAPER QUOTE
# ATTRIBUTED ...`, nor the words of `BEGIN QUOTE`/`END QUOTE`, nor `UNQUOTE`
_QUOTE = patterns.compile(
    r"(?<![A-Za-z])(?<!BEGIN )(?<!END )(?<!Begin )(?<!End )(?:QUOTE[ \t]*(?::|\r?$)|Quote[ \t]*:)",
    re.M)
_QUOTE_REACH = 20000  # characters: a message a telegram quotes, and more
_UNQUOTE = patterns.compile(r"(?<![A-Za-z])(?:UN-?QUOTE|Un-?quote|END\s+(?:OF\s+)?QUOTE|End\s+(?:of\s+)?quote)\b")


def _quote_words(text: str) -> list:
    """The quotation's opening words of the text, found from a substring as `_begin_words` finds its."""
    found = []
    for letters in ("QUOTE", "Quote"):
        at = text.find(letters)
        while at >= 0:
            quote = _QUOTE.match(text, at)
            if quote is not None:
                found.append(quote)
            at = text.find(letters, at + 5)
    return found


# The words that lead into a cable or a document quoted whole (`The text of reftel follows:`), closed by
# `END TEXT`, `END QUOTE`/`UNQUOTE` or `END REFTEL` within a quotation's reach
# (one run of blanks before the stop, one after: two runs side by side would be tried every way a long
# run splits)
_LEAD_IN = patterns.compile(r"(?:" + scanner.LEAD_IN + r")[ \t]*(?:[:.][ \t]*)?$", re.I | re.M)
# (a closing that opens its line: `UNQUOTE` inside a later sentence closes that sentence's quotation)
_END_LEAD_IN = patterns.compile(r"^[ \t]*(?:END\s+(?:OF\s+)?(?:TEXT|QUOTE|REF(?:TEL)?)|UN-?QUOTE)\b", re.I | re.M)
# (the lead-in's words looked for as substrings, each in the cases a cable writes them; only the lines
# holding one, and the line before, are matched: a caseless pattern over the text costs every cable)
_LEAD_IN_LINES = 400  # characters: the two lines a lead-in takes at most
_LEAD_IN_WORDS = ("FOLLOWS", "follows", "BELOW", "below", "TEXT OF", "text of", "Text of", "FOL RPT", "Fol rpt")


def _lead_in_words(text: str) -> list:
    """The lead-ins of quoted texts, in order (each once)."""
    found: dict[int, re.Match] = {}
    for word in _LEAD_IN_WORDS:
        at = text.find(word)
        while at >= 0:
            line_end = text.find("\n", at)
            line_end = len(text) if line_end < 0 else line_end
            # (from the line before: `... the text of reftel` / `follows for INFO addressees:`; a lead-in's
            # lines are short: longer ones are text, not searched, which keeps a long line's reading linear)
            start = text.rfind("\n", 0, max(0, text.rfind("\n", 0, at))) + 1
            lead = _LEAD_IN.search(text, start, line_end) if line_end - start <= _LEAD_IN_LINES else None
            if lead is not None:
                found.setdefault(lead.start(), lead)
            at = text.find(word, line_end)
    return [found[at] for at in sorted(found)]


def quoted_portions(candidates: list, paragraphs: list, quoted: tuple) -> list[Portion]:
    """The marked heads of the documents quoted in the cable that are not its paragraphs (numbered
    on their own: `numbered`): portions of the cable's text all the same, whose marks count (a
    repeat's covering paragraph (U), the quoted cable's (C) paragraphs below it)."""
    if not quoted:
        return []
    taken = {p.number_span for p in paragraphs}
    return [Portion("quoted", str(c.number), c.mark, c.span) for c in candidates
            if c.mark is not None and c.number_span not in taken and _quoted_block(c, quoted) is not None]


def _numbering_goes_back(block: int, following: list, quoted) -> bool:
    """After the quoted document `block` (whose heads open `following`), the cable's next head goes
    back to a number the document used: its numbers were its own, though its first went on from the
    cable's (`2. (C) ... BEGIN TEXT:` / `3. Calls upon ...` / `5. Decides ...` / `END TEXT.` / `3. (C)`)."""
    inside = [c.number for c in following if _quoted_block(c, quoted) == block]
    after = next((c for c in following if _quoted_block(c, quoted) is None
                  and (c.span.line, c.span.column) > (following[0].span.line, following[0].span.column)), None)
    return bool(inside) and after is not None and after.number <= max(inside)


def _quoted_block(paragraph, quoted) -> Optional[int]:
    """The index of the quoted document the head stands in, or None."""
    where = (paragraph.number_span.line, paragraph.number_span.column)
    return next((i for i, (begin, end) in enumerate(quoted) if begin < where < end), None)


def _mark_first(paragraph) -> bool:
    """The head's mark is written before its number (`(C) 1. The ...`)."""
    mark = paragraph.mark
    return mark is not None and (mark.span.line, mark.span.column) < (paragraph.number_span.line,
                                                                      paragraph.number_span.column)


def _last_marked(candidates: list) -> dict[int, tuple[int, int]]:
    """The (line, column) of the last marked head of each number among `candidates`."""
    return {c.number: (c.number_span.line, c.number_span.column) for c in candidates if c.mark is not None}


def _item_before(lines: tuple[str, ...], previous, candidate) -> bool:
    """A line between the head `previous` (None: the body's start) and `candidate` opens with the
    item numbered just before it (`3)` before `4) (C)`): the candidate goes on with that list."""
    wanted = f"{candidate.number - 1})"
    first = previous.span.line if previous is not None else max(0, candidate.span.line - _ITEM_LOOKBACK)
    return any(lines[index].lstrip().startswith(wanted) for index in range(first, candidate.span.line - 1))


_ITEM_LOOKBACK = 60  # lines looked at before a body's first head


def _parenthesised(paragraph, lines: tuple[str, ...]) -> bool:
    """The head's number is closed by a parenthesis (`4) (C) ...`)."""
    return lines[paragraph.span.line - 1][paragraph.number_span.end_column - 1:paragraph.number_span.end_column] == ")"


# (a month written whole and then a full stop ends a sentence: "in August." / "4. ..." is paragraph 4)
_MONTH_AT_END = patterns.compile(
    r"\b(?:(?:JAN|FEB|MAR|APR|JUN|JUL|AUG|SEPT?|OCT|NOV|DEC)\.?|JANUARY|FEBRUARY|MARCH|APRIL|"
    r"MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)\s*$", re.I)


def _wrapped_date(paragraph, lines: tuple[str, ...]) -> bool:
    """'... on April' / '2. Van den ...': a date wrapped before its day, not paragraph 2 (a publisher
    that marks heads with a pilcrow marks these too: '... on April' / '¶2. Van den ...'; and a
    re-flowed copy has them on one line: '... on April ¶2. Van den ...')."""
    if paragraph.mark is not None or paragraph.number > 31:
        return False
    before = lines[paragraph.span.line - 1][:paragraph.number_span.column - 1]
    if not before.strip():  # the head starts its line: the words before it end the line above
        before = lines[paragraph.span.line - 2] if paragraph.span.line >= 2 else ""
    return _MONTH_AT_END.search(before[-20:]) is not None


# a paragraph cited, its number wrapped to the next line: `... See paragraphs 2 -` / `4.`, `... as in para` / `3.`
_CITATION_AT_END = patterns.compile(
    r"\b(?:PARA|PARAS|PARAGRAPHS?)\.?(?:\s+\d{1,3}\s*(?:-{1,2}|,|AND|TO|THROUGH|OR))?\s*$",
    re.I)


def _cited(paragraph, lines: tuple[str, ...]) -> bool:
    """An unmarked number that a citation of paragraphs wrapped to the start of a line (a publisher
    may have set a blank line before it, taking it for a head: `... please see para` / `` / `¶4.`)."""
    if paragraph.mark is not None or paragraph.span.line < 2:
        return False
    if lines[paragraph.span.line - 1][:paragraph.number_span.column - 1].strip():
        return False  # (inside a line, the body scan has judged what stands before it)
    above = paragraph.span.line - 2
    alone = not lines[paragraph.span.line - 1][paragraph.number_span.end_column - 1:].strip()
    if not lines[above].strip() and above >= 1 and alone:  # (the number alone: a head has its text)
        above -= 1
    return _CITATION_AT_END.search(lines[above][-40:]) is not None


def _inside(paragraph, lines: tuple[str, ...]) -> bool:
    """The head stands inside its line, after text (a re-flowed body)."""
    return bool(lines[paragraph.span.line - 1][:paragraph.number_span.column - 1].strip())


def _skipped_to(candidate, later: list, lines: tuple[str, ...], before: list) -> bool:
    """In a body that marks its heads, an unmarked head whose number skips ahead (`3. (S) ...` then
    `15. Collection requirements ...`) is a paragraph whose number and mark the drafter got wrong, not
    a list's item: it opens its line after a blank line, no marked head after it goes back to a number
    at or below it, and the paragraph before it opens no quoted text (`13. (SBU) Begin text of the
    report's paragraphs 42-47` / `42. Following ...`)."""
    line = candidate.span.line
    if _inside(candidate, lines) or line < 2 or lines[line - 2].strip() or candidate.number > _FARTHEST_SKIP:
        return False
    if before and _BEGIN_TEXT.search(lines[before[-1].span.line - 1]):
        return False
    return all(c.mark is None or c.number > candidate.number for c in later)


_FARTHEST_SKIP = 99  # (a three-digit number opening a line is a sum or a year's part, not a head)


def _comma_numbered(paragraph, lines: tuple[str, ...]) -> bool:
    """The head's number is followed by a comma for its dot and then words (`1, On August 8, ...`,
    `7, Summary: (C) ...`), not a mark (`2, (C)`): the grammar's number span ends with the comma."""
    line, end = lines[paragraph.span.line - 1], paragraph.number_span.end_column
    return line[end - 2:end - 1] == "," and line[end - 1:end + 3].lstrip()[:1].isalpha()


def _scanned_one(paragraph, lines: tuple[str, ...]) -> bool:
    """The head is numbered with a scan's letter l for its 1 (`l. (C)`)."""
    line, start = lines[paragraph.span.line - 1], paragraph.number_span.column - 1
    return line[start:start + 1] == "l"


def _pilcrow(paragraph, lines: tuple[str, ...]) -> bool:
    """The head is numbered with the publisher's pilcrow (`¶5.`: its number's span starts with it)."""
    return lines[paragraph.span.line - 1][paragraph.number_span.column - 1:paragraph.number_span.column] == "\u00b6"


# What ends the line before a head: a sentence, a reference, a heading's dash or slash; for a head
# numbered with a comma, no dash or slash (`_STOPS`), and the line of a rule
_ENDS = ".:;!?)\"'-/]"
_STOPS = ".:;!?)\"']"


def _wrapped_prose(paragraph, lines: tuple[str, ...]) -> bool:
    """The line before the head is a full line of prose cut in mid-sentence, on a word no sentence
    ends with or a part cited (`... the number of boats fell from 6 to`, `... should not invoke
    Article`): the head's number is that sentence's. (A
    paragraph that lost its stop, `... after the local elections`, a heading's short line,
    `COMMENT`, or a name redacted, `XXXXXXXXXXXX`, is no such line.)"""
    previous = lines[paragraph.span.line - 2].rstrip()
    return len(previous.strip()) >= bodyscan.PROSE_LINE and (
        bodyscan.ENDS_MID_SENTENCE.search(previous) is not None or bodyscan.CITES_A_PART.search(previous) is not None)


def _wrapped(paragraph, lines: tuple[str, ...], ends: str = _ENDS) -> bool:
    """A number that only looks like a paragraph head: prose wrapped before '16.' ("... on
    November\n16. His aim ..."): the line before is prose that did not end (with one of `ends`)."""
    if paragraph.span.line < 2:
        return False
    previous = lines[paragraph.span.line - 2].rstrip()
    return bool(previous) and previous[-1] not in ends and previous.strip("-_ \u2013\u2014") != ""
