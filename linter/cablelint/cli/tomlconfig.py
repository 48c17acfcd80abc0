"""`[tool.cablelint]` in pyproject.toml: reading it, and finding where a key stands."""

from __future__ import annotations

from typing import Any, Optional

from .. import patterns

# TOML is parsed with the standard library's tomllib (Python 3.11+) or its backport tomli. Neither
# keeps positions, so `locate_toml` finds a key by scanning table headers and `key =` lines; it
# is used only to point an error message (or --show-config) at a line.

_POSITION = patterns.compile(r"\(at line (\d+), column (\d+)\)")
_BARE_OR_QUOTED = r'(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|\'[^\']*\')'
_DOTTED = rf"{_BARE_OR_QUOTED}(?:\s*\.\s*{_BARE_OR_QUOTED})*"
_HEADER = patterns.compile(rf"^\s*\[\s*({_DOTTED})\s*\]\s*(?:#.*)?$")
_KEY = patterns.compile(rf"^(\s*)({_DOTTED})\s*=")
_PART = patterns.compile(r'"((?:[^"\\]|\\.)*)"|\'([^\']*)\'|([A-Za-z0-9_-]+)')


class TomlError(Exception):
    def __init__(self, line: int, column: int, message: str):
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


def may_hold_tool_table(text: str) -> bool:
    """False when the TOML `text` cannot hold a `[tool.cablelint]` table, told without parsing it:
    keys are case-sensitive, so the name is spelled out, or written with \\u or \\U escapes in a
    quoted key (no other escape stands for a letter). Most pyproject.toml files found on the way up
    are other projects': importing and running the TOML parser for them would cost a one-cable run
    about 5 ms."""
    return "cablelint" in text or "\\u" in text or "\\U" in text


def read_tool_table(text: str) -> Optional[dict]:
    """The `[tool.cablelint]` table of a pyproject.toml text, or None when it has none."""
    try:
        import tomllib
    except ModuleNotFoundError:  # pragma: no cover - Python < 3.11 (pyproject requires tomli there)
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = _POSITION.search(str(exc))
        line, column = (int(found.group(1)), int(found.group(2))) if found else (1, 1)
        raise TomlError(line, column, f"invalid TOML: {_POSITION.sub('', str(exc)).strip()}") from None
    except RecursionError:  # (the parser recurses once per level: arrays nested some hundreds deep)
        raise TomlError(1, 1, "invalid TOML: its arrays or tables are nested too deeply to read") from None
    tool = document.get("tool")
    table = tool.get("cablelint") if isinstance(tool, dict) else None
    if table is None:
        return None
    if not isinstance(table, dict):
        raise TomlError(1, 1, "tool.cablelint must be a table")
    return table


def _keys(dotted: str) -> tuple[str, ...]:
    return tuple(a or b or c for a, b, c in _PART.findall(dotted))


def _is_prefix(prefix: tuple, path: tuple) -> bool:
    return len(prefix) <= len(path) and tuple(path[:len(prefix)]) == prefix


def locate_toml(text: str, path: tuple[Any, ...]) -> Optional[tuple[int, int]]:
    """1-based (line, column) of the deepest key of `path` found in the TOML `text`."""
    best: Optional[tuple[int, int]] = None
    depth = 0
    table: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), 1):
        header = _HEADER.match(line)
        if header:
            table = _keys(header.group(1))
            if _is_prefix(table, path) and len(table) > depth:
                best, depth = (number, line.index("[") + 1), len(table)
            continue
        key = _KEY.match(line)
        if key:
            full = table + _keys(key.group(2))
            if _is_prefix(full, path) and len(full) > depth:
                best, depth = (number, len(key.group(1)) + 1), len(full)
    return best
