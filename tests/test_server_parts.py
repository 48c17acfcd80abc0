"""The language server's parts that need no editor: positions between cablelint and the editor, the
settings of a document, the analysis of a text, and the config edit behind "ignore CODE in this file"."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from cablelint.cli.server.analysis import analyse
from cablelint.cli.server.ignores import IgnoreError, add_ignore, file_pattern
from cablelint.cli.server.positions import UTF8, UTF32, LineMap
from cablelint.cli.server.settings import SettingsStore, settings_for
from cablelint.errors import CliError
from cablelint.run.engine import active_rules, lint_bytes

ROOT = Path(__file__).resolve().parents[1]
FAULTY = (ROOT / "examples" / "faulty-telegram.txt").read_text(encoding="utf-8")


def _utf16_column(line: str, characters: int) -> int:
    """The editor's column of the character at `characters` (counted here by encoding, not as the
    server counts)."""
    return len(line[:characters].encode("utf-16-le")) // 2


# ---------------------------------------------------------------------------------- positions

@pytest.mark.parametrize("prefix", ["plain ", "Zoë ", "a 𝄞 b ", "😀😀 ", "日本語 "])
def test_a_column_after_non_ascii_text_is_counted_in_the_editors_units(prefix):
    text = f"first line\n{prefix}TARGET rest\n"
    lines = LineMap(text)
    column = len(prefix) + 1  # cablelint: 1-based characters
    assert lines.to_editor(2, column) == (1, _utf16_column(prefix + "TARGET", len(prefix)))
    assert lines.to_cablelint(1, _utf16_column(prefix, len(prefix))) == (2, column)
    assert LineMap(text, UTF32).to_editor(2, column) == (1, len(prefix))
    assert LineMap(text, UTF8).to_editor(2, column) == (1, len(prefix.encode("utf-8")))


def test_a_position_inside_a_surrogate_pair_counts_as_before_the_character():
    lines = LineMap("x😀y\n")
    assert lines.to_cablelint(0, 2) == (1, 2)   # between the two halves of the emoji
    assert lines.to_cablelint(0, 3) == (1, 3)   # after it: 'y'


def test_crlf_line_ends_are_not_columns_and_a_lone_cr_ends_a_line_for_both():
    assert LineMap("ab\r\ncd\r\n").to_editor(2, 3) == (1, 2)
    assert LineMap("ab\r\ncd\r\n").end() == (2, 0)
    lone = LineMap("one\rtwo X\nthree\n")  # a CR alone ends a line for cablelint as for the editor
    assert lone.to_editor(2, 5) == (1, 4) and lone.to_cablelint(1, 4) == (2, 5)
    assert lone.to_editor(3, 1) == (2, 0) and lone.to_cablelint(2, 0) == (3, 1)
    assert lone.line_count == 4 and lone.end() == (3, 0)


def test_a_classic_mac_file_of_lone_crs_has_the_same_lines_for_both():
    lines = LineMap("one\rtwo X\rthree\r")
    assert lines.to_editor(2, 5) == (1, 4) and lines.to_cablelint(1, 4) == (2, 5)
    assert lines.to_editor(3, 1) == (2, 0) and lines.end() == (3, 0)


def test_a_byte_order_mark_is_no_column_for_cablelint_but_one_for_the_editor():
    lines = LineMap("\ufeffSECRET\n")
    assert lines.to_editor(1, 1) == (0, 1)
    assert lines.to_cablelint(0, 1) == (1, 1)


# ---------------------------------------------------------------------------------- settings

def _cable(folder: Path, name: str = "cable.txt", text: str = FAULTY) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_nearest_config_gives_the_dates_and_per_file_ignores(tmp_path):
    (tmp_path / ".cablelint.yaml").write_text("as-of: 2030-01-02\nignore: [D011]\n")
    nested = tmp_path / "post" / "cables"
    (tmp_path / "post" / ".cablelint.yaml").parent.mkdir()
    (tmp_path / "post" / ".cablelint.yaml").write_text(
        "date: 2001-02-03\nas-of: 2020-05-06\nper-file-ignores:\n  ./cables/cable.txt: [P001]\n")
    cable = _cable(nested)
    settings = settings_for(cable)
    assert (settings.date, settings.as_of) == (dt.date(2001, 2, 3), dt.date(2020, 5, 6))
    codes = {d.code for d in lint_bytes(str(cable), cable.read_bytes(), settings).diagnostics}
    assert "P001" not in codes and "P003" in codes
    top = settings_for(_cable(tmp_path))
    assert (top.date, top.as_of, top.ignore) == (None, dt.date(2030, 1, 2), ("D011",))


def test_the_working_directory_config_gives_the_run_wide_keys(tmp_path, tmp_path_factory, monkeypatch):
    """As the command line: `release` is run-wide, from the working directory's config, and a file
    with no config above it takes that config's keys too."""
    work = tmp_path_factory.mktemp("work")
    (work / ".cablelint.yaml").write_text("select: [P]\nrelease: true\n")
    monkeypatch.chdir(work)
    settings = settings_for(_cable(tmp_path_factory.mktemp("elsewhere")))
    assert settings.release and settings.select == ("P",)


