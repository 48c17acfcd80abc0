"""Replay of an unchanged run: the same command, run again over nothing changed, prints what the
last such run printed and exits with its status, without loading the linter."""

from __future__ import annotations

import json
import os
import stat
import sys
import time
import zlib

from .. import __version__
from . import LAYOUT, cache_top, write_unsynced

# This is the result cache's outer layer (cache.py keeps one entry per file content; this keeps one
# per command). A run records its output with the status (size, modification and change times,
# inode, device, mode) of everything its result depends on: each file linted, each folder searched
# (adding or removing a file changes a folder's times), each path given, the config files found or
# that could be found (from the working directory upwards), the rule-set files, the baseline and
# cablelint's own modules. A replay stats every one of them; any difference, or another command
# line, working directory, day (the default --as-of is today), Python, environment variable that
# cablelint reads, or a terminal in place of a pipe means a normal run.
#
# As in git's index, a run is not recorded when something it depends on changed less than
# RACY_SECONDS before the run started: a later change within the same clock tick could leave the
# times as recorded. Runs that write files (--fix, --output-file, --write-baseline), read standard
# input, use --dask or --no-cache, or end in an internal error are never recorded; nor is a release
# gate, which is never replayed either (may_release): anyone who can write the cache folder could
# forge its record.
#
# This module imports only the standard library's lightest parts (not even `typing`: annotations
# are never evaluated): a replay must cost little more than starting Python.

FORMAT = 1
RACY_SECONDS = 2
MAX_OUTPUT_CHARS = 32 * 1024 * 1024  # a larger output is printed, not kept
MAX_DEPENDENCIES = 50_000
MAX_RECORDS = 64  # one per command line: pre-commit passes other files each time, so old ones go
# Every environment variable that can change what a run prints.
ENVIRONMENT = ("CABLELINT_CACHE_DIR", "GITHUB_ACTIONS", "NO_COLOR", "TERM")
SWITCH = "CABLELINT_REPLAY"  # "off": neither replay nor record (the benchmark times the cache without it)
STDIN = "-"  # as discovery.STDIN, which this module does not import: a replay must start light
_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # cablelint/
_clock = time.time_ns  # tests move it


def replay(argv: list[str]) -> int | None:
    """Print the recorded output of `argv` and return its exit status, if nothing it depends on
    changed; None (and nothing printed) otherwise."""
    if STDIN in argv or not enabled() or may_release(argv):
        return None
    try:
        with open(_record_path(argv), "rb") as handle:
            record = json.loads(handle.read())
        if record["key"] != _key(argv):
            return None
        if any(_status(path) != status for path, status in record["depends"]):
            return None
        out, err, status = record["stdout"], record["stderr"], record["status"]
        if not (isinstance(out, str) and isinstance(err, str) and status in (0, 1)):
            return None
    except (OSError, ValueError, KeyError, TypeError, RecursionError):  # no record, or a damaged one
        return None
    _say(sys.stdout, out)  # a reader that went away changes nothing: the status is the run's
    _say(sys.stderr, err)
    return status


def _say(stream, text: str) -> None:
    """Write and flush `text`; on a broken pipe, point the stream's descriptor at the null device,
    so that nothing later (the exit's own flush) fails on it either."""
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        try:
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, stream.fileno())
            os.close(null)
        except (OSError, ValueError, AttributeError):
            pass


def may_release(argv: list[str]) -> bool:
    """Whether `argv` may be a release gate, told before its options are parsed: `--release` (or
    an abbreviation argparse accepts), or a config file that may set `release` (the one named
    with `--config`, or any found from the working directory upwards). A gate is never replayed:
    anyone who can write the cache folder could forge its record. Erring towards True only costs
    the replay."""
    named = _named_config(argv)
    if named is False:
        return True
    for token in argv:
        if token == "--":
            break
        if len(token) > 3 and "--release".startswith(token.split("=", 1)[0]) and token.startswith("--re"):
            return True
    if named is not None:
        return _config_may_release(named)
    try:
        folder = os.getcwd()
    except OSError:
        return True
    while True:
        for name in (".cablelint.yaml", "pyproject.toml"):
            verdict = _config_may_release(os.path.join(folder, name))
            if verdict:
                return True
        parent = os.path.dirname(folder)
        if parent == folder:
            return False
        folder = parent


def _named_config(argv: list[str]):
    """The path given with `--config` (or an abbreviation), None without one, False when it
    cannot be told (the option ends the command line)."""
    for index, token in enumerate(argv):
        if token == "--":
            return None
        option, equals, value = token.partition("=")
        if len(option) >= 5 and "--config".startswith(option):
            if equals:
                return value
            return argv[index + 1] if index + 1 < len(argv) else False
    return None


MAX_CONFIG_BYTES = 1024 * 1024  # as cli/config.py: a larger config file is refused by the run


