"""The query page of ``kg serve``: one offline HTML file, plain inline JS and CSS.

It loads nothing from elsewhere: the example queries are embedded as JSON, results
are fetched from the endpoint on the same origin, and every value is put into the
page with ``textContent``, so result text is never read as HTML.

>>> page = render_page({"roles": "SELECT * WHERE { ?s ?p ?o }"}, "graph.ttl (3 triples)")
>>> "<textarea" in page and "https://" not in page
True
"""

from __future__ import annotations

import html
import json

EXTRA_EXAMPLES: dict[str, str] = {
    "entities by type": (
        "# How many entities of each type?\n"
        "PREFIX kg: <https://kg-news.org/ontology#>\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n\n"
        "SELECT ?type (COUNT(?entity) AS ?entities) WHERE {\n"
        "  ?entity a ?type .\n"
        "  FILTER(?type IN (kg:Person, kg:Organization, kg:Place, kg:City, kg:Country))\n"
        "}\nGROUP BY ?type\nORDER BY DESC(?entities)\n"
    ),
}
"""Examples shown besides the cookbook's named queries."""

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>kg SPARQL</title>
<style>
body { font: 15px/1.4 system-ui, sans-serif; margin: 1.5em auto; max-width: 75em; padding: 0 1em; }
textarea { width: 100%; height: 16em; font: 13px/1.4 ui-monospace, monospace; }
table { border-collapse: collapse; margin-top: 1em; font-size: 13px; }
th, td { border: 1px solid #ccc; padding: .2em .5em; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
pre { background: #f6f6f6; padding: .5em; overflow: auto; }
#status { margin-left: 1em; color: #555; }
.error { color: #a00; white-space: pre-wrap; }
</style>
</head>
<body>
<h1>kg SPARQL</h1>
<p>Read-only SPARQL over __GRAPH__. Endpoint: <code>/sparql</code>
(GET <code>?query=</code> or POST). Prefixes <code>kg:</code>, <code>kgr:</code>,
<code>rdfs:</code>, <code>owl:</code> and the other prefixes of the graph need no
declaration.</p>
<p><label>Example: <select id="examples"></select></label></p>
<textarea id="query" spellcheck="false"></textarea>
<p><button id="run">Run</button><span id="status"></span></p>
<div id="results"></div>
<script type="application/json" id="example-data">__EXAMPLES__</script>
<script>
"use strict";
const examples = JSON.parse(document.getElementById("example-data").textContent);
const select = document.getElementById("examples");
const box = document.getElementById("query");
const out = document.getElementById("results");
const status = document.getElementById("status");
for (const name of Object.keys(examples)) {
  const option = document.createElement("option");
  option.value = name;
  option.textContent = name;
  select.appendChild(option);
}
function pick() { box.value = examples[select.value] || ""; }
select.addEventListener("change", pick);
pick();
function cell(row, tag, text) {
  const td = document.createElement(tag);
  td.textContent = text;
  row.appendChild(td);
}
function table(data) {
  const t = document.createElement("table");
  const head = t.createTHead().insertRow();
  if ("boolean" in data) {
    cell(head, "th", "ask");
    cell(t.insertRow(), "td", String(data.boolean));
    return t;
  }
  for (const v of data.head.vars) cell(head, "th", v);
  const body = t.createTBody();
  for (const b of data.results.bindings) {
    const row = body.insertRow();
    for (const v of data.head.vars) cell(row, "td", b[v] ? b[v].value : "");
  }
  return t;
}
async function run() {
  out.replaceChildren();
  status.textContent = "running…";
  const started = performance.now();
  try {
    const response = await fetch("sparql", {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/sparql-results+json, text/turtle;q=0.9",
      },
      body: new URLSearchParams({ query: box.value }),
    });
    const text = await response.text();
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    if (!response.ok) {
      status.textContent = response.status + " " + response.statusText;
      const p = document.createElement("p");
      p.className = "error";
      p.textContent = text;
      out.appendChild(p);
      return;
    }
    if ((response.headers.get("Content-Type") || "").includes("json")) {
      const data = JSON.parse(text);
      const rows = data.results ? data.results.bindings.length : 1;
      status.textContent = rows + " row" + (rows === 1 ? "" : "s") + " in " + seconds + " s";
      out.appendChild(table(data));
    } else {
      status.textContent = "graph in " + seconds + " s";
      const pre = document.createElement("pre");
      pre.textContent = text;
      out.appendChild(pre);
    }
  } catch (error) {
    status.textContent = "failed: " + error;
  }
}
document.getElementById("run").addEventListener("click", run);
box.addEventListener("keydown", (e) => {
  if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) run();
});
</script>
</body>
</html>
"""

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'"
)
"""Sent with the page: it may talk to its own origin only, and load nothing."""


def render_page(examples: dict[str, str], graph_name: str) -> str:
    """Return the query page with ``examples`` (name -> query) to pick from."""
    data = json.dumps(examples, ensure_ascii=True, indent=1)
    # Inside <script>, "</" could end the element: write "<" as a JSON escape.
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return _PAGE.replace("__GRAPH__", html.escape(graph_name)).replace("__EXAMPLES__", data)