def test_a_pyproject_table_counts_and_no_config_means_the_defaults(tmp_path, tmp_path_factory, monkeypatch):
    monkeypatch.chdir(tmp_path_factory.mktemp("no-config"))
    (tmp_path / "pyproject.toml").write_text("[tool.cablelint]\nas-of = \"2031-03-04\"\n")
    assert settings_for(_cable(tmp_path / "a")).as_of == dt.date(2031, 3, 4)
    settings = settings_for(_cable(tmp_path_factory.mktemp("elsewhere")))
    assert settings.as_of == dt.date.today() and settings.date is None


def test_a_wrong_config_is_a_cli_error_naming_the_key(tmp_path):
    (tmp_path / ".cablelint.yaml").write_text("as-of: 2030-01-02\ncolour: red\n")
    with pytest.raises(CliError, match=r"\.cablelint\.yaml:2:1: unknown config key"):
        settings_for(_cable(tmp_path))


def test_the_store_makes_the_settings_again_when_the_config_changes(tmp_path):
    config = tmp_path / ".cablelint.yaml"
    config.write_text("as-of: 2030-01-02\n")
    cable = _cable(tmp_path)
    store = SettingsStore()
    first = store.get(cable)
    assert store.get(cable) is first  # unchanged: kept
    config.write_text("as-of: 2031-01-02\nselect: [P]\n")
    second = store.get(cable)
    assert second.settings.as_of == dt.date(2031, 1, 2) and {r.code[0] for r in second.rules} == {"P"}
    config.unlink()
    assert store.get(cable).settings.as_of == dt.date.today()


# ---------------------------------------------------------------------------------- analysis

def test_the_analysis_has_the_engines_diagnostics_and_the_cable(tmp_path):
    cable = _cable(tmp_path)
    settings = settings_for(cable)
    analysis = analyse(str(cable), 3, FAULTY, settings, active_rules(settings))
    assert analysis.diagnostics == lint_bytes(str(cable), cable.read_bytes(), settings).diagnostics
    assert analysis.context is not None and analysis.context.cable.eo.order == "12958"
    assert analysis.version == 3 and analysis.is_cable


def test_a_text_without_cable_structure_gets_no_diagnostics(tmp_path):
    prose = "Minutes of the garden committee.\n\nWe agreed to plant more tulips next spring.\n"
    path = _cable(tmp_path, "notes.txt", prose)
    settings = settings_for(path)
    assert lint_bytes(str(path), prose.encode(), settings).diagnostics  # the engine alone reports (S001...)
    analysis = analyse(str(path), 1, prose, settings, active_rules(settings))
    assert not analysis.is_cable and analysis.diagnostics == ()
    gate = settings._replace(release=True)  # the release gate skips nothing
    assert analyse(str(path), 1, prose, gate, active_rules(gate)).diagnostics


def test_a_parser_failure_is_an_internal_error_naming_the_file_not_a_crash(tmp_path, parser_failing_on):
    cable = _cable(tmp_path)
    settings = settings_for(cable)
    parser_failing_on("SIPDIS")
    analysis = analyse(str(cable), 1, FAULTY, settings, active_rules(settings))
    (error,) = analysis.result.errors
    assert (error.path, error.code) == (str(cable), "parser") and "parser exploded" in error.error
    assert analysis.context is None and analysis.diagnostics == ()


# ---------------------------------------------------------------------------------- ignore in this file

CONFIG = """\
# our archive's settings
fail-on: warning   # strict

# Glob -> codes.
per-file-ignores:
  "legacy/*": [T001, T002]  # retired tags
  "*-extract.txt": S003

# rule settings
rules:
  P004: off
"""


