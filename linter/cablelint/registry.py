"""The rule registry: every rule is declared once, with its code, name, default severity,
summary, rationale and examples, next to its check (in `checks/`)."""

from __future__ import annotations

import functools
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping, NamedTuple

if TYPE_CHECKING:
    from .context import Context
    from .diagnostics import Finding

Check = Callable[["Context", Mapping[str, Any]], Iterable["Finding"]]


class RuleSpec(NamedTuple):
    code: str
    name: str
    severity: str                      # default severity
    summary: str                       # one line: when it fires
    rationale: str                     # the policy it enforces, with its source
    bad: str                           # a failing example (cable excerpt)
    good: str                          # the same excerpt, passing
    check: Check
    options: Mapping[str, Any] = MappingProxyType({})  # read-only: one shared empty mapping is safe
    release_only: bool = False         # R rules run only with --release


@functools.lru_cache(maxsize=None)
def all_rules() -> tuple[RuleSpec, ...]:
    """Every built-in rule, in catalog order."""
    from .checks import authority, declass, inputs, portions, release, structure, tags

    rules = (*inputs.RULES, *structure.RULES, *portions.RULES, *authority.RULES,
             *declass.RULES, *tags.RULES, *release.RULES)
    codes = [r.code for r in rules]
    if len(set(codes)) != len(codes):
        raise RuntimeError("a rule code is registered twice")
    return rules


@functools.lru_cache(maxsize=None)
def by_code() -> Mapping[str, RuleSpec]:
    return MappingProxyType({r.code: r for r in all_rules()})


@functools.lru_cache(maxsize=None)
def by_name() -> Mapping[str, RuleSpec]:
    return MappingProxyType({r.name: r for r in all_rules()})


def lookup(key: str) -> RuleSpec | None:
    """A rule by code (case-insensitive) or by name."""
    return by_code().get(key.upper()) or by_name().get(key.lower())
