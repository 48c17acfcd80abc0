"""The release gate fails closed (issue 16, items 1-5): under --release nothing the caches say,
no configuration, rule file or baseline, nothing unreadable and no marking the paragraph reader
missed lets a classified cable pass. Every way the issue lists is tried here and must exit 1."""

from __future__ import annotations

import codecs
import contextlib
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import unprivileged
from cablelint.cache import replay, rulecache
from cablelint.policy import ruleset
from clirun import run_main

AS_OF = "2026-12-01"
SECRET = """VZCZCXYZ0300
PP RUEHWEB
DE RUEHVL #0300/01 1831430
ZNY SSSSS ZZH
P 021430Z JUL 09
FM AMEMBASSY VALLETTA
TO RUEHC/SECSTATE WASHDC PRIORITY 5120
S E C R E T VALLETTA 000300

SIPDIS

E.O. 12958: DECL: 07/02/2034
TAGS: PREL PGOV MT
SUBJECT: MALTA: AN INVENTED MINISTER ON AN INVENTED SUBJECT

Classified By: Ambassador Jane Q. Example for reasons 1.4 (b) and (d).

1. (S) The invented minister said nothing worth reporting.

2. (S) Comment: Nothing here comes from a real cable.
EXAMPLE
"""
UNCLAS = """VZCZCXYZ0301
PP RUEHWEB
DE RUEHVL #0301/01 1831430
ZNR UUUUU ZZH
P 021430Z JUL 09
FM AMEMBASSY VALLETTA
TO RUEHC/SECSTATE WASHDC PRIORITY 5121
UNCLAS VALLETTA 000301

SIPDIS

E.O. 12958: N/A
TAGS: PREL PGOV MT
SUBJECT: MALTA: AN INVENTED VISIT
{ref}
1. (U) The invented delegation arrived on time.
{body}
2. (U) Comment: Nothing here comes from a real cable.
EXAMPLE
"""


def gate(*args: str) -> tuple[int, str, str]:
    return run_main("--as-of", AS_OF, "--release", "--jobs", "1", *args)


def codes(out: str) -> list[str]:
    return [line.split(": ", 1)[1].split()[0] for line in out.splitlines() if ": " in line]


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "cables" / "secret.txt"
    path.parent.mkdir()
    path.write_text(SECRET)
    return path


def test_the_secret_cable_fails_the_gate(secret):
    status, out, _err = gate(str(secret))
    assert status == 1 and "R001" in codes(out)


# ------------------------------------------------------------------ 1. no cache is trusted


def test_a_forged_result_cache_entry_is_not_read(secret, monkeypatch):
    """Whatever a gate run leaves in the result cache, a writer of that folder (often shared in
    CI) can rewrite to say "no findings": the gate reads and writes no entry at all."""
    monkeypatch.setenv("CABLELINT_REPLAY", "off")
    cache = Path(os.environ["CABLELINT_CACHE_DIR"])
    gate(str(secret))
    entries = list(cache.rglob("entries/*/*.json"))
    for entry in entries:
        entry.write_text(json.dumps({"path": str(secret), "diagnostics": []}))
    status, out, _err = gate(str(secret))
    assert status == 1 and "R001" in codes(out)
    assert entries == [], "the gate wrote a result cache entry"


def _forge_record(argv: list[str]) -> Path:
    """A replay record for `argv` that says "nothing found, exit 0", keyed as a real one."""
    path = Path(replay._record_path(argv))
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        key = replay._key(argv)  # with the streams run_main gives the run
    path.write_text(json.dumps({"key": key, "depends": [], "stdout": "", "stderr": "", "status": 0}))
    return path


@pytest.mark.parametrize("release", [["--release"], ["--rel"], ["--release", "--no-cache"]])
def test_a_forged_replay_record_is_not_replayed(secret, monkeypatch, release):
    monkeypatch.chdir(secret.parent)
    argv = ["--as-of", AS_OF, *release, "--jobs", "1", "secret.txt"]
    _forge_record(argv)
    status, out, _err = run_main(*argv)
    assert status == 1 and "R001" in codes(out)


