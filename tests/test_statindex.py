"""The status index: an unchanged file is not read again, a changed one always is, and a file
changed shortly before it was hashed is not vouched for."""

from __future__ import annotations

import io
import os
import time
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from cablelint.cache import statindex
from cablelint.cli import main
from cablelint.run import linter
from invented import write_cables

AS_OF = "2024-01-01"
HOUR_AGO = time.time() - 3600


def lint(*args: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main(["--as-of", AS_OF, "--format", "json", *args])
    assert status in (0, 1) and err.getvalue() == "", err.getvalue()
    return out.getvalue()


@pytest.fixture
def hashed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the cables read and hashed in this process."""
    seen: list[int] = []
    real = linter.content_digest

    def counting(data: bytes) -> bytes:
        seen.append(len(data))
        return real(data)

    monkeypatch.setattr(linter, "content_digest", counting)
    return seen


@pytest.fixture
def an_hour_later(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files are hashed as if an hour after they were written (a file's ctime cannot be set back,
    and a file changed within seconds of its hashing is not vouched for)."""
    real = statindex._clock
    monkeypatch.setattr(statindex, "_clock", lambda: real() + 3600 * 1_000_000_000)


def old_cables(folder: Path, count: int) -> list[Path]:
    paths = write_cables(folder, count)
    for path in paths:
        os.utime(path, (HOUR_AGO, HOUR_AGO))
    return paths


def test_an_unchanged_file_is_not_read_again(tmp_path: Path, hashed: list[int], an_hour_later: None):
    old_cables(tmp_path, 12)
    first = lint("--jobs", "1", str(tmp_path))
    assert len(hashed) == 12
    assert lint("--jobs", "1", str(tmp_path)) == first
    assert len(hashed) == 12  # the second run only looked at the files' status


def test_digests_found_by_workers_reach_the_index(tmp_path: Path, hashed: list[int], an_hour_later: None):
    old_cables(tmp_path, 48)
    first = lint("--jobs", "2", str(tmp_path))
    assert len(hashed) == 1  # this process read the first file (a miss), the workers the rest
    assert lint("--jobs", "2", str(tmp_path)) == first
    assert len(hashed) == 1  # the workers' digests were recorded here: nothing was read again


def test_a_change_that_keeps_size_and_times_is_still_seen(tmp_path: Path, hashed: list[int], an_hour_later: None):
    paths = old_cables(tmp_path, 12)
    before = lint("--jobs", "1", str(tmp_path))
    target = paths[3]
    text = target.read_text()
    changed = text.replace("TAGS: ", "TAGZ: ", 1)
    assert len(changed) == len(text) and changed != text
    target.write_text(changed)
    os.utime(target, (HOUR_AGO, HOUR_AGO))  # same size, same modification time: only ctime moved
    after = lint("--jobs", "1", str(tmp_path))
    assert after != before and len(hashed) == 13
    assert after == lint("--no-cache", "--jobs", "1", str(tmp_path))


def test_a_file_changed_just_before_it_was_hashed_is_read_again(tmp_path: Path, hashed: list[int]):
    write_cables(tmp_path, 12)  # written just now: within the racy window of the first run
    first = lint("--jobs", "1", str(tmp_path))
    assert lint("--jobs", "1", str(tmp_path)) == first
    assert len(hashed) == 24


def test_records_are_trusted_only_when_the_status_matches(tmp_path: Path, an_hour_later: None):
    path = tmp_path / "c.txt"
    path.write_text("x\n")
    os.utime(path, (HOUR_AGO, HOUR_AGO))
    index = statindex.StatIndex(tmp_path / "stat")
    status, now = statindex.stamp(str(path))
    assert status is not None
    index.record(str(path), status, b"\x01" * 20, now)
    assert index.digest(str(path)) == b"\x01" * 20
    index.save()
    assert statindex.StatIndex(tmp_path / "stat").digest(str(path)) == b"\x01" * 20  # kept on disk
    path.write_text("y\n")
    assert index.digest(str(path)) is None
    assert index.digest(str(tmp_path / "absent.txt")) is None


def test_a_damaged_index_is_ignored(tmp_path: Path, hashed: list[int], an_hour_later: None):
    old_cables(tmp_path, 12)
    first = lint("--jobs", "1", str(tmp_path))
    for index_file in (Path(os.environ["CABLELINT_CACHE_DIR"]) / "v1" / "stat").iterdir():
        index_file.write_text('{"' + str(tmp_path) + '/a/cable001.txt": [1, 2, "x"]}')
    assert lint("--jobs", "1", str(tmp_path)) == first
    assert len(hashed) == 24
