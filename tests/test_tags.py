"""TAGS: vocabularies, kinds in the parse output, suggestions for misspellings, user extensions."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from cablelint.cli import main
from cablelint.policy import ruleset, tagvocab
from cablelint.policy.rulesetmodel import Settings
from cablelint.run.engine import lint_bytes
from corpus import SHARED, need

CABLE = """C O N F I D E N T I A L VALLETTA 000417

SIPDIS

E.O. 12958: DECL: 06/03/2019
TAGS: {tags}
SUBJECT: MALTA: TALKS

Classified By: Ambassador Jane Q. Example for reasons 1.4 (b) and (d).

1. (C) Text.
"""


def lint_tags(tags: str, extra=(), select=("T",), date=dt.date(2009, 6, 3)) -> list:
    """The TAGS findings, preview rules (T007) on."""
    settings = Settings(ruleset=ruleset.load(extra), as_of=dt.date(2026, 11, 27), date=date,
                        select=select, preview=True)
    result = lint_bytes("c.txt", CABLE.format(tags=tags).encode(), settings)
    assert not result.errors
    return list(result.diagnostics)


@pytest.mark.parametrize("written, meant", [("POGOV", "PGOV"), ("PECON", "ECON"), ("PGOF", "PGOV"),
                                            ("KDEMAF", "KDEM AF"), ("MPOS", "MOPS"), ("ITALY", "IT")])
def test_misspelt_tags_get_the_right_suggestion(written, meant):
    [diagnostic] = [d for d in lint_tags(f"PREL {written} MT") if d.code == "T001"]
    assert diagnostic.suggestion == meant
    assert f"'{meant}'" in diagnostic.message
    assert (diagnostic.line, diagnostic.column) == (6, 12)


def test_known_tags_of_every_kind_pass():
    assert lint_tags("PREL KNNP MT NATO OVIP (EXAMPLE, JANE)") == []


def test_geographic_codes_are_judged_by_the_cable_date():
    rules = ruleset.load()
    assert tagvocab.kind_on(rules, "UR", dt.date(1985, 1, 1)) == "geographic"
    assert tagvocab.kind_on(rules, "UR", dt.date(2009, 1, 1)) is None
    [diagnostic] = [d for d in lint_tags("PREL UR MT") if d.code == "T001"]
    assert "valid only" in diagnostic.message


@pytest.mark.parametrize("tags, meant", [("PREL FR RS GE", "Georgia (its ISO code), whose tag is GG"),
                                         ("PTER YE", "Yemen (its ISO code), whose tag is YM")])
def test_a_code_out_of_its_period_that_is_another_countrys_iso_code_says_so(tags, meant):
    # (GE was Germany's until 1990 and is Georgia's ISO code; YE North Yemen's until 1990 and Yemen's ISO code)
    [diagnostic] = [d for d in lint_tags(tags) if d.code == "T001"]
    assert "valid only" in diagnostic.message and diagnostic.message.endswith(f"also written for {meant}")
    assert diagnostic.suggestion is None  # (Germany may have been meant: no fix is offered)


def test_a_post_extends_the_vocabulary_without_copying_it(tmp_path):
    local = tmp_path / "post.yaml"
    local.write_text("extends: [default]\ntags:\n  organization:\n    QXYZ: a post's local partner\n")
    assert [d.code for d in lint_tags("PREL QXYZ MT")] == ["T007"]  # close to no known tag: unrecognised
    assert lint_tags("PREL QXYZ MT", extra=[local]) == []
    assert tagvocab.kind_on(ruleset.load([local]), "PREL", None) == "subject"  # bundled tags still there


@pytest.mark.parametrize("tag", ["KQXZ", "KBTR"])
def test_a_program_tag_no_list_has_is_taken_as_a_posts_own(tag):
    # K and three letters is a program tag's shape; programs are known only from use
    assert lint_tags(f"PREL {tag} MT") == []


@pytest.mark.parametrize("tags", ["PREL KQXZ1 MT", "PREL QXZK MT", "PREL KQX MT"])
def test_a_tag_of_no_programs_shape_is_still_unrecognised(tags):
    assert "T007" in {d.code for d in lint_tags(tags)}


def test_parse_output_gives_each_tag_its_kind(tmp_path, capsys):
    cable = tmp_path / "c.txt"
    cable.write_text(CABLE.format(tags="PREL KNNP MT NATO OVIP (EXAMPLE, JANE) QQQQ"))
    assert main(["parse", "--format", "json", str(cable)]) == 0
    [record] = json.loads(capsys.readouterr().out)
    assert record["tags"] == ["PREL", "KNNP", "MT", "NATO", "OVIP", "(EXAMPLE, JANE)", "QQQQ"]
    kinds = {k["tag"]: k["kind"] for k in record["tag_kinds"]}
    assert kinds == {"PREL": "subject", "KNNP": "program", "MT": "geographic", "NATO": "organization",
                     "OVIP": "subject", "(EXAMPLE, JANE)": "person", "QQQQ": None}


def test_format_problems_show_the_corrected_line():
    [diagnostic] = [d for d in lint_tags("prel;PGOV, MT.") if d.code == "T002"]
    assert diagnostic.suggestion == "TAGS: PREL, PGOV, MT"
    assert "TAGS: PREL, PGOV, MT" in diagnostic.message


def test_a_separator_used_twice_is_said_once():
    [diagnostic] = [d for d in lint_tags("PREL; PGOV; MT") if d.code == "T002"]
    assert diagnostic.message.count("separator ';'") == 1


def test_office_symbols_of_a_passing_line_on_the_tags_line_are_not_repeated_tags():
    # (`DEPT FOR EAP/MTS, EAP/RSP` with its slashes lost: the unknown words are T001/T007's, no T005)
    assert "T005" not in {d.code for d in lint_tags("PREL MT DEPT FOR EAP EAP MTS EAP RSP")}
    assert "T005" in {d.code for d in lint_tags("PREL MT EAP EAP")}


def test_visit_tag_needs_a_name():
    assert [d.code for d in lint_tags("OVIP PREL MT")] == ["T006"]
    # the name written bare, as most raw TAGS lines write it (reviewed on the corpora): accepted
    assert [d.code for d in lint_tags("OVIP CLINTON, HILLARY PREL MT")] == []


@pytest.mark.parametrize("name", ["(LE DUC THO)", "(POPE PAUL VI)", "(SHAH OF IRAN)", "(TENG HSIAO-PING)"])
def test_a_visit_tags_name_in_its_own_order_without_a_comma_is_a_name(name):
    # (names written as their people write them, and titles, as older cables' visit tags hold them)
    assert [d.code for d in lint_tags(f"OVIP {name} PREL MT")] == []


@pytest.mark.parametrize("withheld", ["(B6)", "(b)(6)", "(B6, B7C)", "(b)(6)(C)"])
def test_a_visit_tags_name_withheld_by_a_foia_code_is_a_name(withheld):
    # (a release withholds the visitor's name and writes its exemption's code in its place)
    assert [d.code for d in lint_tags(f"OVIP {withheld} PREL MT")] == []


def test_frequent_real_tags_are_not_flagged():
    """Every token on 3 or more real cables is a known tag, except the drafting errors listed."""
    observed = need(SHARED / "data" / "tags" / "observed-tags.tsv")
    errors = {"RU": "ISO 3166 code for Russia; State writes RS", "VZ": "not a FIPS code; Venezuela is VE"}
    rules = ruleset.load()
    flagged = []
    for row in observed.read_text().splitlines()[1:]:
        tag, count = row.split("\t")
        if int(count) >= 3 and tag not in errors and tagvocab.kind_on(rules, tag, None) is None:
            flagged.append(tag)
    assert flagged == []


# The vocabularies are of the Cablegate years; the TAGS of the 1970s differ (SHUM, SOPN, PBOR, EGEN ...).
OLD = dt.date(1974, 1, 2)


@pytest.mark.parametrize("tags", ["PBOR, SHUM, MT", "PDIP, MT"])
def test_an_older_cables_tag_close_to_a_known_one_is_no_slip(tags):
    found = {(d.code, d.message.split("'")[1]) for d in lint_tags(tags, date=OLD)}
    assert not any(code == "T001" for code, _tag in found)
    assert ("T007", tags.split(",")[0]) in found  # reported as unrecognised (preview), not as a slip
    assert any(d.code == "T001" for d in lint_tags(tags))  # the same line on a cable of 2009 is a slip


@pytest.mark.parametrize("tags, code", [("PINT, VS", "T003"), ("EGEN, MT", "T004"), ("EFIN, TECH, ZR", "T003")])
def test_an_older_cables_tags_of_their_time_count_as_their_kind(tags, code):
    assert code not in {d.code for d in lint_tags(tags, date=OLD)}
    assert code in {d.code for d in lint_tags(tags)}  # in 2009 these are no country or subject tag


def test_an_iso_or_period_slip_names_a_country_still():
    # YE: North Yemen's code until 1990, written for Yemen (YM) in 2009; a cable of 2009 with no
    # country tag at all still gets T003
    found = lint_tags("PTER, PREL, YE")
    assert [d.code for d in found] == ["T001"]
    assert "T003" in {d.code for d in lint_tags("PTER, PREL")}


def test_an_older_cable_still_gets_the_iso_mixup_and_free_text():
    codes = [d.code for d in lint_tags("PFOR, JP", date=OLD)] + [d.code for d in lint_tags(
        "PFOR, THE MINISTER VISIT, MT", date=OLD)]
    assert codes.count("T001") == 2


def test_an_older_cables_swapped_letters_are_still_a_slip():
    found = [d for d in lint_tags("PRLE, MT", date=OLD) if d.code == "T001"]
    assert found and "PREL" in found[0].message


def test_a_three_letter_iso_code_is_suggested_first_among_equal_slips_and_names_a_country():
    # PAK is Pakistan's ISO code (PK in FIPS) and one letter from PAC, PAL and PAN
    found = lint_tags("PREL, PAK")
    assert [d.code for d in found] == ["T001"] and "did you mean 'PK'" in found[0].message
    # one slip explains MAR better (MARR); POL is as often the political section: no country named
    assert "T003" in {d.code for d in lint_tags("PREL, MAR")} and "'MARR'" in lint_tags("PREL, MAR")[-1].message
    assert "T003" in {d.code for d in lint_tags("PREL, POL")}


def test_a_listed_mix_up_is_suggested_and_names_its_country():
    # (UAE for the United Arab Emirates, whose tag is AE: rules/tags-geographic.yaml's mix-ups)
    found = lint_tags("PREL, UAE")
    assert [d.code for d in found] == ["T001"] and "'AE'" in found[0].message


@pytest.mark.parametrize("tags", ["PREL PGOV ENRG...", "OVIP...", "PREL PGO\u2026", "ETRD..."])
def test_a_record_cut_inside_the_tags_line_is_not_judged_on_what_the_cut_took(tags):
    # X003 reports the cut; the country, the person's name, the rest of the last tag went with it
    assert lint_tags(tags) == []


def test_the_tags_before_the_cut_are_still_judged():
    assert [d.code for d in lint_tags("POGOV PREL...")] == ["T001"]


@pytest.mark.parametrize("tags", ["OVIP (GATES, ROBERT) OVIP (MULLEN, MICHAEL) MARR; JA",
                                  "OVIP (KERRY, JOHN) PREL; AF"])
def test_a_line_with_a_persons_tag_is_not_rewritten(tags):
    # (rebuilt from the tags' values, the name's own comma became a separator and the second visit tag went)
    [found] = [d for d in lint_tags(tags) if d.code == "T002"]
    assert "separator ';'" in found.message and found.suggestion is None and "write:" not in found.message
