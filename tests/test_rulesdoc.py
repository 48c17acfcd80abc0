"""The rule pages (docs/rules.md) are generated from the registry and current; SARIF carries the same
words as Markdown help and links each rule's section; the licence the metadata declares is there."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cablelint.checks import all_rules, lookup
from cablelint.cli import main, rulesdoc
from cablelint.formats import rulehelp, sarif

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "docs" / "rules.md"

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    tomllib = pytest.importorskip("tomli")


@pytest.fixture
def unpublished(monkeypatch):
    """No [project.urls] in the installed metadata, as now: SARIF links the installed rule pages."""
    monkeypatch.setattr(sarif, "project_url", lambda label: None)
    sarif.rule_pages.cache_clear()
    yield
    sarif.rule_pages.cache_clear()


def test_the_rule_pages_are_current():
    assert PAGES.read_text(encoding="utf-8") == rulesdoc.render(), (
        "docs/rules.md differs from the rule registry: run `python -m cablelint.cli.rulesdoc` and commit it")


def test_check_mode_fails_on_a_stale_page_and_writing_makes_it_current(tmp_path, capsys):
    stale = tmp_path / "rules.md"
    stale.write_text(PAGES.read_text(encoding="utf-8").replace("default severity **error**", "severity ?", 1))
    assert rulesdoc.main(["--check", "--output", str(stale)]) == 1
    assert "out of date" in capsys.readouterr().err
    assert rulesdoc.main(["--output", str(stale)]) == 0
    assert rulesdoc.main(["--check", "--output", str(stale)]) == 0
    assert stale.read_text(encoding="utf-8") == PAGES.read_text(encoding="utf-8")


def test_every_rule_has_its_section_with_what_the_registry_says():
    page = PAGES.read_text(encoding="utf-8")
    for spec in all_rules():
        section = page.split(f"\n### {spec.code}\n", 1)[1].split("\n### ", 1)[0].split("\n## ", 1)[0]
        rule = rulehelp.in_force(spec)  # the catalog's severity as rules/default.yaml sets it from evidence
        if rule.preview:
            said = f"off by default: a preview rule ({rule.severity} with `--preview` or `--select {spec.code}`"
        elif rule.severity != spec.severity:
            said = f"default severity **{rule.severity}** (catalog: {spec.severity})"
        else:
            said = f"default severity **{spec.severity}**"
        assert f"`{spec.name}` · {said}" in section and f"measured precision {rule.measured}" in section, spec.code
        assert spec.rationale in section and spec.bad.rstrip() in section and spec.good.rstrip() in section
        column = "preview" if rule.preview else rule.severity
        assert f"| [{spec.code}](#{spec.code.lower()}) | {spec.name} | {column} |" in page
        assert ("only with `--release`" in section) == spec.release_only


def test_the_pages_follow_the_registry_when_a_rule_is_added_or_its_severity_changes():
    """Generation reads the registry only: a new rule, or a new default severity, appears on the page."""
    p004 = lookup("P004")
    added = p004._replace(code="T099", name="made-up-tag", severity="info", summary="a tag in no vocabulary",
                          rationale="Seen on no cable of three posts (5 FAH-3 H-110).", bad="TAGS: ZZZZ",
                          good="TAGS: PREL", options={"posts": 3})
    lowered = p004._replace(severity="info")
    page = rulehelp.page([*(r for r in all_rules() if r.code != "P004"), lowered, added])
    assert "| [T099](#t099) | made-up-tag | info | a tag in no vocabulary |" in page
    assert "### T099\n\n`made-up-tag` · default severity **info** · measured precision not measured" in page
    assert "**Options** (in a rule set, under `rules: T099:`): `posts` (default `3`)." in page
    assert "### P004\n\n`banner-above-portions` · default severity **info**" in page


def test_sources_are_the_citations_of_the_rationale():
    assert rulehelp.sources(lookup("P001").rationale) == ["32 CFR 2001.21(c)", "5 FAH-1 H-246.2"]
    assert rulehelp.sources(lookup("P006").rationale) == ["E.O. 13526", "32 CFR 2001.21(c)", "32 CFR 2001.23(b)(4)"]
    # "unclassified cables write 'E.O. 12958: N/A'" quotes an E.O. line; it cites nothing
    assert rulehelp.sources(lookup("S003").rationale) == ["32 CFR 2001.21(a)(4)"]
    assert rulehelp.sources("A repeated tag adds nothing.") == []


def test_an_example_holding_a_fence_cannot_end_its_block():
    spec = lookup("T005")._replace(bad="TAGS: PREL\n```\nPREL")
    text = rulehelp.body(spec)
    assert "````text\nTAGS: PREL\n```\nPREL\n````" in text


def _sarif_rules(capsys) -> dict:
    status = main(["--format", "sarif", "--as-of", "2026-11-27", "--jobs", "1", "--no-cache",
                   str(ROOT / "examples" / "faulty-telegram.txt")])
    assert status == 1
    log = json.loads(capsys.readouterr().out)
    return log, {rule["id"]: rule for rule in log["runs"][0]["tool"]["driver"]["rules"]}


def test_sarif_rules_carry_markdown_help_and_link_the_installed_rule_pages(capsys, unpublished):
    log, rules = _sarif_rules(capsys)
    assert set(rules) >= {"P001", "T001", "D004"}
    for code, rule in rules.items():
        assert rule["help"]["markdown"] == rulehelp.body(lookup(code))
        uri, _, fragment = rule["helpUri"].partition("#")
        assert uri.startswith("file:///") and fragment == code.lower()
        page = Path(uri[len("file://"):])
        assert page.samefile(PAGES) or page.read_text(encoding="utf-8") == PAGES.read_text(encoding="utf-8")
        assert f"\n### {code}\n" in page.read_text(encoding="utf-8")  # the fragment's heading is there
    assert log["runs"][0]["tool"]["driver"]["informationUri"] == rules["P001"]["helpUri"].split("#")[0]


def test_sarif_links_the_published_pages_once_pyproject_names_them(capsys, monkeypatch, unpublished):
    published = {"documentation": "https://docs.host.test/cablelint/rules.md", "homepage": "https://host.test/cablelint"}
    monkeypatch.setattr(sarif, "project_url", published.get)
    log, rules = _sarif_rules(capsys)
    assert rules["P001"]["helpUri"] == "https://docs.host.test/cablelint/rules.md#p001"
    assert log["runs"][0]["tool"]["driver"]["informationUri"] == "https://host.test/cablelint"


def test_sarif_without_any_rule_pages_leaves_the_link_out(capsys, monkeypatch, unpublished, tmp_path):
    monkeypatch.setattr(sarif, "RULE_PAGES", (tmp_path / "none.md",))
    log, rules = _sarif_rules(capsys)
    assert all("helpUri" not in rule for rule in rules.values())
    assert "informationUri" not in log["runs"][0]["tool"]["driver"]


def test_no_placeholder_host_is_left_in_the_project():
    placeholder = re.compile(r"https?://[^\s\"')]*example\.invalid")
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, text=True)
    if listed.returncode != 0:
        pytest.skip("not a git checkout")
    for name in filter(None, listed.stdout.split("\0")):
        path = ROOT / name
        if path.is_file() and path.suffix in {".py", ".md", ".toml", ".yaml", ".yml", ".sarif", ".json", ".txt"}:
            assert not placeholder.search(path.read_text(encoding="utf-8", errors="replace")), name


def test_the_licence_the_metadata_declares_is_there():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT"
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n") and "Permission is hereby granted, free of charge" in text


def test_the_wheel_ships_the_rule_pages():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert config["package-dir"]["cablelint.docs"] == "docs" and "cablelint.docs" in config["packages"]
    assert config["package-data"]["cablelint.docs"] == ["rules.md"]
