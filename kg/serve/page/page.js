/* The query page: run queries, bind a shipped query's parameters, show results with
   prefixed names that open an entity view, download CSV/JSON, share the query by URL.
   It talks only to its own server (/sparql, /queries, /entity). */
"use strict";
const $ = (id) => document.getElementById(id);
const PREFIXES = JSON.parse($("kg-prefixes").textContent)
  .sort((a, b) => b[1].length - a[1].length); // longest namespace first
const XSD = "http://www.w3.org/2001/XMLSchema#";
let shipped = [];          // the shipped queries, from /queries
let current = null;        // the shipped query whose text is in the editor, if any
let lastJson = null;       // the text of the last SELECT/ASK answer (SPARQL JSON)
let lastQuery = null;      // the query (with bound values) that answer belongs to

function shorten(iri) {
  for (const [p, ns] of PREFIXES) {
    if (iri.startsWith(ns)) {
      const local = iri.slice(ns.length);
      if (/^[\w.\-#]+$/.test(local)) return p + ":" + local;
    }
  }
  return iri;
}
function expand(name) {
  const m = /^([A-Za-z][\w-]*):([^\s/].*)$/.exec(name);
  if (!m) return null;
  const hit = PREFIXES.find(([p]) => p === m[1]);
  return hit ? hit[1] + m[2] : null;
}
function setStatus(text, isError) {
  $("status").textContent = text;
  $("status").className = isError ? "error" : "";
}

// ---- SPARQL terms for bound values (written as terms, never pasted into patterns)
function sparqlString(s) {
  return '"' + Array.from(s).filter((c) => c >= " ").join("")
    .replace(/\\/g, "\\\\").replace(/"/g, '\\"') + '"';
}
function sparqlIri(iri) {
  if (!/^[A-Za-z][A-Za-z0-9+.\-]*:[^\x00-\x20<>"{}|^`\\]*$/.test(iri)) throw new Error("not an IRI: " + iri);
  return "<" + iri + ">";
}
async function resolveLabel(label) {
  const resp = await fetch("entity?brief=1&name=" + encodeURIComponent(label));
  const data = await resp.json();
  if (!resp.ok) throw new Error(data.error || resp.status);
  return data.iri;
}
async function termFor(param, value) {
  value = value.trim();
  if (param.kind === "integer") {
    if (!/^[+-]?\d+$/.test(value)) throw new Error(param.name + ": not an integer");
    return value;
  }
  if (param.kind === "date") {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new Error(param.name + ": write the date as YYYY-MM-DD");
    return '"' + value + '"^^<' + XSD + "date>";
  }
  if (param.kind === "string") return sparqlString(value);
  if (/^<.*>$/.test(value)) return sparqlIri(value.slice(1, -1));
  if (/^(https?|urn|mailto):/i.test(value)) return sparqlIri(value);
  const expanded = expand(value);
  if (expanded) return sparqlIri(expanded);
  if (param.kind === "iri") throw new Error(param.name + ": not an IRI or prefixed name");
  if (param.kind === "entity") return sparqlIri(await resolveLabel(value));
  return sparqlString(value);
}
/** The editor's query with the filled parameter fields bound by a final VALUES clause. */
async function boundQuery() {
  const text = $("query").value;
  if (!current) return text;
  const names = [], terms = [];
  for (const p of current.params || []) {
    const input = $("param-" + p.name);
    if (input && input.value.trim()) { names.push("?" + p.name); terms.push(await termFor(p, input.value)); }
  }
  if (!names.length) return text;
  return text.replace(/\s*$/, "") + "\nVALUES (" + names.join(" ") + ") { (" + terms.join(" ") + ") }\n";
}

// ---- results
function cell(term) {
  const td = document.createElement("td");
  if (!term) return td;
  if (term.type === "uri") {
    td.className = "uri";
    const a = document.createElement("a");
    a.className = "iri"; a.href = "#"; a.dataset.iri = term.value; a.title = term.value;
    a.textContent = shorten(term.value);
    td.appendChild(a);
  } else if (term.type === "bnode") { td.textContent = "_:" + term.value; }
  else {
    td.textContent = term.value;
    const tag = term["xml:lang"] ? "@" + term["xml:lang"] : (term.datatype ? shorten(term.datatype) : "");
    if (tag) { const s = document.createElement("span"); s.className = "dt"; s.textContent = " " + tag; td.appendChild(s); }
  }
  return td;
}
function showTable(data) {
  const vars = data.head.vars || [];
  const rows = data.results.bindings;
  const table = document.createElement("table");
  table.id = "result-table";
  const head = table.createTHead().insertRow();
  for (const v of vars) { const th = document.createElement("th"); th.textContent = v; head.appendChild(th); }
  const body = table.createTBody();
  for (const b of rows) { const tr = body.insertRow(); for (const v of vars) tr.appendChild(cell(b[v])); }
  const wrap = document.createElement("div");
  wrap.className = "table-wrap";
  wrap.appendChild(table);
  $("results").replaceChildren(wrap);
  return rows.length;
}
async function post(query, accept) {
  return fetch("sparql", {
    method: "POST",
    headers: { "Content-Type": "application/sparql-query", "Accept": accept },
    body: query,
  });
}
async function run() {
  $("run").disabled = true;
  setStatus("running…", false);
  const started = performance.now();
  try {
    const query = await boundQuery();
    const resp = await post(query, "application/sparql-results+json, text/turtle;q=0.9");
    const text = await resp.text();
    const ms = Math.round(performance.now() - started);
    if (!resp.ok) { $("results").replaceChildren(); setStatus(resp.status + ": " + text, true); return; }
    const type = resp.headers.get("Content-Type") || "";
    const truncated = resp.headers.get("X-KG-Result-Truncated");
    const cut = truncated ? " (cut at the " + truncated + ")" : "";
    if (type.startsWith("application/sparql-results+json")) {
      const data = JSON.parse(text);
      lastJson = text; lastQuery = query;
      $("download-json").disabled = false;
      $("download-csv").disabled = "boolean" in data;
      if ("boolean" in data) { $("results").replaceChildren(); setStatus("answer: " + data.boolean + " (" + ms + " ms)", false); }
      else {
        const n = showTable(data);
        setStatus(n + " row" + (n === 1 ? "" : "s") + " in " + ms + " ms" + cut, false);
      }
    } else {
      lastJson = null; lastQuery = null;
      $("download-json").disabled = $("download-csv").disabled = true;
      const pre = document.createElement("pre"); pre.id = "raw"; pre.textContent = text;
      $("results").replaceChildren(pre);
      setStatus("graph result in " + ms + " ms" + cut, false);
    }
    share(false);
  } catch (err) {
    setStatus(String(err.message || err), true);
  } finally {
    $("run").disabled = false;
  }
}

// ---- downloads (files made in the page: a blob, never a request elsewhere)
function save(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type: type }));
  const a = document.createElement("a");
  a.href = url; a.download = name;
  document.body.appendChild(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
function fileStem() { return current ? current.name : "query"; }
$("download-json").addEventListener("click", () => {
  if (lastJson) save(fileStem() + ".json", "application/sparql-results+json", lastJson);
});
$("download-csv").addEventListener("click", async () => {
  if (!lastQuery) return;
  const resp = await post(lastQuery, "text/csv");
  const text = await resp.text();
  if (!resp.ok) { setStatus(resp.status + ": " + text, true); return; }
  save(fileStem() + ".csv", "text/csv", text);
});

// ---- shipped queries, their parameters and their description
function showParams(q) {
  const box = $("params");
  box.replaceChildren();
  const params = (q && q.params) || [];
  box.hidden = !params.length;
  for (const p of params) {
    const label = document.createElement("label");
    label.textContent = p.name + " (" + p.kind + ")";
    const input = document.createElement("input");
    input.id = "param-" + p.name; input.name = p.name;
    input.placeholder = p.description + (p.kind === "entity" ? " — label, prefixed name or IRI" : "");
    input.title = p.description;
    input.addEventListener("keydown", (e) => { if (e.key === "Enter") run(); });
    label.appendChild(input);
    box.appendChild(label);
  }
}
function choose(name, params) {
  current = shipped.find((x) => x.name === name) || null;
  $("shipped").value = current ? current.name : "";
  if (current) {
    $("query").value = current.query;
    paint();
  }
  $("description").textContent = current
    ? current.title + ((current.params || []).length ? "\nLeave a parameter empty to answer for all." : "")
    : "";
  showParams(current);
  for (const [k, v] of Object.entries(params || {})) {
    const input = $("param-" + k);
    if (input) input.value = v;
  }
}
$("shipped").addEventListener("change", () => choose($("shipped").value));
// the description and the fields belong to the shipped text: edited away, they go
$("query").addEventListener("input", () => {
  if (current && $("query").value !== current.query) choose("");
});

// ---- the query in the URL, so a result can be shared
function share(announce) {
  const state = new URLSearchParams();
  if (current) {
    state.set("shipped", current.name);
    for (const p of current.params || []) {
      const v = ($("param-" + p.name) || {}).value;
      if (v) state.set("p." + p.name, v);
    }
  } else { state.set("query", $("query").value); }
  history.replaceState(null, "", "#" + state.toString());
  if (announce) setStatus("the address bar now holds this query; copy it to share", false);
}
$("share").addEventListener("click", () => share(true));
function fromUrl() {
  const state = new URLSearchParams(location.hash.slice(1));
  if (state.has("shipped")) {
    const params = {};
    for (const [k, v] of state) if (k.startsWith("p.")) params[k.slice(2)] = v;
    choose(state.get("shipped"), params);
    if (current) { run(); return; }
  }
  if (state.has("query")) { $("query").value = state.get("query"); paint(); run(); }
  if (state.has("entity")) openEntity(state.get("entity"));
}

// ---- the entity view
function el(tag, text, cls) { const e = document.createElement(tag); if (text != null) e.textContent = text; if (cls) e.className = cls; return e; }
function iriLink(iri, text) {
  const a = el("a", text || shorten(iri), "iri"); a.href = "#"; a.dataset.iri = iri; a.title = iri; return a;
}
function source(row) {
  const div = el("div", null, "src");
  const name = row.title || shorten(row.document);
  if (row.page) { const a = el("a", name); a.href = row.page; a.rel = "noreferrer"; div.appendChild(a); }
  else div.appendChild(document.createTextNode(name));
  div.appendChild(document.createTextNode(" · " + shorten(row.document) + (row.date ? " · " + row.date : "")));
  return div;
}
async function openEntity(iri) {
  const box = $("entity");
  box.hidden = false;
  $("main").classList.add("with-entity");
  box.replaceChildren(el("p", "loading " + shorten(iri) + "…", "src"));
  let data;
  try {
    const resp = await fetch("entity?iri=" + encodeURIComponent(iri));
    data = await resp.json();
    if (!resp.ok) throw new Error(data.error || resp.status);
  } catch (err) { box.replaceChildren(el("p", "could not load the entity: " + (err.message || err), "src")); return; }
  const close = el("button", "×", "close"); close.type = "button"; close.title = "Close";
  close.addEventListener("click", () => { box.hidden = true; $("main").classList.remove("with-entity"); });
  const parts = [close, el("h2", data.label), el("div", (data.types.join(", ") || "entity") + " · " + shorten(data.iri), "src")];
  if (data.links.length) {
    parts.push(el("h3", "Links"));
    const ul = el("ul");
    for (const link of data.links) { const li = el("li"); const a = el("a", link); a.href = link; a.rel = "noreferrer"; li.appendChild(a); ul.appendChild(li); }
    parts.push(ul);
  }
  const stances = data.statements || [];
  parts.push(el("h3", "Statements (" + stances.length + ")"));
  const sl = el("ul"); sl.id = "entity-statements";
  for (const s of stances) {
    const li = el("li");
    const head = el("div");
    if (s.role === "subject") { head.appendChild(el("b", s.predicate + " ")); head.appendChild(iriLink(s.other, s.otherLabel)); }
    else { head.appendChild(iriLink(s.other, s.otherLabel)); head.appendChild(el("b", " " + s.predicate)); }
    if (s.issue) head.appendChild(el("i", " — " + s.issue));
    li.appendChild(head);
    li.appendChild(el("blockquote", s.evidence));
    li.appendChild(source(s));
    sl.appendChild(li);
  }
  parts.push(sl);
  const docs = data.mentions || [];
  parts.push(el("h3", "Mentions and documents (" + docs.length + ")"));
  const ml = el("ul"); ml.id = "entity-documents";
  for (const m of docs) {
    const li = el("li");
    li.appendChild(el("div", m.mentions + "× as " + (m.forms || "").split(" | ").join(", ")));
    if (m.example) li.appendChild(el("blockquote", m.example));
    li.appendChild(source(m));
    ml.appendChild(li);
  }
  parts.push(ml);
  box.replaceChildren(...parts);
  box.scrollTop = 0;
  const state = new URLSearchParams(location.hash.slice(1));
  state.set("entity", iri);
  history.replaceState(null, "", "#" + state.toString());
}
document.addEventListener("click", (e) => {
  const a = e.target.closest("a.iri");
  if (a) { e.preventDefault(); openEntity(a.dataset.iri); }
});

// ---- start
const paint = attachHighlighter($("query"), $("highlight"));
$("run").addEventListener("click", run);
document.addEventListener("keydown", (e) => {
  if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); run(); }
});
async function start() {
  try {
    const resp = await fetch("queries");
    shipped = await resp.json();
    for (const q of shipped) {
      const opt = document.createElement("option");
      opt.value = q.name; opt.textContent = q.name + " — " + q.title;
      $("shipped").appendChild(opt);
    }
  } catch (err) { setStatus("could not list the shipped queries: " + err, true); }
  fromUrl();
  document.body.dataset.ready = "true";
}
start();
