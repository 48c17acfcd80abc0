"""A rule as the checks declare it: the catalog's metadata (policy/catalog.py) joined, by code, to
the check function and the words that explain it (summary, rationale, examples)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping, NamedTuple

from ..policy.catalog import lookup as catalog_entry

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
    options: Mapping[str, Any]         # option -> default
    release_only: bool                 # R rules run only with --release


def rule(code: str, summary: str, rationale: str, bad: str, good: str, check: Check) -> RuleSpec:
    """The rule `code` of the catalog, with its check and explanation."""
    meta = catalog_entry(code)
    if meta is None or meta.code != code:
        raise RuntimeError(f"{code} is not in the rule catalog (policy/catalog.py)")
    return RuleSpec(code, meta.name, meta.severity, summary, rationale, bad, good, check, meta.options,
                    meta.release_only)
