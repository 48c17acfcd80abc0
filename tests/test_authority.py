"""The Classified By statement as real cables write it (invented fixtures): which statement and
which lines, the wrap undone, the name told from the position, and the reasons."""

from __future__ import annotations

import pytest

from cablelint.parse import authority, scanner
from cablelint.parse.authority.names import split_name_position
from cablelint.parse.build import build
from cablelint.parse.source import split_lines

HEAD = "C O N F I D E N T I A L MARLOWE 000412\n\nE.O. 12958: DECL: 04/02/2018\nTAGS: PREL IT\nSUBJECT: TALKS\n\n"


def statement(block: str, before: str = HEAD, after: str = "\n\n1. (C) Text.\n"):
    return build(split_lines(before + block + after)).classified_by


def read(block: str, **where):
    by = statement(block, **where)
    return by.name, by.position, [r.text for r in by.reasons]


# ------------------------------------------------------------------ words cut by the wrap


@pytest.mark.parametrize("block, name, position, reasons", [
    # a name cut in two, with and without the space the wrap left at the line's end
    ("Classified By: Regional Coordinator Marta Vell\nacourt for reasons 1.4 (b) and (d).",
     "Marta Vellacourt", "Regional Coordinator", ["1.4(b)", "1.4(d)"]),
    ("Classified By: Political Counselor Jane D \noe, reasons 1.4 (b).", "Jane Doe", "Political Counselor", ["1.4(b)"]),
    # a word of the position, and the word "reasons", cut in two
    ("Classified By: Tomas Brandt, Minister-Counselor for Economic Affa\nirs, for reasons 1.4 (b,d).",
     "Tomas Brandt", "Minister-Counselor for Economic Affairs", ["1.4(b)", "1.4(d)"]),
    ("Classified By: Ambassador Helen Quarrington for rea\nsons 1.4 (b) and (d).", "Helen Quarrington", "Ambassador",
     ["1.4(b)", "1.4(d)"]),
    ("Classified By: AMBASSADOR HELEN QUARRINGTON FO\nR REASONS 1.4 (B) AND (D)", "HELEN QUARRINGTON", "AMBASSADOR",
     ["1.4(b)", "1.4(d)"]),
    ("Classified By: Ambassador Helen Quarrington, r\neason 1.4 (d).", "Helen Quarrington", "Ambassador", ["1.4(d)"]),
    # the list of letters cut in two: "(b) a" / "nd (d)" is not the letter a
    ("Classified By: DCM Ruth Okafor; reasons 1.5 (B) a\nnd (D).", "Ruth Okafor", "DCM", ["1.5(b)", "1.5(d)"]),
    ("Classified By: DCM Ruth Okafor. Reasons: 1.4 (b) an\nd (d).", "Ruth Okafor", "DCM", ["1.4(b)", "1.4(d)"]),
    ("Classified By: DCM Ruth Okafor for reasons 1.4 (b and\nd)", "Ruth Okafor", "DCM", ["1.4(b)", "1.4(d)"]),
    # a line ending on a whole word is joined with a space
    ("Classified By: Political Internal Unit Chief Dan\nWhitcombe. Reasons 1.4 (b) and (d).", "Dan Whitcombe",
     "Political Internal Unit Chief", ["1.4(b)", "1.4(d)"]),
    ("Classified By: EUR/PRA ACTING DIRECTOR KATRIN\nHOLLOWAY FOR REASONS 1.4 (B) AND (D).", "KATRIN HOLLOWAY",
     "EUR/PRA ACTING DIRECTOR", ["1.4(b)", "1.4(d)"]),
    ("Classified By: Ambassador Helen Quarrington for\nreasons 1.4 (b).", "Helen Quarrington",
     "Ambassador", ["1.4(b)"]),
    # words broken by a stray space on one line
    ("Classified By: Ambassador Helen Quarrington for rea sons 1.4 (b) a nd (d).", "Helen Quarrington", "Ambassador",
     ["1.4(b)", "1.4(d)"]),
    ("Classified By: DCM Ruth Okafor for reaso ns 1.4 b an d d.", "Ruth Okafor", "DCM", ["1.4(b)", "1.4(d)"]),
    ("Classified By: Acting Counselor Andrew Y oung, 1.4 (b/d).", "Andrew Young", "Acting Counselor",
     ["1.4(b)", "1.4(d)"]),
    ("Classified By: DCM Ruth Okafor for reaons 1.4 (b) & (d).", "Ruth Okafor", "DCM", ["1.4(b)", "1.4(d)"]),
    # lines ending in a backslash, as some published copies do
    ("Classified By: DCM Robert Marlow Based upon Reason 1.4(B) and (D)", "Robert Marlow", "DCM", ["1.4(b)", "1.4(d)"]),
    # "fo" for "for", in a copy re-typed in lower case too
    ("Classified By: DCM Robert Marlow fo Reasons: 1.4(B), (D).", "Robert Marlow", "DCM", ["1.4(b)", "1.4(d)"]),
    ("classified by: dcm robert marlow fo reasons: 1.4(b), (d).", "robert marlow", "dcm", ["1.4(b)", "1.4(d)"]),
    ("Classified By: Political Counselor Ines Marlow.  For reasons \\\nE.O. 12958, 1.4(b)(d). \\", "Ines Marlow",
     "Political Counselor", ["1.4(b)", "1.4(d)"]),
])
def test_words_cut_by_the_wrap(block, name, position, reasons):
    assert read(block) == (name, position, reasons)


