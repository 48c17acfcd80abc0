"""GitHub Actions workflow commands: each diagnostic becomes an annotation on the pull request."""

from __future__ import annotations

from ..checks.diagnostics import Diagnostic, FileResult
from .base import Formatter

# `::error file=PATH,line=L,endLine=E,col=C,endColumn=F,title=CODE name::message` (`warning` for
# warnings, `notice` for info). Property values escape `%`, CR, LF, `:` and `,`; the message
# escapes `%`, CR and LF, as GitHub's own toolkit does. Columns are left out when a finding spans
# lines, because GitHub then ignores or misplaces them.

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(diagnostic: Diagnostic) -> str:
    """One workflow command line for `diagnostic`."""
    properties = [("file", diagnostic.path), ("line", str(diagnostic.line))]
    if diagnostic.end_line > diagnostic.line:
        properties.append(("endLine", str(diagnostic.end_line)))
    else:
        properties.append(("col", str(diagnostic.column)))
        if diagnostic.end_column > diagnostic.column + 1:  # GitHub's end column is inclusive, ours is not
            properties.append(("endColumn", str(diagnostic.end_column - 1)))
    title = f"{diagnostic.code} {diagnostic.name}".strip()
    properties.append(("title", title))
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{COMMANDS[diagnostic.severity]} {joined}::{escape_data(diagnostic.message)}"


class GithubFormatter(Formatter):
    def add(self, result: FileResult) -> None:
        for diagnostic in result.diagnostics:
            self.stream.write(annotation(diagnostic) + "\n")
