"""The files of a run grouped by the configuration that applies to each: every group is linted with
its own settings and result cache, and the results come back in the files' order."""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path
from typing import Callable, Iterator, Optional

from ..cache.results import Cache
from ..cache.results import prepare as open_cache
from ..cache.statindex import StatIndex
from ..checks.diagnostics import FileResult
from ..policy.rulesetmodel import Settings
from ..run.discovery import STDIN
from ..run.linter import Deferred
from ..run.runner import run
from .nearest import Nearest
from .options import LintOptions

# Files sorted by path lie mostly in runs under one config (a folder's files are consecutive), so the
# files are cut into consecutive segments of one profile, and the segments are linted one after
# the other, each over the runner's workers: the output keeps the files' order, and no two pools
# of workers run at once. A profile's rule sets are loaded once, when its first file is not
# cached; its cache is keyed on its own options, so a file's entry names the config that applied.
# Standard input is linted here, under its --stdin-filename, with the options of that name.

Make = Callable[[LintOptions], Settings]


class Profile:
    """One configuration's options, the Settings they make (on first use) and its result cache."""

    def __init__(self, options: LintOptions, make: Make):
        self.options = options
        self.make = functools.partial(make, options)  # picklable: workers that cannot fork rebuild them
        self.settings = Deferred(self.make)
        self.cache: Optional[Cache] = None

    def open_cache(self) -> Optional[OSError]:
        """Open the result cache (none under --release, --dask or --no-cache); rule sets the cache
        cannot vouch for are loaded now, so that their errors stop the run before any output.
        An unusable cache folder costs speed, not the run: the error is returned."""
        try:
            self.cache = open_cache(self.options, self.settings)
        except OSError as exc:
            self.cache = None
            return exc
        return None


class Profiles:
    """The profiles of a run's files, and the segments of consecutive files sharing one."""

    def __init__(self, nearest: Nearest, make: Make):
        self.nearest = nearest
        self.make = make
        self._by_options: dict[int, Profile] = {}
        self.segments: list[tuple[Profile, list[str]]] = []
        self.stdin: Optional[Profile] = None
        self.stdin_result: Optional[FileResult] = None  # standard input's, once linted (it is never fixed)

    def profile(self, options: LintOptions) -> Profile:
        found = self._by_options.get(id(options))
        if found is None:
            found = self._by_options[id(options)] = Profile(options, self.make)
        return found

    def for_path(self, path: str) -> Profile:
        return self.profile(self.nearest.for_path(path))

    def add(self, files: tuple[str, ...], stdin_name: Optional[str]) -> None:
        if not files:  # nothing to lint: the run's rule sets are still read, and their errors said
            self.profile(self.nearest.run)
        folder: Optional[str] = None
        profile: Optional[Profile] = None
        for path in files:
            if path == STDIN:
                name = stdin_name
                self.stdin = self.profile(self.nearest.for_path(name) if name else self.nearest.run)
                continue
            if profile is None or os.path.dirname(path) != folder:  # (a folder's files come together)
                folder, profile = os.path.dirname(path), self.for_path(path)
            if self.segments and self.segments[-1][0] is profile:
                self.segments[-1][1].append(path)
            else:
                self.segments.append((profile, [path]))

    @property
    def all(self) -> list[Profile]:
        return list(self._by_options.values())

    def open_caches(self, quiet: bool) -> None:
        said = quiet
        for profile in self.all:
            error = profile.open_cache()
            if error is not None and not said:  # (one folder for all: said once)
                print(f"cablelint: warning: result cache disabled: {error}", file=sys.stderr)
                said = True

    def results(self, jobs: int, dask: Optional[str], stdin_name: Optional[str]) -> Iterator[FileResult]:
        """Every file's result, in order (standard input first, as discovery puts it)."""
        if self.stdin is not None:
            from ..run.engine import lint_stdin

            self.stdin_result = lint_stdin(stdin_name or STDIN, self.stdin.settings())
            yield self.stdin_result
        # one stat index per cache folder for the whole command, read and written once (a tree with a
        # config in each folder has hundreds of segments)
        indexes: dict[Path, StatIndex] = {}
        for profile, files in self.segments:
            index = None
            if profile.cache is not None and len(self.segments) > 1:
                folder = profile.cache.root / "stat"
                index = indexes.get(folder) or indexes.setdefault(folder, StatIndex(folder))
            yield from run(files, profile.settings, jobs, profile.make, cache=profile.cache, dask=dask, index=index)
        for index in indexes.values():
            index.save()
