"""The conventions of a well-kept linter (issue 17, items 1-4): only cables are linted (X002),
exclusions and .gitignore, the nearest config applies to each file, the usual options (-V, -q,
--stdin-filename, --select checked, --extend-select), and info findings stay information in JUnit
and SARIF."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from cablelint import __version__
from cablelint.cache import replay
from cablelint.cli import _lint_parser, effective, lintcommand
from cablelint.cli.options import LintOptions
from clirun import run_main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
FAULTY = EXAMPLES / "faulty-telegram.txt"
CLEAN_BUT_DUE = EXAMPLES / "clean-telegram.txt"   # only D009 (info) on 2026-11-27
BODY_ONLY = EXAMPLES / "body-only-secret.txt"     # only D011 (info): no date-time group
CORPUS = ROOT.parent / "shared" / "corpus" / "cablegate"
AS_OF = "2026-11-27"
NOTES = "Notes for Tuesday\n\n- ask the post for the cable on the harbor talks\n- book the room\n"


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def lint(*args: str) -> tuple[int, str, str]:
    return run_main("--as-of", AS_OF, "--jobs", "1", *args)


def codes_of(out: str) -> list[str]:
    return [line.split(": ", 1)[1].split()[0] for line in out.splitlines() if ": " in line]


def findings(out: str) -> dict[str, list[str]]:
    """path -> codes, from the text format."""
    found: dict[str, list[str]] = {}
    for line in out.splitlines():
        path, rest = line.split(":", 1)
        found.setdefault(path, []).append(rest.split(": ", 1)[1].split()[0])
    return found


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


# ------------------------------------------------------------------ 1. only cables are cables


def test_a_file_that_is_not_a_cable_gets_one_note_and_passes(tmp_path):
    notes = write(tmp_path / "NOTES.txt", NOTES)
    requirements = write(tmp_path / "requirements.txt", "pyparsing>=3.1\npyyaml>=6.0\n")
    status, out, err = lint(str(notes), str(requirements))
    assert status == 0 and err == ""
    assert findings(out) == {str(notes): ["X002"], str(requirements): ["X002"]}
    assert "[info]" in out and "not a cable" in out


def test_a_file_that_is_not_a_cable_fails_only_under_fail_on_info(tmp_path):
    notes = write(tmp_path / "NOTES.txt", NOTES)
    assert lint("--fail-on", "warning", str(notes))[0] == 0
    assert lint("--fail-on", "info", str(notes))[0] == 1


def test_under_release_every_file_is_linted_as_a_cable(tmp_path):
    notes = write(tmp_path / "NOTES.txt", NOTES)
    status, out, _err = lint("--release", str(notes))
    assert status == 1
    found = codes_of(out)
    assert "X002" not in found and {"S003", "R001"} <= set(found)  # linted: no E.O. line, not releasable


def test_per_file_ignores_silence_x002(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "notes" / "list.txt", NOTES)
    write(tmp_path / "notes.txt", NOTES)
    write(tmp_path / ".cablelint.yaml", 'per-file-ignores:\n  "notes/*": [X002]\n')
    status, out, _err = lint("--fail-on", "info", "notes/list.txt", "notes.txt")
    assert status == 1 and codes_of(out) == ["X002"] and out.startswith("notes.txt:1:1")


@pytest.mark.parametrize("release", [[], ["--release"]])
def test_a_binary_file_stays_x001(tmp_path, release):
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"%PDF-1.4\n\x00\x00\x01\x02 binary \x00" * 20)
    status, out, _err = lint(*release, str(binary))
    assert status == 1 and codes_of(out) == ["X001"]


def test_a_cable_with_any_of_its_structure_is_linted(tmp_path):
    cable = write(tmp_path / "tags-only.txt", "TAGS: PREL PGOV MT\nSUBJECT: HARBOR TALKS\n")
    _status, out, _err = lint(str(cable))
    assert "X002" not in codes_of(out) and "S003" in codes_of(out)  # linted: it has no E.O. line


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is absent")
def test_no_corpus_cable_is_taken_for_something_else(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    status, out, err = run_main("--no-cache", "--select", "X002", "--as-of", AS_OF, "--format", "json", str(CORPUS))
    assert status == 0 and json.loads(out) == [], err


# ------------------------------------------------------------------ exclusions and .gitignore


@pytest.fixture
def archive(tmp_path, monkeypatch) -> Path:
    """archive/{cables/a.txt, cables/drafts/b.txt, venv/lib/LICENSE.txt, old/c.txt}, working directory archive."""
    top = tmp_path / "archive"
    for name in ("cables/a.txt", "cables/drafts/b.txt", "venv/lib/LICENSE.txt", "old/c.txt"):
        (top / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(FAULTY, top / name)
    monkeypatch.chdir(top)
    return top


def linted_paths(*args: str) -> list[str]:
    status, out, err = lint("--format", "json", *args)
    assert status in (0, 1), err
    return sorted({d["path"] for d in json.loads(out)})


def test_the_default_exclusions_leave_out_virtual_environments(archive):
    assert linted_paths(".") == ["./cables/a.txt", "./cables/drafts/b.txt", "./old/c.txt"]
    assert "./venv/lib/LICENSE.txt" in linted_paths("--exclude", "nothing-here", ".")  # exclude replaces them


def test_exclude_and_extend_exclude_on_the_command_line(archive):
    assert linted_paths("--extend-exclude", "drafts", ".") == ["./cables/a.txt", "./old/c.txt"]
    assert linted_paths("--extend-exclude", "cables/a.txt", ".") == ["./cables/drafts/b.txt", "./old/c.txt"]
    assert linted_paths("--extend-exclude", "cables/*.txt", ".") == ["./old/c.txt"]  # '*' crosses folders
    assert linted_paths("--extend-exclude", "old,drafts", "--extend-exclude", "a.txt", ".") == []


def test_double_star_stands_for_zero_or_more_folders(archive):
    (archive / "drafts").mkdir()
    shutil.copy(FAULTY, archive / "drafts" / "d.txt")
    assert linted_paths("--extend-exclude", "**/drafts", ".") == ["./cables/a.txt", "./old/c.txt"]
    assert linted_paths("--extend-exclude", "cables/**/b.txt", ".") == ["./cables/a.txt", "./drafts/d.txt",
                                                                        "./old/c.txt"]
    assert linted_paths("--extend-exclude", "cables/**/a.txt", ".") == ["./cables/drafts/b.txt", "./drafts/d.txt",
                                                                        "./old/c.txt"]  # zero folders


def test_exclusions_in_a_config_are_relative_to_its_folder(archive):
    write(archive / "cables" / ".cablelint.yaml", "extend-exclude: [drafts/b.txt]\n")
    write(archive / ".cablelint.yaml", "extend-exclude: [old]\n")
    assert linted_paths(".") == ["./cables/a.txt"]
    os.chdir(archive / "cables")
    assert linted_paths(".", "../old") == ["../old/c.txt", "./a.txt"]  # a folder named is searched


def test_a_file_named_is_linted_unless_force_exclude(archive):
    write(archive / ".cablelint.yaml", "extend-exclude: [drafts]\n")
    assert linted_paths("cables/drafts/b.txt") == ["cables/drafts/b.txt"]
    assert linted_paths("--force-exclude", "cables/drafts/b.txt", "old/c.txt") == ["old/c.txt"]
    write(archive / ".cablelint.yaml", "extend-exclude: [drafts]\nforce-exclude: true\n")
    assert linted_paths("cables/drafts/b.txt") == []


def test_gitignore_files_are_read_as_git_reads_them(archive):
    (archive / ".git" / "info").mkdir(parents=True)
    (archive / ".git" / "info" / "exclude").write_text("c.txt\n")
    (archive / ".gitignore").write_text("drafts/\n*.txt\n!a.txt\n")
    (archive / "cables" / "keep.txt").write_text(FAULTY.read_text())
    (archive / "cables" / ".gitignore").write_text("!keep.txt\n")
    assert linted_paths(".") == ["./cables/a.txt", "./cables/keep.txt"]
    assert linted_paths("--no-respect-gitignore", ".") == ["./cables/a.txt", "./cables/drafts/b.txt",
                                                          "./cables/keep.txt", "./old/c.txt"]
    assert linted_paths("cables/drafts") == ["cables/drafts/b.txt"]  # an ignored folder named is searched
    assert linted_paths("old/c.txt") == ["old/c.txt"]  # so is a file


def test_info_exclude_ranks_below_every_gitignore_whichever_folder_is_searched(archive):
    (archive / ".git" / "info").mkdir(parents=True)
    (archive / ".git" / "info" / "exclude").write_text("*.txt\n")
    (archive / ".gitignore").write_text("!a.txt\n")
    assert linted_paths("cables") == ["cables/a.txt"]  # as `git check-ignore` says
    assert linted_paths(".") == ["./cables/a.txt"]


def test_a_parent_gitignore_counts_only_inside_its_repository(archive):
    (archive / ".gitignore").write_text("drafts/\n")
    assert "cables/drafts/b.txt" in linted_paths("cables")  # no repository: only the folder searched counts
    (archive / ".git").mkdir()
    assert linted_paths("cables") == ["cables/a.txt"]


def test_pathspec_is_imported_only_where_a_gitignore_is_met(archive):
    script = ("import sys\nfrom cablelint.cli import main\nmain(['--no-cache', '--jobs', '1', sys.argv[1]])\n"
              "print('pathspec' in sys.modules, file=sys.stderr)\n")
    def imported(path: str) -> str:
        done = subprocess.run([sys.executable, "-c", script, path], capture_output=True, text=True, cwd=archive)
        return done.stderr.strip().splitlines()[-1]
    assert imported("cables") == "False"
    (archive / "cables" / ".gitignore").write_text("drafts/\n")
    assert imported("cables") == "True"
    assert imported("cables/a.txt") == "False"  # a file named is not searched for


def test_the_release_gate_lints_what_exclusions_would_leave_out(archive):
    (archive / ".gitignore").write_text("old/\n")
    status, out, err = lint("--release", "--format", "json", "--extend-exclude", "drafts", ".")
    linted = {d["path"] for d in json.loads(out)}
    assert status == 1 and {"./old/c.txt", "./cables/drafts/b.txt", "./venv/lib/LICENSE.txt"} <= linted
    assert err.count("cablelint: --release:") == 1 and "exclusions would leave out" in err, err


# ------------------------------------------------------------------ 2. the nearest config applies


@pytest.fixture
def nested(tmp_path, monkeypatch) -> Path:
    """project/{.cablelint.yaml, top.txt, sub/.cablelint.yaml, sub/inner.txt}, working directory project."""
    project = tmp_path / "project"
    write(project / ".cablelint.yaml", "ignore: [T]\nfail-on: warning\n")
    write(project / "sub" / ".cablelint.yaml", "select: [T, P001]\nfail-on: error\njobs: 1\n")
    shutil.copy(FAULTY, project / "top.txt")
    shutil.copy(FAULTY, project / "sub" / "inner.txt")
    monkeypatch.chdir(project)
    return project


def test_one_stat_index_serves_every_config_of_a_run(nested, tmp_path, monkeypatch):
    """A tree with a config in each folder is linted a segment per config; the stat index is read
    and written once for the command, not once a segment (hundreds of times in such a tree)."""
    from cablelint.cache import statindex

    write(nested / "sub" / "deeper" / ".cablelint.yaml", "select: [P]\n")
    shutil.copy(FAULTY, nested / "sub" / "deeper" / "d.txt")
    shutil.copy(FAULTY, nested / "sub" / "z.txt")  # sub/ again after sub/deeper/: four segments
    monkeypatch.setenv("CABLELINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("CABLELINT_REPLAY", "off")
    opened = []
    original = statindex.StatIndex.__init__
    monkeypatch.setattr(statindex.StatIndex, "__init__", lambda self, folder: (opened.append(folder),
                                                                              original(self, folder))[1])
    first = lint(".")
    assert len(opened) == 1
    second = lint(".")
    assert second == first and len(opened) == 2


def test_each_file_is_linted_with_its_nearest_config(nested):
    status, out, _err = lint(".")
    found = findings(out)
    assert set(found["./sub/inner.txt"]) == {"T001", "T002", "T005", "P001"}
    assert not {c for c in found["./top.txt"] if c.startswith("T")} and "P003" in found["./top.txt"]
    assert status == 1


def test_run_wide_keys_come_from_the_config_nearest_the_working_directory(nested):
    write(nested / ".cablelint.yaml", "fail-on: warning\nselect: [T002]\n")
    write(nested / "sub" / ".cablelint.yaml", "fail-on: error\nselect: [T002]\n")
    assert lint("sub/inner.txt")[0] == 1  # a warning fails the run: fail-on is the working directory's
    os.chdir(nested / "sub")
    assert lint("inner.txt")[0] == 0


def test_the_command_line_wins_over_every_config(nested):
    _status, out, _err = lint("--select", "P003", ".")
    assert set(codes_of(out)) == {"P003"}


def test_an_explicit_config_applies_to_every_file(nested, tmp_path):
    only = write(tmp_path / "only.yaml", "select: [A004]\n")
    _status, out, _err = lint("--config", str(only), ".")
    assert findings(out) == {"./sub/inner.txt": ["A004"], "./top.txt": ["A004"]}


def test_a_file_outside_every_config_takes_the_working_directorys(nested, tmp_path):
    outside = tmp_path / "elsewhere" / "x.txt"
    outside.parent.mkdir()
    shutil.copy(FAULTY, outside)
    _status, out, _err = lint(str(outside))
    assert codes_of(out) and not any(code.startswith("T") for code in codes_of(out))


def test_the_examples_folder_is_linted_with_its_own_config(monkeypatch):
    monkeypatch.chdir(ROOT)
    status, out, _err = lint("examples/")
    assert status == 1  # as the README says: faulty-telegram.txt has errors
    assert "D011" not in codes_of(out)  # examples/.cablelint.yaml ignores it
    assert "examples/faulty-telegram.txt:21:1: P001 [error]" in out


def test_show_config_for_a_file_names_its_config_and_the_run_wide_one(nested):
    status, out, _err = lint("--show-config", "sub/inner.txt")
    assert status == 0
    assert f"# config file: {nested / 'sub' / '.cablelint.yaml'}" in out
    assert f"run-wide settings come from the config nearest the working directory: {nested / '.cablelint.yaml'}" in out
    assert "not used from" in out and "fail-on, jobs" in out
    lines = out.splitlines()
    assert any(line.startswith('select: ["T", "P001"]') and line.endswith(".cablelint.yaml:1") for line in lines)
    assert any(line.startswith('fail-on: "warning"') and line.endswith(f"{nested / '.cablelint.yaml'}:2")
               for line in lines)
    top = lint("--show-config", "top.txt")[1]
    assert f"# config file: {nested / '.cablelint.yaml'}" in top and "not used from" not in top


def test_a_broken_nested_config_stops_the_run_before_any_output(nested):
    write(nested / "sub" / ".cablelint.yaml", "select: [T]\nfail-on: sometimes\n")
    status, out, err = lint(".")
    assert status == 2 and out == ""
    assert err.startswith(f"cablelint: {nested / 'sub' / '.cablelint.yaml'}:2:"), err


def test_the_result_cache_keys_on_the_config_that_applied(nested, monkeypatch):
    parsed: list[int] = []
    from cablelint.run import engine

    real = engine.build
    monkeypatch.setattr(engine, "build", lambda source: parsed.append(1) or real(source))
    monkeypatch.setenv("CABLELINT_REPLAY", "off")
    first = lint(".")
    assert lint(".") == first and len(parsed) == 2  # the second run read both results back
    write(nested / "sub" / ".cablelint.yaml", "select: [P001]\n")
    changed = lint(".")
    assert len(parsed) == 3  # only the file under the changed config was linted again
    assert findings(changed[1])["./sub/inner.txt"] == ["P001"]
    assert findings(changed[1])["./top.txt"] == findings(first[1])["./top.txt"]


def test_a_replayed_run_notices_an_edited_nested_config(nested, monkeypatch):
    monkeypatch.setattr(replay, "_clock", lambda: time.time_ns() + 10_000_000_000)
    linted: list[int] = []
    real = lintcommand._lint
    monkeypatch.setattr(lintcommand, "_lint", lambda *a, **k: linted.append(1) or real(*a, **k))
    first = lint(".")
    assert lint(".") == first and linted == [1]  # replayed
    (nested / "sub" / ".cablelint.yaml").write_text("select: [P001]\n")  # an edit: the folder's times stay
    assert findings(lint(".")[1])["./sub/inner.txt"] == ["P001"] and linted == [1, 1]


def test_a_nested_config_cannot_switch_the_gate_off(nested):
    write(nested / "sub" / ".cablelint.yaml", "ignore: [R, X]\nrules:\n  R001: info\n")
    status, out, err = lint("--release", "sub/inner.txt")
    assert status == 1 and "R001 [error]" in out
    assert err.count("cablelint: --release:") == 1 and "ignore R,X would drop" in err, err


def test_show_config_names_the_folder_a_search_started_in(tmp_path, monkeypatch, capsys):
    (tmp_path / "sub" / "inner").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    status, out, _err = run_main("--show-config", "sub/inner")
    assert status == 0 and f"# config file: none found in {tmp_path / 'sub' / 'inner'} or" in out


def test_settings_for_gives_each_file_its_configs_settings_and_notices_changes(nested):
    inner, top = nested / "sub" / "inner.txt", nested / "top.txt"
    first = effective.settings_for(inner)
    assert first.select == ("T", "P001") and effective.settings_for(top).ignore == ("T",)
    assert effective.settings_for(inner) is first  # kept per config file
    time.sleep(0.01)
    write(nested / "sub" / ".cablelint.yaml", "select: [P]\n")
    assert effective.settings_for(inner).select == ("P",)
    given = effective.resolve(_lint_parser().parse_args(["--ignore", "P002", "x"]))
    assert effective.settings_for(inner, given).ignore == ("P002",)  # the command line wins
    assert effective.settings_for(str(inner), LintOptions(release=True)).release


def test_settings_for_notices_an_edited_rule_file(nested):
    rules = write(nested / "extra.yaml", "rules:\n  T002: error\n")
    write(nested / "sub" / ".cablelint.yaml", "rules: [../extra.yaml]\n")
    inner = nested / "sub" / "inner.txt"
    assert effective.settings_for(inner).ruleset.severity("T002", "warning") == "error"
    time.sleep(0.01)
    rules.write_text("rules:\n  T002: info\n", encoding="utf-8")
    assert effective.settings_for(inner).ruleset.severity("T002", "warning") == "info"


# ------------------------------------------------------------------ 3. the usual options


@pytest.mark.parametrize("option", ["-V", "--version"])
def test_version(option, capsys):
    with pytest.raises(SystemExit) as stopped:
        from cablelint.cli import main

        main([option])
    assert stopped.value.code == 0 and capsys.readouterr().out.strip() == f"cablelint {__version__}"


def test_quiet_leaves_out_info_findings_and_notes(tmp_path):
    notes = write(tmp_path / "NOTES.txt", NOTES)
    fifo_folder = tmp_path / "folder"
    fifo_folder.mkdir()
    os.mkfifo(fifo_folder / "pipe.txt")
    shutil.copy(CLEAN_BUT_DUE, fifo_folder / "due.txt")
    loud = lint(str(notes), str(fifo_folder))
    assert "X002" in loud[1] and "D009" in loud[1] and "not a regular file" in loud[2]
    assert lint("-q", str(notes), str(fifo_folder)) == (0, "", "")
    status, out, err = lint("--quiet", "--fail-on", "info", str(notes), str(fifo_folder))
    assert status == 1 and set(codes_of(out)) == {"X002", "D009"} and err == ""
    faulty = lint("-q", str(FAULTY))
    assert faulty[0] == 1 and "P001 [error]" in faulty[1]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("quiet", [False, True])
def test_quiet_shows_no_progress_line(quiet):
    from cablelint.cli.outputs import Sink

    stderr = _Terminal()
    sink = Sink(LintOptions(quiet=quiet), 200, io.StringIO(), stderr=stderr, environ={})
    sink.begin()
    for _ in range(200):
        sink.progress.advance()
    sink.end()
    assert ("files" in stderr.getvalue()) is not quiet


def test_show_config_without_a_path_speaks_of_the_first_path_given(nested):
    out = lint("sub/inner.txt", "--show-config")[1]
    assert "# for: sub/inner.txt" in out and f"# config file: {nested / 'sub' / '.cablelint.yaml'}" in out


def test_quiet_still_says_why_a_run_failed(tmp_path):
    status, out, err = lint("-q", str(tmp_path / "missing.txt"))
    assert status == 2 and out == "" and "no such file or directory" in err


def test_stdin_filename_names_the_cable_and_picks_its_config(nested, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(FAULTY.read_bytes())))
    status, out, _err = lint("--stdin-filename", "sub/inner.txt", "-")
    assert status == 1
    assert set(findings(out)) == {"sub/inner.txt"}
    assert set(codes_of(out)) == {"T001", "T002", "T005", "P001"}  # sub/.cablelint.yaml's selection


def test_stdin_filename_matches_per_file_ignores_and_force_exclude(nested, monkeypatch):
    write(nested / ".cablelint.yaml", "per-file-ignores:\n  'drafts/*': [P, T]\nextend-exclude: [skip]\n")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(FAULTY.read_bytes())))
    _status, out, _err = lint("--stdin-filename", "drafts/x.txt", "-")
    assert codes_of(out) and not any(code[0] in "PT" for code in codes_of(out))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(FAULTY.read_bytes())))
    assert lint("--stdin-filename", "skip/x.txt", "--force-exclude", "-") == (0, "", "")


@pytest.mark.parametrize("option, said", [
    (["--select", "ZZZ9"], "'ZZZ9' is not a rule code or prefix"),
    (["--ignore", "P01"], "did you mean P001?"),
    (["--extend-select", "missing-portion-marking"], "did you mean P001 (missing-portion-marking)?"),
])
def test_an_unknown_code_is_a_usage_error(option, said, capsys):
    from cablelint.cli import main

    with pytest.raises(SystemExit) as stopped:
        main([*option, str(FAULTY)])
    assert stopped.value.code == 2 and said in capsys.readouterr().err


def test_an_unknown_code_in_a_config_names_the_key_and_a_suggestion(nested):
    write(nested / "sub" / ".cablelint.yaml", "ignore: [T01]\n")
    status, _out, err = lint(".")
    assert status == 2 and f"{nested / 'sub' / '.cablelint.yaml'}:1:" in err and "did you mean T001?" in err


def test_extend_select_adds_to_the_selection(tmp_path):
    assert "S008" not in codes_of(lint("--select", "P", str(FAULTY))[1])
    _status, out, _err = lint("--select", "P", "--extend-select", "T001", str(FAULTY))
    assert {code[0] for code in codes_of(out)} == {"P", "T"} and "T002" not in codes_of(out)
    everything = set(codes_of(lint(str(FAULTY))[1]))
    assert set(codes_of(lint("--extend-select", "T001", str(FAULTY))[1])) == everything


def test_extend_select_turns_on_a_preview_rule_beside_the_others(tmp_path):
    rules = write(tmp_path / "preview.yaml", "rules:\n  T005: {severity: warning, preview: true}\n")
    plain = set(codes_of(lint("--rules", str(rules), str(FAULTY))[1]))
    assert "T005" not in plain
    extended = set(codes_of(lint("--rules", str(rules), "--extend-select", "T005", str(FAULTY))[1]))
    assert extended == plain | {"T005"}


def test_a_command_line_select_drops_the_configs_extend_select(nested):
    write(nested / ".cablelint.yaml", "select: [P001]\nextend-select: [T001]\n")
    assert set(codes_of(lint("top.txt")[1])) == {"P001", "T001"}
    assert set(codes_of(lint("--select", "P003", "top.txt")[1])) == {"P003"}
    assert set(codes_of(lint("--extend-select", "P003", "top.txt")[1])) == {"P001", "T001", "P003"}


# ------------------------------------------------------------------ 4. info is information


def junit(*args: str) -> ElementTree.Element:
    status, out, err = lint("--format", "junit", *args)
    assert status in (0, 1), err
    return ElementTree.fromstring(out)


def test_a_clean_but_due_cable_is_a_passing_junit_test_with_its_notes():
    report = junit(str(CLEAN_BUT_DUE))
    assert report.get("failures") == "0" and report.get("tests") == "1"
    (case,) = report.iter("testcase")
    assert case.find("failure") is None and "D009 [info]" in case.findtext("system-out")


def test_info_findings_are_junit_failures_under_fail_on_info():
    report = junit("--fail-on", "info", str(CLEAN_BUT_DUE))
    assert report.get("failures") == "1"
    (case,) = report.iter("testcase")
    assert case.find("failure").get("type") == "info"


def test_a_faulty_cable_keeps_its_failures_and_its_notes_apart(tmp_path):
    cable = tmp_path / "faulty.txt"
    cable.write_text(FAULTY.read_text().replace("E.O. 12958: DECL: 07/20/2049", "E.O. 12958: DECL: 07/20/2019"))
    report = junit(str(cable))
    cases = list(report.iter("testcase"))
    failing = [c for c in cases if c.find("failure") is not None]
    notes = [c for c in cases if c.find("system-out") is not None]
    assert failing and all(c.find("failure").get("type") != "info" for c in failing)
    assert len(notes) == 1 and "D009" in notes[0].findtext("system-out")
    assert report.get("failures") == str(len(failing)) and report.get("tests") == str(len(cases))


def test_the_junit_output_file_follows_fail_on_too(tmp_path):
    target = tmp_path / "report.xml"
    assert lint("--output-file", str(target), str(CLEAN_BUT_DUE))[0] == 0
    assert ElementTree.parse(target).getroot().get("failures") == "0"


def test_info_findings_stay_sarif_notes():
    status, out, _err = lint("--format", "sarif", str(CLEAN_BUT_DUE), str(BODY_ONLY))
    results = json.loads(out)["runs"][0]["results"]
    assert status == 0 and results and {r["level"] for r in results} == {"note"}
