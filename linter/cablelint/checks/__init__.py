"""The rule checks, one module per family, each exposing `RULES` (a tuple of RuleSpec); this module
is the registry that gathers them, in catalog order."""

from __future__ import annotations

import functools
from types import MappingProxyType
from typing import Mapping, Optional

from ..policy.catalog import CATALOG
from .registry import RuleSpec

# The families are imported on the first call, not with the package: they need the parser and the
# rule-set model, which a cached run never loads.


@functools.lru_cache(maxsize=None)
def all_rules() -> tuple[RuleSpec, ...]:
    """Every built-in rule, in catalog order."""
    from . import authority, declass, inputs, portions, release, structure, tags

    rules = (*inputs.RULES, *structure.RULES, *portions.RULES, *authority.RULES,
             *declass.RULES, *tags.RULES, *release.RULES)
    if [r.code for r in rules] != [m.code for m in CATALOG]:
        raise RuntimeError("the checks' rules and the rule catalog (policy/catalog.py) differ")
    return rules


@functools.lru_cache(maxsize=None)
def by_code() -> Mapping[str, RuleSpec]:
    return MappingProxyType({r.code: r for r in all_rules()})


@functools.lru_cache(maxsize=None)
def by_name() -> Mapping[str, RuleSpec]:
    return MappingProxyType({r.name: r for r in all_rules()})


def lookup(key: str) -> Optional[RuleSpec]:
    """A rule by code (case-insensitive) or by name."""
    return by_code().get(key.upper()) or by_name().get(key.lower())
