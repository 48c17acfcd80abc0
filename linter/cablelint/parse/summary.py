"""What `cablelint parse` prints: the contract's parse fields, from the model."""

from __future__ import annotations

import datetime as dt
from typing import Callable, Optional

from .model import Cable

TagKind = Callable[[str, Optional[dt.date]], Optional[str]]


def declassify_on(cable: Cable) -> Optional[str]:
    """A date as YYYY-MM-DD, otherwise the instruction as written, upper-cased."""
    eo = cable.eo
    if eo is None:
        return None
    if eo.kind == "date" and eo.date is not None:
        return eo.date.isoformat()
    if eo.kind == "na":
        return "N/A"
    return eo.instruction


def summarise(cable: Cable, path: str, date: Optional[dt.date], tag_kind: Optional[TagKind] = None) -> dict:
    """The parse record of one cable. Required contract fields first, then extras."""
    by = cable.classified_by
    tags = [t.value for t in cable.tags.tags] if cable.tags else []
    return {
        "path": path,
        "classification": cable.own_level,
        "controls": list(cable.controls),
        "date": date.isoformat() if date else None,
        "executive_order": cable.eo.order if cable.eo else None,
        "declassify_on": declassify_on(cable),
        "tags": tags if cable.tags else None,
        "subject": cable.subject.text if cable.subject else None,
        "classified_by": None if by is None else {
            "name": by.name,
            "position": by.position,
            "reasons": [r.text for r in by.reasons],
            "line": by.span.line,
        },
        "paragraphs": [
            {"number": p.number, "line": p.span.line, "marking": p.mark.text if p.mark else None,
             **({"marking_error": p.mark.error} if p.mark and p.mark.error else {})}
            for p in cable.paragraphs
        ],
        "classification_source": cable.level_source,
        "classification_line": None if cable.banner is None else {
            "line": cable.banner.span.line, "text": cable.banner.raw, "exact": cable.banner.level_exact,
        },
        "tag_kinds": None if tag_kind is None or not cable.tags else [
            {"tag": t.value, "kind": t.kind or tag_kind(t.value, date)} for t in cable.tags.tags
        ],
    }


def summary_text(record: dict) -> str:
    """A human-readable rendering of one parse record."""
    by = record["classified_by"]
    lines = [
        f"{record['path']}:",
        f"  classification: {record['classification'] or '-'}"
        + (f"  (from {record['classification_source']})" if record["classification_source"] else ""),
        f"  controls:       {' '.join(record['controls']) or '-'}",
        f"  date:           {record['date'] or 'unknown'}",
        f"  E.O.:           {record['executive_order'] or '-'}   declassify on: {record['declassify_on'] or '-'}",
        f"  tags:           {' '.join(record['tags'] or []) or '-'}",
        f"  subject:        {record['subject'] or '-'}",
        "  classified by:  " + ("-" if by is None else
                                f"{by['name'] or '?'} ({by['position'] or '?'}); reasons "
                                f"{', '.join(by['reasons']) or '-'} [line {by['line']}]"),
        "  paragraphs:     " + (", ".join(
            f"{p['number']}{'(' + p['marking'] + ')' if p['marking'] else '(-)'}" for p in record["paragraphs"]) or "-"),
    ]
    return "\n".join(lines)
