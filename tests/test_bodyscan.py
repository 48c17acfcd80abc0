"""The body scans find what running their pattern over the whole text finds."""

from __future__ import annotations

import pytest

from cablelint.parse import bodyscan

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
    # (less a line opening with the words in lower case and no colon: a sentence wrapped before them)
    expected = [(m.lastgroup, m.start()) for m in bodyscan._BODY.finditer(text, start)
                if m.lastgroup != "classified_by" or not bodyscan._wrapped_words(text, m.start())]
    line_start_kinds = [e for e in bodyscan.body_elements(text, start) if e[0] not in ("portion", "paragraph_inside")]
    assert line_start_kinds == expected
    assert any(kind == "classified_by" for kind, _ in bodyscan.body_elements(text, 0))  # each body has one


class _CountingText(str):
    """A text that counts the searches made on it for the bounds of lines."""

    searches = 0

    def find(self, *args):
        _CountingText.searches += 1
        return str.find(self, *args)

    def rfind(self, *args):
        _CountingText.searches += 1
        return str.rfind(self, *args)


@pytest.mark.parametrize("scan, unit", [
    (lambda text: bodyscan.body_elements(text, 0), "UNCLASSIFIED "),
    (lambda text: list(bodyscan.declassification_marks(text)), "DECLASSIFIED "),
    (lambda text: list(bodyscan.declassification_marks(text)), "DECLASSIFIED BY NARA "),
])
def test_a_long_line_of_words_is_bounded_once_not_once_per_word(scan, unit):
    """Each line's bounds are searched for once, not once for each of its words: on a megabyte
    line the searches back to its start made the scans quadratic (seconds for a 1 MB line)."""
    _CountingText.searches = 0
    found = scan(_CountingText(unit * 2000))
    assert _CountingText.searches <= 4
    assert len(found) == (1 if "NARA" in unit else 0)  # a stamp line is one mark, however many words it holds


class _SlicedText(str):
    """A text that counts the characters sliced out of it."""

    sliced = 0

    def __getitem__(self, key):
        part = str.__getitem__(self, key)
        _SlicedText.sliced += len(part)
        return part


@pytest.mark.parametrize("text", [
    "1. (C) x" + " -- (C) x" * 4000,                                    # bullets on one line
    "1. (C) x " + "End summary. 2.\n(SBU) y " * 2000,                   # heads cut before their marks
    "(S/CT) funds " + ("a" * 60 + "\n(S/CT) funds ") * 2000,            # marks opening wrapped lines
    " ".join(f"{n % 999 + 1}. The board met." for n in range(4000)),    # unmarked heads on one line
])
def test_a_long_text_is_not_sliced_once_per_mark(text):
    """Each mark or head is judged from the few characters around it: slicing the line up to each
    one made a megabyte line of marks quadratic (seconds)."""
    _SlicedText.sliced = 0
    bodyscan.body_elements(_SlicedText(text), 0)
    assert _SlicedText.sliced <= 20 * len(text)


def test_the_spans_of_many_references_on_one_line_read_it_once():
    from cablelint.parse.build import build
    from cablelint.parse.source import Source

    text = "SEE PARA 3 " * 2000
    _CountingText.searches = 0
    cable = build(Source(lines=(text,), encoding="utf-8", joined=_CountingText(text)))
    assert len(cable.paragraph_refs) == 2000 and cable.paragraph_refs[-1].span.column == len(text) - 1
    # (a few per reading, however many references: the quoted texts' openers and lead-ins look for
    # their words once each)
    assert _CountingText.searches <= 20


@pytest.mark.parametrize("text, found", [
    ("1. (C) First.  The talks went on: 2. (S) Second\n", [("paragraph", 0), ("paragraph_inside", 34)]),
    ("ETHANOL ------- 11. (U) Exports rose.\n", [("paragraph_inside", 16)]),
    ("Comment: 7. (C) Foreign Policy does\n", [("paragraph_inside", 9)]),
    ("A. (S/NF) Lettered.\n-- (S) A bullet.\n(C) Unnumbered text.\n  (SBU) Indented.\n",
     [("portion", 0), ("portion", 20), ("portion", 37), ("portion", 60)]),
    # not heads: a list of references, the authority, a number in prose, reason letters
    ("(C) STATE 123456\n(U) Classified by Jane Doe\non March 15 (C) said\nreasons 1.4 (c) and (d)\n", []),
])
def test_marked_heads_that_do_not_start_a_line_or_carry_no_number(text, found):
    assert [e for e in bodyscan.body_elements(text, 0) if e[0] in ("portion", "paragraph_inside", "paragraph")] == found
