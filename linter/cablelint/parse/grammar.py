"""The cable grammar, in pyparsing."""

from __future__ import annotations

import functools
import re
from typing import NamedTuple, Optional

import pyparsing as pp

from .. import regexcompat
from . import scanner

# A cable is line oriented, so the grammar is too: one expression per element (the date-time group,
# the security line, the E.O. line and its declassification instruction, TAGS, SUBJECT, a paragraph
# head with its portion mark, the tail of a classification line, a section break, a classification
# reason). `scanner.py` decides which line is which element; `elements.py`, `authority/` and `paragraphs.py` run the
# expression on that line and build the model. No combinator ever runs over a whole file.
#
# Terminals are `Regex` elements with named groups, returned as match objects (`as_match=True`) so
# every part keeps its offsets; alternatives are `|` (MatchFirst), most specific first. Keeping one
# regex per terminal is what makes pyparsing fast enough for archive-sized runs (see bench/).
#
# `parse` is total: any string gives results or None, never an exception. Offsets are 0-based into
# the string that was parsed.

CASELESS = re.IGNORECASE

# A reason's section as cited, with the typos of real cables (`1/4`, `1,4`, `14`, and the one of typed
# or scanned copies, a letter l or I for the 1, when a category letter follows: `l.4 (b)`); a `1` alone
# before `(b)` is a section cut off (authority/text.py reads its letters without a section).
REASON_SECTION = (r"(?<![\d.])1(?:\s{0,3}[.:]\s{0,3}\d|\s?[,/]\s?[45]|[45])(?!\d)"
                  r"|(?<![\w.])[lI]\s?[.,]\s?[45](?!\d)(?=\s*\(?\s*[a-hA-H](?![A-Za-z]))"
                  r"|(?<![\d.])1(?=\s?\(\s?[A-Za-z]\s?\))")

# A calendar date as cables write it: 05/29/2013, 5/29/13, 2013/05/29, 2013-05-29, 20130529,
# JUNE 23, 2011, 23 JUNE 2011. Unnamed groups so it can be embedded in larger terminals.
DATE = (r"(?:\d{1,4}\s?[/.-]\s?\d{1,3}\s?[/.-]\s?\d{1,4}|\d{8}|[A-Z][A-Za-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}"
        r"|\d{1,2}\s+[A-Z][A-Za-z]{2,8}\.?\s+\d{4}|\d{1,2}\s?-\s?[A-Z][A-Za-z]{2,8}\s?-\s?(?:\d{4}|\d{2}))(?!\d)")
EXEMPTION = r"(?:25|50|75)?X\d+(?:-[A-Z]+)?\b"
# The TAGS and SUBJECT labels as written, misspellings included (S012 reports those)
TAGS_LABEL = r"\s*(?:" + scanner.TAGS_LABEL + r"|TAGS?\b)"  # (the scanner said the line is one)
SUBJECT_LABEL = scanner.SUBJECT_LABEL + r"|SUBJECT\b"  # (the scanner said the line is one)
# (`DECL: ON 05/29/2013`, `DECL ON: 07/01/2019`, and the keyword written twice with its colon: `DECL: DECL:
# 06/09/2016`, not `DECL: DECLINING ...`). Possessive: a run of `DECL`s is read in one pass, not tried
# at every split (it cost seconds on a line of them).
_KEYWORD_WORD = r"DECL[A-Za-z]*+(?:\s++ON\b)?+\s*+"
# An older order's schedule (E.O. 11652's GDS and XGDS, E.O. 12065's RDS and XDS)
SCHEDULE = r"(?:X?[GR]DS|XDS)"
# (and a stray mark before a date: a quote, `DECL: \u201c03/12/2048\u201d`, or a dash, `DECL: - 02/30/2033`)
_DECL_KEYWORD = (rf"(?P<keyword>(?:{_KEYWORD_WORD}[:;.]\s*+(?={_KEYWORD_WORD}[:;.]))?(?:{_KEYWORD_WORD}[:;.]?\s*+)?"
                 r"(?:ON\s+(?=\d))?(?:[-\u2013\u2014\"'\u201c\u2018][ \t]*(?=\d))?)")


