"""The settings in force: defaults < environment < config file < command line, with where each
value came from (for `--show-config`); run-wide from the config nearest the working directory, per
file from the config nearest the file; and the rule set and Settings they select."""

from __future__ import annotations

import argparse
import dataclasses
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping, Optional, Union

from .. import patterns
from ..errors import CliError
from ..run.exclusion import anchor
from . import config
from .options import LintOptions

if TYPE_CHECKING:
    from ..policy.rulesetmodel import RuleSet, Settings

# As in ruff, each file is linted with the config file nearest it (`.cablelint.yaml`, else a
# `pyproject.toml` with [tool.cablelint], in its folder or the closest folder above); settings of
# the run as a whole (RUN_WIDE: how results are shown and files found, the exit status, the gate)
# come from the config nearest the working directory, and a nested config's run-wide keys are not
# used. `--config FILE` names the one config of every file. A file with no config above it (given
# from outside the working directory's tree) takes the working directory's. The command line wins
# everywhere: its values are kept in `LintOptions.command_line` to be laid over each config.
#
# Only `--format` reads the environment: under GitHub Actions (`GITHUB_ACTIONS` set) the default
# becomes `github`, so findings show as annotations without any option. `--rules` files add up:
# the config file's first, then the command line's; so do `extend-exclude` patterns.

# LintOptions fields that are not options a user sets by name
_NOT_OPTIONS = {"paths", "debug", "config_file", "config_rules", "origins", "command_line"}
DEFAULT, COMMAND_LINE, ENVIRONMENT = "default", "command line", "GITHUB_ACTIONS is set"
RUN_WIDE = frozenset({
    "format", "output_file", "output_format", "jobs", "fail_on", "statistics", "exit_zero", "baseline",
    "write_baseline", "color", "release", "cache", "dask", "force_exclude", "respect_gitignore", "quiet",
    "stdin_filename", "show_config", "fix", "diff"})
# the rest are per file: date, as_of, select, extend_select, ignore, preview, per_file_ignores, rules,
# exclude, extend_exclude
_ADDED_UP = ("rules", "extend_exclude")  # the config's, then the command line's
_ANCHORED = ("exclude", "extend_exclude")  # command-line globs with '/' are relative to the working directory


def in_github_actions(environ: Mapping[str, str]) -> bool:
    return environ.get("GITHUB_ACTIONS", "").strip().lower() not in ("", "0", "false")


def resolve(args: argparse.Namespace, environ: Optional[Mapping[str, str]] = None,
            cwd: Optional[Path] = None) -> LintOptions:
    """The run-wide LintOptions: the command line, the config file nearest `cwd` (or --config) and
    the environment; CliError when a config file is missing or wrong."""
    environ = os.environ if environ is None else environ
    cwd = working_directory() if cwd is None else cwd
    explicit = getattr(args, "config", None)
    found = config_file(explicit, cwd)
    given = command_line_values(args, cwd)
    if explicit:
        given["config"] = explicit
    base: dict[str, tuple[Any, str]] = {}
    if in_github_actions(environ):
        base["format"] = ("github", ENVIRONMENT)
    positions = getattr(args, "show_config", None) is not None
    values, origins = _merge(found, given, base, positions, names=None)
    return LintOptions(paths=tuple(getattr(args, "paths", None) or ()), debug=bool(getattr(args, "debug", False)),
                       config_file=str(found.path) if found else None, config_rules=found.layer if found else None,
                       origins=tuple(sorted(origins.items())), command_line=tuple(sorted(given.items())), **values)


def command_line_values(args: argparse.Namespace, cwd: Path) -> dict[str, Any]:
    """The options the command line gave, by LintOptions field (lists become tuples)."""
    known = {f.name for f in dataclasses.fields(LintOptions)} - _NOT_OPTIONS
    given: dict[str, Any] = {}
    for name in sorted(known):
        value = getattr(args, name, None)
        if value is None:
            continue
        if isinstance(value, list):
            value = tuple(value)
        if name in _ANCHORED:
            value = tuple(anchor(pattern, str(cwd)) for pattern in value)
        given[name] = value
    return given


def _merge(found: Optional[config.ConfigFile], given: Mapping[str, Any], base: Mapping[str, tuple[Any, str]],
           positions: bool, names: Optional[frozenset]) -> tuple[dict[str, Any], dict[str, str]]:
    """Values and origins of the fields `names` (None: all): `base`, then the config file, then
    the command line."""
    def wanted(name: str) -> bool:
        return names is None or name in names

    values = {name: value for name, (value, _) in base.items() if wanted(name)}
    origins = {name: origin for name, (_, origin) in base.items() if wanted(name)}
    if found is not None:
        # key positions need a second, slower parse: only --show-config pays for them
        where = (lambda name: f"{found.path}:{found.line_of(name)}") if positions else (lambda name: str(found.path))
        for name, value in found.values.items():
            if wanted(name):
                values[name], origins[name] = value, where(name)
        if found.layer is not None and "rules" not in origins and wanted("rules"):
            origins["rules"] = where("rules")
    if "select" in given and "extend_select" in values and "extend_select" in origins:
        del values["extend_select"], origins["extend_select"]  # a new --select starts the selection afresh
    for name, value in given.items():
        if name == "config" or not wanted(name):
            continue
        if name in _ADDED_UP:
            origin = origins.get(name)
            value = tuple(values.get(name, ())) + value
            origins[name] = f"{origin} + {COMMAND_LINE}" if origin else COMMAND_LINE
        elif name == "extend_select" and name in values:
            value = tuple(values[name]) + value
            origins[name] = f"{origins[name]} + {COMMAND_LINE}"
        else:
            origins[name] = COMMAND_LINE
        values[name] = value
    return values, origins


