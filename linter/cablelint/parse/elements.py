"""One line element at a time: run its grammar expression and build its model node."""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Optional

from .. import patterns, regexcompat
from . import dates
from .grammar import SUBJECT_LABEL, grammar, match, repeated
from .model import (
    ClassificationLine,
    DateTimeGroup,
    EOLine,
    Exemption,
    Label,
    PortionMark,
    SectionBreak,
    SectionInfo,
    Span,
    Subject,
    Tag,
    TagsLine,
)
from .scanner import (CAPTIONS, EO_FIELD_LABEL, EO_LABEL, HANDLING, MAX_HEADER_LINE, NOT_APPLICABLE, ORDER_DIGITS,
                      SBU_WORDS, TAGS_LABEL, TAGS_WORD, BannerLevel, longest_first, one_slip, release_control,
                      scanned_numbers)

# With `authority.py` and `paragraphs.py`, the only places that sees grammar results. Each function takes the line as on
# disk and its 1-based number and never raises: a line the expression cannot read becomes a node
# that says so (or None where the element simply is not there).

_new_tuple = tuple.__new__

SECURITY_LEVELS = {"SSSSS": "SECRET", "CCCCC": "CONFIDENTIAL", "UUUUU": "UNCLASSIFIED",
                   "TTTTT": "TOP SECRET", "EEEEE": "UNCLASSIFIED"}


def group_span(found: re.Match, group: str, lineno: int, shift: int = 0) -> Span:
    return Span.on_line(lineno, found.start(group) + shift, found.end(group) + shift)


def line_span(lineno: int, line: str) -> Span:
    stripped = line.rstrip()
    return Span.on_line(lineno, len(stripped) - len(stripped.lstrip()), len(stripped))


def dtg(line: str, lineno: int) -> Optional[DateTimeGroup]:
    found = match(grammar().dtg, line[:200].lstrip())
    if found is None:
        return None
    when = dates.dtg_datetime(found["ddhhmm"], found["month"], found["year"])
    return DateTimeGroup(line.strip(), found["precedence"].upper(), when, line_span(lineno, line))


# A routing header whose lines a copy joined into one (`VZCZC... ZNY CCCCC ZZH P 201741Z MAY 08 FM AMEMBASSY
# ...`): its date-time group, after its precedence, before FM
_JOINED_DTG = patterns.compile(r"(?<!\S)(?P<precedence>FLASH|[ZOPR](?:[ \t]+[ZOPR])?)[ \t]+" + dates.DTG
                               + r"(?:[ \t]+ZFF-?\d)?[ \t]+FM\b")


def joined_dtg(line: str, lineno: int) -> Optional[DateTimeGroup]:
    """The date-time group inside a routing header joined into `line` (number `lineno`), or None."""
    found = _JOINED_DTG.search(line, 0, 400) if "Z " in line or "Z\t" in line else None
    if found is None:
        return None
    when = dates.dtg_datetime(found["ddhhmm"], found["month"], found["year"])
    return DateTimeGroup(found.group().rsplit(None, 1)[0], found["precedence"].upper(), when,
                         Span.on_line(lineno, found.start(), found.end("year")))


# the date-time group of a record's `Date/DTG:` field, after its date: written without a precedence
_RECORD_DTG = patterns.compile(r"(?<![\d/])" + dates.DTG, re.I)


def record_dtg(line: str, lineno: int) -> Optional[DateTimeGroup]:
    found = _RECORD_DTG.search(line, 0, 200)
    if found is None:
        return None
    when = dates.dtg_datetime(found["ddhhmm"], found["month"], found["year"])
    # (without an export's closing backslash: `292031Z Sep 05\`)
    return DateTimeGroup(line.strip().rstrip("\\").rstrip(), "", when, Span.on_line(lineno, found.start(), found.end()))


def security(line: str, lineno: int) -> tuple[Optional[str], Optional[Span]]:
    head = line[:200]
    text = head.lstrip()
    found = match(grammar().security, text)
    if found is None:
        return None, None
    return SECURITY_LEVELS.get(found["letters"].upper()), group_span(found, "letters", lineno, len(head) - len(text))


_CONTROL_BREAK = patterns.compile(r"/+|,")
# `REL TO USA, GBR`: a release list, one control however its countries are separated (as in a mark)
_RELEASE_LIST = patterns.compile(r"\bREL(?:EASABLE)?\s+TO\b.*", re.I | re.S)


# a control written plain after UNCLAS, before the post: `UNCLAS EFTO ROME 001234` (encrypted for
# transmission only, also spaced), `UNCLAS SENSITIVE ROME 001234`, `UNCLASSIFIED SBU USEU BRUSSELS 000789`
_PLAIN_CONTROL = patterns.compile(r"(?P<control>EFTO|E F T O|SBU|SENSITIVE(?:\s+BUT\s+UNCLASSIFIED)?)\b[ \t]*", re.I)

# a control of several words after the level's slashes, any the caption lines know: `UNCLASSIFIED//FOR
# OFFICIAL USE ONLY ROME 001234`, `SECRET//EYES ONLY ...`
_SLASHED_PHRASE = patterns.compile(r"[ \t]*/{1,2}[ \t]*(?P<control>" + "|".join(
    name.replace(" ", r"\s+") for name in longest_first(CAPTIONS) if " " in name) + r")\b[ \t]*", re.I)


def _controls(written: str) -> tuple[str, ...]:
    """The controls of a classification line as written after its level (`NOFORN//REL TO USA, GBR`)."""
    release = _RELEASE_LIST.search(written)
    before = written[:release.start()] if release is not None else written
    found = tuple(_normalised(c) for c in _CONTROL_BREAK.split(before) if c.strip())
    if release is not None:
        found += (release_control(release.group()),)
    return found


