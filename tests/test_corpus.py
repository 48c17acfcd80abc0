"""The parser and the linter on the real cables and the seed extract (skipped without them)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from cablelint.cli import main
from cablelint.parse.build import build
from cablelint.parse.source import decode
from cablelint.policy import ruleset
from cablelint.policy.rulesetmodel import Settings
from cablelint.run.engine import lint_file
from corpus import CABLEGATE, SEED, need


@pytest.fixture(scope="module")
def parsed():
    corpus = need(CABLEGATE)
    metadata = json.loads((corpus / "metadata.json").read_text())
    return [(m, build(decode((corpus / m["file"]).read_bytes()))) for m in metadata]


def test_every_real_cable_parses(parsed):
    assert len(parsed) == 904


def test_classification_agrees_with_metadata(parsed):
    agree = sum(cable.level == meta["classification"].split("//")[0] for meta, cable in parsed)
    assert agree / len(parsed) >= 0.99, agree


def test_noforn_agrees_with_metadata(parsed):
    agree = sum(("NOFORN" in meta["classification"]) == ("NOFORN" in cable.controls) for meta, cable in parsed)
    assert agree / len(parsed) >= 0.98, agree


def test_tags_and_order_are_found(parsed):
    with_tags = sum(bool(cable.tags and cable.tags.tags) for _, cable in parsed)
    with_order = sum(bool(cable.eo and cable.eo.order) for _, cable in parsed)
    assert with_tags / len(parsed) >= 0.98 and with_order / len(parsed) >= 0.98, (with_tags, with_order)


def test_dates_come_from_the_routing_header(parsed):
    dated = [(meta, cable) for meta, cable in parsed if cable.origin_date]
    agree = sum(cable.origin_date.isoformat() == meta["created"][:10] for meta, cable in dated)
    assert len(dated) > 700 and agree / len(dated) >= 0.99


def test_positions_lie_inside_the_file(parsed):
    for _meta, cable in parsed:
        for paragraph in cable.paragraphs:
            line = cable.lines[paragraph.span.line - 1]
            assert 1 <= paragraph.number_span.column <= len(line) + 1
            if paragraph.mark:
                assert line[paragraph.mark.span.column - 1:paragraph.mark.span.end_column - 1] == paragraph.mark.raw


def test_linting_the_corpus_raises_no_internal_error():
    corpus = need(CABLEGATE)
    settings = Settings(ruleset=ruleset.load(), as_of=dt.date(2026, 11, 27))
    for path in sorted(corpus.glob("*.txt")):
        result = lint_file(str(path), settings)
        assert not result.errors, result.errors


def test_seed_parses_to_the_published_facts(capsys):
    need(SEED)
    assert main(["parse", "--format", "json", "--date", "2003-05-29", str(SEED)]) == 0
    [record] = json.loads(capsys.readouterr().out)
    assert record["classification"] == "CONFIDENTIAL"
    assert "SIPDIS" in record["controls"]
    assert record["executive_order"] == "12958"
    assert record["declassify_on"] == "2013-05-29"
    assert record["tags"] == ["PREL", "MARR", "CA"]
    assert "Brian Flora" in record["classified_by"]["name"]
    assert record["classified_by"]["reasons"] == ["1.5(b)", "1.5(d)"]
    assert [p["number"] for p in record["paragraphs"]] == [1, 2, 3, 4, 5, 6]
    assert [p["marking"] for p in record["paragraphs"]] == ["C", "U", "C", "C", "C", "C"]
    assert record["date"] == "2003-05-29"


def test_seed_lints_without_errors(capsys):
    need(SEED)
    status = main(["--format", "json", "--date", "2003-05-29", "--as-of", "2026-11-27", str(SEED)])
    diagnostics = json.loads(capsys.readouterr().out)
    assert status == 0
    assert [d for d in diagnostics if d["severity"] == "error"] == []
