"""The lint command's options, and how they become engine Settings."""

from __future__ import annotations

import argparse
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Optional

from .. import patterns
from ..parse.dates import parse_iso

# Every long option has a config-file key of the same name (`as-of`, `fail-on`, ...); the command
# line wins over the config file, which wins over the defaults.

FORMAT_NAMES = ("text", "json", "sarif", "github", "junit")
SEVERITY_NAMES = ("error", "warning", "info")
COLOR_CHOICES = ("auto", "always", "never")


# A code or prefix is a family letter and up to three digits (`P`, `P0`, `D004`). It must name at
# least one rule of the catalog, or be a custom rule's (`C`, `C1`, `C123`: those are declared in rule
# sets, which are not read yet when the options are). A misspelt one would otherwise select
# nothing, or ignore nothing, without a word. The catalog is imported only when codes are given.

CODE_SHAPE = patterns.compile(r"[A-Z]\d{0,3}")


def _codes(text: str) -> tuple[str, ...]:
    """Comma-separated rule codes or prefixes; one that names no rule is a usage error (exit 2)."""
    codes = tuple(c.strip().upper() for c in text.split(",") if c.strip())
    for code in codes:
        why = unknown_code(code)
        if why:
            raise argparse.ArgumentTypeError(why)
    return codes


def unknown_code(code: str) -> Optional[str]:
    """None when `code` (upper case) names some rule; otherwise why not, with the likeliest meant."""
    from ..policy.catalog import CATALOG

    if CODE_SHAPE.fullmatch(code) and (code.startswith("C") or any(m.code.startswith(code) for m in CATALOG)):
        return None
    return f"{code!r} is not a rule code or prefix (`cablelint rules` lists them){_suggestion(code)}"


def _suggestion(code: str) -> str:
    import difflib  # only on this error

    from ..policy.catalog import CATALOG, lookup

    named = lookup(code)
    if named is not None:  # a rule's name where its code belongs
        return f"; did you mean {named.code} ({named.name})?"
    known = [meta.code for meta in CATALOG] + sorted({meta.code[0] for meta in CATALOG})
    close = difflib.get_close_matches(code, known, n=3, cutoff=0.6)
    return "; did you mean " + " or ".join(close) + "?" if close else ""


def _patterns(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in text.split(",") if p.strip())


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


def _dask_address(text: str) -> str:
    """A scheduler address (scheme://host:port or host:port) or "local"; anything else is most
    likely a PATH that `--dask` swallowed."""
    if text == "local" or re.fullmatch(r"(?:[a-z][a-z0-9+.-]*://)?[\w.\-\[\]:]+:\d+/?", text):
        return text
    raise argparse.ArgumentTypeError(f"{text!r} is not a scheduler address (tcp://host:8786); for a local "
                                     f"cluster put --dask after the paths")


