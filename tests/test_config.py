"""Config files: discovery upwards, pyproject [tool.cablelint], precedence, per-file ignores,
rule settings in the config, errors at the offending key, and --show-config."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from cablelint.cli import main
from cablelint.cli.config import anchor_pattern, find

ROOT = Path(__file__).resolve().parents[1]
FAULTY = ROOT / "examples" / "faulty-telegram.txt"
ARGS = ["--as-of", "2015-01-01", "--jobs", "1"]


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


@pytest.fixture
def tree(tmp_path, monkeypatch):
    """tmp/project/cables/faulty.txt, working directory tmp/project/cables."""
    cables = tmp_path / "project" / "cables"
    cables.mkdir(parents=True)
    shutil.copy(FAULTY, cables / "faulty.txt")
    monkeypatch.chdir(cables)
    return tmp_path / "project"


def write(path: Path, text: str) -> Path:
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def lint(capsys, *args: str) -> tuple[int, list[str], str]:
    status = main([*ARGS, *args])
    captured = capsys.readouterr()
    return status, captured.out.splitlines(), captured.err


def codes(lines: list[str]) -> set[str]:
    return {line.split(": ")[1].split()[0] for line in lines}


# ------------------------------------------------------------------ discovery

def test_discovery_goes_upwards_and_prefers_the_nearest(tree):
    cables = tree / "cables"
    assert find(cables) is None
    write(tree / "pyproject.toml", "[project]\nname = 'x'\n")  # no [tool.cablelint]: not a config
    assert find(cables) is None
    write(tree / "pyproject.toml", "[tool.cablelint]\nfail-on = 'warning'\n")
    assert find(cables) == tree / "pyproject.toml"
    write(tree / ".cablelint.yaml", "fail-on: info\n")  # same folder: the YAML file first
    assert find(cables) == tree / ".cablelint.yaml"
    write(cables / "pyproject.toml", "[tool.cablelint]\njobs = 1\n")  # nearer wins
    assert find(cables) == cables / "pyproject.toml"


def test_discovery_reads_a_pyproject_only_if_it_can_name_our_table(tree):
    """The table is found however its key is written; another project's pyproject.toml, even a
    broken one, is passed over (it cannot hold [tool.cablelint]); a broken one that may is not."""
    cables = tree / "cables"
    write(tree / "pyproject.toml", '[tool."cab\\u006Celint"]\nfail-on = "warning"\n')  # escaped quoted key
    assert find(cables) == tree / "pyproject.toml"
    write(tree / "pyproject.toml", "[tool]\ncablelint = { fail-on = 'warning' }\n")  # inline table
    assert find(cables) == tree / "pyproject.toml"
    write(tree / "pyproject.toml", "[project\nname = 'x'\n")  # broken, and not ours
    assert find(cables) is None
    write(tree / "pyproject.toml", "[tool.x]\npath = 'C:\\tools\\x\n")  # a backslash (no \\u), broken
    assert find(cables) is None
    write(tree / "pyproject.toml", "[tool.cablelint\nfail-on = 'x'\n")  # broken, and may be ours
    assert find(cables) == tree / "pyproject.toml"


def test_config_settings_apply_and_the_command_line_wins(tree, capsys):
    write(tree / ".cablelint.yaml", """
        select: [T]
        fail-on: warning
    """)
    status, lines, _ = lint(capsys, "faulty.txt")
    assert codes(lines) == {"T001", "T002", "T005"} and status == 1
    status, lines, _ = lint(capsys, "--select", "P001", "faulty.txt")
    assert codes(lines) == {"P001"}


def test_pyproject_table(tree, capsys):
    write(tree / "pyproject.toml", """
        [project]
        name = "cables"

        [tool.cablelint]
        select = ["T", "P001"]
        ignore = "T005"

        [tool.cablelint.rules]
        T002 = "off"
    """)
    _, lines, _ = lint(capsys, "faulty.txt")
    assert codes(lines) == {"T001", "P001"}


def test_explicit_config_and_a_missing_one(tree, tmp_path, capsys):
    other = write(tmp_path / "other.yaml", "select: [A004]\n")
    _, lines, _ = lint(capsys, "--config", str(other), "faulty.txt")
    assert codes(lines) == {"A004"}
    status, _, err = lint(capsys, "--config", str(tmp_path / "nope.yaml"), "faulty.txt")
    assert status == 2 and "nope.yaml: config file not found" in err


@pytest.mark.parametrize("leads_to", ["../missing-shared.yaml", ".cablelint.yaml"])  # nowhere, or to itself
def test_a_config_that_is_a_link_leading_nowhere_is_an_error_not_absent(tree, capsys, leads_to):
    # (a shared config missing from a checkout must not silently give the defaults)
    (tree / "cables" / ".cablelint.yaml").symlink_to(leads_to)
    status, _, err = lint(capsys, "faulty.txt")
    assert status == 2 and ".cablelint.yaml:1:1: cannot read the config file" in err


def test_an_explicit_config_that_is_no_regular_file_says_why(tree, tmp_path, capsys):
    import os

    os.mkfifo(tmp_path / "pipe.yaml")
    status, _, err = lint(capsys, "--config", str(tmp_path / "pipe.yaml"), "faulty.txt")
    assert status == 2 and "not found" not in err and "pipe.yaml" in err


# ------------------------------------------------------------------ rules in a config file

def test_rules_mapping_layers_the_config_as_a_rule_set(tree, capsys):
    write(tree / ".cablelint.yaml", """
        select: [T]
        rules:
          T002: off
          T005: {severity: error}
    """)
    _, lines, _ = lint(capsys, "faulty.txt")
    assert codes(lines) == {"T001", "T005"}
    assert any("T005 [error]" in line for line in lines)


def test_rules_list_names_rule_files_relative_to_the_config(tree, capsys):
    (tree / "policy").mkdir()
    write(tree / "policy" / "quiet.yaml", "rules:\n  T001: off\n")
    write(tree / ".cablelint.yaml", "select: [T]\nrules: [policy/quiet.yaml]\n")
    write(tree / "cables" / "loud.yaml", "rules:\n  T001: warning\n")
    _, lines, _ = lint(capsys, "faulty.txt")
    assert codes(lines) == {"T002", "T005"}
    _, lines, _ = lint(capsys, "--rules", "loud.yaml", "faulty.txt")  # layered over the config's files
    assert any("T001 [warning]" in line for line in lines)


def test_extends_in_a_config(tree, capsys):
    write(tree / "base.yaml", "rules:\n  T002: off\n")
    write(tree / ".cablelint.yaml", "extends: [default, base.yaml]\nselect: [T]\n")
    _, lines, _ = lint(capsys, "faulty.txt")
    assert codes(lines) == {"T001", "T005"}


# ------------------------------------------------------------------ per-file ignores

def test_per_file_ignores_with_and_without_a_folder(tree, capsys):
    (tree / "cables" / "legacy").mkdir()
    shutil.copy(FAULTY, tree / "cables" / "legacy" / "old.txt")
    write(tree / ".cablelint.yaml", """
        select: [T, P001]
        per-file-ignores:
          "cables/legacy/*": [T]
          "faulty.txt": [P001]
    """)
    _, lines, _ = lint(capsys, ".")
    by_file: dict[str, set] = {}
    for line in lines:
        by_file.setdefault(line.split(":")[0], set()).add(line.split(": ")[1].split()[0])
    assert by_file == {"./faulty.txt": {"T001", "T002", "T005"}, "./legacy/old.txt": {"P001"}}


@pytest.mark.parametrize("pattern", ["cables/faulty.txt", "**/faulty.txt"])
@pytest.mark.parametrize("spelled", ["faulty.txt", "./faulty.txt", ".//faulty.txt", "../cables/./faulty.txt", "./"])
def test_per_file_ignores_whatever_the_path_s_spelling(tree, capsys, pattern, spelled):
    """A CI script's `"$DIR/"` with DIR ending in `/` gives `cables//`: the file is the same file."""
    write(tree / ".cablelint.yaml", f"""
        select: [P001]
        per-file-ignores:
          "{pattern}": [P001]
    """)
    status, lines, _ = lint(capsys, spelled)
    assert status == 0 and lines == []


