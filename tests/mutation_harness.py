"""Differential mutation testing over the real corpus.

Each real cable is linted as it is, then with one injected defect; the expected code must appear at
the mutated line, and no unrelated new code may appear. Lines are never added or removed (a
deleted element's text is cut from its line, and a line left empty is blank), so every other line
keeps its number. An element is deleted only where that is one defect: not where the cable writes
it twice (a preview and the whole header), and not where the rule leaves its absence unjudged by
design (A001 in a copy without its SUBJECT).

Run as a script for the figures: `python tests/mutation_harness.py [CORPUS_DIR]`.
"""

from __future__ import annotations

import collections
import datetime as dt
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Optional

from cablelint.parse.build import build
from cablelint.parse.source import decode
from cablelint.policy import ruleset
from cablelint.policy.rulesetmodel import Settings
from cablelint.run.engine import active_rules, lint_bytes

AS_OF = dt.date(2026, 11, 27)
# Codes a mutation may legitimately change besides the one it targets (the consequence is real).
DATE_EFFECTS = {"D009", "R001", "R002"}


@dataclass(frozen=True)
class Mutant:
    kind: str
    expected: str
    lines: tuple[str, ...]
    at: tuple[int, int]              # the expected code must be reported on a line in [a, b]
    allowed: frozenset[str] = frozenset()


Mutator = Callable[["Subject"], Iterator[Mutant]]


@dataclass
class Subject:
    """A real cable ready to be mutated."""

    name: str
    lines: tuple[str, ...]
    cable: object
    rng: random.Random


def _replace(lines: tuple[str, ...], index: int, text: str) -> tuple[str, ...]:
    return lines[:index] + (text,) + lines[index + 1:]


def _cut(lines: tuple[str, ...], span) -> tuple[str, ...]:
    """`lines` without the text of `span` (an element): only its own columns where it shares a line
    with other elements (a header run together on one line), a line left with nothing made blank.
    Deleting the whole line would delete those elements too: more than the one defect injected."""
    first, last = span.line - 1, span.end_line - 1
    out = list(lines)
    if first == last:
        out[first] = lines[first][:span.column - 1] + lines[first][span.end_column - 1:]
    else:
        out[first] = lines[first][:span.column - 1]
        for index in range(first + 1, last):
            out[index] = ""
        out[last] = lines[last][span.end_column - 1:]
    for index in range(first, last + 1):
        if not out[index].strip():
            out[index] = ""
    return tuple(out)


def _marked(subject: Subject, level: Optional[str] = None):
    out = []
    for paragraph in subject.cable.paragraphs:
        mark = paragraph.mark
        if mark is None or mark.error or not mark.tokens:
            continue
        if level is None or mark.tokens[0] == level:
            out.append(paragraph)
    return out


def _choose(subject: Subject, items):
    return subject.rng.choice(items) if items else None


def drop_mark(subject: Subject):
    paragraph = _choose(subject, _marked(subject))
    if paragraph is None or subject.cable.level not in ("CONFIDENTIAL", "SECRET", "TOP SECRET"):
        return
    line = subject.lines[paragraph.span.line - 1]
    start, end = paragraph.mark.span.column - 1, paragraph.mark.span.end_column - 1
    head, rest = line[:start].rstrip(), line[end:].lstrip()
    yield Mutant("drop a portion mark", "P001", _replace(subject.lines, paragraph.span.line - 1, head + " " + rest),
                 (paragraph.span.line, paragraph.span.line), frozenset({"P004"}))


_HIGHER = {"CONFIDENTIAL": "S", "SECRET": "TS", "UNCLASSIFIED": "C"}


def raise_mark(subject: Subject):
    level = subject.cable.level
    paragraph = _choose(subject, _marked(subject))
    if paragraph is None or level not in _HIGHER:
        return
    line = subject.lines[paragraph.span.line - 1]
    mark = paragraph.mark
    tokens = (_HIGHER[level],) + mark.tokens[1:]
    new = line[:mark.span.column - 1] + "(" + "/".join(tokens) + ")" + line[mark.span.end_column - 1:]
    yield Mutant("raise a mark above the banner", "P003", _replace(subject.lines, paragraph.span.line - 1, new),
                 (paragraph.span.line, paragraph.span.line), frozenset({"P004", "P005", "P001"}))


