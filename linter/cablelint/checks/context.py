"""What a check sees: the cable, its dates, the rule set, the regimes it is judged by, and the
meaning of its markings under that rule set."""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable, NamedTuple, Optional

from .. import patterns
from ..parse.dates import duration_years
from ..parse.model import Cable, PortionMark, Span
from ..policy.regimes import Regime, add_years, candidates
from ..policy.rulesetmodel import RuleSet
from ..policy.tagvocab import VOCABULARY_FROM


class MarkMeaning(NamedTuple):
    level: Optional[str]              # level name, None when the mark names no known level
    controls: tuple[str, ...]         # control names (NOFORN, REL, SBU, ...)
    unknown: tuple[str, ...]          # tokens that name no known level or control


# Meanings of the marks seen so far, per rule set (compared by identity), then per tokens: the
# meaning and the rank of its level (both depend only on the rule set and the tokens).
_MEANINGS: dict[RuleSet, dict[tuple[str, ...], tuple[MarkMeaning, Optional[int]]]] = {}
_MAX_RULESETS = 8
_MAX_MEANINGS = 4096


class cached_property:  # noqa: N801 (named as the functools one it stands in for)
    """`functools.cached_property` without its lock: on Python 3.11 every first computation takes
    an RLock, which costs more than most of the properties below (five per cable). A Context is
    made and read by one thread; the value is stored in the instance's `__dict__`, where later
    reads find it without calling this descriptor again."""

    def __init__(self, func: Callable[[Any], Any]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __get__(self, instance: Any, owner: Optional[type] = None) -> Any:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.func(instance)
        return value


def _control_spellings(ruleset: RuleSet) -> dict[str, tuple[str, ...]]:
    """Each banner or portion spelling of a control -> the names of the controls written so.
    Worked out once per rule set (compared by identity) instead of a scan of every control for
    each control of each cable."""
    known = _SPELLINGS.get(ruleset)
    if known is None:
        if len(_SPELLINGS) >= _MAX_RULESETS:
            _SPELLINGS.clear()
        found: dict[str, list[str]] = {}
        for control in ruleset.controls.values():
            for written in (*control.banner, *control.portion):
                if control.name not in found.setdefault(written, []):
                    found[written].append(control.name)
        known = _SPELLINGS[ruleset] = {k: tuple(v) for k, v in found.items()}
    return known


_SPELLINGS: dict[RuleSet, dict[str, tuple[str, ...]]] = {}
# A portion of foreign government information: "(Country code-C)" or "(FGI-C)" (32 CFR 2001.24(c),
# docs/marking-rules.md 1.7): the code (UK, GBR, NATO) or FGI, a hyphen or dash, the level
_FOREIGN = patterns.compile(r"(?:FGI|[A-Z]{2,4})\s?[-\u2013\u2014]\s?(?P<level>TS|S|C|U)")


_PORTION_PLACES = {"lettered": "the portion '{label}' on line {line}", "item": "the item '{label}' on line {line}",
                   "bullet": "the bullet on line {line}",
                   "unnumbered": "the unnumbered portion on line {line}",
                   "quoted": "paragraph {label} of a quoted text, on line {line}"}


_MOST_SECTIONS = 99  # (a total above it is a misread serial, not a count of sections)


class Context:
    """One cable as the checks see it. Made per cable and read by one thread; what several rules
    need is worked out on first use and kept (the cached properties below, and `memo`). A plain
    class: a dataclass costs every run about 1 ms to define, and this one needs no generated method."""

    def __init__(self, cable: Cable, path: str, ruleset: RuleSet, origin_date: Optional[dt.date],
                 as_of: dt.date) -> None:
        self.cable = cable
        self.path = path
        self.ruleset = ruleset
        self.origin_date = origin_date
        self.as_of = as_of
        self.memo: dict = {}  # results several rules share (the declassification status)

    def __repr__(self) -> str:
        return f"Context(path={self.path!r}, origin_date={self.origin_date!r}, as_of={self.as_of!r})"

    @cached_property
    def paragraphs(self) -> tuple:
        """The cable's own numbered paragraphs: those before a second record's classification line
        that an export ran on after this one (X005's "appended"), all of them otherwise."""
        return self.cable.paragraphs[:self._own_count(self.cable.paragraphs)]

    @cached_property
    def classified_by(self):
        """The cable's own Classified By statement: not one that stands in a second record an export
        ran on after this one (X005's "appended"), whose classifier is that record's."""
        by, appended = self.cable.classified_by, self.cable.artefact("appended")
        if by is not None and appended is not None and by.span.line >= appended.span.line:
            return None
        return by

    def _own_count(self, parts) -> int:
        appended = self.cable.artefact("appended")
        if appended is None:
            return len(parts)
        return sum(1 for part in parts if part.span.line < appended.span.line)

    @cached_property
    def text_may_be_missing(self) -> bool:
        """The publisher cut the record or gives an extract (X003): gaps in it are the publisher's."""
        return any(a.kind in ("cut", "extract") for a in self.cable.artefacts)

    @cached_property
    def sections_missing(self) -> bool:
        """The section markers name a section the file lacks: its portions, and what the text points
        to in it, are not there."""
        return bool(self._sections_lacked)

    @cached_property
    def last_section_missing(self) -> bool:
        """The file lacks the last section the markers name (where a statement written at the text's end stands)."""
        return self._sections_total in self._sections_lacked

    @cached_property
    def _sections_total(self) -> int:
        cable = self.cable
        first = cable.banner.section if cable.banner is not None else None
        return first.total if first is not None else cable.section_breaks[0].total if cable.section_breaks else 0

    @cached_property
    def _sections_lacked(self) -> tuple[int, ...]:
        """The sections the markers name and the text does not hold (`SECTION 01 OF 03`, a break to
        `003 OF 003` and none to 002; or none past 002 of 003). Told only in a copy that kept its breaks
        and whose paragraph numbers skip some (published copies drop many markers with no text lost:
        their paragraphs run on one by one)."""
        cable = self.cable
        first = cable.banner.section if cable.banner is not None else None
        breaks = cable.section_breaks
        total = self._sections_total
        if not breaks or total < 2 or total > _MOST_SECTIONS or any(b.total != total for b in breaks):
            return ()  # (markers that disagree on the total are S006's, not a count of what is held)
        held = {b.section for b in breaks} | ({first.number} if first is not None else set())
        numbers = sorted({p.number for p in self.paragraphs})
        if not numbers or len(numbers) == numbers[-1] - numbers[0] + 1:
            return ()  # (no paragraph missing between the first and the last)
        return tuple(sorted(set(range(1, total + 1)) - held))

    @cached_property
    def header_may_be_missing(self) -> bool:
        """The publisher cut the record in or before its header (X003): a header field it lacks may
        be the publisher's loss. A record cut only after its paragraphs began ('...' at the end of
        its text) kept its header whole."""
        cable = self.cable
        cut = cable.artefact("cut")
        if cut is None:
            # (or the publisher's word that it gives an extract, or an editor's mark of a cut, before the
            # text, where the header kept neither its E.O. nor its TAGS line, which every telegram carries:
            # a header that kept one of them lacks the others by its drafter's slip)
            cut = cable.artefact("extract")
            if cut is None or cable.eo is not None or cable.tags is not None:
                return False
        paragraphs = self.cable.paragraphs
        return not (paragraphs and (cut.span.line, cut.span.column) >= (paragraphs[0].span.line,
                                                                       paragraphs[0].span.column))

    @cached_property
    def captions_may_be_missing(self) -> bool:
        """The publisher's cut took the lines the captions stand on, right under the classification
        line and above the E.O. line: a header cut above its E.O. line, or without one read."""
        if not self.header_may_be_missing:
            return False
        cut, eo = self.cable.artefact("cut") or self.cable.artefact("extract"), self.cable.eo
        return eo is None or cut.span.line <= eo.span.line

    @cached_property
    def regimes(self) -> tuple[Regime, ...]:
        order = self.cable.eo.order if self.cable.eo else None
        return candidates(self.ruleset.regimes, self.origin_date, order)

    @cached_property
    def cited_out_of_force(self) -> Optional[Regime]:
        """The order the E.O. line cites, where another was in force on the cable's date (D006): the
        regime whose rules the drafter followed (of the cited orders, the one nearest the date)."""
        eo, origin = self.cable.eo, self.origin_date
        if eo is None or eo.order is None or origin is None or not self.regimes or eo.order in self.regimes[0].cites:
            return None
        cited = [r for r in self.ruleset.regimes if eo.order in r.cites]
        return min(cited, key=lambda r: abs((r.start - origin).days), default=None)

    @cached_property
    def era_date(self) -> Optional[dt.date]:
        """The origin date; where it is unknown and the E.O. line cites an order that ended before
        the tag vocabularies' years, that order's last day (an undated copy citing E.O. 11652 was
        written by November 1978): whether the cable is older than the vocabularies. (Not the day a
        tag is judged valid on: a tag of the order's years may have ended before its last day.)"""
        if self.origin_date is not None or self.cable.eo is None or self.cable.eo.order is None:
            return self.origin_date
        ends = [r.end for r in self.ruleset.regimes if self.cable.eo.order in r.cites]
        if not ends or None in ends or max(ends) > VOCABULARY_FROM:
            return None
        return max(ends) - dt.timedelta(days=1)

    @cached_property
    def declassify_on(self) -> Optional[dt.date]:
        """The declassification date of the E.O. line: as written, or a span of years from the
        cable's date (`DECL: TWENTY YEARS`, a post's habit) counted from its origin date."""
        eo = self.cable.eo
        if eo is None:
            return None
        if eo.date is not None or eo.kind != "event" or self.origin_date is None:
            return eo.date
        years = duration_years(eo.instruction or "")
        return add_years(self.origin_date, years) if years else None

    @cached_property
    def before_every_regime(self) -> bool:
        """The cable is dated before the first order the rule set knows (E.O. 11652, June 1972): what
        those orders require of a cable (an E.O. line, portion marks, the authority) is not asked."""
        return self.origin_date is not None and not self.regimes and bool(self.ruleset.regimes) \
            and self.origin_date < min(regime.start for regime in self.ruleset.regimes)

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
        spelled = _control_spellings(self.ruleset)
        for written in self.cable.controls:
            names.add(written)
            names.update(spelled.get(written, ()))
        return frozenset(names)

    @property
    def protected(self) -> bool:
        """Classified, or administratively controlled (SBU, LOU): portions must be marked."""
        return self.classified or bool({"SBU", "LOU"} & self.banner_controls)

    # ---------------------------------------------------------------- portion marks

    def meaning(self, mark: PortionMark) -> MarkMeaning:
        """Interpret a portion mark's tokens under the rule set (remembered per rule set and tokens:
        the same few marks recur in every cable, and several checks ask)."""
        known = self._meanings.get(mark.tokens)
        return known[0] if known is not None else self._learn(mark)[0]

    def _learn(self, mark: PortionMark) -> tuple[MarkMeaning, Optional[int]]:
        """Interpret a mark not seen before under this rule set, and remember it with its rank."""
        meanings = self._meanings
        if len(meanings) >= _MAX_MEANINGS:
            meanings.clear()
        meaning = self._interpret(mark)
        known = meanings[mark.tokens] = (meaning, self.rank(meaning.level))
        return known

    @cached_property
    def _meanings(self) -> dict[tuple[str, ...], tuple[MarkMeaning, Optional[int]]]:
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
        known, learn = self._meanings.get, self._learn  # looked up once: a cable has dozens of marks
        marks = []
        if cable.subject is not None and cable.subject.mark is not None:
            mark = cable.subject.mark
            marks.append(("the subject", mark, *(known(mark.tokens) or learn(mark))))
        for paragraph in self.paragraphs:
            mark = paragraph.mark
            if mark is not None:
                marks.append((paragraph.number, mark, *(known(mark.tokens) or learn(mark))))
        if cable.portions:  # lettered, bulleted and unnumbered portions, in their place in the text
            for portion in cable.portions[:self._own_count(cable.portions)]:
                mark = portion.mark
                # (named at its line on disk: a double-spaced file is read without its added blank lines)
                where = cable.disk_line(portion.span.line)
                marks.append((_PORTION_PLACES[portion.kind].format(label=portion.label, line=where),
                              mark, *(known(mark.tokens) or learn(mark))))
            marks.sort(key=lambda m: (m[1].span.line, m[1].span.column))
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
            foreign = _FOREIGN.fullmatch(first)
            level = self.ruleset.portion_levels.get(foreign["level"]) if foreign else None
            if level is not None and "FGI" in self.ruleset.controls:
                controls.append("FGI")
            else:
                level = None
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
        # the caption lines under the banner: not a caption run on after the fields (`SUBJECT: ...
        # SENSITIVE BUT UNCLASSIFIED - PLEASE PROTECT ACCORDINGLY`), after which nothing is expected
        fields = [e.span.line for e in (cable.eo, cable.tags, cable.subject) if e is not None]
        captions = [c for c in cable.captions if not fields or c.span.line < min(fields)]
        return {
            "routing": cable.routing.span if cable.routing else None,
            "banner": cable.banner.span if cable.banner else None,
            "captions": captions[-1].span if captions else None,
            "eo": cable.eo.span if cable.eo else None,
            "tags": cable.tags.span if cable.tags else None,
            "subject": cable.subject.span if cable.subject else None,
            "refs": cable.refs,
        }
