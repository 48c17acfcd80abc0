"""The result cache: hits and misses, what invalidates an entry, damaged entries, runs that share
the cache, --no-cache and `cablelint clean`. (conftest.py gives every test an empty cache of its own
through $CABLELINT_CACHE_DIR.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import cablelint.cache
from cablelint.cache import results as cache
from cablelint.cli import lintcommand
from cablelint.run import engine
from clirun import run_main
from invented import write_cables

AS_OF = "2024-01-01"


run = run_main


def lint(*args: str) -> str:
    status, out, err = run("--as-of", AS_OF, "--jobs", "1", "--format", "json", *args)
    assert status in (0, 1) and err == "", err
    return out


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the cables actually parsed (a cache hit parses nothing)."""
    seen: list[int] = []
    real = engine.build

    def counting(source):
        seen.append(len(source.lines))
        return real(source)

    monkeypatch.setattr(engine, "build", counting)
    return seen


@pytest.fixture
def cables(tmp_path: Path) -> Path:
    write_cables(tmp_path / "cables", 12)
    return tmp_path / "cables"


def entries() -> list[Path]:
    return sorted((cache.cache_dir() / cache.LAYOUT / "entries").rglob("*.json"))


def test_a_second_run_reads_every_result_back(cables: Path, parsed: list[int]):
    first = lint(str(cables))
    assert len(parsed) == 12 and len(entries()) == 12
    assert lint(str(cables)) == first
    assert len(parsed) == 12  # nothing parsed the second time
    text = run("--as-of", AS_OF, "--jobs", "1", str(cables))[1]
    assert len(parsed) == 12 and text.count("\n") == len(json.loads(first))  # the format is not in the key


def test_a_fully_cached_run_does_not_load_the_rule_sets(cables: Path, monkeypatch: pytest.MonkeyPatch):
    first = lint(str(cables))
    loads: list[int] = []
    real = lintcommand.make_settings
    monkeypatch.setattr(lintcommand, "make_settings", lambda options: loads.append(1) or real(options))
    assert lint(str(cables)) == first
    assert loads == []


def test_a_changed_file_is_linted_again_and_only_it(cables: Path, parsed: list[int]):
    before = json.loads(lint(str(cables)))
    target = cables / "a" / "cable003.txt"
    target.write_text(target.read_text().replace("TAGS: ", "TAGS: PREL "), encoding="utf-8")
    after = json.loads(lint(str(cables)))
    assert len(parsed) == 13
    changed = [d for d in after if d["path"] == str(target)]
    assert changed != [d for d in before if d["path"] == str(target)]
    assert [d for d in after if d["path"] != str(target)] == [d for d in before if d["path"] != str(target)]


@pytest.mark.parametrize("option", [
    ["--as-of", "2030-06-01"], ["--date", "2009-06-03"], ["--select", "P"], ["--ignore", "T"],  # (--release: no cache)
])
def test_an_option_that_changes_results_is_in_the_key(cables: Path, parsed: list[int], option: list[str]):
    lint(str(cables))
    lint(*option, str(cables))
    assert len(parsed) == 24
    lint(*option, str(cables))
    assert len(parsed) == 24  # and that run is cached under its own key


def test_presentation_options_are_not_in_the_key(cables: Path, parsed: list[int]):
    lint(str(cables))
    run("--as-of", AS_OF, "--jobs", "2", "--format", "text", "--statistics", "--fail-on", "info", str(cables))
    assert len(parsed) == 12


def test_a_changed_rule_set_invalidates_everything(tmp_path: Path, cables: Path, parsed: list[int]):
    rules = tmp_path / "extra.yaml"
    rules.write_text("extends: [default]\nrules:\n  T002: warning\n", encoding="utf-8")
    with_t002 = json.loads(lint("--rules", str(rules), str(cables)))
    assert any(d["code"] == "T002" for d in with_t002)
    rules.write_text("extends: [default]\nrules:\n  T002: off\n", encoding="utf-8")
    without = json.loads(lint("--rules", str(rules), str(cables)))
    assert len(parsed) == 24
    assert without == [d for d in with_t002 if d["code"] != "T002"]


def test_a_change_in_an_extended_rule_set_invalidates_everything(tmp_path: Path, cables: Path, parsed: list[int]):
    base = tmp_path / "base.yaml"
    base.write_text("rules:\n  T002: warning\n", encoding="utf-8")
    top = tmp_path / "top.yaml"
    top.write_text("extends: [default, base.yaml]\n", encoding="utf-8")
    assert any(d["code"] == "T002" for d in json.loads(lint("--rules", str(top), str(cables))))
    base.write_text("rules:\n  T002: off\n", encoding="utf-8")  # top.yaml itself is unchanged
    assert not any(d["code"] == "T002" for d in json.loads(lint("--rules", str(top), str(cables))))
    assert len(parsed) == 24


