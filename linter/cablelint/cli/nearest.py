"""For one run: the options of each file and folder, from the config file nearest it, each folder
and each config file looked at once; and the exclusions they set."""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Optional

from ..run.discovery import CABLE_SUFFIXES, Check
from ..run.exclusion import DEFAULT_EXCLUDE, Exclusions
from . import config
from .effective import DEFAULT, load_config, options_for_config
from .options import LintOptions

# A folder's options are those of the config file in it, else its parent folder's: a run over
# thousands of cables in a few folders stats a few candidates, not thousands of chains. A file
# outside every config's tree takes the run's options (those of the working directory's config).
# With --config, every file has the run's options.


class Nearest:
    """The options of each folder of one run, and the exclusions they set (discovery.Exclude)."""

    def __init__(self, options: LintOptions, cwd: Path):
        self.run = options
        self.cwd = str(cwd)
        self.explicit = "config" in dict(options.command_line)
        self._folders: dict[str, LintOptions] = {}
        self._configs: dict[str, LintOptions] = {}
        self._exclusions: dict[int, tuple[LintOptions, Exclusions]] = {}
        self.looked_in: list[str] = []  # folders whose candidates were checked (a replayed run checks them)

    def absolute(self, path: str) -> str:
        return os.path.normpath(os.path.join(self.cwd, path))

    def for_path(self, path: str) -> LintOptions:
        """The options of the file at `path` (as given or found)."""
        return self.for_folder(os.path.dirname(self.absolute(path)))

    def for_folder(self, folder: str) -> LintOptions:
        """The options of the files in the absolute `folder`."""
        if self.explicit:
            return self.run
        known = self._folders.get(folder)
        if known is not None:
            return known
        passed: list[str] = []
        current = folder
        while True:
            known = self._folders.get(current)
            if known is not None:
                break
            passed.append(current)
            self.looked_in.append(current)
            here = config.in_folder(Path(current))
            if here is not None:
                known = self._load(here)
                break
            parent = os.path.dirname(current)
            if parent == current:
                known = self.run
                break
            current = parent
        for name in passed:
            self._folders[name] = known
        return known

    def _load(self, path: Path) -> LintOptions:
        name = os.path.abspath(path)
        known = self._configs.get(name)
        if known is None:
            if self.run.config_file is not None and name == self.run.config_file:
                known = self.run
            else:
                known = options_for_config(self.run, load_config(path, Path(self.cwd)))
            self._configs[name] = known
        return known

    def exclusions(self, options: LintOptions) -> Exclusions:
        """What `options` leave out of a search, compiled once per config."""
        kept = self._exclusions.get(id(options))
        if kept is None:
            origins = dict(options.origins)
            replaced = options.exclude is not None
            entries = [(p, origins.get("exclude", DEFAULT) if replaced else f"{DEFAULT} exclude")
                       for p in (options.exclude if replaced else DEFAULT_EXCLUDE)]
            entries += [(p, origins.get("extend_exclude", DEFAULT)) for p in options.extend_exclude]
            kept = self._exclusions[id(options)] = (options, Exclusions(entries, CABLE_SUFFIXES))
        return kept[1]

    def named(self, path: str) -> Optional[str]:
        """Why the configuration leaves out `path`, given by name (with --force-exclude), or None:
        it or a folder above it (up to its config's folder) is excluded (discovery.Exclude)."""
        absolute = self.absolute(path)
        options = self.for_folder(os.path.dirname(absolute))
        base = os.path.dirname(options.config_file) if options.config_file else self.cwd
        return self.exclusions(options).match_named(absolute, base)

    def in_folder(self, folder: str) -> tuple[Optional[Check], Optional[Check]]:
        """Why a folder, and why a file, in the absolute `folder` is left out (discovery.Exclude)."""
        exclusions = self.exclusions(self.for_folder(folder))
        if not exclusions:
            return None, None
        check = functools.partial(exclusions.match_in, folder)
        return check, check if exclusions.files_too else None
