"""The settings in force: defaults < environment < config file < command line, with where each
value came from (for `--show-config`), and the rule set they select."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping, Optional, TextIO

from ..errors import CliError
from . import config
from .options import LintOptions

if TYPE_CHECKING:
    from ..policy.rulesetmodel import RuleSet

# Only `--format` reads the environment: under GitHub Actions (`GITHUB_ACTIONS` set) the default
# becomes `github`, so findings show as annotations without any option. `--rules` files add up:
# the config file's first, then the command line's.

# LintOptions fields that are not options a user sets by name
_NOT_OPTIONS = {"paths", "debug", "config_file", "config_rules", "origins"}
DEFAULT, COMMAND_LINE, ENVIRONMENT = "default", "command line", "GITHUB_ACTIONS is set"


def in_github_actions(environ: Mapping[str, str]) -> bool:
    return environ.get("GITHUB_ACTIONS", "").strip().lower() not in ("", "0", "false")


def resolve(args: argparse.Namespace, environ: Optional[Mapping[str, str]] = None,
            cwd: Optional[Path] = None) -> LintOptions:
    """LintOptions from the command line, the config file and the environment; CliError when a
    config file is missing or wrong."""
    environ = os.environ if environ is None else environ
    cwd = working_directory() if cwd is None else cwd
    found = config_file(getattr(args, "config", None), cwd)
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    if in_github_actions(environ):
        values["format"], origins["format"] = "github", ENVIRONMENT
    if found is not None:
        # key positions need a second, slower parse: only --show-config pays for them
        where = (lambda name: f"{found.path}:{found.line_of(name)}") if getattr(args, "show_config", None) \
            else (lambda name: str(found.path))
        for name, value in found.values.items():
            values[name], origins[name] = value, where(name)
        if found.layer is not None and "rules" not in origins:
            origins["rules"] = where("rules")
    known = {f.name for f in dataclasses.fields(LintOptions)} - _NOT_OPTIONS
    for name in sorted(known):
        value = getattr(args, name, None)
        if value is None:
            continue
        if isinstance(value, list):
            value = tuple(value)
        if name == "rules":
            origin = origins.get("rules")
            value = tuple(values.get("rules", ())) + value
            origins["rules"] = f"{origin} + {COMMAND_LINE}" if origin else COMMAND_LINE
        else:
            origins[name] = COMMAND_LINE
        values[name] = value
    return LintOptions(paths=tuple(getattr(args, "paths", None) or ()), debug=bool(getattr(args, "debug", False)),
                       config_file=str(found.path) if found else None,
                       config_rules=found.layer if found else None,
                       origins=tuple(sorted(origins.items())), **values)


def working_directory() -> Path:
    """The working directory; CliError when the system cannot tell it (deleted under the run):
    the config search, relative paths and the cache all start from it."""
    try:
        return Path(os.getcwd())
    except OSError as exc:
        raise CliError(f"cannot tell the working directory ({exc.strerror or exc}); was it deleted? "
                       "Run cablelint from a folder that exists") from None


def config_file(explicit: Optional[str], cwd: Path) -> Optional[config.ConfigFile]:
    """The config file named with --config, else the nearest one found upwards from `cwd`."""
    if explicit:
        if not os.path.isfile(explicit):
            raise CliError(f"{explicit}: config file not found")
        path: Optional[Path] = Path(explicit)
    else:
        path = config.find(cwd)
    if path is None:
        return None
    try:
        return config.load(path, cwd)
    except config.ConfigError as exc:
        raise CliError(str(exc)) from None


def load_rules(options: LintOptions) -> "RuleSet":
    """The bundled defaults, the config file's own rule set (with its `extends`), then the rule files."""
    from ..cache import rulecache
    from ..policy import ruleset
    from ..policy.rulesetmodel import build_ruleset

    # the release gate reads every rule-set file itself: a parsed document kept in a shared
    # folder could be forged to switch a rule off or rank SECRET as unclassified
    store = None if options.release else rulecache
    layer = options.config_rules
    if layer is None:
        return ruleset.load(options.rules, store=store)
    # the config file is not a rule-set file, so its layer is placed by hand, the way ruleset.load does
    layers: list = []
    seen: set = set()
    ruleset.collect(ruleset.resolve_name("default", None), layers, seen, (), store)
    parents = layer.document.get("extends", [])
    for parent in [parents] if isinstance(parents, str) else parents:
        ruleset.collect(ruleset.resolve_name(parent, layer.path), layers, seen, (layer.path,), store)
    layers.append((layer.path, dict(layer.document)))
    seen.add(layer.path)
    for path in options.rules:
        ruleset.collect(Path(path).resolve(), layers, seen, (), store)
    return build_ruleset(layers)


def _value(name: str, value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if name == "per_file_ignores":  # the patterns as they are matched (see config.anchor_pattern)
        grouped: dict[str, list[str]] = {}
        for pattern, codes in value:
            grouped.setdefault(pattern, []).extend(codes)
        return json.dumps(grouped)
    return json.dumps(list(value) if isinstance(value, tuple) else value)


def show_config(options: LintOptions, rules: "RuleSet", stream: TextIO, cwd: Optional[Path] = None) -> None:
    """The settings in force as YAML a config file could hold, each with its origin."""
    cwd = Path(os.getcwd()) if cwd is None else cwd
    origins = dict(options.origins)
    where = options.config_file or f"none found in {cwd} or the folders above it"
    stream.write("# cablelint --show-config: the settings in force and where each comes from\n")
    stream.write(f"# config file: {where}\n")
    rows = []
    for key, (name, _convert) in [*config.KEYS.items(), ("rules", ("rules", None))]:
        origin = origins.get(name, DEFAULT)
        value = getattr(options, name)
        if name == "as_of" and origin == DEFAULT:
            origin = "default (today)"
        elif name == "jobs" and value is None:
            origin += " (one worker process per CPU)"
        elif name == "rules" and options.config_rules is not None:
            origin += " (the config file's own rule settings are a layer: see below)"
        rows.append((f"{key}: {_value(name, value)}", origin))
    width = min(max(len(text) for text, _ in rows), 38)
    for text, origin in rows:
        stream.write(f"{text.ljust(width)}  # {origin}\n")
    stream.write("# rule sets layered, first to last:\n")
    for path in rules.files:
        stream.write(f"#   {path}\n")
