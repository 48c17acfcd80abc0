"""What a person at a terminal sees besides the findings: a progress line and colour."""

from __future__ import annotations

import time
from typing import Callable, Mapping, TextIO

from ..checks.diagnostics import Diagnostic, FileResult
from ..formats.text import TextFormatter, format_line, shown_path

# The progress line goes to standard error, only when it is a terminal and the run has many
# files, so pipes, CI logs and pre-commit output stay clean. It is erased before findings are
# printed, so the two never share a line. Colour applies to the text format on a terminal only,
# and never when NO_COLOR is set (https://no-color.org), unless `--color always` asks for it.

MIN_FILES = 50          # below this a run is over before a progress line would help
REDRAW_SECONDS = 0.1
ERASE = "\r\x1b[K"
_RESET = "\x1b[0m"
_SEVERITY_COLOURS = {"error": "\x1b[1;31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_PATH_COLOUR = "\x1b[1m"


def is_terminal(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # a closed or unusual stream
        return False


class Progress:
    """`cablelint: 312/904 files` on one line of standard error, redrawn at most ten times a second."""

    def __init__(self, total: int, stream: TextIO, clock: Callable[[], float] = time.monotonic):
        self.total = total
        self.stream = stream
        self.clock = clock
        self.enabled = total >= MIN_FILES and is_terminal(stream)
        self.done = 0
        self.shown = False
        self.last = float("-inf")

    def advance(self) -> None:
        """One more file is linted."""
        self.done += 1
        if not self.enabled:
            return
        now = self.clock()
        if now - self.last >= REDRAW_SECONDS or self.done == self.total:
            self.last = now
            self.stream.write(f"{ERASE}cablelint: {self.done}/{self.total} files")
            self.stream.flush()
            self.shown = True

    def clear(self) -> None:
        """Erase the progress line (before findings are printed, and at the end)."""
        if self.shown:
            self.stream.write(ERASE)
            self.stream.flush()
            self.shown = False


def use_colour(choice: str, stream: TextIO, environ: Mapping[str, str]) -> bool:
    """--color auto|always|never for the text format on `stream`."""
    if choice == "always":
        return True
    if choice == "never" or environ.get("NO_COLOR"):
        return False
    return is_terminal(stream) and environ.get("TERM") != "dumb"


def coloured_line(diagnostic: Diagnostic) -> str:
    """The text format's line, with the location bold and the code in its severity's colour."""
    plain = format_line(diagnostic)
    location = f"{shown_path(diagnostic.path)}:{diagnostic.line}:{diagnostic.column}:"
    tag = f"{diagnostic.code} [{diagnostic.severity}]"
    colour = _SEVERITY_COLOURS.get(diagnostic.severity, "")
    rest = plain[len(location) + 1 + len(tag):]
    return f"{_PATH_COLOUR}{location}{_RESET} {colour}{tag}{_RESET}{rest}"


class ColourTextFormatter(TextFormatter):
    """The text format, coloured for a terminal (the same characters once the escapes are removed)."""

    def add(self, result: FileResult) -> None:
        for diagnostic in result.diagnostics:
            self.stream.write(coloured_line(diagnostic) + "\n")