@pytest.mark.parametrize("block, reasons", [
    ("Classified By: Ambassador Helen Quarrington.\nREASON: 1.4 (b), (d)", ["1.4(b)", "1.4(d)"]),
    ("Classified By: Ambassador Helen Quarrington.\n\nREASONS: 1.4 (B)(D)", ["1.4(b)", "1.4(d)"]),
    ("Classified By: AMBASSADOR HELEN QUARRINGTON.\n\nREASONS:\n\n1.4 (B) AND (D).", ["1.4(b)", "1.4(d)"]),
    ("Classified By: Ambassador Helen Quarrington for reasons\n\n1.4 (b) and (d)", ["1.4(b)", "1.4(d)"]),
    # a line that goes on with the letters is read even when it looks like a portion mark
    ("Classified By: Ambassador Helen Quarrington, reasons 1.4 (B) and\n(C)", ["1.4(b)", "1.4(c)"]),
    # the reasons word, the order and section, the letters: each on its own line (wrapped narrow)
    ("(U) Classified by Ambassador Helen Quarrington; reasons:\nE.O. 12958 1.4\n(a,b,c,d).",
     ["1.4(a)", "1.4(b)", "1.4(c)", "1.4(d)"]),
    # past a page's break in a copy of a printout or a release (blank lines around `Page 1 of 2`)
    ("Classified By: Economic Counselor Helen Quarrington,\n\nPage 1 of 2\n\nreasons 1.4 (b) and (e).",
     ["1.4(b)", "1.4(e)"]),
    # a section whose letters are missing cites none: the order's E and O are no letters
    ("(U) Classified by Ambassador Helen Quarrington; reasons: E.O. 12958 1.4", []),
])
def test_reasons_on_a_later_line(block, reasons):
    assert read(block)[2] == reasons


def test_a_paragraph_after_a_blank_line_is_not_taken_as_reasons():
    by = statement("Classified By: Ambassador Helen Quarrington.", after="\n\nReasons for the delay are 1. cost.\n")
    assert by.reasons == () and by.span.end_line == 7


def test_a_word_hyphenated_at_the_wrap_is_one_word():
    assert read("Classified By: Ambas-\nsador Jane Doe, reasons 1.4 (b) and (d).")[:2] == ("Jane Doe", "Ambassador")
    assert read("CLASSIFIED BY: JANE DOE, DEPUTY AMBAS-\nSADOR, REASONS 1.4 (B) AND (D).")[:2] == (
        "JANE DOE", "DEPUTY AMBASSADOR")
    # (a compound's hyphen at the wrap stays, with no blank)
    assert read("Classified By: Jane Doe, Minister-\nCounselor, reasons 1.4 (b) and (d).")[:2] == (
        "Jane Doe", "Minister-Counselor")
    assert read("Classified By: Jane Doe, Deputy Political-\nmilitary Counselor, reasons 1.4 (b) and (d).")[:2] == (
        "Jane Doe", "Deputy Political-military Counselor")
    assert read("Classified By: Ambassador Katherine Rich-\nardson, reasons 1.4 (b) and (d).")[:2] == (
        "Katherine Richardson", "Ambassador")


@pytest.mark.parametrize("after", ["\nBT\n#0412\n", "\nDECL: OADR\nBT\n", "\nDeclassify on: 04/02/2018\n"])
def test_a_telegrams_end_or_its_declassification_line_ends_the_statement(after):
    # (`CLASSIFIED BY: ...` as the last line of an older message, its `BT` end marker or a military
    # message's `DECL:` line right under it: no words of the position)
    by = statement("CLASSIFIED BY: JOHN DOE, POLCOUNS", after=after)
    assert (by.name, by.position) == ("JOHN DOE", "POLCOUNS")


# ------------------------------------------------------------------ titles, names, positions


@pytest.mark.parametrize("who, name", [("Under Secretary for Arms Control (T) Jane Q. Roe", "Jane Q. Roe"),
                                       ("U/S Jane Roe (G)", "Jane Roe"), ("JANE ROE (S/P), DIRECTOR", "JANE ROE")])
def test_an_office_symbol_in_parentheses_is_the_positions(who, name):
    found = split_name_position(who)
    assert found.name == name and "(" in found.position
    assert split_name_position("POLITICAL COUNSELOR ROBERT (BOB) SMITH").name == "ROBERT (BOB) SMITH"  # (a nickname)