def test_a_name_glob_does_not_match_a_folder_above_the_project(tree, capsys):
    """`tmp*` names files, not `/tmp/...` above the project (the file's absolute path is matched only
    against an absolute pattern)."""
    write(tree / ".cablelint.yaml", """
        select: [P001]
        per-file-ignores:
          "tmp*": [P001]
          "proj*": [P001]
    """)
    status, lines, _ = lint(capsys, "faulty.txt")
    assert status == 1 and lines


def test_anchor_pattern_forms(tmp_path):
    assert anchor_pattern("*.tel", tmp_path, tmp_path / "sub") == ("*.tel", "*/*.tel")
    forms = anchor_pattern("legacy/*", tmp_path, tmp_path / "sub")
    assert forms == ("../legacy/*", (tmp_path / "legacy" / "*").as_posix())
    assert anchor_pattern("legacy/*", tmp_path, tmp_path)[:2] == ("legacy/*", "./legacy/*")


# ------------------------------------------------------------------ errors point at the key

@pytest.mark.parametrize("text, where, words", [
    ("fail-on: warning\nformat: xml\n", "2:1", "expected one of text, json, sarif, github, junit"),
    ("jobs: 'two'\n", "1:1", "expected a whole number"),
    ("select: [P, Q12]\n", "1:13", "'Q12' is not a rule code"),
    ("colour: always\n", "1:1", "unknown config key 'colour'"),
    ("as-of: yesterday\n", "1:1", "expected a date"),
    ("rules:\n  P004: loud\n", "2:3", "expected one of error, warning, info, off"),
    ("rules:\n  Z999: off\n", "2:3", "unknown rule 'Z999'"),
    ("per-file-ignores:\n  'a/*': [P001, 12]\n", "2:17", "12 is not a rule code"),
    ("rules: [missing.yaml]\n", "1:9", "does not exist"),
    ("select: [P\n", "2:1", "expected ',' or ']'"),
    ("x: !!python/object/apply:os.system ['true']\n", "1:4", "YAML tag refused"),
    ("- just a list\n", "1:1", "must be a YAML mapping"),
])
def test_yaml_errors_name_file_line_and_column(tree, capsys, text, where, words):
    config = write(tree / ".cablelint.yaml", text)
    status, lines, err = lint(capsys, "faulty.txt")
    assert status == 2 and not lines
    assert err.startswith(f"cablelint: {config}:{where}: ") and words in err, err


