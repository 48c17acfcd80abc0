"""Findings (what a check reports) and diagnostics (what the user sees)."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple, Optional

if TYPE_CHECKING:
    from ..parse.model import Span

# Named tuples, not dataclasses: a run makes thousands, sends them between processes and sorts
# them, and a named tuple is cheaper at each (and to define, which every run's start-up pays).
# A diagnostic sorts by path, line, column, code, then the rest.

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


class Finding(NamedTuple):
    """A check's report: where and what. The engine adds code, name, severity and path, so a
    check cannot misreport who it is. `severity` is only set from rule-set data (S010)."""

    span: Span
    message: str
    suggestion: Optional[str] = None
    severity: Optional[str] = None


class Diagnostic(NamedTuple):
    path: str
    line: int
    column: int
    code: str
    end_line: int
    end_column: int
    name: str
    severity: str
    message: str
    suggestion: Optional[str] = None

    def as_dict(self) -> dict:
        record = {
            "path": self.path, "line": self.line, "column": self.column, "code": self.code,
            "severity": self.severity, "message": self.message, "end_line": self.end_line,
            "end_column": self.end_column, "name": self.name,
        }
        if self.suggestion is not None:
            record["suggestion"] = self.suggestion
        return record

    @classmethod
    def from_dict(cls, record: dict) -> "Diagnostic":
        return cls(record["path"], record["line"], record["column"], record["code"],
                   record.get("end_line", record["line"]), record.get("end_column", record["column"]),
                   record.get("name", ""), record["severity"], record["message"], record.get("suggestion"))


class InternalError(NamedTuple):
    """A rule crashed on a file: reported with file and rule, and the run exits 2."""

    path: str
    code: str
    error: str
    traceback: str


class FileResult(NamedTuple):
    """One file's diagnostics and the internal errors of rules on it (a named tuple: workers send
    one per file to the parent)."""

    path: str
    diagnostics: tuple[Diagnostic, ...] = ()
    errors: tuple[InternalError, ...] = ()
