"""The header zone of a cable: from the routing header to the first numbered paragraph."""

from __future__ import annotations

import re
from typing import NamedTuple, Optional

from .. import patterns, regexcompat
from . import artefacts, authority, bodyscan, dates, elements, paragraphs, scanner
from .model import Caption, ClassificationLine, RoutingHeader, Span
from .pieces import Piece, clean, pieces, plain, starts_paragraph

# It is read line by line: the scanner says what each line is, the element's grammar reads it, and
# blocks that run over several lines (SUBJECT, REF, Classified By) take the lines that follow until
# a blank line or another element. Never raises on any input.

_ROUTING_KINDS = frozenset({"transmission", "de", "security", "dtg", "record_dtg", "fm", "to", "info", "address"})
_PARSED_ROUTING_KINDS = frozenset({"transmission", "security", "dtg", "record_dtg", "fm"})
# What opens a telegram's routing header: its transmission line, or its date-time group (`R 081420Z JUN 76`)
_OPENS_TELEGRAM = frozenset({"transmission", "dtg"})
_BLOCK_KINDS = frozenset({"subject", "ref", "classified_by"})
_CONTINUING = _ROUTING_KINDS | {"other", "banner"}  # the kinds of line a SUBJECT or REF block goes on with
_MAX_BLOCK_LINES = {"subject": 8, "ref": 12}
MAX_LINE = scanner.MAX_HEADER_LINE


class Header:
    """What the header-zone pass collected, before it becomes the frozen model. (A plain class:
    a dataclass costs every run about 1 ms to define.)"""

    __slots__ = ("routing_lines", "transmission", "security", "dtg", "sender", "banners", "captions", "eo",
                 "tags", "subject", "authority", "derived_from", "refs", "extract", "end", "end_column")

    def __init__(self) -> None:
        self.routing_lines: list[int] = []
        self.transmission: Optional[str] = None
        self.security: tuple = (None, None)
        self.dtg: object = None
        self.sender: Optional[str] = None
        self.banners: list[tuple[Piece, scanner.BannerLevel]] = []
        self.captions: list[Caption] = []
        self.eo: object = None
        self.tags: object = None
        self.subject: Optional[list[Piece]] = None   # the SUBJECT piece and its continuation pieces
        self.authority: list[tuple[int, int]] = []  # (line index, column) of each Classified By statement
        self.derived_from: Optional[tuple[int, int]] = None  # (line index, column)
        self.refs: Optional[list[Piece]] = None
        self.extract = False
        self.end = 0  # index of the line where the body starts (the first after the header zone)
        self.end_column = 0  # and the column where it starts on it (a paragraph run on after header fields)


class _Lines:
    """The header zone's lines as pieces, each line cut once, on first asking (pieces.py)."""

    __slots__ = ("lines", "post", "lower_copy", "_cut")

    def __init__(self, lines: tuple[str, ...]) -> None:
        self.lines = lines
        self.post = ""  # the cable's post, once its classification line is read (for section markers)
        # A copy re-typed in lower case, as far as read (its level so written, and its TAGS when read,
        # as artefacts.lower_case_copy judges the whole): where its body starts is judged in capitals
        self.lower_copy = False
        self._cut: dict[int, list[Piece]] = {}

    def judged(self, text: str) -> str:
        """`text` as its kind is judged: in capitals in a copy re-typed in lower case."""
        return text.translate(scanner.CAPITALS) if self.lower_copy else text

    def position(self, piece: Piece) -> int:
        """The number of `piece` among its line's pieces."""
        if piece.column == 0:
            return 0
        return next(n for n, p in enumerate(self._cut[piece.index]) if p.column == piece.column)

    def of(self, index: int) -> list[Piece]:
        found = self._cut.get(index)
        if found is None:
            found = self._cut[index] = pieces(index, self.lines[index][:MAX_LINE], self.post)
        return found


def read_header(lines: tuple[str, ...], first: int = 0) -> Header:
    """The header read from line `first` (0-based: the lines above it are a forwarding message's
    own, above the copy it quotes) on, past what came with the telegram above its own lines."""
    header = Header()
    zone = _Lines(lines)
    state = _State()
    index = first + artefacts.preamble_end(lines[first:])
    k, line_pieces, read = 0, [], -1  # `read`: the line `line_pieces` belongs to
    while index < len(lines):
        if read != index:
            read, line = index, lines[index]
            facts = _facts(line, zone, state)  # the kind, and the level and captions found judging it
            if facts.kind == "blank":
                index += 1
                continue
            if facts.kind == "other" and state.seen_body_header and _comma_head(lines, index, zone):
                header.end, header.end_column = index, 0
                return _card_kept(header, state)
            if facts.kind == "other" and plain(line[:MAX_LINE]):
                index += 1  # text with nothing to read or cut (most lines of the header zone)
                if state.seen_body_header and not state.text_seen:
                    state.text_seen = _sentence(line)
                continue
            if facts.kind in _OPENS_TELEGRAM and state.seen_body_header and header.eo is None \
                    and not header.routing_lines and state.card is None and not state.text_seen and not k:
                _card_read_past(header, state)  # the telegram's own routing header opens after a card's fields
            if facts.kind in _ROUTING_KINDS and not state.seen_body_header and not _runs_on(line):
                if not k:  # machine-written: one element a line, read here (a third of the zone's lines)
                    _routing(header, facts.kind, line, index)
                    index += 1
                    continue
                line_pieces = [Piece(index, 0, line, True)]
            else:
                line_pieces = zone.of(index)
            if k or line_pieces[0].text is not line:
                facts = _facts(line_pieces[k].text, zone, state) if k < len(line_pieces) else facts
        elif k < len(line_pieces):
            facts = _facts(line_pieces[k].text, zone, state)
        if k >= len(line_pieces):
            index, k = index + 1, 0
            continue
        step = _read(header, line_pieces[k], facts, zone, state)
        if step is None:
            return _card_kept(header, state)
        index, k = step
    header.end, header.end_column = len(lines), 0
    return _card_kept(header, state)


# Paragraph 1 numbered with a comma for its dot, before a sentence (`1, On August 8, ...`: a slip some
# typists make), at a paragraph's start after the header's fields: the body starts there (the numbering
# judges it a head; a line `1, Avenue Gabriel` among the passing lines, or a subject wrapped before
# `1, Outcomes`, is none)
_COMMA_HEAD = patterns.compile(r"[ \t]{0,8}1,[ \t]{1,3}[A-Z][A-Za-z]")


def _comma_head(lines: tuple[str, ...], index: int, zone: "_Lines") -> bool:
    # (judged in capitals in a copy re-typed in lower case: `1, on august 8, ...`)
    return index > 0 and not lines[index - 1].strip() and _COMMA_HEAD.match(zone.judged(lines[index])) is not None


def _card_read_past(header: Header, state: _State) -> None:
    """Set aside the fields read so far: a record card's (`TAGS:`, `Subject:`, `Captions:` of a
    database's printout) or a forwarded e-mail's that lost its first lines, above the telegram
    whose routing header opens here. Only where no routing header, no E.O. line and no sentence of
    text was read before (a telegram's header comes before its fields, and its text after them: a
    record with text of its own and another's header appended to it keeps its own fields);
    `_card_kept` takes them back when no TAGS or SUBJECT follow (a routing line quoted, not a
    telegram's header)."""
    state.card = _CardFields(*(getattr(header, name) for name in _CardFields._fields))
    header.tags = header.subject = header.refs = header.derived_from = None
    header.captions, header.authority, header.routing_lines = [], [], []
    state.seen_body_header = False


def _sentence(line: str) -> bool:
    """`line` ends a sentence of the text (five words or more, and a full stop): a card's fields and
    a distribution list do not (`INFO:   AMB DCM P/M ECON RSO`, `DRAFTED: POL:JDOE`)."""
    text = line.rstrip()
    return text.endswith(".") and len(text.split()) >= 5