def add_noforn(subject: Subject):
    if "NOFORN" in subject.cable.controls or subject.cable.level in (None, "UNCLASSIFIED"):
        return
    candidates = [p for p in _marked(subject) if len(p.mark.tokens) == 1 and p.mark.tokens[0] in ("C", "S", "TS")]
    paragraph = _choose(subject, candidates)
    if paragraph is None:
        return
    line = subject.lines[paragraph.span.line - 1]
    mark = paragraph.mark
    new = line[:mark.span.column - 1] + f"({mark.tokens[0]}/NF)" + line[mark.span.end_column - 1:]
    # P005 is reported once, at the classification line where the caption belongs (at the mark without one)
    banner = subject.cable.banner
    at = banner.span.line if banner is not None else paragraph.span.line
    yield Mutant("add /NF to a mark without NOFORN", "P005", _replace(subject.lines, paragraph.span.line - 1, new),
                 (at, at))


def break_mark(subject: Subject):
    candidates = [p for p in _marked(subject) if p.mark.raw.startswith("(")]
    paragraph = _choose(subject, candidates)
    if paragraph is None:
        return
    line = subject.lines[paragraph.span.line - 1]
    mark = paragraph.mark
    broken = mark.raw[1:] if subject.rng.random() < 0.5 else mark.raw[:-1] + " "
    new = line[:mark.span.column - 1] + broken + line[mark.span.end_column - 1:]
    yield Mutant("break a mark", "P002", _replace(subject.lines, paragraph.span.line - 1, new),
                 (paragraph.span.line, paragraph.span.line), frozenset({"P004", "P001"}))


def bad_reason_letter(subject: Subject):
    by = subject.cable.classified_by
    if by is None or not by.reasons:
        return
    reason = _choose(subject, list(by.reasons))
    index = reason.span.line - 1
    line = subject.lines[index]
    letter = line[reason.span.column - 1]
    replacement = "k" if letter.islower() else "K"
    new = line[:reason.span.column - 1] + replacement + line[reason.span.column:]
    yield Mutant("a reason letter that does not exist", "A004", _replace(subject.lines, index, new),
                 (reason.span.line, reason.span.line))


def delete_classified_by(subject: Subject):
    by = subject.cable.classified_by
    if by is None or subject.cable.level in (None, "UNCLASSIFIED"):
        return
    if subject.cable.subject is None:
        return  # A001 leaves a copy that lost its SUBJECT with the authority block to the publisher (by design)
    lines = _cut(subject.lines, by.span)
    if _still_read(lines, "classified_by"):
        return  # the cable states its authority twice (a preview and the header, or again in its text)
    # (A001 stands after the last header element: after the line the statement shared with it, if any)
    before = _previous_element_end(subject, by.span.line)
    yield Mutant("delete the Classified By statement", "A001", lines, (before + 1, by.span.end_line + 1))


def _still_read(lines: tuple[str, ...], element: str) -> bool:
    """The cable of `lines` still has `element`: another of it stands elsewhere in the text."""
    return getattr(build(decode(("\n".join(lines) + "\n").encode("utf-8"))), element) is not None


def _previous_element_end(subject: Subject, line: int) -> int:
    cable = subject.cable
    ends = [s.end_line for s in (cable.banner and cable.banner.span, cable.eo and cable.eo.span,
                                 cable.tags and cable.tags.span, cable.subject and cable.subject.span, cable.refs,
                                 cable.routing and cable.routing.span,
                                 cable.captions[-1].span if cable.captions else None) if s and s.end_line < line]
    return max(ends) if ends else 0


def _eo_with(subject: Subject, instruction: str) -> Optional[tuple[tuple[str, ...], int]]:
    eo = subject.cable.eo
    if eo is None or eo.instruction_span is None or eo.kind not in ("date",):
        return None
    index = eo.span.line - 1
    line = subject.lines[index]
    span = eo.instruction_span
    return _replace(subject.lines, index,
                    line[:span.column - 1] + instruction + line[span.end_column - 1:]), eo.span.line


