"""What the publisher did to a cable, told apart from what its drafter did: a record cut short, text
redacted, another cable's text under this one's header, the whole text re-typed in another case."""

from __future__ import annotations

import functools
import re
from typing import Iterator, Optional

from ... import patterns
from .. import scanner
from ..model import Artefact, Cable, Span

# Each is reported once (X003-X006) and lets the checks stay silent where the publisher, not the
# drafter, made the gap: nothing "missing" from a cut header, no mark asked of a redacted paragraph,
# no banner-against-routing mismatch where a second cable's banner stands under the header, one
# finding for a re-typed text instead of one per line.

_EXTRACT = patterns.compile(r"This record is a partial extract", re.I)
# A publisher's redaction as written: a run of X, or a bracketed note. The checks use it too (a
# mark or a paragraph head a redaction hid is not asked for).
# [NAME REMOVED]; a historian's note of what was withheld (`[1 paragraph (3 lines) not declassified]`,
# `[excised]`)
_BRACKETED_NOTE = (r"\[(?:REDACTED|redacted|[A-Za-z]+(?: [A-Za-z]+)? (?:REMOVED|[Rr]emoved)"
                   r"|[^\[\]\n]{0,60}?(?i:not declassified|excised|deleted|withheld))\]")
REDACTION = r"X{6,}|x{6,}|" + _BRACKETED_NOTE
_REDACTION = patterns.compile(REDACTION)


def holds_redaction(text: str) -> bool:
    """`text` holds a publisher's redaction (a run of X, a bracketed note)."""
    return _REDACTION.search(text) is not None
_BRACKETED = patterns.compile(_BRACKETED_NOTE)
# Text withheld in a release under the Freedom of Information Act: the exemption's code stands alone
# where the text stood (`B1`, `B6`, `B1, 1.4(D)`, `(b)(1)`, `(b)(6)`), a line of nothing else. (Not in
# a line of text: `B1 visas` and `(b)(6)` of a statute are words there.) No two runs of blanks meet
# in these patterns: a long run of blanks is read in one way only (in linear time).
# (also bracketed, `[B1]`, after the word, `REDACTED - B1`, or the order's categories alone, `1.4(B), 1.4(D)`)
_CATEGORY_CITED = r"1\.4[ \t]?\([ \t]?[A-Ha-h][ \t]?\)"
_FOIA_CODE = (r"(?:\[?(?:[Bb][1-9]|\([Bb]\)[ \t]?\([1-9]\)(?:[ \t]?\([A-Z]\))?)\]?"
              rf"|(?:REDACTED|Redacted)[ \t]*[-:\u2013][ \t]*[Bb][1-9]|{_CATEGORY_CITED})"
              rf"(?:(?:[ \t]*,[ \t]*|[ \t]+)?{_CATEGORY_CITED})*")
_FOIA_CODES = rf"{_FOIA_CODE}(?:(?:[ \t]*[,;][ \t]*|[ \t]+){_FOIA_CODE})*"
_STAMP_WORDS = "ELEASE"  # (RELEASE IN, RELEASED IN)
STAMP_LINES = 12  # the lines a release's stamps and the codes under them take at most, blank ones included
_STAMP = rf"[ \t]*RELEASED? IN (?:PART|FULL)(?:[ \t]+{_FOIA_CODES})?[ \t]*\r?$"


class _Release:
    """The patterns of a FOIA release, compiled when a text first needs them (few do: compiling them
    for every run would cost each its milliseconds)."""

    __slots__ = ("withheld", "withheld_line", "withheld_start", "stamp", "stamp_lines")

    def __init__(self) -> None:
        # the codes alone after a paragraph's number, or on their line
        self.withheld = patterns.compile(rf"[ \t]*{_FOIA_CODES}[ \t]*$")
        # a line of codes (after a number) in a text, and where one may start: opening with a
        # literal, the search skips to each line's end fast
        # (the paragraph's mark may be kept before them: `2. (C) B1`)
        self.withheld_line = patterns.compile(rf"[ \t]*(?:\d{{1,3}}\.[ \t]*)?(?:\([A-Z/]{{1,12}}\)[ \t]*)?"
                                              rf"(?P<codes>{_FOIA_CODES})[ \t]*(?=\r?\n|\Z)")
        self.withheld_start = patterns.compile(r"\n[ \t]*(?:\d{1,3}\.[ \t]*)?(?:\([A-Z/]{1,12}\)[ \t]*)?"
                                               r"(?:\[?[Bb][1-9]|\([Bb]\)|REDACTED|Redacted|1\.4)")
        # State's, on a release's first page, the codes it applied maybe after it (`RELEASE IN PART B1,B6`)
        self.stamp = patterns.compile(_STAMP)
        self.stamp_lines = patterns.compile("^" + _STAMP, re.M)  # (each in a text)


def cut_short(text: str) -> bool:
    """`text` ends in '...' (or its one character, or an editor's mark of a cut, `[...]`): a publisher's
    preview or record cut there."""
    return text.rstrip().endswith(("...", "\u2026", "...]", "\u2026]", "...)", "\u2026)"))


