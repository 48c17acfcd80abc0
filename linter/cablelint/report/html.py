"""HTML: one self-contained page (inline CSS, inline SVG chart, inline vanilla JS to sort and
filter the table), readable when opened from disk with no network. A Content-Security-Policy
forbids every fetch, and every string taken from a cable is HTML-escaped.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Optional, Sequence, TextIO

from .. import __version__
from .chart import COLORS, svg
from .schedule import Record, due_by_year, totals

COLUMNS = ("ID", "Classification", "Origin", "Instruction", "Status", "Date", "Reason", "Subject")
EXPLAIN = {
    "declassified": "carries a declassification marking or release line",
    "due": "its declassification date or 25-year point has passed",
    "not yet due": "classified until the date shown",
    "exempt": "exempted or marked indefinitely: held to the date shown, then needs review",
    "unknown": "no usable instruction (or no origin date); the date is the latest 25-year point",
    "unclassified": "never classified",
    "unreadable": "the file could not be read",
}

STYLE = """
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#222;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:24px 0 8px}
.meta{color:#555;margin:0 0 16px}
.totals{display:flex;flex-wrap:wrap;gap:8px;padding:0;margin:0;list-style:none}
.totals li{border:1px solid #ccc;border-radius:6px;padding:6px 12px;min-width:110px}
.totals b{display:block;font-size:20px}.totals span{color:#555;font-size:12px}
.chart text{font-size:11px;fill:#333}.chart .grid{stroke:#e3e3e3}.chart .axis{stroke:#555}
.chart .asof{stroke:#222;stroke-dasharray:4 3}.chart .count{font-size:10px}
.scroll{overflow-x:auto;border:1px solid #eee;padding:4px}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border-bottom:1px solid #e5e5e5;padding:4px 6px;text-align:left;vertical-align:top}
th{position:sticky;top:0;background:#f4f4f4}
th button{font:inherit;font-weight:600;border:0;background:none;cursor:pointer;padding:0}
th[aria-sort=ascending] button::after{content:" \\25B2"}th[aria-sort=descending] button::after{content:" \\25BC"}
td.mono{font-family:ui-monospace,Menlo,Consolas,monospace;white-space:nowrap}td.wrap{white-space:normal;max-width:16em}
.badge{border-radius:4px;padding:1px 6px;color:#fff;white-space:nowrap;background:#7f8c8d}
.b-declassified{background:#27ae60}.b-unclassified{background:#bdc3c7;color:#222}.b-unreadable{background:#222}
#filter{margin:0 0 8px;padding:4px 8px;width:320px;max-width:100%}
"""

SCRIPT = """
(function () {
  var table = document.getElementById("schedule");
  var body = table.tBodies[0];
  var headers = table.tHead.rows[0].cells;
  function key(row, index) {
    var cell = row.cells[index];
    var value = cell.getAttribute("data-sort");
    return value === null ? cell.textContent.trim() : value;
  }
  Array.prototype.forEach.call(headers, function (th, index) {
    th.querySelector("button").addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = key(a, index), y = key(b, index);
        if (x === y) { return 0; }
        if (x === "") { return 1; }
        if (y === "") { return -1; }
        var order = x.localeCompare(y, undefined, {numeric: true, sensitivity: "base"});
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  var filter = document.getElementById("filter");
  var shown = document.getElementById("shown");
  filter.addEventListener("input", function () {
    var query = filter.value.toLowerCase();
    var count = 0;
    Array.prototype.forEach.call(body.rows, function (row) {
      row.hidden = query !== "" && row.textContent.toLowerCase().indexOf(query) < 0;
      if (!row.hidden) { count += 1; }
    });
    shown.textContent = String(count);
  });
})();
"""


def _e(value: Optional[str]) -> str:
    return escape(value, quote=True) if value else ""


def _day(day: Optional[dt.date]) -> str:
    return day.isoformat() if day else ""


def _badge_class(status: str) -> str:
    return "b-" + "".join(ch if ch.isalnum() else "-" for ch in status)


def _row(row: Record) -> str:
    cells = [
        f'<td class="mono" title="{_e(row.path)}">{_e(row.id)}</td>',
        f"<td>{_e(row.classification)}</td>",
        f'<td class="mono" data-sort="{_day(row.origin_date)}">{_day(row.origin_date)}</td>',
        f'<td class="mono wrap">{_e(row.instruction)}</td>',
        f'<td><span class="badge {_badge_class(row.status)}">{_e(row.status)}</span></td>',
        f'<td class="mono" data-sort="{_day(row.date)}">{_day(row.date)}</td>',
        f"<td>{_e(row.reason)}</td>",
        f"<td>{_e(row.subject)}</td>",
    ]
    return "<tr>" + "".join(cells) + "</tr>"


def _totals(rows: Sequence[Record]) -> str:
    items = []
    for status, count in totals(rows).items():
        hint = EXPLAIN.get(status, "cables in the report")
        items.append(f'<li title="{_e(hint)}"><b>{count}</b><span>{_e(status)}</span></li>')
    return '<ul class="totals">' + "".join(items) + "</ul>"


def _badge_colors() -> str:
    return "".join(f".{_badge_class(status)}{{background:{color}}}" for status, color in COLORS.items())


def write(stream: TextIO, rows: Sequence[Record], as_of: dt.date) -> None:
    head = "".join(f'<th scope="col"><button type="button">{name}</button></th>' for name in COLUMNS)
    legend = "".join(f"<li><b>{_e(status)}</b>: {_e(text)}</li>" for status, text in EXPLAIN.items())
    stream.write(f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Declassification schedule as of {as_of.isoformat()}</title>
<style>{STYLE}{_badge_colors()}</style>
</head>
<body>
<h1>Declassification schedule</h1>
<p class="meta">As of {as_of.isoformat()} &middot; {len(rows)} cables &middot; cablelint {escape(__version__)}</p>
{_totals(rows)}
<h2>Cables becoming due per year</h2>
<div class="scroll">
{svg(due_by_year(rows), as_of)}
</div>
<h2>Cables</h2>
<input id="filter" type="search" placeholder="Filter rows (any text)" aria-label="Filter rows">
<span class="meta"><span id="shown">{len(rows)}</span> of {len(rows)} shown; click a column heading to sort.</span>
<div class="scroll">
<table id="schedule">
<thead><tr>{head}</tr></thead>
<tbody>
{chr(10).join(_row(row) for row in rows)}
</tbody>
</table>
</div>
<h2>Statuses</h2>
<ul>{legend}</ul>
<script>{SCRIPT}</script>
</body>
</html>
""")
