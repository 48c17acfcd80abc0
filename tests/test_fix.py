"""`--fix` and `--diff`: only the TAGS line changes, the file keeps its encoding, BOM, line endings
and permissions, and a write interrupted at any moment leaves the old file or the new one."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import random
import signal
import stat
import time
from pathlib import Path

import pytest

from cablelint.fix.atomic import clean_stale, is_temp_for, temp_name_for, write_atomic
from cablelint.fix.fixer import NotFixed, plan
from cablelint.parse.build import build
from cablelint.parse.source import decode
from cablelint.parse.summary import summarise
from cablelint.policy import ruleset
from cablelint.policy.rulesetmodel import Settings
from cablelint.run.engine import lint_bytes
from clirun import run_main
from odd_inputs import ENCODED_COPIES, FAULTY_CABLE

AS_OF = "2026-11-27"
SETTINGS = Settings(ruleset=ruleset.load(()), as_of=dt.date(2026, 11, 27))
FIXED_TAGS = "TAGS: PREL PGOV TP"
FIXED_CABLE = FAULTY_CABLE.replace("TAGS: prel; PGOV TP PREL", FIXED_TAGS)


def fix_of(data: bytes, settings: Settings = SETTINGS):
    return plan("x.txt", data, lint_bytes("x.txt", data, settings).diagnostics, settings.ruleset)


def with_tags(tags_line: str, text: str = FAULTY_CABLE) -> bytes:
    return text.replace("TAGS: prel; PGOV TP PREL", tags_line).encode("utf-8")


def run(*args: str) -> tuple[int, str, str]:
    return run_main("--as-of", AS_OF, "--jobs", "1", *args)


# ---------------------------------------------------------------- what is fixed

def test_the_tags_line_is_corrected_and_nothing_else():
    fix = fix_of(FAULTY_CABLE.encode("utf-8"))
    assert fix.new == FIXED_CABLE.encode("utf-8")
    assert fix.line == 13 and fix.codes == ("T002", "T005")


@pytest.mark.parametrize("name", sorted(ENCODED_COPIES))
def test_encoding_bom_and_line_endings_are_kept(name):
    encode = ENCODED_COPIES[name]
    fix = fix_of(encode(FAULTY_CABLE))
    assert fix.new == encode(FIXED_CABLE)


def test_a_utf16_file_stays_utf16():
    data = FAULTY_CABLE.replace("\n", "\r\n").encode("utf-16")
    fix = fix_of(data)
    assert fix.new == FIXED_CABLE.replace("\n", "\r\n").encode("utf-16")


def test_repeated_tags_alone_are_cut_with_their_separator():
    settings = Settings(ruleset=SETTINGS.ruleset, as_of=SETTINGS.as_of, ignore=("T002",))
    fix = fix_of(with_tags("TAGS:  PREL, PGOV, TP, PREL, PGOV,PREL"), settings)
    assert fix.codes == ("T005",)
    assert decode(fix.new).lines[12] == "TAGS:  PREL, PGOV, TP"


def test_tags_on_the_eo_line_leave_the_eo_part_untouched():
    text = FAULTY_CABLE.replace("E.O. 12958: DECL: 04/08/2048\nTAGS: prel; PGOV TP PREL\n",
                                "E.O. 12958: DECL: 04/08/2048 TAGS: prel; PGOV TP PREL\n")
    fix = fix_of(text.encode("utf-8"))
    assert decode(fix.new).lines[11] == "E.O. 12958: DECL: 04/08/2048 TAGS: PREL PGOV TP"


@pytest.mark.parametrize("tags_line, why", [
    ("TAGS: [prel](#) [PGOV](#) [TP](#) [PGOV](#)", "links"),       # links: T002 offers no correction
    ("TAGS: OVIP SMITH, JOHN PREL; TP", None),                       # a bare name: not certain
    ("TAGS: PREL PGOV\n  TP PREL", "continues on the next lines"),
    ("TAGS: PREL, PGOV, TP, Organized Crime", None),   # prose, not tags: T001's, no format finding to fix
    ("TAGS: prel, pgov,\ntp, mt", "next line"),      # wrapped in lower case: refused either way
    ("TAGS: OVIP;XX, XX TP", None),   # found by hypothesis (half a name was dropped): a name is never rewritten
])
def test_uncertain_corrections_are_left_alone(tags_line, why):
    data = with_tags(tags_line)
    if why is None:
        assert fix_of(data) is None
    else:
        with pytest.raises(NotFixed, match=why):
            fix_of(data)


def test_a_repeated_known_tag_is_dropped_even_beside_a_bare_name():
    fix = fix_of(with_tags("TAGS: OVIP SMITH, JOHN PREL TP PREL"))
    assert fix.codes == ("T005",) and decode(fix.new).lines[12] == "TAGS: OVIP SMITH, JOHN PREL TP"


def test_no_finding_no_fix():
    assert fix_of(FIXED_CABLE.encode("utf-8")) is None


def test_the_fix_never_changes_how_the_cable_is_classified():
    before = FAULTY_CABLE.encode("utf-8")
    fix = fix_of(before)
    old, new = (summarise(build(decode(b)), "x", None) for b in (before, fix.new))
    assert old.pop("tags") == ["PREL", "PGOV", "TP", "PREL"] and new.pop("tags") == ["PREL", "PGOV", "TP"]
    assert old == new


# ---------------------------------------------------------------- the command line

def test_diff_previews_and_writes_nothing(tmp_path):
    cable = tmp_path / "c.txt"
    cable.write_text(FAULTY_CABLE)
    before = cable.stat()
    status, out, err = run("--diff", str(cable))
    assert out.splitlines()[2:7] == ["@@ -10,7 +10,7 @@", " SIPDIS", " ", " E.O. 12958: DECL: 04/08/2048",
                                     "-TAGS: prel; PGOV TP PREL"]
    assert f"+{FIXED_TAGS}" in out.splitlines()
    assert cable.read_text() == FAULTY_CABLE and cable.stat().st_mtime_ns == before.st_mtime_ns
    assert status == 1  # errors remain after the fix
    assert sorted(os.listdir(tmp_path)) == ["c.txt"]


def _applied(diff: bytes, data: bytes) -> bytes:
    """`data` with the one hunk of `diff` applied as `patch` applies it: every context and removed
    line must be the file's bytes exactly (its encoding, its line endings)."""
    lines = data.split(b"\n")
    lines = [line + b"\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    head, *body = diff.split(b"\n@@ ", 1)[1].split(b"\n", 1)
    start = int(head.split(b" ")[0].split(b",")[0][1:]) - 1
    old, new = [], []
    for line in body[0].split(b"\n")[:-1]:
        if line == b"\\ No newline at end of file":
            old[-1], new[-1] = old[-1].rstrip(b"\n"), new[-1].rstrip(b"\n")
            continue
        sign, text = line[:1], line[1:] + b"\n"
        if sign in (b" ", b"-"):
            old.append(text)
        if sign in (b" ", b"+"):
            new.append(text)
    assert lines[start:start + len(old)] == old, "a context or removed line is not the file's bytes"
    return b"".join(lines[:start] + new + lines[start + len(old):])


@pytest.mark.parametrize("name", sorted(n for n in ENCODED_COPIES if "utf16" not in n and "utf32" not in n))
def test_the_diff_applies_to_the_file_in_its_encoding_and_line_endings(name, tmp_path):
    data = ENCODED_COPIES[name](FAULTY_CABLE)
    fix = fix_of(data)
    assert _applied(fix.diff(), data) == fix.new
    cable = tmp_path / "c.txt"
    cable.write_bytes(data)
    status, out, err = run("--diff", str(cable))
    assert _applied(out.encode("utf-8", "surrogateescape"), data) == fix.new


def test_the_diff_of_a_file_without_a_final_line_break_says_so():
    text = "\n".join(FAULTY_CABLE.split("\n")[:16])  # the TAGS line three lines from the end
    data = text.encode("utf-8")
    fix = fix_of(data)
    assert fix.diff().endswith(b"\n\\ No newline at end of file\n")
    assert _applied(fix.diff(), data) == fix.new


def test_fix_writes_keeps_mode_and_link_and_reports_what_remains(tmp_path):
    cable = tmp_path / "c.txt"
    cable.write_text(FAULTY_CABLE)
    cable.chmod(0o640)
    os.symlink("c.txt", tmp_path / "link.txt")
    status, out, err = run("--fix", "--format", "json", str(tmp_path / "link.txt"))
    assert cable.read_text() == FIXED_CABLE
    assert (tmp_path / "link.txt").is_symlink()
    assert stat.S_IMODE(cable.stat().st_mode) == 0o640
    codes = {d["code"] for d in json.loads(out)}
    assert "T002" not in codes and "T005" not in codes and "P003" in codes
    assert "link.txt:13: fixed T002, T005 on the TAGS line" in err
    assert status == 1
    assert sorted(os.listdir(tmp_path)) == ["c.txt", "link.txt"]


def test_fix_leaves_clean_files_untouched_and_the_exit_status_follows_what_remains(tmp_path):
    clean = Path(__file__).resolve().parents[1] / "examples" / "clean-telegram.txt"
    (tmp_path / "w.txt").write_text(clean.read_text().replace("TAGS: ", "TAGS: prel "))
    (tmp_path / "clean.txt").write_bytes(clean.read_bytes())
    inode = (tmp_path / "clean.txt").stat().st_ino
    assert run("--fail-on", "warning", str(tmp_path))[0] == 1  # the T002 warning
    status, out, err = run("--fix", "--fail-on", "warning", str(tmp_path))
    assert status == 0, out  # fixed: only the info finding of the clean cable remains
    assert (tmp_path / "clean.txt").stat().st_ino == inode
    assert "prel" not in (tmp_path / "w.txt").read_text() and "fixed T002" in err


def test_standard_input_is_never_written(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(FAULTY_CABLE.encode("utf-8"))))
    status, out, err = run("--fix", "-")
    assert "standard input is not fixed" in err and "T002" in out and status == 1