def test_a_rule_set_that_starts_extending_another_file_is_followed(tmp_path: Path, cables: Path):
    """The manifest of rule files goes stale when a listed file gains an `extends`; the run must
    notice, or later edits of the new file would be missed."""
    middle, leaf = tmp_path / "middle.yaml", tmp_path / "leaf.yaml"
    top = tmp_path / "top.yaml"
    top.write_text("extends: [default, middle.yaml]\n", encoding="utf-8")
    middle.write_text("rules:\n  T002: warning\n", encoding="utf-8")
    leaf.write_text("rules:\n  T005: warning\n", encoding="utf-8")
    lint("--rules", str(top), str(cables))
    middle.write_text("extends: [leaf.yaml]\nrules:\n  T002: warning\n", encoding="utf-8")
    assert any(d["code"] == "T005" for d in json.loads(lint("--rules", str(top), str(cables))))
    leaf.write_text("rules:\n  T005: off\n", encoding="utf-8")
    assert not any(d["code"] == "T005" for d in json.loads(lint("--rules", str(top), str(cables))))


def test_a_broken_rule_file_still_stops_the_run(tmp_path: Path, cables: Path):
    rules = tmp_path / "extra.yaml"
    rules.write_text("rules:\n  T002: warning\n", encoding="utf-8")
    lint("--rules", str(rules), str(cables))
    rules.write_text("rules:\n  T002: sometimes\n", encoding="utf-8")
    status, _out, err = run("--as-of", AS_OF, "--rules", str(rules), str(cables))
    assert status == 2 and f"{rules}:2:" in err


@pytest.mark.parametrize("damage", [b"", b"{not json", b"[1, 2]", b'{"path": 3}', b"\xff\xfe\x00",
                                    b'{"path": "elsewhere.txt", "diagnostics": []}',
                                    b'{"path": "%s", "diagnostics": [["x"]]}',
                                    b'{"path": "%s", "diagnostics": '
                                    b'[["1", 1, "P001", 1, 2, "n", "error", "m", null]]}'])
def test_a_damaged_entry_is_a_miss(cables: Path, parsed: list[int], damage: bytes):
    first = lint(str(cables))
    for entry in entries():
        recorded = json.loads(entry.read_bytes())["path"].encode()
        entry.write_bytes(damage.replace(b"%s", recorded))
    assert lint(str(cables)) == first
    assert len(parsed) == 24
    assert lint(str(cables)) == first and len(parsed) == 24  # the entries were rewritten whole


def test_entries_are_what_is_read(cables: Path):
    """Rewrite one entry's message: the cached run reports it, --no-cache does not (so the cache is
    really read, and --no-cache really bypasses it)."""
    first = lint(str(cables))
    entry = entries()[0]
    record = json.loads(entry.read_bytes())
    record["diagnostics"] = [[1, 1, "S001", 1, 2, "missing-banner", "error", "PLANTED", None]]
    entry.write_text(json.dumps(record), encoding="utf-8")
    assert "PLANTED" in lint(str(cables))
    assert lint("--no-cache", str(cables)) == first


def test_no_cache_neither_reads_nor_writes(cables: Path, parsed: list[int]):
    lint("--no-cache", str(cables))
    lint("--no-cache", str(cables))
    top = cache.cache_dir()
    assert len(parsed) == 24 and (not top.exists() or not any(top.iterdir()))


def test_results_with_internal_errors_are_not_kept(cables: Path, parser_failing_on):
    parser_failing_on("cable 2 says")
    for _ in range(2):
        status, _out, err = run("--as-of", AS_OF, "--jobs", "1", str(cables))
        assert status == 2 and "parser exploded" in err


def test_two_runs_sharing_the_cache_at_once(tmp_path: Path):
    write_cables(tmp_path / "many", 48)
    command = [sys.executable, "-m", "cablelint.cli", "--as-of", AS_OF, "--format", "json", "--jobs", "2",
               str(tmp_path / "many")]
    expected = subprocess.run(command + ["--no-cache"], capture_output=True, timeout=300).stdout
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    for process in runs:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 1 and err == b"" and out == expected
    assert len(entries()) == 48
    assert not [p for p in cache.cache_dir().rglob(".tmp-*")]  # every write was renamed into place
    again = subprocess.run(command, capture_output=True, timeout=300)
    assert again.stdout == expected


