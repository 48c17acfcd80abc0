"""Which files to lint: paths as given, directories searched recursively for cable files."""

from __future__ import annotations

import os
import stat
from typing import Iterable, NamedTuple, Optional

CABLE_SUFFIXES = (".txt", ".cable", ".tel")
STDIN = "-"
MISSING = "no such file or directory"


class Discovery(NamedTuple):
    files: tuple[str, ...]                 # sorted, without repeats
    problems: tuple[tuple[str, str], ...]  # (path, why) for paths that could not be searched
    folders: tuple[str, ...] = ()           # the directories listed (a replayed run checks them)


def discover(paths: Iterable[str], suffixes: tuple[str, ...] = CABLE_SUFFIXES) -> Discovery:
    files: dict[str, None] = {}
    problems: list[tuple[str, str]] = []
    folders: list[str] = []
    for path in paths:
        if path == STDIN:
            files[STDIN] = None
            continue
        try:
            mode: Optional[int] = os.stat(path).st_mode
        except OSError as error:
            mode = None
            if not os.path.lexists(path):
                problems.append((path, MISSING if isinstance(error, FileNotFoundError)
                                 else f"cannot examine it: {error.strerror or error}"))
                continue
        if mode is not None and stat.S_ISDIR(mode):
            _walk(path, suffixes, files, problems, folders)
        elif mode is None or stat.S_ISREG(mode):
            files[path] = None  # an explicit file is linted whatever its name (a broken link: X001)
        else:  # opening a FIFO blocks until someone writes; a device may never end
            problems.append((path, f"not a regular file ({_kind(mode)}); not linted (give '-' to read "
                                   "standard input)"))
    ordered = sorted(f for f in files if f != STDIN)
    if STDIN in files:
        ordered.insert(0, STDIN)
    return Discovery(tuple(ordered), tuple(problems), tuple(folders))


def _walk(top: str, suffixes: tuple[str, ...], files: dict, problems: list, folders: list) -> None:
    """Search `top` with an explicit stack (os.walk recurses, and a tree deeper than the
    recursion limit crashed the run). A symbolic link to a directory is not entered, so link
    loops end here; a FIFO, socket or device is reported and skipped, since reading one can
    block for ever."""
    pending = [top]
    while pending:
        root = pending.pop()
        try:
            with os.scandir(root) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as error:
            problems.append((error.filename or root, f"cannot read the directory: {error.strerror or error}"))
            continue
        folders.append(root)
        subdirs = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if _is_real_dir(entry):
                subdirs.append(entry.path)
            elif entry.name.lower().endswith(suffixes) and not _is_link_to_dir(entry):
                kind = _special_kind(entry)
                if kind is None:
                    files[entry.path] = None
                else:
                    problems.append((entry.path, f"not a regular file ({kind}); not linted"))
        pending.extend(reversed(subdirs))


def _is_real_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _is_link_to_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_symlink() and entry.is_dir()
    except OSError:
        return False


def _special_kind(entry: os.DirEntry) -> Optional[str]:
    """'a FIFO', 'a socket' or 'a device' for files that are not plain files; None otherwise,
    also when the file cannot be examined (the engine then reports it as X001)."""
    try:
        if entry.is_file(follow_symlinks=False):
            return None  # the directory listing says so: no stat call for each of thousands of cables
        mode = entry.stat().st_mode
    except OSError:
        return None
    return None if stat.S_ISREG(mode) or stat.S_ISDIR(mode) else _kind(mode)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"
