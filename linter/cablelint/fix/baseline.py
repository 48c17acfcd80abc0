"""Baselines: record today's findings so that only new ones are reported."""

from __future__ import annotations

import collections
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence

from .. import __version__
from ..checks.diagnostics import Diagnostic, FileResult
from ..errors import undecodable_at
from ..parse.source import UnreadableError, decode, read_limited
from ..policy.ruleset import read_regular
from ..run.discovery import STDIN
from ..run.engine import MAX_FILE_BYTES
from . import output

# Adopting cablelint on an archive full of old defects starts with `--write-baseline FILE`; later
# runs with `--baseline FILE` report only what is not in it. A finding is known by a fingerprint
# that survives line shifts: its code, its file (relative to the baseline file's folder), the
# whitespace-normalised text of its line, and its occurrence index among findings that share
# those three. Editing the offending line itself makes its findings new again, on purpose.
#
# The same fingerprint is SARIF's `partialFingerprints`, so code scanning matches alerts across runs.

FORMAT_VERSION = 1
MAX_BASELINE_BYTES = 256 * 1024 * 1024


class BaselineError(Exception):
    """A baseline file cannot be read or written; the message starts with PATH:LINE:COLUMN."""


def normalise(text: str) -> str:
    """Whitespace-insensitive text: re-indenting or re-wrapping spaces keeps a fingerprint."""
    return " ".join(text.split())


def read_lines(path: str) -> Optional[tuple[str, ...]]:
    """The file's lines as the engine saw them, or None when they cannot be had (stdin, unreadable)."""
    if path == STDIN:
        return None
    try:
        data = read_limited(path, MAX_FILE_BYTES)
        return decode(data).lines if len(data) <= MAX_FILE_BYTES else None
    except (OSError, UnreadableError):
        return None


def key_path(path: str, base: Path) -> str:
    """`path` relative to the folder `base`, with forward slashes (stdin stays `-`)."""
    if path == STDIN:
        return STDIN
    return Path(os.path.relpath(os.path.abspath(path), base)).as_posix()


def fingerprints(diagnostics: Sequence[Diagnostic], key: str,
                 lines: Optional[Sequence[str]]) -> list[str]:
    """One fingerprint per diagnostic of one file, in the given order (the engine's sort order)."""
    seen: collections.Counter = collections.Counter()
    result = []
    for diagnostic in diagnostics:
        if lines is not None and 1 <= diagnostic.line <= len(lines):
            text = normalise(lines[diagnostic.line - 1])
        else:  # no line to anchor on (unreadable file, stdin): the message is the next best thing
            text = normalise(diagnostic.message)
        anchor = (diagnostic.code, key, text)
        occurrence = seen[anchor]
        seen[anchor] += 1
        digest = hashlib.sha256("\0".join((*anchor, str(occurrence))).encode("utf-8", "surrogatepass"))
        result.append(digest.hexdigest()[:32])
    return result


def result_fingerprints(result: FileResult, base: Path) -> list[str]:
    """Fingerprints of a file's diagnostics, paths taken relative to `base`."""
    if not result.diagnostics:
        return []
    return fingerprints(result.diagnostics, key_path(result.path, base), read_lines(result.path))


@dataclass(frozen=True)
class Baseline:
    """A loaded baseline: the fingerprints it records, and the folder its paths are relative to."""

    path: Path
    known: frozenset[str]
    codes: frozenset[str] = frozenset()  # the codes its findings name (as written: informative only)

    def filter(self, result: FileResult, keep: tuple[str, ...] = ()) -> FileResult:
        """The result without the diagnostics the baseline records, except those of the codes
        in `keep` (the release gate's: a baseline never hides them)."""
        if not result.diagnostics:
            return result
        prints = result_fingerprints(result, self.path.parent)
        new = tuple(d for d, fp in zip(result.diagnostics, prints) if fp not in self.known or d.code in keep)
        return result if len(new) == len(result.diagnostics) else result._replace(diagnostics=new)


def load(path: str | os.PathLike) -> Baseline:
    """Read a baseline file written by `Recorder.write`."""
    where = Path(path)
    try:
        text = read_regular(where, MAX_BASELINE_BYTES, "the baseline").decode("utf-8-sig")
    except OSError as exc:
        raise BaselineError(f"{where}:1:1: cannot read the baseline: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise BaselineError(f"{where}:{undecodable_at(exc)}: the baseline is not UTF-8 text "
                            f"(byte {exc.start})") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{where}:{exc.lineno}:{exc.colno}: not a JSON baseline: {exc.msg}") from None
    except RecursionError:
        raise BaselineError(f"{where}:1:1: not a JSON baseline: nested too deeply") from None
    findings = document.get("findings") if isinstance(document, dict) else None
    if not isinstance(document, dict) or document.get("version") != FORMAT_VERSION or not isinstance(findings, list):
        raise BaselineError(f"{where}:1:1: not a cablelint baseline (expected an object with "
                            f"\"version\": {FORMAT_VERSION} and a \"findings\" list)")
    known, codes = set(), set()
    for index, entry in enumerate(findings):
        fingerprint = entry.get("fingerprint") if isinstance(entry, dict) else None
        if not isinstance(fingerprint, str):
            raise BaselineError(f"{where}:1:1: finding {index + 1} has no \"fingerprint\" string")
        known.add(fingerprint)
        if isinstance(entry.get("code"), str):
            codes.add(entry["code"])
    return Baseline(where.resolve(), frozenset(known), frozenset(codes))


class Recorder:
    """Collects findings during a run and writes them as a baseline, atomically."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self.base = self.path.resolve().parent
        self.entries: list[dict] = []
        self.files = 0

    def add(self, result: FileResult) -> None:
        if not result.diagnostics:
            return
        self.files += 1
        key = key_path(result.path, self.base)
        for diagnostic, fp in zip(result.diagnostics, result_fingerprints(result, self.base)):
            self.entries.append({"fingerprint": fp, "path": key, "line": diagnostic.line,
                                 "code": diagnostic.code, "message": diagnostic.message})

    def write(self) -> None:
        """Replace the baseline file in one step, so an interrupted run never leaves half a file."""
        self.entries.sort(key=lambda e: (e["path"], e["line"], e["code"], e["fingerprint"]))
        document = {"version": FORMAT_VERSION, "generated-by": f"cablelint {__version__}",
                    "findings": self.entries}
        try:
            data = (json.dumps(document, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
        except UnicodeEncodeError:  # a file name that is not UTF-8: escaped, so the file stays UTF-8
            data = (json.dumps(document, indent=1) + "\n").encode("ascii")
        try:
            output.write(output.plan(str(self.path)), data)
        except output.OutputRefused as why:
            raise BaselineError(f"{self.path}:1:1: refused: {why}") from None
        except OSError as exc:
            raise BaselineError(f"{self.path}:1:1: cannot write the baseline: {exc.strerror or exc}") from None
