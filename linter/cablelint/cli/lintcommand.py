"""`cablelint PATH...`: resolve options, load the rule sets, lint, format, choose the exit status."""

from __future__ import annotations

import argparse
import collections
import functools
import io
import os
import sys
from typing import Callable, Optional

from ..cache.replay import Recorder
from ..cache.replay import enabled as replay_enabled
from ..cache.results import prepare as open_cache
from ..cache.statindex import MAX_FILES as MAX_REPLAYED_FILES
from ..checks.diagnostics import SEVERITY_RANK, Diagnostic, FileResult
from ..errors import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, CliError
from ..policy import ruleset
from ..policy.rulesetmodel import Settings
from ..run.discovery import STDIN, Discovery, discover
from ..run.runner import Deferred, default_jobs, run
from . import effective
from .options import LintOptions
from .outputs import Sink


def resolve(args: argparse.Namespace) -> LintOptions:
    """The options in force: defaults < GITHUB_ACTIONS < config file < command line (effective.py).
    Every LintOptions field set on the command line (fix, diff, ...) is taken over by name."""
    return effective.resolve(args)


def make_settings(options: LintOptions) -> Settings:
    try:
        rules = effective.load_rules(options)  # the defaults, the config file's rule set, --rules files
    except ruleset.RuleFileError as exc:
        raise CliError(str(exc)) from None
    return Settings(ruleset=rules, as_of=options.as_of, date=options.date, select=options.select,
                    ignore=options.ignore, release=options.release, per_file_ignores=options.per_file_ignores,
                    preview=options.preview)


def lint(args: argparse.Namespace, argv: Optional[list[str]] = None) -> int:
    """Lint the PATHs. With `argv` (the command line as typed), a run that may be replayed
    (replay.py) is recorded."""
    options = resolve(args)
    if options.show_config:
        effective.show_config(options, make_settings(options).ruleset, sys.stdout)
        return EXIT_OK
    if not options.paths:
        raise CliError("no PATH given (try `cablelint --help`; '-' reads standard input)")
    if argv is None or not _replayable(options):
        return _lint(options)
    recorder = Recorder(argv)
    try:
        status = _lint(options, recorder)
    finally:
        recorder.restore()
    recorder.save(status)
    return status


def _replayable(options: LintOptions) -> bool:
    """A run that only reads, from files, locally, with the cache: its output may be replayed."""
    writes = options.fix or options.diff or options.output_file or options.write_baseline
    return bool(options.cache and not writes and not options.dask and STDIN not in options.paths and replay_enabled())


def _lint(options: LintOptions, recorder: "Optional[Recorder]" = None) -> int:
    settings = Deferred(lambda: make_settings(options))  # loaded only if a file is not cached
    try:
        cache = open_cache(options, settings)
    except OSError as exc:  # an unusable cache folder costs speed, not the run
        print(f"cablelint: warning: result cache disabled: {exc}", file=sys.stderr)
        cache = None
    found = discover(options.paths)
    if recorder is not None:
        if cache is not None and len(found.files) <= MAX_REPLAYED_FILES:
            recorder.depends = _dependencies(options, found, cache, settings)
        else:
            recorder.give_up()
    for path, why in found.problems:
        print(f"cablelint: {path}: {why}", file=sys.stderr)
    if not found.files and found.problems:
        return EXIT_ERROR
    fixer = None
    if options.fix or options.diff:
        from ..fix.fixer import (
            Fixer,  # it needs the parser, which a cached run never loads
        )

        fixer = Fixer(settings(), write=options.fix, diff=sys.stdout if options.diff else None)
    # the terminal's format, --output-file, --baseline / --write-baseline and the progress line;
    # with --diff, standard output carries only the diffs
    sink = Sink(options, len(found.files), io.StringIO() if options.diff else sys.stdout,
                stderr=recorder.real_stderr if recorder else None)  # the progress line is not replayed
    counts: collections.Counter = collections.Counter()
    worst: Optional[int] = None
    internal = False
    sink.begin()
    rebuild = functools.partial(make_settings, options)  # picklable: workers that cannot fork rebuild them
    for result in run(found.files, settings, options.jobs or default_jobs(), rebuild, cache=cache, dask=options.dask):
        if fixer is not None and not result.errors:
            result = fixer(result)  # the findings left after the fix are the ones reported
        result = sink.take(result)  # what is left after the baseline
        for diagnostic in result.diagnostics:
            counts[diagnostic.code] += 1
            rank = SEVERITY_RANK[diagnostic.severity]
            worst = rank if worst is None else max(worst, rank)
        internal |= _report_errors(result, options.debug)
    sink.end()
    sys.stdout.flush()
    if options.statistics:
        _statistics(counts, sys.stdout if options.format == "text" else sys.stderr)
    if internal:
        return EXIT_ERROR
    if options.exit_zero:
        return EXIT_OK
    return EXIT_FINDINGS if worst is not None and worst >= SEVERITY_RANK[options.fail_on] else EXIT_OK


def _dependencies(options: LintOptions, found: Discovery, cache, settings: Deferred) -> Callable[[], list[str]]:
    """What the run's output depends on, beyond the command line (see replay.py), asked at its end:
    the rule-set files are known only once they are loaded (or the cache has vouched for them)."""
    from pathlib import Path

    from .config import candidates

    def paths() -> list[str]:
        rule_files = [str(f) for f in settings.loaded.ruleset.files] if settings.loaded else list(cache.rule_files)
        given = [p for p in options.paths if p != STDIN]
        chosen = [options.config_file, options.baseline, *options.rules]
        return [*given, *found.folders, *found.files, *candidates(Path(os.getcwd())),
                *(p for p in chosen if p), *rule_files]

    return paths


def _report_errors(result: FileResult, debug: bool) -> bool:
    for error in result.errors:
        print(f"cablelint: internal error in rule {error.code} on {error.path}: {error.error}"
              + ("" if debug else " (run with --debug for the traceback)"), file=sys.stderr)
        if debug:
            print(error.traceback, file=sys.stderr)
    return bool(result.errors)


def _statistics(counts: collections.Counter, stream) -> None:
    from ..policy.catalog import lookup

    for code, count in sorted(counts.items()):
        spec = lookup(code)
        stream.write(f"{count:7d}  {code}  {spec.name if spec else ''}\n")
    stream.write(f"{sum(counts.values()):7d}  total\n")


__all__ = ["lint", "resolve", "make_settings", "Diagnostic"]
