"""--jobs: worker processes give the same bytes, in the same order, as one process; results are
streamed with a bounded number in flight."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import threading
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from cablelint.cli import main
from cablelint.run import runner
from invented import write_cables

AS_OF = "2024-01-01"


def lint(*args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main(["--as-of", AS_OF, *args])
    assert err.getvalue() == ""
    return status, out.getvalue()


@pytest.fixture
def cables(tmp_path: Path) -> Path:
    write_cables(tmp_path, 48)
    return tmp_path


@pytest.fixture
def pool_used(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the worker pool was started (proves --jobs 2 really ran in parallel)."""
    calls: list[int] = []
    real = runner._parallel

    def spy(files, linter, workers, factory):
        calls.append(workers)
        yield from real(files, linter, workers, factory)

    monkeypatch.setattr(runner, "_parallel", spy)
    return calls


@pytest.mark.parametrize("output", ["json", "text"])
def test_two_workers_give_the_same_bytes_as_one(cables: Path, output: str, pool_used: list[int]):
    status_one, one = lint("--no-cache", "--jobs", "1", "--format", output, str(cables))
    assert pool_used == []
    status_two, two = lint("--no-cache", "--jobs", "2", "--format", output, str(cables))
    assert pool_used == [2]
    assert (status_two, two) == (status_one, one)
    assert one.count("\n") > 200  # the cables draw many diagnostics, so the comparison means something


def test_order_is_the_files_order_and_stable(cables: Path):
    _status, first = lint("--no-cache", "--jobs", "2", "--format", "json", str(cables))
    paths = [record["path"] for record in json.loads(first)]
    assert paths == sorted(paths)  # discovery's order: sorted paths, each file's diagnostics together
    assert len(set(paths)) == 48
    for _ in range(3):
        assert lint("--no-cache", "--jobs", "2", "--format", "json", str(cables))[1] == first


def test_workers_with_the_cache_cold_then_warm_give_the_same_bytes(cables: Path, pool_used: list[int]):
    _status, plain = lint("--no-cache", "--jobs", "1", "--format", "json", str(cables))
    assert lint("--jobs", "2", "--format", "json", str(cables))[1] == plain  # cold: workers fill it
    assert pool_used == [2]
    assert lint("--jobs", "2", "--format", "json", str(cables))[1] == plain  # warm: read back here
    assert pool_used == [2]  # everything was cached: no pool the second time


def _feed(window: runner._Window, items: list[str], fed: list[str]) -> threading.Thread:
    def take() -> None:
        for item in window.feed(items):
            fed.append(item)

    feeder = threading.Thread(target=take, daemon=True)
    feeder.start()
    return feeder


def test_the_feeder_waits_for_the_caller():
    window = runner._Window(2)
    fed: list[str] = []
    feeder = _feed(window, ["a", "b", "c", "d"], fed)
    feeder.join(0.3)
    assert feeder.is_alive() and fed == ["a", "b"]  # two in flight, the third waits for a release
    window.release()
    window.release()
    feeder.join(5)
    assert not feeder.is_alive() and fed == ["a", "b", "c", "d"]


def test_a_stopped_window_lets_the_feeder_finish():
    window = runner._Window(1)
    fed: list[str] = []
    feeder = _feed(window, ["a", "b", "c"], fed)
    window.stop()
    feeder.join(5)
    assert not feeder.is_alive()
    assert fed in ([], ["a"])  # nothing is fed after stop()


def test_a_caller_that_stops_early_does_not_hang_the_pool(cables: Path):
    """The pool must shut down when the consumer goes away (a closed pipe, `| head`)."""
    program = (
        "import datetime, sys\n"
        "from cablelint.policy import ruleset\nfrom cablelint.run import runner\n"
        "from cablelint.policy.rulesetmodel import Settings\n"
        "from cablelint.run.discovery import discover\n"
        "settings = Settings(ruleset=ruleset.load(()), as_of=datetime.date(2024, 1, 1))\n"
        "results = runner.run(discover([sys.argv[1]]).files, settings, 2)\n"
        "first = next(results)\n"
        "results.close()\n"
        "print(first.path)\n")
    done = subprocess.run([sys.executable, "-c", program, str(cables)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("cable001.txt")


def test_a_pipe_closed_early_ends_the_run_quietly(cables: Path):
    command = [sys.executable, "-m", "cablelint.cli", "--no-cache", "--as-of", AS_OF, "--jobs", "2", str(cables)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None
    process.stdout.readline()
    process.stdout.close()  # like `cablelint ... | head -1`
    _out, err = process.communicate(timeout=120)
    assert b"Traceback" not in err


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_command_exits_quickly_with_all_its_output_and_status(cables: Path, jobs: str):
    """The `cablelint` command ends with os._exit once the output is flushed (cli.entry): piped
    output must still be complete, the status kept, and no worker left behind."""
    status, expected = lint("--no-cache", "--jobs", "1", str(cables))
    command = [sys.executable, "-m", "cablelint.cli", "--no-cache", "--as-of", AS_OF, "--jobs", jobs, str(cables)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout, done.stderr) == (status, expected, "")
    assert status == 1 and expected.count("\n") > 200
    assert subprocess.run([sys.executable, "-m", "cablelint.cli", "missing.txt"], capture_output=True).returncode == 2


def test_the_orderly_exit_is_kept_while_a_thread_or_child_still_runs():
    from cablelint import cli

    alone = [sys.executable, "-c", "from cablelint import cli; print(cli._orderly_exit_needed())"]
    assert subprocess.run(alone, capture_output=True, text=True).stdout.strip() == "False"
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert cli._orderly_exit_needed()
    finally:
        stop.set()
        thread.join()


def test_without_fork_a_pool_of_new_interpreters_gives_the_same_bytes(cables: Path, monkeypatch: pytest.MonkeyPatch):
    """Where the system cannot fork, workers are new interpreters that build their own settings."""
    status_one, one = lint("--no-cache", "--jobs", "1", "--format", "json", str(cables))
    monkeypatch.setattr(runner, "_fork_available", lambda: False)
    started: list[int] = []
    real = runner._pooled
    monkeypatch.setattr(runner, "_pooled", lambda *a: started.append(1) or real(*a))
    assert lint("--no-cache", "--jobs", "2", "--format", "json", str(cables)) == (status_one, one)
    assert started == [1]
