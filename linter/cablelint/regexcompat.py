"""Possessive quantifiers (`X*+`) and atomic groups (`(?>X)`) on every Python the package supports.

The parser's patterns use them where backtracking would be quadratic on a hostile line (a line of
`DECL`s, a long line of capitals). Python's `re` reads them from 3.11; on 3.9 and 3.10 `portable`
writes each as `(?=(?P<_atomicN>X))(?P=_atomicN)`: the lookahead matches X once and is never entered
again, so the backreference takes exactly what it took, which is what an atomic group does.

The emulation adds groups, so it is exact only for what keeps its meaning: a pattern's named groups
keep their names and their order, but numbered groups would shift, so a pattern with an unnamed
capturing group, a conditional `(?(1)...)`, verbose syntax, or an atomic part inside a lookbehind
(a backreference has no fixed width) is refused with ValueError rather than rewritten wrongly. A
match's `lastgroup` may name an emulated group where no named group of the pattern closes after it
(`(?P<x>a)b*+`): a pattern read by its `lastgroup` keeps its possessive parts inside named groups.

`read` holds every pattern given to `portable`: tests/test_compat.py checks that each pattern of the
package written with these forms came through here, and compares both readings of each.
"""

from __future__ import annotations

import itertools
import re
import sys
from typing import Any

from . import patterns

NATIVE = sys.version_info >= (3, 11)
read: set[str] = set()
_QUANTIFIER = patterns.compile(r"[*+?]|\{(?:\d+(?:,\d*)?|,\d+)\}")
# An escape, whole: `\x41`, `\u00b6`, `\U0001f600`, `\N{EM DASH}`, an octal `\012` or `\101`, a
# group's number `\12`, or a backslash and one character
_ESCAPE = patterns.compile(r"\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|N\{[^}]*\}|0[0-7]{0,2}|[1-7][0-7]{2}"
                           r"|[1-9][0-9]?|.)", re.S)
_names = itertools.count()


def compile(pattern: str, flags: Any = 0) -> re.Pattern:
    """`re.compile`, for a pattern that may hold possessive quantifiers or atomic groups."""
    return patterns.compile(portable(pattern, flags), flags)


def portable(pattern: str, flags: Any = 0) -> str:
    """`pattern` as this Python's `re` reads it: unchanged from 3.11, emulated before."""
    read.add(pattern)
    if NATIVE or ("+" not in pattern and "(?>" not in pattern):
        return pattern
    rewriting = _Rewriting(pattern)
    out: list[str] = []
    rewriting.copy(0, out, top=True)
    if rewriting.emulated and (rewriting.numbered or rewriting.conditional or rewriting.verbose
                               or flags & re.VERBOSE):
        raise ValueError(f"regexcompat cannot emulate {pattern!r} exactly: its numbered groups, "
                         "conditionals or verbose syntax would change meaning")
    return "".join(out)


class _Rewriting:
    """One pattern read atom by atom: what it holds that the emulation must know of."""

    def __init__(self, pattern: str):
        self.pattern = pattern
        self.emulated = False   # an atomic part was written
        self.numbered = False   # an unnamed capturing group stands in the pattern
        self.conditional = False  # a group chosen by another's match, `(?(1)a|b)`
        self.verbose = False    # verbose syntax turned on inside, `(?x)`
        self.behind = 0         # how many lookbehinds the reading is inside

    def copy(self, at: int, out: list[str], top: bool = False) -> int:
        """Copy the pattern from `at` into `out` up to the `)` closing the group being read (or the
        end, at the top level), rewriting what 3.10 cannot read; return where it stopped."""
        pattern = self.pattern
        while at < len(pattern):
            if pattern[at] == ")" and not top:
                return at
            start = len(out)
            at = self._atom(at, out)
            quantifier = _QUANTIFIER.match(pattern, at)
            if quantifier is None:
                continue
            out.append(quantifier.group())
            at = quantifier.end()
            if pattern.startswith("+", at):  # possessive: the atom and its quantifier, atomically
                out[start:] = [self._atomic("".join(out[start:]))]
                at += 1
            elif pattern.startswith("?", at):  # lazy
                out.append("?")
                at += 1
        return at

    def _atomic(self, body: str) -> str:
        if self.behind:
            raise ValueError(f"regexcompat cannot emulate an atomic part inside a lookbehind: {self.pattern!r}")
        self.emulated = True
        name = f"_atomic{next(_names)}"
        return f"(?=(?P<{name}>{body}))(?P={name})"

    def _atom(self, at: int, out: list[str]) -> int:
        """Copy one atom (an escape, a character class, a group or one character); return its end."""
        pattern = self.pattern
        char = pattern[at]
        if char == "\\":
            end = _ESCAPE.match(pattern, at).end()
            out.append(pattern[at:end])
            return end
        if char == "[":
            end = _class_end(pattern, at)
            out.append(pattern[at:end])
            return end
        if char != "(":
            out.append(char)
            return at + 1
        opening = _group_opening(pattern, at)
        self.conditional |= opening.startswith("(?(")
        self.verbose |= opening[:2] == "(?" and opening[-1:] in ":)" and "x" in opening.split("-")[0]
        if opening.endswith(")"):  # inline flags for the whole pattern, `(?i)`, or a comment: no group
            out.append(opening)
            return at + len(opening)
        self.numbered |= opening == "("
        behind = opening in ("(?<=", "(?<!")
        self.behind += behind
        inner: list[str] = []
        end = self.copy(at + len(opening), inner)
        self.behind -= behind
        out.append(self._atomic("".join(inner)) if opening == "(?>" else opening + "".join(inner) + ")")
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
        end = _ESCAPE.match(pattern, end).end() if pattern[end] == "\\" else end + 1
    return end + 1
