"""What came with a telegram above its own lines: a library's record card, the headers of the e-mails
that forwarded it, a FOIA release's stamps. The telegram's header is read after them."""

from __future__ import annotations

import functools
import re
from typing import Optional

from ... import patterns
from .. import scanner
from .records import STAMP_LINES, release_stamp, withheld

# Each reader stops at a line that is one of a telegram's elements (a classification line, a routing
# line, the E.O. line...): whatever stands above it, the telegram starts there.


def preamble_end(lines: tuple[str, ...]) -> int:
    """The index of the line where the telegram's own lines start: after the record cards, the
    headers of the e-mails that carried it and a FOIA release's stamp, as many as there are (0 when
    there is none), and after the few lines of a web page's text a copy of the page opens with above
    them (its title, a heading: no telegram's element)."""
    opening = _opening(lines)
    if not any(_may_open_one(lines[i]) for i in opening):
        return 0  # (most files: their patterns are not even compiled)
    start, page = _read_past(lines, 0), 0
    while not start and page < len(opening) - 1 and not _an_element(lines[opening[page]]):
        page += 1  # (passed over only when what it stands above is read past)
        start = _read_past(lines, opening[page])
        start = start if start > opening[page] else 0
    return start


def _opening(lines: tuple[str, ...]) -> list[int]:
    """The indexes of the file's first lines of text, as many as a page's text and a preamble's
    first line take."""
    found = []
    for index in range(min(len(lines), _OPENING_LINES)):
        if lines[index].strip():
            found.append(index)
            if len(found) > _PAGE_LINES:
                break
    return found


def _read_past(lines: tuple[str, ...], start: int) -> int:
    """The index after the cards, headers and stamps that open at `start`, one after another."""
    while True:
        after = max(_record_card_end(lines, start), _mail_header_end(lines, start), _release_stamp_end(lines, start),
                    _front_matter_end(lines, start), _review_stamp_end(lines, start))
        if after <= start:
            return start
        start = after


# The stamp a FOIA review puts above a document it marks again: who and when (`CLASSIFIED BY DAS, A/GIS,
# DOS ON 08/31/2017`), then its fields after tildes (`~ Class: CONFIDENTIAL~ Reason: 1.4(B), 1.4(D)~
# DECLASSIFY ON: 04/02/2039`), on one line or on the next few: the reviewer's, not the telegram's
_REVIEW_STAMP_OPENS = patterns.compile(
    r"[ \t]*(?:CLASSIFIED[ \t]+BY[ \t][^\n~]{1,80}?[ \t]ON[ \t]+\d{1,2}/\d{1,2}/\d{2,4}"
    r"|CLASS(?:IFICATION)?[ \t]*:[^\n~]{1,40}~)", re.I)
_REVIEW_STAMP_FIELD = patterns.compile(r"[ \t]*(?:~|(?:CLASS(?:IFICATION)?|REASONS?|DECLASSIFY[ \t]+ON)[ \t]*:)", re.I)
_REVIEW_STAMP_LINES = 4


def _review_stamp_end(lines: tuple[str, ...], start: int) -> int:
    """The index of the line after a review's stamp opening at `start`, or 0 when none does."""
    first = _first_written(lines, start)
    if first is None or not _REVIEW_STAMP_OPENS.match(lines[first]):
        return 0
    index = first + 1
    while index < min(len(lines), first + _REVIEW_STAMP_LINES) and _REVIEW_STAMP_FIELD.match(lines[index]):
        index += 1
    return index


# A static site's front matter above the text (`---` / `title: ...` / `tags: [pgov, prel]` / `---`): the
# page's fields, in YAML, not the telegram's
_FRONT_MATTER_LINES = 40
_FRONT_MATTER_FIELD = patterns.compile(r"[A-Za-z_][A-Za-z0-9_ -]{0,40}:(?:[ \t]|$)")


def _front_matter_end(lines: tuple[str, ...], start: int) -> int:
    """The index of the line after front matter opening at `start`, or 0 when none does."""
    first = _first_written(lines, start)
    if first is None or lines[first].strip() != "---" or first + 1 >= len(lines) \
            or not _FRONT_MATTER_FIELD.match(lines[first + 1]):
        return 0  # (its first line a field: a rule drawn above an indented text is no front matter)
    for index in range(first + 2, min(len(lines), first + _FRONT_MATTER_LINES)):
        line = lines[index]
        if line.strip() == "---":
            return index + 1
        if not (_FRONT_MATTER_FIELD.match(line) or (line[:1] in (" ", "-", "\t") and line.strip())):
            return 0  # (a line that is no field nor a field's value, or a blank line: a text's)
    return 0