def add_lint_options(parser: argparse.ArgumentParser) -> None:
    add = parser.add_argument
    add("paths", nargs="*", metavar="PATH", help="cable files or directories (searched for *.txt, *.cable, "
                                                 "*.tel); '-' reads one cable from standard input")
    add("--format", choices=FORMAT_NAMES, help="output format (default: text; github when GITHUB_ACTIONS is set)")
    add("--date", type=_date, metavar="YYYY-MM-DD", help="origin date to assume (overrides the routing header)")
    add("--as-of", type=_date, metavar="YYYY-MM-DD", help="the day the check is made (default: today)")
    add("--release", action="store_true", default=None, help="also apply the release gate (R rules)")
    add("--preview", action="store_true", default=None,
        help="also run preview rules (off by default: measured precision below 80%%; `cablelint rules` lists them)")
    add("--select", type=_codes, metavar="CODES", help="only these codes or prefixes, comma separated (P,D004)")
    add("--extend-select", type=_codes, action="extend", metavar="CODES",
        help="these codes or prefixes as well as those selected")
    add("--ignore", type=_codes, metavar="CODES", help="skip these codes or prefixes, comma separated")
    add("--exclude", type=_patterns, action="extend", metavar="GLOBS",
        help="files and folders to leave out of the folders searched, comma separated, replacing the default "
             "(venv, node_modules, site-packages, __pycache__); a glob with '/' is relative to the working directory")
    add("--extend-exclude", type=_patterns, action="extend", metavar="GLOBS",
        help="more files and folders to leave out")
    add("--force-exclude", action="store_true", default=None,
        help="apply the exclusions to files named on the command line too (as pre-commit names every file)")
    add("--no-respect-gitignore", dest="respect_gitignore", action="store_false", default=None,
        help="search folders without reading their .gitignore files")
    add("--rules", action="append", metavar="FILE", help="an extra YAML rule set over the defaults (repeatable)")
    add("--config", metavar="FILE", help="config file (default: .cablelint.yaml or [tool.cablelint] in "
                                         "pyproject.toml, searched upwards)")
    add("--fail-on", choices=SEVERITY_NAMES, help="lowest severity that makes the exit status 1 (default: error)")
    add("--jobs", type=_jobs, metavar="N", help="worker processes (default: number of CPUs)")
    add("--no-cache", dest="cache", action="store_false", default=None,
        help="neither read nor write the result cache ($CABLELINT_CACHE_DIR, else ./.cablelint_cache)")
    add("--dask", type=_dask_address, nargs="?", const="local", metavar="ADDRESS",
        help="lint on a Dask cluster: a scheduler address (tcp://host:8786), or a local cluster when no "
             "address is given (write --dask=ADDRESS, or --dask after the paths); needs cablelint[dask]")
    add("--statistics", action="store_true", default=None, help="after the diagnostics, a count per code")
    add("--exit-zero", action="store_true", default=None, help="exit 0 even when there are findings")
    add("--output-file", metavar="FILE", help="also write the diagnostics to FILE (the terminal keeps --format)")
    add("--output-format", choices=FORMAT_NAMES, help="format of --output-file (default: from its suffix: "
                                                      ".sarif sarif, .json json, .xml junit, .txt text)")
    add("--baseline", metavar="FILE", help="report only findings that are not recorded in this baseline")
    add("--write-baseline", metavar="FILE", help="record today's findings in FILE (for --baseline) and exit 0")
    add("--show-config", nargs="?", const="", metavar="PATH",
        help="print the settings in force for the file or folder PATH (default: the first PATH given, else the "
             "working directory) and where each comes from, then exit")
    add("--stdin-filename", metavar="PATH", help="the name of the cable read from standard input ('-'): it is "
                                                 "reported under it and its configuration is the one of PATH")
    add("-q", "--quiet", action="store_true", default=None,
        help="print the findings and nothing else: no progress line, no notes, no info findings (unless "
             "--fail-on info)")
    add("--color", choices=COLOR_CHOICES, help="colour the text output: auto (on a terminal, unless NO_COLOR "
                                               "is set), always or never (default: auto)")
    add("--debug", action="store_true", help="show tracebacks of internal errors")
    add("--fix", action="store_true", help="rewrite the TAGS line where the correction is purely typographic and "
                                           "certain (T002 case and separators, T005 repeated tags); never changes a "
                                           "classification, marking or declassification line. Files are replaced "
                                           "atomically; the findings that remain decide the exit status "
                                           "(command line only)")
    add("--diff", action="store_true", help="print the --fix changes as a unified diff instead of the findings, and "
                                            "write nothing (command line only)")


@dataclass(frozen=True)
class LintOptions:
    """Resolved lint options: defaults, then config file, then command line."""

    paths: tuple[str, ...] = ()
    format: str = "text"
    date: Optional[dt.date] = None
    as_of: dt.date = field(default_factory=dt.date.today)
    release: bool = False
    preview: bool = False                  # run preview rules too
    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    fail_on: str = "error"
    jobs: Optional[int] = None
    cache: bool = True                     # --no-cache
    dask: Optional[str] = None             # scheduler address, or "local"
    statistics: bool = False
    exit_zero: bool = False
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    output_file: Optional[str] = None
    output_format: Optional[str] = None
    baseline: Optional[str] = None
    write_baseline: Optional[str] = None
    show_config: Optional[str] = None      # "": the first path given, else the working directory
    color: str = "auto"
    exclude: Optional[tuple[str, ...]] = None  # None: DEFAULT_EXCLUDE; anchored (exclusion.anchor)
    extend_exclude: tuple[str, ...] = ()
    force_exclude: bool = False
    respect_gitignore: bool = True
    quiet: bool = False                    # command line only
    stdin_filename: Optional[str] = None   # command line only
    config_file: Optional[str] = None      # the config file in force (for --show-config)
    config_rules: Optional[Any] = None     # the config file's own rule-set layer (config.RuleLayer)
    origins: tuple[tuple[str, str], ...] = ()  # option name -> where its value came from
    command_line: tuple[tuple[str, Any], ...] = ()  # what the command line gave (it wins in every config)
    debug: bool = False
    fix: bool = False                      # command line only: a config file never rewrites cables
    diff: bool = False
