"""The report page in a real browser: Debian's Chromium driven by Playwright (which cannot fetch its
own browsers here). Real mouse clicks on a bar, a year and a tile filter the table; the layout puts
the scope on top, the per-year table beside the chart and the legend above the table. Skips where
/usr/bin/chromium or Playwright is not installed; screenshots go to $CABLELINT_SHOTS when set."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cablelint.cli import main
from test_report import _collection

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="no Chromium at /usr/bin/chromium")


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                              args=["--headless", "--no-sandbox", "--disable-gpu"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser, tmp_path):
    folder = _collection(tmp_path / "cables")
    output = tmp_path / "report.html"
    assert main(["report", str(folder), "--as-of", "2026-11-27", "--format", "html", "--output", str(output)]) == 0
    opened = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    opened.goto(output.as_uri())
    yield opened
    assert not errors, errors  # no script error, no blocked fetch
    opened.close()


def _shot(page, name: str) -> None:
    folder = os.environ.get("CABLELINT_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def _ids(page) -> list[str]:
    return page.eval_on_selector_all("#schedule tbody tr:not([hidden])",
                                     "rows => rows.map(r => r.cells[0].textContent)")


def _box(page, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


def test_layout_scope_on_top_year_table_beside_the_chart_legend_above_the_table(page):
    _shot(page, "layout")
    scope, chart, years = _box(page, ".scope"), _box(page, "svg.chart"), _box(page, "table.years")
    assert "as of 2026-11-27" in page.inner_text(".scope") and "cables" in page.inner_text(".scope")
    assert scope["y"] + scope["height"] <= chart["y"]
    assert years["x"] >= chart["x"] + chart["width"] and years["y"] < chart["y"] + chart["height"]  # beside it
    assert _box(page, ".legend")["y"] + _box(page, ".legend")["height"] <= _box(page, "#schedule")["y"]
    labels = page.eval_on_selector_all("svg.chart text.year", "ts => ts.map(t => [t.textContent, t.getBBox().width])")
    assert [label for label, _ in labels] == [str(year) for year in range(2018, 2032)]
    assert all(width > 0 for _, width in labels)  # drawn, not hidden


def test_ids_sort_by_year_post_and_number_and_estimated_years_are_marked(page):
    assert _ids(page) == ["08ROME200", "09ROME9", "09ROME10", "10PARIS5", "notes-on-rome"]
    page.click("#schedule thead th:nth-child(1) button")  # already ascending: now descending
    assert _ids(page) == ["notes-on-rome", "10PARIS5", "09ROME10", "09ROME9", "08ROME200"]
    origin = page.locator("#schedule tbody tr", has_text="09ROME9 ").first.locator("td").nth(2)
    assert origin.inner_text() == "2009 (estimated)"


def test_clicking_a_bar_a_year_or_a_tile_filters_the_table(page):
    page.click('svg.chart g.year[data-year="2019"]')  # a real click at the bar's place
    _shot(page, "bar-2019")
    assert _ids(page) == ["09ROME9", "09ROME10"]
    assert page.inner_text("#shown") == "2" and "due in 2019" in page.inner_text("#active")
    assert page.get_attribute('svg.chart g.year[data-year="2019"]', "aria-pressed") == "true"
    page.click('svg.chart g.year[data-year="2019"]')  # again: all rows
    assert len(_ids(page)) == 5
    page.click('table.years button[data-year="2031"]')
    assert _ids(page) == ["10PARIS5"]
    page.click('.tile[data-status="due"]')  # year 2031 and status due: nothing
    assert _ids(page) == [] and page.inner_text("#shown") == "0"
    page.click('table.years button[data-year="2031"]')  # the year off: every due cable
    _shot(page, "tile-due")
    assert _ids(page) == ["08ROME200", "09ROME9", "09ROME10", "notes-on-rome"]
    page.fill("#filter", "rome1")
    assert _ids(page) == ["09ROME10"]
    page.click("#clear")
    assert len(_ids(page)) == 5 and page.is_hidden("#clear")


def test_a_bar_is_a_keyboard_button_too(page):
    page.focus('svg.chart g.year[data-year="2018"]')
    page.keyboard.press("Enter")
    assert _ids(page) == ["08ROME200"]