def _normalised(control: str) -> str:
    """A control as the caption lines name it (`SENSITIVE BUT UNCLASSIFIED` -> SBU, `FOR OFFICIAL USE ONLY`
    -> FOUO); one they do not name, in capitals as written."""
    words = control.upper().split()
    written = "".join(words) if all(len(word) == 1 for word in words) else " ".join(words)  # (`E F T O`)
    return CAPTIONS.get(written, _BANNER_SHORT.get(written, written))


# A control's short form after the level's slashes (`SECRET//NF`), as a portion mark writes it
_BANNER_SHORT = {"NF": "NOFORN"}


# The captions a classification line may carry between its level and its post (header.py reads them)
CAPTIONS_BEFORE_POST = r"NOFORN|NODIS|EXDIS|LIMDIS|STADIS"
_CAPTIONS_BEFORE_POST = patterns.compile(rf"^(?:(?:{CAPTIONS_BEFORE_POST})\s+)+", re.I)


def banner(line: str, lineno: int, level: BannerLevel) -> ClassificationLine:
    head = line[:MAX_HEADER_LINE]
    shift = len(head) - len(head[level.end:].lstrip())
    controls: tuple[str, ...] = (level.control,) if level.control else ()
    plain = _PLAIN_CONTROL.match(head, shift) if level.level == "UNCLASSIFIED" else None
    if plain is not None:
        controls, shift = controls + (_normalised(plain["control"]),), plain.end()
    phrase = _SLASHED_PHRASE.match(head, shift)
    if phrase is not None:  # (taken whole: the words of the phrase would read as the post's)
        controls, shift = controls + (_normalised(phrase["control"]),), phrase.end()
    found = match(grammar().banner_tail, scanned_numbers(head[shift:]))  # (`SECTION 0l OF 02`: a scan's)
    section = post = serial = None
    if found is not None:
        if found["controls"]:
            controls += _controls(found["controls"])
        if found["section"]:
            section = SectionInfo(int(found["section"]), int(found["total"]),
                                  Span.on_line(lineno, found.start("section") + shift, found.end("total") + shift))
        # (a caption between the level and the post is no part of the post: `S E C R E T NOFORN KABUL 002211`)
        post = _CAPTIONS_BEFORE_POST.sub("", found["post"].strip()) or None if found["post"] else None
        serial = found["serial"]
    return ClassificationLine(
        raw=line.strip(), level=level.level, level_exact=level.exact, controls=controls,
        section=section, post=post, serial=serial, span=line_span(lineno, line),
        level_span=Span.on_line(lineno, level.start, level.end))


def section_break(line: str, lineno: int) -> Optional[SectionBreak]:
    found = match(grammar().section_break, line[:200])
    if found is None:
        return None
    return SectionBreak(found["post"].strip(), int(found["section"]), int(found["total"]), line_span(lineno, line))


# ------------------------------------------------------------------ the E.O. line

# searched for along a line: the lookahead lets the search skip positions no match starts at
# (dotted, it may be glued to the word before it, as scanner.EO finds it: `... TCOYNEE.O. 12958:`)
_EO_START = patterns.compile(r"(?=E)(?:" + EO_LABEL + r"(?:\s?:)?\s*(?:\d|[lI]\d)"
                             r"|(?<![A-Z0-9])EXECUTIVE\s+ORDER\s*\d)", re.I)
# (`TAG PTER, PGOV`: the singular label without its colon, when a tag in capitals follows; the label
# glued to a date's digits: `DECL: 11/18/2018TAGS: EPET`)
_TAGS_AFTER = patterns.compile(r"(?=T)(?:(?<![A-Za-z])TAGS?\s*:|\bTAGS\s|(?-i:\bTAG\s+[A-Z]{2,}\b))", re.I)


# An E.O. field that names no order (`E.O.:  N/A`, `E.O.:  Unknown`, or left empty, as a record of the
# Department's system prints it): not applicable, or no instruction known
_EO_FIELD = patterns.compile(rf"\s*(?P<label>{EO_FIELD_LABEL})(?:\s*(?P<value>(?P<na>{NOT_APPLICABLE})|UNKNOWN)\b\.?"
                             r"|[ \t]*$)", re.I)


def eo_line(line: str, lineno: int) -> tuple[Optional[EOLine], Optional[int]]:
    """The E.O. line found in `line`, and the offset where a TAGS part follows on it (or None)."""
    head = line[:MAX_HEADER_LINE]
    start_match = _EO_START.search(head)
    if start_match is None:
        field = _EO_FIELD.match(head)
        if field is None:
            return None, None
        start, end = field.start("label"), field.end()
        kind, instruction, span = (("na", "N/A", group_span(field, "value", lineno)) if field["na"]
                                   else _NO_INSTRUCTION[:3])
        return _new_tuple(EOLine, (head[start:end].strip(), None, None, False, kind, instruction, span, None, (),
                                   Span.on_line(lineno, start, end))), None
    start = start_match.start()
    found = match(grammar().eo_line, head[start:])
    if found is None:
        return None, None
    end = start + found.end("instruction")
    instruction = _instruction(found["instruction"], lineno, start + found.start("instruction"))
    tags_at = _TAGS_AFTER.search(head, end)
    # made with tuple.__new__ from EOLine's fields in order (the instruction's five among them):
    # the named tuple's own __new__ takes them by keyword, a Python-level call more (see Span.on_line)
    order = found["order"].translate(ORDER_DIGITS)  # (as a scan may have read it: `l2958`)
    node = _new_tuple(EOLine, (head[start:end].strip(), order, group_span(found, "order", lineno, start),
                               bool(found["amended"]), *instruction, Span.on_line(lineno, start, end)))
    return node, (tags_at.start() if tags_at else None)


