"""TAGS vocabularies: the kind of a tag on a given day, and the nearest known tag to a misspelling."""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Iterable, Optional

from .. import patterns
from .rulesetmodel import RuleSet, TagDef

KIND_ORDER = ("subject", "program", "geographic", "organization")
# Tags that real cables of several posts carry, whose meaning no source gives (rules/tags-observed.yaml,
# built by bench/observed_tags.py): known, so not reported as unknown, but never a slip's target and
# never a stand-in for a geographic or subject tag.
OBSERVED = "observed"
PERSON = patterns.compile(r"\(\s*[^()]+,[^()]*\)")
# The subject and program vocabularies are those of the Cablegate years (cablemap's lists, the tags
# observed on the shared corpora: 3,590 of their 3,618 cables date from 2000 to 2010); the TAGS of
# earlier decades differ (TAGS74, docs/marking-rules.md 2.6: SHUM, SOPN, PBOR, EGEN ...), so on a
# cable written before this day a tag the lists lack is not taken for a slip of one they have.
VOCABULARY_FROM = dt.date(2000, 1, 1)


def before_vocabulary(day: Optional[dt.date]) -> bool:
    """The cable was written before the period the vocabularies know (False when its date is unknown)."""
    return day is not None and day < VOCABULARY_FROM


@functools.lru_cache(maxsize=8)
def _definitions(ruleset: RuleSet) -> dict[str, tuple[tuple[str, TagDef], ...]]:
    """Each tag with its (kind, definition) pairs, the kinds of KIND_ORDER first, then the kinds a
    user added, the observed tags last. Built once per rule set: every tag of every cable is
    looked up, often twice. An ISO code where State writes FIPS is never taken as observed: it
    stays a slip however common (RU for RS)."""
    order = KIND_ORDER + tuple(k for k in ruleset.tags if k not in KIND_ORDER and k != OBSERVED) + (OBSERVED,)
    mixups = iso_mixups(ruleset)
    found: dict[str, list[tuple[str, TagDef]]] = {}
    for kind in order:
        for value, known in ruleset.tags.get(kind, {}).items():
            if kind == OBSERVED and value in mixups:
                continue
            found.setdefault(value, []).append((kind, known))
    return {value: tuple(pairs) for value, pairs in found.items()}


@functools.lru_cache(maxsize=8)
def iso_mixups(ruleset: RuleSet) -> dict[str, str]:
    """ISO 3166 codes that are not tags themselves -> the FIPS 10-4 geographic tag State writes
    for that country (the geographic vocabulary lists each entry's ISO codes: RU -> RS)."""
    documented = {tag for kind, entries in ruleset.tags.items() if kind != OBSERVED for tag in entries}
    found: dict[str, str] = {}
    for tag, known in ruleset.tags.get("geographic", {}).items():
        if known.end is None:
            for code in known.iso:
                if code not in documented:
                    found.setdefault(code, tag)
    return found


def iso_meant(ruleset: RuleSet, code: str, day: Optional[dt.date]) -> Optional[str]:
    """The geographic tag in force on `day` whose country is written `code` by mistake (its ISO 3166
    code, or a listed mix-up), where that tag is not `code` itself (GE on a 2008 cable: Georgia's ISO
    code, GG in State's codes), or None."""
    for tag, known in ruleset.tags.get("geographic", {}).items():
        if tag != code and code in known.iso and kind_on(ruleset, tag, day):
            return tag
    return None


def country_named(ruleset: RuleSet, name: str, day: Optional[dt.date]) -> Optional[str]:
    """The geographic tag in force on `day` whose meaning is the country `name` (in capitals), or None
    (also for a name two tags share: `KOREA`, North's and South's)."""
    tags = _countries(ruleset).get(name, ())
    valid = [tag for tag in tags if ruleset.tags["geographic"][tag].valid_on(day)]
    return valid[0] if len(valid) == 1 else None


@functools.lru_cache(maxsize=8)
def _countries(ruleset: RuleSet) -> dict[str, tuple[str, ...]]:
    """Each geographic tag's country name in capitals (its meaning before a parenthesis, a comma or a
    dash) -> the tags of that name (remembered per rule set)."""
    found: dict[str, tuple[str, ...]] = {}
    for tag, known in ruleset.tags.get("geographic", {}).items():
        name = re.split(r"[(,;]| - ", known.meaning or "")[0].strip().upper()
        if name:
            found[name] = found.get(name, ()) + (tag,)
    return found


def definition(ruleset: RuleSet, value: str) -> tuple[Optional[str], Optional[TagDef]]:
    """(kind, definition) of a tag in the vocabularies, ignoring dates; (None, None) if unknown."""
    pairs = _definitions(ruleset).get(value)
    return pairs[0] if pairs else (None, None)


