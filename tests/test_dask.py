"""--dask: the same lint on a Dask cluster (a local one here) gives byte-identical output."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from cablelint.run import daskrun
from clirun import run_main
from invented import write_cables

AS_OF = "2024-01-01"


def run(*args: str) -> tuple[int, str, str]:
    return run_main("--as-of", AS_OF, *args)


def test_a_local_cluster_gives_the_bytes_of_a_local_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    pytest.importorskip("distributed")
    write_cables(tmp_path, 44)
    local = run("--no-cache", "--jobs", "1", "--format", "json", str(tmp_path))
    monkeypatch.setattr(daskrun, "MAX_BATCH", 3)  # many small batches, so their order back is really tested
    remote = run("--jobs", "2", "--format", "json", str(tmp_path), "--dask")
    assert remote[0] == local[0] == 1
    assert remote[1] == local[1] and local[1].count('"path"') > 200


def test_an_unreachable_scheduler_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    pytest.importorskip("distributed")
    write_cables(tmp_path, 2)
    monkeypatch.setattr(daskrun, "CONNECT_SECONDS", 2)
    status, out, err = run("--dask=tcp://127.0.0.1:9", str(tmp_path))
    assert status == 2 and out == ""
    assert "cannot start or reach the Dask scheduler at tcp://127.0.0.1:9" in err


def test_without_the_extra_the_message_says_how_to_get_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    write_cables(tmp_path, 2)
    monkeypatch.setitem(sys.modules, "distributed", None)  # `import distributed` now fails
    status, _out, err = run(str(tmp_path), "--dask")
    assert status == 2 and "pip install 'cablelint[dask]'" in err


def test_a_path_after_dask_is_not_taken_for_an_address(tmp_path: Path):
    write_cables(tmp_path, 2)
    with pytest.raises(SystemExit) as stop:
        run("--dask", str(tmp_path))
    assert stop.value.code == 2


def test_standard_input_is_refused(monkeypatch: pytest.MonkeyPatch):
    status, _out, err = run("-", "--dask")
    assert status == 2 and "standard input" in err
