"""T: TAGS. Every tag known, the line well formed, a geographic and a subject tag present."""

from __future__ import annotations

import collections
import functools
from typing import Any, Iterator, Mapping, NamedTuple, Optional

from .. import patterns
from ..parse.artefacts.records import cut_short, holds_redaction
from ..parse.model import Span, Tag
from ..policy import tagvocab
from ..policy.rulesetmodel import RuleSet
from .context import Context
from .diagnostics import Finding
from .registry import rule

_NAME_WORD = patterns.compile(r"[A-Z][A-Z.'-]*")
# K and three letters: the shape of a program tag (KNNP, KPAO, KCRM ...). Posts make their own
# (KBTR, KPRV, KIDE on a handful of one post's cables), which no list has; read on real cables,
# nearly every such tag unknown to the vocabularies was a real program's, not a defect
_PROGRAM_SHAPE = patterns.compile(r"K[A-Z]{3}")


def _name_parts(ctx: Context, visit_tags: frozenset[str]) -> frozenset[int]:
    """Indexes of tokens that are an unparenthesised person's name after a visit tag
    (`OVIP CLINTON, HILLARY`, `OVIP BIDEN JOSEPH`): a format problem (T002), not unknown tags.
    A name is two or three words, none a known tag, with a comma after the first or then the end
    of the line or a known tag. Found once per cable and visit tags: three checks ask."""
    key = ("name parts", visit_tags)
    known = ctx.memo.get(key)
    if known is None:
        known = ctx.memo[key] = frozenset(_find_name_parts(ctx, visit_tags))
    return known


def _find_name_parts(ctx: Context, visit_tags: frozenset[str]) -> set[int]:
    tags = ctx.cable.tags.tags
    parts: set[int] = set()
    if visit_tags.isdisjoint([tag.value for tag in tags]):
        return parts  # no visit tag, so no name after one (most cables)
    for index, tag in enumerate(tags):
        if tag.value not in visit_tags or index + 2 >= len(tags):
            continue
        words = list(tags[index + 1:index + 4])
        while words and (words[-1].kind is not None or _known(ctx, words[-1].value)
                         or not _NAME_WORD.fullmatch(words[-1].value)):
            words.pop()
        if len(words) == 1 and len(words[0].value) >= 5 and not _known(ctx, words[0].value) \
                and _NAME_WORD.fullmatch(words[0].value) \
                and not tagvocab.candidates(ctx.ruleset, words[0].value, ctx.origin_date):
            parts.add(index + 1)  # one word: an initial run into the surname (`OVIP WWARD`)
            continue
        if len(words) < 2 or any(w.kind is not None or _known(ctx, w.value) or not _NAME_WORD.fullmatch(w.value)
                                 for w in words):
            continue
        surname, given = words[0], words[1]
        line = ctx.cable.lines[surname.span.line - 1] if surname.span.line == given.span.line else ""
        comma = "," in line[surname.span.end_column - 1:given.span.column - 1]
        if comma or all(len(w.value.rstrip(".")) >= 3 for w in words[:2]):
            parts.update(range(index + 1, index + 1 + len(words)))
    return parts


def _kinds(ctx: Context) -> dict[str, Optional[str]]:
    """Tag value -> its kind on the cable's date, None when not a valid tag; filled with the TAGS
    line's tags at once (remembered per cable: five checks ask of each tag)."""
    kinds = ctx.memo.get("tag kinds")
    if kinds is None:
        tags = ctx.cable.tags.tags if ctx.cable.tags is not None else ()
        kinds = ctx.memo["tag kinds"] = tagvocab.kinds_on(ctx.ruleset, [t.value for t in tags], ctx.origin_date)
    return kinds


def _kind(ctx: Context, value: str) -> Optional[str]:
    """The kind of a tag on the cable's date (see `_kinds`; a value not on the line is not added,
    so that the remembered kinds stay those of the line)."""
    kinds = _kinds(ctx)
    return kinds[value] if value in kinds else tagvocab.kind_on(ctx.ruleset, value, ctx.origin_date)


def _known(ctx: Context, value: str) -> bool:
    return _kind(ctx, value) is not None


