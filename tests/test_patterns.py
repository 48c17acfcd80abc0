"""The compiled patterns kept between runs (patterns.py): every kept pattern is the one `re.compile`
makes, a file that is damaged or cannot be written costs only the speed-up, and the release gate
refuses a file whose patterns were forged. (conftest.py gives every test its own folder through
$CABLELINT_RULES_CACHE.)"""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cablelint import patterns

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
needs_engine = pytest.mark.skipif(patterns._sre is None, reason="kept patterns need CPython 3.11+")

# A child that imports every layer that compiles patterns, lints one example through the command's
# own entry point (which writes the file at its end) and says where its patterns came from.
_CHILD = """
import contextlib, io, json, sys
from cablelint import patterns
from cablelint.cli import main
with contextlib.redirect_stdout(io.StringIO()) as out:
    status = main(sys.argv[1:])
print(json.dumps({"made": len(patterns._made), "from_file": len({(p, f) for p, f, _ in patterns._from_file}),
                  "status": status, "output": out.getvalue()}))
patterns.keep()
"""


def _child(*args: str, seed: str = "0", env: dict | None = None) -> dict:
    environ = {**os.environ, "PYTHONHASHSEED": seed, **(env or {})}
    done = subprocess.run([sys.executable, "-c", _CHILD, "--no-cache", *args], capture_output=True,
                          text=True, env=environ, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _kept_file() -> Path:
    return Path(patterns._file())


def _example() -> str:
    return str(sorted(EXAMPLES.glob("*.txt"))[0])


@needs_engine
def test_second_run_takes_every_pattern_from_the_file_whatever_the_hash_seed():
    first = _child(_example(), seed="1")
    assert first["made"] > 300 and first["from_file"] == 0
    second = _child(_example(), seed="2")  # (a pattern built from a set's order would be another text)
    assert second["made"] == 0 and second["from_file"] == first["made"]
    assert second["output"] == first["output"] and second["status"] == first["status"]


@needs_engine
def test_every_kept_pattern_equals_what_re_compile_makes():
    _child(_example())
    kept = json.loads(_kept_file().read_bytes())
    assert len(kept) > 300
    for key, parts in kept.items():
        flags, pattern = key.split(":", 1)
        assert patterns._rebuilt(pattern, parts) == re.compile(pattern, int(flags)), pattern


@needs_engine
@pytest.mark.parametrize("damage", [
    b"not json at all", b"[1, 2, 3]", b'{"0:x": "not parts"}', b"\xff\xfe binary",
])
def test_a_damaged_file_is_read_past(damage: bytes):
    clean = _child(_example())
    _kept_file().write_bytes(damage)
    again = _child(_example())
    assert again["output"] == clean["output"] and again["made"] > 300
    assert json.loads(_kept_file().read_bytes())  # written anew, whole


@needs_engine
def test_code_the_engine_refuses_is_compiled_afresh():
    clean = _child(_example())
    kept = json.loads(_kept_file().read_bytes())
    for parts in kept.values():
        parts[1] = base64.b64encode(bytes([0xFF]) * 4 * 8).decode()  # no valid opcode
    _kept_file().write_text(json.dumps(kept))
    again = _child(_example())
    assert again["output"] == clean["output"] and again["from_file"] == 0


def _forge() -> None:
    """Give each kept pattern without groups the code of another: valid code, wrong meaning."""
    kept = json.loads(_kept_file().read_bytes())
    plain = [key for key, parts in kept.items() if parts[2] == 0 and not parts[3]]
    for key, other in zip(plain, plain[1:] + plain[:1]):
        kept[key] = [kept[key][0], kept[other][1], 0, {}, [None]]
    _kept_file().write_text(json.dumps(kept))


@needs_engine
@pytest.mark.parametrize("how", [("--release",), ("--rel",), ("--config", "release.yaml")])
def test_the_release_gate_compiles_every_pattern_itself(tmp_path: Path, how):
    cable = tmp_path / "cable.txt"
    cable.write_bytes(Path(_example()).read_bytes())
    (tmp_path / "release.yaml").write_text("release: true\n", encoding="utf-8")

    def gate() -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "cablelint", *how, "--no-cache", "--as-of", "2030-01-01",
                               str(cable)], capture_output=True, text=True, timeout=120, cwd=tmp_path)

    _child(str(cable))
    honest = gate()
    _forge()
    forged = gate()
    assert "R001" in honest.stdout
    if how[0] == "--config":  # (known only once the config is read: what was built from the file is checked)
        assert forged.returncode == 2 and "compiled patterns kept in" in forged.stderr, forged.stderr
    else:
        assert (forged.returncode, forged.stdout) == (honest.returncode, honest.stdout)


