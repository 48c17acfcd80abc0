"""The release gate (R001, R002), D009 and `declassification.status()` behind them.

The four acceptance cases of issue 6 run through the command line on invented cables in
tests/fixtures/declass/; the rest checks status() case by case against the facts in
../shared/docs/marking-rules.md sections 1.3-1.5 and 4.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cablelint.checks import declassification as dc
from cablelint.checks.context import Context
from cablelint.cli import main
from cablelint.parse.build import build
from cablelint.parse.source import decode
from cablelint.policy import ruleset
from cablelint.policy.rulesetmodel import Settings
from cablelint.run.engine import lint_bytes

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "declass"
AS_OF = dt.date(2026, 11, 27)
ORIGIN = dt.date(2008, 4, 2)
RULES = ruleset.load()


def _run(capsys, *args: str) -> tuple[int, list[str]]:
    status = main(["--jobs", "1", "--date", "2008-04-02", "--as-of", "2026-11-27", *args])
    return status, capsys.readouterr().out.splitlines()


def _codes(lines: list[str]) -> list[str]:
    return [line.split(": ", 1)[1].split()[0] for line in lines]


# ------------------------------------------------------------------ the acceptance cases


def test_passed_date_gets_d009_and_passes_the_gate(capsys):
    status, lines = _run(capsys, str(FIXTURES / "decl-2018.txt"))
    assert status == 0 and _codes(lines) == ["D009"]
    assert "2018-04-02 has passed" in lines[0]
    status, lines = _run(capsys, "--release", str(FIXTURES / "decl-2018.txt"))
    assert status == 0 and _codes(lines) == ["D009"]


def test_later_date_fails_the_gate_only_with_release(capsys):
    status, lines = _run(capsys, str(FIXTURES / "decl-2031.txt"))
    assert status == 0 and lines == []
    status, lines = _run(capsys, "--release", str(FIXTURES / "decl-2031.txt"))
    assert status == 1 and _codes(lines) == ["R001"]
    assert "CONFIDENTIAL" in lines[0] and "2031-04-02" in lines[0]


def test_x1_exemption_needs_a_review(capsys):
    status, lines = _run(capsys, "--release", "--select", "R,D009", str(FIXTURES / "decl-x1.txt"))
    assert status == 1 and _codes(lines) == ["R002"]
    assert lines[0].startswith(f"{FIXTURES / 'decl-x1.txt'}:5:13: R002")  # at the instruction "1.6 X1"


def test_unclas_cable_with_na_passes_the_gate(capsys):
    status, lines = _run(capsys, "--release", str(FIXTURES / "unclas-na.txt"))
    assert status == 0 and lines == []


# ------------------------------------------------------------------ status() case by case

BODY = """TAGS: PREL MT
SUBJECT: MALTA: MINISTER ON THE SPRING SESSION

Classified By: Ambassador Jane Q. Example for reasons 1.4 (b) and (d).