_NO_INSTRUCTION = ("none", None, None, None, ())


def eo_instruction_on(node: EOLine, line: str, lineno: int, extend: bool = True) -> EOLine:
    """`node` (an E.O. line that ends after its order) with the instruction written on the next
    line, `line` (number `lineno`); the line's TAGS part, if any, is left to the TAGS reader. Not
    `extend`ed, the line's span stays its own (the instruction stands in the classification block)."""
    head = line[:MAX_HEADER_LINE]
    tags_at = _TAGS_AFTER.search(head)
    text = head[:tags_at.start()] if tags_at else head
    kind, instruction, span, date, exemptions = _instruction(text, lineno, 0)
    if kind == "none":
        return node
    return node._replace(kind=kind, instruction=instruction, instruction_span=span, date=date, exemptions=exemptions,
                         span=Span(node.span.line, node.span.column, lineno, len(text.rstrip()) + 1) if extend
                         else node.span)


def _instruction(text: str, lineno: int, offset: int) -> tuple:
    """Classify a declassification instruction: EOLine's fields kind, instruction, instruction_span,
    date and exemptions."""
    stripped = text.strip()
    if not stripped:
        return _NO_INSTRUCTION
    found = match(grammar().instruction, stripped)
    shift = offset + len(text) - len(text.lstrip())
    instruction, span, exemptions = stripped.upper(), Span.on_line(lineno, shift, shift + len(stripped)), ()
    groups = found.groupdict() if found is not None else {"event": stripped}
    keyword_end = found.end("keyword") if found is not None and "keyword" in found.re.groupindex else 0
    value = stripped[keyword_end:].strip()
    date_text = groups.get("date")
    if groups.get("na"):
        kind = "na"
    elif groups.get("declassified"):
        kind = "declassified"
    elif groups.get("indefinite"):
        kind, instruction = "indefinite", groups["indefinite"].upper().replace("0", "O")  # (a scan's 0ADR)
        span = group_span(found, "indefinite", lineno, shift)  # (at the marking, as an exemption code's)
    elif groups.get("exemptions"):
        base = shift + found.start("exemptions")
        codes = re.finditer(r"(?:25|50|75)?X\d+(?:-[A-Z]+)?", groups["exemptions"], re.I)
        kind, instruction = "exemption", value.upper()
        exemptions = tuple(
            Exemption(c.group(0).upper(), Span.on_line(lineno, base + c.start(), base + c.end())) for c in codes)
    elif groups.get("legacy"):
        # (without its `DECL:`, as an exemption's, and without the classifier E.O. 12065 named after it:
        # `RDS-1,3 6/5/99 (GERLACH, FREDERICK H.) OR-M` is the instruction `RDS-1,3 6/5/99`)
        kind, instruction = "legacy", _CLASSIFIER_NAMED.sub("", value).rstrip().upper()
        # E.O. 12065's schedules name their day (`GDS 11/17/85 (GROVE, B.)`, `RDS-4 6/5/99`): the
        # general schedule's is a declassification date; the one after RDS or XDS is for review, so
        # only whether it names a real day is asked of it
        scheduled = _SCHEDULED_DAY.match(groups["legacy"])
        if scheduled is not None and (scheduled["schedule"].upper() == "GDS" or decl_date(scheduled["day"]) is None):
            date_text, at = scheduled["day"], shift + found.start("legacy")
            span = Span.on_line(lineno, at + scheduled.start("day"), at + scheduled.end("day"))
    elif groups.get("downgrade"):
        kind = "downgrade"
    elif groups.get("redacted"):
        kind = "redacted"
    elif groups.get("empty") is not None and not value:
        return _NO_INSTRUCTION  # the keyword alone (the alternative has no date)
    elif date_text:
        kind, instruction, span = "date", date_text.upper(), group_span(found, "date", lineno, shift)
    elif _REASONS_ONLY.fullmatch(value):
        kind, instruction = "reasons", value.upper()
    elif _SCANNED_DATE.fullmatch(value) or _PART_OF_A_DATE.fullmatch(value):
        # (`O3/12/2028`: a date a scan misread; `2017`, `10/2018`, `OCT 2018`: a date without its day)
        kind, instruction = "malformed-date", value.upper()
        at = shift + stripped.index(value, keyword_end)
        span = Span.on_line(lineno, at, at + len(value))
    else:
        kind, instruction = "event", value.upper()
    date = decl_date(date_text) if date_text else None
    if kind == "date" and date is not None and _scanned_year(stripped, found.end("date"), date_text):
        date = None  # (`12/31/20l5`: no 2020 but a year a scan misread; quoted whole below)
    if kind in ("date", "legacy") and date_text and date is None:
        if kind == "date" and stripped[found.end("date"):found.end("date") + 1].isalnum():
            # (cut by a letter the grammar does not read: as written to the end of its word, `03/12/2O28`)
            date_text += stripped[found.end("date"):].split(None, 1)[0].rstrip(".,;:")
            span = Span.on_line(lineno, span.column - 1, span.column - 1 + len(date_text))
        kind, instruction = "malformed-date", date_text.upper()
    return kind, instruction, span, date, exemptions


# A year alone, or a month and a year: a date without its day (no marking's instruction reads so)
_PART_OF_A_DATE = patterns.compile(r"(?:\d{1,2}[ \t]?[/.-][ \t]?|(?i:JAN|FEB|MAR|APR|MAY|JUNE?|JULY?|AUG|SEPT?|OCT"
                                   r"|NOV|DEC)[A-Za-z]{0,6}\.?,?[ \t]+)?(?:19|20)\d{2}\.?")