def vocabulary(ruleset: RuleSet) -> dict[str, tuple[tuple[str, TagDef], ...]]:
    """Each known tag -> its (kind, definition) pairs, ignoring dates (see `_definitions`): for a
    caller that looks up many tags, so that the rule set's cache is consulted once."""
    return _definitions(ruleset)


def kind_on(ruleset: RuleSet, value: str, day: Optional[dt.date]) -> Optional[str]:
    """The kind of `value` on `day` ('person' for `(SURNAME, GIVEN)`), None when not a valid tag."""
    # (the pattern can only match from an opening parenthesis: most tags are not tried against it)
    if value[:1] == "(" and PERSON.fullmatch(value):
        return "person"
    for kind, known in _definitions(ruleset).get(value, ()):
        if known.valid_on(day):
            return kind
    if len(value) == 2 and value[0] in "XZ" and value.isalpha() and value[1] != value[0] \
            and value not in _definitions(ruleset):  # (XX, ZZ: placeholders, not regions)
        return "geographic"  # State's regional codes (XF, XK, ZP, ZU ...): the lists have only some of them
    return None


@functools.lru_cache(maxsize=8)
def _timeless(ruleset: RuleSet) -> dict[str, str]:
    """Tag -> its kind, for the tags whose first definition has no dates: their kind is the same
    on every day, so most tags of most cables are one look-up (built once per rule set)."""
    return {value: pairs[0][0] for value, pairs in _definitions(ruleset).items()
            if pairs[0][1].start is None and pairs[0][1].end is None}


def kinds_on(ruleset: RuleSet, values: Iterable[str], day: Optional[dt.date]) -> dict[str, Optional[str]]:
    """`kind_on` of each of `values` (a TAGS line's tags), as value -> kind."""
    timeless = _timeless(ruleset)
    found: dict[str, Optional[str]] = {}
    for value in values:
        kind = timeless.get(value)
        # a person `(SURNAME, GIVEN)` comes before the vocabularies in `kind_on`: not shortcut
        found[value] = kind if kind is not None and value[:1] != "(" else kind_on(ruleset, value, day)
    return found


@functools.lru_cache(maxsize=8)
def _index(ruleset: RuleSet) -> tuple[frozenset[str], dict[str, frozenset[str]], dict[str, str], dict[str, str]]:
    """All tags; each tag with one letter deleted -> the tags it came from (finds a letter
    missing, a letter too many and a wrong letter in a few lookups); ISO code -> geographic tag;
    country name -> geographic tag."""
    tags: set[str] = set()
    deleted: dict[str, set[str]] = {}
    iso: dict[str, str] = {}
    names: dict[str, str] = {}
    for kind, entries in ruleset.tags.items():
        if kind == OBSERVED:
            continue  # a tag without a known meaning is no one's intended spelling
        for tag, known in entries.items():
            tags.add(tag)
            for i in range(len(tag)):
                deleted.setdefault(tag[:i] + tag[i + 1:], set()).add(tag)
            if kind == "geographic" and known.end is None:
                for code in known.iso:
                    iso.setdefault(code, tag)
                name = re.sub(r"\s*\(.*\)", "", known.meaning).strip().upper()
                if name and re.fullmatch(r"[A-Z ]+", name):
                    names.setdefault(name.replace(" ", ""), tag)
                for code in known.mix_ups:  # (a listed mix-up names its country as surely: UAE)
                    names.setdefault(code, tag)
    return frozenset(tags), {k: frozenset(v) for k, v in deleted.items()}, iso, names


def _slips(value: str, tags: frozenset[str], deleted: dict[str, frozenset[str]]) -> dict[str, int]:
    """Known tags one typing slip from `value`: 0 two letters swapped, 1 a letter missing or one
    too many, 2 a wrong letter."""
    found: dict[str, int] = {}

    def note(tag: str, slip: int) -> None:
        if tag != value and slip < found.get(tag, 9):
            found[tag] = slip

    for i in range(len(value) - 1):
        swapped = value[:i] + value[i + 1] + value[i] + value[i + 2:]
        if swapped in tags:
            note(swapped, 0)
    for tag in deleted.get(value, ()):
        note(tag, 1)  # value lacks one of the tag's letters
    for i in range(len(value)):
        shorter = value[:i] + value[i + 1:]
        if shorter in tags:
            note(shorter, 1)  # value has one letter too many
        for tag in deleted.get(shorter, ()):
            if len(tag) == len(value) and tag[:i] + tag[i + 1:] == shorter:
                note(tag, 2)  # one letter differs, at i
    return found