1. ({mark}) The minister outlined the session's priorities.
"""


def _cable(eo: str, banner: str = "C O N F I D E N T I A L VALLETTA 000300", mark: str = "C",
           extra: str = "", header: str = "") -> str:
    return f"{header}{banner}\n\n{eo}\n{BODY.format(mark=mark)}{extra}"


def _status(text: str, origin: dt.date | None = ORIGIN, as_of: dt.date = AS_OF) -> dc.Status:
    cable = build(decode(text.encode()))
    return dc.status(Context(cable=cable, path="t.txt", ruleset=RULES, origin_date=origin, as_of=as_of))


def _gate(text: str, origin: dt.date | None = ORIGIN) -> list[str]:
    settings = Settings(ruleset=RULES, as_of=AS_OF, date=origin, select=("R", "D009"), release=True)
    return [d.code for d in lint_bytes("t.txt", text.encode(), settings).diagnostics]


def test_date_on_the_as_of_day_is_due():
    state = _status(_cable("E.O. 12958: DECL: 11/27/2026"))
    assert (state.kind, state.date) == (dc.DUE, AS_OF)
    assert _status(_cable("E.O. 12958: DECL: 11/28/2026")).kind == dc.NOT_YET_DUE


def test_25_years_overrides_a_later_date():
    # origin 2000: automatic declassification on 2025-12-31 although the date says 2030
    state = _status(_cable("E.O. 12958: DECL: 06/01/2030"), origin=dt.date(2000, 6, 1))
    assert (state.kind, state.date) == (dc.DUE, dt.date(2025, 12, 31))
    # the day before the 25-year point it is not yet due
    early = _status(_cable("E.O. 12958: DECL: 06/01/2030"), origin=dt.date(2000, 6, 1), as_of=dt.date(2025, 12, 30))
    assert (early.kind, early.date) == (dc.NOT_YET_DUE, dt.date(2030, 6, 1))


def test_date_before_origin_is_not_a_declassification_date():
    text = _cable("E.O. 12958: DECL: 04/02/2003")
    state = _status(text)
    assert (state.kind, state.date) == (dc.UNKNOWN, dt.date(2033, 12, 31))
    assert "before the origin date" in state.reason
    assert _gate(text) == ["R001"]


def test_indefinite_marking_holds_to_25_years_then_is_due_but_still_needs_review():
    young = _status(_cable("E.O. 12958: DECL: OADR"))
    assert (young.kind, young.date, young.exempted) == (dc.EXEMPT, dt.date(2033, 12, 31), True)
    old = _cable("E.O. 12356: DECL: OADR")
    state = _status(old, origin=dt.date(1986, 5, 12))
    assert (state.kind, state.date, state.exempted) == (dc.DUE, dt.date(2011, 12, 31), True)
    assert _gate(old, origin=dt.date(1986, 5, 12)) == ["D009", "R002"]


def test_25x_exemption_holds_to_its_own_date():
    state = _status(_cable("E.O. 13526: DECL: 25X1, 20500101"), origin=dt.date(2011, 3, 1))
    assert (state.kind, state.date) == (dc.EXEMPT, dt.date(2050, 1, 1))
    undated = _status(_cable("E.O. 13526: DECL: 25X6"), origin=dt.date(2011, 3, 1))
    assert (undated.kind, undated.date) == (dc.EXEMPT, None)
    assert "without the date" in undated.reason


def test_50x_exemptions_hold_to_75_years():
    state = _status(_cable("E.O. 13526: DECL: 50X1-HUM"), origin=dt.date(2011, 3, 1))
    assert (state.kind, state.date) == (dc.EXEMPT, dt.date(2086, 12, 31))


def test_unknown_exemption_code_exempts_nothing():
    text = _cable("E.O. 12958: DECL: X9")
    state = _status(text)
    assert (state.kind, state.exempted) == (dc.UNKNOWN, False)
    assert _gate(text) == ["R001"]


def test_event_instruction_is_unknown_until_25_years():
    text = _cable("E.O. 12958: DECL: AFTER KOREAN UNIFICATION")
    assert (_status(text).kind, _status(text).date) == (dc.UNKNOWN, dt.date(2033, 12, 31))
    assert _status(text, origin=dt.date(1999, 1, 1)).kind == dc.DUE


def test_no_origin_date():
    # a date needs no origin date; the 25-year rule and exemptions do
    assert _status(_cable("E.O. 12958: DECL: 04/02/2018"), origin=None).kind == dc.DUE
    assert _status(_cable("E.O. 12958: DECL: 04/02/2031"), origin=None).kind == dc.NOT_YET_DUE
    assert (_status(_cable("E.O. 12958: DECL: OADR"), origin=None).kind,
            _status(_cable("E.O. 12958: DECL: OADR"), origin=None).date) == (dc.EXEMPT, None)
    missing = _status(_cable("E.O. 12958: DECL:"), origin=None)
    assert (missing.kind, missing.date) == (dc.UNKNOWN, None)


def test_classified_portion_under_an_unclas_banner_is_not_released():
    text = _cable("E.O. 12958: N/A", banner="UNCLAS VALLETTA 000301", mark="C")
    state = _status(text)
    assert state.kind == dc.UNKNOWN and "CONFIDENTIAL in paragraph 1 (C)" in state.reason
    assert _gate(text) == ["R001"]
    assert _status(_cable("E.O. 12958: N/A", banner="UNCLAS VALLETTA 000301", mark="U")).kind == dc.UNCLASSIFIED


def test_routing_security_line_counts():
    header = "P 021430Z APR 08\nFM AMEMBASSY VALLETTA\nZNY SSSSS ZZH\n"
    text = _cable("E.O. 12958: N/A", banner="UNCLAS VALLETTA 000302", mark="U", header=header)
    assert _status(text).kind == dc.UNKNOWN and "routing security line" in _status(text).reason


# ------------------------------------------------------------------ declassification markings

STATE_STAMP = "\nDeclassified/Released US Department of State EO\nSystematic Review 20 MAR 2014\n"
NARA_STAMP = "\nDECLASSIFIED\nAuthority NND 969000\nBy AB NARA Date 1/1/09\n"
FIELDS = "\nDeclassified by: John Doe, Chief, Records Review Division\nDeclassified on: 20150603\n"


@pytest.mark.parametrize(("eo", "extra", "when"), [
    ("E.O. 12958: DECL: 04/02/2031", STATE_STAMP, dt.date(2014, 3, 20)),
    ("E.O. 12958: DECL: 1.6 X1", STATE_STAMP, dt.date(2014, 3, 20)),
    ("E.O. 12958: DECL: OADR", NARA_STAMP, dt.date(2009, 1, 1)),
    ("E.O. 12958: DECL: 04/02/2031", FIELDS, dt.date(2015, 6, 3)),
    ("E.O. 12958: DECL: DECLASSIFIED BY NARA 09/02/2009", "", dt.date(2009, 9, 2)),
    ("E.O. 12958: AS AMENDED; DECLASSIFIED JUNE 21, 2006", "", dt.date(2006, 6, 21)),
], ids=["state-review", "state-review-x1", "nara-stamp", "cfr-fields", "nara-eo-line", "eo-line-date"])
def test_declassification_markings_count_as_declassified(eo, extra, when):
    text = _cable(eo, extra=extra)
    state = _status(text)
    assert (state.kind, state.date) == (dc.DECLASSIFIED, when)
    assert _gate(text) == []


def test_marking_dated_after_the_as_of_date_does_not_count_yet():
    text = _cable("E.O. 12958: DECL: 04/02/2031", extra=STATE_STAMP)
    assert _status(text, as_of=dt.date(2013, 1, 1)).kind == dc.NOT_YET_DUE
    assert _status(text, as_of=dt.date(2014, 3, 20)).kind == dc.DECLASSIFIED


def test_prose_about_declassification_is_no_marking():
    prose = ("\n2. (C) The minister asked that the documents be\ndeclassified\nbefore the visit; "
             "DECLASSIFIED INFORMATION WAS SHARED.\n")
    text = _cable("E.O. 12958: DECL: 04/02/2031", extra=prose)
    assert _status(text).kind == dc.NOT_YET_DUE
    assert _gate(text) == ["R001"]