class _Grammar(NamedTuple):
    dtg: pp.ParserElement
    security: pp.ParserElement
    eo_line: pp.ParserElement
    instruction: pp.ParserElement
    date: pp.ParserElement
    tags_line: pp.ParserElement
    tags_continuation: pp.ParserElement
    subject_line: pp.ParserElement
    paragraph_head: pp.ParserElement
    banner_tail: pp.ParserElement
    section_break: pp.ParserElement
    reason: pp.ParserElement


def _rx(pattern: str, flags: int = 0, name: Optional[str] = None) -> pp.ParserElement:
    element = pp.Regex(regexcompat.compile(pattern, flags), flags, as_match=True)  # (kept: patterns.py)
    return element(name) if name else element


@functools.lru_cache(maxsize=None)
def grammar() -> _Grammar:
    """Build the expressions once; nothing global in pyparsing is touched."""
    # (in capitals, or all in lower case as a re-typed copy has them: the scanner takes no mixed case)
    dtg = _rx(r"(?P<precedence>(?:FLASH|[ZOPR])(?:\s+[ZOPR])?)\s*(?P<ddhhmm>\d{6})\s?Z\s*"
              r"(?P<month>SEPT|[A-Z]{3})\s*(?P<year>\d{2}(?:\d{2})?)\b", CASELESS)
    security = _rx(r"ZN[YR]\s+(?P<letters>[A-Z]{5})\b", CASELESS)
    eo_line = _rx(
        r"(?P<keyword>(?:" + scanner.EO_LABEL + r"(?:\s?:)?|EXECUTIVE\s+ORDER)\s*)"
        r"(?P<order>\d{4,6}|[lI]\d[\dS]{3}|\d{2,4}S\d{0,2})"
        # (one run of blanks before AS, or one inside its parenthesis: two in a row backtrack on long runs)
        r"(?P<amended>[\s,;:]*(?:\(\s*)?AS\s+AMENDED(?:\s*\))?"
        # (`... AS AMENDED BY E.O. 13292: DECL:`)
        r"(?:,?\s+BY\s+(?:" + scanner.EO_LABEL + r"|EXECUTIVE\s+ORDER)\s*\d{5})?)?"
        r"(?:[\s,]*SEC(?:TION|\.)?\s*\d\.\d{1,2})?"  # (the order's section on marking: `E.O. 12958, SEC. 1.6: DECL:`)
        r"\s*(?:[:;.,]|-{1,2}(?=\s)|[\u2013\u2014])?\s*"
        r"(?P<instruction>.*?)(?=\s*\bTAGS?\s*:|\s+TAGS\s|\s+(?-i:TAG\s+[A-Z]{2,}\b)|\s*$)", CASELESS)
    instruction = (
        # (also after the DECL keyword: `DECL: N/A` says no instruction as `N/A` alone does)
        _rx(r"(?:" + _DECL_KEYWORD + r")?(?P<na>(?:N\s*/\s*A|NA|NOT\s+APPLICABLE)\b\.?)", CASELESS)
        | _rx(_DECL_KEYWORD + r"(?P<declassified>DECLASSIFIED\b.*)", CASELESS)
        | _rx(_DECL_KEYWORD + r"(?P<indefinite>[O0]ADR|MR)\b.*", CASELESS)
        | _rx(_DECL_KEYWORD + rf"(?:1\.6\s*)?\(?(?P<exemptions>{EXEMPTION}(?:\s*(?:,|AND|&)?\s*{EXEMPTION})*)\)?"
              rf"(?:[,;]?\s*(?P<date>{DATE}))?.*", CASELESS)
        # (the date written first: `DECL: 06/04/2044, 25X1`, `DECL: 06/04/2026 X1`)
        | _rx(_DECL_KEYWORD + rf"(?P<date>{DATE})\s*[,;]?\s*\(?(?P<exemptions>{EXEMPTION}"
              rf"(?:\s*(?:,|AND|&)?\s*{EXEMPTION})*)\)?.*", CASELESS)
        | _rx(_DECL_KEYWORD + rf"(?P<legacy>{SCHEDULE}(?:\b|(?=\d)).*)", CASELESS)
        | _rx(_DECL_KEYWORD + rf"(?P<downgrade>DNG\s*:?\s*(?:TS|S|C|U|CO)\b)\s*(?P<date>{DATE})?.*", CASELESS)
        | _rx(_DECL_KEYWORD + rf"(?P<date>{DATE}).*", CASELESS)
        | _rx(_DECL_KEYWORD + r"(?P<redacted>X{4,}).*", CASELESS)
        | _rx(_DECL_KEYWORD + r"(?P<empty>)$", CASELESS)
        | _rx(_DECL_KEYWORD + r"(?P<event>.+)", CASELESS)
    )
    date = _rx(
        r"(?P<a>\d{1,4})\s?[/.-]\s?(?P<b>\d{1,3})\s?[/.-]\s?(?P<c>\d{1,4})(?!\d)"
        r"|(?P<ymd>\d{8})(?!\d)"
        r"|(?P<month>[A-Z][A-Za-z]{2,8})\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})(?!\d)"
        # (also with dashes, `01-JAN-2019`, and a year in two digits there: `01-JAN-19`)
        r"|(?P<day2>\d{1,2})\s+(?P<month2>[A-Z][A-Za-z]{2,8})\.?\s+(?P<year2>\d{4})(?!\d)"
        r"|(?P<day3>\d{1,2})\s?-\s?(?P<month3>[A-Z][A-Za-z]{2,8})\s?-\s?(?P<year3>\d{4}|\d{2})(?!\d)", CASELESS)
    # (a person's name also as a web page's link: `[(CLINTON, HILLARY)](#)`)
    # (or the name withheld in a FOIA release, its exemption's code in its place: `OVIP (B6)`, `(b)(6)`)
    # (after a visit tag, a name in its own order, without a comma: `OVIP (LE DUC THO)`, `OVIP (POPE PAUL VI)`)
    tag_token = _rx(r"(?:\[\s*(?=\())?(?P<person>\(\s*[^()\s][^()]*,[^()]*\)"
                    r"|(?:(?<=O(?:VIP|CON|EXC|REP|TRA) )|(?<=O(?:VIP|CON|EXC|REP|TRA)))\(\s*[A-Z][^() ]*[ ][^()]*\))"
                    r"(?:\s*\]\(#?\))?"
                    r"|(?P<withheld>\([Bb]\s?[1-9][A-Ca-c]?(?:\s*,\s*[Bb]\s?[1-9][A-Ca-c]?)*\)"
                    r"|\([Bb]\)\s?\([1-9]\)(?:\s?\([A-Ca-c]\))?)(?=[\s,]|$)"
                    r"|\[\s*(?P<link>[^\]\s]+)\s*\]\(#?\)"
                    r"|(?P<tag>[^\s,(]+(?=\()|[^\s,]+)|(?P<comma>,)")  # (`OVIP(CLINTON, H.)`: the tag before the name)
    tags_line = _rx(TAGS_LABEL, CASELESS, "keyword") + tag_token[...]("tokens")
    tags_continuation = tag_token[1, ...]("tokens")
    # (the mark's release list may hold commas and run longer: `(S//REL TO USA, FVEY)`)
    subject_line = _rx(r"\s*(?P<label>" + SUBJECT_LABEL + r")\s*(?P<mark>\((?:[A-Z/ -]{1,20}"
                       r"|[A-Z/ -]{1,12}REL(?:EASABLE)?\s+TO\s+[A-Z]{2,5}(?:\s*[,/]\s*[A-Z]{2,5}){0,12})\)(?=\s|$))?"
                       r"\s*(?P<text>.*)", CASELESS)
    paragraph_head = _rx(
        r"[ \t]{0,8}(?P<number>\[1(?P<md>\d{1,3})\.\]\(#\)|¶?\s?"
        r"(?P<num>\d{1,3}|l(?=\s?\.\s{0,3}\((?:TS|S|C|U|SBU)[/)]))"  # (or a scan's l for 1 before a mark)
        # `12.`, and `2)`, `6,`, `3..` or `12` when a portion mark follows (a numbered list has no mark)
        # (and `1, On August 8, ...`, a comma typed for the dot before a sentence: `numbered` takes it
        # only where it goes on with the numbering at a paragraph's start)
        r"(?:\s?\.(?!\d)(?!\.\s{0,3}\()|\s?(?:[),]|\.\.)(?=\s{0,3}\()|(?=\s{1,3}\((?:TS|S|C|U|SBU|LOU)[/)])"
        r"|,(?=[ \t]{1,3}[A-Z][A-Za-z])))\s*"
        # (a scan's letter, digit or bracket for a closing parenthesis, `(CJ`, `(C]`, `(S/NF]`, `(Cl`,
        # or its bracket for both, `[C]`: a broken mark, its level read)
        r"(?:(?P<scanned>\((?:TS|S|C|U|SBU|LOU)(?:/{1,2}[A-Z]{1,10})*[J\]|l1I](?=[ \t])"
        r"|\[(?:TS|S|C|U|SBU|LOU)(?:/{1,2}[A-Z]{1,10})*[\])](?=[ \t]))"
        # (a scan's brace for a parenthesis, `{C)`, `(U}`: a broken mark)
        r"|(?P<closed>[({](?!CORRECTED\b|CORRECTION\b)\s*(?:(?:[A-Z][A-Z-]{0,5}|(?:ts|s|c|u|sbu|lou)(?=[/)}\s-]))"
        r"(?![a-z.])"
        # (or `(5)`, a scan's or a typist's 5 for the S of `(S)`, its 0 for a C or a U: a broken mark; not
        # another digit, which numbers the items of a quoted treaty, `1. (1) Each Party ...`)
        r"|(?i:top\s+secret|secret|confidential|unclassified)\b|/|[50](?=[)/])|\$(?=\)))"
        r"[^(){}\n]{0,80}[)}])"
        # (without its opening parenthesis; its controls after a slash in any case, `S/Rel to Belize)`,
        # or after a dash or a space in capitals, `S-NF)`, `C NF)`)
        r"|(?P<no_open>(?:TS|S|C|U|SBU|LOU)(?:/{1,2}[A-Za-z][A-Za-z ,-]{0,30}|[ -][A-Z]{2,10})*\))"
        r"|(?P<no_close>\((?:TS|S|C|U|SBU|LOU)(?:\s*/{1,2}\s*[A-Z]{1,10}(?: [A-Z]{2,10})?)*)"
        r"(?=[\s:,-]|\.(?![A-Za-z])|$))?")
    banner_tail = _rx(
        # (the controls end the line, or a section, or a post and serial follow: `S E C R E T//NOFORN ROME 000123`)
        # (a REL TO list takes its country codes whole: `SECRET//REL TO USA, GBR ROME 000123`)
        r"(?:/{1,2}\s*(?P<controls>(?:[A-Z][A-Z ]*?/+\s*)*REL\s+TO\s+[A-Z]{2,4}(?:\s*,\s*(?:AND\s+)?[A-Z]{2,4})*"
        r"|[A-Z][A-Z/ ,-]*?)(?=\s*$|\s+SE?CTI?ON\b|\s+[A-Z][A-Za-z .'/&-]*?\s+\d{2,8}\b))?\s*"
        r"(?:SE?CTI?ON\s*(?P<section>\d+)\s+OF\s+(?P<total>\d+)\s*)?"
        r"(?:(?P<post>[A-Z][A-Za-z .'/&-]*?)\s+(?=\d))?(?P<serial>\d{2,8}\b)?(?P<rest>.*)", CASELESS)
    section_break = _rx(
        r"(?P<post>[A-Z][A-Z .'-]*?)\s+(?P<serial>\d{3,8})\s+(?P<section>\d{3})(?:\.\d+)?\s+OF\s+(?P<total>\d{3})\b")
    # a section and the run of characters its category letters are written with (`(b) and (d)`,
    # `B/D`, `(b+d)`); authority/text.py reads the letters from the run, which stops at a digit
    reason = _rx(rf"(?P<section>{REASON_SECTION})(?P<letters>[\s(),/&+.;:A-Za-z-]{{0,80}})", CASELESS)
    parts = (dtg, security, eo_line, instruction, date, tags_line, tags_continuation, subject_line, paragraph_head,
             banner_tail, section_break, reason)
    for part in parts:
        part.parse_with_tabs()  # keep each tab one column, as on disk
        if isinstance(part, pp.Regex):
            part.leave_whitespace()  # terminals say where whitespace may stand
        _compile_terminals(part)
    return _Grammar(*parts)


