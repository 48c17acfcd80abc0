"""`--show-config [PATH]`: the settings that apply to a file or folder, as YAML a config file could
hold, each with where it comes from."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any, Callable, TextIO

from ..policy.rulesetmodel import Settings
from ..run.discovery import STDIN
from ..run.exclusion import DEFAULT_EXCLUDE
from . import config
from .effective import DEFAULT, RUN_WIDE, working_directory
from .nearest import Nearest
from .options import LintOptions


def _value(name: str, value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if name == "per_file_ignores":  # the patterns as they are matched (see config.anchor_pattern)
        grouped: dict[str, list[str]] = {}
        for pattern, codes in value:
            grouped.setdefault(pattern, []).extend(codes)
        return json.dumps(grouped)
    if name == "exclude" and value is None:
        value = DEFAULT_EXCLUDE
    return json.dumps(list(value) if isinstance(value, tuple) else value)


def show_config(options: LintOptions, make: Callable[[LintOptions], Settings], stream: TextIO) -> None:
    """The settings in force for `--show-config PATH` (else the first PATH given, else the working
    directory): the per-file ones from the config nearest it, the run-wide ones from the config
    nearest the working directory."""
    cwd = working_directory()
    target = options.show_config or (options.paths[0] if options.paths else ".")
    if target == STDIN:
        target = options.stdin_filename or "."
    nearest = Nearest(options, cwd)
    absolute = nearest.absolute(target)
    mine = nearest.for_folder(absolute) if os.path.isdir(absolute) else nearest.for_path(target)
    rules = make(mine).ruleset
    origins = dict(mine.origins)
    stream.write("# cablelint --show-config: the settings in force and where each comes from\n")
    stream.write(f"# for: {target}\n")
    searched = absolute if os.path.isdir(absolute) else os.path.dirname(absolute)
    where = mine.config_file or f"none found in {searched} or the folders above it"
    stream.write(f"# config file: {where}\n")
    if mine.config_file != options.config_file:
        stream.write(f"# run-wide settings come from the config nearest the working directory: "
                     f"{options.config_file or 'none'}\n")
        ignored = _ignored_run_wide(mine)
        if ignored:
            stream.write(f"# not used from {mine.config_file}: {', '.join(ignored)} (they apply to the whole run: "
                         f"set them in the config nearest the working directory, or on the command line)\n")
    rows: dict[bool, list[tuple[str, str]]] = {False: [], True: []}
    for key, (name, _convert) in [*config.KEYS.items(), ("rules", ("rules", None))]:
        origin = origins.get(name, DEFAULT)
        value = getattr(mine, name)
        if name == "as_of" and origin == DEFAULT:
            origin = "default (today)"
        elif name == "jobs" and value is None:
            origin += " (one worker process per CPU)"
        elif name == "rules" and mine.config_rules is not None:
            origin += " (the config file's own rule settings are a layer: see below)"
        rows[name in RUN_WIDE].append((f"{key}: {_value(name, value)}", origin))
    width = min(max(len(text) for part in rows.values() for text, _ in part), 38)
    for run_wide, title in ((False, f"per-file settings (from the config nearest {target})"),
                            (True, "run-wide settings (from the config nearest the working directory)")):
        stream.write(f"# {title}:\n")
        for text, origin in rows[run_wide]:
            stream.write(f"{text.ljust(width)}  # {origin}\n")
    stream.write("# rule sets layered, first to last:\n")
    for path in rules.files:
        stream.write(f"#   {path}\n")


def _ignored_run_wide(options: LintOptions) -> list[str]:
    """The run-wide keys the file's own config sets, which its files do not use."""
    if not options.config_file:
        return []
    try:
        found = config.load(Path(options.config_file), working_directory())
    except config.ConfigError:
        return []
    return [found.keys[name] for name in found.values if name in RUN_WIDE and name in found.keys]