# ---------------------------------------------------------------- the atomic writer

def test_atomic_write_failure_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "c.txt"
    target.write_bytes(b"old")
    calls = []

    def failing_write(fd, data):
        calls.append(len(data))
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", failing_write)
    with pytest.raises(OSError):
        write_atomic(str(target), b"new" * 1000)
    monkeypatch.undo()
    assert calls and target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["c.txt"]


def test_stale_temporaries_of_dead_writers_are_cleaned_live_ones_kept(tmp_path):
    target = tmp_path / "c.txt"
    target.write_bytes(b"old")
    dead = os.fork()
    if dead == 0:
        os._exit(0)
    os.waitpid(dead, 0)
    stale = tmp_path / f".c.txt.cablelint-{dead}-0badf00d.tmp"
    live = tmp_path / f".c.txt.cablelint-{os.getppid()}-0badf00d.tmp"
    other = tmp_path / f".d.txt.cablelint-{dead}-0badf00d.tmp"
    for path in (stale, live, other):
        path.write_bytes(b"partial")
    assert is_temp_for(Path(temp_name_for(str(target))).name, "c.txt") == os.getpid()
    assert clean_stale(str(target)) == [str(stale)]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["c.txt", live.name, other.name])


def _kill_mid_write(target: Path, new: bytes, delay: float) -> None:
    """Start a child that writes `new` to `target` atomically; SIGKILL it after `delay` s."""
    ready, started = os.pipe()
    pid = os.fork()
    if pid == 0:  # the writer: killed at some point, never returns into pytest
        try:
            os.close(ready)
            os.write(started, b"!")
            write_atomic(str(target), new)
        finally:
            os._exit(0)
    os.close(started)
    os.read(ready, 1)
    os.close(ready)
    time.sleep(delay)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