@pytest.mark.parametrize("who, name, position", [
    ("Ambassador Gary A. Lindqvist", "Gary A. Lindqvist", "Ambassador"),
    ("Ambassador Gary A. LINDQVIST", "Gary A. LINDQVIST", "Ambassador"),  # (the surname in capitals)
    ("CDA JANE R. LEADER", "JANE R. LEADER", "CDA"),  # (a surname that is a word of titles)
    ("cda jane r. leader", "jane r. leader", "cda"),
    ("PRT Team Leader Jane Roe", "Jane Roe", "PRT Team Leader"),
    ("Coordinator for Counterterrorism Jane Roe", "Jane Roe", "Coordinator for Counterterrorism"),
    ("Chief of Station Jane Roe", "Jane Roe", "Chief of Station"),
    # (words of positions only beside another: alone, a surname)
    ("Poloff Damian Leader", "Damian Leader", "Poloff"),
    ("Damian Leader, PRT Team Leader", "Damian Leader", "PRT Team Leader"),
    ("Chief of Station John Station", "John Station", "Chief of Station"),
    ("Station Chief Jane Roe", "Jane Roe", "Station Chief"),
    ("CDA A. Peter Hollis", "A. Peter Hollis", "CDA"),
    ("A/DCM MARCO A. FELIZ", "MARCO A. FELIZ", "A/DCM"),
    ("Ambasador Jane Roe", "Jane Roe", "Ambasador"),
    ("Political Minister-Councelor Josef Marr", "Josef Marr", "Political Minister-Councelor"),
    ("PAS Couselor Dina Ors", "Dina Ors", "PAS Couselor"),
    ("ACTIING ECON COUNSELOR JOHN MCNAB", "JOHN MCNAB", "ACTIING ECON COUNSELOR"),
    ("Charg d’Affaires Mark A. Pell", "Mark A. Pell", "Charg d’Affaires"),
    ("Charge' d'Affaires Mikael Gorm", "Mikael Gorm", "Charge' d'Affaires"),
    ("Charge d' Affaires, a.i. Lisa Kubo", "Lisa Kubo", "Charge d' Affaires, a.i."),
    ("CHARGE D'AFFAIRES A. I. CAROL URSK", "CAROL URSK", "CHARGE D'AFFAIRES A. I."),
    ("MIN COUN JANE DOE", "JANE DOE", "MIN COUN"),
    ("ECON/POL Chief Sam Trent", "Sam Trent", "ECON/POL Chief"),
    ("TDY Political Officer Ann Vale", "Ann Vale", "TDY Political Officer"),
    ("COL Frank Aldous, Defense Attache", "Frank Aldous", "COL, Defense Attache"),
    ("LTG MARK T. RHODES", "MARK T. RHODES", "LTG"),
    ("Coordinating Director for Development and Economic Affairs Ambassador E. Paul Stone", "E. Paul Stone",
     "Coordinating Director for Development and Economic Affairs Ambassador"),
    ("Interagency Provincial Affairs Deputy Director Hoyt Ames", "Hoyt Ames",
     "Interagency Provincial Affairs Deputy Director"),
    ("ConGen Istanbul Deputy Principal Officer Win Darby", "Win Darby", "ConGen Istanbul Deputy Principal Officer"),
    ("AMBASSADOR CLARK T. RANSOM, JR.", "CLARK T. RANSOM, JR.", "AMBASSADOR"),
    ("Charge d’Affaires W. Scott Reece III", "W. Scott Reece III", "Charge d’Affaires"),
    ("D/Political Advisor A. \"Hoot\" Barra", "A. \"Hoot\" Barra", "D/Political Advisor"),
    ("Ambassador van Vliet", "van Vliet", "Ambassador"),
    ("Political Counselor Velia De Pirro", "Velia De Pirro", "Political Counselor"),
    ("EconOff DPolanski", "DPolanski", "EconOff"),
    ("HollowayParks, DCM", "HollowayParks", "DCM"),
    ("com jonas farrow", "jonas farrow", "com"),
    ("AMB:WBWOOD", "WBWOOD", "AMB"),
    ("S/CT Ambassador at Large Ann Vale", "Ann Vale", "S/CT Ambassador at Large"),
    ("Ann Vale, Ambassador at Large", "Ann Vale", "Ambassador at Large"),
    ("DCM John Q. Public", "John Q. Public", "DCM"),            # a title word after a middle initial is a surname
    ("Consul General Ann R. General", "Ann R. General", "Consul General"),
    # name first: everything after the name is the position, places and offices included
    ("Chris Stanton, DCM, Embassy Kestrel, Department of State", "Chris Stanton",
     "DCM, Embassy Kestrel, Department of State"),
    ("Paula R Sutter, Consul General, Marlowe, UAE", "Paula R Sutter", "Consul General, Marlowe, UAE"),
    ("ROBERT A. POLL, Minister-Counselor for Economic Affairs", "ROBERT A. POLL",
     "Minister-Counselor for Economic Affairs"),
    ("DUFFY, AMBASSADOR, DOS, AMB", "DUFFY", "AMBASSADOR, DOS, AMB"),
    ("ISN - C. S. ELIOT KARR, ACTING", "C. S. ELIOT KARR", "ISN, ACTING"),
    ("EUR/FO ? IAN KEMP", "IAN KEMP", "EUR/FO"),
    ("DCM DAVID J. KEENE, EMBASSY KESTREL", "DAVID J. KEENE", "DCM, EMBASSY KESTREL"),
    # surname first, and a comma typed for a period after an initial
    ("Hodgson, Heather M, Ambassador, State, EXEC", "Hodgson, Heather M", "Ambassador, State, EXEC"),
    ("Schechter Ortiz, Julie, Counselor for Political and Economic Affairs, State",
     "Schechter Ortiz, Julie", "Counselor for Political and Economic Affairs, State"),
    ("DCM Luis G, Morena", "Luis G, Morena", "DCM"),
    # no person, or no position
    ("Ambassador", None, "Ambassador"),
    ("Helen Quarrington", "Helen Quarrington", None),
    # an office's place is no one's name; a name after a title after the office is
    ("POL/MIL Section, Embassy Kestrel", None, "POL/MIL Section, Embassy Kestrel"),
    ("Embassy Kestrel Political Section", None, "Embassy Kestrel Political Section"),
    ("Political Officer, U.S. Consulate Santa Marlowe", None, "Political Officer, U.S. Consulate Santa Marlowe"),
    ("Embassy Counselor Jane Doe", "Jane Doe", "Embassy Counselor"),
    ("Embassy Kestrel Jane Doe", "Kestrel Jane Doe", "Embassy"),  # (a name after the place: one is named)
    ("Deputy Chief of Mission Lisa Kent", "Lisa Kent", "Deputy Chief of Mission"),
    # attaches' and coordinators' abbreviations, in any case
    ("Refcoord Eleanor J. Pike", "Eleanor J. Pike", "Refcoord"),
    ("LegAtt Jane Doe", "Jane Doe", "LegAtt"),
    ("AGATT JOHN ROE", "JOHN ROE", "AGATT"),
    ("FinAtt Ann Lee", "Ann Lee", "FinAtt"),
])
def test_name_and_position(who, name, position):
    assert split_name_position(who)[:2] == (name, position)


@pytest.mark.parametrize("who", ["XXXXXXXXXXXX", "xxxxx", "XXXXXXXXXXXX, Ambassador, U.S. Embassy Kestrel",
                                 # withheld in a FOIA release, its exemption's code where the name stood
                                 "PolOff (b)(6)", "(b)(6), Political Officer", "B6 , Political Officer",
                                 "Political Officer (B)(6)"])
def test_a_redacted_name_is_no_name(who):
    found = split_name_position(who)
    assert found.name is None and found.redacted
    assert found.position in (None, "Ambassador, U.S. Embassy Kestrel", "PolOff", "Political Officer")


@pytest.mark.parametrize("who, name", [("Jane B. Doe", "Jane B. Doe"), ("Col. B. Roe", "B. Roe")])
def test_a_letter_b_in_a_name_is_no_exemption_code(who, name):
    assert split_name_position(who).name == name


@pytest.mark.parametrize("block, name", [
    ("Classified By: Ambassador Helen Quarrington per 1.4 (b) and (d).", "Helen Quarrington"),
    ("Classified By: Helen Quarrington, Ambassador, per 1.4 (b).", "Helen Quarrington"),
    ("Classified By: ECMIN T. DELL PER E.O. 12958 REASONS 1.4 (B) AND (D)", "T. DELL"),
    ("Classified By: Ambassador Helen Quarrington under Section 1.4b/d", "Helen Quarrington"),
    ("Classified By: DCM Robert Gold fo Reasons: 1.4(B), (D).", "Robert Gold"),
])
def test_words_between_the_name_and_the_reasons_are_neither(block, name):
    found = read(block)
    assert found[0] == name and found[2]
    assert not any(word in (found[1] or "").lower().split() for word in ("per", "for", "under", "fo"))