def _card_kept(header: Header, state: _State) -> Header:
    """`header`, with the fields set aside as a card's taken back when the routing header after
    them opened no telegram's header (no TAGS, no SUBJECT after it)."""
    if state.card is not None and header.tags is None and header.subject is None:
        for name, value in zip(_CardFields._fields, state.card):
            setattr(header, name, value)
    return header


class _CardFields(NamedTuple):
    """What `_card_read_past` sets aside: the fields, and the routing read after them is undone
    with them (its lines and elements)."""
    tags: object
    subject: object
    refs: object
    derived_from: object
    captions: list
    authority: list
    routing_lines: list
    transmission: object
    security: tuple
    dtg: object
    sender: object


def _facts(text: str, zone: _Lines, state: _State) -> scanner.LineFacts:
    """The facts of a header line or piece; after the header fields of a copy re-typed in lower
    case, a paragraph head is told in capitals (`1.this is ...`, `2.(c) text`)."""
    facts = scanner.line_facts(text)
    if facts.kind == "other" and zone.lower_copy and state.seen_body_header:
        capitals = scanner.line_facts(text.translate(scanner.CAPITALS))
        if capitals.kind == "paragraph":
            return capitals
    return facts


def _runs_on(routing_line: str) -> bool:
    """An export ran the classification line on after a routing line: after a tab or a CSV field
    boundary, or spaced (`R 151409Z MAY 09FM SECSTATE WASHDCTO ... 6649",S E C R E T STATE 049854`);
    or a wrap put header fields run together at the start of a line that reads as one
    (`TO TCOYNEE.O. 12958: DECL: 05/07/2018TAGS: EPET`)."""
    # (the starts of scanner.SPACED_LEVELS as substrings: a chain of `in` tests, cheaper than a loop)
    return ("\t" in routing_line and "\t" in routing_line.strip()) or '","' in routing_line \
        or "E.O. 1" in routing_line or "TAGS:" in routing_line \
        or "S E C R" in routing_line or "C O N F" in routing_line or "U N C L" in routing_line \
        or "T O P S" in routing_line or "L I M I" in routing_line


class _State:
    __slots__ = ("seen_cable_part", "seen_body_header", "card", "text_seen")

    def __init__(self) -> None:
        self.seen_cable_part = False
        self.seen_body_header = False  # E.O., TAGS, SUBJECT...: routing lines cannot follow these
        self.card: Optional[tuple] = None  # the fields set aside as a card's (`_card_read_past`)
        self.text_seen = False  # a sentence of text after the fields (`_sentence`)


def _read(header: Header, piece: Piece, facts: scanner.LineFacts, zone: _Lines, state: _State):
    """Read one piece into `header`; the position (line index, piece number) to go on from, or None
    when the piece is the first of the body."""
    index, text, kind = piece.index, piece.text, facts.kind
    lines = zone.lines
    here = zone.position(piece)
    after = (index + 1, 0) if piece.last else (index, here + 1)
    if kind == "other" and piece.column and starts_paragraph(zone.judged(text), piece.column):
        kind = "paragraph"  # `... accordingly. 1.(SBU) Key points`: cut where the head begins, after spaces
    if kind == "paragraph" and not piece.column and _NUMBER_ALONE.match(text) and _under_dateline(lines, index):
        return after  # a transcription's telegram number under its dateline (`345.`, `345. Subject: ...`)
    if kind == "paragraph" and not state.seen_cable_part and not header.routing_lines and not header.banners \
            and _telegram_below(lines, index):
        return after  # a page's preview of the text above the whole telegram (`Show Headers`): passed over
    if kind == "paragraph" and (state.seen_cable_part or not header.routing_lines):
        header.end, header.end_column = index, piece.column
        return None
    if kind == "other" and state.seen_body_header and not piece.column \
            and _PORTION_HEAD.match(zone.judged(text)):
        header.end, header.end_column = index, 0  # the body starts with a portion marked but not numbered
        return None
    if kind in _MAY_END_WITH_EO and piece.last and header.eo is None and index + 1 < len(lines) \
            and not _STAMP_CITATION.search(text, piece.column):  # (`Declassified per E.O.` / `13526`: a stamp's)
        header.eo = _eo_across(text, lines[index + 1], index,  # `... RENIGAR E.O.` / `12958: DECL: ...`
                               lines[index + 2] if index + 2 < len(lines) else "")
        if header.eo is not None:
            state.seen_cable_part = True
            state.seen_body_header = state.seen_body_header or kind != "banner"  # (a banner is read below)
    if kind == "other" and not piece.column and header.banners and header.banners[-1][0].index == index - 1 \
            and (_SERIAL_ALONE.match(text) or (_SERIAL_AFTER_POST.match(text)
                                               and not _ENDS_IN_SERIAL.search(header.banners[-1][0].text))):
        # the classification line wrapped before its serial (`000228 SIPDIS ...`), or inside its
        # post (`... SECTION 01 OF 06 BUENOS` / `AIRES 000118 SIPDIS ...`)
        _captions_after(header, piece, 0)
    if kind in ("blank", "other", "section_break") or (kind in _ROUTING_KINDS and state.seen_body_header) \
            or (kind == "subject" and _FORWARDED_SUBJECT.match(text)):
        # nothing to read ("TO LONDON" in a subject is not an address line; a subject forwarded as
        # an e-mail's, `Subject: FW: ...`, is the e-mail's, not the telegram's)
        return after
    if kind in _ROUTING_KINDS:
        _routing(header, kind, text, index)
    elif kind == "preface":
        header.extract = True
    elif kind == "banner":
        level = facts.level
        header.banners.append((piece, level))
        state.seen_cable_part = True
        if not zone.post:
            zone.post = elements.banner(text, index + 1, level).post or ""
            zone.lower_copy = text[level.start:level.end].islower()
        _captions_after_serial(header, piece, level)
        if header.eo is None and scanner.EO.search(text, level.end):
            _eo(header, text, index, lines)  # header fields run together on the banner line
    elif kind == "caption":
        state.seen_cable_part = True
        level = facts.level
        if level is not None:  # "SECRET/NOFORN" is a classification line and a caption
            header.banners.append((piece, level))
        # judged on its first MAX_LINE characters: a longer line is read again, whole
        found = facts.captions if len(text) <= MAX_LINE else scanner.captions(text)
        header.captions.extend(Caption(name, text[s:e], Span.on_line(index + 1, s, e)) for name, s, e in found)
        if header.eo is None:
            _eo(header, text, index, lines)
    elif kind == "derived_from" and header.derived_from is None:
        header.derived_from = (index, piece.column)
    elif kind == "eo" and _declassification_citation(piece, lines):
        return after  # a declassification stamp's authority, not the telegram's E.O. line
    elif kind == "eo":
        state.seen_cable_part = state.seen_body_header = True
        if header.eo is None or artefacts.cut_short(header.eo.raw):  # (a preview cut short, then the whole header)
            _eo(header, text, index, lines if piece.last else ())
    elif kind == "tags":
        state.seen_cable_part = state.seen_body_header = True
        if header.tags is None:
            more, resume = _tags_continuation(zone, index) if piece.last else ((), 0)
            header.tags = elements.tags_line(text, index + 1, 0, more)
            zone.lower_copy = zone.lower_copy and header.tags.raw == header.tags.raw.lower()
            if more:  # (1-based, the last continuation's line: the line after it, 0-based, or its next piece)
                return (more[-1][0] - 1, resume) if resume else (more[-1][0], 0)
    elif kind in _BLOCK_KINDS:
        state.seen_cable_part = state.seen_body_header = True
        if kind == "classified_by":
            header.authority.append((index, piece.column))
            block_end = authority.block_lines(lines, index, zone.lower_copy)[-1]
            head = _paragraph_cut(zone, block_end) if block_end > index else None
            if head is not None:  # `REASON:` / `1.4 (b) 1. (C) Summary: ...`: the body runs on after the reasons
                header.end, header.end_column = block_end, head
                return None
            return (block_end + 1, 0) if piece.last else after
        block = block_after(zone, piece, kind)
        for number, part in enumerate(block):
            _authority_inside(header, part, block[number + 1].text if number + 1 < len(block) else "")
        split = _split_label_after(block[-1], lines)
        if split is not None:
            header.authority.append(split)
        if kind == "subject" and (header.subject is None or artefacts.cut_short(header.subject[-1].text)
                                  or _telegram_line_after(header, header.subject[0].index)):
            # a preview cut short is replaced by the whole header's subject, and the subject of a memo
            # or a message above the telegram's own classification line by the telegram's
            header.subject = block
            header.captions.extend(_caveat_wrapped(block))
        elif kind == "ref" and header.refs is None:
            header.refs = block
        last = block[-1]
        if last is piece:
            return after
        return (last.index + 1, 0) if last.last else (last.index, 1)
    return after