def test_a_writer_killed_at_random_moments_leaves_the_old_or_the_new_file(tmp_path):
    target = tmp_path / "cable.txt"
    old = FAULTY_CABLE.encode("utf-8") * 8000     # about 8 MB, so the write takes a while
    new = FIXED_CABLE.encode("utf-8") * 8000
    target.write_bytes(old)
    started = time.perf_counter()
    write_atomic(str(target), new)
    window = (time.perf_counter() - started) * 1.5 + 0.002
    rng = random.Random(8)
    outcomes = {"old": 0, "new": 0, "old with a temporary left": 0}
    for _ in range(100):
        target.write_bytes(old)
        _kill_mid_write(target, new, rng.uniform(0, window))
        content = target.read_bytes()
        assert content in (old, new), "a partial file"
        leftovers = [p.name for p in tmp_path.iterdir() if p.name != target.name]
        assert all(is_temp_for(name, target.name) for name in leftovers), leftovers
        outcome = "new" if content == new else "old"
        outcomes[outcome] += 1
        outcomes["old with a temporary left"] += outcome == "old" and bool(leftovers)
    print(f"\n100 kills: {outcomes}")
    assert outcomes["new"] and outcomes["old with a temporary left"], outcomes  # kills landed mid-write
    write_atomic(str(target), old)  # the next run cleans what the killed writers left
    assert [p.name for p in tmp_path.iterdir()] == [target.name]
    assert target.read_bytes() == old


