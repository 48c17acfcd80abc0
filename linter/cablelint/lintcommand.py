"""`cablelint PATH...`: resolve options, load the rule sets, lint, format, choose the exit status."""

from __future__ import annotations

import argparse
import collections
import sys
from typing import Optional

from . import ruleset
from .cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, CliError
from .diagnostics import SEVERITY_RANK, Diagnostic
from .discovery import discover
from .engine import FileResult, Settings
from .formats import FORMATS
from .options import LintOptions
from .runner import default_jobs, run


def resolve(args: argparse.Namespace) -> LintOptions:
    """The options in force: defaults, overridden by the command line."""
    values = {}
    for name in ("format", "date", "as_of", "release", "select", "ignore", "fail_on", "jobs", "statistics",
                 "exit_zero"):
        value = getattr(args, name, None)
        if value is not None:
            values[name] = value
    if args.rules:
        values["rules"] = tuple(args.rules)
    return LintOptions(paths=tuple(args.paths), debug=bool(args.debug), **values)


def make_settings(options: LintOptions) -> Settings:
    try:
        rules = ruleset.load(options.rules)
    except ruleset.RuleFileError as exc:
        raise CliError(str(exc)) from None
    return Settings(ruleset=rules, as_of=options.as_of, date=options.date, select=options.select,
                    ignore=options.ignore, release=options.release, per_file_ignores=options.per_file_ignores)


def lint(args: argparse.Namespace) -> int:
    options = resolve(args)
    if not options.paths:
        raise CliError("no PATH given (try `cablelint --help`; '-' reads standard input)")
    settings = make_settings(options)
    found = discover(options.paths)
    for path, why in found.problems:
        print(f"cablelint: {path}: {why}", file=sys.stderr)
    if not found.files and found.problems:
        return EXIT_ERROR
    formatter = FORMATS[options.format](sys.stdout)
    counts: collections.Counter = collections.Counter()
    worst: Optional[int] = None
    internal = False
    formatter.begin()
    for result in run(found.files, settings, options.jobs or default_jobs(), lambda: make_settings(options)):
        formatter.add(result)
        for diagnostic in result.diagnostics:
            counts[diagnostic.code] += 1
            rank = SEVERITY_RANK[diagnostic.severity]
            worst = rank if worst is None else max(worst, rank)
        internal |= _report_errors(result, options.debug)
    formatter.end()
    sys.stdout.flush()
    if options.statistics:
        _statistics(counts, sys.stdout if options.format == "text" else sys.stderr)
    if internal:
        return EXIT_ERROR
    if options.exit_zero:
        return EXIT_OK
    return EXIT_FINDINGS if worst is not None and worst >= SEVERITY_RANK[options.fail_on] else EXIT_OK


def _report_errors(result: FileResult, debug: bool) -> bool:
    for error in result.errors:
        print(f"cablelint: internal error in rule {error.code} on {error.path}: {error.error}"
              + ("" if debug else " (run with --debug for the traceback)"), file=sys.stderr)
        if debug:
            print(error.traceback, file=sys.stderr)
    return bool(result.errors)


def _statistics(counts: collections.Counter, stream) -> None:
    from .registry import lookup

    for code, count in sorted(counts.items()):
        spec = lookup(code)
        stream.write(f"{count:7d}  {code}  {spec.name if spec else ''}\n")
    stream.write(f"{sum(counts.values()):7d}  total\n")


__all__ = ["lint", "resolve", "make_settings", "Diagnostic"]