def _compile_terminals(expr: pp.ParserElement) -> None:
    """Compile every Regex terminal now (pyparsing compiles one on first use): the grammar is built
    once before worker processes fork, and what is compiled here is not compiled again in each."""
    if isinstance(expr, pp.Regex):
        expr.re  # noqa: B018 (the attribute compiles the pattern)
    for inner in getattr(expr, "exprs", ()):
        _compile_terminals(inner)
    if isinstance(getattr(expr, "expr", None), pp.ParserElement):
        _compile_terminals(expr.expr)


def parse(expr: pp.ParserElement, text: str) -> Optional[pp.ParseResults]:
    """Parse `text` from its start with `expr`; None when it does not match."""
    try:
        return expr.parse_string(text)
    except (pp.ParseBaseException, RecursionError):
        return None


def match(expr: pp.ParserElement, text: str) -> Optional[re.Match]:
    """The match object of a single-terminal expression on `text`, or None.

    A lone `Regex` terminal is matched through its own compiled pattern: the same grammar, without
    the driver's per-call set-up, which would otherwise dominate the cost of a paragraph head.
    """
    if isinstance(expr, pp.Regex):
        return expr.re_match(text)
    alike = _alike_alternatives(expr)
    if alike is not None:  # `a | b | c` of terminals, tried in order as the driver would
        matchers, skipper = alike
        loc = _skip(expr, text, 0)
        if skipper is not None:  # all skip the same whitespace: skipped once, not once per alternative
            loc = _skip(skipper, text, loc)
        for matcher in matchers:
            found = matcher(text, loc)
            if found:
                return found
        return None
    if _first_of_terminals(expr):  # terminals that skip different whitespace: each skips its own
        loc = _skip(expr, text, 0)
        for alternative in expr.exprs:
            # (`_skip` is called only for a terminal that skips whitespace: most of the grammar's skip none)
            found = alternative.re_match(text, _skip(alternative, text, loc) if alternative.skipWhitespace else loc)
            if found:
                return found
        return None
    results = parse(expr, text)
    return results[0] if results else None


