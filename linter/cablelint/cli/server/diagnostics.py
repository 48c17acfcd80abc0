"""cablelint's diagnostics as the editor's: ranges in the editor's units, severities mapped, the rule
code as the code, and a link to the rule's page."""

from __future__ import annotations

from typing import Optional

from lsprotocol import types

from ...checks import lookup
from ...checks.diagnostics import Diagnostic
from ...formats.rulehelp import anchor
from ...formats.sarif import rule_pages
from .positions import LineMap

SOURCE = "cablelint"
SEVERITIES = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
              "info": types.DiagnosticSeverity.Information}


def rule_url(code: str) -> Optional[str]:
    """The section of the rule pages on `code` (as SARIF's helpUri); None for a custom rule, which
    the rule set that defines it documents, or where no rule pages are installed."""
    spec = lookup(code)
    pages = rule_pages()
    if spec is None or spec.code != code or pages is None:
        return None
    return f"{pages.split('#')[0]}#{anchor(code)}"


def editor_range(lines: LineMap, line: int, column: int, end_line: int, end_column: int) -> types.Range:
    start = lines.to_editor(line, column)
    end = lines.to_editor(end_line, end_column)
    if end < start:
        end = start
    return types.Range(types.Position(*start), types.Position(*end))


def to_editor(diagnostic: Diagnostic, lines: LineMap, links: bool = True) -> types.Diagnostic:
    url = rule_url(diagnostic.code) if links else None
    return types.Diagnostic(
        range=editor_range(lines, diagnostic.line, diagnostic.column, diagnostic.end_line, diagnostic.end_column),
        message=diagnostic.message,
        severity=SEVERITIES[diagnostic.severity],
        code=diagnostic.code,
        code_description=types.CodeDescription(href=url) if url else None,
        source=SOURCE,
    )
