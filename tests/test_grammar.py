"""The grammar and the model on the input variants cables are written in (invented fixtures)."""

from __future__ import annotations

import datetime as dt

import pytest

from cablelint.parse import scanner
from cablelint.parse.build import build
from cablelint.parse.elements import eo_line
from cablelint.parse.grammar import grammar, parse
from cablelint.parse.source import decode, split_lines


def cable_of(text: str):
    return build(split_lines(text))


@pytest.mark.parametrize("line, order, kind, instruction, date", [
    ("E.O. 12958: DECL: 05/29/2013", "12958", "date", "05/29/2013", dt.date(2013, 5, 29)),
    ("EO 12958 DECL: 05/29/2013", "12958", "date", "05/29/2013", dt.date(2013, 5, 29)),
    ("E,O. 12958: DECL: 05/29/2013", "12958", "date", "05/29/2013", dt.date(2013, 5, 29)),  # a scan's comma
    ("E.O. 12958 DECL: 5/9/13", "12958", "date", "5/9/13", dt.date(2013, 5, 9)),
    ("E.O. 12958: DECL: 2019/01/21", "12958", "date", "2019/01/21", dt.date(2019, 1, 21)),
    ("E.O. 13526: DECL: 20200131", "13526", "date", "20200131", dt.date(2020, 1, 31)),
    ("E.o. 12958: decl: 01/22/2019", "12958", "date", "01/22/2019", dt.date(2019, 1, 22)),
    ("E.O. 12958: 03/24/2019", "12958", "date", "03/24/2019", dt.date(2019, 3, 24)),
    ("E.O. 12958: DECL: 24-MAR-2019", "12958", "date", "24-MAR-2019", dt.date(2019, 3, 24)),  # with dashes
    ("E.O. 12958: DECL: 24-Mar-19", "12958", "date", "24-MAR-19", dt.date(2019, 3, 24)),
    ("E.O. 12958 AS AMENDED: DECL: 06/01/2018", "12958", "date", "06/01/2018", dt.date(2018, 6, 1)),
    ("E.O. 12958 (AS AMENDED): DECL: 06/01/2018", "12958", "date", "06/01/2018", dt.date(2018, 6, 1)),
    ("E.O. 12958, AS AMENDED: DECL: 2018/06/01", "12958", "date", "2018/06/01", dt.date(2018, 6, 1)),
    ("E.O. 12958, AS AMENDED BY E.O. 13292: DECL: 06/01/2018", "12958", "date", "06/01/2018", dt.date(2018, 6, 1)),
    ("E.O.: 13526 - DECL: 06/01/2018", "13526", "date", "06/01/2018", dt.date(2018, 6, 1)),  # a field's colon
    ("E.O. 13526 -- DECL: 06/01/2018", "13526", "date", "06/01/2018", dt.date(2018, 6, 1)),
    ("E.O. 13526 \u2014 DECL: 06/01/2018", "13526", "date", "06/01/2018", dt.date(2018, 6, 1)),
    ("E.O. 12958: DECL: ON 06/01/2018", "12958", "date", "06/01/2018", dt.date(2018, 6, 1)),
    ("E.O. 12958: DECL: ON COMPLETION OF THE TALKS", "12958", "event", "ON COMPLETION OF THE TALKS", None),
    ("E.O. 12958: DECL ON: 07/01/2019", "12958", "date", "07/01/2019", dt.date(2019, 7, 1)),
    ("E.O. 12958: DECLASSIFY ON: 07/01/2019", "12958", "date", "07/01/2019", dt.date(2019, 7, 1)),
    # the keyword written twice
    ("E.O. 12958: DECL: DECL: 06/09/2016", "12958", "date", "06/09/2016", dt.date(2016, 6, 9)),
    # but not a word that begins with the keyword's letters, nor ON as a word's start
    ("E.O. 12958: DECL: DECLINING OIL PRICES", "12958", "event", "DECLINING OIL PRICES", None),
    ("E.O. 12958: DECL ONE YEAR AFTER THE ELECTION", "12958", "event", "ONE YEAR AFTER THE ELECTION", None),
    ("E.O. 12958: AS AMENDED; DECLASSIFIED JUNE 21, 2006", "12958", "declassified", "DECLASSIFIED JUNE 21, 2006",
     None),
    ("E.O. 12958: N/A", "12958", "na", "N/A", None),
    ("EO 12958 N/A", "12958", "na", "N/A", None),
    ("E.O. 12356: DECL: OADR", "12356", "indefinite", "OADR", None),
    ("E.O. 12356: DECL: 0ADR", "12356", "indefinite", "OADR", None),  # (a scan's zero for the O)
    ("E.O. 12958: DECL: MR", "12958", "indefinite", "MR", None),
    ("E.O. 12958: DECL: X1, X5", "12958", "exemption", "X1, X5", None),
    ("E.O. 12958: DECL: 1.6 X1", "12958", "exemption", "1.6 X1", None),
    ("E.O. 12958: DECL: (X1)", "12958", "exemption", "(X1)", None),  # in parentheses
    ("E.O. 12958: DECL: 1.6 (X5)", "12958", "exemption", "1.6 (X5)", None),
    ("E.O. 13526: DECL: 25X1", "13526", "exemption", "25X1", None),
    ("E.O. 13526: DECL: 25X6, 20600129", "13526", "exemption", "25X6, 20600129", dt.date(2060, 1, 29)),
    # the date written first
    ("E.O. 12958: DECL: 06/04/2044, 25X1", "12958", "exemption", "06/04/2044, 25X1", dt.date(2044, 6, 4)),
    ("E.O. 12958: DECL: 06/04/2026 (X1)", "12958", "exemption", "06/04/2026 (X1)", dt.date(2026, 6, 4)),
    ("E.O. 13526: DECL: 50X1-HUM", "13526", "exemption", "50X1-HUM", None),
    ("E.O. 12958: DECL: TEN YEARS AFTER KOREAN UNIFICATION", "12958", "event",
     "TEN YEARS AFTER KOREAN UNIFICATION", None),
    ("E.O. 12958: DECL: DECLASSIFIED BY NARA 09/02/2009", "12958", "declassified",
     "DECL: DECLASSIFIED BY NARA 09/02/2009", None),
    ("E.O. 11652: XGDS-2", "11652", "legacy", "XGDS-2", None),
    ("E.O. 11652: XGDS2", "11652", "legacy", "XGDS2", None),  # (the category run on to the letters)
    ("E.O. 12356: DECL: XGDS-2", "12356", "legacy", "XGDS-2", None),  # (the keyword is no part of it)
    ("E.O. 11652: GDS", "11652", "legacy", "GDS", None),
    # (the classifier named after the schedule, and the office, are no part of the instruction)
    ("E.O. 12065: RDS-3 6/5/99 (GERLACH, FREDERICK H.) OR-M", "12065", "legacy", "RDS-3 6/5/99", None),
    ("E.O. 12958: DECL: 02/30/2015", "12958", "malformed-date", "02/30/2015", None),
    ("E.O. 12958: DECL:", "12958", "none", None, None),
    ("E.O. 12958: DNG: CO 01/22/2019", "12958", "downgrade", "DNG: CO 01/22/2019", dt.date(2019, 1, 22)),
])
def test_eo_line_forms(line, order, kind, instruction, date):
    node, _tags = eo_line(line, 3)
    assert (node.order, node.kind, node.instruction, node.date) == (order, kind, instruction, date)
    assert node.span.line == 3