@pytest.mark.parametrize("body, where, words", [
    ("[tool.cablelint]\nselect = ['P']\nfail-on = 3\n", "3:1", "expected one of error, warning, info"),
    ("[tool.cablelint.rules]\nP004 = 'loud'\n", "2:1", "expected one of error, warning, info, off"),
    ("[tool.cablelint.per-file-ignores]\n'x/*' = ['P', 7]\n", "2:1", "7 is not a rule code"),
    ("[tool.cablelint]\nfail-on = \n", "2:11", "invalid TOML"),
])
def test_pyproject_errors_name_file_line_and_column(tree, capsys, body, where, words):
    config = write(tree / "pyproject.toml", "[project]\nname = 'x'\n\n" + body)
    line, column = where.split(":")
    status, _, err = lint(capsys, "--config", str(config), "faulty.txt")
    assert status == 2
    assert err.startswith(f"cablelint: {config}:{int(line) + 3}:{column}: ") and words in err, err


def test_a_config_that_is_not_utf8_is_named_at_its_first_bad_byte(tree, capsys):
    (tree / ".cablelint.yaml").write_bytes(b"select: [P]\nfail-on: warning\n# caf\xe9\n")
    status, lines, err = lint(capsys, "faulty.txt")
    assert status == 2 and err.startswith(f"cablelint: {tree / '.cablelint.yaml'}:3:6: not UTF-8 text"), err


def test_a_pyproject_nested_too_deeply_is_a_config_error_not_a_crash(tree, capsys):
    # (another project's file that names cablelint in a comment is read for the table, as any)
    (tree / "pyproject.toml").write_text("# cablelint\nx = " + "[" * 2000 + "]" * 2000 + "\n", encoding="utf-8")
    status, lines, err = lint(capsys, "faulty.txt")
    assert status == 2 and not lines
    assert err.startswith(f"cablelint: {tree / 'pyproject.toml'}:1:1: ") and "nested too deeply" in err, err


# ------------------------------------------------------------------ --show-config

def test_show_config_says_where_each_value_comes_from(tree, capsys):
    config = write(tree / ".cablelint.yaml", """
        # a comment
        fail-on: warning
        ignore: [D011]
        rules:
          P004: off
    """)
    status, lines, _ = lint(capsys, "--show-config", "--jobs", "2")
    assert status == 0
    text = "\n".join(lines)
    assert f"# config file: {config}" in text
    assert any(line.startswith('fail-on: "warning"') and line.endswith(f"# {config}:2") for line in lines)
    assert any(line.startswith('ignore: ["D011"]') and line.endswith(f"# {config}:3") for line in lines)
    assert any(line.startswith("jobs: 2 ") and line.endswith("# command line") for line in lines)
    assert any(line.startswith('format: "text"') and line.endswith("# default") for line in lines)
    assert any(line.startswith("as-of: 2015-01-01") for line in lines)
    layered = [line.strip("# ") for line in lines[lines.index("# rule sets layered, first to last:") + 1:]]
    assert layered[-1] == str(config) and any(p.endswith("default.yaml") for p in layered)


def test_show_config_without_a_config_and_under_github_actions(tree, capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    status, lines, _ = lint(capsys, "--show-config")
    assert status == 0
    assert any(line.startswith("# config file: none found in ") for line in lines)
    assert any(line.startswith('format: "github"') and line.endswith("# GITHUB_ACTIONS is set") for line in lines)


def test_config_format_wins_over_github_actions(tree, capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    write(tree / ".cablelint.yaml", "format: json\nselect: [P001]\n")
    _, lines, _ = lint(capsys, "faulty.txt")
    assert lines[0] == "[" and '"code": "P001"' in lines[1]


def test_the_sample_config_in_examples_is_valid(capsys, monkeypatch):
    monkeypatch.chdir(ROOT / "examples")
    status, lines, err = lint(capsys, "--show-config")
    assert status == 0, err
    assert any(line.startswith('fail-on: "warning"') and ".cablelint.yaml:" in line for line in lines)