def _date_mutants(subject: Subject, origin: dt.date):
    eo = subject.cable.eo
    if eo is None or eo.kind != "date" or eo.date is None or subject.cable.level in (None, "UNCLASSIFIED"):
        return
    far = origin.replace(year=origin.year + 40, day=min(origin.day, 28))
    before = origin.replace(year=origin.year - 2, day=min(origin.day, 28))
    for kind, code, text in (
            ("declassification date 40 years out", "D004", far.strftime("%m/%d/%Y")),
            ("declassification date before origin", "D003", before.strftime("%m/%d/%Y")),
            ("an impossible date", "D002", subject.rng.choice(["02/30/2015", "13/45/2019", "04/31/2016"])),
            ("OADR instead of a date", "D005", "OADR"),
            ("N/A instead of a date", "D007", None),
            ("no declassification instruction", "D001", ""),
    ):
        if text in (None, ""):  # the whole "DECL: date" becomes "N/A", or "DECL:" with nothing
            index = eo.span.line - 1
            line = subject.lines[index]
            tail = ": N/A" if text is None else ": DECL:"
            new = line[:eo.order_span.end_column - 1] + tail + line[eo.span.end_column - 1:]
            yield Mutant(kind, code, _replace(subject.lines, index, new), (eo.span.line, eo.span.line),
                         frozenset(DATE_EFFECTS))
            continue
        mutated = _eo_with(subject, text)
        if mutated is not None:
            yield Mutant(kind, code, mutated[0], (mutated[1], mutated[1]), frozenset(DATE_EFFECTS))


def misspell_order(subject: Subject):
    eo = subject.cable.eo
    if eo is None or eo.order != "12958":
        return
    index = eo.span.line - 1
    line = subject.lines[index]
    span = eo.order_span
    new = line[:span.column - 1] + "12598" + line[span.end_column - 1:]
    yield Mutant("misspell the E.O. number", "D006", _replace(subject.lines, index, new), (eo.span.line, eo.span.line),
                 frozenset({"D004", "D005", "A005"}) | DATE_EFFECTS)


def _tags_edit(subject: Subject, edit: Callable[[list[str]], str], kind: str, code: str, allowed=frozenset()):
    tags = subject.cable.tags
    if tags is None or not tags.tags or tags.span.line != tags.span.end_line or "[" in tags.raw:
        return
    index = tags.span.line - 1
    line = subject.lines[index]
    first = tags.tags[0].span.column - 1
    values = [t.text for t in tags.tags]
    new = line[:first] + edit(values)
    yield Mutant(kind, code, _replace(subject.lines, index, new), (tags.span.line, tags.span.line), frozenset(allowed))


def unknown_tag(subject: Subject):
    # a tag close to no known tag is T007 (a warning: it may be a post's own tag); a slip is T001
    yield from _tags_edit(subject, lambda v: " ".join(v[:1] + ["QXZV"] + v[1:]), "add an unrecognised tag", "T007")


def slipped_tag(subject: Subject):
    """PREL typed PRLE: two letters of a known subject tag swapped, added to the line."""
    yield from _tags_edit(subject, lambda v: " ".join(v[:1] + ["PRLE"] + v[1:]), "add a misspelt tag", "T001")


def duplicate_tag(subject: Subject):
    yield from _tags_edit(subject, lambda v: " ".join(v + [v[0]]), "add a duplicate tag", "T005")


def semicolon_tags(subject: Subject):
    tags = subject.cable.tags
    if tags is None or len(tags.tags) < 2 or any(t.kind == "person" for t in tags.tags):
        return
    yield from _tags_edit(subject, lambda v: ";".join(v), "semicolon-separated tags", "T002")


def delete_element(subject: Subject):
    for element, code in (("tags", "S004"), ("subject", "S005")):
        node = getattr(subject.cable, element)
        if node is None or node.span.line < 1:
            continue
        if element == "subject" and subject.cable.reflowed:
            continue  # S005 leaves a re-flowed copy's missing SUBJECT to the publisher (reviewed by hand)
        lines = _cut(subject.lines, node.span)
        if _still_read(lines, element):
            continue  # written twice (a record card's and the telegram's own)
        before = _previous_element_end(subject, node.span.line)
        yield Mutant(f"delete {element.upper()}", code, lines, (before + 1, node.span.end_line + 1))


_LOWER = {"SECRET": ("C O N F I D E N T I A L", "S"), "TOP SECRET": ("S E C R E T", "TS"),
          "CONFIDENTIAL": ("UNCLAS", "C")}


def lower_banner(subject: Subject):
    banner = subject.cable.banner
    if banner is None or banner.level not in _LOWER or not banner.level_exact:
        return
    lower, needed = _LOWER[banner.level]
    portions = [p for p in _marked(subject, needed)]
    if not portions:
        return
    index = banner.span.line - 1
    line = subject.lines[index]
    new = line[:banner.level_span.column - 1] + lower + line[banner.level_span.end_column - 1:]
    first = portions[0].span.line
    # P003 reports once, at the first mark above the line: the subject's or an unnumbered portion's
    other_marks = [subject.cable.subject.mark if subject.cable.subject is not None else None,
                   *(portion.mark for portion in subject.cable.portions)]
    first = min([first, *(m.span.line for m in other_marks
                          if m is not None and not m.error and m.tokens[:1] == (needed,))])
    yield Mutant("lower the banner below a portion", "P003", _replace(subject.lines, index, new), (first, first),
                 frozenset({"S009", "P004", "A001", "A002", "A003", "A004", "A005", "A006", "D001", "D004", "D005",
                            "D007", "D008", "D010", "P001"}) | DATE_EFFECTS)