# A paragraph's head and nothing after it but the dots of a cut (`1. ...`, `1. (...`, `1. (C...`): a
# publisher's preview of the record stops there, the paragraph's mark and text with it
_CUT_HEAD = patterns.compile(r"[ \t]*(?:\([A-Za-z/ ]{0,12})?(?:\.{3,}|\u2026)[ \t]*$")


def cut_head(lines: tuple[str, ...], index: int, at: int) -> bool:
    """Line `index` is cut from column `at` (0-based, after a paragraph's number): dots alone, and no
    text under them but an export's next record (`2. ...` / `The talks went on` is a paragraph that
    opens with dots; `1. (C...` / `id: 144228` is a preview cut short)."""
    if _CUT_HEAD.match(lines[index], at) is None:
        return False
    below = lines[index + 1] if index + 1 < len(lines) else ""
    return not below.strip() or _RECORD_FIELD.match(below) is not None


_RECORD_FIELD = patterns.compile(r"[A-Za-z]{2,12}:(?:\s|$)")  # an export's field (`id: 144228`, `refid: ...`)


@functools.lru_cache(maxsize=None)
def _release() -> _Release:
    return _Release()


def released(text: str) -> bool:
    """`text` bears a release's stamp (`RELEASE IN PART`): its lines of FOIA codes stand for text withheld."""
    return _release_stamp(text) is not None


def withheld(line: str, at: int = 0) -> bool:
    """From `at` on, `line` holds only the codes of FOIA exemptions: text withheld in a release."""
    return _release().withheld.match(line, at) is not None


def release_stamp(line: str) -> bool:
    """`line` is State's stamp on a release's first page, `RELEASE IN PART` (or `IN FULL`, or
    `RELEASED IN ...`), the codes it applied maybe after it (`RELEASE IN PART B1,B6`)."""
    return _STAMP_WORDS in line and _release().stamp.match(line) is not None


# The reviewer's lines of that stamp, `REVIEW AUTHORITY: ...` and right under it `DATE/CASE ID: ...` with
# the decision's date: with them the stamp records the Department's decision to release the text so
# stamped (the stamp's wording is marked unconfirmed in marking-rules.md section 4; a part withheld is
# not in the copy). A stamp without the day of its decision decides nothing on a given day.
_REVIEWED = patterns.compile(
    r"^[ \t]*REVIEW[ \t]+AUTHORITY[ \t]*:[^\n]*\n[ \t]*DATE/CASE[ \t]+ID[ \t]*:[^\n]*\d{4}", re.M)
_STAMP_LINE_WIDTH = 200


def release_decisions(text: str) -> Iterator[tuple[str, int, int]]:
    """(text, start, end) of each release stamp that its reviewer's lines stand near (within
    `STAMP_LINES`), its text with theirs."""
    if _STAMP_WORDS not in text or "REVIEW" not in text:
        return
    reviewed = _REVIEWED.search(text)
    if reviewed is None:
        return
    for found in _release().stamp_lines.finditer(text):
        first, last = sorted((found.start(), reviewed.start()))
        # (counted only near it: a long text may hold the words on many lines)
        if last - first <= STAMP_LINES * _STAMP_LINE_WIDTH and text.count("\n", first, last) <= STAMP_LINES:
            stamp = found.group().strip()
            start = text.index(stamp, found.start())
            yield " ".join((stamp + " " + reviewed.group()).split()), start, start + len(stamp)


_REDACTION_RUNS = ("XXXXXX", "xxxxxx")
# (a bracketed note's words, looked for only in a text holding a `]`: a text outside ASCII is searched
# for a word far more slowly than for one character)
_REDACTION_NOTES = _REDACTION_RUNS + ("[REDACTED]", "[redacted]", "REMOVED]", "emoved]", "declassified]", "xcised]",
                                      "eleted]", "ithheld]", "DECLASSIFIED]", "XCISED]", "ELETED]", "ITHHELD]")
_UPPER_RUN, _LOWER_RUN = patterns.compile("XXXXXX+"), patterns.compile("xxxxxx+")
_DE_SERIAL = patterns.compile(r"^DE\s+[A-Z]{4,}\S*\s+#(\d{1,6})", re.M)
_WORD = patterns.compile(r"[A-Z]+")
# Series of a travelling party, numbered apart from the sender's own cables
_PARTY_SERIES = frozenset({"PARTO", "SECTO", "TOSEC", "USDEL"})
_RETYPED_LEVEL = patterns.compile(r"(?:[A-Z] [a-z] [a-z] |[A-Z][a-z]{3,})")


def find(cable: Cable, text: str, header_end: int) -> tuple[Artefact, ...]:
    """The artefacts of `cable` (whose text is `text`; its header zone ends before line index
    `header_end`), in the order X003, X004, X005, X006. A "cut" record lacks part of its header; an
    "extract" (the publisher's word) may lack parts of its text."""
    found = [a for a in (_cut(cable, header_end, text) or _cancelled(text) or _body_missing(cable),
                         _redacted(cable, text),
                         _spliced(cable, text) or _appended(cable, text), _retyped(cable))
             if a is not None]
    return tuple(found)