def _telegram_line_after(header: Header, index: int) -> bool:
    """Line `index` stands above every classification line, and one that names its serial (the
    telegram's own) follows it (a preview of the header, with its own classification line above
    its subject, keeps its subject for the whole header's after it)."""
    return all(piece.index > index for piece, _level in header.banners) \
        and any(_SERIAL_IN_BANNER.search(piece.text) for piece, _level in header.banners)


_SERIAL_IN_BANNER = patterns.compile(r"[A-Z]\s+\d{3,8}\b")
_PREVIEW_LINES = 12


# A number alone, its dot after it: under a transcription's dateline, the telegram's own number (a post's
# serial; four digits are no paragraph's number, but an early serial of the year may have three or fewer)
_NUMBER_ALONE = patterns.compile(r"[ \t]*\d{1,4}\.[ \t]*$")
_DATELINE_ABOVE = 3  # lines


def _under_dateline(lines: tuple[str, ...], index: int) -> bool:
    """The text above line `index` is a transcription's heading and dateline."""
    above = [line for line in lines[max(0, index - _DATELINE_ABOVE):index] if line.strip()]
    if not above or not dates.is_dateline(above[-1]):
        return False
    return scanner.transcription_heading(lines[:min(index, scanner.HEADING_SEARCHED)]) is not None


def _telegram_below(lines: tuple[str, ...], index: int) -> bool:
    """A telegram's header follows line `index` within a few lines: a classification line that
    names its serial, then an E.O. or a TAGS line."""
    named = False
    for text in lines[index + 1:index + 1 + _PREVIEW_LINES]:
        kind = scanner.line_kind(text[:MAX_LINE])
        if kind == "banner" and _SERIAL_IN_BANNER.search(text[:MAX_LINE]):
            named = True
        elif kind in ("eo", "tags") and named:
            return True
    return False


def _paragraph_cut(zone: _Lines, index: int) -> Optional[int]:
    """The column where a numbered paragraph head runs on inside line `index`, or None."""
    return next((p.column for p in zone.of(index) if p.column and starts_paragraph(p.text, p.column)), None)


def _routing(header: Header, kind: str, line: str, index: int) -> None:
    header.routing_lines.append(index)
    if kind in _PARSED_ROUTING_KINDS:  # the address lines, most of the header, are only counted
        _routing_line(header, kind, line, index)


def _authority_inside(header: Header, piece: Piece, below: str) -> None:
    """A Classified By that runs on at the end of a SUBJECT or REF line (not cut off: `(U)`-led),
    its statement going on in `below`, the block's next line, when it wraps."""
    found = scanner.CLASSIFIED_BY.search(piece.text, piece.column + 1)
    if found is not None and not scanner.CLASSIFIED_BY.match(piece.text, piece.column) \
            and _STATEMENT_AFTER_LABEL.match(piece.text[found.end():].rstrip() + " " + below.strip()):
        header.authority.append((piece.index, found.start()))


# What makes words `classified by` inside a subject a statement run on, not the subject's own words
# (`REPORT CLASSIFIED BY MINISTRY, PARLIAMENT LEAKED`): the label's colon, or reasons cited after it,
# on its line or the next (`Classified by S/CT DAS, Susan F.` / `Burk, Reason: ...`, `... SMITH, B AND D`)
_STATEMENT_AFTER_LABEL = regexcompat.compile(
    r"\s*[:;,]|.{0,160}?(?:\bREASONS?\b|\b1\s?[.,/]\s?[3456]\b"
    # (or its reasons' letters alone ending it: `..., B AND D`, `..., (B), (D)`)
    r"|,\s*+(?:E\.?\s?O\.?\s*1\d{4}\s*,\s*)?\(?[A-H]\)?(?:\s*+(?:,|AND|&)\s*+\(?[A-H]\)?)+"
    r"\s*\.?\s*$)", re.I)


# (a quote mark an export left may stand between: `STATE 049854 "NOFORN`)
# (in any case: a re-typed copy writes `berlin 000643 Sipdis`; a level may be repeated before a
# caption: `STATE 014577 SIPDIS SECRET/NOFORN`)
_CAPTION_AFTER_SERIAL = patterns.compile(
    r"\d{2,8}[\s\"]*((?:(?:(?:TOP\s+)?SECRET|CONFIDENTIAL)?\s*/{0,2}\s*"
    r"(?:SIPDIS|NOFORN|NODIS|EXDIS|LIMDIS|STADIS|SENSITIVE(?:\s+BUT\s+UNCLASSIFIED)?"
    r"|NOT\s+FOR\s+INTERNET\s+DISTRIBUTION)\b[\s,;/]*)+)", re.I)
_RELEASE_ENDING = patterns.compile(r"\s*" + scanner.RELEASE_TO + r"\s*$", re.I)
_SERIAL_ALONE = patterns.compile(r"\s*\d{3,8}\b(?![/.:-])")
_SERIAL_AFTER_POST = patterns.compile(r"\s*(?:[A-Z][A-Z.'-]*\s+){1,2}\d{5,8}\b(?![/.:-])")
_ENDS_IN_SERIAL = patterns.compile(r"\d{3,8}\s*$")
_CAPTION_AFTER_LEVEL = patterns.compile(rf"[ \t]+((?:(?:{elements.CAPTIONS_BEFORE_POST})\b[ \t,;]*)+)"
                                        r"(?=[A-Z][A-Za-z .'/&-]*?\s+\d{2,8}\b)",
                                        re.I)
_CAPTION_WORD = patterns.compile(r"SIPDIS|NOFORN|NODIS|EXDIS|LIMDIS|STADIS|SENSITIVE(?:\s+BUT\s+UNCLASSIFIED)?"
                                 r"|NOT\s+FOR\s+INTERNET\s+DISTRIBUTION", re.I)


def _captions_after_serial(header: Header, piece: Piece, level: scanner.BannerLevel) -> None:
    """Captions written on the classification line after the post's serial, with passing text after
    them (`... ATHENS 000057 NOFORN SIPDIS AMEMBASSY ANKARA PASS TO ...`), or right after its level
    before the post (`S E C R E T NOFORN KABUL 002211`; with slashes they are the line's controls)."""
    found = _CAPTION_AFTER_LEVEL.match(piece.text, level.end)
    if found is not None:
        _caption_words(header, piece, found.start(1), found.end(1))
    _captions_after(header, piece, level.end)


def _captions_after(header: Header, piece: Piece, start: int) -> None:
    found = _CAPTION_AFTER_SERIAL.search(piece.text, start, start + 120)
    if found is not None:
        _caption_words(header, piece, found.start(1), found.end(1))
        # (and the release to partners ending the piece: `... 083026 SENSITIVE SIPDIS RELEASABLE TO PAKISTAN`)
        released = _RELEASE_ENDING.match(piece.text, found.end(1))
        if released is not None:
            header.captions.append(Caption(scanner.release_control("REL TO " + released["countries"]),
                                           released.group().strip(),
                                           Span.on_line(piece.index + 1, released.start("word"), released.end())))


def _caption_words(header: Header, piece: Piece, start: int, end: int) -> None:
    for word in _CAPTION_WORD.finditer(piece.text, start, end):
        name = scanner.CAPTIONS[" ".join(word.group().upper().split())]
        header.captions.append(Caption(name, word.group(), Span.on_line(piece.index + 1, word.start(), word.end())))


