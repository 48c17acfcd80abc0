"""Config files: `.cablelint.yaml`, or `[tool.cablelint]` in `pyproject.toml`."""

from __future__ import annotations

import datetime as dt
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping, Optional

from ..errors import undecodable_at
from ..policy import schema
from ..policy.ruleset import read_regular
from ..policy.yamlpos import locate
from ..run.exclusion import anchor
from .options import COLOR_CHOICES, FORMAT_NAMES, SEVERITY_NAMES
from .tomlconfig import TomlError, locate_toml, may_hold_tool_table, read_tool_table

# Found upwards from the working directory (in each folder `.cablelint.yaml` first, then a
# `pyproject.toml` that has a `[tool.cablelint]` table), or named with `--config`. The keys are
# the long options (`as-of`, `fail-on`, ...) plus `per-file-ignores`; a config may also carry a
# rule set's `extends` and `rules`. Paths in a config file are relative to its folder. Anything
# wrong stops the run with `PATH:LINE:COLUMN: message` at the offending key.
#
# `rules` is either a list of rule files (layered over the defaults, before `--rules` files), or a
# mapping of rule settings exactly as in a rule set: then the config file itself is a rule-set
# layer (after its `extends`, before any `--rules` file).

YAML_NAME = ".cablelint.yaml"
PYPROJECT = "pyproject.toml"
MAX_CONFIG_BYTES = 1024 * 1024
MAX_SCANNED_BYTES = 64 * 1024 * 1024  # of another project's pyproject.toml, looking for our name
_PIECE = 1024 * 1024


class ConfigError(Exception):
    """The config file cannot be used; the message starts with PATH:LINE:COLUMN."""


@dataclass(frozen=True, eq=False)
class RuleLayer:
    """The rule-set part of a config file (`extends` and a `rules` mapping), layered like a rule set."""

    path: Path
    document: Mapping[str, Any]


@dataclass(frozen=True)
class ConfigFile:
    path: Path
    text: str
    values: Mapping[str, Any]    # LintOptions field -> value
    keys: Mapping[str, str]      # LintOptions field -> the config key that set it
    layer: Optional[RuleLayer]

    def line_of(self, name: str) -> int:
        """The line of the key that set option `name` (positions are looked up only on demand)."""
        key = self.keys.get(name, "")
        where = (locate_toml(self.text, ("tool", "cablelint", key)) if self.path.suffix == ".toml"
                 else locate(self.text, (key,)))
        return where[0] if where else 1


# ------------------------------------------------------------------ finding and reading

def find(start: Path) -> Optional[Path]:
    """The nearest config file in `start` or a folder above it. A folder that cannot be searched
    (another user's, above a checkout) holds no config file for this user and is passed over, as
    is a `pyproject.toml` that cannot be read or does not name cablelint (another project's)."""
    for folder in (start, *start.parents):
        found = in_folder(folder)
        if found is not None:
            return found
    return None


def in_folder(folder: Path) -> Optional[Path]:
    """The config file of `folder` itself: `.cablelint.yaml`, else a `pyproject.toml` with our table."""
    candidate = folder / YAML_NAME
    if _is_file(candidate) or _named(candidate):
        return candidate  # (one that cannot be read, a dangling link, is an error `load` names, not absent)
    pyproject = folder / PYPROJECT
    if _is_file(pyproject) and _has_tool_table(pyproject):
        return pyproject
    return None


def candidates(start: Path) -> list[str]:
    """Every path `find` may look at (a replayed run checks that none appeared, went or changed)."""
    return [str(folder / name) for folder in (start, *start.parents) for name in (YAML_NAME, PYPROJECT)]


def _is_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):  # not there, a folder that cannot be searched, a path too long
        return False


def _named(path: Path) -> bool:
    """Whether the folder holds an entry of that name, whatever it is (a link that leads nowhere)."""
    try:
        os.lstat(path)
    except (OSError, ValueError):
        return False
    return True


def _has_tool_table(path: Path) -> bool:
    """Whether `path` may hold a [tool.cablelint] table: told from its bytes without parsing
    when it cannot (see may_hold_tool_table); a file that names cablelint but cannot be parsed
    counts, so that load() reports where it is broken."""
    if not _names_cablelint(path):
        return False
    try:
        text = _read_text(path)
        return read_tool_table(text) is not None
    except (ConfigError, TomlError):
        return True


