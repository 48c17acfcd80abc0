"""`cablelint PATH...`: resolve options, load the rule sets, lint, format, choose the exit status."""

from __future__ import annotations

import argparse
import collections
import heapq
import io
import os
import sys
from typing import Callable, Optional, Sequence, TextIO

from ..cache.replay import Recorder
from ..cache.replay import enabled as replay_enabled
from ..cache.statindex import MAX_FILES as MAX_REPLAYED_FILES
from ..checks.diagnostics import SEVERITY_RANK, Diagnostic, FileResult
from ..errors import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, CliError
from ..policy.rulesetmodel import Settings
from ..run.discovery import MISSING, STDIN, Discovery, discover
from ..run.engine import GATE
from ..run.runner import default_jobs
from . import effective
from .nearest import Nearest
from .options import LintOptions
from .outputs import PipeGuard, Sink
from .profiles import Profile, Profiles


def resolve(args: argparse.Namespace) -> LintOptions:
    """The run-wide options: defaults < GITHUB_ACTIONS < config file < command line (effective.py).
    Every LintOptions field set on the command line (fix, diff, ...) is taken over by name."""
    return effective.resolve(args)


def make_settings(options: LintOptions) -> Settings:
    return effective.make_settings(options)


def lint(args: argparse.Namespace, argv: Optional[list[str]] = None) -> int:
    """Lint the PATHs. With `argv` (the command line as typed), a run that may be replayed
    (replay.py) is recorded."""
    # a reader that went away (`cablelint cables/ 2>&1 | head`) changes neither the verdict nor
    # the files written: what is printed after that is dropped (outputs.PipeGuard)
    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = PipeGuard(sys.stdout), PipeGuard(sys.stderr)
    try:
        return _lint_guarded(args, argv)
    finally:
        sys.stdout, sys.stderr = streams


def _lint_guarded(args: argparse.Namespace, argv: Optional[list[str]]) -> int:
    options = resolve(args)
    if options.show_config is not None:
        from .showconfig import show_config

        show_config(options, make_settings, sys.stdout)
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
    """A run that only reads, from files, locally, with the cache: its output may be replayed.
    A release gate is never recorded (nor replayed: replay.py): anyone who can write the cache
    folder could forge its record."""
    writes = options.fix or options.diff or options.output_file or options.write_baseline
    return bool(options.cache and not writes and not options.dask and STDIN not in options.paths
                and not options.release and replay_enabled())


def _lint(options: LintOptions, recorder: "Optional[Recorder]" = None) -> int:
    if options.dask and STDIN in options.paths:
        raise CliError("--dask cannot read standard input ('-'): give the cables as files")
    nearest = Nearest(options, effective.working_directory())
    # the release gate lints every file it is given: exclusions and .gitignore files only say
    # what they would have left out (gate_notice)
    found = discover(options.paths, exclude=nearest, force_exclude=options.force_exclude,
                     gitignore=options.respect_gitignore, apply=not options.release)
    files = found.files
    if STDIN in files and options.stdin_filename and options.force_exclude and not options.release \
            and nearest.named(options.stdin_filename):
        files = tuple(f for f in files if f != STDIN)
    profiles = Profiles(nearest, make_settings)
    profiles.add(files, options.stdin_filename)
    profiles.open_caches(options.quiet)
    if recorder is not None:
        if all(p.cache is not None for p in profiles.all) and len(files) <= MAX_REPLAYED_FILES:
            recorder.depends = _dependencies(options, found, nearest, profiles)
        else:
            recorder.give_up()
    gate_problems: list[FileResult] = []
    # a path that does not exist is a usage error, also beside others that do (a typo in a CI job's
    # list of folders must not turn the gate green): the others are linted, the run ends in status 2
    missing = not options.release and any(why == MISSING for _, why in found.problems)
    if options.release:  # what the gate cannot read fails it
        gate_problems = unread_findings(found.problems)
    elif not options.quiet or missing:
        for path, why in found.problems:
            if why == MISSING or not options.quiet:
                print(f"cablelint: {path}: {why}", file=sys.stderr)
    if not files and found.problems and (not options.release or all(why == MISSING for _, why in found.problems)):
        if options.release or options.quiet:
            for path, why in found.problems:
                if not missing:
                    print(f"cablelint: {path}: {why}", file=sys.stderr)
        return EXIT_ERROR
    fixers: dict[int, Callable[[FileResult], FileResult]] = {}
    # the terminal's format, --output-file, --baseline / --write-baseline and the progress line;
    # with --diff, standard output carries only the diffs
    stdout = sys.stdout
    sink = Sink(options, len(files) + len(gate_problems), io.StringIO() if options.diff else stdout,
                stderr=recorder.real_stderr if recorder else None)  # the progress line is not replayed
    if options.release:
        gate_notice(profiles.all, found, sink.known.codes if sink.known else frozenset(), sys.stderr)
    counts: collections.Counter = collections.Counter()
    worst: Optional[int] = None
    internal = gate_failed = False
    sink.begin()
    results = profiles.results(options.jobs or default_jobs(), options.dask, options.stdin_filename)
    for result in heapq.merge(gate_problems, results, key=_order) if gate_problems else results:
        if (options.fix or options.diff) and not result.errors:
            if result is profiles.stdin_result:
                if not options.quiet:
                    print(f"cablelint: {STDIN}: standard input is not fixed", file=sys.stderr)
            else:
                result = _fixer(fixers, profiles, result.path, options)(result)  # the findings left are reported
        result = sink.take(result)  # what is left after the baseline (and, with --quiet, without notes)
        for diagnostic in result.diagnostics:
            counts[diagnostic.code] += 1
            rank = SEVERITY_RANK[diagnostic.severity]
            worst = rank if worst is None else max(worst, rank)
            gate_failed |= options.release and diagnostic.code in GATE
        internal |= _report_errors(result, options.debug)
    sink.end()
    stdout.flush()
    if options.statistics:
        _statistics(counts, stdout if options.format == "text" else sys.stderr)
        stdout.flush()
    if internal or missing:
        return EXIT_ERROR
    if gate_failed:
        return EXIT_FINDINGS  # --exit-zero and --fail-on do not open the gate
    if options.exit_zero:
        return EXIT_OK
    return EXIT_FINDINGS if worst is not None and worst >= SEVERITY_RANK[options.fail_on] else EXIT_OK


