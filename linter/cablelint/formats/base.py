"""The formatter interface."""

from __future__ import annotations

import json
from typing import Any, TextIO

from ..checks.diagnostics import FileResult


class Formatter:
    """Receives results file by file (in order) and writes them to `stream`."""

    def __init__(self, stream: TextIO):
        self.stream = stream

    def begin(self) -> None:
        """Called once before the first file."""

    def add(self, result: FileResult) -> None:
        """Called once per linted file, clean files included."""

    def end(self) -> None:
        """Called once after the last file."""


def json_text(value: Any, indent: "int | None" = None) -> str:
    """`value` as JSON in UTF-8's characters. A path whose bytes are no UTF-8 (`bad\\xfe.txt`) is
    read with lone surrogates for them, which no UTF-8 stream can write: those are written as their
    JSON escapes (`\\udcfe`), so the document stays valid JSON and names the file."""
    text = json.dumps(value, indent=indent, ensure_ascii=False)
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text
