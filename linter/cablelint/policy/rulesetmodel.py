"""The immutable RuleSet, merged from validated rule-set layers (later layers win)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping, NamedTuple, Optional

from .catalog import lookup
from .customrules import CustomRule, parse_custom_rule
from .regimes import Regime
from .schema import CUSTOM_CODE, as_date


class TagDef(NamedTuple):
    meaning: str
    start: Optional[dt.date]
    end: Optional[dt.date]
    iso: tuple[str, ...] = ()             # codes written by mistake for a geographic tag: its ISO 3166
                                          # codes and other listed mix-ups (VZ for VE)
    mix_ups: tuple[str, ...] = ()         # the listed mix-ups alone (UAE for AE): as sure as the name

    def valid_on(self, day: Optional[dt.date]) -> bool:
        if day is None:
            return True
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


class CaptionDef(NamedTuple):
    name: str
    kind: str
    start: Optional[dt.date]
    end: Optional[dt.date]
    out_of_period: Optional[str]
    excludes: tuple[str, ...]


class ControlDef(NamedTuple):
    name: str
    portion: tuple[str, ...]
    prefix: tuple[str, ...]
    banner: tuple[str, ...]


@dataclass(frozen=True, eq=False)  # compared and hashed by identity (caches key on it)
class RuleSet:
    files: tuple[Path, ...]
    severities: Mapping[str, str]                       # code -> severity or "off"
    options: Mapping[str, Mapping[str, Any]]            # code -> option -> value
    levels: Mapping[str, int]                           # level name -> rank
    portion_levels: Mapping[str, str]                   # portion spelling -> level name
    administrative: Mapping[str, tuple[str, tuple[str, ...]]]  # SBU -> (level, controls)
    controls: Mapping[str, ControlDef]
    captions: Mapping[str, CaptionDef]
    regimes: tuple[Regime, ...]
    automatic_years: int
    automatic_exemption_years: Mapping[str, int]
    tags: Mapping[str, Mapping[str, TagDef]]            # kind -> tag -> definition
    custom: tuple[CustomRule, ...]
    preview: frozenset[str] = frozenset()               # codes off unless --preview or selected by code

    def severity(self, code: str, default: str) -> str:
        return self.severities.get(code, default)

    def rule_options(self, code: str, defaults: Mapping[str, Any]) -> Mapping[str, Any]:
        merged = dict(defaults)
        merged.update(self.options.get(code, {}))
        return MappingProxyType(merged)


def build_ruleset(layers: list[tuple[Path, dict]]) -> RuleSet:
    """Merge validated documents, earliest first, into one RuleSet."""
    severities: dict[str, str] = {}
    options: dict[str, dict] = {}
    preview: set[str] = set()
    sections: dict[str, dict] = {k: {} for k in ("levels", "administrative", "controls", "captions", "regimes")}
    tags: dict[str, dict] = {}
    custom: dict[str, CustomRule] = {}
    automatic: dict = {"years": 25}
    for _path, document in layers:
        for key, value in (document.get("rules") or {}).items():
            if CUSTOM_CODE.fullmatch(key):
                _merge_custom(custom, key, value)
                continue
            code = lookup(key).code
            if value is False:  # YAML 1.1 reads a bare `off` as false
                value = "off"
            if isinstance(value, str) or value is None:
                severities[code] = value or "off"
                preview.discard(code)  # a later layer that names the rule's severity turns it on
            else:
                if "severity" in value:
                    severities[code] = value["severity"] or "off"
                    preview.discard(code)
                if value.get("preview"):
                    preview.add(code)
                elif "preview" in value:
                    preview.discard(code)
                options.setdefault(code, {}).update({k: v for k, v in value.items()
                                                     if k not in ("severity", "preview")})
        for section, entries in sections.items():
            entries.update(document.get(section) or {})
        for kind, entries in (document.get("tags") or {}).items():
            tags.setdefault(kind, {}).update(entries or {})
        automatic.update(document.get("automatic-declassification") or {})
    return RuleSet(
        files=tuple(path for path, _ in layers),
        severities=MappingProxyType(severities),
        options=MappingProxyType({k: MappingProxyType(v) for k, v in options.items()}),
        levels=MappingProxyType({name: d["rank"] for name, d in sections["levels"].items()}),
        portion_levels=MappingProxyType({s.upper(): name for name, d in sections["levels"].items()
                                         for s in d["portion"]}),
        administrative=MappingProxyType({k.upper(): (d["level"], tuple(d["controls"]))
                                         for k, d in sections["administrative"].items()}),
        controls=MappingProxyType({name: ControlDef(name, tuple(x.upper() for x in d.get("portion", [])),
                                                    tuple(x.upper() for x in d.get("prefix", [])),
                                                    tuple(x.upper() for x in d.get("banner", [])))
                                   for name, d in sections["controls"].items()}),
        captions=MappingProxyType({name: CaptionDef(name, d["kind"], as_date(d.get("from")), as_date(d.get("until")),
                                                    d.get("out-of-period"), tuple(d.get("excludes", [])))
                                   for name, d in sections["captions"].items()}),
        regimes=tuple(sorted((Regime.from_data(k, d) for k, d in sections["regimes"].items()), key=lambda r: r.start)),
        automatic_years=automatic["years"],
        automatic_exemption_years=MappingProxyType({k.upper(): v
                                                    for k, v in (automatic.get("exemptions-years") or {}).items()}),
        tags=MappingProxyType({kind: MappingProxyType({tag.upper(): _tag_def(d) for tag, d in entries.items()})
                               for kind, entries in tags.items()}),
        custom=tuple(r for r in custom.values() if r is not None),
        preview=frozenset(preview),
    )


def _merge_custom(custom: dict, code: str, value: Any) -> None:
    """A custom rule is defined by a mapping with a pattern; a later `C100: off` or a mapping
    with only a severity adjusts an earlier definition."""
    previous = custom.get(code)
    if value is False:
        value = "off"
    if isinstance(value, str) or value is None:
        if previous is not None:
            custom[code] = previous.with_severity(value or "off")
        return
    if "pattern" not in value and previous is not None:
        custom[code] = previous.with_severity(value.get("severity", previous.severity))
        return
    custom[code] = parse_custom_rule(code, value, ("rules", code))


def _tag_def(value: Any) -> TagDef:
    if isinstance(value, dict):
        mix_ups = tuple(str(code).upper() for code in value.get("mix-ups") or ())
        iso = tuple(str(value[k]).upper() for k in ("iso", "iso3") if value.get(k)) + mix_ups
        return TagDef(value.get("meaning") or "", as_date(value.get("from")), as_date(value.get("until")), iso,
                      mix_ups)
    return TagDef(value or "", None, None)


class Settings(NamedTuple):
    """What one lint run checks with: the rule set, the day of the check, the origin date to assume,
    and which rules run where."""

    ruleset: RuleSet
    as_of: dt.date
    date: Optional[dt.date] = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    release: bool = False
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    preview: bool = False                 # run the rule set's preview rules too
