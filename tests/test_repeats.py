"""A repeat quotes another cable whole under its own classification line: the quoted header's
markings are judged by the date of the cable repeated, not the day of the repeat (invented cables)."""

from __future__ import annotations

import datetime as dt

import pytest

from cablelint.parse.build import build
from cablelint.parse.source import split_lines
from cablelint.policy import ruleset
from cablelint.policy.rulesetmodel import Settings
from cablelint.run.engine import lint_bytes


def _codes(text: str) -> list[str]:
    settings = Settings(ruleset=ruleset.load(()), as_of=dt.date(2026, 12, 4))
    return [d.code for d in lint_bytes("x.txt", text.encode(), settings).diagnostics]


def _repeat(dtg: str, repeat_line: str, quoted_header: str) -> str:
    return (f"R {dtg}\nFM SECSTATE WASHDC\nTO AMEMBASSY MARLOWE 0412\nC O N F I D E N T I A L STATE 006114\n\n"
            f"{repeat_line}\nQUOTE\nC O N F I D E N T I A L KESTREL 002211\n\n{quoted_header}\n"
            "1. (C) THE MINISTER SPOKE OF THE HARBOR.\nUNQUOTE\n")


CASES = [
    # E.O. 12065 took effect on 1 December 1978: a January 1979 repeat of a November 1978 cable
    ("091520Z JAN 79", "FOLLOWING REPEAT KESTREL 2211 ACTION SECSTATE DATED 22 NOV 78.",
     "E.O. 11652: GDS\nTAGS: PFOR XX\nSUBJECT: HARBOR TALKS\n", dt.date(1978, 11, 22), {"D006"}),
    # the X1-X8 exemptions could be used until 22 September 2003
    ("151430Z JAN 04", "FOLLOWING REPEAT KESTREL 002211 ACTION SECSTATE DATED 21 FEB 02.",
     "E.O. 12958: DECL: X1\nTAGS: PTER PREL IT\nSUBJECT: HARBOR TALKS\n\n"
     "CLASSIFIED BY: DCM JOHN ROE FOR REASONS 1.5 (B) AND (D)\n", dt.date(2002, 2, 21), {"D005", "A005"}),
    # its date given as a date-time group, the repeat's line wrapped onto an INFO line
    ("081200Z JUL 10", "FOLLOWING KESTREL 002211 DATED 171030Z JUN 10 SENT ACTION SECSTATE\n"
     "INFO LONDON IS BEING REPEATED FOR YOUR ACTION.",
     "E.O. 12958: DECL: 06/17/2020\nTAGS: PREL IT\nSUBJECT: HARBOR TALKS\n\n"
     "Classified By: Ambassador Jane Doe, reasons 1.4 (b) and (d).\n", dt.date(2010, 6, 17), {"D006", "P006"}),
    # an older repeat that names the cable repeated only as a telegram sent before, with its date
    ("041200Z DEC 78", "FOL TEL SENT ACTION SECSTATE INFO LENINGRAD FROM KESTREL DTD 28 NOV 78 RPTD TO YOU",
     "E.O. 11652: GDS\nTAGS: PFOR XX\nSUBJECT: HARBOR TALKS\n", dt.date(1978, 11, 28), {"D006"}),
    ("041200Z DEC 78", "FOLLOWING SENT ACTION SECSTATE FROM KESTREL NOV 28, 1978, REPEATED TO YOU:",
     "E.O. 11652: GDS\nTAGS: PFOR XX\nSUBJECT: HARBOR TALKS\n", dt.date(1978, 11, 28), {"D006"}),
    # both date-time groups written with a space before the Z, as in 1973
    ("090015 Z MAR 74", "FOLLOWING REPEAT KESTREL 2211 ACTION SECSTATE DATED 221530 Z NOV 73.",
     "E.O. 11652: GDS\nTAGS: PFOR XX\nSUBJECT: HARBOR TALKS\n", dt.date(1973, 11, 22), set()),
    # a month and a day, of the year that puts them before the repeat; the month written out
    ("121900Z JAN 79", "FOLLOWING REPEAT KESTREL 2211 ACTION SECSTATE INFO LENINGRAD NOV 22.",
     "E.O. 11652: GDS\nTAGS: PFOR XX\nSUBJECT: HARBOR TALKS\n", dt.date(1978, 11, 22), {"D006"}),
    ("121900Z JAN 79", "FOL RPT KESTREL 2211 ACTION SECSTATE NOVEMBER 22, 1978.",
     "E.O. 11652: GDS\nTAGS: PFOR XX\nSUBJECT: HARBOR TALKS\n", dt.date(1978, 11, 22), {"D006"}),
    ("271500Z OCT 95", "FOLLOWING REPEAT KESTREL 002211 SENT ACTION SECSTATE\nINFO BELGRADE DATED 29 SEP 95.",
     "E.O. 12356: DECL: OADR\nTAGS: PREL PGOV XX\nSUBJECT: HARBOR TALKS\n", dt.date(1995, 9, 29),
     {"D005", "D006", "X005"}),
]


