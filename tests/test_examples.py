"""The sample cables in examples/ lint exactly as their .expected files say."""

from __future__ import annotations

from pathlib import Path

import pytest

from cablelint.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CABLES = sorted(EXAMPLES.glob("*.txt"))


def test_there_are_clean_and_faulty_examples():
    names = {p.stem for p in CABLES}
    assert {"clean-telegram", "faulty-telegram", "published-extract"} <= names


@pytest.mark.parametrize("cable", CABLES, ids=lambda p: p.stem)
def test_example_output_matches_expected(cable, capsys, monkeypatch):
    monkeypatch.chdir(EXAMPLES.parent)
    relative = str(cable.relative_to(EXAMPLES.parent))
    status = main(["--as-of", "2026-11-27", "--jobs", "1", relative])
    expected = cable.with_suffix(".expected").read_text()
    assert capsys.readouterr().out == expected
    has_error = any("[error]" in line for line in expected.splitlines())
    assert status == (1 if has_error else 0)