@pytest.mark.parametrize("instruction, declassify_on", [
    ("GDS 6/28/85 (DOE, JANE W.) OR-M", "1985-06-28"),  # the general schedule's day is its declassification date
    ("RDS-3 2/9/99 (DOE, JANE)", "RDS-3 2/9/99"),  # a review's day is none: the instruction, its classifier not
    ("XGDS-2", "XGDS-2"),
])
def test_parse_gives_the_declassification_date_an_e_o_12065_schedule_names(instruction, declassify_on):
    from cablelint.parse.summary import summarise

    cable = cable_of(f"C O N F I D E N T I A L ROME 000001\n\nE.O. 12065: {instruction}\nTAGS: PREL IT\nSUBJECT: X\n")
    assert summarise(cable, "x", None)["declassify_on"] == declassify_on


def test_eo_line_after_a_passing_line_and_with_tags_on_it():
    cable = cable_of("C O N F I D E N T I A L ROME 000001\n\nDEPT FOR EUR/WE E.O. 12958: DECL: 01/02/2019 "
                     "TAGS: PREL IT\nSUBJECT: X\n")
    assert cable.eo.order == "12958" and cable.eo.date == dt.date(2019, 1, 2)
    assert cable.eo.order_span.column == 22
    assert [t.value for t in cable.tags.tags] == ["PREL", "IT"]
    assert cable.tags.tags[0].span.column == 52


