"""The shape of a rule-set file, and the check of a loaded file against it."""

from __future__ import annotations

import datetime as dt
import reprlib
from typing import Any, Callable, Optional

from .. import patterns

# Declarative: each section names its allowed keys and their types. `validate` returns the first
# problem as (key path, message); `ruleset.py` turns the path into file:line:column.

Path = tuple  # a key path inside the document: ("regimes", "eo12958", "max-years")
SEVERITIES = ("error", "warning", "info")
SEVERITY_OR_OFF = SEVERITIES + ("off",)
TAG_KINDS = ("subject", "program", "geographic", "organization", "observed")
CAPTION_KINDS = ("distribution", "channel", "control")
CUSTOM_CODE = patterns.compile(r"C\d{3}")
CUSTOM_SCOPES = ("banner", "captions", "eo", "tags", "subject", "classified-by", "paragraph", "text")


# A value or key from the file is shown only as a short excerpt: a value reached through an alias
# bomb would take minutes and gigabytes to print, and a file named in `extends` may be anything
# readable (a message must not echo its content).
_EXCERPT = reprlib.Repr()
_EXCERPT.maxstring, _EXCERPT.maxother, _EXCERPT.maxlevel = 24, 24, 2
_EXCERPT.maxlist = _EXCERPT.maxtuple = _EXCERPT.maxdict = _EXCERPT.maxset = 3


def shown(value: Any) -> str:
    """A short excerpt of `value` for a message (at most a few dozen characters)."""
    return _EXCERPT.repr(value)


class SchemaError(Exception):
    def __init__(self, path: Path, message: str):
        super().__init__(message)
        self.path = path
        self.message = message


def _type_name(value: Any) -> str:
    return {str: "a string", int: "a number", bool: "true or false", list: "a list", dict: "a mapping",
            type(None): "empty", float: "a number"}.get(type(value), type(value).__name__)


def is_date(value: Any) -> bool:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return True
    if isinstance(value, str):
        try:
            dt.date.fromisoformat(value)
            return True
        except ValueError:
            return False
    return False


def as_date(value: Any) -> Optional[dt.date]:
    if value is None:
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


# ------------------------------------------------------------------ value checkers

Checker = Callable[[Path, Any], None]


def string(path: Path, value: Any) -> None:
    if not isinstance(value, str):
        raise SchemaError(path, f"expected a string, found {_type_name(value)}")


def optional_string(path: Path, value: Any) -> None:
    if value is not None:
        string(path, value)


def boolean(path: Path, value: Any) -> None:
    if not isinstance(value, bool):
        raise SchemaError(path, f"expected true or false, found {_type_name(value)}")


def integer(path: Path, value: Any) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise SchemaError(path, f"expected a whole number, found {_type_name(value)}")


def optional_integer(path: Path, value: Any) -> None:
    if value is not None:
        integer(path, value)


def date(path: Path, value: Any) -> None:
    if not is_date(value):
        raise SchemaError(path, f"expected a date YYYY-MM-DD, found {shown(value)}")


def optional_date(path: Path, value: Any) -> None:
    if value is not None:
        date(path, value)


def one_of(*choices: str) -> Checker:
    def check(path: Path, value: Any) -> None:
        if value not in choices:
            raise SchemaError(path, f"expected one of {', '.join(choices)}, found {shown(value)}")
    return check


def strings(path: Path, value: Any) -> None:
    if not isinstance(value, list):
        raise SchemaError(path, f"expected a list of strings, found {_type_name(value)}")
    for index, item in enumerate(value):
        if not isinstance(item, str):
            raise SchemaError(path + (index,), f"expected a string, found {_type_name(item)}")


def mapping_of(value_check: Checker) -> Checker:
    def check(path: Path, value: Any) -> None:
        if not isinstance(value, dict):
            raise SchemaError(path, f"expected a mapping, found {_type_name(value)}")
        for key, item in value.items():
            if not isinstance(key, str):
                raise SchemaError(path + (key,), f"key {shown(key)} must be a string (quote it)")
            value_check(path + (key,), item)
    return check


def record(required: dict[str, Checker], optional: Optional[dict[str, Checker]] = None) -> Checker:
    """A mapping with known keys: all `required` ones, any of the `optional` ones, nothing else."""
    optional = optional or {}

    def check(path: Path, value: Any) -> None:
        if not isinstance(value, dict):
            raise SchemaError(path, f"expected a mapping, found {_type_name(value)}")
        for key, item in value.items():
            checker = required.get(key) or optional.get(key)
            if checker is None:
                allowed = ", ".join(sorted(set(required) | set(optional)))
                raise SchemaError(path + (key,), f"unknown key {shown(key)} (allowed: {allowed})")
            checker(path + (key,), item)
        for key in required:
            if key not in value:
                raise SchemaError(path, f"missing key {shown(key)}")
    return check


# ------------------------------------------------------------------ the sections

def _tag_entry(path: Path, value: Any) -> None:
    if isinstance(value, str) or value is None:
        return
    record({}, {"meaning": optional_string, "from": optional_date, "until": optional_date,
                "iso": optional_string, "iso3": optional_string, "mix-ups": strings})(path, value)


def _observed_entry(path: Path, value: Any) -> None:
    """A tag seen on real cables (rules/tags-observed.yaml): the evidence is kept beside it."""
    if isinstance(value, str) or value is None:
        return
    record({}, {"meaning": optional_string, "cables": integer, "posts": integer, "first": date,
                "last": date})(path, value)


def _regime_forbidden(path: Path, value: Any) -> None:
    mapping_of(string)(path, value)


SECTIONS: dict[str, Checker] = {
    "extends": lambda path, value: strings(path, [value] if isinstance(value, str) else value),
    "levels": mapping_of(record({"rank": integer, "portion": strings})),
    "administrative": mapping_of(record({"level": string, "controls": strings})),
    "controls": mapping_of(record({}, {"portion": strings, "prefix": strings, "banner": strings})),
    "captions": mapping_of(record({"kind": one_of(*CAPTION_KINDS)}, {
        "from": optional_date, "until": optional_date, "out-of-period": one_of(*SEVERITIES),
        "excludes": strings})),
    "regimes": mapping_of(record(
        {"title": string, "cites": strings, "from": date, "until": optional_date,
         "reason-section": optional_string, "reason-letters": strings, "requires-authority": boolean,
         "max-years": optional_integer, "exemptions": strings, "indefinite": strings,
         "forbidden": _regime_forbidden},
        {"legacy": strings, "subject-marking": boolean, "portion-marking": boolean,
         "derivative-names-classifier": boolean, "signed": optional_date, "exemptions-from": mapping_of(date),
         "reason-areas": optional_integer})),
    "automatic-declassification": record({"years": integer}, {"exemptions-years": mapping_of(integer)}),
    "tags": record({}, {kind: mapping_of(_observed_entry if kind == "observed" else _tag_entry) for kind in TAG_KINDS}),
    # "rules" is checked against the rule registry by ruleset.py
}
