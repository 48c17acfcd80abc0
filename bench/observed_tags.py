"""The observed TAGS vocabulary: tags that real cables of several posts use, built from the corpora.

    python bench/observed_tags.py            # rewrite rules/tags-observed.yaml
    python bench/observed_tags.py --check    # exit 1 when the file is not what the corpora give
    python bench/observed_tags.py --report   # every candidate seen on 2 or more posts, admitted or not

The bundled vocabularies lack many real State tags (local program tags above all). A tag that the
cables of at least --min-posts (3) different posts carry is taken as real: one post's habit or one
drafter's slip does not spread that far. Every TAGS token of the shared corpora is read with
cablelint's own parser; the post is the metadata's `origin` (else the cable id's post), the dates
are the metadata's `created`. Not admitted, whatever the count: a tag the vocabularies know (of any
date), an ISO 3166 code where State writes the FIPS code or another listed mix-up (RU for RS, VZ
for VE: those stay T001 errors with their suggestion), two adjacent letters of a known tag
swapped (the commonest slip: ENIV for EINV), and what the parser made of other text: tokens not
of a tag's shape (2 to 5 capitals), tokens only seen in lower case (re-typed copies), names after
a visit tag, runs of words (a subject read as tags) and common English words.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
from pathlib import Path
from typing import Iterable, NamedTuple, Optional

from cablelint.parse.model import Tag
from cablelint.policy import ruleset as ruleset_module
from cablelint.policy import tagvocab
from cablelint.report.schedule import read_cable

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1] / "shared"
CORPORA = (SHARED / "corpus" / "cablegate", SHARED / "corpus" / "cablegate-extra")
OUTPUT = HERE.parent / "rules" / "tags-observed.yaml"
SHAPE = re.compile(r"[A-Z]{2,5}")
VISIT_TAGS = frozenset({"OVIP", "OCON", "OEXC", "OREP", "OTRA"})
# function words a re-flowed subject or text puts on a TAGS line; none is a State tag
ENGLISH = frozenset("THE AND FOR WITH FROM THIS THAT OF ON TO IN AT BY AN OR AS IS".split())


class Seen(NamedTuple):
    cable: str
    post: str
    day: str          # YYYY-MM-DD
    upper: bool       # written in capitals, as a tag is


class Candidate(NamedTuple):
    tag: str
    cables: int
    posts: int
    first: str
    last: str
    verdict: str      # "admitted", or why not


def post_of(record: dict) -> str:
    """The posting post: the metadata's origin, else the cable id without year and serial."""
    return record.get("origin") or re.sub(r"^\d{2}|\d+$", "", record["id"])


def unknown_tokens(tags: tuple[Tag, ...], known: frozenset[str]) -> list[Tag]:
    """The tokens of one TAGS line that no vocabulary knows and that may be tags: not a person
    `(SURNAME, GIVEN)`, not a name written after a visit tag, not part of a run of words."""
    unknown = [i for i, tag in enumerate(tags) if tag.kind != "person" and tag.value not in known]
    names: set[int] = set()
    for index, tag in enumerate(tags):
        if tag.value in VISIT_TAGS:
            # a name is two or three unknown words right after the visit tag (as T002 reads it)
            words = []
            for after in range(index + 1, min(index + 4, len(tags))):
                if tags[after].value in known or not tags[after].value.isalpha():
                    break
                words.append(after)
            if len(words) >= 2:
                names.update(words)
    prose: set[int] = set()
    run: list[int] = []
    for index in unknown + [-2]:  # -2 closes the last run
        if run and index != run[-1] + 1:
            if len(run) >= 2 and any(len(tags[i].value) >= 5 for i in run):
                prose.update(run)
            run = []
        run.append(index)
    return [tags[i] for i in unknown if i not in prose and i not in names]


def gather(corpora: Iterable[Path], known: frozenset[str]) -> dict[str, list[Seen]]:
    seen: dict[str, list[Seen]] = collections.defaultdict(list)
    for corpus in corpora:
        metadata = json.loads((corpus / "metadata.json").read_text(encoding="utf-8"))
        for record in metadata:
            cable = read_cable(str(corpus / record["file"]))
            if cable.tags is None:
                continue
            for tag in unknown_tokens(cable.tags.tags, known):
                seen[tag.value].append(Seen(record["id"], post_of(record), record["created"][:10],
                                            not any(c.islower() for c in tag.text)))
    return seen