@pytest.mark.parametrize("line, level, exact", [
    ("C O N F I D E N T I A L SECTION 01 OF 03 OTTAWA 001539", "CONFIDENTIAL", True),
    ("S E C R E T ROME 000123", "SECRET", True),
    ("CONFIDENTIAL KUWAIT 000123", "CONFIDENTIAL", True),
    ("UNCLAS SECTION 01 OF 02 RIO DE JANEIRO 000123", "UNCLASSIFIED", True),
    ("T O P S E C R E T STATE 000123", "TOP SECRET", True),
    ("SECRET//NOFORN", "SECRET", True),
    ("LIMITED OFFICIAL USE STATE 012345", "UNCLASSIFIED", True),
    ("SS E C R E T TUNIS 000679", "SECRET", False),
    ("E C R E T SANAA 000473", "SECRET", False),
    ("S e c r e t berlin 001068", "SECRET", False),
    ("UUNCLAS MANAGUA 001002", "UNCLASSIFIED", False),
    ("C O N F I D E N T A L ROME 000123", "CONFIDENTIAL", False),
    ("C  O  N  F  I  D  E  N  T  I  A  L ROME 000123", "CONFIDENTIAL", True),  # spaced wider: its letters right
    ("S  E  C  R  E  T ROME 000123", "SECRET", True),
    ("C  O  N  F  I  D  E  N  T  A  L ROME 000123", "CONFIDENTIAL", False),
    ("O N F I D E N T I A L BAGHDAD 000290", "CONFIDENTIAL", False),
    # a scan's reading: digits taken for letters
    ("C0NFIDENTIAL MARLOWE 000412", "CONFIDENTIAL", False),
    ("5ECRET", "SECRET", False),
    ("UNCLASS1FIED", "UNCLASSIFIED", False),
    ("C 0 N F I D E N T I A L MARLOWE 001455", "CONFIDENTIAL", False),  # (a digit alone among the spaced letters)
    ("5 E C R E T MARLOWE 000123", "SECRET", False),
    ("S E C R E 1 MARLOWE 000123", "SECRET", False),
])
def test_classification_lines(line, level, exact):
    found = scanner.banner_level(line)
    assert found is not None and (found.level, found.exact) == (level, exact)


@pytest.mark.parametrize("line", ["SECRETARY RICE MET THE MINISTER", "CONFIDENTIALITY OF SOURCES 2009",
                                  "SECRET SERVICE AGENTS ARRIVED", "1. (C) THE SECRET IS OUT", "50 SECRET BALLOTS",
                                  "C0NFIDENT1ALITY 0F S0URCES", "1 SECRET", "5 SECRET SERVICE AGENTS ARRIVED",
                                  "0 SECRET TALKS"])
def test_prose_is_not_a_classification_line(line):
    assert scanner.banner_level(line) is None


def test_banner_parts():
    cable = cable_of("S E C R E T SECTION 01 OF 03 RIO DE JANEIRO 000123\n\nNOFORN\nSIPDIS\n")
    banner = cable.banner
    assert (banner.level, banner.post, banner.serial) == ("SECRET", "RIO DE JANEIRO", "000123")
    assert (banner.section.number, banner.section.total) == (1, 3)
    assert cable.controls == ("NOFORN", "SIPDIS")


