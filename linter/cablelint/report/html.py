"""HTML: one self-contained page for the people who read the schedule: what it covers (the paths
and the as-of date) at the top, the totals as tiles, the chart with its per-year table beside it,
the legend, then the table of cables (sorted by id: year, post, number). Clicking a tile, a bar or a
year filters the table. Inline CSS, SVG and script; a Content-Security-Policy forbids every fetch,
and every string taken from a cable is HTML-escaped.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Optional, Sequence, TextIO

from .. import __version__
from .chart import COLORS, svg, year_table
from .htmlassets import SCRIPT, STYLE
from .schedule import CHARTED, Record, due_by_year, id_parts, totals

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
MAX_PATHS_SHOWN = 3
SORTED = ' aria-sort="ascending"'  # the rows are written in id order
_BADGE_COLOURS = {"declassified": "#27ae60", "unclassified": "#bdc3c7", "unreadable": "#222"}


def _e(value: Optional[str]) -> str:
    return escape(value, quote=True) if value else ""


def _day(day: Optional[dt.date]) -> str:
    return day.isoformat() if day else ""


def _badge_class(status: str) -> str:
    return "b-" + "".join(ch if ch.isalnum() else "-" for ch in status)


def _id_key(row: Record) -> str:
    """Sorts cable ids naturally: by year, then post, then number (`09ROME9` before `09ROME10`)."""
    parts = id_parts(row.id)
    return f"{parts[0]:04d} {parts[1]} {parts[2]:010d}" if parts else f"9999 {row.id}"


def _origin(row: Record) -> str:
    if row.origin_date is not None:
        return f'<td class="mono" data-sort="{_day(row.origin_date)}">{_day(row.origin_date)}</td>'
    if row.estimated_year is not None:
        return (f'<td class="mono" data-sort="{row.estimated_year}"><span class="est" title="no date-time group '
                f'or --date: the year is read from the cable id">{row.estimated_year} (estimated)</span></td>')
    return '<td class="mono" data-sort=""></td>'


def _row(row: Record) -> str:
    year = row.date.year if row.status in CHARTED and row.date is not None else ""
    cells = [
        f'<td class="mono" title="{_e(row.path)}" data-sort="{_e(_id_key(row))}">{_e(row.id)}</td>',
        f"<td>{_e(row.classification)}</td>",
        _origin(row),
        f'<td class="mono wrap">{_e(row.instruction)}</td>',
        f'<td><span class="badge {_badge_class(row.status)}">{_e(row.status)}</span></td>',
        f'<td class="mono" data-sort="{_day(row.date)}">{_day(row.date)}</td>',
        f'<td class="reason">{_e(row.reason)}</td>',
        f"<td>{_e(row.subject)}</td>",
    ]
    return f'<tr data-status="{_e(row.status)}" data-year="{year}">' + "".join(cells) + "</tr>"


def _totals(rows: Sequence[Record]) -> str:
    items = []
    for status, count in totals(rows).items():
        hint = EXPLAIN.get(status, "all cables in the report")
        key = "" if status == "total" else status
        colour = COLORS.get(status) or _BADGE_COLOURS.get(status, "#ccc")
        empty = " disabled" if count == 0 else ""  # nothing to show
        items.append(f'<li><button type="button" class="tile" data-status="{_e(key)}" aria-pressed="false"{empty} '
                     f'style="--c:{colour}" title="{_e(hint)}; click to show only these"><b>{count}</b>'
                     f'<span>{_e(status)}</span></button></li>')
    return '<ul class="totals">' + "".join(items) + "</ul>"



def _badge_colors() -> str:
    return "".join(f".{_badge_class(status)}{{background:{color}}}" for status, color in COLORS.items())


def _scope(sources: Sequence[str]) -> str:
    """The paths the report covers, as given on the command line."""
    if not sources:
        return "the cables given"
    shown = ", ".join(f"<code>{_e(path)}</code>" for path in sources[:MAX_PATHS_SHOWN])
    more = len(sources) - MAX_PATHS_SHOWN
    return shown + (f" and {more} more" if more > 0 else "")


def write(stream: TextIO, rows: Sequence[Record], as_of: dt.date, sources: Sequence[str] = ()) -> None:
    ordered = sorted(rows, key=_id_key)
    head = "".join(f'<th scope="col"{SORTED if name == "ID" else ""}><button type="button">{name}</button></th>'
                   for name in COLUMNS)
    legend = "".join(f'<li><span class="badge {_badge_class(status)}">{_e(status)}</span> {_e(text)}</li>'
                     for status, text in EXPLAIN.items())
    by_year = due_by_year(rows)
    stream.write(f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" \
content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Declassification schedule as of {as_of.isoformat()}</title>
<style>{STYLE}{_badge_colors()}</style>
</head>
<body>
<h1>Declassification schedule</h1>
<p class="scope">Covers {_scope(sources)} &middot; as of <b>{as_of.isoformat()}</b></p>
<p class="meta">{len(rows)} cables &middot; cablelint {escape(__version__)} &middot; click a tile, a bar or a year
to show only those cables in the table</p>
{_totals(rows)}
<h2>Cables becoming due per year</h2>
<div class="overview">
<div class="scroll">
{svg(by_year, as_of)}
</div>
{year_table(by_year)}
</div>
<h2 id="cables">Cables</h2>
<ul class="legend">{legend}</ul>
<div class="controls">
<input id="filter" type="search" placeholder="Filter rows (any text)" aria-label="Filter rows">
<span class="count"><span id="shown">{len(rows)}</span> of {len(rows)} shown; click a column heading to sort.</span>
<span id="active" aria-live="polite"></span><button type="button" id="clear" hidden>Show all</button>
</div>
<div class="scroll">
<table id="schedule">
<thead><tr>{head}</tr></thead>
<tbody>
{chr(10).join(_row(row) for row in ordered)}
</tbody>
</table>
</div>
<script>{SCRIPT}</script>
</body>
</html>
""")