def test_an_ignore_is_added_keeping_every_comment_and_the_other_entries():
    new = add_ignore(CONFIG, "./cables/a.cable", "P001")
    assert [line for line in CONFIG.splitlines() if line.lstrip().startswith("#")] == \
           [line for line in new.splitlines() if line.lstrip().startswith("#")]
    assert '  "legacy/*": [T001, T002]  # retired tags' in new.splitlines()
    import yaml

    assert yaml.safe_load(new)["per-file-ignores"] == {"./cables/a.cable": ["P001"], "legacy/*": ["T001", "T002"],
                                                      "*-extract.txt": "S003"}
    again = add_ignore(new, "./cables/a.cable", "T005")
    assert yaml.safe_load(again)["per-file-ignores"]["./cables/a.cable"] == ["P001", "T005"]
    assert add_ignore(again, "./cables/a.cable", "T005") == again  # already there: unchanged
    assert yaml.safe_load(add_ignore(CONFIG, "*-extract.txt", "S004"))["per-file-ignores"]["*-extract.txt"] == \
        "S003, S004"


def test_a_new_config_and_refusals():
    import yaml

    assert yaml.safe_load(add_ignore(None, "./x.cable", "P001")) == {"per-file-ignores": {"./x.cable": ["P001"]}}
    assert yaml.safe_load(add_ignore("# nothing yet\n", "./x.cable", "P001"))["per-file-ignores"]
    with pytest.raises(IgnoreError, match="not a YAML mapping"):
        add_ignore("- a\n- b\n", "./x.cable", "P001")
    with pytest.raises(IgnoreError, match="not valid YAML"):
        add_ignore("a: [\n", "./x.cable", "P001")
    with pytest.raises(IgnoreError, match="not a rule code"):
        add_ignore(None, "./x.cable", "Z999")


def test_the_pattern_names_the_file_alone_and_the_config_then_ignores_it(tmp_path):
    assert file_pattern(tmp_path / "x.cable", tmp_path) == "./x.cable"  # a bare name would match anywhere
    assert file_pattern(tmp_path / "a" / "b[1].cable", tmp_path) == "a/b[[]1].cable"
    target = _cable(tmp_path / "a", "b[1].cable")
    twin = _cable(tmp_path / "other" / "a", "b[1].cable")  # same name elsewhere: still reported
    (tmp_path / ".cablelint.yaml").write_text(add_ignore(CONFIG, file_pattern(target, tmp_path), "P001"))
    for path, ignored in ((target, True), (twin, False)):
        codes = {d.code for d in lint_bytes(str(path), path.read_bytes(), settings_for(path)).diagnostics}
        assert ("P001" not in codes) is ignored


# ---------------------------------------------------------------------------------- the command

def test_without_pygls_the_command_says_how_to_install_it_and_exits_2():
    script = ("import sys; sys.modules['pygls'] = None; from cablelint.cli import main; "
              "sys.exit(main(['server']))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert 'pip install "cablelint[lsp]"' in done.stderr and done.stdout == ""


def test_a_lint_run_never_imports_the_server_or_pygls():
    script = ("import sys; from cablelint.cli import main; "
              "status = main(['--no-cache', 'examples/clean-telegram.txt']); "
              "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol') "
              "or m.startswith('cablelint.cli.server')), file=sys.stderr); sys.exit(status)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "[]"


def test_an_indented_files_outline_points_at_its_fields_on_disk(tmp_path):
    from cablelint.cli.server.symbols import outline

    indented = "\n".join("    " + line if line.strip() else line for line in FAULTY.split("\n"))
    cable = _cable(tmp_path, "indented.txt", indented)
    settings = settings_for(cable)
    analysis = analyse(str(cable), 1, indented, settings, active_rules(settings))
    symbols = {symbol.name: symbol for symbol in outline(analysis)}
    tags = symbols["TAGS"].selection_range.start
    line = indented.split("\n")[tags.line]
    assert line[tags.character:].startswith("TAGS") and tags.character == 4


def test_a_double_spaced_files_outline_and_hover_point_at_its_own_lines(tmp_path):
    from cablelint.cli.server import hover
    from cablelint.cli.server.symbols import outline

    spaced = "".join(line + "\n\n" for line in FAULTY.split("\n"))  # a blank line after every line
    cable = _cable(tmp_path, "spaced.txt", spaced)
    settings = settings_for(cable)
    analysis = analyse(str(cable), 1, spaced, settings, active_rules(settings))
    symbols = {symbol.name: symbol for symbol in outline(analysis)}
    on_disk = spaced.split("\n")
    for name, word in (("TAGS", "TAGS"), ("E.O.", "E.O."), ("SUBJECT", "SUBJECT")):
        start, end = symbols[name].selection_range.start, symbols[name].range.end
        assert on_disk[start.line][start.character:].startswith(word) and end.line == start.line
    eo_line = next(n for n, text in enumerate(on_disk, 1) if text.startswith("E.O."))
    assert hover.on_eo_line(analysis, eo_line) and not hover.on_eo_line(analysis, eo_line + 1)