MUTATORS: tuple[Callable, ...] = (
    drop_mark, raise_mark, add_noforn, break_mark, bad_reason_letter, delete_classified_by, misspell_order,
    unknown_tag, slipped_tag, duplicate_tag, semicolon_tags, delete_element, lower_banner,
)


@dataclass
class Outcome:
    kind: str
    expected: str
    path: str
    hit: bool
    unrelated: tuple[tuple[str, int], ...]


def _lint(lines: tuple[str, ...], path: str, settings: Settings, rules) -> set[tuple[str, int]]:
    result = lint_bytes(path, ("\n".join(lines) + "\n").encode("utf-8"), settings, rules)
    assert not result.errors, result.errors
    return {(d.code, d.line) for d in result.diagnostics}


def run(corpus: Path, limit: Optional[int] = None, seed: int = 1) -> list[Outcome]:
    metadata = {m["file"]: m for m in json.loads((corpus / "metadata.json").read_text())}
    rules_loaded = ruleset.load()
    outcomes: list[Outcome] = []
    names = sorted(metadata)[:limit] if limit else sorted(metadata)
    for name in names:
        data = (corpus / name).read_bytes()
        source = decode(data)
        origin = dt.date.fromisoformat(metadata[name]["created"][:10])
        # every rule, preview ones too: a rule off by default (measured precision) still finds its defect
        settings = Settings(ruleset=rules_loaded, as_of=AS_OF, date=origin, preview=True)
        rules = active_rules(settings)
        cable = build(source)
        # mutated as read: the spans are of the lines read (a double-spaced copy's without its added
        # blank lines, an indented one's without its margin), which are themselves a cable to lint
        subject = Subject(name, cable.lines, cable, random.Random(f"{seed}:{name}"))
        baseline_codes = _lint(cable.lines, name, settings, rules)
        mutants = [m for mutator in MUTATORS for m in mutator(subject)]
        mutants += list(_date_mutants(subject, origin))
        for mutant in mutants:
            found = _lint(mutant.lines, name, settings, rules)
            new = found - baseline_codes
            hit = any(code == mutant.expected and mutant.at[0] <= line <= mutant.at[1] for code, line in found)
            baseline_only = {c for c, _ in baseline_codes}
            unrelated = tuple(sorted((c, line) for c, line in new
                                     if c != mutant.expected and c not in mutant.allowed and c not in baseline_only))
            outcomes.append(Outcome(mutant.kind, mutant.expected, name, hit, unrelated))
    return outcomes


def summary(outcomes: list[Outcome]) -> str:
    by_kind: dict[str, list[Outcome]] = collections.defaultdict(list)
    for outcome in outcomes:
        by_kind[outcome.kind].append(outcome)
    rows = [f"{'mutation':<42} {'code':<5} {'n':>5} {'hit':>7} {'unrelated':>9}"]
    for kind, items in sorted(by_kind.items()):
        hits = sum(o.hit for o in items)
        unrelated = sum(bool(o.unrelated) for o in items)
        rows.append(f"{kind:<42} {items[0].expected:<5} {len(items):>5} {hits / len(items):>7.1%} "
                    f"{unrelated / len(items):>9.1%}")
    total = len(outcomes)
    hits = sum(o.hit for o in outcomes)
    unrelated = sum(bool(o.unrelated) for o in outcomes)
    rows.append(f"{'ALL':<42} {'':<5} {total:>5} {hits / max(total, 1):>7.1%} {unrelated / max(total, 1):>9.1%}")
    return "\n".join(rows)


if __name__ == "__main__":
    corpus_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else \
        Path(__file__).resolve().parents[2] / "shared/corpus/cablegate"
    results = run(corpus_dir)
    print(summary(results))
    misses = [o for o in results if not o.hit]
    noisy = [o for o in results if o.unrelated]
    for o in misses[:25]:
        print("MISS", o.kind, o.path)
    for o in noisy[:25]:
        print("UNRELATED", o.kind, o.path, o.unrelated)