@pytest.mark.parametrize("block", ["Classified By: Ambassador Jonas Pell, Sec. 1.4 (b) and (d)",
                                   "CLASSIFIED BY: AMBASSADOR JONAS PELL, SEC 1.4 (B) AND (D)"])
def test_the_sections_word_cut_short_opens_the_reasons(block):
    name, position, reasons = read(block)[:3]
    assert name.upper() == "JONAS PELL" and position.upper() == "AMBASSADOR" and len(reasons) == 2


@pytest.mark.parametrize("block, name, position", [
    ("Classified By: Econ Counselor Hal G. Quarrington Jr. for reasons 1.4 (b) and (d).", "Hal G. Quarrington Jr.",
     "Econ Counselor"),
    ("CLASSIFIED BY: AMBASSADOR HAL QUARRINGTON, SR. REASONS 1.4 (B) AND (D)", "HAL QUARRINGTON, SR.", "AMBASSADOR"),
    ("Classified By: Hal Quarrington, Charge d'Affaires a.i. for reasons 1.4 (b).", "Hal Quarrington",
     "Charge d'Affaires a.i."),
    # a full stop after a name or an acronym is the sentence's
    ("Classified By: Ambassador Hal Quarrington III. Reasons 1.4 (b).", "Hal Quarrington III", "Ambassador"),
    ("Classified By: Hal Quarrington, DCM. Reasons 1.4 (b).", "Hal Quarrington", "DCM"),
])
def test_a_suffix_keeps_its_period_before_the_reasons(block, name, position):
    assert read(block)[:2] == (name, position)


# ------------------------------------------------------------------ labels and sentence forms


@pytest.mark.parametrize("reasons", ["(E.O. 12958 Reasons: 1.4 (b) and (d))", "(for reasons 1.4 (b) and (d))",
                                     "[reasons 1.4 (b) and (d)]"])
def test_reasons_in_brackets_after_the_name(reasons):
    assert read("Classified By: Political Counselor Jane Doe " + reasons) == (
        "Jane Doe", "Political Counselor", ["1.4(b)", "1.4(d)"])


@pytest.mark.parametrize("block", [
    "Classified By: Ambassador Helen Quarrington, reasons 1.4 (b) and (d).",
    "CLASSIFIED BY, Ambassador Helen Quarrington, reasons 1.4 (b) and (d).",
    "This cable is classified by Ambassador Helen Quarrington for reasons 1.4 (b) and (d).",
    "(U) Classified by Ambassador Helen Quarrington, reasons 1.4 (b) and (d).",
    "Classified By: Classified By: Ambassador Helen Quarrington, reasons 1.4 (b) and (d).",
    "Classified By: (C) CLASSIFIED BY Ambassador Helen Quarrington, reasons 1.4 (b) and (d).",
    "Classified By: CLASSIFIED CONFIDENTIAL BY Ambassador Helen Quarrington, reasons 1.4 (b) and (d).",
    "Classfied By: Ambassador Helen Quarrington, reasons 1.4 (b) and (d).",
    "Classified ByAmbassador Helen Quarrington, reasons 1.4 (b) and (d).",
    # a doubled label wrapped after its first half, at the end of a line it shares with a reference
    "REF: MARLOWE 123 AND PREVIOUS Classified By:\n"
    "Classified By: Ambassador Helen Quarrington, reasons 1.4 (b) and (d).",
])
def test_label_forms(block):
    assert read(block) == ("Helen Quarrington", "Ambassador", ["1.4(b)", "1.4(d)"])


def test_a_misspelt_label_is_recorded_with_its_place():
    by = statement("Classfied By: Ambassador Helen Quarrington, reasons 1.4 (b) and (d).")
    assert (by.label, by.label_misspelt) == ("Classfied By", True)
    assert by.label_span == (7, 1, 7, 13)
    right = statement("  Classified By: Ambassador Helen Quarrington, reasons 1.4 (b).")
    assert (right.label, right.label_misspelt, right.label_span) == ("Classified By", False, (7, 3, 7, 16))


@pytest.mark.parametrize("slip", ["Clasified", "Classifed", "Classfied", "Classsified", "Calssified", "CLASSIFEID",
                                  "Classifled", "Claasified", "CLASSIFTED"])  # (a letter read or typed as another)
def test_label_slips_are_seen_by_the_scanner(slip):
    assert scanner.line_kind(f"{slip} By: Jane Doe") == "classified_by"
    assert statement(f"{slip} By: DCM Jane Doe, reasons 1.4 (b).").label_misspelt


@pytest.mark.parametrize("line", ["Classified Byron Street", "DECLASSIFIED BY: NARA", "CLASS BY CLASS", "Clarified by"])
def test_words_like_the_label_are_not_it(line):
    assert scanner.line_kind(line) != "classified_by"


def test_the_verb_is_not_a_slip_of_the_label():
    assert statement("Classifies by region: Jane Doe, reasons 1.4 (b).") is None


def test_the_statement_written_as_paragraph_one():
    for line in ("1. (U) CLASSIFIED BY AMBASSADOR HELEN QUARRINGTON. REASONS: 1.5 (B) AND (D).",
                 "¶1. Classified by Acting EAP A/S Ann Arbel. Reason: 1.4 (d)"):
        by = statement("", after=line + "\n\n2. (C) Text.\n")
        assert by.name in ("HELEN QUARRINGTON", "Ann Arbel") and by.reasons and by.span.line == 7
        assert by.position in ("AMBASSADOR", "Acting EAP A/S")


def test_the_statement_written_as_a_later_paragraph():
    by = statement("", after="1. (U) This is an action request.\n\n"
                              "2. (U) Classified by Acting DAS Jo Kent, Reasons 1.4\n"
                              "(b) and (d).\n3. (C) Text.\n")
    assert (by.name, by.position, [r.text for r in by.reasons], by.span.line) == (
        "Jo Kent", "Acting DAS", ["1.4(b)", "1.4(d)"], 9)


def test_a_statement_after_a_page_header_on_its_line():
    by = statement("MARLOWE 00000412 001.2 OF 002 Classified by: Ambassador Adam J Erde for reason 1.4 (b) (d)")
    assert (by.name, [r.text for r in by.reasons], by.span.line, by.span.column) == (
        "Adam J Erde", ["1.4(b)", "1.4(d)"], 7, 31)


