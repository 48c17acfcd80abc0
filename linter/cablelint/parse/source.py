"""Bytes to text: decoding, binary detection and the line index."""

from __future__ import annotations

import codecs
import functools
import os
import re
from typing import Iterator, NamedTuple, Optional

from .. import patterns

# Every later stage works on `Source.lines`; a position is (line, column), both 1-based, counted
# in characters of the line as it is on disk (a BOM and the line terminator are not columns).
# Lines are split at LF, a CR before the LF dropped; where a CR stands alone, each CR, CRLF or LF
# ends a line (`split_lines`), so line numbers agree with editors.

_ERROR_HANDLER = "cablelint-cp1252"

# Bytes a text file does not contain; a file with many of them is binary.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))
_HIGH_BYTES = bytes(range(128, 256))
_BINARY_MAGIC = (
    b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\x1f\x8b", b"\x7fELF", b"GIF8", b"\xff\xd8\xff",
    b"BZh", b"\xfd7zXZ", b"MZ", b"\xd0\xcf\x11\xe0",
)
_SNIFF_BYTES = 8192


def _cp1252_fallback(error: UnicodeDecodeError) -> tuple[str, int]:
    """Decode one undecodable byte as CP1252 (Latin-1 where CP1252 leaves it undefined).

    Used for files that are mostly UTF-8 with a few legacy bytes (a common state of archives),
    so the UTF-8 characters stay intact and each bad byte becomes exactly one character.
    """
    byte = error.object[error.start:error.start + 1]
    try:
        char = byte.decode("cp1252")
    except UnicodeDecodeError:
        char = byte.decode("latin-1")
    return char, error.start + 1


codecs.register_error(_ERROR_HANDLER, _cp1252_fallback)
_LATIN1_HANDLER = "cablelint-latin1"
# (the five bytes CP1252 leaves undefined are Latin-1's control characters, one for one)
codecs.register_error(_LATIN1_HANDLER, lambda error: (error.object[error.start:error.end].decode("latin-1"),
                                                      error.end))

# In a CP1252 file, an accented capital before a quote or a dash (`Ö’`, `É”`) may happen to be a valid
# UTF-8 pair too, of another script's range and no letter (`Ö’` is U+0592, a Hebrew accent): only such
# pairs, beside at least as many bytes no UTF-8 reads, make the file CP1252 throughout.
_UTF8_SEQUENCE = patterns.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _accidental(sequence: bytes) -> bool:
    """A CP1252 capital (Æ to ß) and a quote, a dash or a sign read as one UTF-8 character: of two
    bytes, and no letter, or one of a script no Latin text quotes one letter of (`Ö’` is U+0592, a
    Hebrew accent, `Ú’` U+0692, an Arabic letter; `Ș`, `ђ`, `№` are real text)."""
    import unicodedata  # (only for a file that is not UTF-8: few are)

    return len(sequence) == 2 and sequence[0] >= 0xC6 and (
        sequence[0] >= 0xD4 or unicodedata.category(sequence.decode("utf-8"))[0] != "L")


def _legacy_throughout(data: bytes) -> bool:
    """`data` (not UTF-8) is CP1252 text whose few valid UTF-8 sequences are accidents, not a
    UTF-8 text with a few legacy bytes in it."""
    found = _UTF8_SEQUENCE.findall(data)
    if not found or not all(_accidental(sequence) for sequence in found):
        return False  # (none at all: each byte is read alike either way)
    invalid = sum(1 for byte in data if byte >= 0x80) - sum(len(sequence) for sequence in found)
    return len(found) <= invalid


class UnreadableError(Exception):
    """The bytes are not a text file (binary or undecodable)."""


class Source(NamedTuple):
    """A decoded file: its lines without terminators, and how it was decoded. (Compared and
    hashed as the tuple of all its fields, `joined` included: nothing compares two of them.)"""

    lines: tuple[str, ...]
    encoding: str
    had_bom: bool = False
    crlf: bool = False
    cr_only: bool = False  # some lines ended by a CR alone (a classic Mac file, or lines of several systems)
    # The lines joined by LF, when `split_lines` had that text at hand: a copy is cheaper than a join.
    joined: Optional[str] = None

    @property
    def text(self) -> str:
        return self.joined if self.joined is not None else "\n".join(self.lines)

    def __repr__(self) -> str:  # without `joined`: the whole text again
        return (f"Source({len(self.lines)} lines, encoding={self.encoding!r}, had_bom={self.had_bom}, "
                f"crlf={self.crlf}, cr_only={self.cr_only})")


