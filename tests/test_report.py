"""`cablelint report`: the schedule in each format, its agreement with the lint rules, the HTML
page's self-containment and escaping, bad input, and (when present) the real corpus."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from cablelint.cli import main
from corpus import CABLEGATE, need

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "declass"
ARGS = ["--date", "2008-04-02", "--as-of", "2026-11-27"]
EXPECTED = {  # fixture -> (status, date)
    "decl-2018.txt": ("due", "2018-04-02"),
    "decl-2031.txt": ("not yet due", "2031-04-02"),
    "decl-x1.txt": ("exempt", "2033-12-31"),
    "unclas-na.txt": ("unclassified", None),
}
# (a web page's markup in a cable's file is read past: the subject's script and image come as a
# page's character references and a tag left open, which the reading keeps as text)
SCRIPT_CABLE = """S E C R E T VALLETTA 000777

E.O. 12958: DECL: 04/02/2019
TAGS: PREL MT
SUBJECT: &lt;script&gt;alert("x")&lt;/script&gt; & "QUOTES" <img src=x onerror=alert(1)

Classified By: Ambassador Jane Q. Example for reasons 1.4 (b) and (d).

1. (S) The minister asked about the <b>schedule</b>.
"""


def _report(capsys, *args: str) -> tuple[int, str, str]:
    status = main(["report", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _json(capsys, *args: str) -> dict:
    status, out, _err = _report(capsys, *args, "--format", "json")
    assert status == 0
    return json.loads(out)


def test_json_schedule_of_the_fixtures(capsys):
    document = _json(capsys, str(FIXTURES), *ARGS)
    assert document["as_of"] == "2026-11-27"
    got = {Path(c["path"]).name: (c["status"], c["date"]) for c in document["cables"]}
    assert got == EXPECTED
    assert document["totals"] == {"declassified": 0, "due": 1, "not yet due": 1, "exempt": 1, "unknown": 0,
                                  "unclassified": 1, "total": 4}
    first = document["cables"][0]
    assert (first["id"], first["classification"], first["origin_date"], first["instruction"]) == (
        "08VALLETTA201", "CONFIDENTIAL", "2008-04-02", "2018-04-02")
    assert document["due_by_year"]["2033"]["exempt"] == 1


def test_report_agrees_with_the_lint_rules(capsys):
    """Per fixture: due <=> D009; not yet due or unknown <=> R001; exempt <=> R002."""
    document = _json(capsys, str(FIXTURES), *ARGS)
    main(["--jobs", "1", "--release", "--select", "D009,R", "--format", "json", str(FIXTURES), *ARGS])
    diagnostics = json.loads(capsys.readouterr().out)
    for cable in document["cables"]:
        codes = sorted(d["code"] for d in diagnostics if d["path"] == cable["path"])
        expected = {"due": ["D009"], "not yet due": ["R001"], "unknown": ["R001"], "exempt": ["R002"]}
        assert codes == expected.get(cable["status"], []), cable


def test_table_lists_each_cable_and_the_totals(capsys):
    status, out, _err = _report(capsys, str(FIXTURES), *ARGS)
    assert status == 0
    assert out.startswith("Declassification schedule as of 2026-11-27 (4 cables)")
    assert re.search(r"^08VALLETTA202 +CONFIDENTIAL +2008-04-02 +2031-04-02 +not yet due +2031-04-02 ", out, re.M)
    totals = dict(re.findall(r"^  (\w[\w ]*?) +(\d+)$", out, re.M))
    assert totals == {"declassified": "0", "due": "1", "not yet due": "1", "exempt": "1", "unknown": "0",
                      "unclassified": "1", "total": "4"}


def test_csv_has_one_row_per_cable_and_defuses_formulas(capsys, tmp_path):
    (tmp_path / "formula.txt").write_text(
        "C O N F I D E N T I A L VALLETTA 000778\n\nE.O. 12958: DECL: 04/02/2019\nTAGS: PREL MT\n"
        "SUBJECT: =HYPERLINK(\"x\")\n\n1. (C) Text.\n", encoding="utf-8")
    status, out, _err = _report(capsys, str(FIXTURES), str(tmp_path), *ARGS, "--format", "csv")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 5
    assert {Path(r["path"]).name: r["status"] for r in rows if r["path"].startswith(str(FIXTURES))} == {
        name: value[0] for name, value in EXPECTED.items()}
    assert [r["subject"] for r in rows if r["path"].endswith("formula.txt")] == ["'=HYPERLINK(\"x\")"]


def test_html_is_self_contained_and_escapes_cable_text(capsys, tmp_path):
    (tmp_path / "script.txt").write_text(SCRIPT_CABLE, encoding="utf-8")
    output = tmp_path / "report.html"
    status, out, _err = _report(capsys, str(FIXTURES), str(tmp_path / "script.txt"), *ARGS,
                                "--format", "html", "--output", str(output))
    assert status == 0 and out == ""
    page = output.read_text(encoding="utf-8")
    # nothing is fetched: no URL, no src/href attribute, no CSS url() or @import
    assert not re.search(r"https?:|url\(|@import", page, re.I)
    tags = re.findall(r"<[a-zA-Z][^<>]*>", page)
    assert tags and not [t for t in tags if re.search(r"\b(?:src|href|action|data)\s*=", t, re.I)]
    assert "default-src 'none'" in page
    # the cable's subject is text, never markup; the only script is the page's own
    assert page.count("<script") == 1 and "<img" not in page and "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;QUOTES&quot; &lt;img src=x" in page
    # the chart: one bar segment per year with a due date (2018, 2019, 2031, 2033) and the as-of line
    chart = page[page.index("<svg"):page.index("</svg>")]
    assert len(re.findall(r"<rect [^>]*><title>", chart)) == 4
    assert "<title>2019: 1 due</title>" in chart and 'class="asof"' in chart
    # the table: one row per cable, sortable headings
    start = page.index('<table id="schedule">')
    table = page[start:page.index("</table>", start)]
    assert table.count("<tr") == 6 and table.count("<button") == 8


def test_unreadable_file_is_a_row_not_a_crash(capsys, tmp_path):
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (tmp_path / "ok.txt").write_text((FIXTURES / "decl-2018.txt").read_text(), encoding="utf-8")
    document = _json(capsys, str(tmp_path), *ARGS)
    assert [c["status"] for c in document["cables"]] == ["unreadable", "due"]
    assert document["totals"]["unreadable"] == 1 and document["totals"]["total"] == 2
    status, _out, err = _report(capsys, str(tmp_path), *ARGS)
    assert status == 0 and "binary.txt" in err


def _exit_status(argv: list[str]) -> object:
    try:
        return main(argv)
    except SystemExit as exc:  # argparse stops on a usage error by itself
        return exc.code


@pytest.mark.parametrize("args", [
    ["no/such/dir"],
    [str(FIXTURES), "--as-of", "27/11/2026"],
    [str(FIXTURES), "--format", "pdf"],
    [str(FIXTURES), "--output", "/no/such/dir/report.html"],
])
def test_usage_errors_exit_2(capsys, args):
    assert _exit_status(["report", *args]) == 2
    assert capsys.readouterr().err


def test_bad_rule_file_exits_2(capsys, tmp_path):
    rules = tmp_path / "bad.yaml"
    rules.write_text("rules:\n  Z999: off\n", encoding="utf-8")
    status, _out, err = _report(capsys, str(FIXTURES), "--rules", str(rules))
    assert status == 2 and "bad.yaml:2:" in err


# ------------------------------------------------------------------ a real browser


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed")
def test_html_table_sorts_in_a_real_browser(capsys, tmp_path):
    output = tmp_path / "report.html"
    assert main(["report", str(FIXTURES), *ARGS, "--format", "html", "--output", str(output)]) == 0
    probe = """<script>
    (function () {
      var th = document.querySelectorAll("#schedule thead th");
      function ids() { return Array.prototype.map.call(document.querySelectorAll("#schedule tbody tr"),
                                                       function (r) { return r.cells[0].textContent; }).join(","); }
      var out = [];
      th[5].querySelector("button").click(); out.push(ids());
      th[5].querySelector("button").click(); out.push(ids());
      var pre = document.createElement("pre"); pre.id = "probe"; pre.textContent = out.join("|");
      document.body.appendChild(pre);
    })();
    </script></body>"""
    (tmp_path / "probe.html").write_text(output.read_text().replace("</body>", probe), encoding="utf-8")
    result = subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
         "--dump-dom", (tmp_path / "probe.html").as_uri()], capture_output=True, text=True, timeout=120)
    found = re.search(r'<pre id="probe">([^<]*)</pre>', result.stdout)
    assert found, result.stderr[-2000:]
    ascending, descending = found.group(1).split("|")
    # by date: 2018, 2031, 2033, then the cable without a date last in either direction
    assert ascending == "08VALLETTA201,08VALLETTA202,08VALLETTA203,08VALLETTA204"
    assert descending == "08VALLETTA203,08VALLETTA202,08VALLETTA201,08VALLETTA204"


# ------------------------------------------------------------------ the real corpus

# An independent reading of the E.O. line ("E.O. 12958: DECL: 04/02/2018", "EO 12958 DECL: 06/03/08",
# "E.O. 12958: DECL: 2018/04/02") on a cable whose classification line is SECRET or CONFIDENTIAL.
_DECL = re.compile(r"(?<![A-Z0-9])E\.?O\.?\s*1\d{4}\s*:?\s*(?:DECL\s*:?)?\s*(?:(?P<m>\d{1,2})/(?P<d>\d{1,2})/"
                   r"(?P<y>\d{4}|\d{2})|(?P<y2>\d{4})/(?P<m2>\d{2})/(?P<d2>\d{2}))\s*$", re.M)
_CLASSIFIED = re.compile(r"^\s*(?:S E C R E T|C O N F I D E N T I A L|SECRET|CONFIDENTIAL)\b", re.M)


def test_corpus_schedule_agrees_with_the_decl_dates_and_with_d009(capsys):
    corpus = need(CABLEGATE)
    document = _json(capsys, str(corpus), "--as-of", "2026-11-27")
    cables = {Path(c["path"]).name: c for c in document["cables"]}
    assert len(cables) == document["totals"]["total"] == len(list(corpus.glob("*.txt")))
    checked = 0
    differences: list[dict] = []
    for path in sorted(corpus.glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        dates = _DECL.findall(text)
        if len(dates) != 1 or not _CLASSIFIED.search(text) or re.search(r"declassified", text, re.I):
            continue
        found = _DECL.search(text)
        year, month, day = (int(found["y"] or found["y2"]), int(found["m"] or found["m2"]),
                            int(found["d"] or found["d2"]))
        due = (year + 2000 if year < 100 else year, month, day) <= (2026, 11, 27)
        if (cables[path.name]["status"] == "due") != due:
            differences.append(cables[path.name])
        checked += 1
    assert checked > 750
    # The only tolerated difference: a cable whose E.O. line the parser did not find at all (in the
    # corpus, one whose E.O. line is run into its classification line); it is then "unknown", never "due".
    assert all(c["instruction"] is None and c["status"] == "unknown" for c in differences), differences
    assert len(differences) <= 2, differences
    main(["--jobs", "1", "--select", "D009", "--as-of", "2026-11-27", "--format", "json", str(corpus)])
    d009 = {Path(d["path"]).name for d in json.loads(capsys.readouterr().out)}
    assert d009 == {name for name, c in cables.items() if c["status"] == "due"}


# ------------------------------------------------------------------ the page, for the people who read it

BODY_ONLY = """C O N F I D E N T I A L {post} {serial:06d}