def test_a_label_split_over_lines():
    text = HEAD.replace("SUBJECT: TALKS", "SUBJECT: TALKS ARE WELCOME CLASSIFIED") + \
        "BY: Gene A. Crane, Ambassador, U.S. Embassy Marlowe. REASON: 1.4 (b), (d) 1.(C) Summary: Text.\n\n" \
        "2.(C) More.\n"
    by = build(split_lines(text)).classified_by
    assert (by.name, by.position, [r.text for r in by.reasons]) == (
        "Gene A. Crane", "Ambassador, U.S. Embassy Marlowe", ["1.4(b)", "1.4(d)"])
    assert (by.span.line, by.label, by.label_span.line, by.label_span.end_line) == (5, "CLASSIFIED BY", 5, 7)


def test_prose_above_paragraph_one_is_not_a_statement():
    text = HEAD + "The papers were classified by the ministry in May.\n\n1. (C) Text.\n"
    assert build(split_lines(text)).classified_by is None


def test_a_release_reviewers_stamp_is_not_the_cables_statement():
    stamp = ("Classified by DAS, A/GIS, DoS on 02/14/2018 ~ Class: CONFIDENTIAL ~ Reason: 1.4(B), 1.4(D) ~ "
             "Declassify On: 02/13/2033 ~ Date/Case ID: 14 FEB 2018 201601234\n")
    assert build(split_lines(HEAD + "1. (C) Text.\nDOE\n\n" + stamp)).classified_by is None
    own = "Classified By: Jane Doe, DCM, reasons 1.4 (b) and (d).\n\n"
    assert build(split_lines(HEAD + own + "1. (C) Text.\n\n" + stamp)).classified_by.name == "Jane Doe"


def test_a_sentence_wrapped_before_the_words_is_not_a_statement():
    text = HEAD + "1. (C) The draft law would cover documents\nclassified by any ministry, not only Defense.\n"
    assert build(split_lines(text)).classified_by is None
    text = HEAD + "1. (C) Text.\n\nclassified by: Jane Doe, DCM, reasons 1.4 (b) and (d).\n"  # (its colon: a label)
    assert build(split_lines(text)).classified_by.name == "Jane Doe"


@pytest.mark.parametrize("wrapped", ["The draft law would cover the water sources that are\nClassified by the "
                                     "Water Authority as strategic.\n",
                                     "THE DRAFT LAW WOULD COVER THE WATER SOURCES THAT ARE\nCLASSIFIED BY THE "
                                     "HEALTH MINISTRY AS HIGH RISK ZONES.\n"])
def test_a_sentence_wrapped_before_the_words_in_capitals_is_not_a_statement(wrapped):
    # (a full line of prose that ends no sentence before them, and no colon after them)
    assert build(split_lines(HEAD + "1. (C) Text.\n\n2. (C) " + wrapped)).classified_by is None
    late = HEAD + "1. (C) Text.\n\nCLASSIFIED BY JANE DOE, DCM, REASONS 1.4 (B) AND (D).\n"  # (after a blank: one)
    assert build(split_lines(late)).classified_by.name == "JANE DOE"
    # (after a line that ends a sentence without a stop, `... END COMMENT`: one)
    after = HEAD + "1. (C) TEXT.\n\n2. (C) COMMENT: THE TALKS WILL GO ON IN MAY AND JUNE. END COMMENT\n" \
        "CLASSIFIED BY JANE DOE, DCM, REASONS 1.4 (B) AND (D).\n"
    assert build(split_lines(after)).classified_by.name == "JANE DOE"


# ------------------------------------------------------------------ which statement


def test_the_full_statement_is_read_not_the_cut_preview():
    block = ("Classified By: Heather M. Hod...\n\nC O N F I D E N T I A L MARLOWE 000412\n"
             "SUBJECT: TALKS Classified By: Ambassador Heather M. Hodson for reasons 1.4 (b) &\n(d).")
    by = statement(block)
    assert (by.name, [r.text for r in by.reasons], by.span.line, by.cut) == (
        "Heather M. Hodson", ["1.4(b)", "1.4(d)"], 10, False)


def test_the_full_statement_after_the_preview_at_a_line_start():
    by = statement("Classified By: POLITICAL M...\n\nClassified By: POLITICAL MINISTER COUNSELOR JEFF RATH.\n\n"
                   "REASONS:\n\n1.4 (B) AND (D).")
    assert (by.name, by.position, [r.text for r in by.reasons]) == (
        "JEFF RATH", "POLITICAL MINISTER COUNSELOR", ["1.4(b)", "1.4(d)"])


def test_a_preview_alone_is_read_as_cut():
    by = statement("Classified By: Charge d'Affaires Donald Lim for re...")
    assert (by.name, by.position, by.reasons, by.cut) == ("Donald Lim", "Charge d'Affaires", (), True)
    assert statement("Classified By: Brian A. Nich...").name == "Brian A."


def test_a_statement_written_twice_is_read_once():
    line = "CLASSIFIED BY: Richard E. Hoag, Ambassador, EXEC, Embassy Marlowe. REASON: 1.4 (b), (d)"
    assert read(line + " " + line) == ("Richard E. Hoag", "Ambassador, EXEC, Embassy Marlowe", ["1.4(b)", "1.4(d)"])


@pytest.mark.parametrize("block, name, derived", [
    ("Classified By: Derived from Multiple Sources", None, True),
    ("Classified By: XXXXXXXXXXXX for reasons 1.4 (b) and (d).", None, False),
])
def test_derived_and_redacted_statements_name_no_one(block, name, derived):
    by = statement(block)
    assert (by.name, by.derived, by.redacted) == (name, derived, not derived)


def test_derived_from_letters_are_its_reasons():
    assert read("Classified By: Derived from DSCG 05-01, b and d") == (None, None, ["(b)", "(d)"])
    by = statement("DERIVED FROM: DSCG 05-1 B, D")
    assert (by.name, by.derived, [r.text for r in by.reasons], by.label) == (None, True, ["(b)", "(d)"], "DERIVED FROM")


def test_a_comma_and_initials_are_not_reasons():
    assert read("Classified By: ERIC WANG, CHARGE D'AFFAIRES, A.I.")[2] == []


# ------------------------------------------------------------------ reasons


