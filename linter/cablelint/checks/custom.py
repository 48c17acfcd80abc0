"""Custom rules (C100-C999) from the rule sets: a pattern looked for, or required, in one part of
the cable. Patterns run in RE2 (policy/customrules.py), in time linear in the text, so no rule
needs a time limit; matching runs line by line on lines cut at 4096 characters."""

from __future__ import annotations

from typing import Iterator

from ..parse.model import Span
from ..policy.customrules import CustomRule
from .context import Context
from .diagnostics import Finding

MAX_LINE = 4096


def _paragraph_ranges(ctx: Context, rule: CustomRule) -> list[tuple[int, int]]:
    cable = ctx.cable
    starts = [p.span.line for p in cable.paragraphs]
    ends = starts[1:] + [len(cable.lines) + 1]
    ranges = []
    for paragraph, start, end in zip(cable.paragraphs, starts, ends):
        if rule.marking:
            mark = paragraph.mark
            meaning = ctx.meaning(mark) if mark else None
            written = {mark.tokens[0] if mark.tokens else "", meaning.level or ""} if meaning is not None else set()
            if meaning is None or not (written & set(rule.marking)):
                continue
        ranges.append((start, end))
    return ranges


def scope_lines(ctx: Context, rule: CustomRule) -> list[tuple[int, int]]:
    """[start, end) line ranges (1-based) the rule looks at."""
    cable = ctx.cable

    def of(span):
        return [(span.line, span.end_line + 1)] if span is not None else []

    scopes = {
        "banner": lambda: of(cable.banner.span if cable.banner else None),
        "captions": lambda: [r for c in cable.captions for r in of(c.span)],
        "eo": lambda: of(cable.eo.span if cable.eo else None),
        "tags": lambda: of(cable.tags.span if cable.tags else None),
        "subject": lambda: of(cable.subject.span if cable.subject else None),
        "classified-by": lambda: of(cable.classified_by.span if cable.classified_by else None),
        "paragraph": lambda: _paragraph_ranges(ctx, rule),
        "text": lambda: [(1, len(cable.lines) + 1)],
    }
    return scopes[rule.scope]()


def run(ctx: Context, rule: CustomRule) -> Iterator[Finding]:
    ranges = scope_lines(ctx, rule)
    if not ranges:
        return
    found_any = False
    for start, end in ranges:
        for lineno in range(start, end):
            line = ctx.cable.lines[lineno - 1][:MAX_LINE]
            for match in rule.pattern.finditer(line):
                found_any = True
                if rule.mode == "forbid":
                    text = match.group(0)[:60]
                    yield Finding(Span.on_line(lineno, match.start(), match.end()),
                                  rule.message.replace("{match}", text))
                break
    if rule.mode == "require" and not found_any:
        yield Finding(Span(ranges[0][0], 1, ranges[0][0], 1), rule.message.replace("{match}", ""))
