"""Severity from evidence: the measured precision file, the bound it puts on each default severity,
and preview rules (off by default; on with --preview, the `preview` config key, a --select of the
full code, or a rule set that sets the rule's severity)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Mapping, Optional

import pytest

from cablelint.checks import all_rules
from cablelint.policy import precision, ruleset
from cablelint.policy.precision import Measure, PrecisionFileError, allowed, too_strict
from cablelint.policy.rulesetmodel import RuleSet, Settings
from cablelint.run.engine import lint_bytes
from clirun import run_main

HEADER = "code\tjudged\ttp\tfp\tart\tprecision\n"


# ------------------------------------------------------------------ the table

@pytest.mark.parametrize("measured, limit", [
    (1.0, "error"), (0.95, "error"), (0.9499, "warning"), (0.90, "warning"), (0.8999, "info"), (0.80, "info"),
    (0.7999, "preview"), (0.0, "preview"), (None, None)])
def test_the_severity_each_precision_allows(measured: Optional[float], limit: Optional[str]) -> None:
    assert allowed(measured) == limit


@pytest.mark.parametrize("default, measure, wrong", [
    ("error", Measure(20, 19, 1, 0), False),      # 95.0%
    ("error", Measure(20, 18, 1, 1), True),       # 90.0%: a warning at most
    ("warning", Measure(20, 18, 1, 1), False),
    ("warning", Measure(10, 8, 2, 0), True),      # 80.0%: info at most
    ("info", Measure(10, 7, 1, 2), True),         # 70.0%: preview
    ("preview", Measure(10, 7, 1, 2), False),
    ("off", Measure(10, 0, 10, 0), False),
    ("error", Measure(0, 0, 0, 0), False),        # not measured: no bound yet
])
def test_a_default_stricter_than_its_evidence_is_named(default: str, measure: Measure, wrong: bool) -> None:
    problem = too_strict(default, measure)
    assert bool(problem) == wrong
    if wrong:
        assert default in problem and measure.describe() in problem


# ------------------------------------------------------------------ the file

def _write(tmp_path: Path, rows: str) -> Path:
    path = tmp_path / "precision.tsv"
    path.write_text("# comment\n" + HEADER + rows, encoding="utf-8")
    return path


def test_the_file_reads_counts_and_not_measured(tmp_path: Path) -> None:
    path = _write(tmp_path, "T001\t24\t23\t1\t0\t95.8%\nT007\t-\t-\t-\t-\tnot measured\n")
    measures = precision.load(path)
    assert measures["T001"] == Measure(24, 23, 1, 0) and measures["T001"].describe() == "95.8% of 24"
    assert measures["T007"].precision is None and measures["T007"].describe() == "not measured"


@pytest.mark.parametrize("rows, line, message", [
    ("T001\t24\t23\t1\t0\t90.0%\n", 3, "disagrees with the counts"),
    ("T001\t24\t22\t1\t0\t91.7%\n", 3, "judged must be tp"),
    ("T001\t24\t23\t1\n", 3, "expected 6 tab-separated fields"),
    ("T001\tmany\t23\t1\t0\t95.8%\n", 3, "whole numbers"),
    ("T007\t-\t-\t-\t-\tnot measured\nT007\t-\t-\t-\t-\tnot measured\n", 4, "listed twice"),
])
def test_a_damaged_file_is_refused_with_its_line(tmp_path: Path, rows: str, line: int, message: str) -> None:
    path = _write(tmp_path, rows)
    with pytest.raises(PrecisionFileError, match=rf"precision.tsv:{line}: .*{message}"):
        precision.load(path)


def test_a_file_without_the_header_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "precision.tsv"
    path.write_text("T001\t-\t-\t-\t-\tnot measured\n", encoding="utf-8")
    with pytest.raises(PrecisionFileError, match="precision.tsv:1: expected the header"):
        precision.load(path)


def test_the_bundled_file_lists_every_rule_once() -> None:
    measures = precision.load()
    assert sorted(measures) == sorted(spec.code for spec in all_rules())


# ------------------------------------------------------------------ the defaults against the evidence

def _status(rules: RuleSet, code: str, default: str) -> str:
    severity = rules.severity(code, default)
    return "preview" if code in rules.preview and severity != "off" else severity


def _too_strict(rules: RuleSet, measures: Mapping[str, Measure]) -> list[str]:
    """Each default of `rules` stricter than `measures` allows. The release gate's rules are left
    out: they run only under --release, where they are errors whatever the table says."""
    problems = []
    for spec in all_rules():
        if spec.release_only:
            continue
        problem = too_strict(_status(rules, spec.code, spec.severity), measures.get(spec.code))
        if problem:
            problems.append(f"{spec.code}: {problem}")
    return problems


def test_no_default_severity_is_stricter_than_its_measured_precision() -> None:
    problems = _too_strict(ruleset.load(), precision.load())
    assert not problems, "rules/default.yaml sets severities the measured precision does not allow:\n" + \
        "\n".join(problems)


def test_the_bound_catches_a_default_above_its_evidence() -> None:
    """The check above, fed invented measures: T001 (an error) judged right 17 times in 20."""
    measures = {"T001": Measure(20, 17, 2, 1), "T007": Measure(20, 20, 0, 0)}
    assert [p.split(":")[0] for p in _too_strict(ruleset.load(), measures)] == ["T001"]


def test_a_demoted_default_meets_its_evidence(tmp_path: Path) -> None:
    demoted = tmp_path / "demoted.yaml"
    demoted.write_text("rules:\n  T001: {severity: info, preview: true}\n", encoding="utf-8")
    measures = {"T001": Measure(20, 15, 5, 0)}  # 75%: preview
    assert _too_strict(ruleset.load(), measures) != []
    assert _too_strict(ruleset.load([demoted]), measures) == []


# ------------------------------------------------------------------ preview rules

CABLE = b"""UNCLAS MARLOWE 000598

