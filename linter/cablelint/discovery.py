"""Which files to lint: paths as given, directories searched recursively for cable files."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Iterable

CABLE_SUFFIXES = (".txt", ".cable", ".tel")
STDIN = "-"


@dataclass(frozen=True)
class Discovery:
    files: tuple[str, ...]                 # sorted, without repeats
    problems: tuple[tuple[str, str], ...]  # (path, why) for paths that could not be searched


def discover(paths: Iterable[str], suffixes: tuple[str, ...] = CABLE_SUFFIXES) -> Discovery:
    files: dict[str, None] = {}
    problems: list[tuple[str, str]] = []
    for path in paths:
        if path == STDIN:
            files[STDIN] = None
        elif os.path.isdir(path):
            _walk(path, suffixes, files, problems)
        elif os.path.lexists(path):
            files[path] = None  # an explicit file is linted whatever its name
        else:
            problems.append((path, "no such file or directory"))
    ordered = sorted(f for f in files if f != STDIN)
    if STDIN in files:
        ordered.insert(0, STDIN)
    return Discovery(tuple(ordered), tuple(problems))


def _walk(top: str, suffixes: tuple[str, ...], files: dict, problems: list) -> None:
    def report(error: OSError) -> None:
        problems.append((error.filename or top, f"cannot read the directory: {error.strerror or error}"))

    # followlinks=False: a symbolic link to a directory is not entered, so link loops end here
    for root, dirs, names in os.walk(top, onerror=report, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not _is_link(os.path.join(root, d)))
        for name in sorted(names):
            if name.lower().endswith(suffixes) and not name.startswith("."):
                files[os.path.join(root, name)] = None


def _is_link(path: str) -> bool:
    return os.path.islink(path)