def test_concurrent_writers_of_one_entry_leave_a_whole_entry(tmp_path: Path):
    """Many processes writing the same entry over and over: a reader never sees a partial one."""
    target = tmp_path / "entry.json"
    writer = ("import sys\nfrom pathlib import Path\nfrom cablelint.cache import write_unsynced\n"
              "for _ in range(300):\n    write_unsynced(Path(sys.argv[1]), sys.argv[2].encode() * 5000)\n")
    procs = [subprocess.Popen([sys.executable, "-c", writer, str(target), letter]) for letter in "xyz"]
    torn = 0
    while any(p.poll() is None for p in procs):
        if target.exists():
            data = target.read_bytes()
            torn += len(data) != 5000 or len(set(data)) != 1
    assert all(p.wait(timeout=120) == 0 for p in procs)
    assert torn == 0 and len(target.read_bytes()) == 5000
    assert [p.name for p in tmp_path.iterdir()] == ["entry.json"]


def test_the_cache_folder_is_marked_and_git_ignored(cables: Path):
    lint(str(cables))
    top = cache.cache_dir()
    assert (top / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert (top / ".gitignore").read_text().splitlines()[-1] == "*"


def test_clean_removes_the_cache(cables: Path):
    lint(str(cables))
    status, out, _err = run("clean")
    assert status == 0 and "removed" in out and not cache.cache_dir().exists()
    status, out, _err = run("clean")
    assert status == 0 and "no cache" in out


def test_clean_removes_only_what_cablelint_wrote(tmp_path: Path, cables: Path, monkeypatch: pytest.MonkeyPatch):
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / ".gitignore").write_text("mine\n", encoding="utf-8")
    (shared / "notes.txt").write_text("keep me\n", encoding="utf-8")
    monkeypatch.setenv(cache.CACHE_ENV, str(shared))
    lint(str(cables))
    assert run("clean")[0] == 0
    assert sorted(p.name for p in shared.iterdir()) == [".gitignore", "notes.txt"]
    assert (shared / ".gitignore").read_text() == "mine\n"


@pytest.mark.parametrize("tag", [None, "Signature: 8a477f597d28d172789f06886806bc55\n# another tool's cache\n"])
def test_clean_leaves_a_folder_that_is_not_a_cache_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tag):
    (tmp_path / "precious.txt").write_text("data\n", encoding="utf-8")
    (tmp_path / "v1").mkdir()  # (a folder of the cache layout's name, someone else's)
    (tmp_path / "v1" / "thesis.txt").write_text("chapter 1\n", encoding="utf-8")
    if tag is not None:
        (tmp_path / "CACHEDIR.TAG").write_text(tag, encoding="utf-8")
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path))
    status, _out, err = run("clean")
    assert status == 2 and "not a cablelint cache" in err
    assert (tmp_path / "precious.txt").exists() and (tmp_path / "v1" / "thesis.txt").exists()


def test_an_unwritable_cache_warns_once_and_the_run_goes_on(tmp_path: Path, cables: Path,
                                                             monkeypatch: pytest.MonkeyPatch):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache folder should be\n", encoding="utf-8")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocker / "cache"))
    monkeypatch.setattr(cablelint.cache, "_warned", False)
    expected = lint("--no-cache", str(cables))
    status, out, err = run("--as-of", AS_OF, "--jobs", "1", "--format", "json", str(cables))
    assert status == 1 and out == expected
    assert err.count("cannot write the cache") == 1


def test_the_default_folder_is_in_the_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv(cache.CACHE_ENV)
    monkeypatch.chdir(tmp_path)
    assert cache.cache_dir().resolve() == (tmp_path / ".cablelint_cache").resolve()
    assert os.path.basename(cache.DEFAULT_DIR) == ".cablelint_cache"


def test_the_built_in_blake2b_gives_hashlibs_digests():
    """Keys made with the built-in module (hashing.py) match hashlib's, so no entry is orphaned."""
    import hashlib

    from cablelint.cache import blake2b

    for data in (b"", b"cable", bytes(range(256)) * 40):
        assert blake2b(data, digest_size=20).digest() == hashlib.blake2b(data, digest_size=20).digest()
    assert cablelint.cache.content_digest(b"cable") == hashlib.blake2b(b"cable", digest_size=20).digest()