_JOINED_HEADER_KINDS = frozenset({"transmission", "de", "security"})


def _routing_line(header: Header, kind: str, line: str, index: int) -> None:
    # The first of each is the cable's own: a second routing header further down is another
    # record's, spliced under this one by its publisher.
    if kind == "transmission" and header.transmission is None:
        header.transmission = line.strip()
    elif kind == "security" and header.security[0] is None:
        header.security = elements.security(line, index + 1)
    elif kind == "dtg" and header.dtg is None:
        header.dtg = elements.dtg(line, index + 1)
    elif kind == "record_dtg" and header.dtg is None:
        header.dtg = elements.record_dtg(line, index + 1)
    elif kind == "fm" and header.sender is None:
        header.sender = line.strip()[2:].strip()
    if header.dtg is None and kind in _JOINED_HEADER_KINDS:
        header.dtg = elements.joined_dtg(line, index + 1)  # (the header's lines joined into one)


# A declassification stamp cites the order it was declassified under (`DECLASSIFIED PER E.O. 13526`,
# `Page 1 DECLASSIFIED UNDER E.O. 12958`, `DECLASSIFIED` / `E.O. 12958, SEC. 3.5`, `NND 969000 Authority:
# E.O. 13526`): the order after the stamp's word or its authority's label, or with a section of its
# part on declassification (3.x); a telegram's E.O. line gives an instruction instead
# (`E.O. 12958, SEC. 1.6: DECL: ...` is the telegram's, as is `E.O. 12958, SECTION 1.4 (B), (D)`).
# (or an order's section on declassification, appeals or their provisions: `E.O. 13526, SECTION 5.3(b)(3)`;
# an E.O. line may cite its section on marking, `E.O. 12958, SEC. 1.6: DECL: ...`)
_STAMP_CITATION = patterns.compile(r"(?i:\bDECLASSIFIED\b.{0,30}?|\bAUTHORITY\b\s*:?\s*)E\s?\.?\s?O\b"
                                   r"|(?i:E\s?\.?\s?O\s?\.?\s*1\d{4}\s*,?\s*SEC(?:TION|\.)?\s*[3-6]\.\d)")
# A sentence's words leading to the order it cites (`Exempted from release under E.O. 13526 sec 1.4(d)`,
# `... APPEALS PANEL, E.O. 13526`): a citation in prose, where an E.O. line follows a name, a post or
# a caption
_CITED_AFTER = patterns.compile(
    r"(?i:\b(?:UNDER|PER|PURSUANT\s+TO|IAW|ACCORDANCE\s+WITH|AUTHORITY\s+OF)|\bPANEL\s*,)\s*$")
_INSTRUCTION = patterns.compile(r"\b(?:DECL|N/A|OADR|X?GDS|ADS|RDS|DNG|(?:25|50|75)?X\d)\b", re.I)
_STAMP_WORD = patterns.compile(r"[ \t]*DECLASSIFIED[ \t]*$", re.I)


def _declassification_citation(piece: Piece, lines: tuple[str, ...]) -> bool:
    """The E.O. piece is a declassification stamp's citation of its order, not the telegram's E.O.
    line: judged on the piece's own words (a header run together holds the E.O. line and more)."""
    words = piece.text[piece.column:piece.column + MAX_LINE]
    if _INSTRUCTION.search(words):
        return False
    if _STAMP_CITATION.search(words):
        return True
    # (the words before it on its line as written: a piece cut from the line has them blanked, and a
    # line read whole may hold them before the order)
    line = lines[piece.index]
    order = scanner.EO.search(line, piece.column, piece.column + MAX_LINE)
    at = order.start() if order is not None else piece.column
    if _CITED_AFTER.search(line, max(0, at - 40), at):
        return True
    index = piece.index
    above = next((lines[i] for i in range(index - 1, max(-1, index - 3), -1) if lines[i].strip()), "")
    return _STAMP_WORD.match(above) is not None


def _eo(header: Header, line: str, index: int, lines: tuple[str, ...] = ()) -> None:
    node, tags_at = elements.eo_line(line, index + 1)
    if node is not None:
        if node.kind == "none":
            # `E.O. 12958:` / `DECL: ...`, also past a blank line (a copy double-spaced)
            after = next((i for i in range(index + 1, min(index + 3, len(lines))) if lines[i].strip()), None)
            if after is not None and _INSTRUCTION_NEXT.match(lines[after]):
                node = elements.eo_instruction_on(node, lines[after], after + 1)
        header.eo = node
        if tags_at is not None and header.tags is None:
            header.tags = elements.tags_line(line, index + 1, tags_at)


# An E.O. line wrapped after its label: `E.O.` ends a line (a re-wrapped header run together), and
# the order with its instruction starts the next
_EO_AT_END = patterns.compile(
    r"E\s?\.\s?[O0]\s?\.?\s*$|(?<![A-Za-z0-9])E\s?[O0]\s*$", re.I)  # (dotted, it may be glued)
_MAY_END_WITH_EO = frozenset({"other", "caption", "banner"})
# (or the order alone, its instruction on the line after: `... RENIGAR E.O.` / `12958:` / `DECL: ...`)
_ORDER_AT_START = patterns.compile(
    r"\s*1\d{4}\b\s*[:;,.]?\s*(?:AS\s+AMENDED|DECL|DNG|N\s?/\s?A\b|NA\b|\d|X\d|25X|50X|OADR|$)", re.I)
_LABEL = "E.O. "


def _eo_across(text: str, next_line: str, index: int, after: str = ""):
    """The E.O. line whose label ends `text` (line `index`) and whose order and instruction start
    `next_line`; None when it is not one. Read as one line, its spans then put back where they
    stand on the two lines."""
    end = len(text.rstrip())
    if end < 2 or text[end - 1] not in "Oo0.":  # (most lines: not even the label's last letter)
        return None
    label = _EO_AT_END.search(text, max(0, end - 8))
    if label is None or not _ORDER_AT_START.match(next_line):
        return None
    node, _tags_at = elements.eo_line(_LABEL + next_line[:MAX_LINE], index + 2)
    if node is None:
        return None
    if node.kind == "none" and _INSTRUCTION_NEXT.match(after):
        node = elements.eo_instruction_on(node, after, index + 3)
    shift = len(_LABEL)

    def moved(span: Optional[Span]) -> Optional[Span]:
        return None if span is None else Span(span.line, span.column - shift, span.end_line, span.end_column - shift)

    return node._replace(raw=text[label.start():].strip() + " " + node.raw[shift:],
                         order_span=moved(node.order_span), instruction_span=moved(node.instruction_span),
                         exemptions=tuple(e._replace(span=moved(e.span)) for e in node.exemptions),
                         span=Span(index + 1, label.start() + 1, node.span.end_line, node.span.end_column - shift))


# The instruction of an E.O. line wrapped onto the next line
_INSTRUCTION_NEXT = patterns.compile(
    r"\s*(?:DECL\w*\s*[:;.]|DECLASSIFY\b|N\s?/\s?A\b|\d{1,2}/\d{1,2}/\d{2,4}(?!\d)|OADR\b)", re.I)  # (`...2018TAGS:`)


