"""JSON: one array of diagnostic objects, written as results arrive (memory stays flat)."""

from __future__ import annotations

from ..checks.diagnostics import FileResult
from .base import Formatter, json_text


class JsonFormatter(Formatter):
    def begin(self) -> None:
        self._first = True
        self.stream.write("[")

    def add(self, result: FileResult) -> None:
        for diagnostic in result.diagnostics:
            self.stream.write("\n  " if self._first else ",\n  ")
            self.stream.write(json_text(diagnostic.as_dict()))
            self._first = False

    def end(self) -> None:
        self.stream.write("]\n" if self._first else "\n]\n")