def _fixer(fixers: dict, profiles: Profiles, path: str, options: LintOptions) -> Callable[[FileResult], FileResult]:
    """The fixer of the configuration that applies to `path` (it re-lints with its settings)."""
    profile = profiles.for_path(path)
    fixer = fixers.get(id(profile))
    if fixer is None:
        from ..fix.fixer import Fixer  # it needs the parser, which a cached run never loads

        notes = io.StringIO() if options.quiet else None
        fixer = fixers[id(profile)] = Fixer(profile.settings(), write=options.fix,
                                            diff=sys.stdout if options.diff else None, notes=notes)
    return fixer


def _order(result: FileResult) -> str:
    return result.path


def unread_findings(problems: Sequence[tuple[str, str]]) -> list[FileResult]:
    """Under --release, each path that could not be listed, examined or read: an X001 error (a
    folder the gate cannot list may hold a classified cable)."""
    from ..policy.catalog import lookup

    spec = lookup("X001")
    name = spec.name if spec else "unreadable-file"
    return sorted((FileResult(path, (Diagnostic(path, 1, 1, "X001", 1, 1, name, "error",
                                                 f"{why}; under --release what cannot be read fails the gate"),))
                   for path, why in problems), key=_order)


def gate_notice(profiles: Sequence[Profile], found: Discovery, baselined: frozenset[str], stream: TextIO) -> None:
    """Say once what tried to switch the release gate off: under --release X001, R001 and R002
    always run as errors and always fail the run, and every file given is linted."""
    tried: list[str] = []
    for profile in profiles:
        tried += [t for t in gate_overrides(profile.options, profile.settings(), baselined) if t not in tried]
    if found.excluded:
        shown = ", ".join(f"{path} ({why})" for path, why in found.excluded[:3])
        more = f" and {len(found.excluded) - 3} more" if len(found.excluded) > 3 else ""
        tried.append(f"exclusions would leave out {shown}{more}: linted all the same")
    if tried:
        stream.write(f"cablelint: --release: {', '.join(GATE)} always run as errors and fail the run; "
                     f"overridden: {'; '.join(tried)}\n")


def gate_overrides(options: LintOptions, settings: Settings, baselined: frozenset[str] = frozenset()) -> list[str]:
    """What in the options, config, rule sets or baseline (`baselined`: the codes it records)
    would have dropped, downgraded, hidden or zeroed a gate rule, each with where it came from."""
    origins = dict(options.origins)

    def where(name: str) -> str:
        return f" ({origins.get(name, 'default')})"

    def hits(codes: Sequence[str]) -> list[str]:
        return [gate for gate in GATE if any(gate.startswith(code) for code in codes)]

    tried = []
    if settings.select and len(hits(settings.select)) < len(GATE):
        dropped = [gate for gate in GATE if gate not in hits(settings.select)]
        tried.append(f"select {','.join(options.select)} would drop {', '.join(dropped)}{where('select')}")
    if hits(options.ignore):
        tried.append(f"ignore {','.join(options.ignore)} would drop {', '.join(hits(options.ignore))}{where('ignore')}")
    for pattern, codes in options.per_file_ignores:
        if hits(codes):
            tried.append(f"per-file-ignores {pattern}: {', '.join(hits(codes))}{where('per_file_ignores')}")
    for code in GATE:
        severity = settings.ruleset.severity(code, "error")
        if severity != "error":
            tried.append(f"{code}: {severity} in the rule sets")
    if baselined & set(GATE):
        tried.append(f"the baseline records {', '.join(sorted(baselined & set(GATE)))}, which it does not hide "
                     f"under --release{where('baseline')}")
    if options.write_baseline:
        tried.append(f"--write-baseline still reports {', '.join(GATE)}{where('write_baseline')}")
    if options.exit_zero:
        tried.append(f"exit-zero{where('exit_zero')}")
    return tried


def _dependencies(options: LintOptions, found: Discovery, nearest: Nearest,
                  profiles: Profiles) -> Callable[[], list[str]]:
    """What the run's output depends on, beyond the command line (see replay.py), asked at its end:
    the rule-set files are known only once they are loaded (or the cache has vouched for them)."""
    from pathlib import Path

    from .config import PYPROJECT, YAML_NAME, candidates

    def paths() -> list[str]:
        rule_files: list[str] = []
        for profile in profiles.all:
            loaded = profile.settings.loaded
            rule_files += [str(f) for f in loaded.ruleset.files] if loaded else list(profile.cache.rule_files)
        given = [p for p in options.paths if p != STDIN]
        chosen = [options.config_file, options.baseline, *options.rules,
                  *(p.options.config_file for p in profiles.all)]
        unlisted = [path for path, _why in found.problems]  # a folder that could not be listed may open up
        configs = [os.path.join(folder, name) for folder in nearest.looked_in for name in (YAML_NAME, PYPROJECT)]
        return [*given, *found.folders, *unlisted, *found.files, *candidates(Path(os.getcwd())), *configs,
                *found.consulted, *(p for p in chosen if p), *rule_files]

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
