"""Per-rule fixture cases (tests/cases/*.yaml), each run against its rule alone, plus the
catalog, registry, `explain` and `rules` consistency checks.

A case file holds `rule: CODE` (or `rule: custom`, where the case's own rule set declares the
custom rules) and a list of cases; each case gives a cable (`cable:` text, or `cable-bytes-hex:`
for raw bytes), optional `date`, `as-of`, `release`, `rules` (an extra rule-set YAML layered over
the defaults) and the exact list of `[line, column, code]` the rule must report (a fourth element,
when given, pins the severity). `xfail: "why"` marks a case whose expectation is right but which
the implementation does not meet yet (strict: it fails once fixed).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any, Optional

import pytest
import yaml

from cablelint.checks import all_rules
from cablelint.cli import main
from cablelint.policy import ruleset as ruleset_module
from cablelint.policy.rulesetmodel import Settings
from cablelint.parse.build import build
from cablelint.parse.source import UnreadableError, decode
from cablelint.parse.summary import ARTEFACT_CODES, summarise, summary_text
from cablelint.run.engine import lint_bytes

CASES_DIR = Path(__file__).resolve().parent / "cases"
SHARED = Path(__file__).resolve().parents[2] / "shared"
CATALOG = SHARED / "spec" / "rules.md"
DEFAULT_AS_OF = dt.date(2026, 11, 27)
CASE_KEYS = {"name", "date", "as-of", "release", "rules", "cable", "cable-bytes-hex", "expect", "xfail"}


def _as_date(value: Any) -> Optional[dt.date]:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


def _load_case_files() -> dict[str, dict]:
    files = {}
    for path in sorted(CASES_DIR.glob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(document, dict) and "rule" in document and "cases" in document, path
        files[path.stem] = document
    return files


CASE_FILES = _load_case_files()


def _params() -> list:
    params = []
    for stem, document in CASE_FILES.items():
        rule = document["rule"]
        seen: set[str] = set()
        for case in document["cases"]:
            case_id = f"{rule}-{_slug(case['name'])}"
            assert case_id not in seen, f"{stem}.yaml: two cases are named {case['name']!r}"
            seen.add(case_id)
            marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
            params.append(pytest.param(rule, case, id=case_id, marks=marks))
    return params


def _cable_bytes(case: dict) -> bytes:
    if "cable-bytes-hex" in case:
        return bytes.fromhex("".join(str(case["cable-bytes-hex"]).split()))
    return case["cable"].encode("utf-8")


def _disk_lines(data: bytes) -> list[str]:
    """The file's lines as an editor shows them (LF separated, CR of CRLF dropped)."""
    text = data.decode("utf-8", errors="replace")
    lines = text.split("\n")
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def _settings(rule: str, case: dict, tmp_path: Path) -> Settings:
    extra = []
    if case.get("rules"):
        rule_file = tmp_path / "case-rules.yaml"
        rule_file.write_text(case["rules"], encoding="utf-8")
        extra.append(rule_file)
    rules = ruleset_module.load(extra)
    if rule == "custom":
        select = tuple(r.code for r in rules.custom)
        assert select, "a custom case must declare its custom rules under `rules:`"
    else:
        select = (rule,)
    return Settings(ruleset=rules, as_of=_as_date(case.get("as-of")) or DEFAULT_AS_OF,
                    date=_as_date(case.get("date")), select=select, release=bool(case.get("release", False)))


@pytest.mark.parametrize(("rule", "case"), _params())
def test_rule_case(rule: str, case: dict, tmp_path: Path) -> None:
    unknown = set(case) - CASE_KEYS
    assert not unknown, f"unknown case keys: {sorted(unknown)}"
    assert ("cable" in case) != ("cable-bytes-hex" in case), "give exactly one of cable, cable-bytes-hex"
    data = _cable_bytes(case)
    result = lint_bytes("case.txt", data, _settings(rule, case, tmp_path))
    assert not result.errors, "\n".join(f"{e.code}: {e.error}\n{e.traceback}" for e in result.errors)

    report = "\n".join(f"{d.line}:{d.column}: {d.code} [{d.severity}] {d.message}" for d in result.diagnostics)
    entries = case.get("expect") or []
    assert all(len(entry) in (3, 4) for entry in entries), "expect entries are [line, column, code(, severity)]"
    got = sorted([d.line, d.column, d.code] for d in result.diagnostics)
    expected = sorted([int(entry[0]), int(entry[1]), str(entry[2])] for entry in entries)
    assert got == expected, report
    # an optional fourth element pins the severity (S010 reports some markings as warnings)
    with_severity = [[d.line, d.column, d.code, d.severity] for d in result.diagnostics]
    for entry in entries:
        if len(entry) == 4:
            assert [int(entry[0]), int(entry[1]), str(entry[2]), str(entry[3])] in with_severity, report

    lines = _disk_lines(data)
    for d in result.diagnostics:
        assert 1 <= d.line <= max(len(lines), 1), f"{d.code} at line {d.line}: outside the file"
        text = lines[d.line - 1] if lines else ""
        assert 1 <= d.column <= len(text) + 1, f"{d.code} at {d.line}:{d.column}: outside line {text!r}"


