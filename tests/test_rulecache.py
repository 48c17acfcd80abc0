"""Parsed rule-set files kept as JSON (cache/rulecache.py, the store the command line gives the loader): \
the same rule set either way, never stale,
never a crash. (conftest.py gives every test its own folder through $CABLELINT_RULES_CACHE.)"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from pathlib import Path

import pytest

from cablelint import patterns
from cablelint.cache import rulecache
from cablelint.policy import ruleset


def kept() -> list[Path]:
    folder = rulecache.folder()
    return sorted(Path(folder).glob("*.json")) if folder and os.path.isdir(folder) else []


def refuse_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    def parse(*args, **kwargs):
        raise AssertionError("YAML was parsed")

    monkeypatch.setattr(ruleset, "parse_mapping", parse)


def test_the_bundled_rule_sets_are_read_back_without_yaml(monkeypatch: pytest.MonkeyPatch):
    first = ruleset.load(store=rulecache)
    assert len(kept()) == len(first.files) >= 5
    refuse_yaml(monkeypatch)
    again = ruleset.load(store=rulecache)
    assert fields_of(again) == fields_of(first)
    regimes = [p for p in first.files if Path(p).name == "regimes.yaml"]
    assert regimes and any(isinstance(v, dt.date) for v in _leaves(ruleset.load_document(Path(regimes[0]), rulecache)))


def fields_of(rules) -> dict:
    """A RuleSet compares by identity; its fields compare by value."""
    return {f.name: getattr(rules, f.name) for f in dataclasses.fields(rules)}


def _leaves(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from _leaves(item)
    else:
        yield value


def test_changed_bytes_are_parsed_again(tmp_path: Path):
    rules = tmp_path / "extra.yaml"
    rules.write_text("rules:\n  T002: warning\n", encoding="utf-8")
    assert ruleset.load([rules], store=rulecache).severity("T002", "error") == "warning"
    rules.write_text("rules:\n  T002: info\n", encoding="utf-8")
    assert ruleset.load([rules], store=rulecache).severity("T002", "error") == "info"


def test_a_file_with_errors_is_not_kept_and_still_reported(tmp_path: Path):
    rules = tmp_path / "bad.yaml"
    rules.write_text("rules:\n  T002: warning\n  NOPE: error\n", encoding="utf-8")
    before = set(kept())
    for _ in range(2):
        with pytest.raises(ruleset.RuleFileError, match=r"bad.yaml:3:3: unknown rule 'NOPE'"):
            ruleset.load_document(rules, rulecache)
    assert set(kept()) == before


def test_a_damaged_entry_is_parsed_again(tmp_path: Path):
    rules = tmp_path / "extra.yaml"
    rules.write_text("rules:\n  T002: warning\n", encoding="utf-8")
    document = ruleset.load_document(rules, rulecache)
    entry = rulecache._entry(rules.read_bytes())
    for damage in (b"{broken", b"[1, 2]", b"\xff\xfe"):
        Path(entry).write_bytes(damage)
        assert ruleset.load_document(rules, rulecache) == document


@pytest.mark.parametrize("value", [{1: "int key"}, {"when": dt.datetime(2020, 1, 1)}, {"x": {1, 2}},
                                   {"x": b"bytes"}, {"x": float("nan")}, {"\x00date": "2020-01-01"}])
def test_values_json_cannot_carry_are_not_kept(value: dict):
    rulecache.put(b"some bytes", value)
    assert rulecache.get(b"some bytes") is None


def test_plain_values_and_dates_round_trip():
    value = {"a": [1, 2.5, True, None, "x"], "since": dt.date(1995, 10, 14), "nested": {"off": False}}
    rulecache.put(b"bytes", value)
    assert rulecache.get(b"bytes") == value


def test_off_and_an_unwritable_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys):
    monkeypatch.setenv(patterns.RULES_CACHE_ENV, "off")
    ruleset.load(store=rulecache)
    assert rulecache.folder() is None
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(patterns.RULES_CACHE_ENV, str(blocker))
    assert fields_of(ruleset.load(store=rulecache)) == fields_of(ruleset.load(store=rulecache))
    assert capsys.readouterr().err == ""  # a speed-up lost is not worth a warning