@pytest.mark.parametrize("line, controls, post", [
    ("S E C R E T//NOFORN MARLOWE 000412", ("NOFORN",), "MARLOWE"),
    ("CONFIDENTIAL//NOFORN SAN SALVADOR 000412", ("NOFORN",), "SAN SALVADOR"),
    # a release list is one control, its countries kept together as a portion mark keeps them
    ("SECRET//REL TO USA, GBR MARLOWE 000412", ("REL TO USA, GBR",), "MARLOWE"),
    ("S E C R E T//ORCON/REL TO USA, AUS, GBR MARLOWE 000412", ("ORCON", "REL TO USA, AUS, GBR"), "MARLOWE"),
    # unclassified, encrypted for transmission only, written plain or spaced
    ("UNCLAS EFTO MARLOWE 000412", ("EFTO",), "MARLOWE"),
    ("UNCLAS E F T O SECTION 01 OF 02 MARLOWE 000412", ("EFTO",), "MARLOWE"),
    # named as the caption lines name them
    ("UNCLAS SENSITIVE MARLOWE 000412", ("SBU",), "MARLOWE"),
    ("UNCLASSIFIED//FOR OFFICIAL USE ONLY MARLOWE 000412", ("FOUO",), "MARLOWE"),
    ("UNCLASSIFIED//FOR OFFICIAL USE ONLY//NOFORN MARLOWE 000412", ("FOUO", "NOFORN"), "MARLOWE"),
    ("UNCLASSIFIED/SENSITIVE BUT UNCLASSIFIED MARLOWE 000412", ("SBU",), "MARLOWE"),
    ("UNCLAS SENSITIVE BUT UNCLASSIFIED MARLOWE 000412", ("SBU",), "MARLOWE"),
    ("SECRET//EYES ONLY MARLOWE 000412", ("EYES ONLY",), "MARLOWE"),
    ("SECRET//NOFORN SECTION 01 OF 02 MARLOWE 000412", ("NOFORN",), "MARLOWE"),
])
def test_controls_after_the_level_with_the_post_and_serial_after_them(line, controls, post):
    banner = cable_of(line + "\n").banner
    assert (banner.controls, banner.post, banner.serial) == (controls, post, "000412")


@pytest.mark.parametrize("line", ["UNCLAS E F T O", "UNCLAS EFTO"])
def test_unclas_efto_alone_on_its_line_is_a_classification_line(line):
    # (a military message's first line, its post and serial given elsewhere)
    cable = cable_of(line + "\nSUBJECT: X\n\n1. Text.\n")
    assert cable.level == "UNCLASSIFIED" and "EFTO" in cable.controls


@pytest.mark.parametrize("line, section, serial", [
    ("S E C R E T SECTION 0l OF 02 MARLOWE 000781", (1, 2), "000781"),  # a scan's l for a 1
    ("C O N F I D E N T I A L SECTI0N 01 OF 02 MARLOWE 000781", (1, 2), "000781"),
    ("C O N F I D E N T I A L MARLOWE OOO912", None, "000912"),  # its O for a zero
])
def test_a_classification_line_whose_numbers_a_scan_misread(line, section, serial):
    banner = cable_of(line + "\n").banner
    assert banner is not None and banner.post == "MARLOWE" and banner.serial == serial
    assert (banner.section and (banner.section.number, banner.section.total)) == section
    assert banner.span.end_column == len(line) + 1  # (read in place: the columns are the line's)


@pytest.mark.parametrize("line, names", [
    ("SIPDIS", ["SIPDIS"]), ("NOFORN", ["NOFORN"]), ("NODIS", ["NODIS"]), ("EXDIS", ["EXDIS"]),
    ("LIMDIS", ["LIMDIS"]), ("STADIS", ["STADIS"]), ("SENSITIVE", ["SBU"]), ("Sipdis", ["SIPDIS"]),
    ("ORCON", ["ORCON"]),
    ("NOFORN, SIPDIS, FOR DCMS AND ALL CABLE DRAFTERS", ["NOFORN", "SIPDIS"]),
    ("SIPDIS E.O. 12958: N/A", ["SIPDIS"]), ("SENSITIVE BUT UNCLASSIFIED", ["SBU"]),
    ("NOFORN/SIPDIS", ["NOFORN", "SIPDIS"]), ("STADIS//////////////////", ["STADIS"]),  # slashes between, after
    ("SENSITIVE/CLASSIFIED MATTERS WERE DISCUSSED", []), ("SIPDIS-2", []),
    # the release to partners, as the banner writes it; not prose that starts with the words
    ("RELEASABLE TO NATO/AUST/NZ/ISAF", ["REL TO NATO AUST NZ ISAF"]), ("REL TO USA, GBR", ["REL TO USA, GBR"]),
    ("RELEASABLE TO THE PRESS AFTER THE VISIT", []),
    ("releasable to nato/isaf", ["REL TO NATO ISAF"]),  # (a copy re-typed in lower case)
])
def test_captions(line, names):
    assert [name for name, _s, _e in scanner.captions(line)] == names