E.O. 12958: N/A
TAGS: ECON ETRD IT
SUBJECT: PORT TARIFF SCHEDULE PUBLISHED

1. The port authority published its new tariff schedule.

3. Ships pay the old tariff until June.
"""


def _rule_file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def preview_s007(tmp_path: Path) -> Path:
    return _rule_file(tmp_path, "preview.yaml", "rules:\n  S007: {severity: info, preview: true}\n")


def _found(extra, preview: bool = False, select: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    settings = Settings(ruleset=ruleset.load(extra), as_of=dt.date(2026, 12, 1), date=dt.date(2009, 7, 2),
                        preview=preview, select=select)
    result = lint_bytes("c.txt", CABLE, settings)
    assert not result.errors
    return [(d.code, d.severity) for d in result.diagnostics if d.code == "S007"]


def test_a_preview_rule_is_off_by_default(preview_s007: Path) -> None:
    assert _found([]) == [("S007", "info")]  # the bundled default (measured 80-90%)
    assert _found([preview_s007]) == []
    assert _found([preview_s007], select=("S",)) == []  # a prefix does not opt in


def test_a_preview_rule_runs_with_preview_or_its_full_code(preview_s007: Path) -> None:
    assert _found([preview_s007], preview=True) == [("S007", "info")]
    assert _found([preview_s007], select=("S007",)) == [("S007", "info")]


def test_a_later_rule_set_turns_a_preview_rule_on_by_code(preview_s007: Path, tmp_path: Path) -> None:
    on = _rule_file(tmp_path, "on.yaml", "rules:\n  S007: warning\n")
    assert _found([preview_s007, on]) == [("S007", "warning")]
    kept = _rule_file(tmp_path, "kept.yaml", "rules:\n  S007: {preview: false}\n")
    assert _found([preview_s007, kept]) == [("S007", "info")]
    off = _rule_file(tmp_path, "off.yaml", "rules:\n  S007: off\n")
    assert _found([preview_s007, off], preview=True) == []


def test_preview_must_be_true_or_false(tmp_path: Path) -> None:
    bad = _rule_file(tmp_path, "bad.yaml", "rules:\n  S007:\n    preview: sometimes\n")
    with pytest.raises(ruleset.RuleFileError, match=r"bad.yaml:3:\d+: expected true or false"):
        ruleset.load([bad])


def test_command_line_and_config_key(preview_s007: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.chdir(tmp_path)
    cable = tmp_path / "c.txt"
    cable.write_bytes(CABLE)
    base = ["--no-cache", "--as-of", "2026-12-01", "--date", "2009-07-02", "--select", "S", "--rules",
            str(preview_s007), str(cable)]
    assert run_main(*base)[1] == ""
    status, out, _ = run_main("--preview", *base)
    assert "S007 [info]" in out and status == 0
    (tmp_path / ".cablelint.yaml").write_text("preview: true\n", encoding="utf-8")
    assert "S007 [info]" in run_main(*base)[1]
    (tmp_path / ".cablelint.yaml").write_text("preview: maybe\n", encoding="utf-8")
    status, _, err = run_main(*base)
    assert status == 2 and ".cablelint.yaml:1:" in err


def test_rules_lists_preview_rules_and_measured_precision(preview_s007: Path) -> None:
    status, out, _ = run_main("rules", "--rules", str(preview_s007))
    assert status == 0
    rows = {line.split()[0]: line for line in out.splitlines()}
    measured = precision.load()
    assert rows["S007"].split()[2] == "preview" and measured["S007"].describe() in rows["S007"]
    assert "(preview: info with --preview or --select S007)" in rows["S007"]
    assert rows["A002"].split()[2] == "warning" and measured["A002"].describe() in rows["A002"]


def test_explain_shows_the_measured_precision() -> None:
    status, out, _ = run_main("explain", "T007")
    measured = precision.load()["T007"]
    assert status == 0 and f"Measured precision: {measured.describe()}" in out



def test_every_bundled_data_file_is_shipped_in_the_wheel() -> None:
    """precision.tsv is not YAML: the wheel's package data must name it too."""
    import fnmatch
    import sys

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        tomllib = pytest.importorskip("tomli")
    root = Path(__file__).resolve().parents[1]
    setuptools = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]
    globs = setuptools["package-data"]["cablelint.rules"]
    unshipped = [p.name for p in (root / "rules").iterdir() if not any(fnmatch.fnmatch(p.name, g) for g in globs)]
    assert unshipped == []
