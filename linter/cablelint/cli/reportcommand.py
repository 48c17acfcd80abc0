"""`cablelint report PATH... [--as-of DATE] [--date DATE] [--rules FILE] [--format table|csv|json|html]
[--output FILE]`: the declassification schedule of a collection."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
from typing import Sequence

from ..errors import EXIT_ERROR, EXIT_OK, CliError
from ..policy import ruleset
from ..policy.rulesetmodel import Settings
from ..report import csvfmt, html, jsonfmt, table
from ..report.schedule import UNREADABLE, Record, records
from ..run.discovery import MISSING, discover
from . import effective
from .options import LintOptions, _date
from .outputs import overwritten_input

# Loads the rule sets (with the config file's: .cablelint.yaml or [tool.cablelint], its date,
# as-of and rules) and resolves origin dates exactly as the lint command does; an unreadable
# cable is a row with status `unreadable` (and a note on standard error), not a crash. Exit status
# 0 when the report was written, 2 for a usage or rule-file error, a path that does not exist when
# no file was found at all, or an output file that cannot be written.

WRITERS = {"table": table.write, "csv": csvfmt.write, "json": jsonfmt.write, "html": html.write}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cablelint report",
        description="The declassification schedule of a collection: per cable its status on the as-of date "
                    "(declassified, due, not yet due, exempt, unknown, unclassified), with totals.")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="cable files or directories; '-' reads standard input")
    parser.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="the day of the schedule (default: today)")
    parser.add_argument("--date", type=_date, metavar="YYYY-MM-DD",
                        help="origin date to assume (overrides the routing header), as for the lint command")
    parser.add_argument("--rules", action="append", metavar="FILE", help="an extra YAML rule set (repeatable)")
    parser.add_argument("--config", metavar="FILE", help="config file (default: .cablelint.yaml or [tool.cablelint] "
                                                         "in pyproject.toml, searched upwards, as for the lint)")
    parser.add_argument("--format", choices=tuple(WRITERS), default="table", help="output format (default: table)")
    parser.add_argument("--output", metavar="FILE", help="write the report to FILE instead of standard output")
    return parser


def report(argv: Sequence[str]) -> int:
    args = _parser().parse_args(argv)
    options = _options(args)
    try:
        rules = effective.load_rules(options)  # the defaults, the config file's rule set, --rules files
    except ruleset.RuleFileError as exc:
        raise CliError(str(exc)) from None
    as_of = options.as_of
    settings = Settings(ruleset=rules, as_of=as_of, date=options.date)
    found = discover(args.paths)
    for path, why in found.problems:
        print(f"cablelint: {path}: {why}", file=sys.stderr)
    if not found.files and found.problems:
        return EXIT_ERROR
    if args.output is not None and (given := overwritten_input(args.output, found.files)) is not None:
        raise CliError(f"--output {args.output}: refused: {given} is a file given to the report; nothing written")
    rows: list[Record] = []
    for row in records(found.files, settings):
        if row.status == UNREADABLE:
            print(f"cablelint: {row.path}: {row.reason}", file=sys.stderr)
        rows.append(row)
    buffer = io.StringIO()
    WRITERS[args.format](buffer, rows, as_of, sources=tuple(args.paths))
    if args.output is None:
        sys.stdout.write(buffer.getvalue())
        return EXIT_ERROR if any(why == MISSING for _, why in found.problems) else EXIT_OK
    from ..fix import output  # as --output-file: never truncates a log or replaces a device or a link's target

    try:
        output.write(output.plan(args.output), buffer.getvalue().encode("utf-8", "surrogateescape"))
    except output.OutputRefused as why:
        raise CliError(f"--output {args.output}: refused: {why}") from None
    except OSError as exc:
        raise CliError(f"{args.output}: cannot write the report: {exc.strerror or exc}") from None
    return EXIT_ERROR if any(why == MISSING for _, why in found.problems) else EXIT_OK


def _options(args: argparse.Namespace) -> LintOptions:
    """The settings the report shares with the lint, from the command line over the config file
    (its `date`, `as-of`, `rules` and rule-set layer), as the lint resolves them. Only those:
    the config's `format` or `select` are the lint's."""
    cwd = effective.working_directory()
    found = effective.config_file(args.config, cwd)
    values = dict(found.values) if found else {}
    rules = tuple(values.get("rules", ())) + tuple(args.rules or ())
    return LintOptions(paths=tuple(args.paths), as_of=args.as_of or values.get("as_of") or dt.date.today(),
                       date=args.date or values.get("date"), rules=rules,
                       config_file=str(found.path) if found else None, config_rules=found.layer if found else None)