def _tags_continuation(zone: _Lines, index: int) -> tuple[tuple[tuple[int, str], ...], int]:
    """Lines after a TAGS line that hold only more tags (long TAGS lines wrap), past the header of a
    printout's next page. After a line that ends on a comma, a continuation in lower case is taken
    too (T002 then reports the case), and so is one after a blank line (a double-spaced copy). A
    continuation that the next header field runs on after (`ECON, UK SUBJECT: ...`, in a copy that
    lost its line breaks after the wrap) is taken up to
    where the field begins, and the header is read on from there, when the tags before it are
    separated by commas, follow a comma, or are words shaped as tags (capitals before a run-on field
    are often a line that passes the cable on: `DEPT PASS USTR REF: ...`): the number of that piece
    of its line is returned (0: the reading goes on at the line after the last continuation)."""
    lines = zone.lines
    more: list[tuple[int, str]] = []
    previous = lines[index]
    for follow in range(index + 1, min(len(lines), index + 5)):
        text = lines[follow]
        if PAGE_BREAK.match(text):
            continue
        cut = zone.of(follow)
        # (`EINV, SZ \`: an export's closing backslash is no tag)
        text = clean(text) if len(cut) == 1 else cut[0].text
        if not text.strip() and previous.rstrip().endswith(","):
            continue  # a line ending on a comma goes on past a blank line: a copy double-spaced
        # (a TAGS line in lower case goes on in lower case: a copy re-typed so)
        lower = previous.rstrip().endswith(",") or lines[index] == lines[index].lower()
        candidate = text[:MAX_LINE].upper() if lower else text[:MAX_LINE]
        name_open = previous.count("(") > previous.count(")")  # (`OVIP (CAMPBELL,` / `KURT) JA`)
        if scanner.line_kind(text) != "other" or _PASSES_ON.match(candidate) or not (
                elements.TAGS_CONTINUATION.match(candidate)
                or (name_open and elements.NAME_CLOSED_CONTINUATION.match(candidate))):
            break  # (a line passing the cable on is no tags: `DEPT FOR EUR/CE`, `MINIMIZE CONSIDERED`)
        if len(cut) > 1:
            if scanner.line_kind(cut[1].text) not in _FIELDS_AFTER_TAGS \
                    or not ("," in text.strip().rstrip(",") or previous.rstrip().endswith(",")
                            or _TAG_SHAPED.fullmatch(text.strip())):
                break
            more.append((follow + 1, text))
            return tuple(more), 1
        more.append((follow + 1, text))
        previous = text
    return tuple(more), 0


# (`FW:` in any case; `RE:` after a label in mixed case, as a mail program writes it: a telegram's
# SUBJECT label is in capitals)
_FORWARDED_SUBJECT = patterns.compile(r"\s*(?:(?i:SUBJ(?:ECT)?)\s*:\s*(?:\[[^\]\n]{1,20}\]\s*)?(?i:FWD?)"
                                      r"|Subj(?:ect)?\s*:\s*(?:\[[^\]\n]{1,20}\]\s*)?(?i:RE))\s*:")
_FIELDS_AFTER_TAGS = frozenset({"subject", "ref", "classified_by", "derived_from", "eo"})
# Words shaped as tags (two to four capitals; a country's two, a subject's four), none of the words
# of a line that passes the cable on (`DEPT PASS USTR`, `STATE FOR AMB`)
_TAG_SHAPED = patterns.compile(r"(?!.*\b(?:DEPT|PASS|FOR|AND|ALSO|AMB|DCM|INFO|FROM|PLS|TO|ATTN)\b)"
                               r"[A-Z]{2,4}(?: [A-Z]{2,4})*")


# The header of a printout's next page (`CONFIDENTIAL PAGE 02 ROME 01234 151200Z`)
PAGE_BREAK = patterns.compile(r"\s*(?:(?:TOP\s+)?SECRET|CONFIDENTIAL|UNCLAS(?:SIFIED)?|LIMITED\s+OFFICIAL\s+USE)?\s*"
                              r"PAGE\s+\d{1,3}\s+\S", re.I)
# A portion marked at its head without a number (`(S/NF) Text`, `A. (S) Text`, `-- (S) Text`)
_PORTION_HEAD = patterns.compile(
    r"[ \t]*(?:(?:\u00b6[ ]?)?(?:(?:[A-Z]|[IVX]{1,4})[.)]|\d{1,3}[,)]?)"
    r"|-{1,3}|[\u2013\u2014]{1,2}"
    rf"|{bodyscan.HEADING_WORD}[ \t]*(?::|--?|[\u2013\u2014]))?[ \t]*"  # (`SUMMARY: (S) ...`)
    r"\((?:TS|S|C|U|SBU|LOU)(?:/{1,2}[A-Z][A-Z ,/-]{0,40})?\)(?:[ \t]+\S|\d{1,3}\.[ \t]*[A-Z])")
# A paragraph head numbered without its one dot but marked (`1 (S) Over ...`, `3.. (C)`, `6, (C)`)
_MARKED_VARIANT_HEAD = patterns.compile(r"\s*(?:\u00b6\s?)?(?:\d{1,3}(?:,|\.\.)?|[A-Z]\.|[IVX]{1,4}\.)[ \t]{1,3}"
                                        r"\((?:TS|S|C|U|SBU|LOU)[/)]")  # (also a lettered or Roman-numbered portion)
# A reference entry marked with the classification of the document it cites, a letter of a REF block
# (`B. (S) USDAO ROME IIR 6 876 0123 09`, `C. (S/REL TO USA, GBR) 09 STATE 12345`): a citation in capitals
# with its number, not a portion of the text
_MARKED_REFERENCE = patterns.compile(r"\s*(?:\u00b6\s?)?[A-Z]\.[ \t]{1,3}\([A-Z/ ,]{1,40}\)[ \t]+"
                                     r"(?=[^a-z\n]{0,40}?\d{3})[A-Z0-9][^a-z\n]{2,80}$")
# What no subject goes on with, so that it ends a SUBJECT block even with no blank line before it (a
# copy whose publisher dropped the blank lines): a heading's rule, a summary, a caveat statement, a
# A line that passes the cable on to an office (`DEPT FOR EUR/CE`, `STATE FOR EUR/RPM`, `TREASURY FOR OASIA`,
# `PASS TO USTR`, `PLEASE PASS USDOC`) or says how it was sent (`MINIMIZE CONSIDERED`): no subject's or
# TAGS line's continuation (an addressee's word then FOR: a headline's `CALLS FOR` is no addressee)
PASSES_ON = (r"(?:(?:DEPT|STATE|NSC|TREASURY|USDOC|USTR|COMMERCE|DOD|OSD|JCS|USAID|AID|DOE|DHS|DOJ|FBI|USDA|SECDEF"
             r"|[A-Z]{2,8}/[A-Z/]{1,20})\s+(?:FOR|PASS)\b|(?:PLEASE\s+)?PASS\s+TO\b|PLEASE\s+PASS\b"
             r"|MINIMIZE\s+CONSIDERED\b)")
_PASSES_ON = patterns.compile(r"\s*" + PASSES_ON, re.I)
# (under a SUBJECT with no blank line between, only the forms no headline's wrap opens with: `DEPT FOR`, an
# addressee then FOR and an office's symbol, `PLEASE PASS`; `MINISTER OF` / `STATE FOR FOREIGN AFFAIRS`,
# `JAPAN PLEDGES FOOD` / `AID FOR FLOOD VICTIMS`, `POWER SET TO` / `PASS TO RAUL CASTRO` are headlines)
_PASSES_TO_AN_OFFICE = (r"(?:(?:DEPT|NSC)\s+(?:FOR|PASS)\b|(?:STATE|TREASURY|USDOC|USTR|DOD|OSD|JCS|USAID)\s+FOR\s+"
                        r"[A-Z]{1,8}/|PLEASE\s+PASS\b)")
# reference list (`REF:`, `REFS A)`, `RE:`), a corrected copy's note, a list's item, a pilcrow head, a
# cancellation's slashes, a line that passes the cable on (`DEPT FOR ...`, `NSC FOR ...`)
_OPENS_BODY = patterns.compile(
    r"\s*(?:-{3}|={3}|/{4}|\*{3}|SUMMARY\b|SENSITIVE\s+BUT\s+UNCLASSIFIED|ENTIRE\s+TEXT\b"
    r"|THIS\s+(?:CABLE|MESSAGE|TELEGRAM|REPORT)\s+(?:IS|HAS|PRESENTS|CONTAINS)\b|NOTE\s*:"
    r"|REF(?:S|TELS?|\(S\))?\s*(?:[.:]|[A-H]\s*[.):]|$)|RE\s*:|" + _PASSES_TO_AN_OFFICE +
    r"|C\s?O\s?R\s?R\s?E\s?C\s?T\s?E\s?D\s+C\s?O\s?P\s?Y|\(?\d{1,2}\)|\u00b6\s?\d{1,3}\s?\.(?!\d)"
    # (a release's stamp printed under the subject: `Declassified/Released US Department ...`, `DECLASSIFIED`
    # alone; `RELEASED IN FULL` is artefacts.release_stamp's)
    r"|DECLASSIFIED\s*(?:/\s*RELEASED\b|$))", re.I)
