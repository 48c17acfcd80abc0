"""The command line itself: help and usage messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from cablelint.cli import _lint_parser
from clirun import run_main

CLEAN = (Path(__file__).resolve().parents[1] / "examples" / "clean-telegram.txt").read_text(encoding="utf-8")


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


def test_a_path_that_does_not_exist_beside_others_is_a_usage_error(tmp_path):
    """A typo in one of a CI job's folders must not turn the gate green: the others are linted and
    printed, the run ends in status 2, also with --quiet."""
    cable = tmp_path / "clean.txt"
    cable.write_text(CLEAN)
    for quiet in ((), ("-q",)):
        status, out, err = run_main(*quiet, "--as-of", "2008-04-02", str(tmp_path / "typo"), str(cable))
        assert status == 2 and "typo: no such file or directory" in err


def test_report_refuses_to_write_over_a_cable_it_reports_on(tmp_path):
    cable = tmp_path / "victim.txt"
    cable.write_text(CLEAN)
    status, out, err = run_main("report", "--output", str(cable), "--format", "csv", str(cable))
    assert status == 2 and "a file given to the report" in err and cable.read_text() == CLEAN