@pytest.mark.parametrize("cited, reasons", [
    ("reasons 1.4 (b) and (d).", ["1.4(b)", "1.4(d)"]),
    ("REASONS 1.4 B AND D.", ["1.4(b)", "1.4(d)"]),
    ("reasons 1.4 b/d/e.", ["1.4(b)", "1.4(d)", "1.4(e)"]),
    ("reasons 1.4 (b+d)", ["1.4(b)", "1.4(d)"]),
    ("Reasons 1.4 a,b,and d.", ["1.4(a)", "1.4(b)", "1.4(d)"]),
    ("reasons 1.4 (b. and d.)", ["1.4(b)", "1.4(d)"]),
    ("Reasons 1.4 b.d.", ["1.4(b)", "1.4(d)"]),
    # not the initials of what follows the list
    ("reasons 1.4 (b/d), E.O. 12958", ["1.4(b)", "1.4(d)"]),
    ("reason 1.4(d), U.S. Embassy Kestrel", ["1.4(d)"]),
    ("reasons 1.4 b, d, E.O. 12958.", ["1.4(b)", "1.4(d)"]),
    ("Reason: 1.4 (B )(D)", ["1.4(b)", "1.4(d)"]),
    ("reasons 1.4, b/d.", ["1.4(b)", "1.4(d)"]),
    ("reasons 1.4b and d.", ["1.4(b)", "1.4(d)"]),
    ("Reasons 1.4 (b), ( c), (d).", ["1.4(b)", "1.4(c)", "1.4(d)"]),
    ("Reason 1.5(b)-(d).", ["1.5(b)", "1.5(c)", "1.5(d)"]),
    ("Reasons: 1.5 (b, d, X6).", ["1.5(b)", "1.5(d)"]),
    ("reasons (b, c & d)", ["(b)", "(c)", "(d)"]),
    ("for reasons b, d.", ["(b)", "(d)"]),
    ("FOR REASONS 1(B) AND (D)", ["(b)", "(d)"]),
    ("Reason: 1/4 (B), (D), (E), and (G)", ["1.4(b)", "1.4(d)", "1.4(e)", "1.4(g)"]),
    ("reasons 1,4 (b) and (d)", ["1.4(b)", "1.4(d)"]),
    ("for reasons 14 (b) and (d).", ["1.4(b)", "1.4(d)"]),
    ("for reasons 1 .4 b and d.", ["1.4(b)", "1.4(d)"]),
    ("Reason: 1.4", []),
    ("for reasons 1.4 (k).", ["1.4(k)"]),
    ("reasons 1.4 (b) and 1.4 (d).", ["1.4(b)", "1.4(d)"]),
    ("reasons 1.4 (b), (b) and (d).", ["1.4(b)", "1.4(d)"]),
    ("reasons 1.4 (b), (c) an d (d).", ["1.4(b)", "1.4(c)", "1.4(d)"]),
    ("reasons 1.4 b & d & e.", ["1.4(b)", "1.4(d)", "1.4(e)"]),
    ("reasons 1.4 (a)-(z).", ["1.4(a)", "1.4(z)"]),
    ("REASONS 1.4 (B), (C) AND (D).", ["1.4(b)", "1.4(c)", "1.4(d)"]),
    # a category's name after its letter
    ("reasons 1.4(b) (foreign government information) and (d).", ["1.4(b)", "1.4(d)"]),
    ("reasons 1.4 (b) foreign government information and (d) foreign relations.", ["1.4(b)", "1.4(d)"]),
    ("REASONS 1.4 (B) (FOREIGN GOVERNMENT INFORMATION) AND (D) (FOREIGN RELATIONS)", ["1.4(b)", "1.4(d)"]),
    ("reasons 1.4 (b) (FGI), (d) (foreign relations), and (e).", ["1.4(b)", "1.4(d)", "1.4(e)"]),
    ("reasons 1.4 b (FGI) and d", ["1.4(b)", "1.4(d)"]),
    ("reasons 1.4 (d) (foreign relations).", ["1.4(d)"]),
])
def test_reason_forms(cited, reasons):
    assert read("Classified By: DCM Ruth Okafor, " + cited) == ("Ruth Okafor", "DCM", reasons)


@pytest.mark.parametrize("after", [
    " (S) Embassy Marlowe delivered the points.",
    "  (S/NF) HMG agrees.",
    ". A senior official said so.",
    " 1.(C) Summary: the talks stalled.",
    "\nA. STATE 1234",
    " (S) Embassy staff and (C) others met.",
    " (foreign relations). Embassy officials and a guest met.",
    " Embassy staff and a guest met.",
    " Ambassador Doe and E",
])
def test_what_follows_the_letters_is_not_a_reason(after):
    assert read("Classified By: DCM Ruth Okafor for reasons 1.4 (b) and (d)" + after)[2] == ["1.4(b)", "1.4(d)"]


def test_a_letter_keeps_its_place_on_disk():
    by = statement("Classified By: DCM Ruth Okafor; reasons 1.5 (B) a\nnd (D).")
    assert [(r.letter, r.span.line, r.span.column) for r in by.reasons] == [("b", 7, 46), ("d", 8, 5)]


def test_block_lines_take_the_split_label_and_late_reasons():
    lines = ("SUBJECT: X CLASSIFIED", "", "BY: Jane Doe, DCM.", "", "REASON: 1.4 (d)", "", "1. (C) Text.")
    assert authority.block_lines(lines, 0) == [0, 2, 4]
    assert authority.block_lines(("SUBJECT: X CLASSIFIED", "", "THE PAPERS"), 0) == [0]


@pytest.mark.parametrize("section", ["l.4", "I.4", "l,4"])
def test_a_letter_typed_for_the_one_of_the_section(section):
    from cablelint.parse.source import split_lines

    cable = build(split_lines("CONFIDENTIAL\n\nSUBJECT: X\n\nClassified By: Ambassador Jane Doe, reasons "
                              + section + " (b) and (d).\n\n1. (C) Text.\n"))
    by = cable.classified_by
    assert (by.name, by.position) == ("Jane Doe", "Ambassador")
    assert [(r.section, r.letter) for r in by.reasons] == [("1.4", "b"), ("1.4", "d")]


def test_a_pronoun_before_a_number_is_no_section():
    from cablelint.parse.source import split_lines

    cable = build(split_lines("CONFIDENTIAL\n\nSUBJECT: X\n\nClassified By: Ambassador Jane Doe, reasons 1.4 (b) "
                              "and (d).\n\n1. (C) As I.5 percent of the port is leased, I ask.\n"))
    assert [(r.section, r.letter) for r in cable.classified_by.reasons] == [("1.4", "b"), ("1.4", "d")]