# What ends a SUBJECT that runs on: the line asking for action
_ACTION_REQUEST = patterns.compile(r"\W*(?:THIS\s+IS\s+AN\s+ACTION\s+(?:REQUEST|MESSAGE|CABLE)"
                                   r"|ACTION\s+REQUEST(?:ED)?\s*(?::|(?:--?|\u2013)\s*SEE\b|$))", re.I)


def block_after(zone: _Lines, piece: Piece, kind: str) -> list[Piece]:
    """The pieces of a SUBJECT or REF block starting with `piece`: the lines that follow continue it
    until a blank line or another element; a page's section marker inside it is passed over. A piece
    cut off after it on its own line ends it; a SUBJECT label alone on its line takes the next line
    that holds text, past one blank."""
    block = [piece]
    if not piece.last:  # a page's marker cut from the line is passed over, the text after it goes on
        same_line = zone.of(piece.index)
        at = zone.position(piece) + 1
        while at < len(same_line) and scanner.line_facts(same_line[at].text).kind == "section_break":
            at += 1
        if at < len(same_line) and at > zone.position(piece) + 1 and \
                scanner.line_facts(same_line[at].text).kind == "other" \
                and not starts_paragraph(same_line[at].text, same_line[at].column):
            block.append(same_line[at])
        return block
    lines = zone.lines
    follow, end = piece.index + 1, min(len(lines), piece.index + _MAX_BLOCK_LINES[kind])
    empty_subject = kind == "subject" and _EMPTY_SUBJECT.match(piece.text) is not None
    while follow < end and not artefacts.cut_short(block[-1].text):  # (a line cut short has no more after it)
        first = zone.of(follow)[0] if lines[follow].strip() else None
        if first is None and ((empty_subject and len(block) == 1)
                              or (kind == "subject" and _subject_goes_on(block[-1].text, lines, follow + 1))):
            follow += 1
            continue
        if first is None:
            break
        judged = zone.judged(first.text)
        facts = scanner.line_facts(judged)
        if facts.kind == "section_break" or PAGE_BREAK.match(judged):
            if kind == "subject" and not _wrapped_past(block[-1].text, lines, follow + 1):
                break  # (the page's marker after a whole subject, in a copy without blank lines)
            follow += 1
            continue
        if _ACTION_REQUEST.match(judged) or (kind == "subject" and (_OPENS_BODY.match(judged)
                                                                    or artefacts.release_stamp(judged))) \
                or (_BY_LABEL.match(judged) and _SPLIT_LABEL_WORD.search(block[-1].text)):
            break  # (the last: a Classified By label split over the lines, `... CLASSIFIED` / `BY: ...`)
        # (a routing line in words cannot follow a SUBJECT or REF: `TO FRANCE AND RUSSIA` there is
        # their text; a coded one, `VZCZCXRO0782`, `DE RUEHTRO #0126`, is the next record's header)
        if (facts.kind not in _CONTINUING and not _cites_another_order(facts, judged)
                and not (kind == "subject" and _caption_words_wrapped(block[-1], first, facts))) \
                or facts.kind in scanner.CODED \
                or (facts.kind == "banner" and _a_classification_line(judged, facts.level)) \
                or (scanner.PORTION_START.match(judged) and not (empty_subject and len(block) == 1
                                                                 and _marked_subject(judged))) \
                or (_MARKED_VARIANT_HEAD.match(judged) and not (kind == "ref" and _MARKED_REFERENCE.match(judged))) \
                or _other_field(judged, zone.post) or artefacts.MAIL_FIELD.match(first.text):
            break  # (the last: an e-mail's field in mixed case, `From: Jane Doe`, is no subject's words)
        across = _marker_across(block[-1], first, zone.post)
        if across is not None:  # a page's marker wrapped over the line end: neither line's text
            block[-1], rest = across
            if rest is None and not first.last:
                break  # (another element follows the marker on its line)
            if rest is None:
                follow += 1
                continue
            if starts_paragraph(rest.text, rest.column):
                break  # (paragraph 1 runs on after the marker)
            first = rest
        block.append(first)
        if not first.last:
            break
        follow += 1
    return _before_split_label(block, lines)


def _caption_words_wrapped(last: Piece, line: Piece, facts: scanner.LineFacts) -> bool:
    """`line`, right under a subject's line `last` that ends no sentence, opens with caption words
    and goes on with other words: the subject's words wrapped (`... TELEGRAMS CAPTIONED` / `EXDIS OR
    NODIS`), where a caption line, below the subject, would hold its captions alone."""
    if facts.kind != "caption" or line.index != last.index + 1 or not line.last or not facts.captions \
            or last.text.rstrip().endswith(_ENDS_SENTENCE):
        return False
    rest = line.text[facts.captions[-1][2]:].strip()
    return bool(rest) and not rest.startswith((",", ";")) and scanner.EO.search(rest) is None \
        and not scanner.passing_or_handling(rest.upper())


_SERIAL, _SECTION, _TOTAL = bodyscan.MARKER_SERIAL, bodyscan.MARKER_SECTION, bodyscan.MARKER_TOTAL
# A page's section marker wrapped over two lines of a block (`... KUPFER LONDON 00002294` / `001.2 OF
# 002`, `... NEW YORK TRIPOLI 00000014 001.2 OF` / `002 ...`): the cable's post ends the line before
_MARKER_REST = patterns.compile(rf"\s*(?:{_SERIAL}\s+)?(?:{_SECTION}\s+)?(?:OF\s+)?{_TOTAL}\b", re.I)
_MARKER_WHOLE = patterns.compile(rf"\s*0*{_SERIAL}\s+{_SECTION}\s+OF\s+{_TOTAL}", re.I)
_POST_WORD_END = patterns.compile(r"^[A-Za-z.'-]*")
_MARKER_LONG_SERIAL = patterns.compile(rf"\s*\d{{7,8}}\s+{_SECTION}\s+OF\s+{_TOTAL}", re.I)
# (a word in capitals, and what of the marker the line holds after it: `TRIPOLI 00000014 001.2 OF`)
_LAST_CAPITALS = patterns.compile(r"(?<![^ \t])([A-Z][A-Z.'-]+)"
                                  rf"(?:[ \t]+{_SERIAL}(?:[ \t]+{_SECTION}(?:[ \t]+OF)?)?)?$")


def _marker_across(before: Piece, after: Piece, post: str) -> Optional[tuple[Piece, Optional[Piece]]]:
    """`before` and `after` without the parts of a page's section marker that the line end cuts in
    two (`after` None when nothing else stands on its line's piece), or None when none does."""
    rest = _MARKER_REST.match(after.text, after.column)
    if rest is None:
        return None
    tail = before.text.rstrip()
    if post:
        at = tail.upper().rfind(post[:10].upper(), max(before.column, len(tail) - 40))
        # (the page writes the post in at most 10 characters: what of its word goes on is passed over)
        serial = _POST_WORD_END.sub("", tail[at + len(post[:10]):], count=1)
        whole = _MARKER_WHOLE
    else:  # (the post not known yet: a word in capitals, and the page's long serial)
        word = _LAST_CAPITALS.search(tail, max(before.column, len(tail) - 40))
        at, serial, whole = (word.start(1), tail[word.end(1):], _MARKER_LONG_SERIAL) if word else (-1, "", None)
    if at < 0 or (at > before.column and tail[at - 1] not in " \t") \
            or whole.fullmatch(serial + " " + after.text[after.column:rest.end()]) is None:
        return None
    kept = Piece(before.index, before.column, before.text[:at].rstrip(), before.last)
    end = rest.end() + len(after.text[rest.end():]) - len(after.text[rest.end():].lstrip())
    if end >= len(after.text.rstrip()):
        return kept, None
    return kept, Piece(after.index, end, " " * end + after.text[end:], after.last)