def _free_text(tags, unknown: list[int], lines: tuple[str, ...]) -> list[list[int]]:
    """Runs of two or more unknown words that are prose, not tags (`COUNTER TERRORISM`); a comma
    between two ends a run: it separates items of a list (`PARM, KTBT, CTBTO, IN`), not words."""
    runs: list[list[int]] = []
    for index in unknown:
        if runs and runs[-1][-1] == index - 1 and not _comma_between(tags[index - 1], tags[index], lines):
            runs[-1].append(index)
        else:
            runs.append([index])
    return [run for run in runs if len(run) >= 2 and any(len(tags[i].value) >= 5 for i in run)
            and all(tags[i].value.isalpha() for i in run)]


_PASSING = frozenset({("DEPT", "FOR"), ("STATE", "FOR"), ("PASS", "TO"), ("PLEASE", "PASS")})


def _passing_instruction(tags) -> frozenset[int]:
    """A line that passes the cable on typed onto the TAGS line (`DEPT FOR EAP/MTS, EAP/RSP`, its slashes
    lost): the indexes from its first words to the line's end, office symbols, not tags."""
    for index in range(len(tags) - 1):
        if (tags[index].value, tags[index + 1].value) in _PASSING:
            line = tags[index].span.line
            return frozenset(i for i in range(index, len(tags)) if tags[i].span.line == line)
    return frozenset()


def _comma_between(before, after, lines: tuple[str, ...]) -> bool:
    first, second = before.span, after.span
    if first.end_line != second.line or not 0 < second.line <= len(lines):
        return False
    return "," in lines[second.line - 1][first.end_column - 1:second.column - 1]


def _visit_tags(ctx: Context) -> frozenset[str]:
    return _visit_tags_of(ctx.ruleset)


@functools.lru_cache(maxsize=8)  # a rule set's option, read once rather than for every cable
def _visit_tags_of(ruleset: RuleSet) -> frozenset[str]:
    return frozenset(ruleset.rule_options("T006", {"tags": []})["tags"])


class _Unknown(NamedTuple):
    code: str                  # T001 (a slip, an ISO code, out of period, free text) or T007
    finding: Finding
    prose: tuple[int, ...] = ()  # for free text: the indexes of its tokens


def _unknowns(ctx: Context) -> tuple[_Unknown, ...]:
    """The TAGS line's tokens that no vocabulary knows on the cable's date, each judged once for
    T001 and T007 (remembered per cable): a tag out of its period, free text, an ISO code where
    State writes FIPS or a likely slip of a known tag is T001; any other unknown tag is T007 (a
    post's own tag, or one the vocabularies lack). The observed vocabulary was consulted first:
    its tags have a kind."""
    found = ctx.memo.get("unknown tags")
    if found is None:
        found = ctx.memo["unknown tags"] = tuple(_judge_unknowns(ctx))
    return found


def _prose_tokens(ctx: Context) -> frozenset[int]:
    """Indexes of the TAGS line's tokens that are free text (words, not tags: T001 reports them)."""
    return frozenset(i for unknown in _unknowns(ctx) if unknown.code == "T001" and unknown.prose for i in unknown.prose)