@pytest.mark.parametrize("who, name, position", [
    ("ECON MC ERIC T. SCHULTZ", "ERIC T. SCHULTZ", "ECON MC"),
    ("Political M-C Jane Doe", "Jane Doe", "Political M-C"),
    ("ARSO ELIZABETH ESPARZA", "ELIZABETH ESPARZA", "ARSO"),
    ("POLMC JOSIAH DOE", "JOSIAH DOE", "POLMC"),
    ("FBI LEGAT MICHAEL RUIZ", "MICHAEL RUIZ", "FBI LEGAT"), ("GSO JOHN SMITH", "JOHN SMITH", "GSO"),
    ("IPO JANE DOE", "JANE DOE", "IPO"), ("POLAD JOHN ROE", "JOHN ROE", "POLAD"),
    ("DEA SAC JOHN ROE", "JOHN ROE", "DEA SAC"),
    ("IMO Kevin Roe", "Kevin Roe", "IMO"), ("ISO Kevin Roe", "Kevin Roe", "ISO"),
    ("ARSO-I Kevin Roe", "Kevin Roe", "ARSO-I"), ("RSO-I Kevin Roe", "Kevin Roe", "RSO-I"),
    ("FMO Jane Doe", "Jane Doe", "FMO"), ("HRO Jane Doe", "Jane Doe", "HRO"), ("CLO Jane Doe", "Jane Doe", "CLO"),
    ("Iso Tanaka, DCM", "Iso Tanaka", "DCM"), ("Imo Okafor, Pol Officer", "Imo Okafor", "Pol Officer"),
])
def test_posts_abbreviations_of_positions_in_capitals(who, name, position):
    found = split_name_position(who)
    assert (found.name, found.position) == (name, position)


@pytest.mark.parametrize("block", ["Classified By: Poloff Jane Doe; Derived from: DSCG 05-1 B, D",
                                   "Classified By: Poloff Jane Doe\nDerived From: DSCG 05-1 B, D"])
def test_a_derivative_classifier_named_with_the_source_after_the_name_or_below_it(block):
    # (E.O. 13526 asks a derivative classifier's name and position beside the source)
    by = statement(block)
    assert (by.name, by.position, by.derived) == ("Jane Doe", "Poloff", True)
    assert [r.text for r in by.reasons] == ["(b)", "(d)"]


@pytest.mark.parametrize("block", ["Classified By: Amb Jane Doe, reasons 1.4 (b) and (d). "
                                   "Derived From: Multiple Sources",
                                   "Classified By: Amb Jane Doe, reasons 1.4 (b) and (d); Derived from: DSCG 05-1"])
def test_reasons_the_classifier_cites_before_a_source_are_kept(block):
    by = statement(block)
    assert (by.name, by.position) == ("Jane Doe", "Amb")
    assert [r.text for r in by.reasons] == ["1.4(b)", "1.4(d)"]


@pytest.mark.parametrize("who, name, position", [
    # a surname that is a title's word or a particle, after a given name at the part's end
    ("DCM Robert Law", "Robert Law", "DCM"),
    ("Press Attache", "Press", "Attache"),  # (two words and no title before them: read as before)
    ("Econoff Rajiv Das", "Rajiv Das", "Econoff"),
    ("PolOff Jay Le", "Jay Le", "PolOff"),
    ("Political Counselor Jane Doe Acting", "Jane Doe", "Political Counselor, Acting"),
    ("Ambassador to Mali Mary Beth Leonard", "Mali Mary Beth Leonard", "Ambassador to"),  # (unclear: as before)
    ("Special Envoy for Sudan Mark Orr Jr.", "Mark Orr Jr.", "Special Envoy for Sudan"),
    # particles in lower case that are an office's letters in capitals
    ("Consul General Yusuf bin Khalid", "Yusuf bin Khalid", "Consul General"),
    ("DAS John Doe", "John Doe", "DAS"),
    # ConGen as the Consul General's title; as the post, one word of place after it
    ("ConGen Lucia Park", "Lucia Park", "ConGen"),
    ("ConGen Istanbul", None, "ConGen Istanbul"),
    # the place a title names after for, to or in
    ("Special Envoy for Sudan Mark Orr", "Mark Orr", "Special Envoy for Sudan"),
    ("Ambassador to Iraq Jane Q. Doe", "Jane Q. Doe", "Ambassador to Iraq"),
    ("Special Representative for Afghanistan and Pakistan Jo Roe", "Jo Roe",
     "Special Representative for Afghanistan and Pakistan"),
    ("Director of the Office of Andean Affairs John Doe", "John Doe", "Director of the Office of Andean Affairs"),
    # ... and after of, and after an article: a delegation's, a conference's, an organisation's
    ("Head of Delegation Sharon E. Roe", "Sharon E. Roe", "Head of Delegation"),
    ("Head of the U.S. Delegation Jane Roe", "Jane Roe", "Head of the U.S. Delegation"),
    # particles in lower case, spaced or joined to the name they open
    ("Poloff Ahmed al-Rashid", "Ahmed al-Rashid", "Poloff"), ("A/DCM David ben Ami", "David ben Ami", "A/DCM"),
    ("Omar el-Masri, Econoff", "Omar el-Masri", "Econoff"), ("DCM Valerie d'Estaing", "Valerie d'Estaing", "DCM"),
    ("Poloff Karl zu Guttenberg", "Karl zu Guttenberg", "Poloff"),
    ("Ana d\u2019\u00c1vila, DCM", "Ana d\u2019\u00c1vila", "DCM"),  # (before an accented capital)
    ("Karim al-\u00d1usr\u00ed, DCM", "Karim al-\u00d1usr\u00ed", "DCM"),
    # a printing's dashes between the parts, spaced or not
    ("Ambassador Jos\u00e9 N\u00fa\u00f1ez \u2013", "Jos\u00e9 N\u00fa\u00f1ez", "Ambassador"),
    ("Zo\u00eb O\u2019Brien\u2014 Political Counselor", "Zo\u00eb O\u2019Brien", "Political Counselor"),
    # a family name in capitals beside the given name, in text of both cases; an office's letters stay its
    ("Ambassador Jean-Pierre DUPONT", "Jean-Pierre DUPONT", "Ambassador"), ("John SMITH, DCM", "John SMITH", "DCM"),
    ("Political Counselor WANG Jian", "WANG Jian", "Political Counselor"), ("Jane Roe, EUR", "Jane Roe", "EUR"),
    ("ECONMINCOUNS Matthias Mitman", "Matthias Mitman", "ECONMINCOUNS"), ("CA Don Lu", "Don Lu", "CA"),
    # a position in parentheses after the name, without them (an office's symbol keeps its own)
    ("Jane Roe (Acting DCM)", "Jane Roe", "Acting DCM"), ("John Doe (T)", "John Doe", "(T)"),
    ("Acting Head of Delegation John Q. Public", "John Q. Public", "Acting Head of Delegation"),
    ("U.S. Representative to the Conference on Disarmament Jo B. Roe", "Jo B. Roe",
     "U.S. Representative to the Conference on Disarmament"),
    ("Ambassador to the Holy See Mary Ann Roe", "Holy See Mary Ann Roe", "Ambassador to the"),  # (unclear)
    ("Ambassador to the Vatican Mary Ann Roe", "Vatican Mary Ann Roe", "Ambassador to the"),  # (unclear)
])
def test_name_and_position_of_titles_names_and_places(who, name, position):
    found = split_name_position(who)
    assert (found.name, found.position) == (name, position)