def test_every_case_cable_has_a_parse_output() -> None:
    """`cablelint parse` describes every fixture cable: each artefact kind the reader finds names
    its code, and the record is JSON (an unnamed kind once crashed `parse` on one real cable)."""
    seen_kinds = set()
    for document in CASE_FILES.values():
        for case in document["cases"]:
            try:
                cable = build(decode(_cable_bytes(case)))
            except UnreadableError:  # binary and undecodable cases have no cable to describe
                continue
            record = summarise(cable, "case.txt", cable.origin_date)
            json.dumps(record)
            summary_text(record)
            seen_kinds.update(a["kind"] for a in record["artefacts"])
    assert seen_kinds == set(ARTEFACT_CODES), "a fixture case should show each artefact kind"


# ------------------------------------------------------------------ catalog and registry


def _catalog_rows() -> dict[str, tuple[str, str, bool]]:
    """code -> (name, severity, planned) from the tables of the rule catalog; a row marked
    "planned" is specified by an open issue and may or may not be built yet."""
    if not CATALOG.is_file():
        pytest.skip(f"{CATALOG} is absent (the shared folder is not checked out)")
    codes = {}
    for line in CATALOG.read_text(encoding="utf-8").splitlines():
        found = re.match(r"\|\s*([A-Z]\d{3})\s*\|\s*([a-z0-9-]+)\s*\|\s*(error|warning|info)(,\s*planned)?\s*\|", line)
        if found:
            codes[found[1]] = (found[2], found[3], bool(found[4]))
    assert codes, "no rule table found in the catalog"
    return codes


def _catalog_codes() -> dict[str, tuple[str, str]]:
    """code -> (name, severity) of the catalog's rows, planned ones included."""
    return {code: (name, severity) for code, (name, severity, _) in _catalog_rows().items()}


def test_catalog_codes_are_registered() -> None:
    registered = {spec.code for spec in all_rules()}
    built = {code for code, (_, _, planned) in _catalog_rows().items() if not planned}
    missing = sorted(built - registered)
    assert not missing, f"rules of the catalog that are not registered: {missing}"


def test_registered_codes_are_in_catalog() -> None:
    catalog = _catalog_codes()
    extra = sorted(spec.code for spec in all_rules() if spec.code not in catalog)
    assert not extra, f"registered rules that the catalog does not list: {extra}"


def test_names_and_severities_match_catalog() -> None:
    catalog = _catalog_codes()
    wrong = [f"{s.code}: registered {s.name}/{s.severity}, catalog {catalog[s.code][0]}/{catalog[s.code][1]}"
             for s in all_rules() if s.code in catalog and (s.name, s.severity) != catalog[s.code]]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("code", [spec.code for spec in all_rules()])
def test_rule_has_failing_and_passing_cases(code: str) -> None:
    document = CASE_FILES.get(code)
    assert document is not None, f"tests/cases/{code}.yaml is missing"
    assert document["rule"] == code, f"tests/cases/{code}.yaml says rule: {document['rule']}"
    cases = document["cases"]
    assert any(c.get("expect") for c in cases), f"{code} has no failing case"
    assert any(not c.get("expect") for c in cases), f"{code} has no passing case"
    for case in cases:
        assert all(entry[2] == code for entry in case.get("expect") or []), \
            f"{code}: case {case['name']!r} expects another rule's code"


def test_custom_rules_have_cases() -> None:
    document = CASE_FILES.get("custom")
    assert document is not None and document["rule"] == "custom", "tests/cases/custom.yaml is missing"
    cases = document["cases"]
    assert any(c.get("expect") for c in cases) and any(not c.get("expect") for c in cases)


def test_every_case_file_names_a_rule() -> None:
    registered = {spec.code for spec in all_rules()} | {"custom"}
    for stem, document in CASE_FILES.items():
        assert stem == document["rule"], f"{stem}.yaml says rule: {document['rule']}"
        assert stem in registered, f"{stem}.yaml names no registered rule"


# ------------------------------------------------------------------ explain and rules


def _squash(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("code", [spec.code for spec in all_rules()])
def test_explain(code: str, capsys: pytest.CaptureFixture[str]) -> None:
    spec = next(s for s in all_rules() if s.code == code)
    status = main(["explain", code])
    out = capsys.readouterr().out
    assert status == 0
    assert code in out and spec.name in out
    squashed = _squash(out)
    for part, what in ((spec.rationale, "rationale"), (spec.bad, "failing example"), (spec.good, "passing example")):
        assert part.strip(), f"{code} has an empty {what}"
        assert _squash(part) in squashed, f"`explain {code}` does not print the {what}"


def test_rules_lists_every_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    listed = {line.split()[0] for line in capsys.readouterr().out.splitlines() if line.strip()}
    missing = [spec.code for spec in all_rules() if spec.code not in listed]
    assert not missing, f"`cablelint rules` does not list {missing}"


@pytest.mark.parametrize("year, order", [("80", "12065"), ("85", "12356"), ("08", "12958")])
def test_a_missing_e_o_line_is_asked_for_in_the_form_of_the_order_in_force(year, order):
    cable = (f"R 141000Z APR {year}\nFM AMEMBASSY MARLOWE\nTO SECSTATE WASHDC 1881\n\n"
             "C O N F I D E N T I A L MARLOWE 3312\n\nTAGS: PFOR, IT\nSUBJECT: X\n\n1. (C) Text.\n")
    settings = Settings(ruleset=ruleset_module.load(()), as_of=DEFAULT_AS_OF, select=("S003",))
    [finding] = lint_bytes("case.txt", cable.encode(), settings).diagnostics
    assert finding.message.count(f"'E.O. {order}:") == 2