def _judge_unknowns(ctx: Context) -> Iterator[_Unknown]:
    if ctx.cable.tags is None:
        return
    tags = ctx.cable.tags.tags
    kinds = _kinds(ctx)
    if None not in kinds.values() and "person" not in kinds.values():
        # every tag is in the vocabulary and valid on the cable's date (as on nearly every cable):
        # no tag is unknown, out of its period or free text
        return
    names = _name_parts(ctx, _visit_tags(ctx))
    vocabulary = tagvocab.vocabulary(ctx.ruleset)
    unknown = [i for i, tag in enumerate(tags) if tag.kind != "person" and i not in names
               and tag.value not in vocabulary]
    runs = _free_text(tags, unknown, ctx.cable.lines)
    prose = {i for run in runs for i in run}
    for run in runs:
        words = " ".join(tags[i].text for i in run)
        first, last = tags[run[0]].span, tags[run[-1]].span
        span = Span(first.line, first.column, last.end_line, last.end_column)
        yield _Unknown("T001", Finding(span, f"free text '{words}' on the TAGS line: these words are not tags"),
                       tuple(run))
    judged: set[str] = set()
    last_cut = len(tags) - 1 if _cut(ctx) else -1  # (a tag the cut went through: `PG...`)
    for index, tag in enumerate(tags):
        if tag.kind == "person" or index in names or index in prose or kinds[tag.value] is not None \
                or tag.value in judged or index == last_cut:
            continue  # (an unknown tag written again is judged once: T005 reports the repeat)
        judged.add(tag.value)
        kind, known = tagvocab.definition(ctx.ruleset, tag.value)
        if known is not None:  # a real tag, but not on this date
            # (a period open at one end is said so: `from 2008-02-17`, `until 2006-06-03`)
            window = f"from {known.start} to {known.end}" if known.start and known.end else \
                f"from {known.start}" if known.start else f"until {known.end}"
            # (a code out of its period may be written for another country: GE, Georgia's ISO code, for GG)
            meant = tagvocab.iso_meant(ctx.ruleset, tag.value, ctx.origin_date) if len(tag.value) == 2 else None
            country = tagvocab.definition(ctx.ruleset, meant)[1].meaning if meant else ""
            also = f"; it is also written for {country} (its ISO code), whose tag is {meant}" if meant else ""
            yield _Unknown("T001", Finding(tag.span, f"tag '{tag.text}' ({known.meaning or kind}) "
                                                     f"{'is' if known.end is None else 'was'} valid only "
                                                     f"{window}, not on {ctx.origin_date}{also}"))
            continue
        # (a cable older than the vocabularies: a tag one letter from one of theirs may be a tag of its
        # time; two letters swapped, or one typed twice, are a slip still)
        guesses = tagvocab.candidates(ctx.ruleset, tag.value, ctx.origin_date,
                                      swaps_only=tagvocab.before_vocabulary(ctx.era_date))
        if not guesses and _PROGRAM_SHAPE.fullmatch(tag.value):
            continue  # a program's tag, known only from use (5 FAH-3 lists none): a post's own, not a slip
        if not guesses:
            yield _Unknown("T007", Finding(tag.span, f"unrecognised tag '{tag.text}': in no vocabulary and close "
                                                     "to no known tag (a post's own tags go in its rule set)"))
            continue
        hint = f"; did you mean {' or '.join(repr(g) for g in guesses[:3])}?"
        yield _Unknown("T001", Finding(tag.span, f"unknown tag '{tag.text}'{hint}",
                                       suggestion=guesses[0] if len(guesses) == 1 else None))