def _cut(cable: Cable, header_end: int, text: str) -> Optional[Artefact]:
    """The publisher's word that it gives a partial extract, or a record cut: it begins with a
    later section, a header field ends on '...' as read (a preview cut short and followed by the
    whole header is not a cut: the reader takes the whole one), a header line ends so and what
    should follow it is missing, or the text ends on '...' or in the middle of a sentence."""
    return _transcription(cable) or _extract(cable, header_end) or _later_section(cable) or _field_cut(cable) \
        or _header_cut(cable, header_end) or _abridged(cable) or _end_cut(cable) or _paragraph_cut(cable) \
        or _cut_marks(text) or _stops_mid_sentence(cable)


def _transcription(cable: Cable) -> Optional[Artefact]:
    """A historian's transcription of a telegram under its heading in the volume (`41. Telegram From the
    Embassy in France to the Department of State`) that kept no classification line of the telegram:
    the header the telegram had is the transcriber's to have left out."""
    if cable.eo is not None:
        return None  # (nearly every cable: its header was kept, no heading is looked for)
    index = scanner.transcription_heading(cable.lines)
    if index is None or (cable.banner is not None and cable.banner.span.line > index):
        return None  # (a level above the heading is a page's marking of the printing, not the telegram's)
    return Artefact("cut", _line_span(index, cable.lines[index]), "a historian's transcription under its heading: "
                                                                  "the telegram's own header was not kept")


def _extract(cable: Cable, header_end: int) -> Optional[Artefact]:
    lines = cable.lines
    for index in range(min(header_end, len(lines), 60)):
        line = lines[index]
        found = _EXTRACT.search(line, 0, 400) if ("xtract" in line or "XTRACT" in line) else None
        if found is not None:  # (at the note, wherever it stands on its line)
            return Artefact("extract", Span.on_line(index + 1, found.start(), len(line.rstrip())),
                            "the publisher presents only a partial extract: parts of the text may be missing")
    return None


# An editor's sign that text was left out: in brackets (`[...]`, `[Paragraph 3 omitted]`, `[Paragraphs 2-4
# not printed]`), or on a line of its own (`(...)`, `. . .`): a reprint's extract
_BRACKETED_CUT = patterns.compile(r"\[(?:[ \t]*(?:\.{3,}|\u2026)[ \t]*"
                                  r"|[^\[\]\n]{0,60}?\b(?i:omitted|not printed|not reproduced"
                                  r"|not included|text not available)[^\[\]\n]{0,40})\]")
_CUT_LINE = patterns.compile(r"^[ \t]*(?:\(\.{3,}\)|\.[ \t]\.[ \t]\.)[ \t]*$", re.M)


def _cut_marks(text: str) -> Optional[Artefact]:
    # (most texts hold none: a bracket, then two substrings, looked for before the patterns)
    found = _BRACKETED_CUT.search(text) if "[" in text else None
    if found is None and ("(..." in text or ". . ." in text):
        found = _CUT_LINE.search(text)
    if found is None:
        return None
    return Artefact("extract", _span_at(text, found.start(), found.end()),
                    f"the text marks what was left out ('{found.group().strip()}'): parts of it are missing")


def _later_section(cable: Cable) -> Optional[Artefact]:
    banner = cable.banner
    if banner is not None and banner.section is not None and 1 < banner.section.number <= banner.section.total \
            and not _first_section_below(cable, banner.section.total):
        return Artefact("cut", banner.section.span, f"the record begins with section {banner.section.number} of "
                                                    f"{banner.section.total}: the first section is missing")
    return None


def _first_section_below(cable: Cable, total: int) -> bool:
    """The first section stands later in the file (an archive's records of the sections put together
    out of order): its break marker, or its classification line repeated (`SECTION 1 OF 2`)."""
    if any(b.section == 1 for b in cable.section_breaks):
        return True
    first = re.compile(rf"\bSECTION\s+0?1\s+OF\s+0?{total}\b", re.I)
    return any(first.search(line) for line in cable.lines[cable.banner.span.line:])


def _field_cut(cable: Cable) -> Optional[Artefact]:
    for element, text in ((cable.subject, cable.subject and cable.subject.text),
                          (cable.classified_by, cable.classified_by and cable.classified_by.raw),
                          (cable.tags, cable.tags and cable.tags.raw)):
        if text and cut_short(text):
            return Artefact("cut", element.span, "a header field ends in '...': the record is cut short")
    return None


def _header_end_line(cable: Cable) -> int:
    """The last line (1-based) of the header's elements as read."""
    return max((s.end_line for s in (cable.banner and cable.banner.span, cable.eo and cable.eo.span,
                                     cable.tags and cable.tags.span, cable.subject and cable.subject.span,
                                     cable.refs) if s), default=0)