E.O. 12958: DECL: {decl}
TAGS: PREL IT
SUBJECT: MEETING NUMBER {serial}

Classified By: Ambassador Jane Q. Example for reasons 1.4 (b) and (d).

1. (C) Text.
"""
# file name (the cable id, since a body-only cable has no date-time group) -> declassification date
COLLECTION = {"09ROME10.txt": "04/02/2019", "10PARIS5.txt": "04/02/2031", "09ROME9.txt": "04/02/2019",
              "08ROME200.txt": "04/02/2018", "notes-on-rome.txt": "04/02/2024"}


def _collection(folder: Path) -> Path:
    folder.mkdir()
    for name, decl in COLLECTION.items():
        post = "PARIS" if "PARIS" in name else "ROME"
        serial = int(re.sub(r"\D", "", name[2:]) or 1)
        (folder / name).write_text(BODY_ONLY.format(post=post, serial=serial, decl=decl), encoding="utf-8")
    return folder


def test_id_parts_reads_year_post_and_number():
    from cablelint.report.schedule import id_parts

    assert id_parts("09VALLETTA522") == (2009, "VALLETTA", 522)
    assert id_parts("66STATE150591") == (1966, "STATE", 150591)
    assert id_parts("04USUNNEWYORK12") == (2004, "USUNNEWYORK", 12)
    assert id_parts("notes-on-rome") is None and id_parts("2009") is None


def test_the_origin_year_is_estimated_from_the_id_only_without_a_date(capsys, tmp_path):
    folder = _collection(tmp_path / "cables")
    document = _json(capsys, str(folder), "--as-of", "2026-11-27")
    cables = {c["id"]: c for c in document["cables"]}
    assert cables["09ROME9"]["origin_date"] is None and cables["09ROME9"]["origin_year_estimated"] == 2009
    assert cables["notes-on-rome"]["origin_year_estimated"] is None
    # the estimate is shown, never judged by: the statuses are the lint's (D009 for the past dates)
    assert {i: c["status"] for i, c in cables.items()} == {
        "08ROME200": "due", "09ROME9": "due", "09ROME10": "due", "10PARIS5": "not yet due", "notes-on-rome": "due"}
    assert document["paths"] == [str(folder)]
    dated = _json(capsys, str(folder), "--as-of", "2026-11-27", "--date", "2009-04-02")
    assert {c["origin_year_estimated"] for c in dated["cables"]} == {None}


def _page(capsys, tmp_path: Path, *args: str) -> str:
    folder = _collection(tmp_path / "cables")
    output = tmp_path / "report.html"
    assert main(["report", str(folder), "--as-of", "2026-11-27", "--format", "html", "--output", str(output),
                 *args]) == 0
    return output.read_text(encoding="utf-8")


def test_the_page_says_what_it_covers_and_labels_every_year(capsys, tmp_path):
    page = _page(capsys, tmp_path)
    top = page[page.index("<h1>"):page.index('<ul class="totals">')]
    assert f"<code>{tmp_path / 'cables'}</code>" in top and "as of <b>2026-11-27</b>" in top
    chart = page[page.index("<svg"):page.index("</svg>")]
    labels = re.findall(r'<text class="year"[^>]*>(\d{4})</text>', chart)
    assert labels == [str(year) for year in range(2018, 2032)]  # every year, those without cables too
    clickable = re.findall(r'<g class="year" data-year="(\d{4})"', chart)
    assert clickable == ["2018", "2019", "2024", "2031"]


def test_the_per_year_table_stands_beside_the_chart_with_its_counts(capsys, tmp_path):
    page = _page(capsys, tmp_path)
    overview = page[page.index('<div class="overview">'):page.index('<h2 id="cables">')]
    assert overview.index("<svg") < overview.index('<table class="years"')
    rows = re.findall(r'<tr data-year="(\d{4})">.*?</tr>', overview)
    assert rows == ["2018", "2019", "2024", "2031"]
    row_2019 = re.search(r'<tr data-year="2019">(.*?)</tr>', overview).group(1)
    assert re.findall(r'<td class="num">(?:<b>)?(\d*)', row_2019) == ["2", "", "", "", "2"]


def test_rows_sort_by_id_naturally_and_carry_what_the_filters_need(capsys, tmp_path):
    page = _page(capsys, tmp_path)
    start = page.index('<table id="schedule">')
    table = page[start:page.index("</table>", start)]
    assert re.findall(r'<tr data-status="([^"]*)" data-year="(\d*)"><td class="mono" title="[^"]*" data-sort="[^"]*">'
                      r"([^<]*)</td>", table) == [
        ("due", "2018", "08ROME200"), ("due", "2019", "09ROME9"), ("due", "2019", "09ROME10"),
        ("not yet due", "2031", "10PARIS5"), ("due", "2024", "notes-on-rome")]
    assert '<th scope="col" aria-sort="ascending"><button type="button">ID</button>' in table
    assert '<span class="est" title="no date-time group or --date: the year is read from the cable id">' \
        '2009 (estimated)' in table
    # the legend of the statuses comes before the table, the tiles filter by status
    assert page.index('<ul class="legend">') < start
    assert re.findall(r'<button type="button" class="tile" data-status="([^"]*)"', page) == [
        "declassified", "due", "not yet due", "exempt", "unknown", "unclassified", ""]
    assert re.search(r'data-status="exempt" aria-pressed="false" disabled', page)  # nothing to show
