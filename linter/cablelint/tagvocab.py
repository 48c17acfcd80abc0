"""TAGS vocabularies: the kind of a tag on a given day, and the nearest known tag to a misspelling."""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Optional

from .rulesetmodel import RuleSet, TagDef

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
def _index(ruleset: RuleSet) -> tuple[dict[int, tuple[str, ...]], dict[str, str], dict[str, str]]:
    """Tags by length; ISO code -> geographic tag; country name -> geographic tag."""
    lengths: dict[int, set[str]] = {}
    iso: dict[str, str] = {}
    names: dict[str, str] = {}
    for kind, entries in ruleset.tags.items():
        for tag, known in entries.items():
            lengths.setdefault(len(tag), set()).add(tag)
            if kind == "geographic" and known.end is None:
                for code in known.iso:
                    iso.setdefault(code, tag)
                name = re.sub(r"\s*\(.*\)", "", known.meaning).strip().upper()
                if name and re.fullmatch(r"[A-Z ]+", name):
                    names.setdefault(name.replace(" ", ""), tag)
    return {n: tuple(sorted(t)) for n, t in lengths.items()}, iso, names


def _edit(a: str, b: str) -> Optional[int]:
    """How `a` differs from `b` by one typing slip: 0 adjacent swap, 1 letter missing or extra,
    2 letter wrong; None when it is not a single slip."""
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diffs) == 1:
            return 2
        if len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]:
            return 0
        return None
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    if len(long_) - len(short) != 1:
        return None
    return 1 if any(long_[:i] + long_[i + 1:] == short for i in range(len(long_))) else None


def candidates(ruleset: RuleSet, value: str, day: Optional[dt.date]) -> list[str]:
    """Known tags `value` may have been meant as, best first (empty when nothing is close)."""
    by_length, iso, names = _index(ruleset)
    if value in iso and kind_on(ruleset, iso[value], day):
        return [iso[value]]  # an ISO 3166 code where State writes FIPS 10-4
    if value.replace(" ", "") in names:
        return [names[value.replace(" ", "")]]
    if len(value) < 3 or not value.isalpha():
        return []
    ranked: list[tuple[int, int, str]] = []
    for length in (len(value) - 1, len(value), len(value) + 1):
        for tag in by_length.get(length, ()):
            slip = _edit(value, tag)
            # a four-letter token has the shape of a subject tag: a shorter acronym is a poor guess
            if len(value) == 4 and len(tag) < 4:
                continue
            if slip is not None and len(tag) >= 3 and kind_on(ruleset, tag, day):
                ranked.append((slip, tag[0] != value[0], tag))
    ranked.sort()
    if ranked:
        best = [tag for slip, other, tag in ranked if (slip, other) == ranked[0][:2]]
        return best
    return [split for split in (_split(ruleset, value, day),) if split]


def _split(ruleset: RuleSet, value: str, day: Optional[dt.date]) -> Optional[str]:
    """Two tags run together (`KDEMAF` -> `KDEM AF`): four-letter subject or program tags and
    two-letter geographic tags only."""
    for cut in (2, 4):
        head, tail = value[:cut], value[cut:]
        if len(tail) in (2, 4) and _standalone(ruleset, head, day) and _standalone(ruleset, tail, day):
            return f"{head} {tail}"
    return None


def _standalone(ruleset: RuleSet, value: str, day: Optional[dt.date]) -> bool:
    kind = kind_on(ruleset, value, day)
    return (len(value) == 4 and kind in ("subject", "program")) or (len(value) == 2 and kind == "geographic")


def suggestion(ruleset: RuleSet, value: str, day: Optional[dt.date]) -> Optional[str]:
    """The one known tag (or pair of tags) a misspelt `value` most likely meant, or None."""
    found = candidates(ruleset, value, day)
    return found[0] if len(found) == 1 else None
