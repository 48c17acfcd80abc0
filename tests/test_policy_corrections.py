"""Policy facts corrected by the issue on precision (marking-rules.md, updated): SIPDIS has no
start date, and 25X1-human is the human-source exemption of cables before 2010-06-25, held like
its successor 50X1-HUM (the rule cases S010 and D010 hold the per-rule examples)."""

from __future__ import annotations

import datetime as dt

from cablelint.policy import ruleset
from cablelint.policy.rulesetmodel import Settings
from cablelint.run.engine import lint_bytes

CABLE = """S E C R E T KESTREL 000877

SIPDIS

E.O. 12958: DECL: {decl}
TAGS: PREL PTER IT
SUBJECT: BORDER PATROL INCIDENT

Classified By: Ambassador Jane Q. Example for reasons {section} (b) and (d).

1. (S) Two patrol boats crossed the line.
"""


def _lint(decl: str, origin: dt.date, release: bool = False) -> list[tuple[str, str]]:
    settings = Settings(ruleset=ruleset.load(), as_of=dt.date(2026, 12, 1), date=origin, release=release)
    section = "1.5" if origin < dt.date(2003, 9, 22) else "1.4"  # the categories section of the order in force
    result = lint_bytes("c.txt", CABLE.format(decl=decl, section=section).encode(), settings)
    assert not result.errors
    return [(d.code, d.message) for d in result.diagnostics]


def test_sipdis_is_not_dated_by_the_bundled_rule_set() -> None:
    sipdis = ruleset.load().captions["SIPDIS"]
    assert (sipdis.start, sipdis.end) == (None, None)
    assert sipdis.excludes == ("NODIS", "EXDIS")  # S011 still applies


def test_a_cable_of_2003_with_sipdis_is_clean() -> None:
    assert _lint("05/29/2013", dt.date(2003, 5, 29)) == [
        ("D009", "due for declassification as of 2026-12-01: declassification date 2013-05-29 has passed")]


def test_25x1_human_holds_to_the_75_year_point_as_50x1_hum_does() -> None:
    found = _lint("25X1-human", dt.date(2009, 3, 2), release=True)
    assert [code for code, _ in found] == ["R002"]  # exempt: a review decision, not an unknown code
    assert "25X1-HUMAN" in found[0][1]


def test_an_impossible_date_is_named_in_the_form_written() -> None:
    # (D002's hint names the form the drafter used: a year written first is yyyy/mm/dd)
    day = dt.date(2011, 2, 1)
    assert ("D002", "'2021/02/30' is not a valid date (yyyy/mm/dd)") in _lint("2021/02/30", day)
    assert ("D002", "'02/30/2021' is not a valid date (mm/dd/yyyy)") in _lint("02/30/2021", day)
    assert ("D002", "'20210230' is not a valid date (yyyymmdd)") in _lint("20210230", day)  # E.O. 13526's form


def test_a_missing_instruction_is_shown_in_the_form_of_the_order_cited() -> None:
    # (marking-rules.md 2.5: GDS/XGDS under E.O. 11652, GDS or RDS with a date under 12065, OADR
    # or a date under 12356, DECL: and a date from 12958 on)
    def hint(order: str, origin: dt.date) -> str:
        text = CABLE.replace("E.O. 12958: DECL: {decl}", f"E.O. {order}:").format(section="1.5")
        settings = Settings(ruleset=ruleset.load(), as_of=dt.date(2026, 12, 1), date=origin)
        found = [d.message for d in lint_bytes("c.txt", text.encode(), settings).diagnostics if d.code == "D001"]
        assert len(found) == 1
        return found[0].split("instruction ")[1]

    assert hint("11652", dt.date(1976, 3, 10)) == "('GDS' or 'XGDS-n')"
    assert hint("12065", dt.date(1980, 3, 10)) == "('GDS mm/dd/yy' or 'RDS-n mm/dd/yy')"
    assert hint("12356", dt.date(1988, 3, 10)) == "('DECL: OADR' or 'DECL: mm/dd/yy')"
    assert hint("12958", dt.date(2001, 3, 10)) == "('DECL: mm/dd/yyyy')"
