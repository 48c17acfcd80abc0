"""bench/corpus_check.py: the snapshot round trip and the per-code comparison (moved, reworded,
added, removed), on invented findings; the run over the shared corpus itself is the script's."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import corpus_check  # noqa: E402
from corpus_check import Finding, compare, message_digest  # noqa: E402


def _f(cable: str, line: int, column: int, code: str, message: str, severity: str = "E") -> Finding:
    return Finding(cable, line, column, code, severity, message_digest(message), message)


def test_unchanged_findings_are_no_change() -> None:
    findings = [_f("c/A", 3, 1, "T001", "unknown tag 'X'"), _f("c/A", 3, 1, "T001", "unknown tag 'X'")]
    change = compare(findings, list(findings))
    assert change == ([], [], [], [])


def test_added_and_removed_are_counted_as_a_multiset() -> None:
    before = [_f("c/A", 3, 1, "T001", "unknown tag 'X'")]
    after = [_f("c/A", 3, 1, "T001", "unknown tag 'X'"), _f("c/A", 3, 1, "T001", "unknown tag 'X'"),
             _f("c/B", 9, 2, "P001", "no marking")]
    change = compare(before, after)
    assert [f.code for f in change.added] == ["T001", "P001"] and change.removed == []
    change = compare(after, before)
    assert sorted(f.code for f in change.removed) == ["P001", "T001"] and change.added == []


def test_a_finding_on_another_line_is_moved_and_one_reworded_in_place_is_reworded() -> None:
    before = [_f("c/A", 3, 1, "S007", "paragraph 3 follows 1"), _f("c/A", 7, 5, "T001", "unknown tag 'X'")]
    after = [_f("c/A", 4, 1, "S007", "paragraph 3 follows 1"), _f("c/A", 7, 5, "T001", "unknown tag 'X'; maybe Y")]
    change = compare(before, after)
    assert change.added == [] and change.removed == []
    assert [(b.line, a.line) for b, a in change.moved] == [(3, 4)]
    assert [a.message for _, a in change.reworded] == ["unknown tag 'X'; maybe Y"]


def test_another_code_at_the_same_place_is_not_a_rewording() -> None:
    before = [_f("c/A", 7, 5, "T001", "unknown tag 'X'")]
    after = [_f("c/A", 7, 5, "T007", "unrecognised tag 'X'")]
    change = compare(before, after)
    assert [f.code for f in change.added] == ["T007"] and [f.code for f in change.removed] == ["T001"]
    assert change.moved == [] and change.reworded == []


def test_snapshot_round_trip_keeps_everything_but_the_message(tmp_path: Path) -> None:
    findings = sorted([_f("cablegate/09X1", 12, 3, "D009", "due", "I"), _f("cablegate/09X1", 2, 1, "S001", "none")])
    path = tmp_path / "snapshot.tsv"
    corpus_check.write_snapshot(path, findings)
    text = path.read_text(encoding="utf-8")
    assert "due" not in text.replace("# ", "")  # only the hash of a message is kept
    assert corpus_check.read_snapshot(path) == [f._replace(message="") for f in findings]


def test_a_damaged_snapshot_row_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "snapshot.tsv"
    path.write_text("# header\ncablegate/A\t1\t1\tS001\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"snapshot.tsv:2: expected 6"):
        corpus_check.read_snapshot(path)


def test_report_counts_per_code(capsys: pytest.CaptureFixture[str]) -> None:
    before = [_f("c/A", 3, 1, "T001", "unknown tag 'X'"), _f("c/A", 5, 1, "T001", "unknown tag 'Z'")]
    after = [_f("c/A", 3, 1, "T001", "unknown tag 'X'"), _f("c/A", 5, 1, "T007", "unrecognised tag 'Z'", "W")]
    lines = corpus_check.CableLines(())
    changed = corpus_check.report(before, after, compare(before, after), lines, examples=2, prefix="")
    out = capsys.readouterr().out.splitlines()
    assert changed == 2
    rows = {line.split()[0]: line.split()[1:] for line in out[1:4]}
    assert rows["T001"] == ["E", "2", "1", "0", "-1", "0", "0"]
    assert rows["T007"] == ["W", "0", "1", "+1", "0", "0", "0"]
    assert any("c/A:5:1 unrecognised tag 'Z'" in line for line in out)
    assert "  1 at the same place: T001 -> T007" in out
