"""Baselines: --write-baseline records today's findings, --baseline reports only new ones, and
fingerprints survive lines moving. The corpus test is the issue's measure: a baseline of the
904 cables makes a rerun silent, and one injected defect is then reported alone."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cablelint.checks.diagnostics import Diagnostic
from cablelint.cli import main
from cablelint.fix.baseline import fingerprints, load, normalise
from corpus import CABLEGATE, need

ROOT = Path(__file__).resolve().parents[1]
FAULTY = ROOT / "examples" / "faulty-telegram.txt"
ARGS = ["--as-of", "2026-11-27"]


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def lint_json(capsys, *args: str) -> tuple[int, list[dict], str]:
    status = main([*ARGS, "--format", "json", *args])
    captured = capsys.readouterr()
    return status, json.loads(captured.out) if captured.out.strip() else [], captured.err


def diag(line: int, code: str = "P001", message: str = "m") -> Diagnostic:
    return Diagnostic("a.txt", line, 1, code, line, 2, "n", "error", message)


# ------------------------------------------------------------------ fingerprints

def test_fingerprints_follow_the_text_not_the_line_number():
    lines = ["HEADER", "2. Text of a paragraph", "3. Another"]
    shifted = ["NEW LINE", *lines]
    before = fingerprints([diag(2), diag(3)], "a.txt", lines)
    after = fingerprints([diag(3), diag(4)], "a.txt", shifted)
    assert before == after and len(set(before)) == 2


def test_fingerprints_tell_apart_code_file_and_repeats():
    lines = ["same", "same"]
    one = fingerprints([diag(1), diag(2)], "a.txt", lines)
    assert one[0] != one[1]  # the occurrence index separates identical lines
    assert fingerprints([diag(1, "P002")], "a.txt", lines)[0] != one[0]
    assert fingerprints([diag(1)], "b.txt", lines)[0] != one[0]


def test_whitespace_changes_keep_a_fingerprint_and_text_changes_do_not():
    assert normalise("  2.  (C)\tText ") == "2. (C) Text"
    base = fingerprints([diag(1)], "a.txt", ["2. (C) Text"])
    assert fingerprints([diag(1)], "a.txt", ["2.  (C) Text   "]) == base
    assert fingerprints([diag(1)], "a.txt", ["2. (S) Text"]) != base


def test_without_lines_the_message_anchors_the_fingerprint():
    assert fingerprints([diag(1, message="x")], "-", None) != fingerprints([diag(1, message="y")], "-", None)


# ------------------------------------------------------------------ the command line

def test_write_then_use_a_baseline(tmp_path, capsys, monkeypatch):
    cable = tmp_path / "cable.txt"
    shutil.copy(FAULTY, cable)
    monkeypatch.chdir(tmp_path)
    status, found, _ = lint_json(capsys, "cable.txt")
    assert status == 1 and len(found) == 11

    status, reported, err = lint_json(capsys, "--write-baseline", "baseline.json", "cable.txt")
    assert status == 0 and reported == [] and "recorded 11 findings in 1 files" in err
    document = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))
    assert document["version"] == 1 and len(document["findings"]) == 11
    assert {entry["path"] for entry in document["findings"]} == {"cable.txt"}
    assert not list(tmp_path.glob(".baseline.json.*"))  # no temporary file left behind

    status, reported, _ = lint_json(capsys, "--baseline", "baseline.json", "cable.txt")
    assert status == 0 and reported == []

    lines = cable.read_text(encoding="utf-8").split("\n")
    lines.insert(1, "")                                           # every finding moves down a line
    lines.append("6. Action request: a new unmarked paragraph.")  # and one new defect
    cable.write_text("\n".join(lines), encoding="utf-8")
    status, reported, _ = lint_json(capsys, "--baseline", "baseline.json", "cable.txt")
    assert status == 1 and [(d["code"], d["line"]) for d in reported] == [("P001", len(lines))]


def test_baseline_paths_are_relative_to_the_baseline_file(tmp_path, capsys, monkeypatch):
    (tmp_path / "cables").mkdir()
    shutil.copy(FAULTY, tmp_path / "cables" / "c.txt")
    monkeypatch.chdir(tmp_path)
    lint_json(capsys, "--write-baseline", "baseline.json", "cables")
    monkeypatch.chdir(tmp_path / "cables")  # another working directory, other paths on the command line
    status, reported, _ = lint_json(capsys, "--baseline", "../baseline.json", "c.txt")
    assert status == 0 and reported == []


def test_baseline_from_the_config_file(tmp_path, capsys, monkeypatch):
    shutil.copy(FAULTY, tmp_path / "c.txt")
    monkeypatch.chdir(tmp_path)
    lint_json(capsys, "--write-baseline", "old-findings.json", "c.txt")
    (tmp_path / ".cablelint.yaml").write_text("baseline: old-findings.json\n", encoding="utf-8")
    status, reported, _ = lint_json(capsys, "c.txt")
    assert status == 0 and reported == []


@pytest.mark.parametrize("content, where, words", [
    ('{"version": 1, "findings": [\n  {"fingerprint": 3}\n]}', "1:1", "finding 1 has no \"fingerprint\""),
    ('{"version": 1,\n "findings": [}', "2:15", "not a JSON baseline"),
    ('[1, 2]', "1:1", "not a cablelint baseline"),
    ('{"version": 7, "findings": []}', "1:1", "not a cablelint baseline"),
])
def test_a_broken_baseline_stops_the_run(tmp_path, capsys, content, where, words):
    path = tmp_path / "b.json"
    path.write_text(content, encoding="utf-8")
    status, _, err = lint_json(capsys, "--baseline", str(path), str(FAULTY))
    assert status == 2 and err.startswith(f"cablelint: {path}:{where}: ") and words in err, err
    status, _, err = lint_json(capsys, "--baseline", str(tmp_path / "absent.json"), str(FAULTY))
    assert status == 2 and "cannot read the baseline" in err


def test_load_reads_what_was_written(tmp_path, capsys):
    main([*ARGS, "--write-baseline", str(tmp_path / "b.json"), str(FAULTY)])
    capsys.readouterr()
    assert len(load(tmp_path / "b.json").known) == 11


# ------------------------------------------------------------------ the corpus: the measure

def _utf8_lines(path: Path):
    try:
        return path.read_text(encoding="utf-8").split("\n")
    except UnicodeDecodeError:
        return None


def test_corpus_baseline_silences_a_rerun_and_reports_one_injected_defect(tmp_path, capsys, monkeypatch):
    corpus = tmp_path / "corpus"
    shutil.copytree(need(CABLEGATE), corpus, ignore=shutil.ignore_patterns("*.json"))
    monkeypatch.chdir(tmp_path)
    status, reported, err = lint_json(capsys, "--write-baseline", "baseline.json", "corpus")
    assert status == 0 and reported == []
    recorded = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))["findings"]
    assert len(recorded) > 500, err

    status, reported, _ = lint_json(capsys, "--baseline", "baseline.json", "corpus")
    assert (status, reported) == (0, [])

    # the defect: a CONFIDENTIAL paragraph marked (S), on a line that had no finding before
    main(["parse", "--format", "json", "corpus"])
    cables = json.loads(capsys.readouterr().out)
    flagged = {(entry["path"], entry["line"]) for entry in recorded}
    target = None
    for cable in cables:
        lines = _utf8_lines(Path(cable["path"]))
        if cable["classification"] != "CONFIDENTIAL" or lines is None:
            continue
        for paragraph in cable["paragraphs"]:
            line = paragraph["line"]
            if (paragraph["marking"] == "C" and (cable["path"], line) not in flagged
                    and lines[line - 1].count("(C)") == 1):
                target = (Path(cable["path"]), line, lines)
                break
        if target:
            break
    assert target is not None
    path, line, lines = target
    lines[line - 1] = lines[line - 1].replace("(C)", "(S)")
    path.write_text("\n".join(lines), encoding="utf-8")

    # and a line shift: a blank line near the top of 150 other cables that have findings
    shifted = 0
    for other in sorted({Path(entry["path"]) for entry in recorded} - {path})[:150]:
        other_lines = _utf8_lines(other)
        if other_lines is not None:
            other.write_text("\n".join(other_lines[:1] + [""] + other_lines[1:]), encoding="utf-8")
            shifted += 1
    assert shifted > 100

    status, reported, _ = lint_json(capsys, "--baseline", "baseline.json", "corpus")
    assert status == 1
    assert [(d["path"], d["line"], d["code"]) for d in reported] == [(str(path), line, "P003")]