def _may_open_one(line: str) -> bool:
    """A cheap test: `line` may open a card or an e-mail's header (a field, a forwarded message's
    opening line) or a release's stamps."""
    return ":" in line or "\t" in line or "ELEASE" in line or "Case No." in line or line.lstrip()[:1] == "-" \
        or "Reference ID" in line


_OPENING_LINES = 60  # the blank lines a file may open with before what came with the telegram
_PAGE_LINES = 3  # lines of a web page's text (a title, a heading) a copy may open with above them


def _an_element(line: str) -> bool:
    return scanner.line_facts(line).kind not in ("other", "blank")


def _first_written(lines: tuple[str, ...], start: int) -> Optional[int]:
    return next((i for i in range(start, min(len(lines), start + _OPENING_LINES)) if lines[i].strip()), None)


# A publisher's record card above the telegram (`Date: 1975 March 12, 15:30 (Wednesday)` / `Canonical ID:
# ...` / `Original Classification: ...` / `TAGS: PFOR - Foreign Policy, Relations and Affairs | ...` /
# ... / `Content:`): its fields describe the record, in the publisher's words; the telegram's own
# header follows `Content:`. A copy of the page may open at any of its fields, and may set a field's
# value on the lines below its label (a table's cells copied one a line).
# The fields no telegram's header has: one of them makes a run of fields a record card.
_CARD_ONLY_LABELS = (r"Canonical ID|Original Classification|Current Classification|Handling Restrictions"
                     r"|Character Count|Archive Status|Office Origin|Office Action|Document Number|Draft Date"
                     r"|Film Number|Legacy Key|Message ID|Page Count|Line Count|Automatic Decaptioning"
                     r"|Channel Indicators|Review (?:Date|Authority|Event|History|Release Date|Markings)"
                     r"|Disposition (?:Action|Authority|Date|Event|History|Reason|Remarks|Approved on Date)"
                     # (the fields a publisher of the 2010 release sets above its copy: `Reference ID: ...`)
                     r"|Reference ID|Released|Created")
_CARD_LINES = 60  # the lines a card takes at most
_CARD_ONLY_WITHIN = 16  # the lines of a card one of its own labels stands within (it may open with others)
# (a label's colon, or the tab after it of a page's table copied as text: `Canonical ID<tab>75MOSCOW123_a`)
# (or the blanks a Markdown table's pipes were read as: `| Reference ID | 09ROME123 |`)
_AFTER_LABEL = r"(?:[ \t]*:|\t|[ \t]{2,}(?=\S))"


class _Patterns:
    """The preamble's patterns, compiled when a file first opens with what may be one."""

    __slots__ = ("card_label", "card_only", "card_end", "mail_field", "mail_opening", "case_stamp")

    def __init__(self) -> None:
        # (a card's labels in any case: a copy re-typed in one case has its card so)
        self.card_label = patterns.compile(rf"\s*(?:Date|Executive Order|Locator|TAGS|Concepts|Enclosure|Type|From"
                                           rf"|Markings|To|Subject|Reference|Office|Drafter|Classification|Origin"
                                           rf"|{_CARD_ONLY_LABELS})"
                                           rf"{_AFTER_LABEL}", re.IGNORECASE)
        self.card_only = patterns.compile(rf"\s*(?:{_CARD_ONLY_LABELS}){_AFTER_LABEL}", re.IGNORECASE)
        self.card_end = patterns.compile(r"\s*Content:\s*(?P<text>\S?)", re.IGNORECASE)
        self.mail_field = patterns.compile(MAIL_FIELD.pattern, re.IGNORECASE)
        self.mail_opening = patterns.compile(
            r"\s*(?:-{2,}\s*(?:Original Message|Forwarded message)\s*-{2,}|Begin forwarded message:)\s*$",
            re.IGNORECASE)
        self.case_stamp = patterns.compile(r".{0,80}\bCase No\.[ \t]*\S+[ \t]+Doc No\.", re.IGNORECASE)


@functools.lru_cache(maxsize=None)
def _patterns() -> _Patterns:
    return _Patterns()


def _record_card_end(lines: tuple[str, ...], start: int) -> int:
    """The index of the line after a record card opening at `start` (after its `Content:` line, else
    after its run of fields and their values), or 0 when none does."""
    first, patterns = _first_written(lines, start), _patterns()
    if first is None or not patterns.card_label.match(lines[first]) \
            or not any(patterns.card_only.match(line) for line in lines[first:first + _CARD_ONLY_WITHIN]):
        return 0
    last = min(len(lines), first + _CARD_LINES)
    for index in range(first, last):
        content = patterns.card_end.match(lines[index])
        if content is not None:  # (the telegram's first line may follow `Content:` on its line)
            return index if content["text"] else index + 1
    # (the line after a label alone is its value, whatever it reads like: `Original Classification:` /
    # `CONFIDENTIAL`; a value's further lines go on until a blank line or a telegram's element)
    index, in_value, value_below = first, False, False
    while index < last:
        line = lines[index]
        field = patterns.card_label.match(line)
        if not line.strip():
            in_value = value_below = False
        elif field:
            in_value, value_below = True, not line[field.end():].strip()
        elif value_below:
            value_below = False
        elif not in_value or _an_element(line):
            break
        index += 1
    return index


