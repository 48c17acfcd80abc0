"""`grammar.match` and `grammar.repeated` walk the terminals' own patterns instead of the pyparsing
driver: they must give exactly the driver's answer, whitespace skipping included."""

from __future__ import annotations

import re

import pyparsing as pp
import pytest

from cablelint.parse.grammar import _alike_alternatives, grammar, match, parse

INSTRUCTIONS = [
    "", " ", "N/A", "NA.", "not applicable", "DECL: 05/29/2018", "DECLASSIFY ON: 1.4 B, D", "DECL: OADR",
    "X1", "25X1-HUM, 50X2 12/31/2030", "DECL: XGDS-2", "DNG: CO 06/09/2010", "DECL:", "XXXXXXXXX",
    "  DECL: 10 JUNE 2019  ", "\tUPON CLOSURE OF EMBASSY", "DECLASSIFIED", "1.6X6", "DECL 2019-01-01",
]


def _driver(expr: pp.ParserElement, text: str):
    results = parse(expr, text)
    return results[0] if results else None


def _same(found, expected) -> bool:
    if found is None or expected is None:
        return found is expected
    return found.re is expected.re and found.span() == expected.span() and found.groupdict() == expected.groupdict()


@pytest.mark.parametrize("text", INSTRUCTIONS)
def test_the_instruction_alternatives_match_as_the_driver_does(text):
    expr = grammar().instruction
    assert _alike_alternatives(expr) is not None  # the shortcut is taken
    assert _same(match(expr, text), _driver(expr, text))


def _alternatives(*patterns: str, skip=(True,)) -> pp.ParserElement:
    terms = [pp.Regex(p, re.I, as_match=True) for p in patterns]
    for term, skips in zip(terms, skip * len(terms)):
        if not skips:
            term.leave_whitespace()
    expr = pp.MatchFirst(terms)
    expr.parse_with_tabs()
    return expr


@pytest.mark.parametrize("text", ["", "ab", "  ab", "\tabc", " \n b", "c", "  c  ", "x"])
@pytest.mark.parametrize("skip", [(True,), (False,), (True, False), (False, True, True)])
def test_alternatives_skip_whitespace_as_the_driver_does(text, skip):
    expr = _alternatives(r"(?P<a>a)b", r"(?P<b>\s*b)", r"c\s*$", skip=skip)
    assert (_alike_alternatives(expr) is None) == (len(set(skip)) > 1)  # mixed skipping: each its own
    assert _same(match(expr, text), _driver(expr, text))


def test_alternatives_with_other_whitespace_are_tried_each_with_its_own():
    expr = _alternatives(r"a", r"b")
    expr.exprs[1].set_whitespace_chars(" ")
    assert _alike_alternatives(expr) is None
    for text in ["\ta", "\tb", " b", " a"]:
        assert _same(match(expr, text), _driver(expr, text))
