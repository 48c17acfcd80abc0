"""What a check sees: the cable, its dates, the rule set, the regimes it is judged by, and the
meaning of its markings under that rule set."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple, Optional

from .model import Cable, PortionMark, Span
from .regimes import Regime, candidates
from .rulesetmodel import RuleSet


class MarkMeaning(NamedTuple):
    level: Optional[str]              # level name, None when the mark names no known level
    controls: tuple[str, ...]         # control names (NOFORN, REL, SBU, ...)
    unknown: tuple[str, ...]          # tokens that name no known level or control


# Meanings of the marks seen so far, per rule set (compared by identity), then per tokens.
_MEANINGS: dict[RuleSet, dict[tuple[str, ...], MarkMeaning]] = {}
_MAX_RULESETS = 8
_MAX_MEANINGS = 4096


@dataclass(frozen=True)
class Context:
    cable: Cable
    path: str
    ruleset: RuleSet
    origin_date: Optional[dt.date]
    as_of: dt.date
    # Results several rules share (the declassification status), computed once per cable.
    memo: dict = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def regimes(self) -> tuple[Regime, ...]:
        order = self.cable.eo.order if self.cable.eo else None
        return candidates(self.ruleset.regimes, self.origin_date, order)

    # ---------------------------------------------------------------- levels

    def rank(self, level: Optional[str]) -> Optional[int]:
        return self.ruleset.levels.get(level) if level else None

    @cached_property
    def level_rank(self) -> Optional[int]:
        return self.rank(self.cable.level)

    @property
    def classified(self) -> bool:
        return (self.level_rank or 0) > 0

    @cached_property
    def banner_controls(self) -> frozenset[str]:
        """Control names carried by the classification and caption lines."""
        names = set()
        for written in self.cable.controls:
            names.add(written)
            for control in self.ruleset.controls.values():
                if written in control.banner or written in control.portion:
                    names.add(control.name)
        return frozenset(names)

    @property
    def protected(self) -> bool:
        """Classified, or administratively controlled (SBU, LOU): portions must be marked."""
        return self.classified or bool({"SBU", "LOU"} & self.banner_controls)

    # ---------------------------------------------------------------- portion marks

    def meaning(self, mark: PortionMark) -> MarkMeaning:
        """Interpret a portion mark's tokens under the rule set (remembered per rule set and tokens:
        the same few marks recur in every cable, and several checks ask)."""
        meanings = self._meanings
        known = meanings.get(mark.tokens)
        if known is None:
            if len(meanings) >= _MAX_MEANINGS:
                meanings.clear()
            known = meanings[mark.tokens] = self._interpret(mark)
        return known

    @cached_property
    def _meanings(self) -> dict[tuple[str, ...], MarkMeaning]:
        """The remembered meanings of this rule set (looked up once per cable, not once per mark)."""
        meanings = _MEANINGS.get(self.ruleset)
        if meanings is None:
            if len(_MEANINGS) >= _MAX_RULESETS:
                _MEANINGS.clear()
            meanings = _MEANINGS[self.ruleset] = {}
        return meanings

    @cached_property
    def portion_marks(self) -> tuple[tuple[object, PortionMark, MarkMeaning, Optional[int]], ...]:
        """(place, mark, meaning, rank of its level) of each portion mark, broken or not, in cable
        order; the place is "the subject" or the paragraph's number. Worked out once per cable:
        the portion checks and the declassification status all go through them."""
        cable = self.cable
        places: list[tuple[object, PortionMark]] = []
        if cable.subject is not None and cable.subject.mark is not None:
            places.append(("the subject", cable.subject.mark))
        places += [(p.number, p.mark) for p in cable.paragraphs if p.mark is not None]
        meaning_of, rank_of = self.meaning, self.rank  # looked up once: a cable has dozens of marks
        marks = []
        for place, mark in places:
            meaning = meaning_of(mark)
            marks.append((place, mark, meaning, rank_of(meaning.level)))
        return tuple(marks)

    def _interpret(self, mark: PortionMark) -> MarkMeaning:
        if not mark.tokens:
            return MarkMeaning(None, (), ("",))
        first, rest = mark.tokens[0], mark.tokens[1:]
        controls: list[str] = []
        unknown: list[str] = []
        level = self.ruleset.portion_levels.get(first)
        if level is None and first in self.ruleset.administrative:
            level, implied = self.ruleset.administrative[first]
            controls.extend(implied)
        if level is None:
            unknown.append(first)
        for token in rest:
            name = self.control_name(token)
            if name is None:
                unknown.append(token)
            else:
                controls.append(name)
        return MarkMeaning(level, tuple(dict.fromkeys(controls)), tuple(unknown))

    def control_name(self, token: str) -> Optional[str]:
        for control in self.ruleset.controls.values():
            if token in control.portion:
                return control.name
            if any(token.startswith(prefix + " ") and len(token) > len(prefix) + 1 for prefix in control.prefix):
                return control.name
        if token in self.ruleset.administrative:
            return self.ruleset.administrative[token][1][0] if self.ruleset.administrative[token][1] else None
        return None

    # ---------------------------------------------------------------- where things go

    def expected_after(self, *elements: Optional[Span]) -> Span:
        """Where a missing element belongs: the line after the last present element of
        `elements` (given in cable order), else the first line."""
        present = [s for s in elements if s is not None]
        if not present:
            return Span(1, 1, 1, 1)
        line = min(present[-1].end_line + 1, max(len(self.cable.lines), 1))
        return Span(line, 1, line, 1)

    @property
    def header_spans(self) -> dict[str, Optional[Span]]:
        cable = self.cable
        return {
            "routing": cable.routing.span if cable.routing else None,
            "banner": cable.banner.span if cable.banner else None,
            "captions": cable.captions[-1].span if cable.captions else None,
            "eo": cable.eo.span if cable.eo else None,
            "tags": cable.tags.span if cable.tags else None,
            "subject": cable.subject.span if cable.subject else None,
            "refs": cable.refs,
        }