@pytest.mark.parametrize("dtg, repeat_line, quoted_header, repeated, wrong", CASES)
def test_a_repeats_quoted_header_is_judged_by_the_date_of_the_cable_repeated(dtg, repeat_line, quoted_header,
                                                                              repeated, wrong):
    text = _repeat(dtg, repeat_line, quoted_header)
    cable = build(split_lines(text))
    assert cable.repeated_on == repeated
    assert cable.banner.serial == "006114"  # (the repeat's own line, not the quoted one's)
    assert not wrong & set(_codes(text))


def test_a_cable_that_is_no_repeat_is_judged_by_its_own_date():
    text = _repeat("091520Z JAN 79", "THE MINISTER'S NOTE OF 22 NOV 78 FOLLOWS.",
                   "E.O. 11652: GDS\nTAGS: PFOR XX\nSUBJECT: HARBOR TALKS\n")
    assert build(split_lines(text)).repeated_on is None
    assert "D006" in _codes(text)


@pytest.mark.parametrize("repeat_line", ["FOL RPT KESTREL 2211 SENT ACTION SECSTATE INFO PARIS.",
                                         "FOLLOWING TEL SENT ACTION SECSTATE FROM KESTREL RPTD TO YOU."])
def test_a_repeat_that_quotes_the_cables_own_routing_header_is_judged_by_its_date_time_group(repeat_line):
    # (the repeat's line names no date; the quoted cable's header, under QUOTE, carries its own)
    text = ("R 150900Z JAN 96\nFM SECSTATE WASHDC\nTO AMEMBASSY MARLOWE 0412\nC O N F I D E N T I A L STATE 006114\n\n"
            f"{repeat_line}\n\nQUOTE\nP 121530Z MAR 95\nFM AMEMBASSY KESTREL\nTO SECSTATE WASHDC 1234\n"
            "C O N F I D E N T I A L KESTREL 002211\n\nE.O. 12356: DECL: OADR\nTAGS: PREL PGOV XX\n"
            "SUBJECT: HARBOR TALKS\n\n1. (C) THE MINISTER SPOKE OF THE HARBOR.\nUNQUOTE\n")
    assert build(split_lines(text)).repeated_on == dt.date(1995, 3, 12)
    assert not {"D005", "D006", "X005"} & set(_codes(text))


def test_a_line_that_follows_up_on_another_cable_is_no_repeat():
    # (`FOLLOWING UP ON KESTREL 120 OF MAY 2, 1995` is a sentence; a passing line above says REPEAT)
    text = ("P 201741Z MAY 08\nFM AMEMBASSY MARLOWE\nTO SECSTATE WASHDC 1234\n"
            "C O N F I D E N T I A L MARLOWE 000123\n\n"
            "SIPDIS\nDEPT PLEASE REPEAT TO USNATO\nFOLLOWING UP ON KESTREL 120 OF MAY 2, 1995\n\n"
            "E.O. 12958: DECL: 05/20/2018\nTAGS: PREL IT\nSUBJECT: HARBOR TALKS\n\n"
            "Classified By: Ambassador Jane Doe, reasons 1.4 (b) and (d).\n\n1. (C) The minister spoke.\n")
    assert build(split_lines(text)).repeated_on is None
    assert not {"D006", "A005"} & set(_codes(text))


def test_a_repeat_whose_quoted_classification_line_is_another_cables_is_still_a_splice():
    # (the repeat names KESTREL 2211 and quotes its header, but PARIS 005555's line stands under it)
    text = ("R 150900Z JAN 96\nFM SECSTATE WASHDC\nTO AMEMBASSY MARLOWE 0412\n"
            "FOL RPT KESTREL 2211 SENT ACTION SECSTATE INFO PARIS.\n\nQUOTE\nP 121530Z MAR 95\nFM AMEMBASSY KESTREL\n"
            "TO SECSTATE WASHDC 1234\nC O N F I D E N T I A L PARIS 005555\n\nE.O. 12356: DECL: OADR\n"
            "TAGS: PREL XX\nSUBJECT: HARBOR TALKS\n\n1. (C) THE MINISTER SPOKE.\nUNQUOTE\n")
    assert "X005" in _codes(text)
