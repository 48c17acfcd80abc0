"""Which files to lint: paths as given, directories searched recursively for cable files, less
what the exclusions and the `.gitignore` files leave out."""

from __future__ import annotations

import os
import stat
from typing import Callable, Iterable, NamedTuple, Optional, Protocol

from .gitignore import Chain, IgnoreFiles, ignored

CABLE_SUFFIXES = (".txt", ".cable", ".tel")
STDIN = "-"
MISSING = "no such file or directory"
Check = Callable[[str], Optional[str]]  # a name in a folder -> why it is left out, or None


class Exclude(Protocol):
    """What the caller's configuration leaves out; this layer knows nothing of config files. Each
    answer is why (the pattern and where it is set), or None."""

    def named(self, path: str) -> Optional[str]:
        """For a path given by name (with force_exclude)."""

    def in_folder(self, folder: str) -> tuple[Optional[Check], Optional[Check]]:
        """For the folders and for the files in the absolute `folder`, asked once per folder
        searched; None where nothing can be left out."""


class Discovery(NamedTuple):
    files: tuple[str, ...]                 # sorted, without repeats
    problems: tuple[tuple[str, str], ...]  # (path, why) for paths that could not be searched
    folders: tuple[str, ...] = ()           # the directories listed (a replayed run checks them)
    excluded: tuple[tuple[str, str], ...] = ()  # (path, why) left out, or that would have been (apply=False)
    consulted: tuple[str, ...] = ()         # ignore files read or looked for (a replayed run checks them)


class _Rules(NamedTuple):
    """What leaves files out of a search."""

    exclude: Optional[Exclude]
    gitignore: bool
    apply: bool               # False: everything is kept, and what would have been left out is listed
    excluded: list
    ignore_files: IgnoreFiles

    def skip(self, path: str, why: Optional[str]) -> bool:
        if why is None:
            return False
        self.excluded.append((path, why))
        return self.apply


def discover(paths: Iterable[str], suffixes: tuple[str, ...] = CABLE_SUFFIXES, *, exclude: Optional[Exclude] = None,
             force_exclude: bool = False, gitignore: bool = False, apply: bool = True) -> Discovery:
    """The files to lint under `paths`. In the folders searched, `exclude` and (with `gitignore`)
    the `.gitignore` files leave files and folders out; a path given by name is left out only with
    `force_exclude` (as pre-commit hands over every staged file by name). With `apply` False
    nothing is left out, and `excluded` lists what would have been (the release gate lints
    every file it is given)."""
    files: dict[str, None] = {}
    problems: list[tuple[str, str]] = []
    folders: list[str] = []
    rules = _Rules(exclude, gitignore, apply, [], IgnoreFiles())
    for path in paths:
        if path == STDIN:
            files[STDIN] = None
            continue
        if force_exclude and exclude is not None and rules.skip(path, exclude.named(path)):
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
            _walk(path, suffixes, files, problems, folders, rules)
        elif mode is None or stat.S_ISREG(mode):
            files[path] = None  # an explicit file is linted whatever its name (a broken link: X001)
        else:  # opening a FIFO blocks until someone writes; a device may never end
            problems.append((path, f"not a regular file ({_kind(mode)}); not linted (give '-' to read "
                                   "standard input)"))
    ordered = sorted(_once(f for f in files if f != STDIN))
    if STDIN in files:
        ordered.insert(0, STDIN)
    return Discovery(tuple(ordered), tuple(problems), tuple(folders), tuple(rules.excluded),
                     tuple(rules.ignore_files.consulted))


def _once(paths: Iterable[str]) -> list[str]:
    """Each file once, however often and however spelled it was found (`a.txt ./a.txt /abs/a.txt`, a
    file named and also found in its folder): by its absolute path, the first spelling kept."""
    seen: dict[str, str] = {}
    for path in paths:
        seen.setdefault(os.path.normpath(os.path.abspath(path)), path)
    return list(seen.values())


def _walk(top: str, suffixes: tuple[str, ...], files: dict, problems: list, folders: list, rules: _Rules) -> None:
    """Search `top` with an explicit stack (os.walk recurses, and a tree deeper than the
    recursion limit crashed the run). A symbolic link to a directory is not entered, so link
    loops end here; a FIFO, socket or device is reported and skipped, since reading one can
    block for ever. An excluded or git-ignored folder is not entered."""
    chain: Chain = rules.ignore_files.start(os.path.abspath(top)) if rules.gitignore else ()
    pending = [(top, os.path.abspath(top), chain)]
    while pending:
        root, absolute, chain = pending.pop()
        try:
            with os.scandir(root) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as error:
            problems.append((error.filename or root, f"cannot read the directory: {error.strerror or error}"))
            continue
        folders.append(root)
        if rules.gitignore:
            chain = rules.ignore_files.enter(chain, absolute, any(e.name == ".gitignore" for e in entries))
        folders_out, files_out = rules.exclude.in_folder(absolute) if rules.exclude is not None else (None, None)
        subdirs = []
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            if _is_real_dir(entry):
                why = _why(folders_out, chain, absolute, name, True) if folders_out or chain else None
                if why is None or not rules.skip(entry.path, why):
                    subdirs.append((entry.path, os.path.join(absolute, name), chain))
            elif name.lower().endswith(suffixes) and not _is_link_to_dir(entry):
                why = _why(files_out, chain, absolute, name, False) if files_out or chain else None
                if why is not None and rules.skip(entry.path, why):
                    continue
                kind = _special_kind(entry)
                if kind is None:
                    files[entry.path] = None
                else:
                    problems.append((entry.path, f"not a regular file ({kind}); not linted"))
        pending.extend(reversed(subdirs))


def _why(excluded: Optional[Check], chain: Chain, folder: str, name: str, is_dir: bool) -> Optional[str]:
    """Why the entry `name` of `folder` is left out: the exclusions first, then the ignore files."""
    why = excluded(name) if excluded is not None else None
    if why is None and chain:
        source = ignored(chain, os.path.join(folder, name), is_dir)
        why = f"ignored by {source}" if source else None
    return why


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
