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
    if eo.kind in ("date", "legacy") and eo.date is not None:
        return eo.date.isoformat()  # (E.O. 12065's general schedule names its day: `GDS 6/28/85 (DOE, J.)`)
    if eo.kind == "na":
        return "N/A"
    return eo.instruction


# A mark's words spelled out, as the contract's markings abbreviate them (`(SECRET/NOFORN)` is S/NF,
# `1. CONFIDENTIAL - ENTIRE TEXT.` is C)
_ABBREVIATED = {"TOP SECRET": "TS", "SECRET": "S", "CONFIDENTIAL": "C", "UNCLASSIFIED": "U", "UNCLAS": "U",
                "NOFORN": "NF", "LIMITED OFFICIAL USE": "LOU", "SENSITIVE BUT UNCLASSIFIED": "SBU"}


def marking(mark) -> str:
    """A portion mark as the contract writes it: its level and controls abbreviated, joined by a slash."""
    return "/".join(_ABBREVIATED.get(token, token) for token in mark.tokens)


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
            "line": cable.disk_line(by.span.line),
        },
        "paragraphs": [
            {"number": p.number, "line": cable.disk_line(p.span.line),
             "marking": marking(p.mark) if p.mark else None,
             **({"marking_error": p.mark.error} if p.mark and p.mark.error else {})}
            for p in cable.paragraphs
        ],
        "classification_source": cable.level_source,
        "classification_line": None if cable.banner is None else {
            "line": cable.disk_line(cable.banner.span.line), "text": cable.banner.raw,
            "exact": cable.banner.level_exact,
        },
        "labels": _labels(cable),
        "artefacts": [{"kind": a.kind, "code": ARTEFACT_CODES[a.kind], **_where(cable, a.span), "detail": a.detail}
                      for a in cable.artefacts],
        "portions": [{"kind": p.kind, "label": p.label, "line": cable.disk_line(p.span.line),
                      "marking": marking(p.mark)} for p in cable.portions],
        "tag_kinds": None if tag_kind is None or not cable.tags else [
            {"tag": t.value, "kind": t.kind or tag_kind(t.value, date)} for t in cable.tags.tags
        ],
    }


# Every kind parse/artefacts/records.py makes must be here: the parse output names the code that reports it.
ARTEFACT_CODES = {"cut": "X003", "extract": "X003", "redacted": "X004", "spliced": "X005", "appended": "X005",
                  "retyped": "X006"}


def _labels(cable: Cable) -> dict:
    """Where each header field's label stands, as written (and whether it is misspelt)."""
    found: dict = {}
    for name, label in (("tags", cable.tags and cable.tags.label), ("subject", cable.subject and cable.subject.label)):
        if label:
            found[name] = {"text": label.text, **_where(cable, label.span), "misspelt": label.misspelt}
    by = cable.classified_by
    if by is not None and by.label and by.label_span is not None:
        found["classified_by"] = {"text": by.label, **_where(cable, by.label_span), "misspelt": by.label_misspelt}
    if cable.eo is not None:
        found["eo"] = {"text": cable.eo.raw.split(":")[0].strip(), **_where(cable, cable.eo.span), "misspelt": False}
    return found


def _where(cable: Cable, span) -> dict:
    """The line and column where `span` starts in the file on disk."""
    start = cable.on_disk(span)
    return {"line": start.line, "column": start.column}


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
        "  labels:         " + (", ".join(
            f"{name} '{label['text']}' line {label['line']}" + (" (misspelt)" if label["misspelt"] else "")
            for name, label in record["labels"].items()) or "-"),
        "  artefacts:      " + ("; ".join(
            f"{a['code']} {a['kind']} line {a['line']}" for a in record["artefacts"]) or "-"),
        "  paragraphs:     " + (", ".join(
            f"{p['number']}({p['marking'] or '-'})" for p in record["paragraphs"]) or "-"),
    ]
    return "\n".join(lines)