def test_caption_word_in_prose_is_not_a_caption():
    assert scanner.captions("sensitive reporting indicates that he has been") == []


@pytest.mark.parametrize("block, name, position, reasons", [
    ("Classified By: Political Minister Counselor Brian Flora,\nReasons 1.5 (b) and (d).",
     "Brian Flora", "Political Minister Counselor", ["1.5(b)", "1.5(d)"]),
    ("CLASSIFIED BY: AMBASSADOR ROBERT H. TUTTLE FOR REASONS 1.4(B), (D)",
     "ROBERT H. TUTTLE", "AMBASSADOR", ["1.4(b)", "1.4(d)"]),
    ("Classified By: Anne W. Patterson, Ambassador. Reason: 1.4 b and d",
     "Anne W. Patterson", "Ambassador", ["1.4(b)", "1.4(d)"]),
    ("Classified By: DCM Jane Doe, reasons 1.4 (b/d)", "Jane Doe", "DCM", ["1.4(b)", "1.4(d)"]),
    ("Classified By: Charge d'Affaires a.i. John Roe, Reasons 1.5 (B), (C) AND (D)",
     "John Roe", "Charge d'Affaires a.i.", ["1.5(b)", "1.5(c)", "1.5(d)"]),
    ("Classified By: AMBASSADOR ROBERT H. TUTTLE FOR REASONS\n\n1.4 B, D", "ROBERT H. TUTTLE", "AMBASSADOR",
     ["1.4(b)", "1.4(d)"]),
    ("Classified By: Ambassador Jane Doe for reasons\n1.4 (b) and (d)", "Jane Doe", "Ambassador",
     ["1.4(b)", "1.4(d)"]),
])
def test_classified_by_variants(block, name, position, reasons):
    text = "C O N F I D E N T I A L ROME 000001\n\nSUBJECT: X\n\n" + block + "\n\n1. (C) Text.\n"
    by = cable_of(text).classified_by
    assert (by.name, by.position, [r.text for r in by.reasons]) == (name, position, reasons)
    assert by.span.line == 5


@pytest.mark.parametrize("line, number, marking, error", [
    ("¶1. (C) Text", 1, "C", None),
    ("1. (S/NF) Text", 1, "S/NF", None),
    ("12.(C) Text", 12, "C", None),
    ("[11.](#) (C) Text", 1, "C", None),
    ("[110.](#) (U) Text", 10, "U", None),
    ("3. (S//NF) Text", 3, "S/NF", None),
    ("4. (C/REL NATO) Text", 4, "C/REL NATO", None),
    ("5. Text without a mark", 5, None, None),
    ("6. C) Text", 6, "C", "has no opening parenthesis"),
    ("6. S/Rel to Belize) Text", 6, "S/REL TO BELIZE", "has no opening parenthesis"),
    ("6. S-NF) Text", 6, "S-NF", "has no opening parenthesis"),
    ("6. C and D) are the options", 6, None, None),   # prose after the number: no mark
    ("7. (C Text", 7, "C", "has no closing parenthesis"),
    ("8. (S/ NF) Text", 8, "S/NF", "has a space or an empty part next to a slash"),
    ("9. ( C ) Text", 9, "C", "has spaces inside the parentheses"),
])
def test_paragraph_heads(line, number, marking, error):
    cable = cable_of("C O N F I D E N T I A L ROME 000001\n\nSUBJECT: X\n\n" + line + "\n")
    [paragraph] = cable.paragraphs
    assert paragraph.number == number and paragraph.span.line == 5
    assert (paragraph.mark.text if paragraph.mark else None) == marking
    assert (paragraph.mark.error if paragraph.mark else None) == error