def _config_may_release(path: str) -> bool:
    """Whether the config file at `path` may set `release`: it names it, or writes a key with an
    escape (YAML "\x72elease", TOML "\u0072elease"), or cannot be read here (the run will say
    why). A pyproject.toml that cannot hold our table (see tomlconfig.may_hold_tool_table) sets
    nothing. False when there is no file."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False  # config.find passes over what is not a regular file...
    except (OSError, ValueError):
        return False  # ...and a folder it cannot search
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_CONFIG_BYTES + 1)
    except (OSError, ValueError):
        return not path.endswith("pyproject.toml")  # another project's unreadable pyproject is passed over
    if path.endswith("pyproject.toml"):
        if b"cablelint" not in data and b"\\u" not in data and b"\\U" not in data:
            return False
        return b"release" in data or b"\\u" in data or b"\\U" in data or len(data) > MAX_CONFIG_BYTES
    return b"release" in data or b"\\" in data or len(data) > MAX_CONFIG_BYTES


def enabled() -> bool:
    return os.environ.get(SWITCH, "").lower() != "off"


class Recorder:
    """Keeps a copy of what a run prints (installed as sys.stdout and sys.stderr until `save`)."""

    def __init__(self, argv: list[str]):
        self.argv = list(argv)
        self.key = _key(self.argv)  # before the streams are replaced: it asks whether they are terminals
        self.started = _clock()
        self.real_stdout, self.real_stderr = sys.stdout, sys.stderr
        self.stdout, self.stderr = _Tee(sys.stdout), _Tee(sys.stderr)
        sys.stdout, sys.stderr = self.stdout, self.stderr
        self.depends = None  # a callable giving the paths the output depends on, set by the run

    def give_up(self) -> None:
        """This run will not be recorded (too many files): stop keeping a copy of its output."""
        self.stdout.drop()
        self.stderr.drop()

    def restore(self) -> None:
        sys.stdout, sys.stderr = self.real_stdout, self.real_stderr

    def save(self, status: int) -> None:
        """Record the run, unless it failed, printed too much or read something changed too recently."""
        self.restore()
        if self.depends is None or status not in (0, 1) or self.stdout.overflow or self.stderr.overflow:
            return
        paths = list(dict.fromkeys(self.depends() + _modules()))
        if len(paths) > MAX_DEPENDENCIES:
            return
        horizon = self.started - RACY_SECONDS * 1_000_000_000
        statuses = []
        for path in paths:
            status_now = _status(path)
            if isinstance(status_now, list) and len(status_now) > 2 and max(status_now[1:3]) >= horizon:
                return  # changed just before or during the run: a replay could not tell a later change
            statuses.append([path, status_now])
        record = {"key": self.key, "depends": statuses, "stdout": self.stdout.text(),
                  "stderr": self.stderr.text(), "status": status}
        target = _record_path(self.argv)
        write_unsynced(target, json.dumps(record).encode())  # ASCII: paths and output may hold lone surrogates
        _prune(os.path.dirname(target), MAX_RECORDS)


class _Tee:
    """A text stream that writes through to `stream` and keeps a copy of what was written."""

    def __init__(self, stream):
        self._stream = stream
        self._parts: list[str] = []
        self._size = 0
        self.overflow = False

    def write(self, text: str) -> int:
        written = self._stream.write(text)
        if not self.overflow:
            self._size += len(text)
            if self._size > MAX_OUTPUT_CHARS:
                self.drop()
            else:
                self._parts.append(text)
        return written

    def drop(self) -> None:
        self.overflow, self._parts = True, []

    def writelines(self, lines: list[str]) -> None:
        for line in lines:
            self.write(line)

    def text(self) -> str:
        return "".join(self._parts)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)  # isatty, flush, encoding...: the real stream's


def _key(argv: list[str]) -> list:
    return [FORMAT, __version__, sys.executable, _PACKAGE, os.getcwd(), list(argv),
            [os.environ.get(name) for name in ENVIRONMENT], time.strftime("%Y-%m-%d"),
            _terminal(sys.stdout), _terminal(sys.stderr), getattr(sys.stdout, "encoding", None)]


def _record_path(argv: list[str]) -> str:
    """One record per command line and folder; a new day's run replaces the last one."""
    name = zlib.crc32(json.dumps([os.getcwd(), list(argv), sys.executable]).encode())
    return os.path.join(cache_top(), LAYOUT, "runs", f"{name:08x}.json")


def _status(path: str):
    """[size, mtime, ctime, inode, device, mode] of `path`; None if it does not exist."""
    try:
        status = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except (OSError, ValueError) as exc:
        return ["unreadable", getattr(exc, "errno", None)]
    return [status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_dev, status.st_mode]


def _prune(folder, keep: int) -> None:
    """Remove all but the `keep` most recently written records."""
    try:
        with os.scandir(folder) as listing:
            records = [(entry.stat().st_mtime_ns, entry.path) for entry in listing if entry.name.endswith(".json")]
        for _written, path in sorted(records, reverse=True)[keep:]:
            os.unlink(path)
    except OSError:  # another run pruned first, or the folder went: nothing to do
        pass


def _terminal(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _modules() -> list[str]:
    """cablelint's own source files: an edited checkout prints something else."""
    found = []
    for root, dirs, names in os.walk(_PACKAGE):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        found += [os.path.join(root, name) for name in sorted(names) if name.endswith(".py")]
    return found
