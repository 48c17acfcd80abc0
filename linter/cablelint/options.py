"""The lint command's options, and how they become engine Settings.

Every long option has a config-file key of the same name (`as-of`, `fail-on`, ...); the command
line wins over the config file, which wins over the defaults.
"""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import dataclass, field
from typing import Optional

from .dates import parse_iso

FORMAT_NAMES = ("text", "json", "sarif", "github", "junit")
SEVERITY_NAMES = ("error", "warning", "info")


def _codes(text: str) -> tuple[str, ...]:
    return tuple(c.strip().upper() for c in text.split(",") if c.strip())


def _date(text: str) -> dt.date:
    try:
        return parse_iso(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of processes") from None
    if value < 1:
        raise argparse.ArgumentTypeError("--jobs must be 1 or more")
    return value


def add_lint_options(parser: argparse.ArgumentParser) -> None:
    add = parser.add_argument
    add("paths", nargs="*", metavar="PATH", help="cable files or directories (searched for *.txt, *.cable, "
                                                 "*.tel); '-' reads one cable from standard input")
    add("--format", choices=FORMAT_NAMES, help="output format (default: text; github when GITHUB_ACTIONS is set)")
    add("--date", type=_date, metavar="YYYY-MM-DD", help="origin date to assume (overrides the routing header)")
    add("--as-of", type=_date, metavar="YYYY-MM-DD", help="the day the check is made (default: today)")
    add("--release", action="store_true", default=None, help="also apply the release gate (R rules)")
    add("--select", type=_codes, metavar="CODES", help="only these codes or prefixes, comma separated (P,D004)")
    add("--ignore", type=_codes, metavar="CODES", help="skip these codes or prefixes, comma separated")
    add("--rules", action="append", metavar="FILE", help="an extra YAML rule set over the defaults (repeatable)")
    add("--config", metavar="FILE", help="config file (default: .cablelint.yaml or [tool.cablelint] in "
                                         "pyproject.toml, searched upwards)")
    add("--fail-on", choices=SEVERITY_NAMES, help="lowest severity that makes the exit status 1 (default: error)")
    add("--jobs", type=_jobs, metavar="N", help="worker processes (default: number of CPUs)")
    add("--statistics", action="store_true", default=None, help="after the diagnostics, a count per code")
    add("--exit-zero", action="store_true", default=None, help="exit 0 even when there are findings")
    add("--debug", action="store_true", help="show tracebacks of internal errors")


@dataclass(frozen=True)
class LintOptions:
    """Resolved lint options: defaults, then config file, then command line."""

    paths: tuple[str, ...] = ()
    format: str = "text"
    date: Optional[dt.date] = None
    as_of: dt.date = field(default_factory=dt.date.today)
    release: bool = False
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    fail_on: str = "error"
    jobs: Optional[int] = None
    statistics: bool = False
    exit_zero: bool = False
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    debug: bool = False
