"""TAGS vocabularies: the kind of a tag on a given day, and the nearest known tag to a misspelling."""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Optional

from .rulesetmodel import RuleSet, TagDef
from .scanner import edit_distance

KIND_ORDER = ("subject", "program", "geographic", "organization")
PERSON = re.compile(r"\(\s*[^()]+,[^()]*\)")


def definition(ruleset: RuleSet, value: str) -> tuple[Optional[str], Optional[TagDef]]:
    """(kind, definition) of a tag in the vocabularies, ignoring dates; (None, None) if unknown."""
    for kind in KIND_ORDER:
        found = ruleset.tags.get(kind, {}).get(value)
        if found is not None:
            return kind, found
    for kind, entries in ruleset.tags.items():  # kinds a user added
        if value in entries:
            return kind, entries[value]
    return None, None


def kind_on(ruleset: RuleSet, value: str, day: Optional[dt.date]) -> Optional[str]:
    """The kind of `value` on `day` ('person' for `(SURNAME, GIVEN)`), None when not a valid tag."""
    if PERSON.fullmatch(value):
        return "person"
    for kind in KIND_ORDER + tuple(k for k in ruleset.tags if k not in KIND_ORDER):
        found = ruleset.tags.get(kind, {}).get(value)
        if found is not None and found.valid_on(day):
            return kind
    return None


@functools.lru_cache(maxsize=8)
def _by_length(ruleset: RuleSet) -> dict[int, tuple[str, ...]]:
    lengths: dict[int, set[str]] = {}
    for entries in ruleset.tags.values():
        for tag in entries:
            lengths.setdefault(len(tag), set()).add(tag)
    return {n: tuple(sorted(tags)) for n, tags in lengths.items()}


def suggestion(ruleset: RuleSet, value: str, day: Optional[dt.date]) -> Optional[str]:
    """The known tag (or pair of tags) a misspelt `value` most likely meant, or None."""
    if len(value) < 3 or not value.isalpha():
        return None
    by_length = _by_length(ruleset)
    best: list[tuple[int, int, str]] = []
    for length in (len(value) - 1, len(value), len(value) + 1):
        for tag in by_length.get(length, ()):
            distance = edit_distance(value, tag)
            if distance <= 1 and kind_on(ruleset, tag, day):
                # prefer same first letter (the subject category), then same length
                best.append((distance, (tag[0] != value[0]) + (len(tag) != len(value)), tag))
    if best:
        best.sort()
        if len(best) == 1 or best[0][:2] < best[1][:2]:
            return best[0][2]
    for cut in range(2, len(value) - 1):
        head, tail = value[:cut], value[cut:]
        if kind_on(ruleset, head, day) and kind_on(ruleset, tail, day):
            return f"{head} {tail}"
    return None
