"""The cable model: named tuples with spans, built from the grammar's results."""

from __future__ import annotations

import bisect
import datetime as dt
from typing import NamedTuple, Optional

# Named tuples rather than frozen dataclasses: just as immutable, but a parse makes thousands of them,
# workers send them between processes, and every run's start-up pays for defining each class (a
# dataclass is generated code, several times dearer to define and to make).
#
# Nothing here knows about pyparsing. Malformed input is represented, not rejected: a garbled
# classification line has `level_exact=False`, a broken portion mark has an `error`.


class Span(NamedTuple):
    """A region of the file on disk: 1-based lines and columns, end column exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def on_line(cls, line: int, start: int, end: int) -> "Span":
        """A span on one line from 0-based character offsets `start`..`end` (at least one column).
        Made with tuple.__new__: tens of thousands are made per run, and the named tuple's own
        __new__ is a Python function call more."""
        return _new_tuple(cls, (line, start + 1, line, (end if end > start else start + 1) + 1))


_new_tuple = tuple.__new__


class DateTimeGroup(NamedTuple):
    text: str
    precedence: str
    when: Optional[dt.datetime]
    span: Span


class RoutingHeader(NamedTuple):
    transmission_id: Optional[str]
    security_level: Optional[str]          # from ZNY SSSSS / ZNY CCCCC / ZNR UUUUU
    security_span: Optional[Span]
    dtg: Optional[DateTimeGroup]
    sender: Optional[str]
    span: Span


class SectionInfo(NamedTuple):
    number: int
    total: int
    span: Span


class ClassificationLine(NamedTuple):
    raw: str
    level: Optional[str]                   # normalised level, None when it names no level
    level_exact: bool                      # False for garbled spellings (`SS E C R E T`)
    controls: tuple[str, ...]              # controls written on the line itself (SECRET//NOFORN)
    section: Optional[SectionInfo]
    post: Optional[str]
    serial: Optional[str]
    span: Span
    level_span: Span


class Caption(NamedTuple):
    name: str                              # normalised (SIPDIS, NOFORN, SBU, ...)
    raw: str
    span: Span


class Exemption(NamedTuple):
    code: str                              # X1, 25X6, 50X1-HUM, ...
    span: Span


class EOLine(NamedTuple):
    raw: str
    order: Optional[str]                   # "12958"
    order_span: Optional[Span]
    amended: bool
    # date | na | indefinite | exemption | event | declassified | legacy | downgrade | redacted | reasons |
    # none | malformed-date
    kind: str
    instruction: Optional[str]             # as written, upper-cased
    instruction_span: Optional[Span]
    date: Optional[dt.date]
    exemptions: tuple[Exemption, ...]
    span: Span


class Tag(NamedTuple):
    text: str                              # as written
    value: str                             # normalised: upper case, punctuation stripped
    kind: Optional[str]                    # subject/program/geographic/organization/person, set by the linter
    span: Span


class Label(NamedTuple):
    """A header label as written (`TAGS:`, `AGS:`, `SUBJECT`), and whether it is misspelt."""

    text: str
    span: Span
    misspelt: bool


class TagsLine(NamedTuple):
    raw: str
    tags: tuple[Tag, ...]
    separators: tuple[tuple[str, Span], ...]   # separators other than spaces and commas
    span: Span
    label: Optional[Label] = None


class PortionMark(NamedTuple):
    raw: str                               # as written, e.g. "(S//NF)"
    tokens: tuple[str, ...]                # level then controls, upper case: ("S", "NF")
    error: Optional[str]                   # why the mark is broken, None when well formed
    span: Span

    @property
    def text(self) -> str:
        """The normalised marking, e.g. "C/NF"."""
        return "/".join(self.tokens)


class Subject(NamedTuple):
    text: str
    mark: Optional[PortionMark]
    span: Span
    label: Optional[Label] = None


class Reason(NamedTuple):
    section: str                           # "1.4"
    letter: str                            # "b"
    span: Span                             # the letter
    section_span: Optional[Span] = None    # the section number it is cited under, where written
    area: Optional[int] = None             # the area numbered under the letter (E.O. 12356: 1.3(a)(4))

    @property
    def text(self) -> str:
        return f"{self.section}({self.letter})" + (f"({self.area})" if self.area is not None else "")


class ClassifiedBy(NamedTuple):
    raw: str
    name: Optional[str]
    position: Optional[str]
    reasons: tuple[Reason, ...]
    reason_stated: bool                    # a "Reason(s)" word or a section number was present
    span: Span
    derived: bool = False                  # "Derived From": derivative classification, no reason line
    label: Optional[str] = None            # as written: "Classified By", "Classfied by", "This cable is classified by"
    label_span: Optional[Span] = None      # where the label stands (across lines when split)
    label_misspelt: bool = False           # the label's word misspelt ("Classfied"): S012 reports it
    redacted: bool = False                 # the name is redacted (XXXXXXXXXXXX): there is no name to judge
    cut: bool = False                      # a preview the publisher cut short (`Jane Q...`), no full statement found


class Paragraph(NamedTuple):
    number: int
    number_span: Span
    mark: Optional[PortionMark]
    span: Span                             # the paragraph's first line


class Portion(NamedTuple):
    """A portion marked at its head that is not a numbered paragraph: a lettered sub-paragraph
    (`A. (S)`), an item of a list inside a paragraph (`1) (S)`), a bullet (`-- (S)`) or an unnumbered
    marked paragraph (`(S/NF) Text`)."""

    # lettered | item (`1)`) | bullet | unnumbered | quoted (the head of a text quoted in the cable)
    kind: str
    label: Optional[str]                   # "A.", "--", a quoted head's number, or None
    mark: PortionMark
    span: Span                             # the portion's first line, from its label


class SectionBreak(NamedTuple):
    post: str
    section: int
    total: int
    span: Span


class ParagraphReference(NamedTuple):
    number: int
    span: Span


class Artefact(NamedTuple):
    """Something the publisher did to the record, not its drafter (X003-X006)."""

    kind: str                              # cut | extract | redacted | spliced | appended | retyped
    span: Span
    detail: str                            # in words, for the finding


class DeclassificationMark(NamedTuple):
    """A marking that says the cable has been declassified or released."""

    raw: str
    date: Optional[dt.date]
    span: Span


class Cable(NamedTuple):
    lines: tuple[str, ...]
    routing: Optional[RoutingHeader] = None
    banner: Optional[ClassificationLine] = None
    captions: tuple[Caption, ...] = ()
    eo: Optional[EOLine] = None
    tags: Optional[TagsLine] = None
    subject: Optional[Subject] = None
    refs: Optional[Span] = None            # the REF block
    classified_by: Optional[ClassifiedBy] = None
    paragraphs: tuple[Paragraph, ...] = ()
    portions: tuple[Portion, ...] = ()     # marked portions that are not numbered paragraphs
    section_breaks: tuple[SectionBreak, ...] = ()
    paragraph_refs: tuple[ParagraphReference, ...] = ()
    declassification_marks: tuple[DeclassificationMark, ...] = ()
    extract: bool = False                  # a published partial extract
    notes: tuple[str, ...] = ()
    artefacts: tuple[Artefact, ...] = ()   # what the publisher did to the record
    # a repeat's: the date of the cable it repeats, whose header (E.O., TAGS ...) stands quoted in it
    repeated_on: Optional[dt.date] = None
    # where no date-time group was kept: the date a historian's transcription's dateline gives
    # (`Paris, June 5, 1975, 1802Z.`), or the publisher's record of the cable (`date: 3/2/2004 22:05`)
    transcribed_on: Optional[dt.date] = None
    # The left margin every line of text of the file had on disk (an indented copy: an export's or
    # a mail's quoting), from line `margin_from` (as read) on: the lines above it are a forwarding
    # message's own. `lines` and every span are read without it; `on_disk` puts it back.
    margin: int = 0
    margin_from: int = 1
    margin_gaps: frozenset = frozenset()  # lines (as read) of a quoted copy that a re-wrap left without marks
    # A double-spaced copy (a blank line after every line) is read without the blank lines its
    # layout added, a release's copy without the stamp on each of its pages: `lines` are the lines
    # kept, and `line_map` gives the number each has on disk (empty for every other file); `on_disk`
    # puts the numbers back.
    line_map: tuple[int, ...] = ()
    # A web page's copy keeps character references (`&quot;`), invisible characters and markup
    # (`<br>`, `<a href=...>`): each reference is read as its character, an invisible one and a tag
    # not at all (a tag that breaks the text as a space), and the columns after it on its line are
    # read as many to the left; per line that held one, from which columns on how many
    # (`source.web_copy_read`); `on_disk` puts them back.
    # (with how many characters each replaced span is read as: a reference's end on disk is after it)
    column_shifts: Optional[dict[int, tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]]] = None

    @property
    def read_as_on_disk(self) -> bool:
        """The lines and columns as read are the file's on disk (no margin, no lines left unread, no
        character references, invisible characters or markup)."""
        return not self.margin and not self.line_map and not self.column_shifts

    def on_disk(self, span: Span) -> Span:
        """`span` in the lines and columns of the file as it is on disk."""
        if self.read_as_on_disk:
            return span
        start = self._disk_column(span.line, span.column)
        if span.end_line == span.line and span.end_column <= span.column:
            end = start  # (an empty span stays empty)
        else:
            end = self._disk_end_column(span.end_line, span.end_column)
        return Span(self.disk_line(span.line), start, self.disk_line(span.end_line), end)

    def _disk_end_column(self, line: int, end_column: int) -> int:
        """The column on disk after a span's last character, read at `end_column - 1`: after the
        whole reference it was read from (`&quot;`), not after a tag read past behind it
        (`PGOVV</a>`)."""
        shifted = self.column_shifts.get(line) if self.column_shifts else None
        if shifted is not None:
            starts, shifts, widths = shifted
            at = bisect.bisect_left(starts, end_column)
            if at < len(starts) and starts[at] == end_column and widths[at]:
                # (the last character is what a replaced span was read as: the span ends after it)
                return self._disk_column(line, end_column - 1) + 1 + shifts[at] - (shifts[at - 1] if at else 0)
        return self._disk_column(line, end_column - 1) + 1

    def disk_line(self, line: int) -> int:
        """The number on disk of line `line` as read."""
        if not self.line_map or not 1 <= line <= len(self.line_map):
            return line
        return self.line_map[line - 1]

    def _disk_column(self, line: int, column: int) -> int:
        on_disk = column
        shifted = self.column_shifts.get(line) if self.column_shifts else None
        if shifted is not None:  # (a web copy may hold a reference on every line: looked up, not searched)
            starts, shifts, _widths = shifted
            at = bisect.bisect_right(starts, column)
            on_disk += shifts[at - 1] if at else 0
        if self.margin and self.lines[line - 1:line] and self.lines[line - 1].strip():
            on_disk += self.margin_of(line)
        return on_disk

    def margin_of(self, line: int) -> int:
        """The margin line `line` (as read) had on disk: none above `margin_from` (a forwarding
        message's own lines) and none on a quoted line a mail program re-wrapped."""
        return self.margin if self.margin_from <= line and line not in self.margin_gaps else 0

    def artefact(self, kind: str) -> Optional[Artefact]:
        return next((a for a in self.artefacts if a.kind == kind), None)

    @property
    def has_cable_structure(self) -> bool:
        """Any of a cable's structure: a classification line, an E.O. line, TAGS, SUBJECT, a routing
        header, a Classified By statement or a portion-marked paragraph (X002 skips a file with none)."""
        return bool(self.banner or self.eo or self.tags or self.subject or self.routing or self.classified_by
                    or self.portions or any(p.mark is not None for p in self.paragraphs))

    @property
    def reflowed(self) -> bool:
        """Published re-flowed: paragraphs joined into long lines (the publisher's later format,
        whose copies often lost header lines such as SUBJECT)."""
        long_lines = 0
        for line in self.lines:
            if len(line) > 200:
                long_lines += 1
                if long_lines == 2:
                    return True
        return False

    @property
    def spliced(self) -> bool:
        """Another cable's text (and classification line) stands under this cable's header."""
        return any(a.kind == "spliced" for a in self.artefacts)

    @property
    def level(self) -> Optional[str]:
        """The level the text shows: the classification line, else the routing security line."""
        if self.banner is not None and self.banner.level is not None:
            return self.banner.level
        if self.routing is not None:
            return self.routing.security_level
        return None

    @property
    def own_level(self) -> Optional[str]:
        """The cable's own level: its routing header's where another cable's text (and classification
        line) stands under the header (X005), else `level`."""
        if self.spliced and self.routing is not None and self.routing.security_level:
            return self.routing.security_level
        return self.level

    @property
    def level_source(self) -> Optional[str]:
        if self.spliced and self.routing is not None and self.routing.security_level:
            return "routing"
        if self.banner is not None and self.banner.level is not None:
            return "banner" if self.banner.level_exact else "garbled-banner"
        if self.routing is not None and self.routing.security_level:
            return "routing"
        return None

    @property
    def controls(self) -> tuple[str, ...]:
        """Controls of the banner and caption lines, normalised, in order, without repeats."""
        seen: dict[str, None] = {}
        if self.banner is not None:
            seen.update(dict.fromkeys(self.banner.controls))
        seen.update(dict.fromkeys(c.name for c in self.captions))
        return tuple(seen)

    @property
    def origin_date(self) -> Optional[dt.date]:
        if self.routing is not None and self.routing.dtg is not None and self.routing.dtg.when:
            return self.routing.dtg.when.date()
        return self.transcribed_on