# A date whose digits a scan read as letters (`O3/12/2028`, `03/l2/2028`): written as a date, no real one
_SCANNED_DATE = patterns.compile(r"(?=[\dOlI/]*[OlI])[\dOlI]{1,2}/[\dOlI]{1,2}/[\dOlI]{2,4}\.?")


# (a name, surname first: letters and a comma, no digits; `GDS (DECLAS 12/31/81)`, `XGDS-2 (IMPOSSIBLE TO
# DETERMINE)` are the instruction's own words)
_CLASSIFIER_NAMED = patterns.compile(r"\((?![^()]{0,80}\d)(?=[^()]{0,80},)(?=[^()]{0,80}[A-Za-z]{2})[^()]{1,80}\)"
                                     r"[^()]{0,40}$")


def _scanned_year(stripped: str, end: int, date_text: str) -> bool:
    """Whether the date read goes on, in the same word, as a year whose digits a scan read as letters:
    the grammar stopped at `12/31/20` of `12/31/20l5`, a date the writer never meant."""
    rest = stripped[end:end + 3]
    return bool(rest[:1] in ("O", "l", "I") and _SCANNED_DATE.fullmatch(date_text + rest.split(None, 1)[0]))


# Classification reasons written where the instruction belongs (`DECL: 1.4(B), (D)`, `DECL: REASONS 1.4 B
# AND D`): a slip of the drafter, who gave the Classified By line's reasons, and no instruction
_REASONS_ONLY = regexcompat.compile(r"(?:REASONS?\s*:?\s*)?(?:SEC(?:TION|\.)?\s*)?1\s?[.,]\s?[45]\s*"
                                    r"\(?[A-H]\)?(?:\s*+(?:(?:,|AND|&|/)\s*+)?\(?[A-H]\)?)*+\s*\.?", re.I)
_SCHEDULED_DAY = patterns.compile(
    r"(?P<schedule>X?[GR]DS|XDS)(?:-\d)?[\s:,]*(?P<day>\d{1,2}/\d{1,2}/\d{2,4})(?![\d/])", re.I)


def decl_date(text: str) -> Optional[dt.date]:
    """The calendar date a written date names, or None when it names no real day."""
    found = match(grammar().date, text)
    if found is None or found.end() != len(text):
        return None
    if found["a"]:
        return dates.numeric_date(found["a"], found["b"], found["c"])
    if found["ymd"]:
        return dates.compact_date(found["ymd"])
    if found["month"]:
        return dates.named_month_date(found["month"], found["day"], found["year"])
    if found["month2"]:
        return dates.named_month_date(found["month2"], found["day2"], found["year2"])
    return dates.named_month_date(found["month3"], found["day3"], found["year3"])


# ------------------------------------------------------------------ TAGS, SUBJECT, marks

_TAG_SEPARATOR = patterns.compile(r"[;/|:]+")
# A slash inside one tag: a side that is not a word of letters (`UNGA/C-3`, `AU/PSC-1`)
_ONE_TAG_WITH_SLASH = patterns.compile(r"[A-Za-z][A-Za-z0-9-]*/[A-Za-z0-9-]*[0-9-][A-Za-z0-9-]*")
_TAG_PUNCTUATION = ".'\"()[]-\u2013\u2014"  # stripped from a tag's value (a dash alone is no tag)
# The tags themselves in parentheses (`TAGS: (PREL, PGOV, FR)`), not a person's name (`(DOE, JANE)`,
# `(KIM, JONG, IL)`, `(POPE, JOHN, PAUL)`): three or more of a tag's letters, among them a subject
# tag's four (its first letter one of the categories: marking-rules.md 2.6) and a country's two
_TAG_LIST_IN_PARENTHESES = patterns.compile(r"\(\s*[A-Za-z]{2,4}(?:\s*,\s*[A-Za-z]{2,4}){2,}\s*\)")
_TAG_LETTERS = patterns.compile(r"[A-Za-z]{2,4}")
_SUBJECT_TAG_SHAPE = patterns.compile(r"[ABCEKLMOPST][A-Z]{3}")


def _tags_in_parentheses(written: str) -> bool:
    if _TAG_LIST_IN_PARENTHESES.fullmatch(written) is None:
        return False
    parts = [part.upper() for part in _TAG_LETTERS.findall(written)]
    return any(len(part) == 2 for part in parts) and any(_SUBJECT_TAG_SHAPE.fullmatch(part) for part in parts)


# a tag as a continuation line holds it: plain, as a web page's link (`[VE](#)`), or a person's name
# (an organisation's tag may hold a slash, `UNGA/C-3`; or be longer, `PETROBRAS`, `EUROCONTROL`, on
# a short line only: a long line of long words is a subject that lost its label)
_CONTINUED_TAG = (r"(?:[A-Z][A-Z0-9-]{1,7}(?:/[A-Z0-9-]{1,8})?|\[\s*[A-Z][A-Z0-9-]{1,7}\s*\]\(#?\)"
                  r"|\([^()]*,[^()]*\))")
_LONG_TAG = r"(?:[A-Z][A-Z0-9-]{1,11}(?:/[A-Z0-9-]{1,8})?|\([^()]*,[^()]*\))"
TAGS_CONTINUATION = patterns.compile(rf"\s*{_CONTINUED_TAG}(?:[\s,;]+{_CONTINUED_TAG})*[\s,;]*$"
                                     rf"|\s*{_LONG_TAG}(?:[\s,;]+{_LONG_TAG}){{0,3}}[\s,;]*$")
# a continuation line that closes a person's name the line above opened (`... OVIP (CAMPBELL,` /
# `KURT) JA`), then holds tags
NAME_CLOSED_CONTINUATION = patterns.compile(rf"\s*[A-Z][A-Za-z .'-]{{0,40}}\)(?:[\s,;]+{_CONTINUED_TAG})*[\s,;]*$")