def repeated(expr: pp.ParserElement, text: str, name: str = "tokens") -> list[re.Match]:
    """The match objects of the repetition named `name` in `expr`, parsed from the start of `text`;
    [] when `expr` does not match.

    `head + term[...]` and `term[1, ...]` (terminals without actions) are walked with the
    terminals' own patterns, skipping whitespace exactly where the driver would; any other shape
    goes through the driver.
    """
    shape = _head_and_repetition(expr)
    if shape is not None:
        head, repetition = shape
        loc = _skip(expr, text, 0)
        if head is not None:
            found = head.re_match(text, loc)
            if not found:
                return []
            loc = _skip(repetition, text, found.end())
        term, out = repetition.expr, []
        # what `_skip(term, ...)` does before each term, done here without a call per term
        white = term.whiteChars if term.callPreparse and term.skipWhitespace else ()
        match_term, end = term.re_match, len(text)
        while True:
            while loc < end and text[loc] in white:
                loc += 1
            found = match_term(text, loc)
            if not found:
                break
            out.append(found)
            loc = found.end()
        return out if out or isinstance(repetition, pp.ZeroOrMore) else []
    results = parse(expr, text)
    return list(results[name]) if results is not None and name in results else []


def _skip(expr: pp.ParserElement, text: str, loc: int) -> int:
    """Where `expr` starts reading at `loc`: past the whitespace it skips, if it pre-parses (the
    driver's `preParse`; alternatives `|` leave it to each alternative)."""
    if expr.callPreparse and expr.skipWhitespace:
        white = expr.whiteChars
        while loc < len(text) and text[loc] in white:
            loc += 1
    return loc


