"""An inline SVG bar chart of how many cables become (or became) due each year, stacked by status,
and the same counts as a table to read beside it; each year's bar and row filter the page's table."""

from __future__ import annotations

import datetime as dt
import math
from html import escape
from typing import Mapping

from .schedule import CHARTED

# Plain markup and no external resource, so it renders from disk with no network; the page's script
# makes each `.year` group (bar, count and label) a button. Every year between the first and the
# last is drawn and labelled, so gaps in the schedule show as gaps.

COLORS = {"due": "#c0392b", "not yet due": "#2e86c1", "exempt": "#8e44ad", "unknown": "#95a5a6"}
LABELS = {"due": "due (date passed)", "not yet due": "not yet due", "exempt": "exempt (held to)",
          "unknown": "unknown (latest: 25-year point)"}
BAR, GAP, LEFT, TOP, PLOT_HEIGHT, BOTTOM = 16, 6, 48, 40, 240, 48


def _step(peak: int) -> int:
    """A round tick step (1, 2, 5 times a power of ten) giving at most about six ticks."""
    raw = max(peak / 6, 1)
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * power >= raw:
            return int(factor * power)
    return int(10 * power)


def _cables(count: int) -> str:
    return f"{count} cable{'' if count == 1 else 's'}"


def svg(by_year: Mapping[int, Mapping[str, int]], as_of: dt.date) -> str:
    """The chart as an <svg> element; a short paragraph when no cable has a known date."""
    if not by_year:
        return '<p class="empty">No cable in the collection has a known date on which it becomes due.</p>'
    first, last = min(by_year), max(by_year)
    years = list(range(first, last + 1))
    peak = max(sum(c.values()) for c in by_year.values()) or 1
    step = _step(peak)
    top_value = step * math.ceil(peak / step)
    width = max(LEFT + len(years) * (BAR + GAP) + 20, LEFT + _legend_width() + 10)
    height = TOP + PLOT_HEIGHT + BOTTOM
    scale = PLOT_HEIGHT / top_value
    base = TOP + PLOT_HEIGHT
    out = [f'<svg class="chart" role="group" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
           f'aria-label="Cables becoming due per year, {first} to {last}">']
    out.append(_legend())
    for value in range(0, top_value + 1, step):
        y = base - value * scale
        out.append(f'<line class="grid" x1="{LEFT}" y1="{y:.1f}" x2="{width - 10}" y2="{y:.1f}"/>'
                   f'<text class="tick" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{value}</text>')
    for index, year in enumerate(years):
        out.append(_year(year, LEFT + GAP / 2 + index * (BAR + GAP), by_year.get(year, {}), scale, base))
    if first <= as_of.year <= last:
        fraction = (as_of.timetuple().tm_yday - 1) / 366
        x = LEFT + GAP / 2 + (as_of.year - first + fraction) * (BAR + GAP) - GAP / 2
        out.append(f'<line class="asof" x1="{x:.1f}" y1="{TOP - 4}" x2="{x:.1f}" y2="{base}"/>'
                   f'<text class="tick" x="{x + 4:.1f}" y="{TOP + 6}">as of {as_of.isoformat()}</text>')
    out.append(f'<line class="axis" x1="{LEFT}" y1="{base}" x2="{width - 10}" y2="{base}"/></svg>')
    return "\n".join(out)


def _year(year: int, x: float, counts: Mapping[str, int], scale: float, base: int) -> str:
    """One year's column: a button (when it has cables) holding its stacked bar, count and label."""
    total = sum(counts.values())
    middle = x + BAR / 2
    label = (f'<text class="year" x="{middle:.1f}" y="{base + 10}" text-anchor="end" '
             f'transform="rotate(-60 {middle:.1f} {base + 10})">{year}</text>')
    if not total:
        return f'<g class="year empty">{label}</g>'
    parts = [f'<g class="year" data-year="{year}" tabindex="0" role="button" '
             f'aria-label="{year}: {_cables(total)}; show them in the table">',
             # a full-height target, so a year with one cable is as easy to click as the busiest
             f'<rect class="hit" x="{x - GAP / 2:.1f}" y="{TOP}" width="{BAR + GAP}" height="{base - TOP + 40}"/>']
    y = float(base)
    for status in CHARTED:
        count = counts.get(status, 0)
        if count:
            h = count * scale
            y -= h
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{BAR}" height="{h:.1f}" fill="{COLORS[status]}">'
                         f'<title>{year}: {count} {escape(status)}</title></rect>')
    parts.append(f'<text class="count" x="{middle:.1f}" y="{y - 3:.1f}" text-anchor="middle">{total}</text>')
    return "".join(parts) + label + "</g>"


def year_table(by_year: Mapping[int, Mapping[str, int]]) -> str:
    """The chart's numbers: one row per year that has cables, a column per status, and the total."""
    if not by_year:
        return ""
    head = "".join(f'<th scope="col"><span class="swatch" style="background:{COLORS[s]}"></span>{escape(s)}</th>'
                   for s in CHARTED)
    rows = []
    for year, counts in by_year.items():
        cells = "".join(f'<td class="num">{counts.get(s, 0) or ""}</td>' for s in CHARTED)
        rows.append(f'<tr data-year="{year}"><th scope="row"><button type="button" data-year="{year}" '
                    f'aria-label="{year}: show its cables in the table">{year}</button></th>{cells}'
                    f'<td class="num"><b>{sum(counts.values())}</b></td></tr>')
    totals = "".join(f'<td class="num">{sum(c.get(s, 0) for c in by_year.values())}</td>' for s in CHARTED)
    overall = sum(sum(c.values()) for c in by_year.values())
    return (f'<div class="yearbox"><table class="years" aria-label="Cables becoming due per year">'
            f'<thead><tr><th scope="col">Year</th>'
            f'{head}<th scope="col">total</th></tr></thead><tbody>{"".join(rows)}</tbody>'
            f'<tfoot><tr><th scope="row">all</th>{totals}'
            f'<td class="num"><b>{overall}</b></td></tr></tfoot></table></div>')


def _legend_width() -> int:
    return sum(24 + 7 * len(LABELS[status]) for status in CHARTED)


def _legend() -> str:
    parts = []
    x = LEFT
    for status in CHARTED:
        parts.append(f'<rect x="{x}" y="8" width="12" height="12" fill="{COLORS[status]}"/>'
                     f'<text class="legend" x="{x + 16}" y="18">{escape(LABELS[status])}</text>')
        x += 24 + 7 * len(LABELS[status])
    return "".join(parts)