def tags_line(line: str, lineno: int, start: int = 0, more: tuple[tuple[int, str], ...] = ()) -> TagsLine:
    """The TAGS line from offset `start`, with its continuation lines `more` as (number, text)."""
    head = line[:MAX_HEADER_LINE]
    doubled = _TAGS_LABEL_TWICE.match(head, start)
    if doubled is not None:
        start = doubled.end()  # (the label written twice: `TAGS: TAGS: PREL IT`; the second is read)
    tags: list[Tag] = []
    separators: list[tuple[str, Span]] = []
    _read_tags(_tags_results(grammar().tags_line, head[start:]), lineno, start, tags, separators)
    for number, text in more:
        _read_tags(_tags_results(grammar().tags_continuation, text[:MAX_HEADER_LINE]), number, 0, tags, separators)
    if more and any(tag.text[:1] == "(" and ")" not in tag.text for tag in tags):
        tags = _names_across_lines(tags, {lineno: head, **{number: text for number, text in more}})
    stripped = head[start:].rstrip()
    span = Span.on_line(lineno, start + len(stripped) - len(stripped.lstrip()), start + len(stripped))
    if more:
        span = Span(span.line, span.column, more[-1][0], len(more[-1][1].rstrip()) + 1)
    raw = " ".join([stripped.strip()] + [text.strip() for _, text in more])
    return TagsLine(raw, tuple(tags), tuple(separators), span, _label(_TAGS_LABEL, head, start, lineno, _TAGS_RIGHT))


_TAGS_LABEL_TWICE = patterns.compile(rf"\s*{TAGS_WORD}[ \t]*(?=TAGS?\b)", re.I)  # (not a tag that starts so: TAGIYEV)


def _names_across_lines(tags: list, lines: dict[int, str]) -> list:
    """`tags` with a person's name that a wrap split at a line's end (`(CAMPBELL,` / `KURT)`, `(DOE,` /
    `JANE Q.)`) made one person's tag again, its span from the first line to the next."""
    joined: list[Tag] = []
    index = 0
    while index < len(tags):
        tag = tags[index]
        close = _name_closed(tags, index) if tag.text[:1] == "(" and ")" not in tag.text else None
        if close is None:
            joined.append(tag)
            index += 1
            continue
        end = tags[close]
        written = lines[tag.span.line][tag.span.column - 1:].rstrip() + " " \
            + lines[end.span.line][:end.span.end_column - 1].strip()
        value = "(" + ", ".join(" ".join(part.split()) for part in written.strip("() ").split(",")) + ")"
        joined.append(Tag(written, value.upper(), "person" if "," in written else None,
                          Span(tag.span.line, tag.span.column, end.span.line, end.span.end_column)))
        index = close + 1
    return joined


def _name_closed(tags: list, index: int) -> Optional[int]:
    """The index of the tag that closes, at the next line's start, the name opened by tag `index`
    at its line's end; None when it is not so."""
    line = tags[index].span.line
    if index + 1 < len(tags) and tags[index + 1].span.line == line:
        return None  # (more tags after the parenthesis on its line: no name wrapped there)
    for follow in range(index + 1, min(index + 5, len(tags))):
        if tags[follow].span.line != line + 1 or "(" in tags[follow].text:
            return None
        if tags[follow].text.endswith(")"):
            return follow
    return None


def _read_tags(results: list, lineno: int, start: int, tags: list, separators: list) -> None:
    for token in results:
        group = token.lastgroup  # the one alternative that matched: person, withheld, link, tag or comma
        if group == "tag" or group == "link":
            text = token[group]
            at = token.start(group) + start
            if _TAG_SEPARATOR.search(text) is None or _ONE_TAG_WITH_SLASH.fullmatch(text):
                # the usual tag: one piece, nothing to record (an organisation's `UNGA/C-3` among them)
                value = text.strip(_TAG_PUNCTUATION).upper()
                if value:
                    # One per tag (thousands a run), so made with tuple.__new__, without the named tuples'
                    # Python-level __new__: the span is Span.on_line(lineno, at, at + len(text)), and
                    # the token is never empty.
                    span = _new_tuple(Span, (lineno, at + 1, lineno, at + len(text) + 1))
                    tags.append(_new_tuple(Tag, (text, value, None, span)))
            else:
                tags.extend(_split_tag(text, at, lineno, separators))
        elif group == "withheld":  # a person's name withheld: the person's tag, its name unknown
            written = token["withheld"]
            tags.append(Tag(written, "".join(written.split()).upper(), "person",
                            group_span(token, "withheld", lineno, start)))
        elif group == "person" and _tags_in_parentheses(token["person"]):
            # each tag as written, the first with its opening parenthesis and the last with its closing
            # one (T002 reports them, as it does a parenthesis left unclosed)
            written, base = token["person"], token.start("person") + start
            parts = list(_TAG_LETTERS.finditer(written))
            for index, part in enumerate(parts):
                begin = 0 if index == 0 else part.start()
                finish = len(written) if index == len(parts) - 1 else part.end()
                span = Span.on_line(lineno, base + begin, base + finish)
                tags.append(Tag(written[begin:finish], part.group().upper(), None, span))
        elif group == "person":
            parts = token["person"].strip("() ").split(",")
            value = "(" + ", ".join(" ".join(p.split()) for p in parts) + ")"
            tags.append(Tag(token["person"], value.upper(), "person", group_span(token, "person", lineno, start)))


def _tags_results(expr, text: str) -> list[re.Match]:
    return repeated(expr, text, "tokens")


