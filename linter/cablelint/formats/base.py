"""The formatter interface."""

from __future__ import annotations

from typing import TextIO

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