def test_an_indented_file_is_fixed_and_keeps_its_margin():
    indented = "\n".join("    " + line if line.strip() else line for line in FAULTY_CABLE.split("\n"))
    fixed = fix_of(indented.encode("utf-8"))
    assert fixed is not None
    assert fixed.new.decode("utf-8") == "\n".join("    " + line if line.strip() else line
                                                  for line in FIXED_CABLE.split("\n"))


def test_a_form_feed_and_a_no_break_space_around_the_tags_are_kept_by_the_fix():
    # (read as spaces, written back as they were: a fix changes the tags, nothing else)
    faulty = FAULTY_CABLE.replace("TAGS: prel; PGOV TP PREL", "\fTAGS: prel; PGOV TP PREL\u00a0 ")
    fixed = fix_of(faulty.encode("utf-8"))
    assert fixed is not None
    tags_line = next(line for line in FIXED_CABLE.split("\n") if line.startswith("TAGS"))
    assert fixed.new.decode("utf-8") == FIXED_CABLE.replace(tags_line, "\f" + tags_line + "\u00a0 ")


def test_a_double_spaced_file_is_fixed_on_its_own_tags_line():
    spaced = "".join(line + "\n\n" for line in FAULTY_CABLE.split("\n"))  # (a blank line after every line)
    fixed = fix_of(spaced.encode("utf-8"))
    assert fixed is not None and fixed.line == 25  # line 13 of the cable, on disk
    assert fixed.new.decode("utf-8") == "".join(line + "\n\n" for line in FIXED_CABLE.split("\n"))


@pytest.mark.parametrize("ending", ["", "\n", "\r\n"])
def test_a_classic_mac_file_is_read_but_not_fixed(ending):
    # (also with an LF or a CRLF a tool added at its end: read as every editor reads it)
    data = (FAULTY_CABLE.replace("\n", "\r") + ending).encode("utf-8")
    diagnostics = lint_bytes("x.txt", data, SETTINGS).diagnostics
    assert [(d.code, d.line) for d in diagnostics if d.code in ("T002", "T005")] == [("T002", 13), ("T005", 13)]
    with pytest.raises(NotFixed, match="CR alone"):
        plan("x.txt", data, diagnostics, SETTINGS.ruleset)


def test_a_quoted_tags_line_re_wrapped_onto_the_next_line_is_not_fixed():
    # (the rest of the quoted TAGS line stands on the next line without its quote mark)
    text = ("> C O N F I D E N T I A L MARLOWE 000412\n>\n> E.O. 12958: DECL: 04/02/2018\n"
            "> TAGS: PREL; PGOV, ECON, PGO\nV, ETRD, IT\n> SUBJECT: THE PLAN\n>\n> 1. (C) The harbor board met.\n"
            "> 2. (C) The mayor spoke.\n")
    data = text.encode()
    diagnostics = lint_bytes("x.txt", data, SETTINGS).diagnostics
    assert "T002" in {d.code for d in diagnostics}
    with pytest.raises(NotFixed, match="re-wrapped"):
        plan("x.txt", data, diagnostics, SETTINGS.ruleset)


@pytest.mark.parametrize("tags_line, says", [("TAGS: prel; PGOV TP PREL &amp;", "character references"),
                                             ("TAGS: prel;\u200b PGOV TP PREL", "invisible characters"),
                                             ("TAGS: prel; <a href='/tag/PGOV'>PGOV</a> TP PREL", "markup")])
def test_a_tags_line_holding_a_web_copys_characters_is_read_but_not_fixed(tags_line, says):
    data = with_tags(tags_line)
    diagnostics = lint_bytes("x.txt", data, SETTINGS).diagnostics
    assert "T002" in {d.code for d in diagnostics}
    with pytest.raises(NotFixed, match=says):
        plan("x.txt", data, diagnostics, SETTINGS.ruleset)
