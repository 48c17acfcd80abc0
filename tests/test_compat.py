"""The package on every Python and library version it declares: possessive quantifiers emulated
before Python 3.11 (regexcompat), and pyparsing's internals read only where every 3.1+ has them."""

from __future__ import annotations

import copy
import importlib
import pkgutil
import random
import re

import pyparsing as pp
import pytest

import cablelint
from cablelint import regexcompat
from cablelint.parse import grammar
from corpus import CABLEGATE, need

# (the comparisons need a Python that reads the possessive patterns natively; CI's .ci/oldest runs
# the whole linter on 3.9 as well)
native_only = pytest.mark.skipif(not regexcompat.NATIVE, reason="Python before 3.11 has no possessive quantifiers")
POSSESSIVE = re.compile(r"(?<!\\)[*+?}]\+|\(\?>")


def _grammar_patterns() -> dict[str, re.Pattern]:
    found, seen = {}, set()

    def walk(name: str, element: pp.ParserElement) -> None:
        if id(element) in seen:
            return
        seen.add(id(element))
        if isinstance(element, pp.Regex):
            found[f"{name}.{len(found)}"] = element.re
        for inner in element.recurse():
            walk(name, inner)

    for name, element in grammar.grammar()._asdict().items():
        walk(f"grammar.{name}", element)
    return found


def package_patterns() -> dict[str, re.Pattern]:
    """Every compiled pattern of the package, at a module's top level or in the grammar, that is
    written with possessive quantifiers or atomic groups."""
    found = _grammar_patterns()
    for info in pkgutil.walk_packages(cablelint.__path__, "cablelint."):
        if info.name.endswith(("__main__", ".regexcompat")):  # (importing it runs the command; the reader's own)
            continue
        try:
            module = importlib.import_module(info.name)
        except ImportError:  # (the language server's modules, without pygls)
            continue
        found.update((f"{info.name}.{name}", value) for name, value in vars(module).items()
                     if isinstance(value, re.Pattern))
    return {name: pattern for name, pattern in found.items()
            if isinstance(pattern.pattern, str) and POSSESSIVE.search(pattern.pattern)}


PATTERNS = package_patterns()


@native_only  # (before 3.11 the compiled patterns hold the emulation, no possessive syntax to find)
def test_every_possessive_pattern_of_the_package_is_read_through_regexcompat():
    """(a pattern compiled with plain `re.compile` would pass here on 3.11 and fail on 3.9)"""
    assert len(PATTERNS) >= 5  # the parser's: else the scan above has gone blind
    strays = [name for name, pattern in PATTERNS.items() if pattern.pattern not in regexcompat.read]
    assert not strays


def emulated(pattern: re.Pattern) -> re.Pattern:
    """`pattern` as Python 3.9 and 3.10 get it."""
    saved = regexcompat.NATIVE
    regexcompat.NATIVE = False
    try:
        return re.compile(regexcompat.portable(pattern.pattern, pattern.flags), pattern.flags)
    finally:
        regexcompat.NATIVE = saved


def _own_groups(found: re.Match) -> dict:
    return {k: v for k, v in found.groupdict().items() if not k.startswith("_atomic")}


def _same(native: re.Pattern, older: re.Pattern, text: str, lastgroup: bool = True) -> None:
    mine, theirs = list(native.finditer(text)), list(older.finditer(text))
    assert [m.span() for m in mine] == [m.span() for m in theirs], (native.pattern, text)
    for a, b in zip(mine, theirs):
        assert a.groupdict() == _own_groups(b)
        if lastgroup and a.lastgroup:  # (bodyscan reads it: see regexcompat)
            assert b.lastgroup == a.lastgroup
    whole, older_whole = native.fullmatch(text), older.fullmatch(text)
    assert (whole and whole.span()) == (older_whole and older_whole.span()), (native.pattern, text)


@native_only
@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_the_emulation_matches_as_the_possessive_pattern_does(name):
    native = PATTERNS[name]
    older = emulated(native)
    assert older.pattern != native.pattern
    pick = random.Random(name)
    alphabet = "DECL ON:;.,/&()ABDHSAND 1.4 5 0123 OTTAWA 00012 002 OF 004 REASONS xX\t'-\nE.O. 12958"
    for _ in range(1500):
        _same(native, older, "".join(pick.choice(alphabet) for _ in range(pick.randint(0, 60))))
    for text in ("DECL: DECL: DECL ON: 05/29/2013", "DECL" * 300 + ":", "OTTAWA 00001539 002 OF 003",
                 "A" * 5000 + " 00012 002 OF 004", "1.4 (B), (D), AND (H).", ", E.O. 12958, B AND D"):
        _same(native, older, text)


@native_only
def test_the_emulation_matches_on_real_lines():
    folder = need(CABLEGATE)
    texts = [path.read_text(encoding="utf-8", errors="replace") for path in sorted(folder.glob("*.txt"))[::9]]
    for native in PATTERNS.values():
        older = emulated(native)
        for text in texts:
            _same(native, older, text)


@native_only
def test_atomic_groups_and_other_syntax_are_rewritten_exactly():
    pairs = [(r"(?>ab|a)c", "abc ac"), (r"(?i)a{2,3}+a", "AAAA"), (r"[]a]*+x", "]a]x"),
             (r"(?P<x>a)(?P=x)*+", "aaa"), (r"a*?b+c??", "aabbc"), (r"[\]]++\]", "]]]"), (r"(?<=a)b*+", "abbb"),
             (r"\x41++B", "AAB"), (r"\u00b6*+1", "\u00b6\u00b61"), (r"\N{EM DASH}*+x", "\u2014x"), (r"\101*+B", "AB"),
             (r"a{}+", "a{}}"), (r"(?P<n>\d)(?#note)\d*+", "123")]
    for pattern, text in pairs:
        native = re.compile(pattern)
        _same(native, emulated(native), text, lastgroup=False)
    assert emulated(re.compile(r"a*?b+c??")).pattern == r"a*?b+c??"  # nothing possessive: unchanged


@pytest.mark.parametrize("pattern, flags", [(r"(a)*+(b)\2", 0), (r"(?P<a>x)?(?(a)y|z)*+", 0),
                                            (r"(?x) a *+", 0), (r"a *+", re.VERBOSE), (r"(?<=(?>a))b", 0)])
def test_what_the_emulation_cannot_keep_exact_is_refused(pattern, flags):
    saved = regexcompat.NATIVE
    regexcompat.NATIVE = False
    try:
        with pytest.raises(ValueError):
            regexcompat.portable(pattern, flags)
    finally:
        regexcompat.NATIVE = saved


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
