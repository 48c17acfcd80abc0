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
