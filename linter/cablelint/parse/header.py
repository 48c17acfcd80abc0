"""The header zone of a cable: from the routing header to the first numbered paragraph."""

from __future__ import annotations

from typing import Optional

from . import authority, elements, scanner
from .model import Caption, ClassificationLine, RoutingHeader, Span

# It is read line by line: the scanner says what each line is, the element's grammar reads it, and
# blocks that run over several lines (SUBJECT, REF, Classified By) take the lines that follow until
# a blank line or another element. Never raises on any input.

_ROUTING_KINDS = frozenset({"transmission", "de", "security", "dtg", "fm", "to", "info", "address"})
_PARSED_ROUTING_KINDS = frozenset({"transmission", "security", "dtg", "fm"})
_BLOCK_KINDS = frozenset({"subject", "ref", "classified_by"})
_MAX_BLOCK_LINES = {"subject": 6, "ref": 12}
MAX_LINE = scanner.MAX_HEADER_LINE


class Header:
    """What the header-zone pass collected, before it becomes the frozen model. (A plain class:
    a dataclass costs every run about 1 ms to define.)"""

    __slots__ = ("routing_lines", "transmission", "security", "dtg", "sender", "banners", "captions", "eo",
                 "tags", "subject", "authority", "derived_from", "refs", "extract",
                 "end")

    def __init__(self) -> None:
        self.routing_lines: list[int] = []
        self.transmission: Optional[str] = None
        self.security: tuple = (None, None)
        self.dtg: object = None
        self.sender: Optional[str] = None
        self.banners: list[tuple[int, scanner.BannerLevel]] = []
        self.captions: list[Caption] = []
        self.eo: object = None
        self.tags: object = None
        self.subject: Optional[tuple[int, list[int]]] = None
        self.authority: list[tuple[int, int]] = []  # (line index, column) of each Classified By statement
        self.derived_from: Optional[int] = None
        self.refs: Optional[list[int]] = None
        self.extract = False
        self.end = 0  # index of the first line after the header zone


def read_header(lines: tuple[str, ...]) -> Header:
    header = Header()
    seen_cable_part = False
    seen_body_header = False  # E.O., TAGS, SUBJECT...: routing lines cannot follow these
    index = 0
    while index < len(lines):
        line = lines[index]
        facts = scanner.line_facts(line)  # the kind, and the level and captions found judging it
        kind = facts.kind
        if kind == "paragraph" and (seen_cable_part or not header.routing_lines):
            break
        if kind == "blank" or kind == "other":  # nothing to read from them, and they are the most lines
            index += 1
            continue
        if kind in _ROUTING_KINDS and seen_body_header:
            kind = "other"  # "TO LONDON" in a subject is not an address line
        if kind in _ROUTING_KINDS:
            header.routing_lines.append(index)
            if kind in _PARSED_ROUTING_KINDS:  # the address lines, most of the header, are only counted
                _routing_line(header, kind, line, index)
        elif kind == "preface":
            header.extract = True
        elif kind == "banner":
            level = facts.level
            header.banners.append((index, level))
            seen_cable_part = True
            if header.eo is None and scanner.EO.search(line, level.end):
                _eo(header, line, index)  # header fields run together on the banner line
        elif kind == "caption":
            seen_cable_part = True
            level = facts.level
            if level is not None:  # "SECRET/NOFORN" is a classification line and a caption
                header.banners.append((index, level))
            # judged on its first MAX_LINE characters: a longer line is read again, whole
            found = facts.captions if len(line) <= MAX_LINE else scanner.captions(line)
            header.captions.extend(Caption(name, line[s:e], Span.on_line(index + 1, s, e)) for name, s, e in found)
            if header.eo is None:
                _eo(header, line, index)
        elif kind == "derived_from" and header.derived_from is None:
            header.derived_from = index
        elif kind == "eo" and header.eo is None:
            seen_cable_part = seen_body_header = True
            _eo(header, line, index)
        elif kind == "tags" and header.tags is None:
            seen_cable_part = seen_body_header = True
            more = _tags_continuation(lines, index)
            header.tags = elements.tags_line(line, index + 1, 0, more)
            index += 1 + len(more)
            continue
        elif kind in _BLOCK_KINDS:
            seen_cable_part = seen_body_header = True
            block = authority.block_lines(lines, index) if kind == "classified_by" else block_after(lines, index, kind)
            if kind == "classified_by":
                header.authority.append((index, 0))
            else:
                _authority_inside(header, lines, block)
            if kind == "subject" and header.subject is None:
                header.subject = (index, block[1:])
            elif kind == "ref" and header.refs is None:
                header.refs = block
            index = block[-1] + 1
            continue
        index += 1
    header.end = index
    return header