def _header_cut(cable: Cable, header_end: int) -> Optional[Artefact]:
    lines = cable.lines
    if not cable.paragraphs and not cable.portions:
        index = _line_cut_short(lines, min(header_end, _header_end_line(cable) + 3))
        if index is not None:
            return Artefact("cut", _line_span(index, lines[index]), "the record is cut short after its header ('...')")
    classified = cable.level not in (None, "UNCLASSIFIED")
    fields = (cable.eo, cable.tags, cable.subject, cable.classified_by if classified else True)
    if None in fields:
        # a header cut short (`USTR FOR A...`, `R...`, `REF: 08 MOSCOW ...`) before fields it lacks:
        # the reader has the cut preview, or a re-flowed repeat of it, only
        index = _line_cut_short(lines, min(header_end, 80))
        if index is not None and _lost_in_cut(fields, index + 1):
            return Artefact("cut", _line_span(index, lines[index]),
                            "a header line ends in '...' and the header lacks fields after it: the record is cut short")
    return None


def _abridged(cable: Cable) -> Optional[Artefact]:
    """A header abridged by whoever reprinted the text (a newspaper, a mailing list): its level alone
    on a line, with no post or serial, no routing header, and neither an E.O. nor a TAGS line, which
    every telegram of E.O. 11652 and after carries, above its text; and a sign of the reprint: the
    subject it kept, or the reprint's own words above the level. (A level and paragraphs alone may
    be a draft, whose missing lines are its drafter's to add; not with a serial, which only a telegram
    sent has: its post and serial, then its text, with neither an E.O. nor a TAGS line, is a reprint's.)"""
    banner = cable.banner
    if banner is None or cable.routing is not None or cable.eo is not None or cable.tags is not None \
            or not (cable.paragraphs or cable.portions):
        return None
    sent = banner.serial is not None
    above = cable.lines[:banner.span.line - 1]
    if not sent and (banner.post is not None or (cable.subject is None and not any(line.strip() for line in above))):
        return None
    what = "its classification line, with no E.O. or TAGS line" if sent \
        else "a level alone, with no post, serial, E.O. or TAGS line"
    return Artefact("cut", banner.span, f"the header is abridged: {what}; what it lacks was cut by whoever "
                                        "reprinted the text")


def _lost_in_cut(fields: tuple, cut_line: int) -> bool:
    """Whether a missing one of `fields` (in the header's order: E.O., TAGS, SUBJECT, Classified By)
    stood where the cut on line `cut_line` left a gap: before the first field read after that line.
    A cut preview followed by the whole header is no cut of that header: a field missing from it
    after its first field was never written (`TAGS: ...` / `SUBJECT: ...` and no Classified By)."""
    for field in fields:
        if field is None:
            return True
        if field is not True and field.span.line > cut_line:
            return False
    return False


def _body_missing(cable: Cable) -> Optional[Artefact]:
    """No text after the header at all: the record stops on its E.O. or TAGS line (a SUBJECT or
    REF line may carry the text run on after it)."""
    if cable.paragraphs or cable.portions or cable.classified_by is not None or cable.subject is not None:
        return None
    last = _last_text_line(cable.lines, cable.banner)
    ends = {element.span.end_line for element in (cable.eo, cable.tags) if element is not None}
    if last is not None and last + 1 in ends:
        return Artefact("cut", _line_span(last, cable.lines[last]),
                        "the record ends after its header: the text of the cable is missing")
    return None


def _end_cut(cable: Cable) -> Optional[Artefact]:
    last = _last_text_line(cable.lines, cable.banner)
    if last is not None and cut_short(cable.lines[last]) and not _dots_after_signature(cable.lines, last):
        return Artefact("cut", _line_span(last, cable.lines[last]),
                        "the record ends in '...': the rest of its text is cut")
    return None


# The last word of a text that stops in the middle of a sentence: in lower case, not after a
# sentence's end (`... the exercises cannot proce`, `... firmly at the top of`). A whole text ends on
# its signature, a name (`End comment. Sobel`; re-typed, `end comment. tuttle`), a web address or a
# redaction; a short last line may be a signature in lower case (`Timken jr`).
_WORD_CUT = patterns.compile(r"[a-z][a-z'-]*[,;]?")
_LIST_ITEM = patterns.compile(r"[ \t]*(?:-{1,3}|[\u2013\u2014\u2022*]|\(?[a-z]\)|[a-z]\.|[ivx]{1,4}\.|\d{1,2}\))[ \t]")