def swapped_from(value: str, known: frozenset[str]) -> Optional[str]:
    for i in range(len(value) - 1):
        swapped = value[:i] + value[i + 1] + value[i] + value[i + 2:]
        if swapped != value and swapped in known:
            return swapped
    return None


def judge(value: str, uses: list[Seen], known: frozenset[str], iso: dict[str, str], min_posts: int) -> Candidate:
    upper = [u for u in uses if u.upper]
    days = sorted(u.day for u in upper or uses)
    cables, posts = len({u.cable for u in upper}), len({u.post for u in upper})
    if not SHAPE.fullmatch(value):
        verdict = "not a tag's shape"
    elif not upper:
        verdict = "only in lower case"
    elif value in ENGLISH:
        verdict = "an English word"
    elif value in iso:
        verdict = f"an ISO code or listed mix-up: State writes {iso[value]}"
    elif swapped_from(value, known):
        verdict = f"two letters of {swapped_from(value, known)} swapped"
    elif posts < min_posts:
        verdict = f"on cables of {posts} post{'s' if posts != 1 else ''}"
    else:
        verdict = "admitted"
    return Candidate(value, cables, posts, days[0], days[-1], verdict)


def candidates(corpora: Iterable[Path], min_posts: int) -> list[Candidate]:
    rules = ruleset_module.load()
    known = frozenset(tag for kind, entries in rules.tags.items() if kind != "observed" for tag in entries)
    iso = tagvocab.iso_mixups(rules)
    seen = gather(corpora, known)
    return sorted(judge(value, uses, known, iso, min_posts) for value, uses in seen.items())


def render(found: list[Candidate], corpora: Iterable[Path], min_posts: int) -> str:
    names = ", ".join(c.name for c in corpora)
    lines = [
        "# Observed TAGS: tags in no other vocabulary that cables of at least "
        f"{min_posts} different posts carry ({names}).",
        "# Generated by bench/observed_tags.py: do not edit; rerun it (README, Development). A tag here is",
        "# not reported as unknown (T001/T007); its meaning is not established. cables/posts count the",
        "# cables and posts seen with it, first/last the dates of the first and last of those cables.",
        "# Seen on as many posts but not admitted (each stays a finding):",
    ]
    for c in found:
        if c.verdict != "admitted" and c.posts >= min_posts:
            lines.append(f"#   {c.tag}: {c.verdict} ({c.cables} cables, {c.posts} posts)")
    lines += ["tags:", "  observed:"]
    for c in found:
        if c.verdict == "admitted":
            lines.append(f"    {c.tag}: {{cables: {c.cables}, posts: {c.posts}, first: {c.first}, last: {c.last}}}")
    return "\n".join(lines) + "\n"


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, action="append", metavar="DIR",
                        help="a corpus folder with metadata.json (repeatable; default: the shared corpora)")
    parser.add_argument("--min-posts", type=int, default=3, metavar="N")
    parser.add_argument("--output", type=Path, default=OUTPUT, metavar="FILE")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 when FILE is out of date")
    parser.add_argument("--report", action="store_true", help="print the candidates seen on 2 or more posts")
    args = parser.parse_args(argv)
    corpora = tuple(args.corpus or CORPORA)
    for corpus in corpora:
        if not (corpus / "metadata.json").is_file():
            raise SystemExit(f"observed_tags: {corpus}/metadata.json is absent (the shared corpus is not checked out)")
    found = candidates(corpora, args.min_posts)
    if args.report:
        for c in found:
            if c.posts >= 2:
                print(f"{c.tag:<6} cables {c.cables:>3}  posts {c.posts:>3}  {c.first} to {c.last}  {c.verdict}")
        return 0
    text = render(found, corpora, args.min_posts)
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.is_file() else ""
        if current != text:
            print(f"observed_tags: {args.output} is not what the corpora give; rerun bench/observed_tags.py")
            return 1
        return 0
    args.output.write_text(text, encoding="utf-8")
    admitted = sum(c.verdict == "admitted" for c in found)
    print(f"observed_tags: {admitted} tags written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
