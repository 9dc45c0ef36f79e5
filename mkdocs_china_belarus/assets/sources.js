/* mkdocs-china-belarus: click a column heading of a Sources or Entities index table to sort it
   (dates and numbers by their data-sort value, text by locale); click again to reverse. */
(function () {
  "use strict";
  function key(row, col, type) {
    var cell = row.cells[col];
    var v = cell ? (cell.getAttribute("data-sort") || cell.textContent || "") : "";
    if (type === "number") { return parseFloat(v) || 0; }
    return v.trim().toLowerCase();
  }
  function sort(table, th) {
    var col = Array.prototype.indexOf.call(th.parentNode.children, th);
    var type = th.getAttribute("data-sort-type") || "text";
    var asc = th.getAttribute("aria-sort") !== "ascending";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a, col, type), y = key(b, col, type);
      var c = type === "number" ? x - y : String(x).localeCompare(String(y));
      return asc ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
    Array.prototype.forEach.call(th.parentNode.children, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
  }
  function init() {
    var tables = document.querySelectorAll("table.cb-sortable");
    Array.prototype.forEach.call(tables, function (table) {
      if (table.getAttribute("data-cb-ready")) { return; }
      table.setAttribute("data-cb-ready", "1");
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
        th.setAttribute("tabindex", "0");
        th.setAttribute("title", "Sort by this column");
        th.addEventListener("click", function () { sort(table, th); });
        th.addEventListener("keydown", function (e) {
          if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(table, th); }
        });
      });
    });
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);  /* Material's instant navigation */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
/* mkdocs-china-belarus: a printed comparison shows its folded details. */
(function () {
  "use strict";
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details.cb-details, details.cb-copies"), function (d) {
      if (!d.open) { d.setAttribute("data-cb-print", "1"); d.open = true; }
    });
  });
  window.addEventListener("afterprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details[data-cb-print]"), function (d) {
      d.removeAttribute("data-cb-print"); d.open = false;
    });
  });
})();
/* mkdocs-china-belarus: Material's search box is a dialog without a name (axe-core: aria-dialog-name). */
(function () {
  "use strict";
  function name() {
    Array.prototype.forEach.call(document.querySelectorAll(".md-search[role=dialog]"), function (el) {
      if (!el.getAttribute("aria-label") && !el.getAttribute("aria-labelledby")) { el.setAttribute("aria-label", "Search"); }
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", name); } else { name(); }
})();
