"""The observed TAGS vocabulary: how bench/observed_tags.py admits a tag, how the linter consults
it (before the slip test, never over an ISO code where State writes FIPS), and that the bundled
file is what the shared corpora give (skipped without them)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from cablelint.parse.model import Span, Tag
from cablelint.policy import ruleset, tagvocab
from cablelint.policy.rulesetmodel import Settings
from cablelint.run.engine import lint_bytes
from corpus import SHARED, need

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import observed_tags  # noqa: E402
from observed_tags import Seen, judge, unknown_tokens  # noqa: E402

KNOWN = frozenset({"PREL", "PGOV", "EINV", "OVIP", "UNGA", "IT", "RS"})
ISO = {"RU": "RS"}


def _seen(posts: int, upper: bool = True) -> list[Seen]:
    return [Seen(f"09POST{n}{n}", f"Embassy Post{n}", f"2009-0{1 + n % 9}-01", upper) for n in range(posts)]


def _tags(*values: str) -> tuple[Tag, ...]:
    return tuple(Tag(v, v.upper(), None, Span(1, 1, 1, 1)) for v in values)


@pytest.mark.parametrize("value, uses, verdict", [
    ("KQZT", _seen(3), "admitted"),
    ("KQZT", _seen(2), "on cables of 2 posts"),
    ("RU", _seen(27), "an ISO code or listed mix-up: State writes RS"),
    ("ENIV", _seen(5), "two letters of EINV swapped"),
    ("KQZT", _seen(4, upper=False), "only in lower case"),
    ("THE", _seen(9), "an English word"),
    ("AU-1", _seen(4), "not a tag's shape"),
    ("KQZTXY", _seen(4), "not a tag's shape"),
])
def test_what_is_admitted(value: str, uses: list, verdict: str) -> None:
    assert judge(value, uses, KNOWN, ISO, min_posts=3).verdict == verdict


def test_evidence_counts_cables_posts_and_dates() -> None:
    uses = _seen(3) + [Seen("09POST00", "Embassy Post0", "2010-02-12", True)]
    found = judge("KQZT", uses, KNOWN, ISO, min_posts=3)
    assert (found.cables, found.posts, found.first, found.last) == (3, 3, "2009-01-01", "2010-02-12")


def test_names_after_a_visit_tag_and_runs_of_words_are_not_tags() -> None:
    assert [t.value for t in unknown_tokens(_tags("OVIP", "KSEP", "UNGA", "IT"), KNOWN)] == ["KSEP"]
    assert unknown_tokens(_tags("OVIP", "BIDEN", "JOSEPH", "PREL", "IT"), KNOWN) == []
    assert unknown_tokens(_tags("PREL", "HUMAN", "RIGHTS", "IT"), KNOWN) == []
    assert [t.value for t in unknown_tokens(_tags("PREL", "KTIA", "KOMC", "IT"), KNOWN)] == ["KTIA", "KOMC"]


def test_the_written_file_is_a_valid_rule_set(tmp_path: Path) -> None:
    found = [judge("KQZT", _seen(3), KNOWN, ISO, 3), judge("RU", _seen(27), KNOWN, ISO, 3)]
    path = tmp_path / "observed.yaml"
    path.write_text(observed_tags.render(found, [Path("cablegate")], 3), encoding="utf-8")
    rules = ruleset.load([path])
    assert tagvocab.kind_on(rules, "KQZT", None) == "observed"
    assert tagvocab.kind_on(rules, "RU", None) is None


# ------------------------------------------------------------------ the linter's side

CABLE = """UNCLAS MARLOWE 000598

E.O. 12958: N/A
TAGS: ECON {tags} IT
SUBJECT: PORT TARIFF SCHEDULE PUBLISHED

1. The port authority published its new tariff schedule.
"""


def _codes(tags: str, extra=()) -> list[tuple[str, object]]:
    """(code, suggestion) of the TAGS findings, preview rules on (T007 is one: its severity, like
    T001's, is set from measured precision in rules/default.yaml and tested in test_precision)."""
    settings = Settings(ruleset=ruleset.load(extra), as_of=dt.date(2026, 12, 1), date=dt.date(2009, 7, 2),
                        select=("T",), preview=True)
    result = lint_bytes("c.txt", CABLE.format(tags=tags).encode(), settings)
    assert not result.errors
    return [(d.code, d.suggestion) for d in result.diagnostics]


def test_observed_tags_are_consulted_before_the_slip_test() -> None:
    assert tagvocab.candidates(ruleset.load(), "KTIA", None) == ["KTIP"]  # a slip by its letters
    assert _codes("KTIA") == []


def test_observed_tags_are_no_slip_targets() -> None:
    # KTIB is one letter from KTIP (known) and from KTIA (observed): only the known tag is suggested
    assert _codes("KTIB") == [("T001", "KTIP")]


def test_iso_codes_and_listed_mix_ups_stay_slips_with_their_suggestion(tmp_path: Path) -> None:
    assert _codes("RU") == [("T001", "RS")]
    assert _codes("VZ") == [("T001", "VE")]
    local = tmp_path / "post.yaml"
    local.write_text("tags:\n  observed:\n    RU: {cables: 52, posts: 27, first: 2007-08-27, last: 2010-02-18}\n")
    assert _codes("RU", [local]) == [("T001", "RS")]


def test_tags_run_together_are_split_into_the_known_tags() -> None:
    assert _codes("ETRDEINVPGOVCS") == [("T001", "ETRD EINV PGOV CS")]
    assert _codes("ETRDEINVQXZVCS") == [("T007", None)]  # one piece is no tag: no split


def test_an_unknown_tag_close_to_nothing_is_t007() -> None:
    assert _codes("QXZV") == [("T007", None)]


def test_observed_entries_are_validated(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("tags:\n  observed:\n    KQZT: {cables: many}\n")
    with pytest.raises(ruleset.RuleFileError, match=r"bad.yaml:3:\d+: expected a whole number"):
        ruleset.load([bad])


def test_the_bundled_observed_vocabulary_is_what_the_corpora_give(capsys: pytest.CaptureFixture[str]) -> None:
    need(SHARED / "corpus" / "cablegate-extra")
    status = observed_tags.main(["--check"])
    assert status == 0, capsys.readouterr().out
