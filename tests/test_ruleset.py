"""Rule-set loading: bundled sets, extends, validation with file:line:column, safety."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from cablelint.cli import main
from cablelint.policy import ruleset
from cablelint.policy.rulesetmodel import Settings
from cablelint.run.engine import lint_bytes


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    return path


def error_of(path: Path) -> str:
    with pytest.raises(ruleset.RuleFileError) as caught:
        ruleset.load([path])
    return str(caught.value)


def test_bundled_rule_sets_load_from_the_package():
    rules = ruleset.load()
    assert (ruleset.bundled_dir() / "default.yaml").is_file()
    assert {"TOP SECRET", "SECRET", "CONFIDENTIAL", "UNCLASSIFIED"} <= set(rules.levels)
    assert [r.id for r in rules.regimes][-3:] == ["eo12958", "eo12958-amended", "eo13526"]
    assert rules.tags["subject"]["PREL"]


def test_hostile_yaml_tag_runs_nothing_and_names_file_and_line(tmp_path, capsys):
    marker = tmp_path / "pwned"
    hostile = write(tmp_path, "hostile.yaml", f"""\
        rules:
          P001: error
        levels: !!python/object/apply:os.system ["touch {marker}"]
        """)
    status = main(["--rules", str(hostile), str(tmp_path)])
    err = capsys.readouterr().err
    assert status == 2
    assert f"{hostile}:3:" in err and "tag" in err.lower()
    assert not marker.exists()


def test_unknown_option_is_reported_at_its_line(tmp_path):
    path = write(tmp_path, "opts.yaml", """\
        extends: [default]
        rules:
          P001: error
          T003:
            severity: warning
          T006:
            nonsense-option: 3
        """)
    message = error_of(path)
    assert message.startswith(f"{path}:7:5:") and "nonsense-option" in message


@pytest.mark.parametrize("text, line, words", [
    ("rules:\n  Z999: off\n", 2, "unknown rule"),
    ("rules:\n  P001: loud\n", 2, "expected one of"),
    ("levels:\n  SECRET: {rank: high, portion: [S]}\n", 2, "whole number"),
    ("colours: [red]\n", 1, "unknown top-level key"),
    ("rules: [\n", 2, ""),
    ("rules:\n  C100:\n    name: bad\n    scope: paragraph\n    pattern: '(a+)\\1'\n    message: m\n",
     5, "back-reference"),
    ("rules:\n  C100:\n    name: bad\n    scope: paragraph\n    pattern: '(unclosed'\n    message: m\n",
     5, "invalid regular"),
])
def test_problems_are_refused_with_a_position(tmp_path, text, line, words):
    path = write(tmp_path, "bad.yaml", text)
    message = error_of(path)
    assert message.startswith(f"{path}:{line}:"), message
    assert words in message


def test_extends_cycle_is_refused(tmp_path):
    write(tmp_path, "a.yaml", "extends: [b.yaml]\n")
    b = write(tmp_path, "b.yaml", "extends: [a.yaml]\n")
    assert "cycle" in error_of(b)


def test_layers_override_and_merging_never_mutates(tmp_path):
    base = write(tmp_path, "base.yaml", "extends: [default]\nrules:\n  P004: off\n")
    child = write(tmp_path, "child.yaml", "extends: [base.yaml]\nrules:\n  P004: error\n")
    assert ruleset.load([base]).severity("P004", "warning") == "off"
    assert ruleset.load([child]).severity("P004", "warning") == "error"
    assert ruleset.load([base]).severity("P004", "warning") == "off"


def test_rules_by_name_and_custom_rules(tmp_path):
    path = write(tmp_path, "custom.yaml", """\
        rules:
          missing-portion-marking: warning
          C100:
            name: no-codeword
            scope: paragraph
            marking: [S]
            pattern: "BLUEBIRD"
            message: "a SECRET paragraph names {match}"
        """)
    rules = ruleset.load([path])
    assert rules.severity("P001", "error") == "warning"
    cable = (b"S E C R E T ROME 000123\n\nE.O. 12958: DECL: 01/01/2015\nTAGS: PREL IT\nSUBJECT: X\n\n"
             b"Classified By: Ambassador Jane Doe, reasons 1.4 (b).\n\n1. (S) Operation BLUEBIRD began.\n\n"
             b"2. (C) BLUEBIRD again, but only CONFIDENTIAL.\n")
    result = lint_bytes("c.txt", cable, Settings(ruleset=rules, as_of=dt.date(2026, 11, 27), select=("C100",)))
    assert [(d.line, d.column, d.code, d.message) for d in result.diagnostics] == [
        (9, 18, "C100", "a SECRET paragraph names BLUEBIRD")]


def test_a_pattern_python_may_read_differently_later_loads_without_a_warning():
    """re warns of "[[" (a possible set union in later Pythons); mid-run that is only noise."""
    import warnings

    from cablelint.policy.customrules import compile_safely

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        compiled = compile_safely("[[]X", ("rules", "C100", "pattern"))
    assert compiled.search("a[X") and not caught


def test_an_order_cited_between_its_signing_and_its_effect_is_said_so():
    # (D006 gives the days from regimes.yaml's `signed` and `from`: the order existed, its marking rules did not yet)
    text = ("C O N F I D E N T I A L MARLOWE 000412\n\nE.O. 13526: DECL: 02/08/2020\nTAGS: PREL IT\n"
            "SUBJECT: HARBOR TALKS\n\nClassified By: Ambassador Helen Quarrington, Reasons 1.4 (b) and (d).\n\n"
            "1. (C) The harbor commission adjourned.\n")
    settings = Settings(ruleset=ruleset.load(()), as_of=dt.date(2026, 11, 27), date=dt.date(2010, 2, 8))
    (finding,) = [d for d in lint_bytes("x.txt", text.encode(), settings).diagnostics if d.code == "D006"]
    assert "(signed on 2009-12-29, in effect for markings from 2010-06-25)" in finding.message
    regimes = {r.id: r for r in ruleset.load(()).regimes}
    assert regimes["eo12958-amended"].exemptions_from == {"50X1-HUM": dt.date(2009, 12, 29),
                                                         "50X2-WMD": dt.date(2009, 12, 29)}


@pytest.mark.parametrize("reasons, said", [
    ("for reasons 1.4.", "cites section 1.4 but no category letter"),
    ("Reason: 1.4", "cites section 1.4 but no category letter"),
    ("for reasons of state.", "cites no classification reason with its section"),
])
def test_a003_says_what_the_reason_lacks(reasons, said):
    text = ("C O N F I D E N T I A L MARLOWE 000412\n\nE.O. 12958: DECL: 04/02/2018\nTAGS: PREL IT\n"
            f"SUBJECT: HARBOR TALKS\n\nClassified By: Ambassador Helen Quarrington {reasons}\n\n"
            "1. (C) The harbor commission adjourned.\n")
    settings = Settings(ruleset=ruleset.load(()), as_of=dt.date(2026, 11, 27), date=dt.date(2008, 4, 2))
    (finding,) = [d for d in lint_bytes("x.txt", text.encode(), settings).diagnostics if d.code == "A003"]
    assert said in finding.message
