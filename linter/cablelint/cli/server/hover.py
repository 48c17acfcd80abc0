"""Hover texts: on a finding, its rule's explanation (as `cablelint explain`); on the E.O. line, what
the declassification instruction means for this cable on the day of the check."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional, Sequence

from ...checks import lookup
from ...checks.diagnostics import Diagnostic
from ...formats.rulehelp import body
from .diagnostics import rule_url

if TYPE_CHECKING:
    from .analysis import Analysis

# Each verdict of checks/declassification.py in a drafter's words; the reason that follows it is the
# verdict's own (the same words D009 and `cablelint report` use).
_VERDICTS = {"declassified": "already declassified", "due": "due for declassification",
             "not yet due": "not yet due for declassification", "exempt": "held by an exemption",
             "unknown": "of unknown declassification date", "unclassified": "unclassified: nothing to declassify"}


def finding_text(diagnostics: Sequence[Diagnostic]) -> str:
    """Markdown: each finding's message, then its rule's explanation (once per rule)."""
    parts, explained = [], set()
    for diagnostic in diagnostics:
        parts.append(f"**{diagnostic.code}** `{diagnostic.name}` ({diagnostic.severity}): {diagnostic.message}")
        if diagnostic.code in explained:
            continue
        explained.add(diagnostic.code)
        spec = lookup(diagnostic.code)
        if spec is None or spec.code != diagnostic.code:
            parts.append(f"{diagnostic.code} is a custom rule: the rule set that defines it explains it.")
            continue
        parts.append(body(spec).rstrip())
        url = rule_url(spec.code)
        parts.append(f"[{spec.code} on the rule pages]({url}) · `cablelint explain {spec.code}`" if url
                     else f"`cablelint explain {spec.code}`")
    return "\n\n".join(parts)


def eo_line_text(analysis: "Analysis") -> Optional[str]:
    """Markdown: the instruction as read, the origin date and where it came from, the day of the
    check, and the verdict with the date it falls due or the exemption that holds it."""
    context = analysis.context
    if context is None or context.cable.eo is None:
        return None
    eo, cable, settings = context.cable.eo, context.cable, analysis.settings
    order = f"E.O. {eo.order}" if eo.order else "no executive order read"
    instruction = f"`{eo.instruction}`" if eo.instruction else "no instruction read"
    if settings.date is not None:
        origin = f"{settings.date.isoformat()} (the configuration's `date`)"
    elif cable.origin_date is not None:
        origin = f"{cable.origin_date.isoformat()} (the routing header's date-time group)"
    else:
        origin = "unknown (no date-time group and no `date` in the configuration)"
    status = analysis.status()
    lines = [f"**Declassification** under {order}: instruction {instruction} ({eo.kind})",
             f"- origin date: {origin}",
             f"- checked as of {context.as_of.isoformat()}"]
    if context.regimes and len(context.regimes) == 1:
        lines.append(f"- order in force on the origin date: {context.regimes[0].title}")
    if status is not None:
        when = f" ({status.date.isoformat()})" if status.date else ""
        lines.append(f"- **{_VERDICTS.get(status.kind, status.kind)}**{when}: {status.reason}")
    return "\n".join(lines)


def on_eo_line(analysis: "Analysis", line: int) -> bool:
    """Whether cablelint's 1-based `line` is on the E.O. line (which may run over several lines)."""
    context = analysis.context
    eo = context.cable.eo if context is not None else None
    if eo is None:
        return False
    span = context.cable.on_disk(eo.span)  # (a double-spaced file is read without its added blank lines)
    return span.line <= line <= span.end_line