def _authority_inside(header: Header, lines: tuple[str, ...], block: list[int]) -> None:
    """A Classified By that runs on at the end of a SUBJECT or REF line."""
    for index in block:
        found = scanner.CLASSIFIED_BY.search(lines[index], 1)
        if found is not None and not scanner.CLASSIFIED_BY.match(lines[index]):
            header.authority.append((index, found.start()))
            return


def _routing_line(header: Header, kind: str, line: str, index: int) -> None:
    if kind == "transmission":
        header.transmission = line.strip()
    elif kind == "security":
        header.security = elements.security(line, index + 1)
    elif kind == "dtg" and header.dtg is None:
        header.dtg = elements.dtg(line, index + 1)
    elif kind == "fm":
        header.sender = line[2:].strip()


def _eo(header: Header, line: str, index: int) -> None:
    node, tags_at = elements.eo_line(line, index + 1)
    if node is not None:
        header.eo = node
        if tags_at is not None and header.tags is None:
            header.tags = elements.tags_line(line, index + 1, tags_at)


def _tags_continuation(lines: tuple[str, ...], index: int) -> tuple[tuple[int, str], ...]:
    """Lines after a TAGS line that hold only more tags (long TAGS lines wrap). After a line that
    ends on a comma, a continuation in lower case is taken too (T002 then reports the case)."""
    more = []
    for follow in range(index + 1, min(len(lines), index + 4)):
        text = lines[follow]
        after_comma = lines[follow - 1].rstrip().endswith(",")
        candidate = text[:MAX_LINE].upper() if after_comma else text[:MAX_LINE]
        if scanner.line_kind(text) != "other" or not elements.TAGS_CONTINUATION.match(candidate):
            break
        more.append((follow + 1, text))
    return tuple(more)


def block_after(lines: tuple[str, ...], index: int, kind: str, limit: int = 0) -> list[int]:
    """Line indexes of a block starting at `index`: continuation lines run until a blank line
    or a line that is another element, at most `limit` lines (by default the kind's own)."""
    block = [index]
    end = min(len(lines), index + (limit or _MAX_BLOCK_LINES[kind]))
    for follow in range(index + 1, end):
        if scanner.line_kind(lines[follow]) not in ("other", "banner") or scanner.PORTION_START.match(lines[follow]):
            break
        block.append(follow)
    return block


def routing(header: Header, lines: tuple[str, ...]) -> Optional[RoutingHeader]:
    if not header.routing_lines:
        return None
    first, last = header.routing_lines[0], header.routing_lines[-1]
    level, span = header.security
    return RoutingHeader(
        transmission_id=header.transmission, security_level=level, security_span=span,
        dtg=header.dtg, sender=header.sender,
        span=Span(first + 1, 1, last + 1, len(lines[last]) + 1))


def banner(header: Header, lines: tuple[str, ...]) -> Optional[ClassificationLine]:
    """The classification line: the first after the routing header (page banners of old
    printouts can stand above it), else the first of all."""
    if not header.banners:
        return None
    after_routing = [b for b in header.banners if not header.routing_lines or b[0] > header.routing_lines[-1]]
    index, level = (after_routing or header.banners)[0]
    return elements.banner(lines[index], index + 1, level)


def subject(header: Header, lines: tuple[str, ...]):
    if header.subject is None:
        return None
    index, more = header.subject
    first = elements.subject_line(lines[index], index + 1)
    return elements.subject(first, [lines[i] for i in more], more[-1] + 1 if more else index + 1)