def read_limited(path: str, limit: int) -> bytes:
    """The bytes of the file at `path`, at most `limit` + 1 of them: more than `limit` says the
    file is too large. OSError when it cannot be read.

    Unbuffered and sized from fstat: a buffered read of `limit` + 1 bytes reserves (maps) that
    many bytes for every file, and asks whether it is a terminal; for a corpus of small cables
    that made reading cost three times as much. The first read asks for the size fstat gave and
    one byte more; the next one sees the end (a short read is not taken for the end: on some file
    systems it need not be), or goes on in 64 KB reads when the file grew or has no size (a FIFO,
    a /proc file).
    """
    with open(path, "rb", buffering=0) as handle:
        size = os.fstat(handle.fileno()).st_size
        parts, total, step = [], 0, min(size, limit) + 1
        while total <= limit:
            chunk = handle.read(min(step, limit + 1 - total))
            if not chunk:
                break
            parts.append(chunk)
            total += len(chunk)
            step = 1 << 16
    return parts[0] if len(parts) == 1 else b"".join(parts)


def looks_binary(data: bytes) -> bool:
    """True for content that is not text: known binary signatures, or many control bytes."""
    head = data[:_SNIFF_BYTES]
    if head.startswith(codecs.BOM_UTF8):
        head = head[3:]  # judged as the text after the mark, as `decode` reads it
    if not head:
        return False
    if head.startswith(_TEXT_MARKS):
        return False
    if head.startswith(_BINARY_MAGIC):
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if controls / len(head) > 0.10:
        return True
    # random bytes hold about one control byte in ten, on either side of that line: with a few
    # controls, half the bytes high and no UTF-8 either, it is no text (cp1252 prose has few high bytes)
    return controls / len(head) > 0.03 and not head.isascii() and _high_share(head) > 0.3 and not _utf8(head)


def _high_share(head: bytes) -> float:
    return 1 - len(head.translate(None, _HIGH_BYTES)) / len(head)


