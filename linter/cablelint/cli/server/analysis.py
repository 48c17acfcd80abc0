"""One version of one document, linted: the engine's diagnostics for its text, and the cable and
dates the engine read from it (for hover, code actions and the outline)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable, Optional

from ...checks.diagnostics import Diagnostic, FileResult
from ...policy.rulesetmodel import Settings
from ...run.engine import ActiveRule, lint_bytes
from .positions import UTF16, LineMap

if TYPE_CHECKING:
    from ...checks.context import Context
    from ...checks.declassification import Status


@dataclass
class Analysis:
    path: str                          # the path the engine was given (per-file ignores match it)
    version: Optional[int]             # the editor's version of the text
    text: str
    data: bytes                        # the text as the engine read it
    settings: Settings
    result: FileResult
    context: Optional["Context"]       # None when the text could not be read as a cable at all
    encoding: str = UTF16
    lint_seconds: float = 0.0          # how long the engine took (for the trace)
    lines: LineMap = field(init=False)

    def __post_init__(self) -> None:
        self.lines = LineMap(self.text, self.encoding)

    @property
    def is_cable(self) -> bool:
        """False for a text with none of a cable's structure (X002): it gets no diagnostics. The
        engine runs no rule on such a text, so it is the one readable, parsed text that left no
        context behind; an unreadable text (X001) or a parser failure counts as a cable, whose
        trouble is shown. Under the release gate nothing is skipped."""
        if self.context is not None or self.settings.release or self.result.errors:
            return True
        return any(d.code == "X001" for d in self.result.diagnostics)

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """What the editor shows: the engine's diagnostics, none for a text that is not a cable."""
        return self.result.diagnostics if self.is_cable else ()

    def at(self, line: int, character: int) -> list[Diagnostic]:
        """The diagnostics whose range holds the editor's position (an empty range holds its start)."""
        position = self.lines.to_cablelint(line, character)
        return [d for d in self.diagnostics
                if (d.line, d.column) <= position <= (d.end_line, max(d.end_column, d.column + 1))
                or (d.line, d.column) == position]

    def status(self) -> Optional["Status"]:
        """The declassification verdict on the cable's as-of day (checks/declassification.py), as
        D009 and the release gate have it."""
        if self.context is None:
            return None
        from ...checks.declassification import status

        return status(self.context)


def engine_text(text: str) -> bytes:
    """The editor's text as bytes the engine decodes to the same characters: UTF-8, a lone surrogate
    (which no file holds) as one '?' so that columns stay in place."""
    return text.encode("utf-8", "replace")


def analyse(path: str, version: Optional[int], text: str, settings: Settings, rules: Iterable[ActiveRule],
            encoding: str = UTF16) -> Analysis:
    """Lint `text` as the file `path` with the engine the command line uses. The engine makes the
    cable and its Context once; a rule that reports nothing (`_keep`, run first) hands them over, so
    the text is not parsed twice."""
    seen: list[Any] = []
    probe = ActiveRule("(server)", "cable-for-the-editor", "info", _keep, seen)
    data = engine_text(text)
    start = time.perf_counter()
    result = lint_bytes(path, data, settings, (probe, *rules))
    took = time.perf_counter() - start
    return Analysis(path, version, text, data, settings, result, seen[0] if seen else None, encoding, took)


def _keep(ctx: "Context", seen: list) -> tuple:
    seen.append(ctx)
    return ()
