"""The command line itself: help and usage messages."""

from __future__ import annotations

import pytest

from cablelint.cli import _lint_parser


@pytest.mark.parametrize("columns", [50, 140])
def test_help_is_sized_to_the_terminal(monkeypatch, columns):
    """The parser is built with a formatter that never asks the terminal's size (cli.py); the
    help it prints must still be wrapped to the terminal."""
    monkeypatch.setenv("COLUMNS", str(columns))
    text = _lint_parser().format_help()
    heading = "\noptions:" if "\noptions:" in text else "\noptional arguments:"  # (so before Python 3.10)
    lines = text[text.index(heading):].splitlines()  # (a usage group is never broken: not these)
    widest = max(map(len, lines))
    assert widest <= columns - 2
    assert widest > columns - 20  # used, not wrapped at some fixed width
