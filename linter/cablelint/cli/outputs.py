"""Where a run's results go: the terminal's format, `--output-file`, the baseline, the progress line."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Mapping, Optional, TextIO

from ..checks.diagnostics import FileResult
from ..errors import CliError
from ..formats import FORMATS
from ..formats.base import Formatter
from ..run.engine import GATE
from .options import LintOptions
from .progress import ColourTextFormatter, Progress, use_colour

if TYPE_CHECKING:
    from ..fix.baseline import Baseline, Recorder
    from ..fix.output import Target

# `Sink.take` receives each file's result in order: it drops what `--baseline` records (so the
# formatters, which never filter, see only new findings), records findings for `--write-baseline`,
# and hands the result to the formatters. The second format is kept in memory and written to
# `--output-file` in one step at the end, so a failed run never leaves half a report behind.

SUFFIX_FORMATS = {".sarif": "sarif", ".json": "json", ".xml": "junit", ".txt": "text"}


def output_file_format(path: str, explicit: Optional[str]) -> str:
    """--output-format, or the format the file's suffix names."""
    if explicit:
        return explicit
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIX_FORMATS:
        known = ", ".join(f"{s} ({f})" for s, f in SUFFIX_FORMATS.items())
        raise CliError(f"--output-file {path}: cannot tell the format from the suffix (known: {known}); "
                       f"give --output-format")
    return SUFFIX_FORMATS[suffix]


class Sink:
    """Receives the run's results file by file; see the module docstring."""

    def __init__(self, options: LintOptions, total: int, stdout: Optional[TextIO] = None,
                 stderr: Optional[TextIO] = None, environ: Optional[Mapping[str, str]] = None):
        environ = os.environ if environ is None else environ
        stdout = sys.stdout if stdout is None else stdout
        stderr = sys.stderr if stderr is None else stderr
        self.stderr = stderr
        self.quiet = options.quiet
        self.progress = Progress(0 if options.quiet else total, stderr)
        # the files this run writes that are there already: one of them linted (named, or a cable in
        # a folder given to lint; `--output-file cable.txt cable.txt` replaced the cable with its
        # findings) is refused at the end, before anything is written
        self._written = _identities(options.output_file, options.write_baseline)
        self._written_linted: Optional[str] = None
        # --quiet: info findings are left out, unless they decide the exit status (--fail-on info)
        self.hide_info = options.quiet and options.fail_on != "info"
        self.known: Optional[Baseline] = _load_baseline(options.baseline)
        # under --release the gate's findings are never taken as known, nor only recorded
        self.keep: tuple[str, ...] = GATE if options.release else ()
        self.recorder: Optional[Recorder] = None
        if options.write_baseline:
            from ..fix import baseline

            _target("--write-baseline", options.write_baseline)  # refused now, before any work
            self.recorder = baseline.Recorder(options.write_baseline)
        self.formatters: list[Formatter] = []
        self.file: "Optional[tuple[Target, io.StringIO]]" = None
        if self.recorder is not None and not self.keep:
            return  # recording a baseline: everything found is accepted, nothing is reported
        colour = options.format == "text" and use_colour(options.color, stdout, environ)
        self.formatters.append(ColourTextFormatter(stdout) if colour else _formatter(options.format, stdout, options))
        if options.output_file:
            file_format = output_file_format(options.output_file, options.output_format)
            target = _target("--output-file", options.output_file)
            if target.how == "replace":
                folder = os.path.dirname(os.path.abspath(options.output_file))
                if not os.path.isdir(folder) or not os.access(folder, os.W_OK):
                    raise CliError(f"--output-file {options.output_file}: cannot write in {folder}")
            self.file = (target, io.StringIO())
            self.formatters.append(_formatter(file_format, self.file[1], options))

    def begin(self) -> None:
        for formatter in self.formatters:
            formatter.begin()

    def take(self, result: FileResult) -> FileResult:
        """Pass one file's result on; returns what is reported (after the baseline)."""
        if self._written and self._written_linted is None and _identity(result.path) in self._written:
            self._written_linted = result.path
        if self.recorder is not None:
            self.recorder.add(result)
            result = result._replace(diagnostics=tuple(d for d in result.diagnostics if d.code in self.keep))
        elif self.known is not None:
            result = self.known.filter(result, keep=self.keep)
        if self.hide_info and any(d.severity == "info" for d in result.diagnostics):
            result = result._replace(diagnostics=tuple(d for d in result.diagnostics if d.severity != "info"))
        if result.diagnostics:
            self.progress.clear()
        for formatter in self.formatters:
            formatter.add(result)
        self.progress.advance()
        return result

    def end(self) -> None:
        self.progress.clear()
        for formatter in self.formatters:
            formatter.end()
        if self._written_linted is not None:
            raise CliError(f"{self._written_linted} is a file given to lint, and this run would write its report "
                           "over it: refused, nothing written (name another file with --output-file or "
                           "--write-baseline)")
        if self.file is not None:
            from ..fix.output import write as write_output

            target, buffer = self.file
            try:
                write_output(target, buffer.getvalue().encode("utf-8", "surrogateescape"))
            except OSError as exc:
                raise CliError(f"--output-file {target.path}: cannot write: {exc.strerror or exc}") from None
        if self.recorder is not None:
            from ..fix.baseline import BaselineError

            try:
                self.recorder.write()
            except BaselineError as exc:
                raise CliError(str(exc)) from None
            if not self.quiet:
                print(f"cablelint: recorded {len(self.recorder.entries)} findings in {self.recorder.files} files "
                      f"to {self.recorder.path}", file=self.stderr)