@pytest.mark.parametrize("config, text", [
    (".cablelint.yaml", "release: true\n"),
    (".cablelint.yaml", '"\\x72elease": true\n'),
    ("pyproject.toml", "[tool.cablelint]\nrelease = true\n"),
])
def test_a_release_set_by_a_config_file_is_not_replayed(secret, monkeypatch, config, text):
    (secret.parent / config).write_text(text)
    monkeypatch.chdir(secret.parent)
    argv = ["--as-of", AS_OF, "--jobs", "1", "secret.txt"]
    _forge_record(argv)
    status, out, _err = run_main(*argv)
    assert status == 1 and "R001" in codes(out)


def test_a_release_run_is_never_recorded(secret, monkeypatch):
    monkeypatch.chdir(secret.parent)
    monkeypatch.setattr(replay, "_clock", lambda: time.time_ns() + 10 ** 12)  # nothing looks racily new
    argv = ["--as-of", AS_OF, "--release", "--jobs", "1", "secret.txt"]
    assert run_main(*argv)[0] == 1
    assert not Path(replay._record_path(argv)).exists()
    assert not replay.may_release(["--as-of", AS_OF, "secret.txt"])  # (a plain run may still be)


def test_a_forged_parsed_rules_entry_is_not_read_even_with_no_cache(secret, monkeypatch):
    """The parsed-rules store is keyed on a rule file's bytes; a forged entry for the bundled
    levels ranks every level as unclassified."""
    monkeypatch.setenv("CABLELINT_REPLAY", "off")
    markings = ruleset.bundled_dir() / "markings.yaml"
    document = ruleset.load_document(markings)
    document["levels"] = {name: {**level, "rank": 0} for name, level in document["levels"].items()}
    rulecache.put(markings.read_bytes(), document)
    assert run_main("--as-of", AS_OF, "--jobs", "1", "--no-cache", "--select", "P003", str(secret))[0] == 0
    status, out, _err = gate("--no-cache", str(secret))
    assert status == 1 and "R001" in codes(out)


# ------------------------------------------------------------------ 2 and 3. what cannot be listed


def _tree_with_locked_folder(top: Path) -> Path:
    (top / "cables" / "locked").mkdir(parents=True)
    (top / "cables" / "ok.txt").write_text(UNCLAS.format(ref="", body=""))
    (top / "cables" / "locked" / "secret.txt").write_text(SECRET)
    for folder in (top / "cables", top / "cables" / "locked"):
        folder.chmod(0o755)
    (top / "cables" / "ok.txt").chmod(0o644)
    (top / "cables" / "locked" / "secret.txt").chmod(0o644)
    return top / "cables" / "locked"


def test_a_folder_that_cannot_be_listed_fails_the_gate():
    run = unprivileged.runner()
    top = unprivileged.world_readable_folder("cablelint-gate-")
    try:
        locked = _tree_with_locked_folder(top)
        locked.chmod(0o000)
        done = run.run("--as-of", AS_OF, "--release", "--no-cache", "--format", "json", "cables", cwd=top)
        assert done.returncode == 1, done.stderr
        found = [(d["path"], d["code"], d["severity"]) for d in json.loads(done.stdout)]
        assert ("cables/locked", "X001", "error") in found
        plain = run.run("--as-of", AS_OF, "--no-cache", "cables", cwd=top)  # without the gate: a note, as before
        assert plain.returncode == 0 and "cannot read the directory" in plain.stderr
    finally:
        (top / "cables" / "locked").chmod(0o755)
        import shutil

        shutil.rmtree(top)


def test_a_replay_does_not_outlive_a_folder_it_could_not_list():
    """A run that could not list a folder is recorded; once the folder opens, the cable in it
    must be read, not the old run replayed."""
    run = unprivileged.runner()
    top = unprivileged.world_readable_folder("cablelint-replay-")
    try:
        locked = _tree_with_locked_folder(top)
        (locked / "secret.txt").write_text(SECRET.replace("2. (S) Comment", "2. Comment"))  # a P001 (an error)
        locked.chmod(0o000)
        cache = top / "cache"
        cache.mkdir(mode=0o777)
        cache.chmod(0o777)
        env = {"CABLELINT_CACHE_DIR": str(cache)}
        time.sleep(2.2)  # older than the replay's racy window, so the run is recorded
        first = run.run("--as-of", AS_OF, "cables", cwd=top, env=env)
        assert first.returncode == 0 and "cannot read the directory" in first.stderr
        assert list((cache / "v1" / "runs").glob("*.json")), "the run was not recorded"
        locked.chmod(0o755)
        second = run.run("--as-of", AS_OF, "cables", cwd=top, env=env)
        assert second.returncode == 1 and "P001" in second.stdout, (second.stdout, second.stderr)
    finally:
        (top / "cables" / "locked").chmod(0o755)
        import shutil

        shutil.rmtree(top)


