"""Possessive quantifiers (`X*+`) and atomic groups (`(?>X)`) on every Python the package supports.

The parser's patterns use them where backtracking would be quadratic on a hostile line (a line of
`DECL`s, a long line of capitals). Python's `re` reads them from 3.11; on 3.9 and 3.10 `portable`
writes each as `(?=(?P<_atomicN>X))(?P=_atomicN)`: the lookahead matches X once and is never entered
again, so the backreference takes exactly what it took, which is what an atomic group does. The
names are new for each group; a pattern's own groups keep their names and their order. A
match's `lastgroup` may then name an emulated group where no named group of the pattern closes
after it (`(?P<x>a)b*+`): a pattern read by its `lastgroup` keeps its possessive parts inside the
named groups (tests/test_compat.py checks the parser's).
"""

from __future__ import annotations

import itertools
import re
import sys
from typing import Any

NATIVE = sys.version_info >= (3, 11)
_QUANTIFIER = re.compile(r"[*+?]|\{\d*(?:,\d*)?\}")
_names = itertools.count()


def compile(pattern: str, flags: Any = 0) -> re.Pattern:
    """`re.compile`, for a pattern that may hold possessive quantifiers or atomic groups."""
    return re.compile(portable(pattern), flags)


def portable(pattern: str) -> str:
    """`pattern` as this Python's `re` reads it: unchanged from 3.11, emulated before."""
    if NATIVE or ("+" not in pattern and "(?>" not in pattern):
        return pattern
    out: list[str] = []
    _rewrite(pattern, 0, out, top=True)
    return "".join(out)


def _atomic(body: str) -> str:
    name = f"_atomic{next(_names)}"
    return f"(?=(?P<{name}>{body}))(?P={name})"


def _rewrite(pattern: str, at: int, out: list[str], top: bool = False) -> int:
    """Copy `pattern` from `at` into `out` up to the `)` closing the group being read (or the
    end, at the top level), rewriting what 3.10 cannot read; return where it stopped."""
    while at < len(pattern):
        if pattern[at] == ")" and not top:
            return at
        start = len(out)
        at = _atom(pattern, at, out)
        quantifier = _QUANTIFIER.match(pattern, at)
        if quantifier is None:
            continue
        out.append(quantifier.group())
        at = quantifier.end()
        if pattern.startswith("+", at):  # possessive: the atom and its quantifier, atomically
            out[start:] = [_atomic("".join(out[start:]))]
            at += 1
        elif pattern.startswith("?", at):  # lazy
            out.append("?")
            at += 1
    return at


def _atom(pattern: str, at: int, out: list[str]) -> int:
    """Copy one atom (an escape, a character class, a group or one character); return its end."""
    char = pattern[at]
    if char == "\\":
        out.append(pattern[at:at + 2])
        return at + 2
    if char == "[":
        end = _class_end(pattern, at)
        out.append(pattern[at:end])
        return end
    if char != "(":
        out.append(char)
        return at + 1
    atomic = pattern.startswith("(?>", at)
    opening = _group_opening(pattern, at)
    if opening.endswith(")"):  # inline flags for the whole pattern, `(?i)`: no group
        out.append(opening)
        return at + len(opening)
    inner: list[str] = []
    end = _rewrite(pattern, at + len(opening), inner)
    if atomic:
        out.append(_atomic("".join(inner)))
    else:
        out.append(opening + "".join(inner) + ")")
    return end + 1


def _group_opening(pattern: str, at: int) -> str:
    """The opening of the group at `at`: `(`, `(?:`, `(?P<name>`, `(?=`, `(?<!`, `(?>`, `(?i:` ..."""
    if not pattern.startswith("(?", at):
        return "("
    if pattern.startswith("(?P<", at):
        return pattern[at:pattern.index(">", at) + 1]
    if pattern.startswith(("(?<=", "(?<!"), at):
        return pattern[at:at + 4]
    if pattern.startswith("(?>", at):
        return "(?>"
    end = at + 2
    while pattern[end] not in ":)=!":  # inline flags, `(?i:` or `(?-i:`
        end += 1
    return pattern[at:end + 1]


def _class_end(pattern: str, at: int) -> int:
    """Where the character class opening at `at` ends (a `]` first in it is a member)."""
    end = at + 1
    if pattern.startswith("^", end):
        end += 1
    if pattern.startswith("]", end):
        end += 1
    while pattern[end] != "]":
        end += 2 if pattern[end] == "\\" else 1
    return end + 1

