"""The package on every Python and library version it declares: possessive quantifiers emulated
before Python 3.11 (regexcompat), and pyparsing's internals read only where every 3.1+ has them."""

from __future__ import annotations

import copy
import random
import re

import pytest

from cablelint import regexcompat
from cablelint.parse import bodyscan, elements, grammar, header

from corpus import CABLEGATE, need

# (the comparisons need a Python that reads the possessive patterns natively; CI's .ci/oldest runs
# the whole linter on 3.9 as well)
native_only = pytest.mark.skipif(not regexcompat.NATIVE, reason="Python before 3.11 has no possessive quantifiers")

# Every compiled pattern of the parser that holds a possessive quantifier (a new one belongs here)
PATTERNS = {
    "bodyscan._BODY": bodyscan._BODY,
    "bodyscan._HEADS": bodyscan._HEADS,
    "elements._REASONS_ONLY": elements._REASONS_ONLY,
    "header._STATEMENT_AFTER_LABEL": header._STATEMENT_AFTER_LABEL,
    "grammar.instruction": regexcompat.compile(grammar._DECL_KEYWORD + r"(?P<date>\d+/\d+/\d+).*", re.I),
}


def emulated(pattern: re.Pattern) -> re.Pattern:
    """`pattern` as Python 3.9 and 3.10 get it."""
    saved = regexcompat.NATIVE
    regexcompat.NATIVE = False
    try:
        return re.compile(regexcompat.portable(pattern.pattern), pattern.flags)
    finally:
        regexcompat.NATIVE = saved


@native_only
def test_every_listed_pattern_is_possessive():
    """(else the list has gone stale and the comparisons below prove nothing)"""
    for name, pattern in PATTERNS.items():
        assert "*+" in pattern.pattern or "++" in pattern.pattern, name
        assert emulated(pattern).pattern != pattern.pattern, name


def _same(native: re.Pattern, older: re.Pattern, text: str, lastgroup: bool = True) -> None:
    for at in range(0, len(text) + 1, max(1, len(text) // 8)):
        mine, theirs = native.match(text, at), older.match(text, at)
        assert (mine and mine.span()) == (theirs and theirs.span()), (native.pattern, text, at)
        if mine:
            if lastgroup and mine.lastgroup:  # (bodyscan reads it: see regexcompat)
                assert theirs.lastgroup == mine.lastgroup
            named = {k: v for k, v in theirs.groupdict().items() if not k.startswith("_atomic")}
            assert mine.groupdict() == named


@native_only
@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_the_emulation_matches_as_the_possessive_pattern_does(name):
    native = PATTERNS[name]
    older = emulated(native)
    pick = random.Random(name)
    alphabet = "DECL ON:;.,/&()ABDHSAND 1.4 5 0123 OTTAWA 00012 002 OF 004 REASONS xX\t'-"
    for _ in range(3000):
        _same(native, older, "".join(pick.choice(alphabet) for _ in range(pick.randint(0, 40))))
    for text in ("DECL: DECL: DECL ON: 05/29/2013", "DECL" * 300 + ":", "OTTAWA 00001539 002 OF 003",
                 "A" * 5000 + " 00012 002 OF 004", "1.4 (B), (D), AND (H).", ", E.O. 12958, B AND D"):
        _same(native, older, text)


@native_only
def test_the_emulation_matches_on_real_lines():
    folder = need(CABLEGATE)
    lines = [line for path in sorted(folder.glob("*.txt"))[::9]
             for line in path.read_text(encoding="utf-8", errors="replace").splitlines()]
    for native in PATTERNS.values():
        older = emulated(native)
        for line in lines:
            _same(native, older, line)


@native_only
def test_atomic_groups_and_other_syntax_are_rewritten_exactly():
    pairs = [(r"(?>ab|a)c", "abc"), (r"(?>ab|a)c", "ac"), (r"(?i)a{2,3}+a", "AAAA"), (r"[]a]*+x", "]a]x"),
             (r"(?P<x>a)(?P=x)*+", "aaa"), (r"a*?b+c??", "aabbc"), (r"[\]]++\]", "]]]"), (r"(?<=a)b*+", "abbb")]
    for pattern, text in pairs:
        native = re.compile(pattern)
        _same(native, emulated(native), text, lastgroup=False)
    assert emulated(re.compile(r"a*?b+c??")).pattern == r"a*?b+c??"  # nothing possessive: unchanged


def test_the_grammars_fast_path_reads_pyparsing_before_3_3_3():
    """pyparsing 3.1 to 3.3.2 have no `max_count` on a repetition: the fast path asked for it and
    every cable failed with an internal error."""
    label, repetition = grammar.grammar().tags_line.exprs
    repetition = copy.copy(repetition)
    if hasattr(repetition, "max_count"):
        del repetition.max_count
    assert grammar._repetition_of_terminal(repetition)
    tags_line = (label + repetition).parse_with_tabs()
    if grammar._head_and_repetition(grammar.grammar().tags_line) is not None:  # (3.1.0 takes the driver)
        assert grammar._head_and_repetition(tags_line) is not None  # the fast path, as for the real line
    found = grammar.repeated(tags_line, "TAGS: PREL, PGOV")
    assert [token.group() for token in found] == ["PREL", ",", "PGOV"]
