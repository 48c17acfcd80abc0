"""Forked workers (forkrun.py): results in order, balanced chunks, a lost worker reported, no
worker left behind when the caller stops early."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from cablelint.run import forkrun

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


@pytest.fixture
def files(tmp_path: Path) -> list[str]:
    paths = []
    for index in range(61):  # uneven sizes, a chunk count that does not divide evenly
        path = tmp_path / f"f{index:02d}.txt"
        path.write_text("x" * (index * 37 % 500))
        paths.append(str(path))
    return paths


@pytest.fixture
def forked(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The workers' process ids."""
    pids: list[int] = []
    real = os.fork

    def fork() -> int:
        pid = real()
        if pid:
            pids.append(pid)
        return pid

    monkeypatch.setattr(forkrun.os, "fork", fork)
    return pids


def reaped(pids: list[int]) -> bool:
    """Every one of `pids` has ended and been waited for (none is left running or a zombie)."""
    for pid in pids:
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            continue
        return False
    return bool(pids)


@pytest.mark.parametrize("workers", [1, 2, 3, 20])
def test_results_come_back_in_the_files_order(files: list[str], workers: int, forked: list[int]):
    got = list(forkrun.run_forked(files, lambda path: (os.path.basename(path), os.getpid()), workers))
    assert [name for name, _pid in got] == [os.path.basename(f) for f in files]
    assert os.getpid() not in {pid for _name, pid in got}  # the work was done elsewhere
    assert {pid for _name, pid in got} <= set(forked)  # (a fast worker may take every chunk)
    assert len(forked) == min(workers, -(-len(files) // forkrun.CHUNK_FILES))
    assert reaped(forked)


def test_workers_take_chunks_as_they_become_free(tmp_path: Path, forked: list[int]):
    """One slow chunk does not hold up the others: the free worker takes every other chunk."""
    files = [str(tmp_path / f"f{index:03d}") for index in range(forkrun.CHUNK_FILES * 6)]

    def lint_one(path: str) -> int:
        if path.endswith("f000"):
            time.sleep(0.5)
        return os.getpid()

    pids = list(forkrun.run_forked(files, lint_one, 2))
    slow = pids[0]
    assert pids[:forkrun.CHUNK_FILES] == [slow] * forkrun.CHUNK_FILES
    assert all(pid != slow for pid in pids[forkrun.CHUNK_FILES:])  # the other worker did the rest
    assert reaped(forked)


def test_the_workers_run_at_most_a_few_chunks_ahead(tmp_path: Path):
    """A caller that stops reading holds the workers back: memory stays bounded."""
    files = [str(tmp_path / f"f{index:04d}") for index in range(forkrun.CHUNK_FILES * 200)]
    done = tmp_path / "done"
    done.mkdir()

    def lint_one(path: str) -> str:
        (done / os.path.basename(path)).touch()
        return path

    results = forkrun.run_forked(files, lint_one, 2)
    next(results)
    time.sleep(0.5)
    linted = len(list(done.iterdir()))
    results.close()
    assert linted <= (forkrun.AHEAD_PER_WORKER * 2 + 1) * forkrun.CHUNK_FILES


def test_a_worker_that_dies_is_reported(files: list[str], forked: list[int]):
    def lint_one(path: str) -> str:
        if path.endswith("f17.txt"):
            os._exit(3)
        return path

    results = forkrun.run_forked(files, lint_one, 2)
    with pytest.raises(forkrun.WorkerLost,
                       match=r"a worker process ended while .*f\d\d.txt \(and 7 more files\) waited"):
        list(results)
    assert reaped(forked)


def test_a_worker_that_raises_says_so_and_is_reported(files: list[str], capfd: pytest.CaptureFixture):
    def lint_one(path: str) -> str:
        if path.endswith("f03.txt"):
            raise MemoryError("out of memory")
        return path

    with pytest.raises(forkrun.WorkerLost):
        list(forkrun.run_forked(files, lint_one, 2))
    assert "worker process failed: MemoryError: out of memory" in capfd.readouterr().err


class _SlowToSay(Exception):
    def __str__(self) -> str:
        time.sleep(0.5)  # (the worker's result pipe must still be open while it says why it failed)
        return "slow to say"


def test_a_worker_that_raises_says_why_before_the_parent_stops_it(files: list[str], capfd: pytest.CaptureFixture):
    # (its result pipe closed first, the parent took the worker for gone and stopped it mid-sentence)
    def lint_one(path: str) -> str:
        if path.endswith("f03.txt"):
            raise _SlowToSay()
        return path

    with pytest.raises(forkrun.WorkerLost):
        list(forkrun.run_forked(files, lint_one, 2))
    assert "worker process failed: _SlowToSay: slow to say" in capfd.readouterr().err


def test_a_caller_that_stops_early_leaves_no_worker_behind(files: list[str], forked: list[int]):
    def slow(path: str) -> str:
        time.sleep(0.02)
        return path

    results = forkrun.run_forked(files, slow, 2)
    assert [next(results) for _ in range(3)] == files[:3]
    started = time.monotonic()
    results.close()
    assert reaped(forked) and time.monotonic() - started < 5


def test_no_files_start_no_worker(forked: list[int]):
    assert list(forkrun.run_forked([], lambda path: path, 4)) == [] and forked == []


def test_a_fork_that_fails_leaves_no_descriptor_or_worker_behind(files: list[str], monkeypatch: pytest.MonkeyPatch):
    started: list[int] = []
    real = os.fork

    def fork_once() -> int:
        if started:
            raise BlockingIOError(11, "Resource temporarily unavailable")
        pid = real()
        if pid:
            started.append(pid)
        return pid

    before = len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else None
    monkeypatch.setattr(forkrun.os, "fork", fork_once)
    with pytest.raises(BlockingIOError):
        list(forkrun.run_forked(files, lambda path: path, 2))
    assert reaped(started)
    if before is not None:
        assert len(os.listdir("/proc/self/fd")) == before