def _plain(expr: pp.ParserElement) -> bool:
    """No parse action, ignorable, debugging or failure hook: matching is all it does."""
    return not (expr.parseAction or expr.ignoreExprs or expr.debug or expr.failAction)


def _plain_terminal(expr: pp.ParserElement) -> bool:
    return isinstance(expr, pp.Regex) and getattr(expr, "asMatch", False) and _plain(expr) \
        and expr.parseImpl == expr.parseImplAsMatch


@functools.lru_cache(maxsize=None)  # asked of the same few grammar elements over and over
def _first_of_terminals(expr: pp.ParserElement) -> bool:
    if not isinstance(expr, pp.MatchFirst):
        return False
    expr.streamline()  # as parse_string does first (it flattens `(a | b) | c`)
    return _plain(expr) and expr.keepTabs and all(_plain_terminal(e) for e in expr.exprs)


@functools.lru_cache(maxsize=None)
def _alike_alternatives(expr: pp.ParserElement) -> Optional[tuple[tuple, Optional[pp.ParserElement]]]:
    """For `a | b | c` of plain terminals that all skip the same whitespace (or none): their compiled
    `match`es in order, and a terminal that skips for all of them (None when none skips). The
    declassification instruction tries up to ten, and skipping once saves a call per alternative."""
    if not _first_of_terminals(expr):
        return None
    skipping = {(t.callPreparse and t.skipWhitespace, frozenset(t.whiteChars)) for t in expr.exprs}
    if len(skipping) != 1:
        return None
    first = expr.exprs[0]
    return tuple(t.re_match for t in expr.exprs), (first if first.callPreparse and first.skipWhitespace else None)