def _a_classification_line(text: str, level: scanner.BannerLevel) -> bool:
    """A classification line no subject goes on with: its level spelled right in any case
    (`unclas`, `CONFIDENTIAL`) or spaced (`S e c r e t`); a garbled one may be a subject's words."""
    written = text[level.start:level.end]
    return level.exact or written.upper() in scanner.EXACT_LEVEL_SPELLINGS or _SPACED_LEVEL.match(written) is not None


# A line cut short in a serial (`ROME 00001...`, a page's marker) or in a Classified By label
# (`CLASSIFIE...`, `Cla...`): a preview's next element cut, no words of the field before it. (A word
# cut alone, `UNYIELD...`, may be the field's own: the whole header after the preview has it.)
_CUT_LABEL = patterns.compile(r"\s*(?P<word>[A-Za-z]{3,10})(?:\.\.\.|\u2026)\s*$")


def _other_field(text: str, post: str) -> bool:
    """`text`, a line after a SUBJECT or REF line, starts what no field goes on with: a cut preview's
    next element, or the cable's post and serial (a repeat of its classification line without the
    level, `TRIPOLI 000362 SIPDIS E.O. ...`)."""
    if artefacts.cut_short(text):
        label = _CUT_LABEL.match(text)
        if (label is not None and "CLASSIFIED".startswith(label["word"].upper())) or _FIVE_DIGITS.search(text):
            return True
    stripped = text.lstrip()
    if not post or not stripped.startswith(post):
        return False
    rest = stripped[len(post):].lstrip()
    return rest[:5].isdigit()


_SPLIT_LABEL_WORD = patterns.compile(r"(?<=\s)CLASSIFIED\s*$", re.I)
_BY_LABEL = patterns.compile(r"\s*BY\s*[:;,]", re.I)


def _split_label_after(last: Piece, lines: tuple[str, ...]) -> Optional[tuple[int, int]]:
    """(line index, column) of a Classified By label split over the lines that a block's `last`
    piece stood before (`_before_split_label` took its first word off)."""
    if not last.last:
        return None
    line = lines[last.index][:MAX_LINE]
    found = _SPLIT_LABEL_WORD.search(line, len(last.text))
    if found is None or found.start() != len(last.text):
        return None
    after = next((text for text in lines[last.index + 1:last.index + 3] if text.strip()), "")
    return (last.index, found.start()) if _BY_LABEL.match(after) else None


def _before_split_label(block: list[Piece], lines: tuple[str, ...]) -> list[Piece]:
    """`block` without the first word of a Classified By label split over lines that ends it (`...
    BUSINESSMEN ARE WELCOME CLASSIFIED` / `BY: Jane Doe, ...`): that word is the statement's."""
    last = block[-1]
    found = _SPLIT_LABEL_WORD.search(last.text) if last.last else None
    if found is None or not last.text[last.column:found.start()].strip():
        return block
    after = next((line for line in lines[last.index + 1:last.index + 3] if line.strip()), "")
    if not _BY_LABEL.match(after):
        return block
    return block[:-1] + [last._replace(text=last.text[:found.start()])]


# A wrapped subject goes on past a blank line a publisher put in it (`... BY BROWN'S` / blank /
# `QUICK MANEUVERS ON FINANCIAL CRISIS`) when the line after the blank is a fragment standing alone
# (a blank or a header element after it), in capitals if the subject is, that no heading, caveat,
# reference or note opens, after a subject line that does not end a sentence.
_NOT_SUBJECT = patterns.compile(
    
    r"\s*(?:[-=*/\\(\[#¶.\u2026]|\d|(?:SUMMARY|SENSITIVE|THIS|REF(?:S|TELS?|\(S\))?(?![A-Z])|RE|NOTE|CLASSIFI|DECLASSIFI|ENTIRE|PLEASE|PASS|FOR|"
    r"DEPT|DEPARTMENT|NSC|ACTION|INFO|SIPDIS|NOFORN|CORRECTED|C O|S E|U N|T O|END|BEGIN|PART|TEXT|QUOTE|"
    r"UNCLAS\w*|CONFIDENTIAL|SECRET|TOP SECRET|LIMITED|EO|E\.O|MINIMIZE)\b"
    # (or a precedence alone on its line, as a header repeats it: `ROUTINE`, `NIACT IMMEDIATE`)
    r"|(?:NIACT\s+)?(?:ROUTINE|PRIORITY|IMMEDIATE|FLASH)\s*$)", re.I)
# (nor a passing instruction, one addressee's word then FOR or PASS: `CINCPAC FOR POLAD`, `USIA FOR IEA`,
# `BRUSSELS FOR USEU`, `EUR/CE FOR ...`; not a headline's verb, `CALLS FOR EARLY ELECTIONS`)
_PASSING = patterns.compile(
    r"\s*(?!(?:CALL|ASK|PRESS|PUSH|URGE|APPEAL|LOBBY|LOBBIE|VOTE|HOPE|BID|OPT|PREPARE|ARGUE|FIGHT|"
    r"WAIT|PAVE|PLAN|STAND|RUN|HEAD|SETTLE|ROOT|LOOK|MOVE|WORK|PAY|ACCOUNT|ALLOW|GEAR|STRIVE|"
    r"OPEN|SEARCH|HUNT|SHOP|COMPETE|CAMPAIGN|RALLIE|RALLY|CLAMOR|CLAMOUR|MAKE|BUY)(?:S|ES|ED|ING)?\s)"
    r"[A-Z][A-Z/&-]*\s+(?:FOR|PASS)\s")
_ENDS_SENTENCE = (".", "?", "!", ":", ";", ")", '"', "-")
# a subject's line ending on a word no headline ends on: what follows the blank is its end
# (not a particle a headline may end on: `TAKES OVER`, `GIVES IN`, `SIGNS ON`)
_ENDS_ON_A_LINK_WORD = patterns.compile(r"(?:\b(?:FOR|OF|AND|OR|THE|TO|WITH|A|AN|FROM|INTO|BETWEEN|AGAINST|ITS|HIS|HER|"
                                        r"THEIR)|'S)\s*$", re.I)
_FIVE_DIGITS = patterns.compile(r"\d{5}")  # a post's serial, or an order's number
_SPACED_LEVEL = patterns.compile(r"(?:[A-Za-z] ){4}")  # `S e c r e t`: a classification line in any case


def _subject_goes_on(last: str, lines: tuple[str, ...], at: int) -> bool:
    """The SUBJECT whose block's last line is `last` goes on at line `at`, past the blank before it."""
    if not _wrapped_past(last, lines, at):
        return False
    after = lines[at + 1] if at + 1 < len(lines) else ""
    if after.strip():
        return scanner.line_kind(after) not in ("other", "banner", "caption", "underline")
    if _ENDS_ON_A_LINK_WORD.search(last):
        return True  # (`... NEW TARIFF SCHEDULE FOR` / blank / `CONTAINER TRAFFIC`: the subject goes on)
    # a fragment standing alone, then text that neither goes on with it nor is a header element or a
    # paragraph's head: the heading of a body that opens unnumbered (`HEADLINES` / blank / `Congress
    # votes ...` of a media reaction)
    # (an export's line-end backslash alone on a line is a blank one: `NEW IN TEHRAN \` / ` \`)
    following = next((n for n in range(at + 2, min(at + 4, len(lines))) if lines[n].strip(" \t\\")), None)
    return following is None or scanner.line_kind(lines[following]) != "other" \
        or _wrapped_past(lines[at], lines, following)


