"""Replay of an unchanged run (replay.py): the same command over nothing changed prints what it
printed, without linting; any change to what the output depends on means a normal run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cablelint.cache import LAYOUT, cache_top, replay
from cablelint.cli import lintcommand
from clirun import run_main
from invented import write_cables

AS_OF = "2024-01-01"


run = run_main


@pytest.fixture
def later(monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs start 10 s from now, so the files a test has just written are not "racily" new."""
    monkeypatch.setattr(replay, "_clock", lambda: time.time_ns() + 10_000_000_000)


@pytest.fixture
def cables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write_cables(tmp_path / "cables", 12)
    return Path("cables")


@pytest.fixture
def linted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the runs that really lint (a replay does not)."""
    calls: list[int] = []
    real = lintcommand._lint
    monkeypatch.setattr(lintcommand, "_lint", lambda *a, **k: calls.append(1) or real(*a, **k))
    return calls


def records() -> list[Path]:
    return sorted((Path(cache_top()) / LAYOUT / "runs").glob("*.json"))


def test_an_unchanged_run_is_replayed_without_linting(cables: Path, later, linted: list[int]):
    first = run("--as-of", AS_OF, "--statistics", str(cables))
    assert first[0] == 1 and first[1].count("\n") > 12 and len(records()) == 1
    assert run("--as-of", AS_OF, "--statistics", str(cables)) == first
    assert linted == [1]


def test_a_changed_file_is_linted_again(cables: Path, later, linted: list[int]):
    before = run("--as-of", AS_OF, "--format", "json", str(cables))
    target = cables / "a" / "cable003.txt"
    target.write_text(target.read_text().replace("TAGS: ", "TAGS: PREL NOTATAG "), encoding="utf-8")
    after = run("--as-of", AS_OF, "--format", "json", str(cables))
    assert linted == [1, 1] and after != before
    assert any(d["path"].endswith("cable003.txt") and "NOTATAG" in d["message"] for d in json.loads(after[1]))


def test_a_new_or_removed_file_is_noticed(cables: Path, later, linted: list[int]):
    before = run("--as-of", AS_OF, "--format", "json", str(cables))
    extra = cables / "a" / "zz-new.txt"
    extra.write_text((cables / "a" / "cable003.txt").read_text(), encoding="utf-8")
    with_new = run("--as-of", AS_OF, "--format", "json", str(cables))
    assert any(d["path"] == str(extra) for d in json.loads(with_new[1]))
    extra.unlink()
    assert run("--as-of", AS_OF, "--format", "json", str(cables)) == before
    assert linted == [1, 1, 1]


def test_a_new_config_file_is_noticed(cables: Path, later, linted: list[int]):
    run("--as-of", AS_OF, "--format", "json", str(cables))
    Path(".cablelint.yaml").write_text("ignore: [T]\n", encoding="utf-8")
    status, out, _err = run("--as-of", AS_OF, "--format", "json", str(cables))
    assert linted == [1, 1] and not any(d["code"].startswith("T") for d in json.loads(out))


def test_a_changed_rule_file_is_noticed(cables: Path, tmp_path: Path, later, linted: list[int]):
    rules = tmp_path / "extra.yaml"
    rules.write_text("rules:\n  T002: warning\n", encoding="utf-8")
    run("--as-of", AS_OF, "--rules", str(rules), str(cables))
    rules.write_text("rules:\n  T002: off\n", encoding="utf-8")
    _status, out, _err = run("--as-of", AS_OF, "--rules", str(rules), str(cables))
    assert linted == [1, 1] and "T002" not in out


def test_another_day_or_command_line_is_a_normal_run(cables: Path, later, linted: list[int],
                                                     monkeypatch: pytest.MonkeyPatch):
    run(str(cables))  # --as-of defaults to today
    run("--format", "json", str(cables))
    monkeypatch.setattr(replay.time, "strftime", lambda _format: "2099-01-01")
    run(str(cables))
    assert linted == [1, 1, 1]


def test_files_changed_just_before_the_run_are_not_recorded(cables: Path, linted: list[int]):
    """Without the moved clock the cables are seconds old: a change in the same clock tick could
    keep their times, so the run must not be replayed."""
    run("--as-of", AS_OF, str(cables))
    run("--as-of", AS_OF, str(cables))
    assert linted == [1, 1] and records() == []


@pytest.mark.parametrize("option", [["--no-cache"], ["--output-file", "out.json"], ["--diff"]])
def test_runs_that_write_or_skip_the_cache_are_not_recorded(cables: Path, later, option: list[str]):
    run("--as-of", AS_OF, *option, str(cables))
    assert records() == []


def test_a_run_with_an_internal_error_is_not_recorded(cables: Path, later, monkeypatch: pytest.MonkeyPatch):
    from cablelint import checks as registry

    rules = tuple(r._replace(check=lambda ctx, options: 1 / 0) if r.code == "T001" else r
                  for r in registry.all_rules())
    monkeypatch.setattr("cablelint.run.engine.all_rules", lambda: rules)
    assert run("--as-of", AS_OF, "--no-cache", str(cables))[0] == 2
    assert run("--as-of", AS_OF, str(cables))[0] == 2
    assert records() == []


def test_a_damaged_record_means_a_normal_run(cables: Path, later, linted: list[int]):
    first = run("--as-of", AS_OF, str(cables))
    for damage in (b"{not json", json.dumps({"key": None}).encode(), b"[]"):
        records()[0].write_bytes(damage)
        assert run("--as-of", AS_OF, str(cables)) == first
    assert len(linted) == 4


def test_messages_on_standard_error_are_replayed(cables: Path, later, linted: list[int]):
    pipe = cables.parent / "pipe.txt"
    os.mkfifo(pipe)
    first = run("--as-of", AS_OF, str(cables), str(pipe))
    assert "pipe.txt: not a regular file" in first[2]
    assert run("--as-of", AS_OF, str(cables), str(pipe)) == first and len(linted) == 1


def test_a_run_naming_a_path_that_does_not_exist_ends_in_status_2_and_is_not_recorded(cables: Path, later):
    first = run("--as-of", AS_OF, str(cables), "missing.txt")
    assert first[0] == 2 and "missing.txt: no such file or directory" in first[2]
    assert records() == []


def test_the_command_replays_with_the_same_output_and_status(tmp_path: Path):
    """Whole processes; the cables are dated back so the first run may be recorded."""
    folder = tmp_path / "cables"
    files = write_cables(folder, 6)
    os.utime(folder, (time.time() - 60, time.time() - 60))
    env = {**os.environ, "CABLELINT_CACHE_DIR": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "cablelint.cli", "--as-of", AS_OF, str(folder)]
    time.sleep(replay.RACY_SECONDS + 0.1)  # the files' change times are now safely in the past
    first = subprocess.run(command, capture_output=True, env=env)
    second = subprocess.run(command, capture_output=True, env=env)
    assert (second.returncode, second.stdout, second.stderr) == (first.returncode, first.stdout, first.stderr)
    assert first.returncode == 1 and first.stdout and len(list((tmp_path / "cache").rglob("runs/*.json"))) == 1
    files[0].write_text(files[0].read_text() + "\nMORE TEXT\n", encoding="utf-8")
    third = subprocess.run(command, capture_output=True, env=env)
    assert third.returncode == 1 and third.stdout.count(b"\n") >= first.stdout.count(b"\n")


def test_only_the_latest_records_are_kept(cables: Path, later, linted: list[int], monkeypatch: pytest.MonkeyPatch):
    """pre-commit passes other files on every commit: records must not pile up."""
    monkeypatch.setattr(replay, "MAX_RECORDS", 3)
    files = sorted(str(p) for p in cables.rglob("*.txt"))
    for index in range(5):
        run("--as-of", AS_OF, files[index])
        time.sleep(0.01)  # distinct write times
    assert len(records()) == 3 and len(linted) == 5
    run("--as-of", AS_OF, files[4])
    assert len(linted) == 5  # the latest is replayed
    run("--as-of", AS_OF, files[0])
    assert len(linted) == 6  # the oldest was removed


def test_a_run_of_too_many_files_keeps_no_copy_of_its_output(cables: Path, later, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(lintcommand, "MAX_REPLAYED_FILES", 5)
    kept: list[replay.Recorder] = []
    real = replay.Recorder.save
    monkeypatch.setattr(replay.Recorder, "save", lambda self, status: kept.append(self) or real(self, status))
    status, out, _err = run("--as-of", AS_OF, str(cables))
    assert status == 1 and out and records() == []
    assert kept and kept[0].stdout.text() == "" and kept[0].stdout.overflow


def test_replay_can_be_switched_off(cables: Path, later, linted: list[int], monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(replay.SWITCH, "off")
    run("--as-of", AS_OF, str(cables))
    run("--as-of", AS_OF, str(cables))
    assert linted == [1, 1] and records() == []
