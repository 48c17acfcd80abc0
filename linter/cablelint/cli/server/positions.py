"""Positions between cablelint and the editor: both split lines at LF, CRLF or a lone CR (cablelint
at LF alone in a text without a lone CR, which is the same); cablelint counts 1-based lines and
characters, the Language Server Protocol 0-based lines and columns in the code units of the encoding
agreed at start-up (UTF-16 unless the client offers another)."""

from __future__ import annotations

from typing import Callable

from ...parse.source import ANY_LINE_END, ends_lines_at_any_cr

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def _utf16_units(text: str) -> int:
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)  # a non-BMP char is a surrogate pair


def _utf8_units(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


_UNITS: dict[str, Callable[[str], int]] = {UTF8: _utf8_units, UTF16: _utf16_units, UTF32: len}


def units(text: str, encoding: str = UTF16) -> int:
    """How many code units of `encoding` the editor counts in `text`."""
    return len(text) if text.isascii() else _UNITS[encoding](text)


def chars_in(text: str, count: int, encoding: str = UTF16) -> int:
    """How many characters of `text` the first `count` code units cover (a position inside a
    character counts as before it)."""
    if text.isascii():
        return min(max(count, 0), len(text))
    measure, used = _UNITS[encoding], 0
    for index, char in enumerate(text):
        used += measure(char)
        if used > count:
            return index
    return len(text)


class LineMap:
    """The editor's text, to turn cablelint's (line, column) into the editor's and back.

    cablelint reads the text as it reads a file (`source.split_lines`): lines split at LF, a CR
    before the LF dropped, a leading byte-order mark not counted; in a text where a CR stands alone,
    each CR, CRLF or LF ends a line, as it does for the editor. So the lines are the editor's, and
    only columns are mapped (the editor counts UTF-16 units, or what the client asked for)."""

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.encoding = encoding
        self.pieces = ANY_LINE_END.split(text) if ends_lines_at_any_cr(text) else text.split("\n")
        self.bom = 1 if text.startswith("\ufeff") else 0

    @property
    def line_count(self) -> int:
        return len(self.pieces)

    def to_editor(self, line: int, column: int) -> tuple[int, int]:
        """cablelint's 1-based (line, column) as the editor's 0-based (line, character)."""
        index = min(max(line, 1), len(self.pieces)) - 1
        prefix = self.pieces[index][:(self.bom if index == 0 else 0) + max(column, 1) - 1]
        return index, units(prefix, self.encoding)

    def to_cablelint(self, line: int, character: int) -> tuple[int, int]:
        """The editor's 0-based (line, character) as cablelint's 1-based (line, column)."""
        index = min(max(line, 0), len(self.pieces) - 1)
        column = chars_in(self.pieces[index], character, self.encoding) + 1
        if index == 0:
            column = max(column - self.bom, 1)
        return index + 1, column

    def end(self) -> tuple[int, int]:
        """The editor's position just after the text's last character."""
        return len(self.pieces) - 1, units(self.pieces[-1], self.encoding)