def _formatter(name: str, stream: TextIO, options: LintOptions) -> Formatter:
    """The formatter `name` writing to `stream`. JUnit is told whether info findings fail the run:
    unless they do, they are notes of a passing test, not failures."""
    if name == "junit":
        from ..formats.junit import JunitFormatter  # (its XML imports cost ~20 ms: only when asked for)

        return JunitFormatter(stream, info_fails=options.fail_on == "info")
    return FORMATS[name](stream)


def _target(option: str, path: str) -> "Target":
    """How the file `option` names will be written (fix/output.py); CliError when it must not be."""
    from ..fix.output import OutputRefused
    from ..fix.output import plan as plan_output  # only runs that write a file import it

    try:
        return plan_output(path)
    except OutputRefused as why:
        raise CliError(f"{option} {path}: refused: {why}") from None


def _identity(path: str) -> Optional[tuple[int, int]]:
    try:
        found = os.stat(path)
    except (OSError, ValueError):
        return None
    return found.st_dev, found.st_ino


def overwritten_input(target: str, given: Iterable[str]) -> Optional[str]:
    """The first of the files `given` that writing `target` would replace (the same file, however
    either path is spelled: a link, `./`, a hard link), or None."""
    written = _identity(target)
    return None if written is None else next((path for path in given if _identity(path) == written), None)


def _identities(*paths: Optional[str]) -> frozenset:
    """The device and inode of each of `paths` that is a file already."""
    return frozenset(filter(None, (_identity(path) for path in paths if path)))


class PipeGuard:
    """Standard output that survives its reader going away (`cablelint cables/ | head`): once a
    write meets a broken pipe, the rest is dropped (the descriptor is pointed at the null device,
    so no later flush fails either), and the run goes on to its verdict and its other files."""

    def __init__(self, stream: TextIO):
        self._stream = stream
        self.broken = False

    def write(self, text: str) -> int:
        if not self.broken:
            try:
                return self._stream.write(text)
            except BrokenPipeError:
                self._break()
            except OSError as exc:  # (a full disk, `>/dev/full`: said as such, not as an internal error)
                raise CliError(f"cannot write to standard output: {exc.strerror or exc}") from None
        return len(text)

    def writelines(self, lines) -> None:  # (a formatter's whole report at once: guarded as each write is)
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        if not self.broken:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._break()
            except OSError as exc:
                raise CliError(f"cannot write to standard output: {exc.strerror or exc}") from None

    def _break(self) -> None:
        self.broken = True
        try:
            fd = self._stream.fileno()
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, fd)
            os.close(null)
        except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
            pass

    def __getattr__(self, name: str):
        return getattr(self._stream, name)  # isatty, encoding, fileno...: the real stream's


def _load_baseline(path: Optional[str]) -> Optional["Baseline"]:
    if not path:
        return None
    from ..fix.baseline import (  # imported only by runs that use a baseline
        BaselineError,
        load,
    )

    try:
        return load(path)
    except BaselineError as exc:
        raise CliError(str(exc)) from None
