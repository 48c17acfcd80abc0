"""`exclude` and `extend-exclude`: the files and folders a search leaves out, as globs."""

from __future__ import annotations

import fnmatch
import os
import re
from typing import Iterable, Optional

from .. import patterns

# As in ruff: a glob without '/' matches the name of a file or folder at any depth (`drafts`,
# `*.bak.txt`); one with '/' matches a path relative to the folder of the config file that sets
# it (the working directory for `--exclude`), and `*` in it also crosses folders, as in
# `per-file-ignores`. An excluded folder is not entered. `exclude` replaces DEFAULT_EXCLUDE;
# `extend-exclude` adds to it. Patterns are kept anchored: a name pattern as written, a path
# pattern as an absolute path.

DEFAULT_EXCLUDE = ("venv", "node_modules", "site-packages", "__pycache__")


def anchor(pattern: str, folder: str) -> str:
    """`pattern` as it is matched: a name pattern as written, a path pattern made absolute."""
    pattern = pattern.strip()
    trimmed = pattern.rstrip("/") or pattern
    while trimmed.startswith("**/"):
        trimmed = trimmed[3:]  # `**/drafts`: zero or more folders, then the name: a name pattern
    if "/" not in trimmed:
        return trimmed
    return os.path.normpath(os.path.join(folder, os.path.expanduser(trimmed)))


_WILD = patterns.compile(r"[*?\[]")


def _forms(pattern: str) -> tuple[str, ...]:
    """`/**/` inside a path pattern stands for zero or more folders: the pattern without it too."""
    return tuple(dict.fromkeys((pattern, pattern.replace("/**/", "/"))))


def _regex(patterns: Iterable[str]) -> Optional[re.Pattern]:
    parts = [fnmatch.translate(form) for p in patterns for form in _forms(p)]
    return re.compile("|".join(parts)) if parts else None


class Exclusions:
    """One configuration's exclusions, compiled: a name pattern is tried on the last part of a
    path, a path pattern on the whole absolute path. Each pattern comes with where it is set."""

    def __init__(self, entries: Iterable[tuple[str, str]], suffixes: tuple[str, ...] = ()):
        self.origins = dict(entries)  # pattern -> where it is set (the first place wins)
        self._names = [p for p in self.origins if not os.path.isabs(p)]
        self._paths = [p for p in self.origins if os.path.isabs(p)]
        self._name_regex = _regex(self._names)
        self._path_regex = _regex(self._paths)
        # whether a file named with one of `suffixes` can be excluded (the defaults, `venv` and the
        # like, only ever exclude folders: a search need not ask about each of its cables)
        self.files_too = bool(self._paths) or not suffixes or any(
            _WILD.search(p) or p.lower().endswith(suffixes) for p in self._names)

    def __bool__(self) -> bool:
        return bool(self.origins)

    def match_in(self, folder: str, name: str) -> Optional[str]:
        """Why the entry `name` of the absolute `folder` is excluded, or None (the absolute path is
        made only when a path pattern needs it: a search asks this of every entry)."""
        if self._name_regex is not None and self._name_regex.match(name):
            return self._why(next(p for p in self._names if fnmatch.fnmatchcase(name, p)))
        if self._path_regex is not None:
            return self.match(os.path.join(folder, name))
        return None

    def match(self, absolute: str) -> Optional[str]:
        """Why the absolute path `absolute` is excluded (the pattern and where it is set), or None."""
        name = os.path.basename(absolute)
        if self._name_regex is not None and self._name_regex.match(name):
            return self._why(next(p for p in self._names if fnmatch.fnmatchcase(name, p)))
        if self._path_regex is not None and self._path_regex.match(absolute):
            return self._why(next(p for p in self._paths
                                  if any(fnmatch.fnmatchcase(absolute, form) for form in _forms(p))))
        return None

    def match_named(self, absolute: str, base: str) -> Optional[str]:
        """For a path given by name: why it or a folder above it is excluded, up to `base` (the
        folder the patterns belong to; nothing above it is asked)."""
        found = self.match(absolute)
        folder = os.path.dirname(absolute)
        prefix = base.rstrip(os.sep) + os.sep
        while found is None and folder.startswith(prefix):
            found = self.match(folder)
            folder = os.path.dirname(folder)
        return found

    def _why(self, pattern: str) -> str:
        return f"excluded by {pattern!r} ({self.origins[pattern]})"