def _split_tag(text: str, at: int, lineno: int, separators: list) -> list[Tag]:
    """Split `PREL;PGOV` at separators other than spaces and commas, recording them."""
    out: list[Tag] = []
    pos = 0
    for sep in list(_TAG_SEPARATOR.finditer(text)) + [None]:
        end = sep.start() if sep else len(text)
        piece = text[pos:end]
        value = piece.strip(_TAG_PUNCTUATION).upper()
        if value:
            out.append(Tag(piece, value, None, Span.on_line(lineno, at + pos, at + end)))
        if sep:
            separators.append((sep.group(0), Span.on_line(lineno, at + sep.start(), at + sep.end())))
            pos = sep.end()
    return out


def subject_line(line: str, lineno: int) -> tuple[str, Optional[PortionMark], Span, Optional[Label]]:
    found = match(grammar().subject_line, line[:MAX_HEADER_LINE])
    if found is None:
        return "", None, line_span(lineno, line), None
    label = _label(_SUBJECT_LABEL, line, found.start("label"), lineno, _SUBJECT_RIGHT)
    text = found["text"].strip()
    mark = None
    if found["mark"] and not names_no_mark(found["mark"]):
        mark = portion_mark(found["mark"], found.start("mark"), lineno)
    elif found["mark"] and not _NOTES.intersection(_WORD.findall(found["mark"].upper())):
        # a topic or a body in parentheses is the subject's first words (`SUBJECT: (EU) SUMMIT ...`);
        # a copy's note is no part of it (`SUBJECT: (CORRECTED COPY) ...`)
        text = line[found.start("mark"):found.end("text")].strip()
    elif found["mark"] or _TASK_FORCE.match(text):
        # the mark after a copy's note (`SUBJECT: (CORRECTED COPY) (C) SYRIA: ...`), or after a task force's
        # prefix (`SUBJECT: TFLE01: (C) LEBANON TASK FORCE SITREP 3`)
        prefix = _TASK_FORCE.match(line, found.start("text"))
        after = _MARK_AT_START.match(line, prefix.end() if prefix else found.start("text"))
        if after is not None and not names_no_mark(after["mark"]):
            mark = portion_mark(after["mark"], after.start("mark"), lineno)
            text = ((prefix.group().strip() + " ") if prefix else "") + line[after.end():found.end("text")].strip()
    # (the label written twice: `SUBJECT: SUBJECT: ...`)
    text = _LABEL_AGAIN.sub("", text, count=1)
    return text, mark, line_span(lineno, line), label


_LABEL_AGAIN = patterns.compile(r"^SUBJ(?:ECT)?\s*:\s*", re.I)
_TASK_FORCE = patterns.compile(r"\s*TF[A-Z]{2}\d{2}:")  # (a task force's cables open their subject with its code)
_MARK_AT_START = patterns.compile(r"\s*(?P<mark>\((?:TS|S|C|U|SBU)(?:/{1,2}[A-Z]{2,6}){0,3}\))(?=\s)")


def caveat_after(text: str) -> bool:
    """`text` opens with the SBU caption and its handling instruction."""
    return _CAVEAT_AFTER.match(" " + text) is not None


_CAVEAT_AFTER = patterns.compile(rf"\s+{SBU_WORDS}(?={HANDLING})", re.I)
_HEADING_AT_END = patterns.compile(r"\s+-{3,}(?:[ \t]*[A-Za-z][A-Za-z ]{0,40}?[ \t]*-{3,})?\s*$")  # or its rule alone


def subject(first: tuple, more: list[str], last_line: int, last_words: tuple[int, str] = (0, "")) -> Subject:
    """The SUBJECT from its first line's reading (`subject_line`) and its continuation lines, the last
    numbered `last_line`; `last_words` is the number and text of its last line that holds words,
    where a mark written after it stands."""
    text, mark, span, label = first
    joined = " ".join([text] + [m.strip() for m in more if m.strip()]).strip()
    # `... RADICALIZATION ------- Summary -------`: the body's first heading, or a rule; and the
    # separator before a field cut off after it (`ITALY: TALKS; REF: ROME 123`)
    joined = _HEADING_AT_END.sub("", joined).rstrip(" ;,")
    # the SBU caption and its handling instruction, wrapped onto the subject's next line (`... SLOWDOWN?
    # SENSITIVE BUT` / `UNCLASSIFIED. PLEASE HANDLE ACCORDINGLY.`): the header's caveat, not the subject
    caveat = _CAVEAT_AFTER.search(joined) if "CCORDINGLY" in joined.upper() else None
    if caveat is not None and caveat.start():
        joined = joined[:caveat.start()]
    end_column = len(more[-1].rstrip()) + 1 if more else span.end_column
    opening = joined.rfind("(") if mark is None and joined.endswith(")") else -1
    if opening > 0 and joined[opening - 1].isspace() and _MARK_AT_END.fullmatch(joined, opening):
        # the subject's mark written after it (`SUBJECT: GAS TRANSIT (C)`): its mark, not its words,
        # placed where it stands on its line (a heading or a caveat may follow it there)
        raw = joined[opening:]
        column = last_words[1].rfind(raw)
        if column >= 0:
            mark = portion_mark(raw, column, last_words[0])
            joined = joined[:opening].rstrip()
    # (its words joined by one space each, as the lines are: `TRIP CANCELED;  LABOR` is typing's)
    return Subject(" ".join(joined.split()), mark, Span(span.line, span.column, last_line, end_column), label)


_MARK_AT_END = patterns.compile(r"\((?:TS|S|C|U|SBU)(?:/[A-Z]{2,6}){0,3}\)", re.I)


