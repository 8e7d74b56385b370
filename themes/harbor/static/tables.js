// Sorting and filtering for tables marked data-sortable. Each column heading becomes a
// button that sorts by that column (aria-sort says how); a labelled box above the table
// hides the rows that do not match and announces how many remain. Without this script
// the tables are complete, in their built order.
(function () {
  "use strict";

  var ISO_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
  var collator = new Intl.Collator(document.documentElement.lang || undefined, {
    numeric: true,
    sensitivity: "base",
  });
  var count = 0;

  // What a cell sorts by: a key given at build time, a <time> element's date, or its text.
  function sortKey(cell) {
    if (!cell) return "";
    if (cell.hasAttribute("data-sort")) return cell.getAttribute("data-sort");
    var time = cell.querySelector("time[datetime]");
    return (time ? time.getAttribute("datetime") : cell.textContent).trim();
  }

  function toNumber(text) {
    var n = Number(text.replace(/[,\s%]/g, ""));
    return Number.isFinite(n) ? n : null;
  }

  // Compares numbers as numbers and ISO dates in calendar order ("2016" before
  // "2016-04"); anything else as text, with digits inside text compared numerically.
  function comparator(keys) {
    var filled = keys.filter(function (k) { return k !== ""; });
    if (filled.every(function (k) { return toNumber(k) !== null; })) {
      return function (a, b) { return toNumber(a) - toNumber(b); };
    }
    if (filled.every(function (k) { return ISO_DATE.test(k); })) {
      return function (a, b) { return a < b ? -1 : a > b ? 1 : 0; };
    }
    return collator.compare;
  }

  function sortBy(table, index, heading) {
    var body = table.tBodies[0];
    var ascending = heading.getAttribute("aria-sort") !== "ascending";
    var rows = Array.prototype.slice.call(body.rows).map(function (row, position) {
      return { row: row, key: sortKey(row.cells[index]), position: position };
    });
    var compare = comparator(rows.map(function (r) { return r.key; }));
    rows.sort(function (a, b) {
      // Empty cells go last either way; ties keep their current order (a stable sort).
      if (a.key === "" || b.key === "") {
        return (a.key === "") - (b.key === "") || a.position - b.position;
      }
      var order = ascending ? compare(a.key, b.key) : compare(b.key, a.key);
      return order || a.position - b.position;
    });
    rows.forEach(function (r) { body.appendChild(r.row); });
    Array.prototype.forEach.call(heading.parentNode.cells, function (cell) {
      cell.removeAttribute("aria-sort");
    });
    heading.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  function addSortButtons(table) {
    var head = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
    if (!head) return;
    Array.prototype.forEach.call(head.cells, function (heading, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      while (heading.firstChild) button.appendChild(heading.firstChild);
      heading.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, index, heading); });
    });
  }

  // The table's name, for the filter's label: its caption or the heading naming it.
  function tableName(table) {
    var labelledBy = table.getAttribute("aria-labelledby");
    var named = labelledBy && document.getElementById(labelledBy);
    var text = named ? named.textContent : table.caption ? table.caption.textContent : "";
    return text.trim();
  }

  function addFilter(table) {
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var id = "table-filter-" + ++count;
    var tools = document.createElement("div");
    tools.className = "table-tools";
    var label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = "Filter rows";
    var name = tableName(table);
    if (name) {
      var hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = " of " + name;
      label.appendChild(hidden);
    }
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.autocomplete = "off";
    var status = document.createElement("p");
    status.className = "table-status";
    status.setAttribute("role", "status");
    tools.appendChild(label);
    tools.appendChild(input);
    tools.appendChild(status);
    var wrap = table.closest(".table-wrap") || table;
    wrap.parentNode.insertBefore(tools, wrap);

    input.addEventListener("input", function () {
      var words = input.value.toLocaleLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var text = row.textContent.toLocaleLowerCase();
        var match = words.every(function (w) { return text.indexOf(w) !== -1; });
        row.hidden = !match;
        if (match) shown += 1;
      });
      status.textContent = words.length
        ? shown + " of " + rows.length + " rows shown"
        : "All " + rows.length + " rows shown";
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("table[data-sortable]"), function (table) {
    if (!table.tBodies.length) return;
    addSortButtons(table);
    addFilter(table);
  });
})();