@functools.lru_cache(maxsize=None)
def _head_and_repetition(expr: pp.ParserElement) -> Optional[tuple[Optional[pp.ParserElement], pp.ParserElement]]:
    """(head, repetition) of `head + term[...]` or (None, expr) of `term[1, ...]`; None for other shapes."""
    head, repetition = (expr.exprs[0], expr.exprs[1]) if isinstance(expr, pp.And) and len(expr.exprs) == 2 \
        else (None, expr)
    if _repetition_of_terminal(repetition) and (head is None or _plain_terminal(head)) and _plain(expr) \
            and expr.keepTabs:
        return head, repetition
    return None


def _repetition_of_terminal(expr: pp.ParserElement) -> bool:
    return isinstance(expr, (pp.ZeroOrMore, pp.OneOrMore)) and type(expr) in (pp.ZeroOrMore, pp.OneOrMore) \
        and expr.not_ender is None and getattr(expr, "max_count", None) is None and _plain(expr) \
        and _plain_terminal(expr.expr)  # (a bound on the count, `max_count`, came with pyparsing 3.3.3)


def scan(expr: pp.ParserElement, text: str):
    """Each match object of a single-terminal expression found anywhere in `text`."""
    if isinstance(expr, pp.Regex):
        yield from expr.re.finditer(text)
        return
    try:
        for tokens, _start, _end in expr.scan_string(text):
            yield tokens[0]
    except RecursionError:
        return
