/**
 * The mapping editor's only script (~4 KB, no framework, no build step), served from
 * /assets/mapping-editor.js. It turns the column table into a mapping object, asks the server for a preview
 * on every change (debounced) and saves through the JSON API with the page's CSRF token. Everything it shows
 * is set with textContent, never as HTML. The server validates again; the script only assembles.
 */
export const MAPPING_EDITOR_JS = `"use strict";
(function () {
  var form = document.getElementById("mapping-form");
  if (!form) return;
  var transforms = JSON.parse(form.dataset.transforms);
  var source = JSON.parse(form.dataset.source);
  var summary = document.getElementById("preview-summary");
  var problems = document.getElementById("preview-problems");
  var saveStatus = document.getElementById("save-status");
  var section = document.getElementById("preview");
  var timer = null;
  var seq = 0;

  function rows() { return Array.prototype.slice.call(form.querySelectorAll("tr[data-column]")); }
  function text(el, value) { el.textContent = value == null ? "" : String(value); return el; }
  function cell(tr, value) { tr.appendChild(text(document.createElement("td"), value)); }

  function syncRow(tr, fieldChanged) {
    var field = tr.querySelector(".field-select").value;
    var tsel = tr.querySelector(".transform-select");
    if (fieldChanged) {
      tsel.textContent = "";
      (field && transforms[field] ? transforms[field] : []).forEach(function (o) {
        var opt = document.createElement("option");
        opt.value = o[0];
        opt.textContent = o[1];
        tsel.appendChild(opt);
      });
    }
    tsel.hidden = !field || field === "key";
    tr.querySelector(".transform-label").hidden = tsel.hidden;
    var t = tsel.hidden ? "" : tsel.value;
    var optionShown = t === "date-format" || t === "list-separator";
    var lab = tr.querySelector(".option-label");
    var input = tr.querySelector(".option-input");
    lab.hidden = !optionShown;
    input.hidden = !optionShown;
    text(lab, t === "date-format" ? "Date format (e.g. DD/MM/YYYY)" : "Separator");
    var table = tr.querySelector(".status-table");
    if (table) table.hidden = !(field === "status" && t === "enum");
  }

  function build() {
    var m = {
      kind: "sheets",
      spreadsheetId: form.dataset.spreadsheetId,
      sheet: { id: Number(form.dataset.sheetId), title: form.dataset.sheetTitle },
      headerRow: Number(form.dataset.headerRow),
      fields: {}
    };
    var issues = [];
    rows().forEach(function (tr) {
      var column = tr.dataset.column;
      var field = tr.querySelector(".field-select").value;
      if (!field) return;
      var t = tr.querySelector(".transform-select").value;
      var option = tr.querySelector(".option-input").value.trim();
      if (field === "key") {
        if (m.key) issues.push("Two key columns: " + m.key.column + " and " + column);
        else m.key = { column: column };
        return;
      }
      if (m.fields[field]) {
        issues.push(field + " is fed by two columns: " + m.fields[field].column + " and " + column);
        return;
      }
      var spec = { column: column };
      if (t === "date-format") spec.transform = option ? { type: "date", format: option } : "date";
      else if (t === "list-separator") spec.transform = option ? { type: "list", separator: option } : "list";
      else if (t === "enum") {
        var values = {};
        tr.querySelectorAll(".status-value").forEach(function (s) { if (s.value) values[s.dataset.value] = s.value; });
        spec.transform = { type: "enum", values: values };
        var d = tr.querySelector(".status-default");
        if (d && d.value) spec.transform.default = d.value;
      } else if (t) spec.transform = t;
      m.fields[field] = spec;
    });
    if (!m.key) issues.push("Choose the key column: actions are identified by it");
    var constants = {};
    ["team", "businessUnit", "program"].forEach(function (name) {
      var v = form.elements[name].value.trim();
      if (v) constants[name] = v;
    });
    var kpis = form.elements.kpis.value.split(",").map(function (k) { return k.trim(); }).filter(Boolean);
    if (kpis.length) constants.kpis = kpis;
    if (Object.keys(constants).length) m.constants = constants;
    var prefix = form.elements.keyPrefix.value.trim();
    if (prefix) m.keyPrefix = prefix;
    return { mapping: m, issues: issues };
  }

  function body(mapping) {
    var b = { source: source, mapping: mapping };
    if (form.elements.fileName) b.fileName = form.elements.fileName.value.trim();
    return JSON.stringify(b);
  }

  function post(path, mapping) {
    return fetch(path, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": form.dataset.csrf },
      body: body(mapping)
    }).then(function (res) {
      return res.json().then(function (json) { return { ok: res.ok, json: json }; });
    });
  }

  function showProblems(list) {
    problems.textContent = "";
    if (!list.length) return;
    var box = document.createElement("div");
    box.className = "error";
    box.setAttribute("role", "alert");
    var ul = document.createElement("ul");
    list.forEach(function (p) { ul.appendChild(text(document.createElement("li"), p)); });
    box.appendChild(ul);
    problems.appendChild(box);
  }

  function fill(id, items, toCells) {
    var tbody = document.querySelector("#" + id + " tbody");
    tbody.textContent = "";
    items.forEach(function (item) {
      var tr = document.createElement("tr");
      toCells(item).forEach(function (v) { cell(tr, v); });
      tbody.appendChild(tr);
    });
  }

  function render(p) {
    text(summary, p.validRows + " of " + p.dataRows + " rows map to actions; " + p.rowErrors.length +
      (p.rowErrors.length === 1 ? " row error." : " row errors."));
    document.getElementById("preview-errors-wrap").hidden = p.rowErrors.length === 0;
    fill("preview-errors", p.rowErrors, function (e) { return [e.location, e.nativeKey || "", e.column || e.field || "", e.reason]; });
    fill("preview-actions", p.actions, function (a) {
      return [a.nativeKey, a.title, a.status, a.ownerRaw || "", a.start || "", a.due || "",
        a.dependsOn.map(function (d) { return d.ref; }).join(", "), a.kpis.join(", "), a.team || ""];
    });
  }

  function errorList(json) {
    if (json && json.issues) return json.issues.map(function (i) { return (i.path ? i.path + ": " : "") + i.message; });
    return [json && json.message ? json.message : "The server could not preview this mapping."];
  }

  function preview() {
    var built = build();
    if (built.issues.length) {
      showProblems(built.issues);
      text(summary, "Fix the problems above to see the preview.");
      return;
    }
    var mine = ++seq;
    section.setAttribute("aria-busy", "true");
    post("/api/mappings/preview", built.mapping).then(function (r) {
      if (mine !== seq) return;
      section.setAttribute("aria-busy", "false");
      if (r.ok) { showProblems([]); render(r.json); }
      else { showProblems(errorList(r.json)); text(summary, "No preview: the mapping is not valid yet."); }
    }, function () {
      section.setAttribute("aria-busy", "false");
      showProblems(["The server did not answer; check the connection and change something to retry."]);
    });
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(preview, 250);
  }

  form.addEventListener("change", function (ev) {
    var tr = ev.target.closest("tr[data-column]");
    if (tr) syncRow(tr, ev.target.classList.contains("field-select"));
    schedule();
  });
  form.addEventListener("input", function (ev) { if (ev.target.tagName === "INPUT") schedule(); });
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var built = build();
    if (built.issues.length) { showProblems(built.issues); return; }
    text(saveStatus, "Saving…");
    post("/api/mappings/save", built.mapping).then(function (r) {
      if (r.ok) {
        text(saveStatus, "Saved " + r.json.file + "." + (r.json.instance ? " The next sync of " + r.json.instance + " uses it." : ""));
        showProblems([]);
      } else {
        text(saveStatus, "Not saved.");
        showProblems(errorList(r.json));
      }
    }, function () { text(saveStatus, "Not saved: the server did not answer."); });
  });
  rows().forEach(function (tr) { syncRow(tr, false); });
  preview();
})();
`;
