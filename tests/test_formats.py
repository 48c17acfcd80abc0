"""Output formats: golden files for every format, SARIF against the official 2.1.0 schema,
GitHub annotation escaping, JUnit structure, --output-file, --exit-zero, colour and progress.

Golden files live in tests/golden/; after an intended change of output, regenerate them with
`CABLELINT_REGENERATE_GOLDEN=1 pytest tests/test_formats.py` and review the diff.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cablelint.checks.diagnostics import Diagnostic, FileResult
from cablelint.cli import main
from cablelint.cli.progress import ColourTextFormatter, Progress, use_colour
from cablelint.formats import FORMATS, sarif
from cablelint.formats.github import annotation
from cablelint.formats.junit import suite_element
from cablelint.formats.sarif import FINGERPRINT_KEY
from cablelint.formats.text import format_line
from corpus import CABLEGATE, need

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden"
SCHEMA = Path(__file__).resolve().parent / "schemas" / "sarif-schema-2.1.0.json"
CABLES = ["examples/clean-telegram.txt", "examples/faulty-telegram.txt"]
# 2015: the clean example's declassification date (2019) is not yet due, so it is really clean
ARGS = ["--as-of", "2015-01-01", "--jobs", "1"]
SUFFIX = {"text": "txt", "json": "json", "sarif": "sarif", "github": "github.txt", "junit": "xml"}
# Stands for a published [project.urls] Documentation, so that SARIF's helpUri does not depend on
# where this checkout lies (without one it is the file: URI of the rule pages: tests/test_rulesdoc.py).
PUBLISHED_PAGES = "https://cablelint.test/docs/rules.md"


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(sarif, "project_url", lambda label: PUBLISHED_PAGES if label == "documentation" else None)
    sarif.rule_pages.cache_clear()
    yield
    sarif.rule_pages.cache_clear()


def run(capsys, *args: str) -> tuple[int, str, str]:
    status = main([*args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def validator():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def diagnostic(**changes) -> Diagnostic:
    fields = dict(path="cables/a.txt", line=3, column=5, code="P001", end_line=3, end_column=9,
                  name="missing-portion-marking", severity="error", message="paragraph 2 has no marking")
    fields.update(changes)
    return Diagnostic(**fields)


# ------------------------------------------------------------------ golden files

@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_format_matches_its_golden_file(fmt, capsys):
    status, out, _ = run(capsys, "--format", fmt, *ARGS, *CABLES)
    assert status == 1  # the faulty example has errors, whatever the format
    golden = GOLDEN / f"examples.{SUFFIX[fmt]}"
    if os.environ.get("CABLELINT_REGENERATE_GOLDEN"):
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8"), (
        f"{fmt} output differs from {golden}; if the change is intended, regenerate with "
        f"CABLELINT_REGENERATE_GOLDEN=1 and review the diff")


def test_every_registered_format_has_a_golden_file():
    assert set(FORMATS) == {"text", "json", "sarif", "github", "junit"}
    for fmt in FORMATS:
        assert (GOLDEN / f"examples.{SUFFIX[fmt]}").is_file(), fmt


# ------------------------------------------------------------------ SARIF

def test_sarif_golden_validates_against_the_sarif_2_1_0_schema():
    log = json.loads((GOLDEN / "examples.sarif").read_text(encoding="utf-8"))
    errors = sorted(validator().iter_errors(log), key=str)
    assert not errors, errors[0].message


def test_the_schema_check_can_fail():
    """The validator is live: a level SARIF does not know, or a missing message, is refused."""
    log = json.loads((GOLDEN / "examples.sarif").read_text(encoding="utf-8"))
    log["runs"][0]["results"][0]["level"] = "info"
    assert list(validator().iter_errors(log))
    del log["runs"][0]["results"][0]["message"]
    log["runs"][0]["results"][0]["level"] = "note"
    assert list(validator().iter_errors(log))


def test_sarif_has_what_github_code_scanning_requires(capsys):
    _, out, _ = run(capsys, "--format", "sarif", "--as-of", "2026-11-27", "--jobs", "1", "examples")
    log = json.loads(out)
    assert log["version"] == "2.1.0" and "sarif-schema-2.1.0" in log["$schema"]
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "cablelint" and driver["version"] and driver["informationUri"].startswith("https://")
    rules = {rule["id"]: rule for rule in driver["rules"]}
    results = log["runs"][0]["results"]
    assert {r["ruleId"] for r in results} == set(rules)
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"] and rule["help"]["text"]
    levels = set()
    for result in results:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["message"]["text"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"].startswith("examples/")
        assert location["region"]["startLine"] >= 1 and location["region"]["startColumn"] >= 1
        assert re.fullmatch(r"[0-9a-f]{32}", result["partialFingerprints"][FINGERPRINT_KEY])
        levels.add(result["level"])
    assert "note" in levels and levels <= {"error", "warning", "note"}  # D009 and D011 are info
    assert not list(validator().iter_errors(log))


def test_sarif_fingerprints_survive_a_line_shift(tmp_path, capsys, monkeypatch):
    cable = tmp_path / "cable.txt"
    original = (ROOT / "examples" / "faulty-telegram.txt").read_text(encoding="utf-8")
    cable.write_text(original, encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    def results():
        _, out, _ = run(capsys, "--format", "sarif", *ARGS, "cable.txt")
        return json.loads(out)["runs"][0]["results"]

    before = results()
    lines = original.split("\n")
    cable.write_text("\n".join(lines[:1] + [""] + lines[1:]), encoding="utf-8")  # a blank line after the first
    after = results()
    assert len(before) == len(after) > 5
    assert [r["partialFingerprints"] for r in before] == [r["partialFingerprints"] for r in after]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] + 1 for r in before] == \
           [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after]
    assert len({r["partialFingerprints"][FINGERPRINT_KEY] for r in before}) == len(before)


def test_sarif_of_the_corpus_validates(capsys, monkeypatch):
    corpus = need(CABLEGATE)
    monkeypatch.chdir(corpus.parent)
    _, out, _ = run(capsys, "--format", "sarif", "--as-of", "2026-11-27", corpus.name)
    log = json.loads(out)
    assert len(log["runs"][0]["results"]) > 100
    errors = list(validator().iter_errors(log))
    assert not errors, errors[0].message


def test_sarif_describes_a_custom_rule_from_its_findings(tmp_path, capsys):
    rules = tmp_path / "custom.yaml"
    rules.write_text("rules:\n  C100:\n    name: no-codeword\n    scope: text\n    pattern: MIGRANT\n"
                     "    message: the text mentions {match}\n", encoding="utf-8")
    _, out, _ = run(capsys, "--format", "sarif", *ARGS, "--select", "C100", "--rules", str(rules),
                    "examples/faulty-telegram.txt")
    log = json.loads(out)
    assert [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]] == ["C100"]
    assert log["runs"][0]["results"] and not list(validator().iter_errors(log))


# ------------------------------------------------------------------ GitHub annotations

def test_github_escapes_properties_and_message():
    line = annotation(diagnostic(path="dir,x/a:b%.txt", message="100% sure\r\nsecond: line, end",
                                 name="x"))
    assert line.startswith("::error file=dir%2Cx/a%3Ab%25.txt,line=3,col=5,endColumn=8,title=P001 x::")
    assert line.endswith("::100%25 sure%0D%0Asecond: line, end")
    assert "\n" not in line and "\r" not in line


def test_github_omits_columns_for_a_finding_over_several_lines():
    line = annotation(diagnostic(end_line=5, end_column=2, severity="warning"))
    assert line.startswith("::warning file=cables/a.txt,line=3,endLine=5,title=")
    assert "col=" not in line and "endColumn=" not in line


def test_github_maps_info_to_notice():
    assert annotation(diagnostic(severity="info")).startswith("::notice ")


def test_github_format_is_the_default_under_github_actions(capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    _, out, _ = run(capsys, *ARGS, *CABLES)
    assert out and all(line.startswith(("::error ", "::warning ", "::notice ")) for line in out.splitlines())
    _, out, _ = run(capsys, "--format", "text", *ARGS, *CABLES)  # an explicit format wins
    assert out.startswith("examples/faulty-telegram.txt:8:1: P005 [error]")


# ------------------------------------------------------------------ JUnit

def test_junit_has_a_suite_per_file_and_a_passing_case_for_a_clean_file():
    root = ET.fromstring((GOLDEN / "examples.xml").read_text(encoding="utf-8"))
    suites = {suite.get("name"): suite for suite in root.iter("testsuite")}
    assert set(suites) == set(CABLES)
    clean = list(suites["examples/clean-telegram.txt"].iter("testcase"))
    assert len(clean) == 1 and not list(clean[0]) and clean[0].get("name") == "no findings"
    faulty = list(suites["examples/faulty-telegram.txt"].iter("testcase"))
    failing = [case for case in faulty if case.find("failure") is not None]
    noted = [case for case in faulty if case.find("failure") is None]  # an info finding is no failure
    assert len(faulty) == 10 and len(failing) == 9  # nine findings fail; one case holds the notes (info)
    assert [case.get("name") for case in noted] == ["notes (info)"]  # the info findings, together
    assert noted[0].find("system-out").text.startswith("examples/faulty-telegram.txt:19:19: S008 [info]")
    names = [case.get("name") for case in faulty]
    assert "P001 at 21:1 missing-portion-marking" in names and len(set(names)) == len(names)
    assert root.get("tests") == "11" and root.get("failures") == "9"


def test_junit_escapes_markup_and_characters_xml_cannot_carry():
    result = FileResult("a<&>.txt", (diagnostic(message='tag "<X>" & \x0c form feed'),))
    element = ET.fromstring(suite_element(result))
    failure = element.find("testcase/failure")
    assert element.get("name") == "a<&>.txt"
    assert failure.get("message") == 'P001 [error] tag "<X>" & \ufffd form feed'


# ------------------------------------------------------------------ --output-file, --exit-zero

def test_output_file_takes_a_second_format(tmp_path, capsys):
    target = tmp_path / "report.sarif"
    status, out, _ = run(capsys, "--output-file", str(target), *ARGS, *CABLES)
    assert status == 1
    assert out == (GOLDEN / "examples.txt").read_text(encoding="utf-8")
    assert target.read_text(encoding="utf-8") == (GOLDEN / "examples.sarif").read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["report.sarif"]  # no temporary file left beside it


@pytest.mark.parametrize("name, fmt", [("r.xml", "junit"), ("r.json", "json"), ("r.txt", "text")])
def test_output_file_format_follows_the_suffix(name, fmt, tmp_path, capsys):
    run(capsys, "--format", "github", "--output-file", str(tmp_path / name), *ARGS, *CABLES)
    assert (tmp_path / name).read_text(encoding="utf-8") == (GOLDEN / f"examples.{SUFFIX[fmt]}").read_text(
        encoding="utf-8")


def test_output_format_overrides_the_suffix_and_an_unknown_suffix_is_refused(tmp_path, capsys):
    run(capsys, "--output-file", str(tmp_path / "r.log"), "--output-format", "junit", *ARGS, *CABLES)
    assert (tmp_path / "r.log").read_text(encoding="utf-8").startswith("<?xml")
    status, _, err = run(capsys, "--output-file", str(tmp_path / "r.log2"), *ARGS, *CABLES)
    assert status == 2 and "--output-format" in err and not (tmp_path / "r.log2").exists()


def test_exit_zero_keeps_the_output_and_exits_0(capsys):
    status, out, _ = run(capsys, "--exit-zero", *ARGS, *CABLES)
    assert status == 0 and out == (GOLDEN / "examples.txt").read_text(encoding="utf-8")


# ------------------------------------------------------------------ colour and progress

class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_only_on_a_terminal_and_never_with_no_color():
    assert use_colour("auto", Terminal(), {}) is True
    assert use_colour("auto", io.StringIO(), {}) is False
    assert use_colour("auto", Terminal(), {"NO_COLOR": "1"}) is False
    assert use_colour("auto", Terminal(), {"TERM": "dumb"}) is False
    assert use_colour("always", io.StringIO(), {"NO_COLOR": "1"}) is True
    assert use_colour("never", Terminal(), {}) is False


def test_coloured_text_is_the_text_format_plus_escapes():
    stream = io.StringIO()
    items = (diagnostic(), diagnostic(severity="warning", code="T002"), diagnostic(severity="info"))
    ColourTextFormatter(stream).add(FileResult("cables/a.txt", items))
    lines = stream.getvalue().splitlines()
    assert all("\x1b[" in line for line in lines)
    assert [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in lines] == [format_line(d) for d in items]


def test_piped_text_output_has_no_escapes(capsys):
    _, out, _ = run(capsys, "--color", "auto", *ARGS, *CABLES)
    assert "\x1b" not in out


def test_progress_on_a_terminal_for_many_files_only():
    clock = iter(range(1000))
    terminal = Terminal()
    progress = Progress(60, terminal, clock=lambda: next(clock))
    for _ in range(60):
        progress.advance()
    progress.clear()
    shown = terminal.getvalue()
    assert "cablelint: 1/60 files" in shown and "cablelint: 60/60 files" in shown
    assert shown.endswith("\r\x1b[K")  # erased at the end
    few, piped = Terminal(), io.StringIO()
    for stream, total in ((few, 3), (piped, 600)):
        quiet = Progress(total, stream)
        for _ in range(total):
            quiet.advance()
        quiet.clear()
        assert stream.getvalue() == ""


def test_progress_is_erased_before_findings_are_printed(tmp_path, monkeypatch):
    """Through the lint command, with standard output and error on one terminal: every finding
    starts its own visible line, none is glued to the progress line."""
    for index in range(55):
        shutil.copy(ROOT / "examples" / ("faulty-telegram.txt" if index == 30 else "clean-telegram.txt"),
                    tmp_path / f"c{index:02d}.txt")
    terminal = Terminal()
    monkeypatch.setattr("sys.stdout", terminal)
    monkeypatch.setattr("sys.stderr", terminal)
    status = main([*ARGS, "--color", "never", str(tmp_path)])
    shown = terminal.getvalue()
    findings = [line for line in shown.split("\n") if "[error]" in line or "[warning]" in line or "[info]" in line]
    assert status == 1 and len(findings) == 11
    assert "cablelint: 1/55 files" in shown and "55/55 files" in shown and shown.endswith("\r\x1b[K")
    assert all(line.split("\r\x1b[K")[-1].startswith(str(tmp_path / "c30.txt:")) for line in findings)
