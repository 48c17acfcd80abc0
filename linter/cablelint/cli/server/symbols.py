"""The editor's outline of a cable: the header fields, then the numbered paragraphs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from lsprotocol import types

from ...parse.model import Span
from .diagnostics import editor_range

if TYPE_CHECKING:
    from .analysis import Analysis

_DETAIL = 60  # characters of a field's text shown beside its name


def _short(text: Optional[str]) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= _DETAIL else text[:_DETAIL - 1] + "…"


def _symbol(analysis: "Analysis", name: str, kind: types.SymbolKind, span: Span, detail: str = "",
            whole: Optional[Span] = None) -> types.DocumentSymbol:
    """A symbol named at `span`, covering the whole lines of `whole` (else of `span`)."""
    cable = analysis.context.cable
    lines, text = analysis.lines, cable.lines
    outer = whole or span
    last = min(max(outer.end_line, span.end_line), len(text)) or 1
    first = min(outer.line, span.line)
    # (the spans are of the lines as read: an indented file without its margin, a double-spaced one
    # without its added blank lines; `on_disk` gives the file's own lines and columns)
    whole_lines = cable.on_disk(Span(first, 1, last, len(text[last - 1]) + 1 if text else 1))
    full = editor_range(lines, whole_lines.line, 1, whole_lines.end_line, whole_lines.end_column)
    span = cable.on_disk(span)
    selection = editor_range(lines, span.line, span.column, span.end_line, span.end_column)
    return types.DocumentSymbol(name=name, kind=kind, range=full, selection_range=selection, detail=detail or None)


def outline(analysis: "Analysis") -> list[types.DocumentSymbol]:
    """Symbols for the fields the grammar read (routing header, classification line, captions,
    E.O., TAGS, SUBJECT, REF, Classified By) and for each numbered paragraph, with its marking."""
    context = analysis.context
    if context is None or not analysis.is_cable:
        return []
    cable = context.cable
    found: list[types.DocumentSymbol] = []
    if cable.routing is not None:
        dtg = cable.routing.dtg.text if cable.routing.dtg else ""
        found.append(_symbol(analysis, "Routing header", types.SymbolKind.Namespace, cable.routing.span, _short(dtg)))
    if cable.banner is not None:
        found.append(_symbol(analysis, "Classification", types.SymbolKind.Constant, cable.banner.span,
                             _short(cable.banner.raw)))
    for caption in cable.captions:
        found.append(_symbol(analysis, "Caption", types.SymbolKind.Constant, caption.span, caption.name))
    if cable.eo is not None:
        found.append(_symbol(analysis, "E.O.", types.SymbolKind.Property, cable.eo.span, _short(cable.eo.raw)))
    if cable.tags is not None:
        found.append(_symbol(analysis, "TAGS", types.SymbolKind.Property, cable.tags.span,
                             _short(", ".join(tag.value for tag in cable.tags.tags))))
    if cable.subject is not None:
        found.append(_symbol(analysis, "SUBJECT", types.SymbolKind.String, cable.subject.span,
                             _short(cable.subject.text)))
    if cable.refs is not None:
        found.append(_symbol(analysis, "REF", types.SymbolKind.Array, cable.refs))
    if cable.classified_by is not None:
        who = cable.classified_by.name or cable.classified_by.position or ""
        found.append(_symbol(analysis, "Classified By", types.SymbolKind.Property, cable.classified_by.span,
                             _short(who)))
    found.extend(_paragraphs(analysis))
    return found


def _paragraphs(analysis: "Analysis") -> list[types.DocumentSymbol]:
    """Each numbered paragraph, from its number to the line before the next one (the last one to
    the last line with text)."""
    cable = analysis.context.cable
    paragraphs = cable.paragraphs
    last_text = max((n for n, text in enumerate(cable.lines, 1) if text.strip()), default=1)
    found = []
    for index, paragraph in enumerate(paragraphs):
        following = paragraphs[index + 1].span.line - 1 if index + 1 < len(paragraphs) else last_text
        end = max(following, paragraph.span.line)
        while end > paragraph.span.line and not cable.lines[end - 1].strip():
            end -= 1  # not the blank lines between paragraphs
        marking = f"({paragraph.mark.text})" if paragraph.mark is not None and paragraph.mark.error is None \
            else (paragraph.mark.raw if paragraph.mark is not None else "unmarked")
        start = paragraph.number_span
        whole = Span(paragraph.span.line, 1, end, 1)
        found.append(_symbol(analysis, f"{paragraph.number}. {marking}", types.SymbolKind.Field, start,
                             _short(cable.lines[paragraph.span.line - 1][paragraph.span.column - 1:]), whole))
    return found