def _names_cablelint(path: Path) -> bool:
    """False when the file cannot be read, or its bytes cannot spell the table's name (read in
    pieces, at most MAX_SCANNED_BYTES: a huge or non-UTF-8 pyproject.toml of another project is
    passed over, not refused)."""
    try:
        with open(path, "rb") as handle:
            tail = b""
            for _ in range(MAX_SCANNED_BYTES // _PIECE):
                piece = handle.read(_PIECE)
                if not piece:
                    return False
                if may_hold_tool_table((tail + piece).decode("latin-1")):
                    return True
                tail = piece[-16:]
    except OSError:
        return False
    return False


def _read_text(path: Path) -> str:
    try:
        return read_regular(path, MAX_CONFIG_BYTES, "the config file").decode("utf-8-sig")
    except OSError as exc:
        raise ConfigError(f"{path}:1:1: cannot read the config file: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}:{undecodable_at(exc)}: not UTF-8 text (byte {exc.start})") from None


def _read_yaml(path: Path, text: str) -> dict:
    from ..policy.ruleset import (
        parse_mapping,  # only runs that have a YAML config pay for the YAML import
    )

    return parse_mapping(text, path, "a config file", ConfigError)


def load(path: Path, cwd: Path) -> ConfigFile:
    """Read and validate one config file; ConfigError at the offending key when it is wrong."""
    path = Path(os.path.abspath(path))
    text = _read_text(path)
    is_toml = path.suffix == ".toml"
    if is_toml:
        try:
            document = read_tool_table(text)
        except TomlError as exc:
            raise ConfigError(f"{path}:{exc.line}:{exc.column}: {exc.message}") from None
        if document is None:
            raise ConfigError(f"{path}:1:1: no [tool.cablelint] table in this file")
    else:
        document = _read_yaml(path, text)
    try:
        return _convert(path, text, document, cwd)
    except schema.SchemaError as exc:
        where = locate_toml(text, ("tool", "cablelint", *exc.path)) if is_toml else locate(text, exc.path)
        line, column = where or (1, 1)
        raise ConfigError(f"{path}:{line}:{column}: {exc.message}") from None


# ------------------------------------------------------------------ keys and their values

Convert = Callable[[tuple, Any, Path, Path], Any]  # (key path, value, config folder, cwd) -> option value


def _date(key: tuple, value: Any, folder: Path, cwd: Path) -> dt.date:
    schema.date(key, value)
    return schema.as_date(value)


def _boolean(key: tuple, value: Any, folder: Path, cwd: Path) -> bool:
    schema.boolean(key, value)
    return value


def _choice(*choices: str) -> Convert:
    def convert(key: tuple, value: Any, folder: Path, cwd: Path) -> str:
        schema.one_of(*choices)(key, value)
        return value
    return convert


def _jobs(key: tuple, value: Any, folder: Path, cwd: Path) -> int:
    schema.integer(key, value)
    if value < 1:
        raise schema.SchemaError(key, f"expected 1 or more worker processes, found {value}")
    return value


def _path(key: tuple, value: Any, folder: Path, cwd: Path) -> str:
    schema.string(key, value)
    return os.path.normpath(folder / os.path.expanduser(value))


def _codes(key: tuple, value: Any, folder: Path, cwd: Path) -> tuple[str, ...]:
    return code_list(key, value)


def code_list(key: tuple, value: Any) -> tuple[str, ...]:
    """A list of codes or prefixes, or one comma-separated string, each naming some rule."""
    items = [part for part in value.split(",") if part.strip()] if isinstance(value, str) else value
    if not isinstance(items, list):
        raise schema.SchemaError(key, "expected a list of rule codes or prefixes, or a comma-separated string")
    from .options import unknown_code

    codes = []
    for index, item in enumerate(items):
        where = key if isinstance(value, str) else key + (index,)
        code = item.strip().upper() if isinstance(item, str) else item
        if not isinstance(code, str):
            raise schema.SchemaError(where, f"{schema.shown(item)} is not a rule code or prefix "
                                            "(see `cablelint rules`)")
        why = unknown_code(code)
        if why:
            raise schema.SchemaError(where, why)
        codes.append(code)
    return tuple(codes)


def _globs(key: tuple, value: Any, folder: Path, cwd: Path) -> tuple[str, ...]:
    """Exclusion globs, a list or one comma-separated string, anchored to the config's folder."""
    items = [part for part in value.split(",") if part.strip()] if isinstance(value, str) else value
    if not isinstance(items, list):
        raise schema.SchemaError(key, "expected a list of glob patterns, or a comma-separated string")
    for index, item in enumerate(items):
        if not isinstance(item, str) or not item.strip():
            raise schema.SchemaError(key if isinstance(value, str) else key + (index,),
                                     f"pattern {schema.shown(item)} must be a non-empty string")
    return tuple(anchor(item, str(folder)) for item in items)


def _per_file_ignores(key: tuple, value: Any, folder: Path, cwd: Path) -> tuple:
    if not isinstance(value, dict):
        raise schema.SchemaError(key, "expected a mapping of glob patterns to lists of codes")
    entries = []
    for pattern, codes in value.items():
        if not isinstance(pattern, str) or not pattern:
            raise schema.SchemaError(key + (pattern,), f"pattern {schema.shown(pattern)} must be a non-empty string")
        checked = code_list(key + (pattern,), codes)
        entries.extend((anchored, checked) for anchored in anchor_pattern(pattern, folder, cwd))
    return tuple(entries)


def anchor_pattern(pattern: str, folder: Path, cwd: Path) -> tuple[str, ...]:
    """The forms of a config glob that match paths as cablelint reports them.

    A pattern without `/` matches a file name in any folder; one with `/` is relative to the
    config file's folder, and is matched as given relative to the working directory (with or
    without a leading `./`) or as an absolute path.
    """
    if "/" not in pattern:
        return (pattern, "*/" + pattern)
    absolute = os.path.normpath(folder / pattern)
    relative = Path(os.path.relpath(absolute, cwd)).as_posix()
    forms = [relative] + ([] if relative.startswith("../") else ["./" + relative]) + [Path(absolute).as_posix()]
    return tuple(dict.fromkeys(forms))


def _rule_files(key: tuple, value: Any, folder: Path, cwd: Path) -> tuple[str, ...]:
    files = [value] if isinstance(value, str) else value
    schema.strings(key, files)
    paths = []
    for index, name in enumerate(files):
        path = os.path.normpath(folder / name)
        if not os.path.isfile(path):
            raise schema.SchemaError(key if isinstance(value, str) else key + (index,),
                                     f"rule file {path} does not exist")
        paths.append(path)
    return tuple(paths)


KEYS: dict[str, tuple[str, Convert]] = {
    "date": ("date", _date),
    "as-of": ("as_of", _date),
    "release": ("release", _boolean),
    "preview": ("preview", _boolean),
    "select": ("select", _codes),
    "extend-select": ("extend_select", _codes),
    "ignore": ("ignore", _codes),
    "fail-on": ("fail_on", _choice(*SEVERITY_NAMES)),
    "format": ("format", _choice(*FORMAT_NAMES)),
    "jobs": ("jobs", _jobs),
    "statistics": ("statistics", _boolean),
    "exit-zero": ("exit_zero", _boolean),
    "per-file-ignores": ("per_file_ignores", _per_file_ignores),
    "baseline": ("baseline", _path),
    "output-file": ("output_file", _path),
    "output-format": ("output_format", _choice(*FORMAT_NAMES)),
    "color": ("color", _choice(*COLOR_CHOICES)),
    "exclude": ("exclude", _globs),
    "extend-exclude": ("extend_exclude", _globs),
    "force-exclude": ("force_exclude", _boolean),
    "respect-gitignore": ("respect_gitignore", _boolean),
}
RULE_SET_KEYS = ("extends", "rules")


def _convert(path: Path, text: str, document: dict, cwd: Path) -> ConfigFile:
    folder = path.parent
    values: dict[str, Any] = {}
    keys: dict[str, str] = {}
    layer: dict[str, Any] = {}
    for key, value in document.items():
        if key in RULE_SET_KEYS:
            if key == "rules" and not isinstance(value, dict):
                values["rules"] = _rule_files(("rules",), value, folder, cwd)
            else:
                layer[key] = value
            keys["rules"] = keys.get("rules", key)
        elif isinstance(key, str) and key in KEYS:
            name, convert = KEYS[key]
            values[name] = convert((key,), value, folder, cwd)
            keys[name] = key
        else:
            allowed = ", ".join(sorted([*KEYS, *RULE_SET_KEYS]))
            raise schema.SchemaError((key,), f"unknown config key {schema.shown(key)} (allowed: {allowed})")
    if layer:
        from ..policy import ruleset

        ruleset.validate_document(layer)  # the rule-set part is checked exactly as a rule-set file is
    return ConfigFile(path, text, values, keys, RuleLayer(path, layer) if layer else None)