def _stops_mid_sentence(cable: Cable) -> Optional[Artefact]:
    if not cable.paragraphs:
        return None
    last = _last_text_line(cable.lines, cable.banner)
    if last is None or last + 1 < cable.paragraphs[-1].span.line:
        return None
    line = cable.lines[last]
    if '",' in line:
        return None  # an export's next fields after the whole text (`DONOVAN ",10/5/2006,"...`), cut or not
    if _LIST_ITEM.match(line):
        return None  # an item of a list, which needs no stop (`-- expand training for the police`)
    words = line[-400:].rstrip().rstrip('\\"').split()  # (an export's closing `\`, `"`)
    if len(words) < 4 or not _WORD_CUT.fullmatch(words[-1]) \
            or words[-2].rstrip("\"')\u201d\u2019]").endswith((".", "!", "?", ":")):
        return None  # (a signature in lower case after a sentence, its quote closed: `... group." scobey`)
    if lower_case_copy(cable.banner, cable.tags, cable.lines, cable.subject):
        return None  # (in a copy re-typed in lower case a signature is a word in lower case too)
    return Artefact("cut", _line_span(last, line),
                    "the text stops in the middle of a sentence: the rest of the record is cut")


# A signature: the sender's name closing the text, alone on its line (`STEVENS`, `LeBaron`), or after
# a sentence or a redaction (`... at the next IGAD ministerial. HOZA`, `End comment. CRETZ`,
# `XXXXXXXXXXXX SCOBEY`; re-flowed, after a sentence, `... can impact costs. Scobey`); not a name after a
# title's abbreviation (`... met Gen. PETRAEUS`) or a bracket (`the talks (FM) Sharif`)
_SIGNATURE = patterns.compile(r"(?P<name>[A-Z][A-Za-z'-]{2,24})"
                              r"|.*(?:\S{4}[.!?]|[\"')]|X{6}|\*{3})\s+(?P<capitals>[A-Z][A-Z'-]{2,24})"
                              r"|.*\S{4}[.!?]\s+(?P<after>[A-Z][a-z'-]{2,24})")
_NO_NAMES = frozenset({"THE", "AND", "BUT", "FOR", "WITH", "THAT", "THIS", "THESE", "THOSE", "WHICH", "WHO", "WILL",
                       "HAS", "HAVE", "WAS", "ARE", "NOT", "ITS", "THEIR", "HIS", "HER", "END", "COMMENT",
                       "SHE", "THEY", "THERE", "THEN", "WHEN", "WHILE", "ALSO", "BOTH", "POST", "EMBASSY",
                       "HOWEVER", "MOREOVER", "STILL", "YET", "THUS", "HENCE", "INDEED", "FINALLY"})
# The publisher's tail after a whole text: a few characters of the subject or of a caption, cut and
# dotted (`HAVEZ...`, `DANIEL ORTEGA AN...`), under the signature or run on after it on its line after
# a comma or an export's quote (`... Visit London's Classified Website: XXXXXXXXXXXX  Susman , ...`,
# `... multilateral fora. KUBISKE" D'...`)
# (run on after it, the name in capitals before a few characters, or any name before its dots alone:
# not a sentence cut after its first words, `... Washington. Zapatero, who...`)
_DOTTED_TAIL = patterns.compile(r"[^.\u2026]{0,40}(?:\.{3}|\u2026)")
_SIGNED_TAIL = patterns.compile(r".*(?:\S{4}[.!?]|[\"')]|X{6})\s+(?:(?P<name>[A-Z][A-Z'-]{2,24})\s*[,\"]\s*\S{0,12}"
                                r"|(?P<mixed>[A-Z][a-z'-]{2,24})\s*,\s*)(?:\.{3}|\u2026)")


def _dots_after_signature(lines: tuple[str, ...], last: int) -> bool:
    """The record's last line is the publisher's mark after a whole text, not a cut: dots, alone or
    after a short tail, under the text's signature (`STEVENS` / `...`), or run on after it."""
    text = lines[last].strip()
    signed = _SIGNED_TAIL.fullmatch(text)
    if signed is not None:
        return _could_be_a_name(signed["name"] or signed["mixed"])
    if not _DOTTED_TAIL.fullmatch(text) or len(text.split()) > 6:
        return False
    above = next((lines[i] for i in range(last - 1, max(-1, last - 4), -1) if lines[i].strip()), "")
    found = _SIGNATURE.fullmatch(above.strip())
    if found is None:
        return False
    # (a tail of words under a name that ends a sentence's line may be that sentence cut: `... government.
    # Officials` / `said that the talks would...`; under a name alone on its line it is the publisher's)
    dots_alone = text in ("...", "\u2026")
    name = found["name"] or found["capitals"] or (found["after"] if dots_alone else None)
    return name is not None and _could_be_a_name(name)


def _could_be_a_name(word: str) -> bool:
    return word.upper() not in _NO_NAMES


def _paragraph_cut(cable: Cable) -> Optional[Artefact]:
    """The last paragraph's text is the dots of a cut: a preview that stops at its number (a signature
    or another record's fields may stand after it; the whole text after a preview is no cut)."""
    for paragraph in cable.paragraphs[-1:]:
        if cut_head(cable.lines, paragraph.span.line - 1, paragraph.number_span.end_column - 1):
            return Artefact("cut", paragraph.span, f"paragraph {paragraph.number} is cut short ('...'): "
                                                   "the text of the record is missing from there")
    return None


