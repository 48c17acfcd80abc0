"""Odd and hostile inputs, handled per the contract: no crash, no hang, no bare traceback, and
line numbers that stay true on disk whatever the file's encoding and line endings."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import unprivileged
from cablelint.parse.source import decode, read_limited
from cablelint.policy import ruleset
from cablelint.policy.rulesetmodel import Settings
from cablelint.run.discovery import discover
from cablelint.run.engine import lint_bytes, lint_file
from clirun import run_main
from odd_inputs import ENCODED_COPIES, FAULTY_CABLE, assert_total, build

AS_OF = "2026-11-27"
SETTINGS = Settings(ruleset=ruleset.load(()), as_of=dt.date(2026, 11, 27))


def cli(*args: str, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    """The real command in a child process, so a hang fails the test instead of freezing it."""
    return subprocess.run([sys.executable, "-m", "cablelint.cli", "--as-of", AS_OF, *args], cwd=cwd,
                          capture_output=True, text=True, timeout=timeout)


def positions(result) -> list[tuple]:
    return [(d.line, d.column, d.end_line, d.end_column, d.code, d.message) for d in result.diagnostics]


def by_file(records: list[dict]) -> dict[str, list[tuple]]:
    out: dict[str, list[tuple]] = {}
    for r in records:
        out.setdefault(os.path.basename(r["path"]), []).append(
            (r["line"], r["column"], r.get("end_line"), r.get("end_column"), r["code"], r["message"]))
    return out


# ---------------------------------------------------------------- the odd-inputs folder

def test_odd_inputs_folder_is_linted_without_crash_and_copies_agree(tmp_path):
    paths = build(tmp_path / "odd")
    done = cli("--format", "json", "--jobs", "2", "odd", cwd=tmp_path)
    assert done.returncode in (0, 1), done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    found = by_file(json.loads(done.stdout))
    assert set(found) == set(paths), "every file is reported, none skipped"
    assert [d[4] for d in found["binary.txt"]] == ["X001"]
    original = found["faulty.txt"]
    assert len(original) >= 8
    for name in ENCODED_COPIES:
        assert found[name] == original, name
    assert found["nul-bytes.txt"] == original
    assert {d[0] for d in found["empty.txt"]} == {1}
    assert {d[0] for d in found["long-line.txt"]} == {1}


# ---------------------------------------------------------------- inputs that once broke it

REGRESSIONS = sorted((Path(__file__).resolve().parent / "regressions").glob("*.txt"))


def test_the_regression_folder_is_not_empty():
    assert REGRESSIONS


@pytest.mark.parametrize("as_of, date", [("2026-11-27", None), ("2026-11-27", "2000-01-01"), ("9999-12-31", None),
                                         ("0001-01-01", "9999-12-31"), ("9999-12-31", "0001-01-01")])
@pytest.mark.parametrize("path", REGRESSIONS, ids=lambda p: p.name)
def test_every_input_that_once_broke_it_is_linted_per_the_contract(path, as_of, date):
    chosen = Settings(ruleset=SETTINGS.ruleset, as_of=dt.date.fromisoformat(as_of),
                      date=dt.date.fromisoformat(date) if date else None, release=True)
    data = path.read_bytes()
    assert_total(data, lint_bytes(path.name, data, chosen))


# ---------------------------------------------------------------- single odd files

@pytest.mark.parametrize("data", [b"", b"\n", b"   \n\t\n\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf\r\n", b"\r\n\r\n"],
                         ids=["empty", "newline", "blank", "bom-only", "bom-crlf", "crlf-only"])
def test_empty_and_blank_files_report_at_line_one(data):
    result = lint_bytes("x.txt", data, SETTINGS)
    assert not result.errors
    assert result.diagnostics and {d.line for d in result.diagnostics} == {1}
    assert "X001" not in {d.code for d in result.diagnostics}  # empty is a cable with nothing in it


def test_binary_file_is_x001_and_the_other_files_are_still_linted(tmp_path):
    (tmp_path / "scan.txt").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8)
    (tmp_path / "cable.txt").write_text(FAULTY_CABLE, encoding="utf-8")
    done = cli("--format", "json", "--jobs", "1", ".", cwd=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    found = by_file(json.loads(done.stdout))
    assert [(d[0], d[1], d[4]) for d in found["scan.txt"]] == [(1, 1, "X001")]
    assert len(found["cable.txt"]) >= 8


@pytest.mark.parametrize("seed", range(40))
def test_random_bytes_are_binary_whatever_their_share_of_control_bytes(seed):
    data = random.Random(seed).randbytes(3000)  # (about one byte in ten a control: either side of the line)
    [note] = lint_bytes("x.bin", data, SETTINGS).diagnostics
    assert note.code == "X001" and "binary" in note.message


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("quote", ["'", "\u2019"])  # (a curly quote's high byte is no NUL)
def test_utf16_without_its_mark_is_named_as_such_not_as_binary(codec, quote):
    result = lint_bytes("x.txt", FAULTY_CABLE.replace("'", quote).encode(codec), SETTINGS)
    [note] = result.diagnostics
    assert note.code == "X001" and "UTF-16 text without a byte-order mark" in note.message


@pytest.mark.parametrize("name", sorted(ENCODED_COPIES))
def test_encoded_copies_give_the_same_diagnostics_at_the_same_lines(name):
    original = lint_bytes("x", FAULTY_CABLE.encode("utf-8"), SETTINGS)
    copy = lint_bytes("x", ENCODED_COPIES[name](FAULTY_CABLE), SETTINGS)
    assert positions(copy) == positions(original)


@pytest.mark.parametrize("separator", ["\x00", "\x0c", "\x0b", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"],
                         ids=lambda s: f"U+{ord(s):04X}")
def test_characters_other_editors_split_on_do_not_move_lines(separator):
    """Python's str.splitlines() splits on these; files end their lines with LF, CRLF or CR."""
    lines = FAULTY_CABLE.split("\n")
    lines[17] = lines[17].replace("fisheries minister", f"fisheries{separator}minister")
    lines[21] = lines[21] + separator
    original = lint_bytes("x", FAULTY_CABLE.encode("utf-8"), SETTINGS)
    changed = lint_bytes("x", "\n".join(lines).encode("utf-8"), SETTINGS)
    assert not changed.errors
    assert [(d.line, d.code) for d in changed.diagnostics] == [(d.line, d.code) for d in original.diagnostics]


