"""Positions between cablelint and the editor: cablelint counts 1-based characters on lines split at
LF (at CR in a text without LF); the Language Server Protocol counts 0-based lines split at LF, CRLF
or a lone CR, and columns in the code units of the encoding agreed at start-up (UTF-16 unless the
client offers another)."""

from __future__ import annotations

from typing import Callable

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

    cablelint reads the text as it reads a file: lines split at LF, a CR before the LF dropped, a
    lone CR kept inside its line (split at CR in a text with no LF at all, a classic Mac file), a
    leading byte-order mark not counted. For the editor a lone CR ends a line, so a cablelint line
    holding one is several editor lines; such text is rare, and only then is the finer map built."""

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.encoding = encoding
        self.pieces = text.split("\n") if "\n" in text or "\r" not in text else text.split("\r")
        self.bom = 1 if text.startswith("\ufeff") else 0
        self.breaks: list[tuple[int, int]] = []  # each editor line: (piece, first character), lone CRs only
        if "\r" in text and any("\r" in self._body(index) for index in range(len(self.pieces))):
            for index in range(len(self.pieces)):
                self.breaks.append((index, 0))
                self.breaks.extend((index, at + 1) for at, char in enumerate(self._body(index)) if char == "\r")
        self._first: dict[int, int] = {}
        for number, (index, _start) in enumerate(self.breaks):
            self._first.setdefault(index, number)

    def _body(self, index: int) -> str:
        """Piece `index` without the CR of a CRLF (the editor's line break, not a character)."""
        piece = self.pieces[index]
        return piece[:-1] if piece.endswith("\r") and index < len(self.pieces) - 1 else piece

    @property
    def line_count(self) -> int:
        return len(self.breaks) or len(self.pieces)

    def to_editor(self, line: int, column: int) -> tuple[int, int]:
        """cablelint's 1-based (line, column) as the editor's 0-based (line, character)."""
        index = min(max(line, 1), len(self.pieces)) - 1
        piece = self.pieces[index]
        prefix = piece[:(self.bom if index == 0 else 0) + max(column, 1) - 1]
        if not self.breaks:
            return index, units(prefix, self.encoding)
        crs = prefix[:len(self._body(index))].count("\r")
        tail = prefix.rsplit("\r", 1)[-1] if crs else prefix
        return self._first[index] + crs, units(tail, self.encoding)

    def to_cablelint(self, line: int, character: int) -> tuple[int, int]:
        """The editor's 0-based (line, character) as cablelint's 1-based (line, column)."""
        if self.breaks:
            index, start = self.breaks[min(max(line, 0), len(self.breaks) - 1)]
        else:
            index, start = min(max(line, 0), len(self.pieces) - 1), 0
        piece = self.pieces[index]
        end = piece.find("\r", start) if self.breaks else -1
        segment = piece[start:end if end >= 0 else len(piece)]
        column = start + chars_in(segment, character, self.encoding) + 1
        if index == 0:
            column = max(column - self.bom, 1)
        return index + 1, column

    def end(self) -> tuple[int, int]:
        """The editor's position just after the text's last character."""
        last = self.pieces[-1]
        if self.breaks:
            index, start = self.breaks[-1]
            return len(self.breaks) - 1, units(self.pieces[index][start:], self.encoding)
        return len(self.pieces) - 1, units(last, self.encoding)
