"""The settings a document is linted with: those the command line would use for the file, from the
configuration nearest to it, kept while none of the files they were made from changes."""

from __future__ import annotations

import datetime as dt
import os
import threading
from pathlib import Path
from typing import NamedTuple, Optional

from ...policy.rulesetmodel import Settings
from ...run.engine import ActiveRule, active_rules
from .. import config, effective


def settings_for(path: Path) -> Settings:
    """The Settings of the file at `path` (it need not exist), exactly as `cablelint PATH` run from
    the server's working directory would lint it: the nearest config's per-file keys, the working
    directory's config for the run-wide ones (and for a file with no config above it). CliError
    when a config or a rule set it names is wrong. Options are made afresh on each call, so the
    default as-of is today."""
    return effective.settings_for(path)


class Resolved(NamedTuple):
    settings: Settings
    rules: tuple[ActiveRule, ...]     # the rules that run under them


def _stamp(path: str) -> Optional[tuple[int, int, int]]:
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return None
    return status.st_mtime_ns, status.st_size, status.st_ino


class SettingsStore:
    """Settings per folder, made again when a config file appears, goes or changes anywhere they
    could be found, when a rule-set file they were built from changes, or on a new day (the default
    as-of date is today)."""

    def __init__(self) -> None:
        self._known: dict[Path, tuple[tuple, Resolved]] = {}
        self._lock = threading.Lock()  # documents are linted on worker threads

    def get(self, path: Path) -> Resolved:
        folder = path.parent
        with self._lock:
            known = self._known.get(folder)
        if known is not None and known[0] == self._signature(folder, known[1].settings):
            return known[1]
        settings = settings_for(path)
        resolved = Resolved(settings, active_rules(settings))
        with self._lock:
            self._known[folder] = (self._signature(folder, settings), resolved)
        return resolved

    def forget(self) -> None:
        with self._lock:
            self._known.clear()

    @staticmethod
    def _signature(folder: Path, settings: Optional[Settings]) -> tuple:
        # (the working directory's config gives the run-wide keys of every folder)
        watched = config.candidates(folder) + config.candidates(effective.working_directory())
        if settings is not None:
            watched += [str(file) for file in settings.ruleset.files]
        return (dt.date.today(), *(_stamp(name) for name in watched))
