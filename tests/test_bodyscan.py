"""The body scans find what running their pattern over the whole text finds."""

from __future__ import annotations

import pytest

from cablelint import bodyscan

TEXTS = [
    "DECLASSIFIED BY NARA ON 1/2/2010\n1. (C) TEXT.",
    "De-Classified on: 2010-01-02\nundeclassified text, de-classified, DEclassified\n",
    "declassifieddeclassified de-de-classified de-\nclassified classified declassified",
    "classified by: x\n\u201cdeclassified\u201d \u00b6 DE-CLASSIFIED\n",
    "SEE PARA 3 AND PARAGRAPHS 4, paras. 5, ParaPARA 6 para",
]


@pytest.mark.parametrize("text", TEXTS)
def test_declassified_words_are_all_found(text):
    pattern = bodyscan._DECLASSIFIED_WORD
    found = bodyscan._caseless_finditer(pattern, text, b"classified", (b"de", b"de-"))
    assert [m.span() for m in found] == [m.span() for m in pattern.finditer(text)]


@pytest.mark.parametrize("text", TEXTS)
def test_paragraph_words_are_all_found(text):
    pattern = bodyscan._PARA_WORD
    found = bodyscan._caseless_finditer(pattern, text, b"para")
    assert [m.span() for m in found] == [m.span() for m in pattern.finditer(text)]


BODIES = [
    "HEADER\n1. (C) TEXT.\nCLASSIFIED BY: JANE DOE, REASON 1.4 (B)\n2. (U) MORE.\n",
    "  (U) Classified by Jane Doe\n1. CLASSIFIED BY THE POST\nROME 00000123  002 OF 003\nclassified  by\n",
    "SEE THE DECLASSIFIED TEXT; classified by hand\n\tCLASSIFIED\tBY X\n(U)classified by\nCLASSIFIED BYE\n",
    "\u201cQUOTED\u201d CLASSIFIED BY X\n\u00b6 3. TEXT\nCLASSIFIED BY Y",
    "CLASSIFIED BY X\n1. TEXT \u017f\nCLASSIFIED BY Y\n",  # a fold trap: the whole pattern on every line
]


@pytest.mark.parametrize("text", BODIES)
@pytest.mark.parametrize("start", [0, 7, 12])
def test_body_elements_read_every_line_as_the_whole_pattern_does(text, start):
    expected = [(m.lastgroup, m.start()) for m in bodyscan._BODY.finditer(text, start)]
    assert list(bodyscan.body_elements(text, start)) == expected
    assert any(kind == "classified_by" for kind, _ in bodyscan.body_elements(text, 0))  # each body has one