def unknown_tag(ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    return (found.finding for found in _unknowns(ctx) if found.code == "T001")


def unrecognised_tag(ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    return (found.finding for found in _unknowns(ctx) if found.code == "T007")


def _corrected(tags: tuple[Tag, ...], comma: bool) -> str:
    values = list(dict.fromkeys(t.value for t in tags))
    return "TAGS: " + (", " if comma else " ").join(values)


def tags_format(ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    line = ctx.cable.tags
    if line is None:
        return
    problems: list[tuple[Span, str]] = []
    retyped = ctx.cable.artefact("retyped") is not None  # case is X006's in a re-typed copy
    for text, span in line.separators:
        problems.append((span, f"separator '{text}'"))
    names = _name_parts(ctx, _visit_tags(ctx))
    prose = _prose_tokens(ctx)
    for index, tag in enumerate(line.tags):
        if tag.kind == "person" or index in names or index in prose:
            continue  # a name after a visit tag is written bare on most TAGS lines; free text is T001's
        text = tag.text
        upper = text.upper()  # once per tag: both tests below ask
        if text != upper and not retyped:
            problems.append((tag.span, f"lower-case tag '{text}'"))
        elif text != upper:
            continue
        elif upper != tag.value and not text.startswith("[") \
                and not (index == len(line.tags) - 1 and _cut(ctx)):
            problems.append((tag.span, f"stray punctuation in '{text}'"))
    if not problems:
        return
    problems.sort(key=lambda p: (p[0].line, p[0].column))
    said = list(dict.fromkeys(p[1] for p in problems))  # (a separator used twice is said once)
    what = "; ".join(said[:3]) + ("; ..." if len(said) > 3 else "")
    # (a person's tag is not rewritten: its name's own comma, and one visit tag for each person, would
    # not survive a line rebuilt from the tags' values)
    fixable = not names and not prose and not line.raw.lstrip().startswith("[") and "[" not in line.raw \
        and not any(tag.kind == "person" for tag in line.tags)
    corrected = _corrected(line.tags, "," in line.raw) if fixable else None
    tail = f"; write: {corrected}" if corrected else ""
    yield Finding(problems[0][0], f"TAGS line format: {what}{tail}", suggestion=corrected)


def _cut(ctx: Context) -> bool:
    """The record is cut inside the TAGS line (`TAGS: PREL PGOV ENRG...`: X003 reports it): the
    tags after the cut are lost, and the last one left may be a piece of a tag. (Or a redaction
    hides some, `TAGS: XXXXXXXXXXXX`: X004 reports it, and what it hides is not judged.)"""
    line = ctx.cable.tags
    return line is not None and (cut_short(line.raw) or holds_redaction(line.raw))


def missing_geographic(ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    line = ctx.cable.tags
    if line is None or _cut(ctx):
        return
    kinds = _kinds_with_parts(ctx)
    # a worldwide or multilateral cable (STATE to all posts, USNATO, USEU, USUN) rightly names no country,
    # unless its subject opens with one (`SUBJECT: ZIMBABWE: GUIDANCE ON ELECTION OBSERVATION`)
    if "geographic" in kinds or (_multilateral_post(ctx, options) and _country_of_subject(ctx) is None):
        return
    yield Finding(line.span, "the TAGS line has no geographic tag (a two-letter country code such as GM or JA)")


def _kinds_with_parts(ctx: Context) -> set[Optional[str]]:
    """The kinds of the line's tags, counting those run together (`ETRDEINVPGOVCS`: T001 reports
    the run, its country and subject tags are there), an ISO code meant as a country (JP for JA:
    T001 reports it, a country was named), and a tag written outside its period (YE, North Yemen's
    code until 1990, for Yemen: T001 reports the period; a country was named)."""
    kinds = set(_kinds(ctx).values())
    older = tagvocab.before_vocabulary(ctx.era_date)
    prose = {ctx.cable.tags.tags[i].value for i in _prose_tokens(ctx)} if older else set()
    for value, kind in _kinds(ctx).items():
        if kind is not None and not (older and kind == tagvocab.OBSERVED):
            continue
        if kind is None:
            kinds.add(tagvocab.definition(ctx.ruleset, value)[0])  # (None when no vocabulary has it)
        if len(value) == 2 and value in tagvocab.iso_mixups(ctx.ruleset):
            kinds.add("geographic")
        # a three-letter ISO code counts where T001 gives the country first (PAK: Pakistan's; not POL,
        # as often the political section's as Poland's, where a slip of another tag comes first)
        elif len(value) == 3 and value in tagvocab.iso_mixups(ctx.ruleset) and tagvocab.candidates(
                ctx.ruleset, value, ctx.origin_date)[:1] == [tagvocab.iso_mixups(ctx.ruleset)[value]]:
            kinds.add("geographic")
        # On a cable older than the vocabularies, a tag they lack (or only saw, without a meaning) has
        # the shape of its kind: two letters name a country (VS, ZR in the 1970s), four a subject
        # (EGEN, MILI); T007 reports the tag itself
        elif older and value.isalpha() and value not in prose and len(value) in (2, 4):
            kinds.add("geographic" if len(value) == 2 else "subject")
        parts = tagvocab.suggestion(ctx.ruleset, value, ctx.origin_date) if len(value) > 5 else None
        if parts and " " in parts:
            kinds.update(tagvocab.kind_on(ctx.ruleset, part, ctx.origin_date) for part in parts.split())
        elif len(value) > 5 and value.isalpha():  # a run that does not split whole: its two ends
            kinds.update((tagvocab.kind_on(ctx.ruleset, value[:4], ctx.origin_date),
                          tagvocab.kind_on(ctx.ruleset, value[-2:], ctx.origin_date)))
    return kinds


_COUNTRY_NAME = 40  # characters: the longest country name of the vocabulary is shorter


def _country_of_subject(ctx: Context) -> Optional[str]:
    """The country a subject opens with, before its colon (`ZIMBABWE: ...`), by the name the geographic
    vocabulary gives it; None for any other subject (`UNSC: ...`, `HUMAN RIGHTS COUNCIL: ...`)."""
    subject = ctx.cable.subject
    head = subject.text.split(":", 1)[0].strip().upper() if subject is not None and ":" in subject.text else ""
    if not head or len(head) > _COUNTRY_NAME:
        return None
    country = tagvocab.country_named(ctx.ruleset, head, ctx.origin_date)
    return None if country == "US" else country  # (a cable from Washington is the United States' own)


def _multilateral_post(ctx: Context, options: Mapping[str, Any]) -> bool:
    posts = {p.upper().replace(" ", "") for p in options.get("multilateral-posts", ())}
    banner, routing = ctx.cable.banner, ctx.cable.routing
    written = [banner.post if banner is not None else None, routing.sender if routing is not None else None]
    for text in filter(None, written):
        words = text.upper().split()
        if any(w in posts for w in words) or "".join(words[:2]) in posts:
            return True
    return False


def missing_subject(ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    line = ctx.cable.tags
    if line is None or _cut(ctx):
        return
    kinds = _kinds_with_parts(ctx)
    if "subject" not in kinds and "program" not in kinds:
        yield Finding(line.span, "the TAGS line has no subject tag (four letters such as PREL or ECON)")


def duplicate_tag(ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    tags = ctx.cable.tags.tags if ctx.cable.tags else ()
    if _rebuilt(ctx, tuple(tag.value for tag in tags)):
        return  # rebuilt by the publisher's conversion, not typed twice by the drafter
    half = len(tags) // 2
    if half >= 2 and len(tags) % 2 == 0 and [t.value for t in tags[:half]] == [t.value for t in tags[half:]]:
        # the whole list written again (a copy's line repeated): one slip of the line, not one per tag
        yield Finding(tags[half].span, f"the tags '{' '.join(t.value for t in tags[:half])}' are written twice")
        return
    visits = _visit_tags(ctx)
    # (a person's name, and the office symbols of a passing line typed onto the TAGS line: no tags repeated)
    names = (_name_parts(ctx, visits) | _passing_instruction(tags)) if tags else frozenset()
    # a visit tag is written once for each person it names (`OVIP (BAKER, J.) OVIP (ROE, A.)`)
    keys = [(tag.value, _person_after(tags, index, names) if tag.value in visits else None)
            for index, tag in enumerate(tags)]
    named = names | {i for i in range(1, len(tags)) if tags[i].kind == "person" and keys[i - 1][1] is not None}
    counts = collections.Counter(key for index, key in enumerate(keys) if index not in named)
    seen: set[tuple] = set()
    reported: set[tuple] = set()
    for index, tag in enumerate(tags):
        if index in named:
            continue  # a person's name after a visit tag (`OVIP SMITH, SMITH`) is no tag: it is the visit's
        key = keys[index]
        if key in seen and key not in reported:
            # once, at the first repeat: 'EAP' written four times is one slip of the line, not three
            reported.add(key)
            times = "twice" if counts[key] == 2 else f"{counts[key]} times"
            yield Finding(tag.span, f"tag '{tag.value}' appears {times}")
        seen.add(key)


def _person_after(tags, index: int, names: frozenset[int]) -> Optional[str]:
    """The person a visit tag at `index` names: the parenthesised name, or the name's words, after it."""
    words = []
    for follow in range(index + 1, len(tags)):
        if tags[follow].kind != "person" and follow not in names:
            break
        words.append(tags[follow].value)
    return " ".join(words) or None


def _rebuilt(ctx: Context, values: tuple[str, ...]) -> bool:
    """The publisher's conversion rebuilt some TAGS lines (2001-2003 copies): it repeated their
    groups of tags and glued the country to a subject tag (`PREL AF PK IN AF PK IN VT VTPREL`). A
    drafter who types a tag twice leaves no glued pair."""
    if len(values) == len(set(values)):
        return False
    for value in values:
        if len(value) == 6 and tagvocab.kind_on(ctx.ruleset, value[:2], None) == "geographic" \
                and tagvocab.kind_on(ctx.ruleset, value[2:], None) in ("subject", "program"):
            return True
    return False


def missing_person_name(ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    line = ctx.cable.tags
    if line is None:
        return
    listed = options["tags"]
    if not [tag for tag in line.tags if tag.value in listed]:
        return  # no visit tag: nothing to ask of the names (most cables)
    visits = frozenset(options["tags"])
    has_person = any(t.kind == "person" for t in line.tags) or bool(_name_parts(ctx, visits))
    if has_person:
        return
    last = len(line.tags) - 1 if _cut(ctx) else len(line.tags)  # (a name after the last tag was cut off with it)
    unnamed = list(dict.fromkeys(tag.value for tag in line.tags[:last] if tag.value in visits))
    if unnamed:
        # (one finding for the line: the one name it lacks, however many visit tags ask for it)
        first = next(tag for tag in line.tags if tag.value == unnamed[0])
        which = f"tag '{unnamed[0]}'" if len(unnamed) == 1 else "tags " + ", ".join(f"'{v}'" for v in unnamed)
        yield Finding(first.span, f"{which} must be followed by the person's name, e.g. {unnamed[0]} (SURNAME, GIVEN)")


RULES = (
    rule("T001", "a tag is in no vocabulary of the rule set and is a likely slip of a known tag (suggested), an "
                 "ISO code where State writes FIPS, or out of its period",
         "TAGS route and index telegrams (5 FAH-3 H-110): a misspelt tag misfiles the cable. Subject tags have "
         "four letters, geographic tags are FIPS 10-4 codes (RS, not the ISO RU), programs start with K, people "
         "are (SURNAME, GIVEN). A tag one typing slip from a known tag is most likely that tag mistyped. The "
         "vocabularies are those of 2000-2010: on an older cable only two swapped letters or a letter typed "
         "twice make a slip (a letter more, less or other can be a tag of its time: T007 reports it).",
         "TAGS: POGOV PREL CA", "TAGS: PGOV PREL CA", unknown_tag),
    rule("T002", "lower-case tags, semicolons or other separators, stray punctuation",
         "Tags are written in capitals separated by spaces or commas (5 FAH-3); other separators and punctuation "
         "break automated routing. The message shows the corrected line.",
         "TAGS: PREL;PGOV;kcor", "TAGS: PREL PGOV KCOR", tags_format),
    rule("T003", "no geographic tag",
         "Traffic Analysis by Geography and Subject: each telegram carries at least one geographic tag "
         "(5 FAH-3 H-010).", "TAGS: PREL PGOV", "TAGS: PREL PGOV SP", missing_geographic),
    rule("T004", "no subject tag",
         "Each telegram carries at least one subject tag (5 FAH-3 H-010).", "TAGS: SP", "TAGS: PREL SP",
         missing_subject),
    rule("T005", "the same tag twice",
         "A repeated tag adds nothing and suggests a typing error.", "TAGS: PREL PGOV PREL SP", "TAGS: PREL PGOV SP",
         duplicate_tag),
    rule("T006",
         "a visit or exchange tag (OVIP, OCON, OEXC, OREP, OTRA) without the person's name (SURNAME, GIVEN)",
         "'OCON, OEXC, OREP, OTRA and OVIP ... must be used with the name of the subject individual entered on "
         "the TAGS line' (74 STATE 150591).", "TAGS: OVIP PREL SP", "TAGS: OVIP (DOE, JANE) PREL SP",
         missing_person_name),
    rule("T007", "a tag in no vocabulary that is not close to a known tag (the observed vocabulary consulted first)",
         "No complete list of TAGS is published: program (K...) tags are known only from use, and new tags are "
         "assigned over time (new subject TAGS through A/GIS/IPS/RA, 5 FAH-3). A tag that cables of three or "
         "more posts carry is taken as real (the observed vocabulary), and so is one of a program's shape (K "
         "and three letters) that is no slip of a known tag: posts make their own. Any other tag in no "
         "vocabulary that is not a slip of a known tag may still be real, so it is a warning, not an error: add "
         "a post's own tags to its rule set under tags:.",
         "TAGS: PREL QXZV CA", "TAGS: PREL KTIA CA", unrecognised_tag),
)
