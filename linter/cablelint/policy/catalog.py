"""The rule catalog's metadata: each rule's code, name, default severity and options."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any, Mapping, NamedTuple, Optional

# This is what a rule set may name and set, so loading and validating rule sets needs it; the
# checks themselves, with each rule's summary, rationale and examples, are in `checks/`, which joins
# its entries to these by code. Codes are stable (../shared/spec/rules.md); the order is the catalog's.

_NONE: Mapping[str, Any] = MappingProxyType({})  # read-only: one shared empty mapping is safe


class RuleMeta(NamedTuple):
    code: str
    name: str                          # kebab-case, as accepted in rule sets
    severity: str                      # default severity
    options: Mapping[str, Any] = _NONE  # option -> default value (its type is the option's type)
    release_only: bool = False         # R rules run only with --release


CATALOG: tuple[RuleMeta, ...] = (
    RuleMeta("X001", "unreadable-file", "error"),
    RuleMeta("X002", "not-a-cable", "info"),
    RuleMeta("X003", "record-cut", "info"),
    RuleMeta("X004", "redacted", "info"),
    RuleMeta("X005", "spliced-record", "info"),
    RuleMeta("X006", "retyped-case", "info"),
    RuleMeta("S001", "missing-classification-line", "error"),
    RuleMeta("S002", "unknown-classification", "error"),
    RuleMeta("S003", "missing-eo-line", "error"),
    RuleMeta("S004", "missing-tags-line", "error"),
    RuleMeta("S005", "missing-subject-line", "error"),
    RuleMeta("S006", "section-mismatch", "warning"),
    RuleMeta("S007", "paragraph-numbering", "warning"),
    RuleMeta("S008", "dangling-paragraph-reference", "warning"),
    RuleMeta("S009", "routing-classification-mismatch", "error"),
    RuleMeta("S010", "marking-not-in-force", "error"),
    RuleMeta("S011", "conflicting-captions", "error"),
    RuleMeta("S012", "misspelt-label", "warning"),
    RuleMeta("P001", "missing-portion-marking", "error"),
    RuleMeta("P002", "malformed-portion-marking", "error"),
    RuleMeta("P003", "portion-above-banner", "error"),
    RuleMeta("P004", "banner-above-portions", "warning"),
    RuleMeta("P005", "control-missing-from-banner", "error"),
    RuleMeta("P006", "unmarked-subject", "warning", MappingProxyType({"always": False})),
    RuleMeta("A001", "missing-classified-by", "error"),
    RuleMeta("A002", "incomplete-classified-by", "warning"),
    RuleMeta("A003", "missing-reason", "error"),
    RuleMeta("A004", "invalid-reason", "error"),
    RuleMeta("A005", "wrong-reason-section", "error"),
    RuleMeta("A006", "classified-by-on-unclassified", "warning"),
    RuleMeta("D001", "missing-declassification", "error"),
    RuleMeta("D002", "malformed-declassification-date", "error"),
    RuleMeta("D003", "declassification-before-origin", "error"),
    RuleMeta("D004", "duration-exceeds-limit", "error"),
    RuleMeta("D005", "prohibited-declassification-marking", "error"),
    RuleMeta("D006", "order-not-in-force", "error"),
    RuleMeta("D007", "not-applicable-on-classified", "error"),
    RuleMeta("D008", "declassification-on-unclassified", "warning"),
    RuleMeta("D009", "declassification-due", "info"),
    RuleMeta("D010", "unknown-exemption", "error"),
    RuleMeta("D011", "origin-date-unknown", "info"),
    RuleMeta("T001", "unknown-tag", "error"),
    RuleMeta("T002", "tags-format", "warning"),
    RuleMeta("T003", "missing-geographic-tag", "warning", MappingProxyType({"multilateral-posts": [
        "STATE", "SECSTATE", "USNATO", "USEU", "USUN", "UNVIE", "USOSCE", "USMISSION", "USOECD", "USUNESCO",
        "USAU", "UNROME", "USDEL", "SECDEF", "CDGENEVA", "GENEVA"]})),
    RuleMeta("T004", "missing-subject-tag", "warning"),
    RuleMeta("T005", "duplicate-tag", "warning"),
    RuleMeta("T006", "missing-person-name", "warning",
             MappingProxyType({"tags": ["OVIP", "OCON", "OEXC", "OREP", "OTRA"]})),
    RuleMeta("T007", "unrecognised-tag", "warning"),
    RuleMeta("R001", "still-classified", "error", release_only=True),
    RuleMeta("R002", "exempt-requires-review", "error", release_only=True),
)

_BY_CODE = {m.code: m for m in CATALOG}
_BY_NAME = {m.name: m for m in CATALOG}


def lookup(key: str) -> Optional[RuleMeta]:
    """A rule by code (case-insensitive) or by name."""
    return _BY_CODE.get(key.upper()) or _BY_NAME.get(key.lower())
