"""The executive-order regimes, read from the rule sets, and the choice of the regime in force."""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType
from typing import Mapping, NamedTuple, Optional

from .schema import as_date


class Regime(NamedTuple):
    id: str
    title: str
    cites: tuple[str, ...]
    start: dt.date
    end: Optional[dt.date]                 # exclusive; None while in force
    reason_section: Optional[str]
    reason_letters: frozenset[str]
    requires_authority: bool
    max_years: Optional[int]
    exemptions: frozenset[str]
    indefinite: frozenset[str]
    forbidden: Mapping[str, str]           # marking -> why it is not allowed
    legacy: frozenset[str]
    subject_marking: bool
    portion_marking: bool = True
    derivative_names_classifier: bool = False  # a derivative classification names its classifier too
    signed: Optional[dt.date] = None       # the order's signing, when before `start` (its effect for markings)
    exemptions_from: Mapping[str, dt.date] = MappingProxyType({})  # exemption codes usable only from a later day
    reason_areas: Optional[int] = None     # the areas numbered under the category letter (E.O. 12356: 1.3(a)(1)-(10))

    def in_force(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)

    @classmethod
    def from_data(cls, key: str, data: Mapping) -> "Regime":
        return cls(
            id=key, title=data["title"], cites=tuple(data["cites"]), start=as_date(data["from"]),
            end=as_date(data.get("until")), reason_section=data.get("reason-section"),
            reason_letters=frozenset(x.lower() for x in data["reason-letters"]),
            requires_authority=data["requires-authority"], max_years=data.get("max-years"),
            exemptions=frozenset(x.upper() for x in data["exemptions"]),
            indefinite=frozenset(x.upper() for x in data["indefinite"]),
            forbidden={k.upper(): v for k, v in data["forbidden"].items()},
            legacy=frozenset(x.upper() for x in data.get("legacy", [])),
            subject_marking=bool(data.get("subject-marking", False)),
            portion_marking=bool(data.get("portion-marking", True)),
            derivative_names_classifier=bool(data.get("derivative-names-classifier", False)),
            signed=as_date(data.get("signed")), reason_areas=data.get("reason-areas"),
            exemptions_from=MappingProxyType({k.upper(): as_date(v)
                                              for k, v in (data.get("exemptions-from") or {}).items()}),
        )


def in_force_on(regimes: tuple[Regime, ...], day: dt.date) -> Optional[Regime]:
    for regime in regimes:
        if regime.in_force(day):
            return regime
    return None


def citing(regimes: tuple[Regime, ...], order: Optional[str]) -> tuple[Regime, ...]:
    return tuple(r for r in regimes if order and order in r.cites)


def candidates(regimes: tuple[Regime, ...], day: Optional[dt.date], order: Optional[str]) -> tuple[Regime, ...]:
    """The regimes a cable is judged by: the one in force on its origin date; with no date, every
    regime under which the cited order could be cited (checks then accept what any allows)."""
    if day is not None:
        regime = in_force_on(regimes, day)
        return (regime,) if regime else ()
    return citing(regimes, order)


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` later (29 February becomes 28 February); past year 9999
    (a date-time group dated 9999) it stays in 9999 rather than overflow."""
    year = min(day.year + years, dt.MAXYEAR)
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)
