"""The `.gitignore` files in force while a folder is searched for cables, read as git reads them."""

from __future__ import annotations

import os
from typing import Any, Optional

# Patterns are matched by the `pathspec` package, which is imported only when a walk meets a
# `.gitignore` (its import costs about 12 ms: a run without one, or of files given one by one,
# never pays it). Each `.gitignore` governs the folder it stands in and those below; a deeper file
# is asked first, and within a file the last matching line wins, so `!keep.txt` re-includes what
# an earlier or shallower line excluded. Above the folder searched, the `.gitignore` files of its
# parent folders count up to the root of its git repository (the folder that holds `.git`), as
# does `.git/info/exclude`; outside a repository only the files inside the searched folder count.
# A folder the user names that an ignore file of a parent folder excludes is searched anyway (it
# was asked for), without those parent files. An ignored folder is not entered, so nothing below it
# can be re-included, as in git.

NAME = ".gitignore"
MAX_BYTES = 1024 * 1024  # a larger ignore file is not read
Chain = tuple  # ((folder with a trailing separator, spec, the file it came from), ...), deepest last


def _read(path: str) -> Optional[list[str]]:
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError:
        return None  # unreadable: it excludes nothing, as git treats it
    if len(data) > MAX_BYTES:
        return None
    return data.decode("utf-8", "replace").splitlines()


def _spec(lines: list[str]) -> Any:
    import pathspec  # deferred: see the module comment

    return pathspec.GitIgnoreSpec.from_lines(lines)


def _folder(path: str) -> str:
    return path if path.endswith(os.sep) else path + os.sep


class IgnoreFiles:
    """The ignore files met by one search, and the ones it looked for (a replayed run checks them)."""

    def __init__(self) -> None:
        self.consulted: list[str] = []

    def start(self, top: str) -> Chain:
        """The chain in force at the searched folder `top` (absolute): its parents' ignore files up
        to the repository root, unless they exclude `top` itself."""
        parents: list[tuple[str, Any, str]] = []
        folder = top
        while True:
            if folder != top:  # (top's own `.gitignore` is met by the walk)
                self._add(parents, folder, os.path.join(folder, NAME))
            repository = os.path.join(folder, ".git")
            self.consulted.append(repository)
            if os.path.exists(repository):
                # `.git/info/exclude` ranks below every `.gitignore` of the repository: first in the
                # chain, asked last
                self._add(parents, folder, os.path.join(repository, "info", "exclude"))
                break
            parent = os.path.dirname(folder)
            if parent == folder:
                parents = []  # not in a repository: its parents' files are not the user's ignore rules
                break
            folder = parent
        chain: Chain = tuple(reversed(parents))
        if chain and ignored(chain, top, True):
            return ()  # asked for by name: searched without the files that exclude it
        return chain

    def _add(self, parents: list, folder: str, candidate: str) -> None:
        self.consulted.append(candidate)
        lines = _read(candidate) if os.path.isfile(candidate) else None
        if lines:
            parents.append((_folder(folder), _spec(lines), candidate))

    def enter(self, chain: Chain, folder: str, has_ignore_file: bool) -> Chain:
        """The chain in force in `folder` (absolute), below the folder whose chain is `chain`."""
        if not has_ignore_file:
            return chain
        path = os.path.join(folder, NAME)
        self.consulted.append(path)
        lines = _read(path)
        return chain + ((_folder(folder), _spec(lines), path),) if lines else chain


def ignored(chain: Chain, path: str, is_dir: bool) -> Optional[str]:
    """The ignore file that excludes `path` (absolute), or None."""
    for folder, spec, source in reversed(chain):
        if not path.startswith(folder):
            continue
        relative = path[len(folder):].replace(os.sep, "/") + ("/" if is_dir else "")
        verdict = spec.check_file(relative).include
        if verdict is not None:
            return source if verdict else None
    return None