# Labels as written, and how they are written right (a TAGS label without its colon is common
# and read by everyone: only a misspelt word or another punctuation mark is reported).
_TAGS_LABEL = patterns.compile(r"\s*(" + TAGS_LABEL + r"|TAGS?\b)", re.I)
_TAGS_RIGHT = patterns.compile(r"TAGS(?:\s*:)?", re.I)
_SUBJECT_LABEL = patterns.compile(r"\s*(" + SUBJECT_LABEL + ")", re.I)
_SUBJECT_RIGHT = patterns.compile(r"SUBJ(?:ECT)?\s*:", re.I)


def _label(pattern: re.Pattern, line: str, start: int, lineno: int, right: re.Pattern) -> Optional[Label]:
    found = pattern.match(line, start)
    if found is None:
        return None
    written = found.group(1).rstrip()
    at = found.start(1)
    return Label(written, Span.on_line(lineno, at, at + len(written)), right.fullmatch(written) is None)


# A mark's words: levels and controls, and what a slip or an abbreviation leaves of them
_MARK_WORDS = ("TS", "S", "C", "U", "SBU", "LOU", "TOP", "SECRET", "CONFIDENTIAL", "UNCLASSIFIED", "UNCLAS",
               "SENSITIVE", "NF", "NOFORN", "REL", "TO", "ORCON", "PROPIN", "FGI", "FOUO", "NC", "NS", "ENTIRE",
               "TEXT", "PARAGRAPH", "CUI")
# (run together, a mark's words are one level and its controls: `TOPSECRET`, `SNF`, `SBUNOFORN`; not
# `UNSC`, `CSTO`, which would hold two levels)
_LEVEL_WORDS = ("TS", "S", "C", "U", "SBU", "LOU", "SECRET", "CONFIDENTIAL", "UNCLASSIFIED", "UNCLAS", "SENSITIVE")
_RUN_OF_MARK_WORDS = patterns.compile(
    "(?:TOP)?(?:" + "|".join(longest_first(_LEVEL_WORDS)) + ")?(?:"
    + "|".join(longest_first(set(_MARK_WORDS) - set(_LEVEL_WORDS) - {"TOP"})) + ")*")
# What stands in parentheses after a number in capitals and is no mark: a copy's note, and the
# abbreviations of bodies and countries that head the items of media reaction cables
_NOTES = frozenset({"CORRECTED", "CORRECTION", "COPY", "REF", "REFS", "REFTEL", "SEE", "PARA", "NOTE", "COMMENT"})
_BODIES = frozenset({"UN", "EU", "US", "UK", "AU", "PA"})
_WORD = patterns.compile(r"[A-Z]+")


@functools.lru_cache(maxsize=1024)
def names_no_mark(raw: str) -> bool:
    """The words in parentheses where a portion mark stands are a label, not a mark: a copy's note
    (`(CORRECTED COPY)`), or a topic heading an item of a media reaction cable (`(AFGHANISTAN)`,
    `(MIDEAST)`, `(UN)`): every word has three letters or more and is no mark word, no slip of one
    (`SECERT`, `SBUU`), no start of one (`CONF`) and no run of them (`TOPSECRET`), or is a body's
    abbreviation; with a slash, a hyphen, a dot or a digit, a topic of its own form (`topic_in_parentheses`:
    `(S. Korea-U.S.)`, `(G-20)`, `(UN/Iran)`). A word of one or two letters (`SE`, `NC`) makes it a mark. A
    note in capitals is no mark either: words after a colon, or a sentence (`(NOTE: DOD PASSED THE
    MOU. END NOTE.)`, `(SEE REF A.)`); a mark's words are few, but for a release list's countries."""
    body = raw.strip().strip("()").upper()
    if _WHOLE_MARK.fullmatch(body):
        return False  # `(S - ENTIRE TEXT.)`: the mark of every portion, its sentence's stop kept
    words = _WORD.findall(body)
    if "REL" not in words and ((len(words) >= _NOTE_WORDS and (_NOTE_TEXT.search(body) or body.endswith(".")))
                               or (len(words) >= _SENTENCE_WORDS and "/" not in body)):
        # (a mark's slip has fewer words, `(S:NF)`, `(C/NF.)`; `TOP SECRET//SI//TK//NOFORN//ORCON` has
        # six, in a mark's slashes)
        return True
    if "/" in body or "-" in body or "." in body or any(c.isdigit() for c in body):
        return topic_in_parentheses(body)
    return bool(words) and all(word in _NOTES or word in _BODIES or _topic_word(word) for word in words)


# A media reaction item's topic with more than words (`(S. Korea-U.S.)`, `(C. Asia)`, `(G-20)`, `(G8)`,
# `(UN/Iran)`, `(MNF-I)`): a place abbreviated by its initial, `U.S.`, a group numbered, or topics
# joined by a slash or a hyphen. A mark's letters never stand so (`(S/NF)`, `(C-NF)`, `(S.)`).
_ABBREVIATED_PLACE = patterns.compile(r"(?<![A-Z])[A-Z]\.\s+(?=[A-Z]{3})")  # `S. KOREA`, `N. IRELAND`
_NUMBERED_GROUP = patterns.compile(r"[A-Z]{1,3}-?\d{1,2}(?:\+\d)?")  # `G-20`, `G8`, `P5+1`
_NOT_A_GROUP = frozenset({"S", "C", "U", "TS"})


def topic_in_parentheses(body: str) -> bool:
    """The words in parentheses (`body`, in capitals, without them) are a topic: each of its parts
    (split at blanks, slashes and commas) a topic word, a body, a group numbered, or topic words
    joined by hyphens (the last may be a letter: `MNF-I`)."""
    text = _ABBREVIATED_PLACE.sub("", body.upper()).replace("U.S.", "US").replace("U.K.", "UK")
    parts = [part for part in re.split(r"[\s/,&]+", text.strip(" .")) if part]
    return bool(parts) and all(_topic_part(part) for part in parts)