def _doubled(value: str, tag: str) -> bool:
    """`value` is `tag` with one of its letters typed twice (`PRELL`, `ETRDD`, `PPGOV`)."""
    return len(value) == len(tag) + 1 and any(
        value[i] == value[i + 1] and value[:i] + value[i + 1:] == tag for i in range(len(value) - 1))


def candidates(ruleset: RuleSet, value: str, day: Optional[dt.date], swaps_only: bool = False) -> list[str]:
    """Known tags `value` may have been meant as, best first (empty when nothing is close); with
    `swaps_only`, of the one-letter slips only those with two of its letters swapped or one typed
    twice (a slip in any era: a letter more, less or other can make another tag of a period the
    vocabularies do not know; tags run together are split in any era)."""
    tags, deleted, iso, names = _index(ruleset)
    by_iso = [iso[value]] if value in iso and kind_on(ruleset, iso[value], day) else []
    if len(value) == 2 and by_iso:
        return by_iso  # an ISO 3166 code where State writes FIPS 10-4
    if value.replace(" ", "") in names:
        return [names[value.replace(" ", "")]]
    if len(value) == 4 and value.isalnum() and sum(c.isdigit() for c in value) == 1:
        # a scan's digit for a letter (`PG0V`, `PRE1`, `0VIP`): the subject tag its letters spell (not
        # in two letters, where `G8` is the Group of Eight's, not Gabon's GB)
        read = [value.translate(table) for table in _SCANNED]
        return list(dict.fromkeys(tag for tag in read if tag.isalpha() and kind_on(ruleset, tag, day)))
    if len(value) < 3 or not value.isalpha():
        return []
    ranked: list[tuple[int, int, str]] = []
    for tag, slip in _slips(value, tags, deleted).items():
        # a four-letter token has the shape of a subject tag: a shorter acronym is a poor guess
        if (len(value) == 4 and len(tag) < 4) or (swaps_only and slip and not _doubled(value, tag)):
            continue
        if len(tag) >= 3 and kind_on(ruleset, tag, day):
            ranked.append((slip, tag[0] != value[0], tag))
    ranked.sort()
    if ranked:  # a three-letter ISO code (SYR) competes with the typing slips (MAR for MARR)
        best = [tag for slip, other, tag in ranked if (slip, other) == ranked[0][:2]]
        # (one slip explains the token better than a code; among several equal slips the code that
        # is the token itself comes first: PAK is Pakistan's, before PAC, PAL or PAN)
        return best + by_iso if len(best) == 1 else by_iso + best
    return by_iso or [split for split in (_split(ruleset, value, day),) if split]


# The letters a scan's recognition reads as digits: 0 for O, 1 for I or L, 5 for S, 8 for B
_SCANNED = (str.maketrans("0158", "OISB"), str.maketrans("0158", "OLSB"))


def _split(ruleset: RuleSet, value: str, day: Optional[dt.date]) -> Optional[str]:
    """Tags run together, their spaces lost (`KDEMAF` -> `KDEM AF`, `ETRDEINVPGOVCS` -> `ETRD EINV
    PGOV CS`): four-letter subject or program tags and two-letter geographic tags only, the
    longer piece tried first at each point, at least one of them four letters long."""
    if len(value) > 64:
        return None  # no TAGS line runs so many tags together; the search would only cost time
    dead_ends: set[int] = set()  # positions from which no split exists: each is tried once

    def pieces(start: int) -> Optional[list[str]]:
        if start == len(value):
            return []
        if start in dead_ends:
            return None
        for cut in (4, 2):
            head = value[start:start + cut]
            if len(head) == cut and _standalone(ruleset, head, day):
                rest = pieces(start + cut)
                if rest is not None:
                    return [head] + rest
        dead_ends.add(start)
        return None

    found = pieces(0)
    # two-letter geographic codes alone are no evidence: four in ten letter pairs are one (MRLHBR
    # is not MR LH BR); a subject or program tag among the pieces is
    if not found or len(found) < 2 or all(len(piece) == 2 for piece in found):
        return None
    return " ".join(found)


def _standalone(ruleset: RuleSet, value: str, day: Optional[dt.date]) -> bool:
    kind = kind_on(ruleset, value, day)
    return (len(value) == 4 and kind in ("subject", "program")) or (len(value) == 2 and kind == "geographic")


def suggestion(ruleset: RuleSet, value: str, day: Optional[dt.date]) -> Optional[str]:
    """The one known tag (or run of tags) a misspelt `value` most likely meant, or None."""
    found = candidates(ruleset, value, day)
    return found[0] if len(found) == 1 else None