def _last_text_line(lines: tuple[str, ...], banner) -> Optional[int]:
    """The last line with text, a re-flowed repeat of the cable's own header after it aside (the
    publisher's preview, then the header again on one line: `C O N F I D E N T I A L STATE 088216
    SIPDIS E.O. ...`)."""
    text_lines = (index for index in range(len(lines) - 1, -1, -1) if lines[index].strip())
    last = next(text_lines, None)
    if last is not None and banner is not None and banner.span.line != last + 1 \
            and lines[last].lstrip().startswith(banner.raw):
        last = next(text_lines, None)
    return last


def _line_cut_short(lines: tuple[str, ...], stop: int) -> Optional[int]:
    """The first of the header lines before `stop` that ends in '...' (alone, the dots stand where
    the rest of the header was)."""
    for index in range(min(stop, len(lines))):
        if cut_short(lines[index]):
            return index
    return None


_CANCELLED = patterns.compile(r"\bZFR\b")


def _cancelled(text: str) -> Optional[Artefact]:
    """A transmission cancelled by the communications centre (`ZFR`, "cable canceled, will be
    resent under new numbers"): the cancel note stands where the text of sections was."""
    found = _CANCELLED.search(text) if "ZFR" in text else None
    if found is None:
        return None
    return Artefact("cut", _span_at(text, found.start(), found.end()),
                    "the transmission was cancelled (ZFR): a cancel note stands where text was")


def _redacted(cable: Cable, text: str) -> Optional[Artefact]:
    # looked for as substrings (a fast search): an alternation of patterns would read every character
    words = _REDACTION_NOTES if "]" in text else _REDACTION_RUNS
    if all(word not in text for word in words):
        return _withheld(text)
    first = min(at for at in (text.find(word) for word in words) if at >= 0)
    found = _REDACTION.search(text, max(0, first - 40))  # (a note's word is found after its bracket)
    if found is None:
        return None  # `REMOVED]` outside a note
    # patterns that open with a literal: re skips to each run, where the alternation reads every character
    count = len(_UPPER_RUN.findall(text)) + len(_LOWER_RUN.findall(text)) + len(_BRACKETED.findall(text))
    what = "a redaction replaces text" if count == 1 else f"{count} redactions replace text"
    return Artefact("redacted", _span_at(text, found.start(), found.end()), what)


def _withheld(text: str) -> Optional[Artefact]:
    """Text withheld under FOIA exemptions, where a release stamped so marks the places by their codes
    (the codes listed under the stamp are the exemptions it applied, not a place)."""
    # only in a stamped text: looking at each line start of every text would cost a run a hundredth
    # of its time (the paragraphs a code stands for are not asked for a mark in any text: portions.py
    # looks where a mark is missing)
    stamp = _release_stamp(text)
    if stamp is None:
        return None
    padded = "\n" + text  # a line end before the first line: each start found is a line's start in `text`
    patterns = _release()
    places = [line for found in patterns.withheld_start.finditer(padded)
              if (line := patterns.withheld_line.match(text, found.start())) is not None]
    listed = _listed_under(text, stamp)
    places = [line for line in places if not listed[0] <= line.start() < listed[1]]
    if not places:
        return None
    first = places[0]
    what = f"text is withheld under a FOIA exemption ({first['codes']})" if len(places) == 1 else \
        f"text is withheld under FOIA exemptions in {len(places)} places (first: {first['codes']})"
    return Artefact("redacted", _span_at(text, first.start("codes"), first.end("codes")), what)


def _release_stamp(text: str) -> Optional[int]:
    """The offset of the end of the first line of `text` that is a release's stamp, `RELEASE IN PART`."""
    at = text.find(_STAMP_WORDS)
    while at >= 0:
        end = _line_end(text, at)
        if release_stamp(text[text.rfind("\n", 0, at) + 1:end]):
            return end
        at = text.find(_STAMP_WORDS, end)
    return None


def _line_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end < 0 else end


def _listed_under(text: str, stamp_end: int) -> tuple[int, int]:
    """The offsets of the lines of codes right under a release's stamp (blank lines between)."""
    at = stamp_end
    for _line in range(STAMP_LINES):
        if at >= len(text):
            break
        end = _line_end(text, at + 1)
        line = text[at + 1:end]
        if line.strip() and not withheld(line):
            break
        at = end
    return stamp_end, at


def _spliced(cable: Cable, text: str) -> Optional[Artefact]:
    """The classification line names another post than the sender, and (where the routing header
    has one) another serial than the transmission's."""
    banner, routing = cable.banner, cable.routing
    if banner is None or not banner.post or not banner.serial or len(banner.serial) < 4 or routing is None \
            or _repeat_passes_on(cable, text):
        return None
    sender = (routing.sender or "").upper().replace("SECSTATE", "STATE")
    words = set(_WORD.findall(sender))
    post = set(_WORD.findall(banner.post.upper()))
    # a mission's post is its name after US (`USNATO 06110`, sent by `USMISSION NATO`; `USBERLIN`)
    post |= {word[2:] for word in post if word.startswith("US") and len(word) > 4}
    header = _line_offset(cable.lines, banner.span.line - 1)  # the routing headers above the classification line
    serials = [int(found.group(1)) % 10000 for found in _DE_SERIAL.finditer(text, 0, header)]
    own = int(banner.serial) % 10000
    if serials and serials[0] != own and own in serials[1:]:
        # the same post's other record, its own routing header and all, under this one's
        return _spliced_record(banner, routing)
    if not sender or post & words or (words | post) & _PARTY_SERIES:
        return None
    if serials and serials[0] == own:
        return None
    return _spliced_record(banner, routing)


