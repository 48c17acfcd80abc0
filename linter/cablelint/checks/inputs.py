"""X: input. The engine itself reports X001, when a file cannot be read or decoded."""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from .context import Context
from .diagnostics import Finding
from .registry import rule


def _reported_by_engine(ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    return iter(())


RULES = (
    rule(
        "X001",
        "the file cannot be read, is binary, or cannot be decoded",
        "A compliance gate must not pass a file it could not read: an unreadable cable is reported "
        "at line 1 rather than skipped silently, and the other files are still linted.",
        "(a PDF or image saved with a .txt name)", "(a plain-text cable in UTF-8, Latin-1 or CP1252)",
        _reported_by_engine,
    ),
)
