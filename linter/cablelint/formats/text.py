"""Text: `PATH:LINE:COL: CODE [severity] message`, one line per diagnostic."""

from __future__ import annotations

from ..checks.diagnostics import FileResult
from .base import Formatter

# One diagnostic is one line: a file name may hold a newline (or another control character),
# which printed as it is would fake further lines ("a.txt\nb.txt:1:1: ..."). Such characters are
# written as escapes: \n, \r, \t, else \xNN.
_ESCAPES = {code: f"\\x{code:02x}" for code in (*range(0x20), 0x7F)}
_ESCAPES.update({ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"})


def shown_path(path: str) -> str:
    """`path` with its control characters escaped (see above)."""
    return path.translate(_ESCAPES) if not path.isprintable() else path


def format_line(d) -> str:
    return f"{shown_path(d.path)}:{d.line}:{d.column}: {d.code} [{d.severity}] {d.message.translate(_ESCAPES)}"


class TextFormatter(Formatter):
    def add(self, result: FileResult) -> None:
        for diagnostic in result.diagnostics:
            self.stream.write(format_line(diagnostic) + "\n")