def _topic_part(part: str) -> bool:
    group = _NUMBERED_GROUP.fullmatch(part)
    if group is not None:
        return part.rstrip("0123456789+-") not in _NOT_A_GROUP
    pieces = part.split("-")
    first, rest = pieces[0], pieces[1:]
    # (a letter after a topic word: `MNF-I`; a level's letter after a country's code is a foreign
    # government's mark, `(GBR-C)`, `(UK-S)`)
    return _topic_piece(first) and all(
        _topic_piece(piece) or (first not in _BODIES and len(piece) == 1 and piece.isalpha() and piece not in "SCURT")
        for piece in rest)


def _topic_piece(piece: str) -> bool:
    return piece in _BODIES or (piece.isalpha() and _topic_word(piece))


_NOTE_TEXT = patterns.compile(r":\s*[A-Z]")  # `NOTE: ...`, `COMMENT: ...`
_NOTE_WORDS, _SENTENCE_WORDS = 3, 6


def _topic_word(word: str) -> bool:
    if len(word) < 3 or _RUN_OF_MARK_WORDS.fullmatch(word):
        return False
    return not any(len(mark) >= 3 and (mark.startswith(word) or word == mark or one_slip(word, mark))
                   for mark in _MARK_WORDS)



# (one class for the blanks and dashes before the words: `\s*-*\s*` tried a long run of blanks three ways;
# a printing's dash too, `(C\u2014ENTIRE TEXT)`)
_WHOLE = patterns.compile(r"[\s\u2013\u2014-]*ENTIRE\s+(?:TEXT|PARAGRAPH)\.?\s*$", re.I)
_WHOLE_FIRST = patterns.compile(r"\s*ENTIRE\s+(?:TEXT|PARAGRAPH)[\s:-]*(?=\S)", re.I)  # (`(ENTIRE TEXT CONFIDENTIAL)`)
_WHOLE_LEVEL = (r"(?:TOP\s+SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED|LIMITED\s+OFFICIAL\s+USE"
                r"|SENSITIVE\s+BUT\s+UNCLASSIFIED|TS|S|C|U|SBU|LOU)")
# (a level before it, nothing else: not a note that ends on the words, `(NOTE: ... ITS ENTIRE TEXT.)`)
_WHOLE_MARK = patterns.compile(r"\s*" + _WHOLE_LEVEL + r"(?:/[A-Z/ ]{1,20})?" + _WHOLE.pattern
                               + r"|" + _WHOLE_FIRST.pattern + _WHOLE_LEVEL + r"\.?\s*", re.I)

LOWER_CASE_LEVEL = "writes the level in lower case"  # (X006 takes these over in a re-typed copy)
NO_OPEN, NO_CLOSE = "has no opening parenthesis", "has no closing parenthesis"


def portion_mark(raw: str, start: int, lineno: int, error: Optional[str] = None) -> PortionMark:
    """A portion mark from its text; well-formedness is judged here, meaning by the linter."""
    tokens, error = _judge_mark(raw, error)
    # One per paragraph, so both named tuples are made with tuple.__new__, without their Python-level
    # __new__: the span is Span.on_line(lineno, start, start + len(raw)), at least one column wide
    # (`or 1` rather than max(): a builtin call less).
    span = _new_tuple(Span, (lineno, start + 1, lineno, start + (len(raw) or 1) + 1))
    return _new_tuple(PortionMark, (raw, tokens, error, span))


SCANNED = "has a bracket, letter or digit where a parenthesis belongs (a scan's misreading?)"


def scanned_mark(raw: str, start: int, lineno: int) -> PortionMark:
    """A mark whose parentheses a scan misread (`(CJ`, `(S/NF]`, `[C]`): broken, its level read."""
    mark = portion_mark(raw, start, lineno, SCANNED)
    return mark._replace(tokens=_judge_mark("(" + raw[1:-1] + ")", SCANNED)[0])


@functools.lru_cache(maxsize=4096)  # the same few marks recur in every cable
def _judge_mark(raw: str, error: Optional[str]) -> tuple[tuple[str, ...], Optional[str]]:
    """A mark's tokens and what is wrong with its form (`error` if the grammar already said)."""
    body = raw.strip()
    body = body[1:] if body.startswith("(") else body
    body = body[:-1] if body.endswith(")") else body
    if "ENTIRE" in body.upper():  # `(C - ENTIRE TEXT)`: every portion's mark, written once
        body = _WHOLE.sub("", body)
        first = _WHOLE_FIRST.match(body)
        body = body[first.end():] if first is not None else body
    split = re.split(r"(/+)", body)
    parts, slashes = split[0::2], split[1::2]
    if error is None and body != body.strip():
        error = "has spaces inside the parentheses"
    elif error is None and len(parts) > 1 and any(p != p.strip() or not p.strip() for p in parts):
        error = "has a space or an empty part next to a slash"
    rel = next((i for i, p in enumerate(parts) if p.strip().upper().startswith("REL")), None)
    if rel is not None:  # `REL TO NATO/AUS`: the release list's own slashes are not controls
        # (after `//REL TO ...` the next double slash ends the list: `(S//REL TO USA, GBR//NF)`)
        capco = rel > 0 and slashes[rel - 1] == "//"  # (a release list opened by a double slash)
        end = next((i for i in range(rel + 1, len(parts)) if capco and slashes[i - 1] == "//"), len(parts))
        parts = parts[:rel] + ["/".join(p for p in parts[rel:end] if p.strip())] + parts[end:]
    if error is None and parts and parts[0].strip() != parts[0].strip().upper():  # (a digit has no case)
        error = LOWER_CASE_LEVEL
    tokens = tuple(" ".join(p.split()).upper() for p in parts if p.strip())
    return tokens, error