def _utf8(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(head) - 3  # (a character cut at the sniffed part's end)
    return True


# (UTF-32's marks first: its little-endian mark begins with UTF-16's)
_UTF32_MARKS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
_TEXT_MARKS = _UTF32_MARKS + (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _utf16_without_mark(head: bytes) -> bool:
    """Text of the Latin alphabet in UTF-16 with no mark: nearly every other byte a NUL (a curly
    quote or a dash has a high byte of its own), the bytes between them almost never."""
    even, odd = head[0:len(head) - len(head) % 2:2], head[1::2]
    return len(head) >= 8 and any(
        zeros.count(0) >= 0.9 * len(zeros) and letters.count(0) <= 0.02 * len(letters)
        for zeros, letters in ((odd, even), (even, odd)))


def decode(data: bytes) -> Source:
    """Decode file bytes into a `Source`; raise `UnreadableError` for binary content."""
    if looks_binary(data):
        if _utf16_without_mark(data[:_SNIFF_BYTES]):
            raise UnreadableError("the file looks like UTF-16 text without a byte-order mark: save it as UTF-8, "
                                  "or as UTF-16 with its mark")
        raise UnreadableError("the file is binary, not a text cable")
    had_bom = False
    if data.startswith(codecs.BOM_UTF8):
        text, encoding, had_bom = data[3:].decode("utf-8", _ERROR_HANDLER), "utf-8-sig", True
    elif data.startswith(_TEXT_MARKS):
        encoding = "utf-32" if data.startswith(_UTF32_MARKS) else "utf-16"
        try:
            text, had_bom = data.decode(encoding), True
        except UnicodeDecodeError as exc:
            raise UnreadableError(f"the file starts with a {encoding.upper()} mark but is not {encoding.upper()}: "
                                  f"{exc.reason}") from None
        text = text.lstrip("\ufeff")
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            if _legacy_throughout(data):
                text, encoding = data.decode("cp1252", _LATIN1_HANDLER), "cp1252"
            else:
                text, encoding = data.decode("utf-8", _ERROR_HANDLER), "utf-8+cp1252"
    return split_lines(text, encoding, had_bom)


ANY_LINE_END = patterns.compile(r"\r\n?|\n")


_LONE_CR = patterns.compile(r"\r(?!\n)")


def ends_lines_at_any_cr(text: str) -> bool:
    """A CR stands alone somewhere in `text`: each CR, CRLF or LF ends a line (`split_lines`)."""
    return "\r" in text and ("\n" not in text or _LONE_CR.search(text) is not None)


def split_lines(text: str, encoding: str = "utf-8", had_bom: bool = False) -> Source:
    """Split decoded text into on-disk lines: LF separated, the CR of a CRLF dropped; in a text
    where a CR stands alone (a classic Mac file, or one whose lines came from several systems), each
    CR, CRLF or LF ends a line, as every editor and the language server's protocol read it (a lone
    CR kept inside a line hid the lines it joined: a date-time group, a SUBJECT, a paragraph)."""
    if ends_lines_at_any_cr(text):
        raw = text.split("\r") if "\n" not in text else ANY_LINE_END.split(text)
        if len(raw) > 1 and raw[-1] == "":
            raw.pop()
        return Source(lines=tuple(raw), encoding=encoding, had_bom=had_bom, cr_only=True)
    raw = text.split("\n")
    joined = text
    if raw and raw[-1] == "" and len(raw) > 1:
        raw.pop()  # the terminator of the last line opens no new line
        joined = text[:-1]
    # a lone character is found far faster than a pair, and most files hold no CR at all
    crlf = "\r" in text and "\r\n" in text
    if crlf:
        lines = tuple(line[:-1] if line.endswith("\r") else line for line in raw)
        return Source(lines=lines, encoding=encoding, had_bom=had_bom, crlf=True)
    return Source(lines=tuple(raw), encoding=encoding, had_bom=had_bom, crlf=False, joined=joined)


# The character references a web page's text keeps when a copy is taken from its source (`&quot;`,
# `&#39;`, `&amp;`): each is read as its character. The columns after one on its line move by the
# reference's length less one; `Cable.on_disk` moves them back.
# A page whose source was escaped twice writes each as `&amp;quot;`, `&amp;#x000A;`: read as the once-escaped.
# (only before a numbered reference or one of the names a page escapes: `Q&amp;As;` is `Q&As;` once read)
_REFERENCE_PATTERN = (r"&(?:amp;(?=#|(?:quot|amp|lt|gt|apos|nbsp);))?"
                      r"(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,7});")
# Characters a web copy carries that no reader sees (a soft hyphen, a zero-width space, a word
# joiner, a byte-order mark where files were joined, direction marks): not read, as a reference to
# one is not, so `SUB<soft hyphen>JECT:` is a SUBJECT label and `TAGS:<zero-width space>` holds no
# tag. (Not the zero-width joiners: they shape the letters of some scripts.)
_REFERENCE = patterns.compile(_REFERENCE_PATTERN)
_INVISIBLE = "\u00ad\u200b\u200e\u200f\u2060\ufeff"
# The markup of a web page copied with its text (`FR<br>`, `<a href="/tag/PREL">PREL</a>`,
# `<pre>`): a telegram's character set has no angle brackets (none of the 3,618 shared cables
# holds one), so a tag in a cable's file is the page's. Only a tag of HTML's names with attributes
# written as HTML writes them counts (`A<B held ... C>D` and `<name withheld>` are text). A tag
# that breaks the text (a line break, a paragraph, a cell) is read as a space, so the words on
# either side stay apart; any other as nothing. Comments and a page's declarations are read as
# nothing. (Each alternative stops at the first character that ends it, so a line of `<!--` or
# `<a ` repeated is read in linear time.)
_BREAKING = ("br|p|div|li|tr|td|th|hr|dd|dt|dl|ul|ol|h[1-6]|blockquote|table|thead|tbody|tfoot|caption|center"
             "|section|article|header|footer|nav|main|form|title|head|body|html")
_INLINE = ("a|abbr|b|big|cite|code|col|em|font|i|img|kbd|label|link|meta|nobr|pre|q|s|samp|script|small|span"
           "|strike|strong|style|sub|sup|tt|u|var|wbr|iframe|input|button|select|option|textarea|noscript|base")
_ATTRIBUTE = r"""\s+[A-Za-z_:][-A-Za-z0-9_:.]{0,40}(?:\s*=\s*(?:"[^"\n]{0,500}"|'[^'\n]{0,500}'|[^\s"'<>=`]{1,500}))?"""
_MARKUP_PATTERN = (rf"<(?:/?(?=[A-Za-z])(?=(?i:{_BREAKING}|{_INLINE})(?![A-Za-z0-9]))[A-Za-z][A-Za-z0-9]*"
                   rf"(?:{_ATTRIBUTE}){{0,30}}\s*/?>"
                   r"|!(?:--(?:[^-\n]|-(?!-)){0,500}-{2,3}|(?i:DOCTYPE)[^<>\n]{0,200})>)")
_BREAKING_TAG = patterns.compile(rf"</?(?i:{_BREAKING})(?![A-Za-z0-9])")
# A pilcrow or a no-break space whose UTF-8 bytes were once decoded as Latin-1 or CP1252 and saved
# again (`Â¶1. (C)`, `TAGS:Â PREL`): the `Â` is the first byte's, read as nothing
_MOJIBAKE_PATTERN = "\u00c2(?=[\u00a0\u00b6])"
_READ_OTHERWISE = patterns.compile(
    _REFERENCE_PATTERN + "|[" + _INVISIBLE + "]+|" + _MOJIBAKE_PATTERN + "|" + _MARKUP_PATTERN)
# A reference to a line break is read as a space (a line is a line on disk), and so is one to a
# character every reader takes for a space (a no-break space, the line and paragraph separators).
_AS_SPACE = {ord(c): " " for c in "\n\r\x0b\x0c\x85\u00a0\u2028\u2029"}
# Per line that held a reference: from which column on (ascending) how many columns more on disk,
# and how many characters each replaced span is read as (1 for a reference, 0 for a tag or an
# invisible character, 1 for a tag that breaks the text).
ColumnShifts = dict  # of line number: (columns, shifts, widths)


# A web page or a JSON record may hold many lines of a text on one line of the file, their breaks
# written as markup (`<br>`), as a character reference (`&#x000A;`, `&#10;`) or escaped as a JSON
# string escapes them (`\n`, counted only on a line holding three or more): each such break with
# text after it on its line ends a line read. (One at a line's end is that line's own end.)
_LINE_BREAK = patterns.compile(r"<(?i:br)\s*/?>|&(?:amp;)?#(?:0*10|[xX]0*[aA]);|&lt;(?i:br)\s*/?&gt;|\\r\\n|\\n")
_JSON_BREAKS = 3
_JSON_KEY_END = patterns.compile(r'"\s*:\s*"')  # (a record's key before a string: the last before the text's)


class Breaks(NamedTuple):
    lines: tuple[str, ...]
    line_map: tuple[int, ...]   # the number on disk of each line read (the layout's map composed)
    offsets: dict[int, int]     # per line cut from a longer one: the column on disk it starts at, less one
    escaped: frozenset[int]     # the lines cut from a JSON string, whose other escapes are read too


def breaks_read(lines: tuple[str, ...], text: str, line_map: tuple[int, ...]) -> Breaks:
    """`lines` cut at the line breaks written inside them (none: `lines` as they are)."""
    if not _may_break(text):
        return Breaks(lines, line_map, {}, frozenset())
    out: list[str] = []
    origin: list[int] = []
    offsets: dict[int, int] = {}
    escaped_lines: set[int] = set()
    for number, line in enumerate(lines, 1):
        if not _may_break(line):
            out.append(line)
            origin.append(number)
            continue
        escaped = line.count("\\n") >= _JSON_BREAKS
        first, end, last, cut = len(out) + 1, len(line.rstrip()), 0, False
        for found in _LINE_BREAK.finditer(line, 0, end):
            if found.group()[0] == "\\" and not escaped:
                continue
            if found.end() >= end:
                break  # (the break ends the line)
            value = _last(_JSON_KEY_END.finditer(line, 0, found.start())) if escaped and not cut else None
            if value is not None:  # (the record's keys before the string: `{"id": 1, "content": "`)
                out.append(line[:value.end()])
                origin.append(number)
                offsets[len(out)] = 0
                last = value.end()
            out.append(line[last:found.start()])
            origin.append(number)
            offsets[len(out)] = last
            last, cut = found.end(), True
        out.append(line[last:])
        origin.append(number)
        if cut:
            offsets[len(out)] = last
        if cut and escaped:
            escaped_lines.update(range(first, len(out) + 1))
    if len(out) == len(lines):
        return Breaks(lines, line_map, {}, frozenset())
    return Breaks(tuple(out), tuple(line_map[n - 1] if line_map else n for n in origin), offsets,
                  frozenset(escaped_lines))


def _may_break(text: str) -> bool:
    """`text` may hold a line break written inside a line. (One character is looked for first: a text
    outside ASCII is searched for a pair far more slowly.)"""
    return "<" in text or ("&" in text and _BREAK_REFERENCE.search(text) is not None) \
        or ("\\" in text and "\\n" in text)


_BREAK_REFERENCE = patterns.compile(r"&(?:#|amp;#|lt;)")  # (one pattern from the ampersand: three searches cost more)


def _last(found: Iterator[re.Match]) -> Optional[re.Match]:
    last = None
    for last in found:
        pass
    return last


def shifted_by_breaks(shifts: ColumnShifts, offsets: dict[int, int]) -> ColumnShifts:
    """`shifts` (of the lines read) with each line cut at a break moved to its column on disk."""
    for number, start in offsets.items():
        columns, moved, widths = shifts.get(number, ((), (), ()))
        shifts[number] = ((1,) + columns, (start,) + tuple(m + start for m in moved), (0,) + widths)
    return shifts


def web_copy_read(lines: tuple[str, ...], text: str,
                  escaped: frozenset[int] = frozenset()) -> tuple[tuple[str, ...], ColumnShifts]:
    """`lines` (whose text is `text`) with each character reference read as its character,
    invisible characters dropped and a web page's markup read past, and the column shifts of the
    lines that held any of them (none: `lines` as they are, and no shifts). On the lines `escaped`
    (cut from a JSON string) its escapes are read as their characters too (`\\"`, `\\u00b6`)."""
    # (the pre-tests: finding one character is far cheaper than a search for a class of them; the
    # markup is looked for from the first `<` with the reading's own pattern, not compiled twice)
    if not escaped and not _holds_invisible(text) and ("&" not in text or _REFERENCE.search(text) is None) \
            and ("\u00c2" not in text or re.search(_MOJIBAKE_PATTERN, text) is None) \
            and ("<" not in text or _READ_OTHERWISE.search(text, text.index("<")) is None):
        return lines, {}
    out, shifts = [], {}
    for number, line in enumerate(lines, 1):
        parts, starts, moved, widths, shift, last = [], [], [], [], 0, 0
        words_before = False  # (whether the line has shown a word yet: kept, not joined again at each tag)
        for found in (_read_escaped() if number in escaped else _READ_OTHERWISE).finditer(line):
            written = found.group()
            read = _reference_read(written) if written[0] == "&" else _markup_read(written) if written[0] == "<" \
                else _escape_read(written) if written[0] == "\\" else ""
            words_before = words_before or bool(line[last:found.start()].strip())
            if read == " " and written[0] == "<" and not words_before:
                read = ""  # (a tag that breaks the text before any of the line's words: `<p>O 121402Z SEP 04</p>`)
            if read is None:
                continue
            words_before = words_before or bool(read.strip())
            parts += [line[last:found.start()], read]
            last = found.end()
            shift += len(written) - len(read)
            starts.append(found.end() - shift + 1)  # (the column read of the next character)
            moved.append(shift)
            widths.append(len(read))
        if starts:
            out.append("".join(parts) + line[last:])
            shifts[number] = (tuple(starts), tuple(moved), tuple(widths))
        else:
            out.append(line)
    return tuple(out), shifts


@functools.lru_cache(maxsize=1)
def _read_escaped() -> re.Pattern:
    """What `web_copy_read` reads on a JSON string's lines: its escapes other than its line breaks
    (`\\"`, `\\\\`, `\\/`, `\\t`, `\\u00b6`) too. (Compiled on first use: few files are JSON records.)"""
    return patterns.compile(r'\\(?:["\\/tbfr]|u[0-9a-fA-F]{4})|' + _READ_OTHERWISE.pattern)
_ESCAPED = {"t": "\t", "b": "", "f": "\f", "r": ""}


def _escape_read(escape: str) -> Optional[str]:
    """What a JSON escape is read as: its character (none for half of a surrogate pair)."""
    if escape[1] == "u":
        character = chr(int(escape[2:], 16))
        if "\ud800" <= character <= "\udfff":
            return None
        return "" if character in _INVISIBLE else character.translate(_AS_SPACE)  # (a line is a line on disk)
    return _ESCAPED.get(escape[1], escape[1]).translate(_AS_SPACE)


def _holds_invisible(text: str) -> bool:
    for character in _INVISIBLE:  # (a plain loop: a generator costs a file more than the searches)
        if character in text:
            return True
    return False


def _markup_read(tag: str) -> str:
    """What a page's tag is read as: a space where it breaks the text, else nothing."""
    return " " if _BREAKING_TAG.match(tag) else ""


def _reference_read(reference: str) -> Optional[str]:
    """What a character reference is read as: its character, a space, nothing (an invisible one);
    None for a reference html does not know."""
    import html  # (its table of names: only for a text that holds references)

    character = html.unescape(reference)
    if reference.startswith("&amp;") and len(reference) > 5:
        character = html.unescape(character)  # (escaped twice)
    if len(character) != 1:
        return None
    return "" if character in _INVISIBLE else character.translate(_AS_SPACE)