def _repeat_passes_on(cable: Cable, text: str) -> bool:
    """A repeat quotes the cable it passes on under its own header: the classification line read is
    that cable's when the lines above it name it, by its serial (`FOL RPT KESTREL 2211 ...`) or as the
    sender of the routing header quoted (`QUOTE` / `P 121530Z MAR 95` / `FM AMEMBASSY KESTREL`)."""
    banner = cable.banner
    if cable.repeated_on is None:
        return False
    above = text[:_line_offset(cable.lines, banner.span.line - 1)]
    return re.search(rf"\b0*{int(banner.serial)}\b", above) is not None \
        or re.search(rf"^[ \t]*FM[ \t]+(?:AMEMBASSY|AMCONSUL|USMISSION)?[ \t]*{re.escape(banner.post.upper())}\b",
                     above, re.M) is not None


def _line_offset(lines: tuple[str, ...], index: int) -> int:
    """Where line `index` (0-based) starts in the text its `lines` were split from."""
    return sum(map(len, lines[:index])) + index


def _span_at(text: str, start: int, end: int) -> Span:
    """The span of text[start:end], which stands on one line."""
    line_start = text.rfind("\n", 0, start) + 1
    return Span.on_line(text.count("\n", 0, start) + 1, start - line_start, end - line_start)


def _spliced_record(banner, routing) -> Artefact:
    return Artefact("spliced", banner.span,
                    f"the classification line is {banner.post} {banner.serial}'s, not this cable's "
                    f"(sent by {routing.sender}): another cable's text stands under the header")


# A classification line standing in the body: spaced out, with the post and serial after it
# (at a line's start, or after an export's record fields and two spaces or a tab)
# (or written plain, the level words then a post and a cable's six-digit serial: `...LONDON 0448<tab>UNCLAS
# COTONOU 000278`, an export's next record after its routing header; prose's "SECRET POLICE 1234" has none)
# (at a line's start also after an export's leftover comma, maybe quoted: `,C O N F I D E N T I A L ...`,
# `","S E C R E T ...`; not after a quote mark alone, which opens a cable quoted in this one's text)
# (the blanks before it are taken from their first: tried at each blank of a long run, they cost its square)
_BODY_BANNER = patterns.compile(r"(?:^[ \t]*(?:\"?,\"?[ \t]*)?|(?<![ \t])[ \t]{2,}|\t)"
                                r"(?:(?P<level>" + "|".join(scanner.SPACED_LEVELS) + ")"
                                r"(?:[ \t]+SECTION[ \t]+\d{1,2}[ \t]+OF[ \t]+\d{1,2})?"
                                r"[ \t]+(?P<post>[A-Z][A-Z .'-]*?)[ \t]+(?P<serial>\d{4,8})\b"
                                r"|(?P<plain>UNCLAS(?:SIFIED)?|CONFIDENTIAL|SECRET|TOP SECRET|LIMITED OFFICIAL USE)"
                                r"(?:[ \t]+SECTION[ \t]+\d{1,2}[ \t]+OF[ \t]+\d{1,2})?"
                                r"[ \t]+(?P<plain_post>[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,3})"
                                r"[ \t]+(?P<plain_serial>\d{6})\b)", re.M)


# (in any case: `Begin text:`, `Quote:`; not the end of a quotation, `END QUOTE`, `End of quote`,
# `END-QUOTE`: `UNCLAS OTHERPOST 000999` after it is a record run on)
# (`Begin text of 98 KESTREL 2210:`: the cable quoted named)
# (or the words that lead into a cable quoted whole: `The text of reftel follows:`, `Reftel is repeated
# below for Sofia:`, `Following is the text of STATE 32001:`, `FOL RPT STATE 32001 ACTION ... MAR 10.`)
_QUOTED = patterns.compile(r"\b(?:QUOTE|QTE|BEGIN\s+TEXT(?:\s+OF\s[^\n]{1,60}?)?|TEXT\s+FOLLOWS|" + scanner.LEAD_IN
                           + r")\W*$", re.I)
_QUOTE_BEFORE = 90  # characters before a classification line where the words that quote it stand
_QUOTATION_ENDS = patterns.compile(r"\bEND\W*(?:OF\s+)?$", re.I)
_SPACED_WORDS = (*scanner.SPACED_LEVELS, "UNCLAS ", "CONFIDENTIAL ", "SECRET ", "LIMITED OFFICIAL USE ")