def test_wrapped_number_is_not_a_paragraph():
    cable = cable_of("C O N F I D E N T I A L ROME 000001\n\nSUBJECT: X\n\n1. (C) The meeting is on November\n"
                     "16. The minister will attend.\n\n2. (C) More.\n")
    assert [p.number for p in cable.paragraphs] == [1, 2]


def test_subject_with_continuation_and_mark_ref_and_tags_variants():
    cable = cable_of("C O N F I D E N T I A L ROME 000001\n\nE.O. 12958: DECL: 01/02/2019\n"
                     "TAGS PREL, pgov; KNNP OVIP (ROSSI, MARIO)\nSUBJECT: (C) TALKS ON THE\nNEW TREATY\n\n"
                     "REF: A. ROME 12\n     B. STATE 34\n\n1. (C) Text.\n")
    assert cable.subject.text == "TALKS ON THE NEW TREATY" and cable.subject.mark.text == "C"
    assert (cable.subject.span.line, cable.subject.span.end_line) == (5, 6)
    assert [t.value for t in cable.tags.tags] == ["PREL", "PGOV", "KNNP", "OVIP", "(ROSSI, MARIO)"]
    assert [s for s, _ in cable.tags.separators] == [";"]
    assert (cable.refs.line, cable.refs.end_line) == (8, 9)


@pytest.mark.parametrize("line, text", [
    ("SUBJECT: (EU) SUMMIT PREPARATIONS", "(EU) SUMMIT PREPARATIONS"),       # a body in parentheses, no mark
    ("SUBJECT: (AFGHANISTAN) TALKS", "(AFGHANISTAN) TALKS"),
    ("SUBJECT: (CORRECTED COPY) TALKS", "TALKS"),                            # a copy's note is no part of it
    ("SUBJECT: SUBJECT: TALKS ON THE\nNEW TREATY", "TALKS ON THE NEW TREATY"),  # the label written twice
    ("SUBJECT: TALKS; REF: ROME 12", "TALKS"),                               # a REF run on after a separator
])
def test_subject_text_forms(line, text):
    cable = cable_of("C O N F I D E N T I A L ROME 000001\n\nE.O. 12958: DECL: 01/02/2019\nTAGS: PREL IT\n"
                     + line + "\n\n1. (C) Text.\n")
    assert cable.subject.text == text and cable.subject.mark is None


def test_full_telegram_routing_header_and_section_breaks():
    text = ("VZCZCXRO1234\nOO RUEHXX\nDE RUEHRO #0001/01 0021430\nZNY SSSSS ZZH\nO 021430Z JUL 09\n"
            "FM AMEMBASSY ROME\nTO RUEHC/SECSTATE WASHDC IMMEDIATE 0001\nINFO RUEHFR/AMEMBASSY PARIS 0002\n"
            "S E C R E T SECTION 01 OF 02 ROME 000001\n\nSIPDIS\n\nE.O. 12958: DECL: 07/02/2019\n"
            "TAGS: PREL IT\nSUBJECT: X\n\nClassified By: Ambassador Jane Doe, reasons 1.4 (b).\n\n"
            "1. (S) One.\n\nSUMMARY\n-------\n\nROME 00000001 002 OF 002\n\n2. (S) Two. END SUMMARY.\n\nDOE\n")
    cable = cable_of(text)
    assert cable.routing.security_level == "SECRET"
    assert cable.origin_date == dt.date(2009, 7, 2)
    assert cable.routing.sender == "AMEMBASSY ROME"
    assert [(b.section, b.total, b.span.line) for b in cable.section_breaks] == [(2, 2, 24)]
    assert [p.number for p in cable.paragraphs] == [1, 2]