def test_a_fifo_in_a_folder_fails_the_gate(tmp_path):
    (tmp_path / "ok.txt").write_text(UNCLAS.format(ref="", body=""))
    os.mkfifo(tmp_path / "pipe.txt")
    status, out, _err = gate("--format", "json", str(tmp_path))
    assert status == 1
    assert [(Path(d["path"]).name, d["code"]) for d in json.loads(out) if d["code"] == "X001"] == [("pipe.txt", "X001")]


def test_a_fifo_given_as_a_path_fails_the_gate_and_does_not_hang(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "ok.txt").write_text(UNCLAS.format(ref="", body=""))
    done = subprocess.run([sys.executable, "-m", "cablelint", "--as-of", AS_OF, "--release", "pipe.txt", "ok.txt"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)  # a hang fails, not freezes
    assert done.returncode == 1 and codes(done.stdout) == ["X001"] and "not a regular file" in done.stdout


# ------------------------------------------------------------------ 4. the gate cannot be switched off


def _undecodable_secret(folder: Path) -> Path:
    path = folder / "utf16.txt"  # UTF-16 without a byte-order mark: read as binary
    path.write_bytes(SECRET.encode("utf-16-le"))
    assert not path.read_bytes().startswith(codecs.BOM_UTF16_LE)
    return path


@pytest.mark.parametrize("options, said", [
    (["--select", "R"], "select R would drop X001"),
    (["--ignore", "X"], "ignore X would drop X001"),
    (["--select", "D,P", "--exit-zero"], "exit-zero"),
])
def test_an_undecodable_secret_cable_fails_whatever_the_options(tmp_path, options, said):
    status, out, err = gate(*options, str(_undecodable_secret(tmp_path)))
    assert status == 1 and codes(out) == ["X001"]
    assert err.count("cablelint: --release:") == 1 and said in err


def test_a_file_over_the_size_limit_fails_with_select_r(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.write(SECRET.encode())
        handle.truncate(64 * 1024 * 1024 + 10)
    status, out, _err = gate("--select", "R", str(big))
    assert status == 1 and codes(out) == ["X001"] and "larger than 64 MB" in out


@pytest.mark.parametrize("options, said", [
    (["--ignore", "R"], "ignore R would drop R001, R002"),
    (["--select", "P"], "select P would drop X001, R001, R002"),
    (["--exit-zero"], "exit-zero (command line)"),
    (["--fail-on", "error", "--ignore", "R001,X"], "ignore R001,X"),
])
def test_options_cannot_switch_the_gate_off(secret, options, said):
    status, out, err = gate(*options, str(secret))
    assert status == 1 and "R001" in codes(out)
    assert err.count("cablelint: --release:") == 1 and said in err, err


@pytest.mark.parametrize("rules", [
    "rules:\n  R001: info\n",
    "rules:\n  R001: off\n  R002: off\n  X001: off\n",
    "rules:\n  still-classified: {severity: warning}\n",
])
def test_a_rule_file_cannot_switch_the_gate_off(secret, tmp_path, rules):
    extra = tmp_path / "rules.yaml"
    extra.write_text(rules)
    status, out, err = gate("--rules", str(extra), str(secret))
    assert status == 1 and "R001 [error]" in out
    assert "in the rule sets" in err


def test_duplicate_keys_in_a_rule_file_are_an_error_with_its_line(secret, tmp_path):
    extra = tmp_path / "rules.yaml"
    extra.write_text("rules:\n  R001: error\n  P004: off\n  R001: off\n")
    status, out, err = gate("--rules", str(extra), str(secret))
    assert status == 2 and out == ""
    assert err.startswith(f"cablelint: {extra}:4:3: duplicate key 'R001' (first at line 2)"), err


@pytest.mark.parametrize("name, text, line", [
    (".cablelint.yaml", "release: true\nignore: [P]\nrelease: false\n", 3),
    (".cablelint.yaml", "rules:\n  R001: error\n  R001: off\n", 3),
    ("pyproject.toml", "[tool.cablelint]\nrelease = true\nrelease = false\n", 3),
])
def test_duplicate_keys_in_a_config_file_are_an_error_with_its_line(secret, monkeypatch, name, text, line):
    (secret.parent / name).write_text(text)
    monkeypatch.chdir(secret.parent)
    status, out, err = run_main("--as-of", AS_OF, "--jobs", "1", "secret.txt")
    assert status == 2 and out == ""
    assert err.startswith(f"cablelint: {secret.parent / name}:{line}:"), err


@pytest.mark.parametrize("config, said", [
    ("exit-zero: true\n", "exit-zero"),
    ("ignore: [R]\n", "ignore R would drop R001, R002"),
    ("per-file-ignores:\n  '*.txt': [R001, X]\n", "per-file-ignores"),
    ("rules:\n  R001: info\n", "R001: info in the rule sets"),
    ("select: [T]\nfail-on: error\n", "select T would drop"),
])
def test_a_config_in_a_parent_folder_cannot_switch_the_gate_off(secret, monkeypatch, config, said):
    (secret.parent.parent / ".cablelint.yaml").write_text(config)
    work = secret.parent / "sub"
    work.mkdir()
    monkeypatch.chdir(work)
    status, out, err = gate(str(secret))
    assert status == 1 and "R001 [error]" in out, (out, err)
    assert err.count("cablelint: --release:") == 1 and said in err, err


def test_a_baseline_that_recorded_r001_does_not_hide_it(secret, tmp_path):
    baseline = tmp_path / "baseline.json"
    status, _out, _err = gate("--write-baseline", str(baseline), str(secret))
    assert status == 1  # recording does not open the gate either
    assert "R001" in baseline.read_text()
    status, out, err = gate("--baseline", str(baseline), str(secret))
    assert status == 1 and codes(out) == ["R001"]
    assert "the baseline records R001" in err
    assert run_main("--as-of", AS_OF, "--jobs", "1", "--baseline", str(baseline), str(secret))[0] == 0


def test_nothing_is_said_when_nothing_tried(secret):
    status, _out, err = gate(str(secret))
    assert status == 1 and err == ""


# ------------------------------------------------------------------ 5. markings the reader missed


@pytest.mark.parametrize("body", [
    "-- (S) A bullet that says what may not leave.",
    "A. (S) A lettered sub-paragraph.",
    "100. (S) A hundredth paragraph.",
    "(S) An unnumbered paragraph.",
    "2) (S) A paragraph numbered with a parenthesis.",
    "The delegation left. (S) A sentence after another, mid-line.",
    "The delegation left,\nas planned. (S//NF) A sentence after a line break.",
    "S E C R E T SECTION 02 OF 02 VALLETTA 000301",
    "SECRET//NOFORN",
])
def test_a_classified_marking_anywhere_fails_an_unclas_cable(tmp_path, body):
    path = tmp_path / "c.txt"
    path.write_text(UNCLAS.format(ref="", body=f"\n{body}\n"))
    status, out, _err = gate("--select", "R", str(path))
    assert status == 1 and codes(out) == ["R001"], out
    assert "SECRET" in out


@pytest.mark.parametrize("ref, body", [
    ("REF: (A) STATE 12345\n(B) USUN 1593\n(C) STATE 152009\n", ""),
    ("REFS: (A) 08 VALLETTA 12, (B) VALLETTA 34 (C) SECSTATE 56\n", ""),
    ("", "The points were: (A) the first; (B) the second; and (C) the third."),
    ("", "(A) The first point.\n(B) The second point.\n(C) The third point."),
    ("", "The rule of section 1.4(c) and 1.4 (C) applies."),
    ("", "Copyright (C) 2009 by an invented newspaper. (C) 2009 Invented Press."),
    ("", "Classified By: nobody, for reasons 1.4 (B) AND\n(C) AND (D)."),
    ("", "THE SECRET POLICE WERE NOT MENTIONED."),
])
def test_reference_items_list_letters_and_reason_letters_do_not_fail_an_unclas_cable(tmp_path, ref, body):
    path = tmp_path / "c.txt"
    path.write_text(UNCLAS.format(ref=f"\n{ref}" if ref else "", body=f"\n{body}\n" if body else ""))
    status, out, _err = gate("--select", "R", str(path))
    assert (status, out) == (0, "")