def _wrapped_past(last: str, lines: tuple[str, ...], at: int) -> bool:
    """Line `at` can go on with a SUBJECT whose last line is `last` past a blank or a page's marker:
    `last` ends no sentence, and line `at` is a short fragment, in capitals if the subject is, that
    no heading, caveat, reference, note or other element opens (`TO LONDON` is a routing line only
    with a routing indicator or a serial)."""
    if at >= len(lines) or last.rstrip().endswith(_ENDS_SENTENCE):
        return False
    text = lines[at][:MAX_LINE]
    capitals = last == last.upper()  # a subject in capitals goes on in capitals
    if not text.strip() or len(text.strip()) > 80 or ":" in text \
            or not (text.lstrip()[0].isupper() or (last.islower() and text.islower())) \
            or (capitals and text != text.upper()) \
            or "--" in text or artefacts.cut_short(text) or _FIVE_DIGITS.search(text) or _NOT_SUBJECT.match(text) \
            or _PASSING.match(text):
        return False
    if not capitals and _sentence(text) and text != text.upper():
        return False  # a sentence of prose, `Courtesy call; no issues were raised.`: the text's
    kind = scanner.line_kind(text)
    return kind == "other" or (kind == "to" and not any(c.isdigit() or c == "/" for c in text))


# The orders a cable's E.O. line cites (docs/marking-rules.md 1.1; rules/regimes.yaml, which the
# parser does not read): a SUBJECT wrapped before another order (`... INDIVIDUALS UNDER` /
# `E.O. 13382`, a sanctions order) goes on with it. (A page's serial in a subject's line is no
# subject's words either: `_subject_goes_on`.)
_CLASSIFICATION_ORDERS = frozenset({"11652", "12065", "12356", "12958", "13292", "13526"})


def _cites_another_order(facts: scanner.LineFacts, text: str) -> bool:
    if facts.kind != "eo":
        return False
    found = _FIVE_DIGITS.search(text)
    return found is not None and found.group() not in _CLASSIFICATION_ORDERS


_EMPTY_SUBJECT = patterns.compile(r"\s*\S+\s*[:.]?\s*$")
_SUBJECT_LENGTH = 100  # (a subject's line, where a body's first portion runs on)


def _marked_subject(line: str) -> bool:
    """`line`, under a SUBJECT label alone on its line and opening with a portion mark, is the subject
    marked (`SUBJECT:` / `(C) FRENCH VIEWS ON THE SUMMIT`, as E.O. 13526 has subjects marked): a
    short line, or one in capitals, not a paragraph of text."""
    text = line.strip()
    return len(text) <= _SUBJECT_LENGTH or text == text.upper()


def routing(header: Header, lines: tuple[str, ...]) -> Optional[RoutingHeader]:
    if not header.routing_lines:
        return None
    first, last = header.routing_lines[0], header.routing_lines[-1]
    level, span = header.security
    return RoutingHeader(
        transmission_id=header.transmission, security_level=level, security_span=span,
        dtg=header.dtg, sender=header.sender or _record_sender(lines, first, last),
        span=Span(first + 1, 1, last + 1, len(lines[last]) + 1))


# A record's sender field naming a mission or the Department (`From:  SECSTATE WASHDC`), among the
# fields of its date (`Date/DTG: ...`) as the Department's later system prints a record; not an
# e-mail's (`From: Jane Doe`)
_RECORD_SENDER = patterns.compile(r"\s*FROM\s*:\s*(?P<sender>" + scanner.SENDERS + r"\b.*)", re.I)
_FIELDS_AROUND = 8  # (how many lines from the date's field the record's other fields stand)


def _record_sender(lines: tuple[str, ...], first: int, last: int) -> Optional[str]:
    for line in lines[max(0, first - _FIELDS_AROUND):last + _FIELDS_AROUND]:
        found = _RECORD_SENDER.match(line)
        if found is not None:
            return found["sender"].strip()
    return None


def banner(header: Header, lines: tuple[str, ...] = ()) -> Optional[ClassificationLine]:
    """The classification line: the first after the routing header (page banners of old
    printouts can stand above it), else the first of all; not a record card's field that gives a
    level (`Class:<tab>SECRET`) where the telegram's own line, with its post and serial, follows,
    nor a level alone on its line (a release's page marking, an e-mail's) above the telegram's own
    line, with its post and serial."""
    if not header.banners:
        return None
    last = header.routing_lines[-1] if header.routing_lines else -1
    # (a banner run on after the last routing line, behind an export's field boundary, is after it)
    after_routing = [b for b in header.banners if b[0].index > last or (b[0].index == last and b[0].column)]
    candidates = after_routing or header.banners
    piece, level = candidates[0]
    if lines and piece.column and _AFTER_LABEL.search(lines[piece.index], 0, piece.column):
        # a card's field: passed over for a telegram's own classification line after it, one that
        # names its post and serial (a bare level line after it is no more the telegram's than it)
        for later, later_level in candidates[1:]:
            found = elements.banner(later.text, later.index + 1, later_level)
            if found.serial and not (later.column and _AFTER_LABEL.search(lines[later.index], 0, later.column)):
                return found
    first = elements.banner(piece.text, piece.index + 1, level)
    if first.serial is None and first.post is None:
        # a level alone on its line above the telegram's own classification line, which names its
        # post and serial, and another level: a release's page marking (`UNCLASSIFIED` on each page
        # of a declassified copy) or the marking of an e-mail that carried the telegram, or the same
        # level with a control, a publisher's label (`UNCLASSIFIED//FOR OFFICIAL USE ONLY` above
        # `UNCLAS MARLOWE 000412`, marking-rules.md 2.3: not text on the cable); the same
        # marking `UNCLASSIFIED` right above a level alone, a record's own (`UNCLASSIFIED` / `` /
        # `CONFIDENTIAL` / `MRN: ...`, as a released record of the Department's system prints it)
        for later, later_level in candidates[1:]:
            found = elements.banner(later.text, later.index + 1, later_level)
            bare_below = first.level == "UNCLASSIFIED" and found.serial is None \
                and later.index - piece.index <= _NEXT_MARKING
            if (found.level != first.level or first.controls) and ((found.serial and found.post) or bare_below):
                return found
            if found.level == first.level and found.serial and found.post:
                return found  # (the same level: a PDF's page marking above the telegram's own line, its place)
    return first


_NEXT_MARKING = 5  # (lines from a release's marking down to the record's own: blank ones, a release stamp)


# A field's label just before a piece (`Class:<tab>SECRET`): what follows is a record card's value
_AFTER_LABEL = patterns.compile(r"^\s*[A-Za-z][A-Za-z ]{0,20}:[ \t]*$")


# The SBU caption and its instruction wrapped from a subject's line onto the next (`... SLOWDOWN?
# SENSITIVE BUT` / `UNCLASSIFIED. PLEASE HANDLE ACCORDINGLY.`): the subject ends before it
# (elements.subject) and it is the cable's caption, as on one line (pieces.py)
_CAVEAT_START = patterns.compile(r"\bSENSITIVE(?:[\s-]+BUT)?[\s-]*$", re.I)


def _caveat_wrapped(block: list[Piece]) -> list[Caption]:
    for line, following in zip(block, block[1:]):
        if "ENSITIVE" not in line.text and "ensitive" not in line.text:
            continue  # (most subjects: the word looked for as a substring, before the pattern)
        start = _CAVEAT_START.search(line.text)
        if start is not None and elements.caveat_after(line.text[start.start():] + " " + following.text.strip()):
            end = len(following.text.rstrip())
            return [Caption("SBU", line.text[start.start():].rstrip(),
                            Span(line.index + 1, start.start() + 1, following.index + 1, end + 1))]
    return []


def subject(header: Header):
    if header.subject is None:
        return None
    first, *more = header.subject
    head = elements.subject_line(first.text, first.index + 1)
    texts = [p.text for p in more]
    text, mark, span, label = head
    opening = paragraphs.MARK_OPENING.match(texts[0]) if more and not text and mark is None else None
    if opening is not None:  # the label alone, the subject marked on the line below (`SUBJECT:` / `(C) ...`)
        mark = elements.portion_mark(opening["mark"], opening.start("mark"), more[0].index + 1)
        texts[0] = " " * opening.end() + texts[0][opening.end():]
        head = (text, mark, span, label)
    last = next((p for p in reversed(more) if p.text.strip()), first)
    return elements.subject(head, texts, more[-1].index + 1 if more else first.index + 1,
                            (last.index + 1, last.text))
