"""Text: `PATH:LINE:COL: CODE [severity] message`, one line per diagnostic."""

from __future__ import annotations

from ..checks.diagnostics import FileResult
from .base import Formatter


def format_line(d) -> str:
    return f"{d.path}:{d.line}:{d.column}: {d.code} [{d.severity}] {d.message}"


class TextFormatter(Formatter):
    def add(self, result: FileResult) -> None:
        for diagnostic in result.diagnostics:
            self.stream.write(format_line(diagnostic) + "\n")