def test_a_cr_alone_ends_a_line_as_editors_and_python_s_text_files_read_it():
    """A file whose lines came from several systems: a CR alone among LFs ends its line (it hid the
    lines it joined: here the date-time group and the TAGS line, read as one)."""
    lines = FAULTY_CABLE.split("\n")
    text = "\n".join(lines[:5]) + "\r" + "\n".join(lines[5:])  # (lines 5 and 6 joined by a CR alone)
    original = lint_bytes("x", FAULTY_CABLE.encode("utf-8"), SETTINGS)
    changed = lint_bytes("x", text.encode("utf-8"), SETTINGS)
    assert positions(changed) == positions(original)
    assert len(text.encode("utf-8").splitlines()) == len(lines) - 1  # (as Python's own text files count them)


def test_a_2mb_single_line_is_linted():
    data = b"SUBJECT: " + b"(S) PARA 1 SEE PARA 2 " * (2 * 1024 * 1024 // 22)
    result = lint_bytes("x", data, SETTINGS)
    assert not result.errors
    assert result.diagnostics and {d.line for d in result.diagnostics} == {1}
    assert all(d.column <= len(data) + 1 for d in result.diagnostics)


@pytest.mark.parametrize("stamp, line", [
    ("", "2. B1"), ("", "2. (b)(1)"), ("", "2. B1 1.4(D)"), ("RELEASE IN PART\n", "B1"), ("RELEASE IN PART\n", "B1,")])
def test_a_release_code_then_a_megabyte_of_blanks_is_read_in_linear_time(stamp, line):
    # (the code patterns once had runs of blanks side by side: a long run of them was tried every
    # way it splits, minutes for this line)
    data = (stamp + "CONFIDENTIAL\nSUBJECT: X\n\n1. (C) Text.\n\n" + line + " \t" * 500_000 + "x\n").encode()
    result = lint_bytes("x", data, SETTINGS)
    assert not result.errors and "X004" not in {d.code for d in result.diagnostics}


@pytest.mark.parametrize("line", [
    "PAGE 02 RUEHFRA0170 S" + " " * 1_000_000 + "x",   # a printout's page head, then a megabyte of blanks
    "1. (S/REL TO USA" + " ," * 400_000 + " (",        # a release list's commas, blanks before each
])
def test_a_page_head_or_a_release_list_then_runs_of_blanks_is_read_in_linear_time(line):
    # (the page head's pattern once tried every place in the run of blanks for each of its words,
    # hours for this line; the release list's tried every split of each blank before a comma)
    data = ("CONFIDENTIAL\nSUBJECT: X\n\n1. (C) Text.\n" + line + "\nAUS) More.\n").encode()
    result = lint_bytes("x", data, SETTINGS)
    assert not result.errors


@pytest.mark.parametrize("line", [
    "1. (C) See para 1" + " " * 1_000_000 + "x",       # a paragraph's reference, then a megabyte of blanks
    "1. (C) See para 1" + "\n" * 200_000 + "x",        # ... of line breaks
    "x    (b)x" * 100_000,                            # gaps before lettered items, the length of a megabyte
    "TAGS: PREL    B1, 1.4(D)" + " , " * 300_000 + "x",  # a margin's codes, then commas and blanks
    "\n".join(["BEGIN TEXT\nBEGIN TEXT\nEND TEXT"] * 30_000),    # quoted texts never closed, one in another
    "TAGS: PREL" + "    B1" * 200_000 + " x",                 # a margin's codes, each after a gap, the line going on
    "TAGS: PREL" + "    (b)(1)" * 100_000 + " x",
    "2. (C) FOL RPT" * 80_000 + "\n3. (C) More.",              # a repeat's lead-in, over and over on one line
    "2. (C) The text of reftel" + " follows" * 100_000 + ":",  # a lead-in's words, over and over
    "2. (C) TEXT OF X FOLLOWS" + " " * 1_000_000 + "x",        # a lead-in, then a megabyte of blanks
    "2. (C) FOL RPT X" + " " * 1_000_000 + "x",
])
def test_a_reference_or_margin_codes_then_runs_of_blanks_are_read_in_linear_time(line):
    # (the patterns once had runs of blanks side by side, or looked to the line's end at every gap:
    # minutes for these lines)
    data = ("CONFIDENTIAL\nSUBJECT: X\n\n" + line + "\n\n2. (C) More.\n").encode()
    result = lint_bytes("x", data, SETTINGS)
    assert not result.errors


def test_messages_forwarded_one_inside_another_thousands_deep_are_read_without_a_crash():
    # (each forward quotes the last under its own header: the copy quoted deepest is looked for a few
    # levels down only, not once per level, which would exhaust the stack and be quadratic)
    lines = ["> " * depth + "From: x" for depth in range(2_000)] + ["> " * 2_000 + "SUBJECT: X"] * 10
    result = lint_bytes("x", "\n".join(lines).encode(), SETTINGS)
    assert not result.errors


def test_the_page_heads_pattern_alone_is_linear_on_a_long_run_of_blanks():
    from cablelint.parse import layout

    assert layout._PAGE_HEAD.match("PAGE 02 RUEHFRA0170 S" + " " * 200_000 + "x") is None  # (was minutes)
    assert layout._PAGE_HEAD.match("PAGE 02 RUEHFRA0170 S E C R E T MARLOWE 000412") is not None
    assert layout._PAGE_HEAD.match("PAGE 02 STATE 187673") is not None  # (a 1970s printout's: no date-time group)
    assert layout._PAGE_HEAD.match("PAGE 10 OF THE REPORT 2009") is None  # (prose: no serial)


def test_a_file_over_the_size_limit_is_x001(tmp_path):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as handle:
        handle.truncate(65 * 1024 * 1024)  # sparse: cheap to make
    result = lint_file(str(big), SETTINGS)
    assert [(d.line, d.code) for d in result.diagnostics] == [(1, "X001")]
    assert "larger than" in result.diagnostics[0].message


def test_parse_refuses_a_file_over_the_size_limit_as_the_lint_does(tmp_path, capsys):
    from cablelint.cli import main

    big = tmp_path / "huge.txt"
    with open(big, "wb") as handle:
        handle.truncate(65 * 1024 * 1024)  # sparse: cheap to make
    assert main(["parse", str(big)]) == 2
    assert "huge.txt: the file is larger than 64 MB" in capsys.readouterr().err


@pytest.mark.parametrize("size", [0, 1, 8014, 65536, 65537, 300_000])
def test_a_file_is_read_whole_up_to_the_limit(tmp_path, size):
    path = tmp_path / "c.txt"
    data = bytes(i % 251 for i in range(size))
    path.write_bytes(data)
    assert read_limited(str(path), 10**6) == data
    assert read_limited(str(path), 1000) == data[:1001]  # one byte over the limit says "too large"


def test_a_file_that_grows_after_its_size_was_taken_is_read_whole(tmp_path, monkeypatch):
    """fstat's size only sizes the first read: reading goes on to the end of the file."""
    path = tmp_path / "c.txt"
    data = b"x" * 200_000
    path.write_bytes(data)
    real_fstat = os.fstat

    class Smaller:
        def __init__(self, result):
            self.st_size, self.st_mode = 10, result.st_mode

    monkeypatch.setattr("cablelint.parse.source.os.fstat", lambda fd: Smaller(real_fstat(fd)))
    assert read_limited(str(path), 10**6) == data
    assert read_limited(str(path), 150_000) == data[:150_001]


def test_a_file_without_a_size_is_read_whole(tmp_path):
    """/proc files (and FIFOs) have no size: stat says 0."""
    status = "/proc/self/status"
    if not os.path.exists(status):
        pytest.skip("no /proc")
    assert read_limited(status, 10**6).startswith(b"Name:")


# Letters outside ASCII that a case-insensitive pattern matches as an ASCII letter, and that
# upper() leaves alone (U+0130, U+212A) or turns into an ASCII letter (U+017F, U+0131): a name
# matched this way and then looked up upper-cased once crashed the parser (the EXD\u0130S caption).
FOLD_TRAPS = [("I", "\u0130"), ("K", "\u212a"), ("S", "\u017f"), ("i", "\u0131"), ("k", "\u212a"), ("s", "\u017f")]


@pytest.mark.parametrize("ascii_letter, trap", FOLD_TRAPS)
def test_letters_that_fold_to_ascii_never_crash_a_look_up(ascii_letter, trap):
    from invented import cable

    release = Settings(ruleset=SETTINGS.ruleset, as_of=SETTINGS.as_of, release=True)
    for text in [FAULTY_CABLE] + [cable(i) for i in range(24)]:
        for variant in (text.replace(ascii_letter, trap), text.upper().replace(ascii_letter.upper(), trap)):
            data = variant.encode("utf-8")
            assert_total(data, lint_bytes("x.txt", data, release))


# ---------------------------------------------------------------- the file system

def _run_main(args: list[str]) -> tuple[int, str, str]:
    return run_main(*args)


def test_unreadable_files_and_directories_are_reported_and_the_rest_is_linted():
    """Run as an ordinary user (tests/unprivileged.py: as `nobody` from a world-readable copy of
    cablelint when the tests run as root, so it works from a clone other users cannot enter)."""
    runner = unprivileged.runner()
    scratch = unprivileged.world_readable_folder("cablelint-unreadable-")
    try:
        _unreadable_case(scratch, runner)
    finally:
        shutil.rmtree(scratch)


def _unreadable_case(scratch: Path, runner) -> None:
    top = scratch / "tree"
    (top / "locked").mkdir(parents=True)
    (top / "locked" / "hidden.txt").write_text(FAULTY_CABLE)
    (top / "ok.txt").write_text(FAULTY_CABLE)
    (top / "secret.txt").write_text(FAULTY_CABLE)
    top.chmod(0o755)
    (top / "ok.txt").chmod(0o644)
    (top / "secret.txt").chmod(0o000)
    (top / "locked").chmod(0o000)
    try:
        done = runner.run("--as-of", AS_OF, "--format", "json", "--jobs", "1", "--no-cache", str(top), cwd=scratch)
    finally:
        (top / "locked").chmod(0o755)
    status, out, err = done.returncode, done.stdout, done.stderr
    assert status == 1 and "Traceback" not in err, err
    found = by_file(json.loads(out))
    assert [(d[0], d[4]) for d in found["secret.txt"]] == [(1, "X001")]
    assert "ermission denied" in found["secret.txt"][0][5]
    assert len(found["ok.txt"]) >= 8
    assert "locked" in err and "cannot read the directory" in err


def test_symbolic_link_loops_end_and_broken_links_are_x001(tmp_path):
    (tmp_path / "real.txt").write_text(FAULTY_CABLE)
    (tmp_path / "sub").mkdir()
    os.symlink("..", tmp_path / "sub" / "up")           # a directory loop
    os.symlink(tmp_path / "sub", tmp_path / "sub" / "self")
    os.symlink("b.txt", tmp_path / "a.txt")              # a file loop
    os.symlink("a.txt", tmp_path / "b.txt")
    os.symlink("nowhere.txt", tmp_path / "dangling.txt")
    done = cli("--format", "json", "--jobs", "1", ".", cwd=tmp_path, timeout=120)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    found = by_file(json.loads(done.stdout))
    assert set(found) == {"real.txt", "a.txt", "b.txt", "dangling.txt"}
    for name in ("a.txt", "b.txt", "dangling.txt"):
        assert [d[4] for d in found[name]] == ["X001"], name


def test_a_fifo_in_a_folder_does_not_hang_the_run(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "real.txt").write_text(FAULTY_CABLE)
    done = cli("--format", "json", "--jobs", "1", ".", cwd=tmp_path, timeout=120)
    assert done.returncode == 1
    assert "pipe.txt: not a regular file (a FIFO)" in done.stderr
    assert set(by_file(json.loads(done.stdout))) == {"real.txt"}


def test_a_very_deep_folder_tree_is_searched(tmp_path):
    """os.walk recursed once per level and crashed past the recursion limit."""
    levels = [tmp_path / "d"]
    for _ in range(1199):
        levels.append(levels[-1] / "d")
    for level in levels:
        os.mkdir(level)
    deep = levels[-1] / "deep.txt"
    deep.write_text(FAULTY_CABLE)
    try:
        found = discover([str(tmp_path)])
    finally:  # bottom up: pytest's own clean-up recurses and would fail on this tree
        deep.unlink()
        for level in reversed(levels):
            os.rmdir(level)
    assert found.files == (str(deep),) and not found.problems


def test_a_file_found_under_several_spellings_is_linted_once(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(FAULTY_CABLE)
    monkeypatch.chdir(tmp_path)
    found = discover(["a.txt", "./a.txt", str(tmp_path / "a.txt"), "."])
    assert found.files == ("a.txt",)


# ---------------------------------------------------------------- custom rule patterns

def _rule_file(folder: Path, pattern: str) -> Path:
    path = folder / "rules.yaml"
    path.write_text("extends: [default]\nrules:\n  C100:\n    name: custom-check\n    scope: text\n"
                    f"    pattern: {json.dumps(pattern)}\n    message: \"found {{match}}\"\n")
    return path


@pytest.mark.parametrize("pattern, why", [
    (r"(\w+)\s\1", "a back-reference"),
    ("(?=X)Y", "look-ahead or look-behind"),
    ("A++", "a possessive quantifier"),
    ("A{1001}", "a repeat over 1000"),
    ("(unclosed", "invalid regular expression"),
    ("a{0,300}a{0,300}a{0,300}@", "more than 1000"),
])
def test_patterns_re2_cannot_run_fast_are_refused_when_the_rule_file_is_loaded(tmp_path, pattern, why):
    rules = _rule_file(tmp_path, pattern)
    (tmp_path / "c.txt").write_text(FAULTY_CABLE)
    status, out, err = _run_main(["--rules", str(rules), str(tmp_path / "c.txt")])
    assert status == 2 and out == ""
    assert err.startswith(f"cablelint: {rules}:6:5: pattern refused") and why in err, err


@pytest.mark.parametrize("pattern", ["(A+)+@", "(?:A|AB)+@", ".*X.*Y.*Z.*W.*@", "a{0,100}a{0,100}a{0,100}@"])
def test_patterns_that_backtrack_in_python_run_in_linear_time_in_workers_and_threads(tmp_path, pattern):
    """The screen once refused the first three and let the last take seconds per cable under a
    SIGALRM limit (none under --dask): in RE2 each runs over 4,096-character lines of adversarial
    text in milliseconds, in forked workers and in a thread alike."""
    import threading
    import time

    rules = _rule_file(tmp_path, pattern)
    hostile = "\n".join(["A" * 4095, "a" * 4095, "X Y Z W " * 500]) + "\n"
    for index in range(16):  # enough files for two worker processes
        (tmp_path / f"c{index:02d}.txt").write_text(FAULTY_CABLE + hostile * 20)
    started = time.monotonic()
    status, out, err = _run_main(["--rules", str(rules), "--select", "C100", "--jobs", "2", "--format", "json",
                                  "--no-cache", str(tmp_path)])
    assert status == 0 and json.loads(out) == [] and err == "", err
    assert time.monotonic() - started < 30
    settings = Settings(ruleset=ruleset.load([rules]), as_of=dt.date(2026, 11, 27), select=("C100",))
    results: list = []
    worker = threading.Thread(target=lambda: results.append(
        lint_bytes("c.txt", (FAULTY_CABLE + hostile * 20).encode(), settings)))
    started = time.monotonic()
    worker.start()
    worker.join(30)
    assert results and results[0].diagnostics == () and time.monotonic() - started < 10


def test_custom_patterns_need_no_signal(tmp_path, monkeypatch):
    """Matching never sets a timer: SIGALRM is left to the program that embeds cablelint."""
    import signal

    rules = _rule_file(tmp_path, "TEXT")
    monkeypatch.setattr(signal, "setitimer", lambda *a: pytest.fail("a timer was set"))
    monkeypatch.setattr(signal, "signal", lambda *a: pytest.fail("a signal handler was set"))
    settings = Settings(ruleset=ruleset.load([rules]), as_of=dt.date(2026, 11, 27), select=("C100",))
    assert [d.code for d in lint_bytes("c.txt", (FAULTY_CABLE + "SOME TEXT\n").encode(), settings).diagnostics] \
        == ["C100"]


# ---------------------------------------------------------------- a crashing rule

def _crash_on(marker: str, code: str = "T003"):
    """The registry with rule `code` replaced by one that raises on cables containing `marker`."""
    from cablelint import checks as registry

    original = registry.all_rules()

    def explode(ctx, options):
        if any(marker in line for line in ctx.cable.lines):
            raise RuntimeError(f"{code} exploded")
        return iter(())

    return lambda: tuple(r._replace(check=explode) if r.code == code else r for r in original)


def test_a_span_past_the_end_of_its_line_is_pulled_back_inside_the_file(monkeypatch):
    from cablelint import checks as registry
    from cablelint.checks.diagnostics import Finding
    from cablelint.parse.model import Span

    def overreach(ctx, options):
        yield Finding(Span(1, 40, 9, 99), "reaches past the end")

    rules = tuple(r._replace(check=overreach) if r.code == "T003" else r for r in registry.all_rules())
    monkeypatch.setattr("cablelint.run.engine.all_rules", lambda: rules)
    result = lint_bytes("x.txt", b"TAGS: PREL\nSHORT\n", Settings(ruleset=SETTINGS.ruleset, as_of=SETTINGS.as_of,
                                                                   select=("T003",)))
    assert [(d.line, d.column, d.end_line, d.end_column) for d in result.diagnostics] == [(1, 11, 2, 6)]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_internal_error_names_file_and_rule_and_the_rest_is_linted(tmp_path, monkeypatch, jobs):
    monkeypatch.setattr("cablelint.run.engine.all_rules", _crash_on("BOOM"))
    for index in range(16):  # enough files for two worker processes
        text = FAULTY_CABLE.replace("End comment.", "BOOM") if index == 3 else FAULTY_CABLE
        (tmp_path / f"c{index:02d}.txt").write_text(text)
    status, out, err = _run_main(["--as-of", AS_OF, "--jobs", jobs, "--format", "json", str(tmp_path)])
    assert status == 2
    assert f"internal error in rule T003 on {tmp_path / 'c03.txt'}: RuntimeError: T003 exploded" in err
    assert "--debug" in err and "Traceback" not in err
    found = by_file(json.loads(out))
    assert len(found) == 16
    assert len(found["c03.txt"]) >= 8, "the other rules still ran on the file"


def test_debug_shows_the_traceback(tmp_path, monkeypatch):
    monkeypatch.setattr("cablelint.run.engine.all_rules", _crash_on("BOOM"))
    (tmp_path / "c.txt").write_text(FAULTY_CABLE + "BOOM\n")
    status, _out, err = _run_main(["--as-of", AS_OF, "--jobs", "1", "--debug", str(tmp_path / "c.txt")])
    assert status == 2
    assert "Traceback (most recent call last)" in err and "T003 exploded" in err


def test_a_parser_crash_is_an_internal_error_not_a_traceback(tmp_path, parser_failing_on):
    parser_failing_on("BOOM")
    (tmp_path / "a.txt").write_text(FAULTY_CABLE + "BOOM\n")
    (tmp_path / "b.txt").write_text(FAULTY_CABLE)
    status, out, err = _run_main(["--as-of", AS_OF, "--jobs", "1", "--format", "json", str(tmp_path)])
    assert status == 2 and "Traceback" not in err
    assert "a.txt: ValueError: parser exploded" in err
    assert set(by_file(json.loads(out))) == {"b.txt"}


def test_a_long_run_of_x_in_a_classified_by_statement_is_judged_in_linear_time():
    # (the test for a redaction ending the statement once tried its pattern from each X of the run)
    import re as _re

    from cablelint.checks.authority import _REDACTION_ENDS

    pattern = _REDACTION_ENDS.pattern
    assert _re.search(r"\(\?<!\[Xx\]\)", pattern), "the search must start only where a run of X begins"
    assert _REDACTION_ENDS.search("XXXXXXXXXXXX") and not _REDACTION_ENDS.search("XXXXXXXXXXXX, Counselor")


@pytest.mark.parametrize("name", ["ZO\u00cb \u00d6\u2019BRIEN", "PER\u00da\u2019S GARC\u00cdA"])
def test_a_cp1252_file_whose_accented_capital_and_quote_happen_to_be_utf8_is_read_as_cp1252(name):
    """`Ö’` in CP1252 is D6 92, a valid UTF-8 pair (U+0592, a Hebrew accent): beside bytes no UTF-8
    reads, the file is CP1252 throughout, and the name and the columns after it are as written."""
    text = FAULTY_CABLE.replace("Ana Exemplo", name.title()).replace("SÃO TOMÉ", "S\u00c3O TOM\u00c9 " + name)
    data = text.encode("cp1252")
    source = decode(data)
    assert source.encoding == "cp1252" and "\n".join(source.lines) + "\n" == text
    assert positions(lint_bytes("x", data, SETTINGS)) == positions(lint_bytes("x", text.encode("utf-8"), SETTINGS))


def test_a_utf8_file_with_a_stray_cp1252_byte_keeps_its_utf8():
    data = "caf\u00e9 \u2019quote\u2019 \u041c\u043e\u0441\u043a\u0432\u0430".encode("utf-8") + b" \x92\n"
    assert decode(data).lines == ("caf\u00e9 \u2019quote\u2019 \u041c\u043e\u0441\u043a\u0432\u0430 \u2019",)


@pytest.mark.parametrize("text", ["DECREE \u2116 12", "MaxiGrow\u2122", "Ro\u0219ca"])
def test_a_utf8_sign_or_letter_beside_stray_cp1252_bytes_keeps_its_utf8(text):
    data = text.encode("utf-8") + b" \x93useful\x94\n"
    assert decode(data).lines == (text + " \u201cuseful\u201d",)


def test_a_transcription_s_numbers_under_datelines_read_in_linear_time():
    """Each number alone under a dateline looked for the heading in every line above it."""
    text = "41. Telegram From the Embassy in Marlowe to the Department of State\n\n" \
        + "Marlowe, June 5, 1975, noon.\n345.\n" * 20000
    result = lint_bytes("x.txt", text.encode("utf-8"), SETTINGS)
    assert not result.errors