def _appended(cable: Cable, text: str) -> Optional[Artefact]:
    """A second cable's classification line, with its own serial, after this cable's: an export ran
    the next record on after this one's text (or after its header alone)."""
    banner = cable.banner
    if banner is None or not banner.serial or not cable.paragraphs:
        return None
    start = _line_offset(cable.lines, banner.span.end_line)
    # the spaced words found first (a fast substring search): most bodies hold none
    first = min((at for at in (text.find(word, start) for word in _SPACED_WORDS) if at >= 0), default=-1)
    if first < 0:
        return None
    for found in _BODY_BANNER.finditer(text, text.rfind("\n", 0, first) + 1):
        level, post, serial = ("level", "post", "serial") if found["level"] else ("plain", "plain_post", "plain_serial")
        quoted = _QUOTED.search(text, max(0, found.start() - _QUOTE_BEFORE), found.start())
        if quoted is not None and not _QUOTATION_ENDS.search(text, max(0, quoted.start() - 12), quoted.start()):
            # (a cable quoted whole in this one's text: `QUOTE:` / `UNCLAS SAN JOSE 000928`; a repeat's,
            # `FOL RPT JIDDA 2210 ACTION SECSTATE MAR 23` / `QTE` / `C O N F I D E N T I A L JIDDA 2210`)
            continue
        if _set_in(text, found.start(level)) or not int(found[serial]):
            # (a header set in from the margin, or a serial of zeros: a model or an example of a
            # header the text shows, `Posts may use the following model request:` / `   UNCLAS STATE 000000`)
            continue
        if int(found[serial]) % 10000 != int(banner.serial) % 10000 and not banner.serial.startswith(found[serial]):
            # (a serial cut short, `00169` for `001690`, is the cable's own line repeated)
            span = _span_at(text, found.start(level), found.end())
            return Artefact("appended", span, f"another cable ({found[post].strip()} {found[serial]}) runs on from "
                                              f"line {cable.disk_line(span.line)}: what follows is not this "
                                              "cable's text")
    return None


def _set_in(text: str, at: int) -> bool:
    """The line of `at` is set in from the margin by two blanks or more before it (an export runs
    the next record on at the margin, after a quote mark or a comma at most)."""
    before = text[text.rfind("\n", 0, at) + 1:at]
    return bool(before) and not before.strip(" \t") and (before[0] == "\t" or len(before) >= 2)


def _retyped(cable: Cable) -> Optional[Artefact]:
    """The classification line re-typed in lower or sentence case (`S e c r e t`, `Unclas`), or the
    whole text in lower case (`s e c r e t` with `tags: prel` or `(c)` marks: a lower-case level
    alone, in a text of capitals, is the line's own slip)."""
    banner = cable.banner
    if banner is None or banner.level is None:
        if not lower_case_copy(banner, cable.tags, cable.lines, cable.subject):
            return None
        label = cable.tags.raw.split()[0]
        return Artefact("retyped", cable.tags.span,
                        f"the text is re-typed in lower case ('{label}' and the subject so written, "
                        "no classification line to tell): case is not judged line by line")
    start, end = banner.level_span.column - 1, banner.level_span.end_column - 1
    written = cable.lines[banner.level_span.line - 1][start:end]
    told_by_tags = cable.tags is not None and bool(cable.tags.raw.strip())
    lower = lower_case_copy(banner, cable.tags, cable.lines) and (told_by_tags or _first_mark_lower(cable))
    if not (_RETYPED_LEVEL.match(written) or lower):
        return None
    return Artefact("retyped", banner.level_span,
                    f"the text is re-typed in lower or sentence case ('{written}'): case is not judged line by line")


def lower_case_copy(banner, tags, lines: tuple[str, ...], subject=None) -> bool:
    """The text is re-typed wholly in lower case: the classification line's level is written so, and
    the TAGS line too when there is one (a lower-case level alone, in a text of capitals, is the
    line's own slip); without a classification line (cut or redacted), the TAGS and SUBJECT lines
    both so written. The build reads such a copy's heads in capitals; X006 reports it."""
    if banner is None or banner.level is None:
        return _written_lower(tags.raw if tags is not None else None) \
            and _written_lower(subject.text if subject is not None else None)
    span = banner.level_span
    if not lines[span.line - 1][span.column - 1:span.end_column - 1].islower():
        return False
    return tags is None or not tags.raw.strip() or tags.raw == tags.raw.lower()


def _written_lower(text: Optional[str]) -> bool:
    return bool(text) and text == text.lower() and any(c.isalpha() for c in text)


def _first_mark_lower(cable: Cable) -> bool:
    """With no TAGS line to tell, the first portion mark is written in lower case too."""
    mark = next((p.mark for p in cable.paragraphs if p.mark is not None), None)
    return mark is not None and mark.raw.islower()


def _line_span(index: int, line: str) -> Span:
    stripped = line.rstrip()
    return Span.on_line(index + 1, len(stripped) - len(stripped.lstrip()), len(stripped))
