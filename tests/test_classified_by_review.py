"""The parser's `Classified By` reading against a hand-judged list of real lines.

`tests/data/classified_by_review.yaml` holds Classified By statements read by eye in the shared
corpus (conventions in `tests/data/README.md`). The parser must agree on at least 95% of the names
and 99% of the reasons over the whole list. The corpus is not part of the project: the comparison
skips when `../shared/corpus` is absent; the check that the list itself is well formed always runs.
"""

from __future__ import annotations

import json
import re
import string
from collections import Counter
from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).resolve().parent / "data" / "classified_by_review.yaml"
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
CORPORA = ("cablegate", "cablegate-extra")

NAME_THRESHOLD = 0.95
REASONS_THRESHOLD = 0.99

FIELDS = {"corpus", "cable", "line", "name", "position", "reasons", "form"}
REASON = re.compile(r"(?:1\.[45])?\([a-h]\)")
FORM = re.compile(r"[a-z0-9]+(?:[.-][a-z0-9]+)*")
CABLE = re.compile(r"[0-9]{2}[A-Z0-9]+")
# a value may end in a period only when its last word is an abbreviation (Jr., a.i., Amb.)
ABBREVIATION_END = re.compile(r"(?:^|[\s,])(?:[A-Za-z]{1,3}\.)+$")


def _entries() -> list[dict]:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


def _text_ok(value: str) -> bool:
    if not value or value != value.strip() or "  " in value or "\n" in value:
        return False
    if value[-1] in ",;:":
        return False
    return not value.endswith(".") or bool(ABBREVIATION_END.search(value))


def test_review_list_is_well_formed() -> None:
    entries = _entries()
    assert isinstance(entries, list) and len(entries) >= 170
    problems = []
    for number, entry in enumerate(entries, 1):
        where = f"entry {number} ({entry.get('cable') if isinstance(entry, dict) else entry!r})"
        if not isinstance(entry, dict) or set(entry) != FIELDS:
            problems.append(f"{where}: fields {sorted(entry) if isinstance(entry, dict) else entry!r}")
            continue
        if entry["corpus"] not in CORPORA:
            problems.append(f"{where}: corpus {entry['corpus']!r}")
        if not isinstance(entry["cable"], str) or not CABLE.fullmatch(entry["cable"]):
            problems.append(f"{where}: cable {entry['cable']!r}")
        if type(entry["line"]) is not int or entry["line"] < 1:
            problems.append(f"{where}: line {entry['line']!r}")
        for field in ("name", "position"):
            value = entry[field]
            if value is not None and not (isinstance(value, str) and _text_ok(value)):
                problems.append(f"{where}: {field} {value!r}")
        reasons = entry["reasons"]
        if not isinstance(reasons, list) or not all(isinstance(r, str) and REASON.fullmatch(r) for r in reasons):
            problems.append(f"{where}: reasons {reasons!r}")
        elif len(set(reasons)) != len(reasons):
            problems.append(f"{where}: repeated reasons {reasons!r}")
        if not isinstance(entry["form"], str) or not FORM.fullmatch(entry["form"]):
            problems.append(f"{where}: form {entry['form']!r}")
        if entry["form"] == "redacted" and entry["name"] is not None:
            problems.append(f"{where}: a redacted name is null")
    assert not problems, "\n".join(problems)

    keys = [(e["corpus"], e["cable"]) for e in entries]
    assert len(set(keys)) == len(keys), [k for k, n in Counter(keys).items() if n > 1]
    assert keys == sorted(keys), "entries are sorted by corpus, then cable"
    per_corpus = Counter(corpus for corpus, _ in keys)
    assert all(per_corpus[c] >= 60 for c in CORPORA), per_corpus


def _name_key(name: object) -> object:
    """Names compare case-insensitively, whitespace collapsed, trailing punctuation stripped."""
    if not isinstance(name, str):
        return name
    return re.sub(r"\s+", " ", name).strip().rstrip(string.punctuation + " ").casefold()


def test_parser_agrees_with_review(capsys: pytest.CaptureFixture[str]) -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} is absent (the shared corpus is not part of the project)")
    from cablelint.cli import main

    entries = _entries()
    paths = [(CORPUS / e["corpus"] / f"{e['cable']}.txt").resolve() for e in entries]
    missing = [str(p) for p in paths if not p.is_file()]
    assert not missing, f"listed cables not in the corpus: {missing}"

    capsys.readouterr()
    main(["parse", "--format", "json", *map(str, paths)])  # one call for the whole list
    captured = capsys.readouterr()
    records = json.loads(captured.out)
    # records are paired by path: `parse` does not promise to keep the order of its arguments
    by_path = {Path(r["path"]).resolve(): r for r in records}
    unparsed = [str(p) for p in paths if p not in by_path]
    assert not unparsed, f"no parse record for {unparsed}\n{captured.err}"

    name_misses, reason_misses = [], []
    for entry, path in zip(entries, paths):
        found = by_path[path].get("classified_by")
        where = f"{entry['corpus']}/{entry['cable']}:{entry['line']} [{entry['form']}]"
        if found is None:  # no statement found at all: both fields disagree
            name_misses.append(f"{where}: expected {entry['name']!r}, got no Classified By")
            reason_misses.append(f"{where}: expected {entry['reasons']}, got no Classified By")
            continue
        if _name_key(found.get("name")) != _name_key(entry["name"]):
            name_misses.append(f"{where}: expected {entry['name']!r}, got {found.get('name')!r}")
        if found.get("reasons") != entry["reasons"]:
            reason_misses.append(f"{where}: expected {entry['reasons']}, got {found.get('reasons')}")

    total = len(entries)
    names = 1 - len(name_misses) / total
    reasons = 1 - len(reason_misses) / total
    report = (
        f"names agree on {names:.1%} (need {NAME_THRESHOLD:.0%}), reasons on {reasons:.1%} "
        f"(need {REASONS_THRESHOLD:.0%}) of {total} hand-judged lines\n"
        + "\n".join(["name disagreements:", *name_misses, "reasons disagreements:", *reason_misses])
    )
    assert names >= NAME_THRESHOLD and reasons >= REASONS_THRESHOLD, report