# The header of an e-mail that forwarded the telegram (`From: Jane Doe` / `Sent: Monday, ...` / `To:
# ...` / `Subject: FW: ...`), and the line that opens a forwarded one: its subject is the e-mail's,
# not the telegram's. Written in mixed case, as no telegram's header is; in capitals (a copy re-typed
# so) only with the `Sent:` of a mail program, as a memorandum's `FROM:`/`DATE:`/`SUBJECT:` is not.
MAIL_FIELD = patterns.compile(r"\s*(?P<label>From|Sent|Date|To|Cc|Bcc|Subject|Importance|Attachments)[ \t]*:")
_MAIL_LINES = 200
# (not TAGS, SUBJECT: a memorandum's fields go on so)
_TELEGRAM_OPENINGS = frozenset({"banner", "caption", "eo", "transmission", "de", "security", "dtg"})
_EXPORT_QUOTE = " \t\"',"  # (an export's quote marks and field boundary before the line: `","C O N F ...`)
_SUBJECT_WRAPS = 2  # lines a mail's subject goes on for at the margin (a field's value wraps indented)


def _mail_header_end(lines: tuple[str, ...], start: int) -> int:
    """The index of the line after the e-mail headers opening at `start` (each with its From, its
    date and its Subject), or 0 when none does."""
    index, end, labels, wrapped = start, 0, set(), 0
    patterns = _patterns()
    while index < min(len(lines), start + _MAIL_LINES):
        line = lines[index]
        field = patterns.mail_field.match(line)
        if field:
            labels.add(field.group("label"))
            wrapped = 0
        elif patterns.mail_opening.match(line) or not line.strip():
            if _a_mail_header(labels):
                end = index + 1
            labels = set()
        elif not labels or _an_element(line) or _an_element(line.lstrip(_EXPORT_QUOTE)):
            # (the blank line after the header lost in a copy; an export's quote mark may stand
            # before the telegram's first line: `"C O N F I D E N T I A L ...`)
            if _a_mail_header(labels) and scanner.line_facts(line.lstrip(_EXPORT_QUOTE)).kind in _TELEGRAM_OPENINGS:
                end = index
            break
        elif line[:1] not in (" ", "\t"):  # the subject, written last, wraps at the margin too
            if not any(label.upper() == "SUBJECT" for label in labels) or wrapped == _SUBJECT_WRAPS:
                break
            wrapped += 1
        index += 1
    # (a header ends with a blank line, or with the file: fields that run on into a telegram's lines
    # are a memorandum's or the telegram's own)
    return index if index == len(lines) and _a_mail_header(labels) else end


def _a_mail_header(labels: set[str]) -> bool:
    """`labels` (as written) are an e-mail's header."""
    upper = {label.upper() for label in labels}
    return {"FROM", "SUBJECT"} <= upper and ("SENT" in upper or "Date" in labels)


# The stamps of a release under the Freedom of Information Act above the telegram: State's (`RELEASE
# IN PART` and the codes of the exemptions it applied, `B1,1.4(D),B6`) and the page's stamp of the case
# (`UNCLASSIFIED U.S. Department of State Case No. F-2014-01234 Doc No. C01234567 Date: 09/30/2015`,
# which gives the release's marking, not the telegram's).


def may_hold_page_stamps(text: str) -> bool:
    """A cheap test: `text` may hold a release's page stamp (as written, or re-typed in one case)."""
    return "Doc No." in text or "DOC NO." in text or "doc no." in text


def page_stamp(line: str) -> bool:
    """`line` is the case's stamp that a release prints on each of its pages."""
    return _patterns().case_stamp.match(line) is not None


def _release_stamp_end(lines: tuple[str, ...], start: int) -> int:
    """The index of the line after a release's stamps opening at `start`, or 0 when none does."""
    index = _first_written(lines, start)
    case_stamp = _patterns().case_stamp
    if index is None or not (release_stamp(lines[index]) or case_stamp.match(lines[index])):
        return 0
    index, last = index + 1, min(len(lines), index + STAMP_LINES)
    while index < last and (not lines[index].strip() or release_stamp(lines[index])
                            or case_stamp.match(lines[index]) or withheld(lines[index])):
        index += 1
    return index