@needs_engine
def test_verify_names_a_file_whose_patterns_differ_in_code_or_in_group_names(monkeypatch: pytest.MonkeyPatch):
    honest = re.compile(r"(?P<a>\d+)/(?P<b>\d+)")
    swapped = patterns._rebuilt(honest.pattern, patterns._parts(r"(?P<b>\d+)/(?P<a>\d+)", 0))
    assert swapped == honest and swapped.groupindex != honest.groupindex  # (what Pattern.__eq__ does not see)
    monkeypatch.setattr(patterns, "_from_file", [(honest.pattern, 0, swapped)])
    assert patterns.verify() is not None
    monkeypatch.setattr(patterns, "_from_file", [(honest.pattern, 0, honest)])
    assert patterns.verify() is None


def test_off_writes_nothing_and_lints_alike(tmp_path: Path):
    clean = _child(_example())
    off = _child(_example(), env={"CABLELINT_RULES_CACHE": "off", "HOME": str(tmp_path),
                                  "XDG_CACHE_HOME": str(tmp_path / "xdg")})
    assert off["output"] == clean["output"] and off["from_file"] == 0
    assert not any(tmp_path.iterdir())


def test_a_folder_that_cannot_be_made_costs_only_the_speed(tmp_path: Path):
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where the folder would be")
    clean = _child(_example())
    blocked = _child(_example(), env={"CABLELINT_RULES_CACHE": str(blocker)})
    assert blocked["output"] == clean["output"] and blocked["status"] == clean["status"]
    assert blocker.read_text() == "a file where the folder would be"


def test_compile_is_re_compile_where_the_internals_differ(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(patterns, "_internals_agree", False)
    monkeypatch.setattr(patterns, "_kept", {})
    monkeypatch.setattr(patterns, "_made", {})
    compiled = patterns.compile(r"(?P<n>\d+)\s+OF\s+(\d+)", re.I)
    assert compiled == re.compile(r"(?P<n>\d+)\s+OF\s+(\d+)", re.I) and not patterns._made


@needs_engine
def test_a_file_past_its_size_keeps_only_what_the_run_used(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("CABLELINT_RULES_CACHE", str(tmp_path))
    stale = {f"0:stale{i}": patterns._parts(f"stale{i}", 0) for i in range(5)}
    monkeypatch.setattr(patterns, "_kept", stale)
    monkeypatch.setattr(patterns, "_made", {})
    monkeypatch.setattr(patterns, "_used", set())
    monkeypatch.setattr(patterns, "MAX_KEPT", 3)
    assert patterns.compile("fresh[0-9]+", re.M).match("fresh42")
    patterns.keep()
    written = json.loads(Path(patterns._file()).read_bytes())
    assert list(written) == [f"{int(re.M)}:fresh[0-9]+"]


@needs_engine
def test_a_fifo_where_the_file_should_be_is_passed_over_not_waited_on():
    _child(_example())
    path = _kept_file()
    path.unlink()
    os.mkfifo(path)
    again = _child(_example())  # (within the child's timeout: a blocking read would hang it)
    assert again["from_file"] == 0 and again["status"] in (0, 1)
