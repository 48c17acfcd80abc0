"""Numbered paragraph heads and their portion marks, from grammar results to model nodes."""

from __future__ import annotations

from typing import Optional

from .elements import portion_mark
from .grammar import grammar
from .model import Paragraph, Span

_new_tuple = tuple.__new__  # named tuples made without their Python-level __new__ (see Span.on_line)

_NO_OPEN, _NO_CLOSE = "has no opening parenthesis", "has no closing parenthesis"
_head_match = None  # the paragraph head's compiled `match`, fetched on first use (see `paragraph`)


def paragraph(line: str, lineno: int) -> Optional[Paragraph]:
    """A numbered paragraph's head: its number and its portion mark, broken or not."""
    global _head_match
    if _head_match is None:
        # `grammar.match` of a lone Regex terminal is its compiled pattern's `match`: fetched once,
        # as this runs for every line of the body that starts like a paragraph (thousands a run)
        _head_match = grammar().paragraph_head.re_match
    found = _head_match(line, 0, 200)  # endpos 200: the same match as on line[:200], without the copy
    if found is None:
        return None
    md, num, closed, no_open, no_close = found.group("md", "num", "closed", "no_open", "no_close")
    # the first of the three mark groups that matched, as the grammar orders them
    if closed:
        mark = portion_mark(closed, found.start("closed"), lineno)
    elif no_open:
        mark = portion_mark(no_open, found.start("no_open"), lineno, _NO_OPEN)
    elif no_close:
        mark = portion_mark(no_close, found.start("no_close"), lineno, _NO_CLOSE)
    else:
        mark = None
    start, end = found.span("number")
    # The paragraph and its spans are made with tuple.__new__, without the named tuples' Python-level
    # __new__ (one per paragraph). They are what Span.on_line makes: the number has a digit, so
    # both spans are at least one column wide without its guard.
    number_span = _new_tuple(Span, (lineno, start + 1, lineno, end + 1))
    span = _new_tuple(Span, (lineno, start + 1, lineno, len(line.rstrip()) + 1))
    return _new_tuple(Paragraph, (int(md or num), number_span, mark, span))