def options_for_config(options: LintOptions, found: Optional[config.ConfigFile]) -> LintOptions:
    """The options of a file whose nearest config file is `found` (None: there is none): its
    per-file keys from `found` and the command line, the run-wide ones from `options`."""
    if (found.path if found else None) == (Path(options.config_file) if options.config_file else None):
        return options
    given = dict(options.command_line)
    per_file = frozenset(f.name for f in dataclasses.fields(LintOptions)) - RUN_WIDE - _NOT_OPTIONS
    values, origins = _merge(found, given, {}, options.show_config is not None, names=per_file)
    run_origins = {name: origin for name, origin in options.origins if name in RUN_WIDE}
    values.update({name: getattr(options, name) for name in RUN_WIDE})
    defaults = {f.name: _default(f) for f in dataclasses.fields(LintOptions) if f.name in per_file}
    values = {**defaults, **values}
    return dataclasses.replace(options, config_file=str(found.path) if found else None,
                               config_rules=found.layer if found else None,
                               origins=tuple(sorted({**origins, **run_origins}.items())), **values)


def _default(field: dataclasses.Field) -> Any:
    if field.default_factory is not dataclasses.MISSING:  # type: ignore[misc]
        return field.default_factory()  # type: ignore[misc]
    return field.default


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
        if not os.path.lexists(explicit):
            raise CliError(f"{explicit}: config file not found")  # (one that is there but unreadable: load says why)
        path: Optional[Path] = Path(explicit)
    else:
        path = config.find(cwd)
    return None if path is None else load_config(path, cwd)


def load_config(path: Path, cwd: Path) -> config.ConfigFile:
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
    if options.release:
        patterns.distrust()  # (`release: true` in a config: the parser, imported after this, compiles afresh)
    if options.release and (forged := patterns.verify()) is not None:
        raise CliError(f"the compiled patterns kept in {forged} differ from this Python's own compilation; "
                       "delete the file (or set CABLELINT_RULES_CACHE=off) and run again")
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


def selected(options: LintOptions) -> tuple[str, ...]:
    """The codes and prefixes selected: `select` (empty: every rule) with `extend-select` added.
    Every family's letter stands for "every rule" then, so that a preview rule named by its full code
    in extend-select runs beside the others, as it would with select."""
    if not options.extend_select:
        return options.select
    from ..policy.catalog import CATALOG

    base = options.select or tuple(dict.fromkeys([meta.code[0] for meta in CATALOG] + ["C"]))
    return tuple(dict.fromkeys(base + options.extend_select))


def make_settings(options: LintOptions) -> "Settings":
    """The engine's Settings for `options`; CliError when a rule file is wrong."""
    from ..policy import ruleset
    from ..policy.rulesetmodel import Settings

    try:
        rules = load_rules(options)  # the defaults, the config file's rule set, --rules files
    except ruleset.RuleFileError as exc:
        raise CliError(str(exc)) from None
    return Settings(ruleset=rules, as_of=options.as_of, date=options.date, select=selected(options),
                    ignore=options.ignore, release=options.release, per_file_ignores=options.per_file_ignores,
                    preview=options.preview)


# ------------------------------------------------------------------ one file's settings, for editors

_KNOWN: dict[tuple, tuple["Settings", tuple]] = {}
_KEPT = 32
_KNOWN_LOCK = threading.Lock()


def settings_for(path: Union[str, "os.PathLike[str]"], options: Optional[LintOptions] = None) -> "Settings":
    """The Settings that lint the file at `path`, as `cablelint PATH` would: its nearest config
    file's per-file keys, laid over with `options` (a run's resolved options, whose run-wide
    keys and command-line values apply; default: those of a run from the working directory).
    Kept per config file, and made again when
    that file, or any rule-set file the settings were read from, changes on disk. CliError when
    the config or a rule file is wrong (the message names the file, line and column)."""
    if options is None:  # as a run from the working directory: its config's run-wide keys (`release`)
        options = resolve(argparse.Namespace(), environ={}, cwd=working_directory())
    folder = Path(os.path.abspath(os.fspath(path))).parent
    explicit = dict(options.command_line).get("config")
    found_path = Path(options.config_file) if explicit and options.config_file else config.find(folder)
    key = (str(found_path) if found_path else None, _signature(found_path), options)
    with _KNOWN_LOCK:  # the language server asks from its worker threads
        known = _KNOWN.get(key)
    if known is not None and all(_signature(Path(f)) == sig for f, sig in known[1]):
        return known[0]
    found = load_config(found_path, working_directory()) if found_path else None
    # (no config above the file: the run's own options, as Nearest gives such a file)
    settings = make_settings(options_for_config(options, found) if found else options)
    with _KNOWN_LOCK:
        _KNOWN[key] = (settings, tuple((str(f), _signature(Path(f))) for f in settings.ruleset.files))
        while len(_KNOWN) > _KEPT:
            del _KNOWN[next(iter(_KNOWN))]
    return settings


def _signature(path: Optional[Path]) -> Optional[tuple]:
    if path is None:
        return None
    try:
        status = os.stat(path)
    except OSError:
        return ()
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)