@pytest.mark.parametrize("reasons, letters", [("reasons 1.4 (a) through (d).", ["a", "b", "c", "d"]),
                                              ("reasons 1.4 (b) thru (d).", ["b", "c", "d"]),
                                              ("reasons 1.4 (b) to a foreign government.", ["b"]),
                                              ("reasons 1.4 (d) through (b).", ["d"]),
                                              ("reasons 1.4 (b), (d) (ECA).", ["b", "d"]),
                                              ("reasons 1.4(bd).", ["b", "d"]),
                                              ("rea-\nsons 1.4 (b) and (d).", ["b", "d"])])
def test_reasons_written_as_ranges_in_words_run_together_or_hyphenated(reasons, letters):
    text = ("C O N F I D E N T I A L MARLOWE 000412\n\nE.O. 12958: DECL: 04/02/2018\nTAGS: PREL IT\nSUBJECT: TALKS\n\n"
            f"Classified By: Ambassador Jane Doe, {reasons}\n\n1. (C) Text.\n")
    cable = build(split_lines(text))
    assert [r.letter for r in cable.classified_by.reasons] == letters
    assert (cable.classified_by.name, cable.classified_by.position) == ("Jane Doe", "Ambassador")


def test_a_particle_that_is_an_office_in_capitals_is_the_office_in_a_copy_re_typed_in_lower_case():
    # (`das` in lower case is a name's particle in a statement of mixed case, the office in one re-typed so)
    assert split_name_position("eur acting das anita friedt")[:2] == ("anita friedt", "eur acting das")
    assert split_name_position("Econoff Rajiv das Neves")[:2] == ("Rajiv das Neves", "Econoff")


def _statement_read(lines: str, order: str = "12958: DECL: 04/02/2018"):
    """The statement read from a small cable whose header is followed by `lines`."""
    text = "C O N F I D E N T I A L MARLOWE 000412\n\nE.O. " + order + "\nTAGS: PREL IT\nSUBJECT: X\n\n" + lines
    return build(split_lines(text)).classified_by


@pytest.mark.parametrize("statement, signature, name, position", [
    ("Classified By: Political Counselor Jane Q. Doe.", "JOHNSON", "Jane Q. Doe", "Political Counselor"),
    ("CLASSIFIED BY: DCM JOHN A. ROE", "ROE", "JOHN A. ROE", "DCM"),
])
def test_the_signature_under_a_statement_at_the_texts_end_is_no_part_of_it(statement, signature, name, position):
    by = _statement_read("1. (C) The board met.\n\n" + statement + "\n" + signature + "\n")
    assert (by.name, by.position) == (name, position)


def test_a_surname_wrapped_after_the_last_initial_stays_the_names():
    by = _statement_read("CLASSIFIED BY: POLCOUNS SUSAN R.\nWHITFIELD, REASONS 1.4 (B) AND (D)\n\n"
                         "1. (C) The board met.\n")
    assert by.name == "SUSAN R. WHITFIELD" and [r.text for r in by.reasons] == ["1.4(b)", "1.4(d)"]


@pytest.mark.parametrize("reasons, read", [
    ("REASON: 1.3(A)(4).", ["1.3(a)(4)"]), ("REASON 1.3(A)(4) AND (5).", ["1.3(a)(4)", "1.3(a)(5)"]),
    ("REASON: 1.3(A)(4),(5)", ["1.3(a)(4)", "1.3(a)(5)"]), ("REASON: 1.3 (a) (10)", ["1.3(a)(10)"]),
    ("REASON: 1.3(A)", ["1.3(a)"]), ("REASONS 1.5 (B) AND (D)", ["1.5(b)", "1.5(d)"])])
def test_e_o_12356_areas_numbered_under_the_letter_are_read(reasons, read):
    by = _statement_read("CLASSIFIED BY: JOHN ROE, DCM. " + reasons + "\n\n1. (C) THE BOARD MET.\n",
                         "12356: DECL: OADR")
    assert [r.text for r in by.reasons] == read


@pytest.mark.parametrize("first, second, name, position", [
    ("Consul General Patrick O'", "Neil, reasons 1.4 (b) and (d).", "Patrick O'Neil", "Consul General"),
    ("Director Jane Roe, EUR/", "CE, reasons 1.4 (b) and (d).", "Jane Roe", "Director, EUR/CE"),
    ("Director Jane Roe, NEA", "/IPA, reasons 1.4 (b) and (d).", "Jane Roe", "Director, NEA/IPA"),
    ("Jane Roe, Charge'", "d'Affaires, reasons 1.4 (b) and (d).", "Jane Roe", "Charge' d'Affaires"),
])
def test_a_wrap_after_an_elided_particle_or_at_a_slash_joins_without_a_space(first, second, name, position):
    by = _statement_read("Classified By: " + first + "\n" + second + "\n\n1. (C) Text.\n")
    assert (by.name, by.position) == (name, position)