@pytest.mark.parametrize("dtg, day", [
    ("P 021430Z JUL 09", dt.date(2009, 7, 2)),
    ("P R 021430Z JUL 2009", dt.date(2009, 7, 2)),
    ("P021430Z JUL 09", dt.date(2009, 7, 2)),          # the precedence run on
    ("P 021430ZJUL09", dt.date(2009, 7, 2)),           # the month and year run on
    ("R 021430Z SEPT 75", dt.date(1975, 9, 2)),        # September in four letters
    ("R 290015 Z MAR 73", dt.date(1973, 3, 29)),       # a space before the Z, as 1973 cables write it
])
def test_date_time_group_forms(dtg, day):
    cable = cable_of(dtg + "\nFM AMEMBASSY ROME\nTO SECSTATE WASHDC 0001\n\nUNCLAS ROME 000001\n\nTAGS: PREL IT\n")
    assert cable.origin_date == day


def test_published_extract_with_markdown_links():
    text = ("\n\nThis record is a partial extract of the original cable. The full text of the original cable "
            "is not available.\n\nC O N F I D E N T I A L ROME 000001\n\nE.O. 12958: DECL: 01/02/2019\n\n"
            "TAGS: [PREL](#) [IT](#)\n\nSUBJECT: X\n\n[11.](#) (C) One.\n\n[12.](#) (U) Two.\n")
    cable = cable_of(text)
    assert cable.extract
    assert [t.value for t in cable.tags.tags] == ["PREL", "IT"]
    assert cable.tags.tags[0].span.column == 8
    assert [(p.number, p.mark.text) for p in cable.paragraphs] == [(1, "C"), (2, "U")]


@pytest.mark.parametrize("tags_lines, values", [
    # a TAGS line of links wrapped onto the next line
    ("TAGS: [PREL](#) [PGOV](#) [IT](#)\n[FR](#), [GM](#)", ["PREL", "PGOV", "IT", "FR", "GM"]),
    # a person's name written as a link
    ("TAGS: [OVIP](#) [(DOE, JANE Q.)](#) [PREL](#)", ["OVIP", "(DOE, JANE Q.)", "PREL"]),
])
def test_tags_written_as_markdown_links(tags_lines, values):
    cable = cable_of("C O N F I D E N T I A L ROME 000001\n\nE.O. 12958: DECL: 01/02/2019\n" + tags_lines
                     + "\nSUBJECT: X\n\n1. (C) One.\n")
    assert [t.value for t in cable.tags.tags] == values
    assert cable.subject.text == "X"


def test_section_break_with_page_number():
    found = parse(grammar().section_break, "STATE 00226504 001.2 OF 002")
    assert found is not None and found[0]["section"] == "001"


@pytest.mark.parametrize("data", [b"", b"\n\n\n", b"\x00\x01garbage\xff" * 3, "¶¶¶ 1. ((((".encode(),
                                  b"TAGS:\nSUBJECT:\nClassified By:\nE.O.\n", b"1." * 5000])
def test_the_parser_is_total(data):
    try:
        source = decode(data)
    except Exception:  # binary input is refused by the decoder, which is the linter's X001
        return
    build(source)


def test_crlf_bom_and_latin1_keep_positions():
    text = "C O N F I D E N T I A L ROME 000001\n\nSUBJECT: CAFÉ TALKS\n\n1. C) Text\n"
    plain = build(decode(text.encode("utf-8")))
    for data in (text.replace("\n", "\r\n").encode("utf-8"), b"\xef\xbb\xbf" + text.encode("utf-8"),
                 text.encode("latin-1")):
        other = build(decode(data))
        assert other.paragraphs[0].mark.span == plain.paragraphs[0].mark.span
        assert other.subject.text == plain.subject.text


def test_the_spaced_levels_starts_the_cheap_tests_look_for_are_those_of_the_list():
    # (pieces.py and header.py test for these starts with chains of `in`, for speed)
    import inspect

    from cablelint.parse import header, pieces

    starts = {level[:7] for level in scanner.SPACED_LEVELS}
    for source in (inspect.getsource(pieces._kinds_worth_trying), inspect.getsource(header._runs_on)):
        assert all(f'"{start}"' in source for start in starts)
