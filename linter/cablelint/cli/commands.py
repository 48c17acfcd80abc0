"""The subcommands other than lint: parse, rules, explain, and the doors to report
(reportcommand.py) and clean (cache/results.py)."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from typing import Sequence

from ..cache import rulecache
from ..checks import all_rules, lookup
from ..errors import EXIT_ERROR, EXIT_OK, CliError
from ..parse.source import UnreadableError
from ..parse.summary import summarise, summary_text
from ..policy import precision, ruleset, tagvocab
from ..report.schedule import read_cable
from ..run.discovery import discover
from .options import _date


def parse(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="cablelint parse", description="Print what the grammar understood.")
    parser.add_argument("paths", nargs="+", metavar="PATH")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="origin date (overrides the routing header)")
    parser.add_argument("--rules", action="append", metavar="FILE", help="extra rule set (for tag kinds)")
    parser.add_argument("--debug", action="store_true")
    args = parser.parse_args(argv)
    try:
        rules = ruleset.load(args.rules or (), store=rulecache)
    except ruleset.RuleFileError as exc:
        raise CliError(str(exc)) from None
    found = discover(args.paths)
    status = EXIT_OK
    for path, why in found.problems:
        print(f"cablelint: {path}: {why}", file=sys.stderr)
        status = EXIT_ERROR
    records = []
    for path in found.files:
        try:
            cable = read_cable(path)  # at most the engine's size limit, like the lint
        except (OSError, UnreadableError) as exc:
            print(f"cablelint: {path}: {getattr(exc, 'strerror', None) or exc}", file=sys.stderr)
            status = EXIT_ERROR
            continue
        date = args.date or cable.origin_date
        records.append(summarise(cable, path, date, lambda value, day: tagvocab.kind_on(rules, value, day)))
    if args.format == "json":
        from ..formats.base import json_text

        sys.stdout.write(json_text(records, indent=2))
        sys.stdout.write("\n")
    else:
        sys.stdout.write("\n\n".join(summary_text(r) for r in records) + ("\n" if records else ""))
    return status


def rules(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="cablelint rules", description="List every rule: code, name, status (the "
                                     "severity in force, or preview), measured precision, summary.")
    parser.add_argument("--rules", action="append", metavar="FILE", help="show severities under this rule set")
    args = parser.parse_args(argv)
    try:
        active = ruleset.load(args.rules or (), store=rulecache)
        measured = precision.load()
    except (ruleset.RuleFileError, precision.PrecisionFileError) as exc:
        raise CliError(str(exc)) from None
    for spec in all_rules():
        severity = active.severity(spec.code, spec.severity)
        status = "preview" if spec.code in active.preview and severity != "off" else severity
        notes = " (with --release)" if spec.release_only else ""
        if status == "preview":
            notes += f" (preview: {severity} with --preview or --select {spec.code})"
        found = measured.get(spec.code)
        shown = found.describe() if found is not None else precision.NOT_MEASURED
        print(f"{spec.code}  {spec.name:<38} {status:<8} {shown:<13} {spec.summary}{notes}")
    for rule in active.custom:
        print(f"{rule.code}  {rule.name:<38} {rule.severity:<8} {'custom':<13} custom rule on {rule.scope}: "
              f"/{rule.pattern.pattern}/")
    return EXIT_OK


def explain(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="cablelint explain", description="Explain one rule.")
    parser.add_argument("code", metavar="CODE", help="a rule code (P001) or name (missing-portion-marking)")
    args = parser.parse_args(argv)
    spec = lookup(args.code)
    if spec is None:
        raise CliError(f"unknown rule {args.code!r}; `cablelint rules` lists them")
    try:
        defaults = ruleset.load(store=rulecache)
        found = precision.load().get(spec.code)
    except (ruleset.RuleFileError, precision.PrecisionFileError) as exc:
        raise CliError(str(exc)) from None
    severity = defaults.severity(spec.code, spec.severity)
    status = f"preview, {severity} when on" if spec.code in defaults.preview else severity
    wrap = lambda text: textwrap.fill(text, 92, initial_indent="  ", subsequent_indent="  ")  # noqa: E731
    indent = lambda text: textwrap.indent(text, "    ")  # noqa: E731
    print(f"{spec.code} {spec.name} [{status}]{' (only with --release)' if spec.release_only else ''}")
    print(f"\n  Measured precision: {found.describe() if found else precision.NOT_MEASURED} (findings on real "
          "cables judged by hand; it sets the default severity)")
    print(f"\n  Fires when: {spec.summary}.\n\nWhy (the policy it enforces):\n{wrap(spec.rationale)}")
    print(f"\nFails:\n{indent(spec.bad)}\n\nPasses:\n{indent(spec.good)}")
    if spec.options:
        print("\nOptions (set them in a rule set under rules: " + spec.code + "):")
        for name, default in spec.options.items():
            print(f"    {name}: {json.dumps(default)}")
    return EXIT_OK


def report(argv: Sequence[str]) -> int:
    from .reportcommand import report as run_report
    return run_report(argv)


def clean(argv: Sequence[str]) -> int:
    from ..cache.results import clean as run_clean
    return run_clean(argv)
