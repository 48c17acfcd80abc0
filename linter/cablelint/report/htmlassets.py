"""The report page's inline style sheet and script (vanilla JS, no library: the page is read from
disk with every fetch forbidden). The script sorts the table by a heading, and filters it by a
year (a bar of the chart or a row of the per-year table), a status (a tile) and any text."""

STYLE = """
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#222;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:24px 0 8px}
.scope{font-size:15px;margin:0 0 4px}.scope code{font-size:14px;background:#f4f4f4;padding:1px 4px;border-radius:3px}
.meta{color:#555;margin:0 0 16px}
.totals{display:flex;flex-wrap:wrap;gap:8px;padding:0;margin:0;list-style:none}
.tile{font:inherit;text-align:left;border:1px solid #ccc;border-radius:6px;padding:6px 12px;min-width:110px;
  background:#fff;cursor:pointer;border-left:6px solid var(--c,#ccc)}
.tile:hover,.tile:focus-visible{border-color:#555;border-left-color:var(--c,#555)}
.tile[aria-pressed=true]{background:#fff7d6;border-color:#b8860b;border-left-color:var(--c,#b8860b)}
.tile:disabled{cursor:default;opacity:.55}.tile b{display:block;font-size:20px}.tile span{color:#555;font-size:12px}
.overview{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
.overview>.scroll{flex:1 1 520px;min-width:0}.overview>.yearbox{flex:none}
.chart text{font-size:11px;fill:#333}.chart .grid{stroke:#e3e3e3}.chart .axis{stroke:#555}
.chart .asof{stroke:#222;stroke-dasharray:4 3}.chart .count{font-size:10px}
.chart .hit{fill:transparent}.chart g.year[data-year]{cursor:pointer;outline:none}
.chart g.year[data-year]:hover .hit,.chart g.year[data-year]:focus-visible .hit{fill:#e8e8e8}
.chart g.year[aria-pressed=true] .hit,.chart g.year[aria-pressed=true]:hover .hit{fill:#ffe58a}
.chart g.year[aria-pressed=true] .year{font-weight:700}
.scroll{overflow-x:auto;border:1px solid #eee;padding:4px}
table{border-collapse:collapse;font-size:13px}#schedule{width:100%}
th,td{border-bottom:1px solid #e5e5e5;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f4f4f4}#schedule th{position:sticky;top:0}
th button{font:inherit;font-weight:600;border:0;background:none;cursor:pointer;padding:0}
table.years td.num{text-align:right;font-variant-numeric:tabular-nums}\
table.years tbody th button{color:#1a5fb4;text-decoration:underline}
table.years tr[aria-selected=true] th,table.years tr[aria-selected=true] td{background:#fff0b3}
.swatch{display:inline-block;width:10px;height:10px;margin-right:4px;border-radius:2px}
#schedule th[aria-sort=ascending] button::after{content:" \\25B2"}\
#schedule th[aria-sort=descending] button::after{content:" \\25BC"}
td.reason{min-width:18em}.yearbox{max-height:336px;overflow-y:auto;border:1px solid #eee}
table.years th,table.years td{padding:2px 8px}table.years thead th{position:sticky;top:0}
td.mono{font-family:ui-monospace,Menlo,Consolas,monospace;white-space:nowrap}td.wrap{white-space:normal;max-width:16em}
.est{color:#7a4d00;font-style:italic}
.badge{border-radius:4px;padding:1px 6px;color:#fff;white-space:nowrap;background:#7f8c8d}
.b-declassified{background:#27ae60}.b-unclassified{background:#bdc3c7;color:#222}.b-unreadable{background:#222}
.legend{display:flex;flex-wrap:wrap;gap:4px 18px;padding:0;margin:0 0 10px;list-style:none;font-size:13px}
.controls{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:0 0 8px}.controls .count{color:#555}
#filter{padding:4px 8px;width:320px;max-width:100%}
#active{font-weight:600}#clear{font:inherit}
"""

SCRIPT = """
(function () {
  var table = document.getElementById("schedule");
  var body = table.tBodies[0];
  var headers = table.tHead.rows[0].cells;
  var rows = Array.prototype.slice.call(body.rows);
  var state = {year: "", status: "", text: ""};
  var filter = document.getElementById("filter");
  var shown = document.getElementById("shown");
  var active = document.getElementById("active");
  var clear = document.getElementById("clear");
  function all(selector) { return Array.prototype.slice.call(document.querySelectorAll(selector)); }
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
      var sorted = Array.prototype.slice.call(body.rows);
      sorted.sort(function (a, b) {
        var x = key(a, index), y = key(b, index);
        if (x === y) { return 0; }
        if (x === "") { return 1; }
        if (y === "") { return -1; }
        var order = x.localeCompare(y, undefined, {numeric: true, sensitivity: "base"});
        return ascending ? order : -order;
      });
      sorted.forEach(function (row) { body.appendChild(row); });
    });
  });
  function apply() {
    var count = 0;
    rows.forEach(function (row) {
      var show = (state.year === "" || row.getAttribute("data-year") === state.year) &&
                 (state.status === "" || row.getAttribute("data-status") === state.status) &&
                 (state.text === "" || row.textContent.toLowerCase().indexOf(state.text) >= 0);
      row.hidden = !show;
      if (show) { count += 1; }
    });
    shown.textContent = String(count);
    all(".chart g.year[data-year]").forEach(function (g) {
      g.setAttribute("aria-pressed", String(g.getAttribute("data-year") === state.year));
    });
    all("table.years tbody tr").forEach(function (tr) {
      tr.setAttribute("aria-selected", String(tr.getAttribute("data-year") === state.year));
    });
    all(".tile").forEach(function (tile) {
      tile.setAttribute("aria-pressed", String(tile.getAttribute("data-status") === state.status \
&& state.status !== ""));
    });
    var parts = [];
    if (state.year !== "") { parts.push("due in " + state.year); }
    if (state.status !== "") { parts.push("status " + state.status); }
    if (state.text !== "") { parts.push("containing \\u201c" + state.text + "\\u201d"); }
    active.textContent = parts.length ? "Filter: " + parts.join(", ") : "";
    clear.hidden = parts.length === 0;
  }
  function reveal() {
    var top = table.getBoundingClientRect().top;
    if (top > window.innerHeight) { document.getElementById("cables").scrollIntoView(); }
  }
  function chooseYear(year) { state.year = state.year === year ? "" : year; apply(); reveal(); }
  all(".chart g.year[data-year]").forEach(function (g) {
    var year = g.getAttribute("data-year");
    g.addEventListener("click", function () { chooseYear(year); });
    g.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); chooseYear(year); }
    });
  });
  all("table.years button[data-year]").forEach(function (button) {
    button.addEventListener("click", function () { chooseYear(button.getAttribute("data-year")); });
  });
  all(".tile").forEach(function (tile) {
    tile.addEventListener("click", function () {
      var status = tile.getAttribute("data-status");
      state.status = state.status === status ? "" : status;
      apply();
      reveal();
    });
  });
  filter.addEventListener("input", function () { state.text = filter.value.trim().toLowerCase(); apply(); });
  clear.addEventListener("click", function () {
    state = {year: "", status: "", text: ""};
    filter.value = "";
    apply();
  });
  apply();
})();
"""
