/* kg graph page: reads the #kg-data JSON and runs the page: filters, focus, search,
   side panel, colour switch and legend. Drawing is a view's: vis-network for small
   graphs (kgVis), kg's canvas renderer for big ones (kgCanvas); both read the hidden
   flags and colours from here and draw node labels by importance (kgLabels).
   Article text reaches the page only as text: textContent, text nodes, canvas
   fillText and tooltips (vis-network sets them with innerText, kgCanvas with
   textContent). Nothing here builds HTML from strings. */
var kg = (function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var N = data.nodes, F = data.facts;
  var NODE = {slug: 0, label: 1, type: 2, size: 3, community: 4, aliases: 5, docs: 6, x: 7, y: 8};
  var FACT = {s: 0, p: 1, o: 2, confidence: 3, title: 4, evidence: 5, docs: 6, count: 7};
  var MAX_FACTS_SHOWN = 60;
  var COMMUNITIES_SHOWN = 10;  /* the legend names this many communities, the largest in view */
  var FIT_MS = 400;

  var nodeFacts = N.map(function () { return []; });
  F.forEach(function (f, j) {
    nodeFacts[f[FACT.s]].push(j);
    if (f[FACT.o] !== f[FACT.s]) nodeFacts[f[FACT.o]].push(j);
  });
  var index = new Map(N.map(function (n, i) { return [n[NODE.slug], i]; }));
  var state = {colour: "type", types: data.types.map(function () { return true; }),
    families: data.families.map(function () { return true; }), predicates: new Set(), minConfidence: 0,
    doc: -1, isolated: false, focus: -1, depth: 1};
  var hiddenNode = new Uint8Array(N.length), hiddenEdge = new Uint8Array(F.length);
  var network = null, names = null, view = null;
  var selection = {node: -1, edge: -1};

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function label(i) { return N[i][NODE.label]; }
  function typeName(i) { return data.types[N[i][NODE.type]][0] || "Other"; }
  function words(j) { return data.predicates[F[j][FACT.p]][1]; }
  function family(j) { return data.predicates[F[j][FACT.p]][2]; }
  function plural(k, one, many) { return k + " " + (k === 1 ? one : many); }
  function communityColour(c) { return data.palette[c % data.palette.length]; }
  function nodeColour(i) {
    if (state.colour === "community") return communityColour(N[i][NODE.community]);
    return data.types[N[i][NODE.type]][2];
  }
  function edgeColour(j) { return data.families[family(j)][1]; }
  function edgeShown(j) {
    return !hiddenEdge[j] && !hiddenNode[F[j][FACT.s]] && !hiddenNode[F[j][FACT.o]];
  }

  function nodeTooltip(i) {
    var n = N[i], lines = [n[NODE.label], typeName(i) + " \u00b7 " + plural(nodeFacts[i].length, "fact", "facts")];
    var aliases = n[NODE.aliases];
    if (aliases.length) lines.push("Also: " + aliases.slice(0, 3).join(", ") + (aliases.length > 3 ? ", \u2026" : ""));
    return lines.join("\n");
  }
  function edgeTooltip(j) {
    var f = F[j];
    return label(f[FACT.s]) + " \u2192 " + words(j) + " \u2192 " + label(f[FACT.o]) +
      "\nConfidence " + f[FACT.confidence].toFixed(2) + " \u00b7 " + plural(f[FACT.count], "source sentence", "source sentences") +
      (f[FACT.docs].length > 1 ? " in " + f[FACT.docs].length + " articles" : "");
  }

  /* The graph as the views read it. */
  var sizes = N.map(function (n) { return n[NODE.size]; });
  var graph = {
    ids: N.map(function (n) { return n[NODE.slug]; }), index: index,
    x: N.map(function (n) { return n[NODE.x]; }), y: N.map(function (n) { return n[NODE.y]; }),
    size: sizes, order: kgLabels.ranking(sizes),
    from: F.map(function (f) { return f[FACT.s]; }), to: F.map(function (f) { return f[FACT.o]; }),
    shape: function (i) { return data.types[N[i][NODE.type]][1]; },
    colour: nodeColour, label: label, nodeShown: function (i) { return !hiddenNode[i]; },
    edgeShown: edgeShown, edgeColour: edgeColour, edgeLabel: words,
    edgeWidth: function (j) { return 1 + 2 * F[j][FACT.confidence]; },
    nodeTip: nodeTooltip, edgeTip: edgeTooltip
  };
  var visView = new kgVis.View(graph, data.edgeLabels);

  /* The items of the vis DataSets (called by the pyvis template's drawGraph); a
     canvas page gives vis-network none. */
  function visNodes() { return data.renderer === "vis" ? visView.nodes() : []; }
  function visEdges() { return data.renderer === "vis" ? visView.edges() : []; }

  /* Side panel, built from DOM nodes only. An article is named by its title (else
     its id) and linked by its URL when it has an http(s) one; never by a file path. */
  function docName(k) {
    var d = data.docs[k];
    return d[1] || d[0];
  }
  function docLine(k, before, after) {
    var line = el("span", null, (before || "") + docName(k)), url = data.docs[k][2];
    if (url && /^https?:\/\//i.test(url)) {
      line.appendChild(document.createTextNode(" \u00b7 "));
      var link = el("a", "kg-url", url);
      link.href = url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      line.appendChild(link);
    }
    if (after) line.appendChild(document.createTextNode(after));
    return line;
  }
  function nodeLink(i, current) {
    if (i === current) return el("span", null, label(i));
    var b = el("button", "kg-link", label(i));
    b.type = "button";
    b.addEventListener("click", function () { selectNode(i, true); });
    return b;
  }
  function evidenceBlock(ev) {
    var box = el("div"), quote = el("blockquote", "kg-evidence"), sentence = ev[1], at = 0;
    ev[4].forEach(function (m) {
      if (m[0] > at) quote.appendChild(document.createTextNode(sentence.slice(at, m[0])));
      quote.appendChild(el("mark", null, sentence.slice(m[0], m[1])));
      at = m[1];
    });
    if (at < sentence.length) quote.appendChild(document.createTextNode(sentence.slice(at)));
    box.appendChild(quote);
    var source = el("div", "kg-source");
    source.appendChild(docLine(ev[0], "\u2014 ", " \u00b7 rule " + ev[2] + " \u00b7 confidence " + ev[3].toFixed(2)));
    box.appendChild(source);
    return box;
  }
  function factItem(j, current) {
    var f = F[j], item = el("li", "kg-fact"), head = el("div", "kg-fact-head");
    head.appendChild(nodeLink(f[FACT.s], current));
    head.appendChild(el("span", "kg-pred", words(j) + (f[FACT.title] ? " (" + f[FACT.title] + ")" : "")));
    head.appendChild(nodeLink(f[FACT.o], current));
    item.appendChild(head);
    item.appendChild(el("div", "kg-meta", data.families[family(j)][0] + " \u00b7 confidence " +
      f[FACT.confidence].toFixed(2) + (edgeShown(j) ? "" : " \u00b7 hidden by the filters")));
    f[FACT.evidence].forEach(function (ev) { item.appendChild(evidenceBlock(ev)); });
    if (f[FACT.count] > f[FACT.evidence].length) {
      item.appendChild(el("div", "kg-meta", "Stated " + f[FACT.count] + " times in " +
        plural(f[FACT.docs].length, "article", "articles") + "; " + f[FACT.evidence].length +
        " distinct sentences shown (graph.ttl has every one)."));
    }
    return item;
  }
  function factList(list, current, body) {
    var ul = el("ul", "kg-facts");
    function fill(limit) {
      ul.textContent = "";
      list.slice(0, limit).forEach(function (j) { ul.appendChild(factItem(j, current)); });
      if (list.length > limit) {
        var more = el("button", null, "Show all " + list.length + " facts");
        more.type = "button";
        more.addEventListener("click", function () { fill(list.length); });
        ul.appendChild(more);
      }
    }
    fill(MAX_FACTS_SHOWN);
    body.appendChild(ul);
  }
  function openPanel() {
    var body = $("kg-panel-body");
    body.textContent = "";
    $("kg-panel").hidden = false;
    $("kg-panel").scrollTop = 0;
    return body;
  }
  function showNode(i) {
    var n = N[i], body = openPanel();
    body.appendChild(el("h2", null, n[NODE.label]));
    body.appendChild(el("p", "kg-meta", typeName(i) + " \u00b7 community " + n[NODE.community] +
      " \u00b7 " + plural(nodeFacts[i].length, "fact", "facts")));
    if (n[NODE.aliases].length) body.appendChild(el("p", "kg-meta", "Also known as: " + n[NODE.aliases].join("; ")));
    if (nodeFacts[i].length) {
      var only = el("button", "kg-focus-here", state.focus === i ? "Showing its neighbourhood" : "Show only its neighbourhood");
      only.type = "button";
      only.disabled = state.focus === i;
      only.addEventListener("click", function () { setFocus(i); });
      body.appendChild(only);
    }
    var docs = n[NODE.docs];
    if (docs.length) {
      body.appendChild(el("h3", null, docs.length === 1 ? "Article" : "Articles (" + docs.length + ")"));
      var ul = el("ul", "kg-meta kg-docs");
      docs.forEach(function (k) { var li = el("li"); li.appendChild(docLine(k)); ul.appendChild(li); });
      body.appendChild(ul);
    }
    body.appendChild(el("h3", null, "Facts (" + nodeFacts[i].length + ")"));
    factList(nodeFacts[i], i, body);
  }
  function showEdge(j) {
    var f = F[j], body = openPanel(), head = el("h2");
    head.appendChild(nodeLink(f[FACT.s], -1));
    head.appendChild(el("span", "kg-pred", words(j)));
    head.appendChild(nodeLink(f[FACT.o], -1));
    body.appendChild(head);
    body.appendChild(el("h3", null, "Fact"));
    factList([j], -1, body);
    var others = nodeFacts[f[FACT.s]].filter(function (k) {
      return k !== j && (F[k][FACT.s] === f[FACT.o] || F[k][FACT.o] === f[FACT.o]);
    });
    if (others.length) {
      body.appendChild(el("h3", null, "Other facts between them (" + others.length + ")"));
      factList(others, -1, body);
    }
  }

  /* Selection: the panel, and the entity's facts drawn over the rest of the graph. */
  function neighbourhood(i) {
    var keepNodes = new Set([i]), keepEdges = new Set(nodeFacts[i]);
    nodeFacts[i].forEach(function (j) { keepNodes.add(F[j][FACT.s]); keepNodes.add(F[j][FACT.o]); });
    view.highlight(keepNodes, keepEdges);
  }
  function reveal(i) {
    if (state.focus >= 0 && $("kg-focus").checked) return;  /* selectNode refocuses */
    resetFilters(false);
    if (hiddenNode[i] && !nodeFacts[i].length) { $("kg-isolated").checked = true; readControls(false); }
  }
  function selectNode(i, zoom) {
    if (hiddenNode[i]) reveal(i);
    selection = {node: i, edge: -1};
    var slug = N[i][NODE.slug];
    if ($("kg-focus").checked && state.focus !== i) {
      state.focus = i;
      applyFilters(false);
    }
    network.selectNodes([slug], true);
    if (state.focus === i) view.highlight(null, null);  /* its neighbourhood is all there is */
    else neighbourhood(i);
    showNode(i);
    if (state.focus >= 0 && (zoom || state.focus === i)) fitShown();
    else if (zoom) {
      network.focus(slug, {scale: Math.max(network.getScale(), 1.0), offset: {x: -$("kg-panel").offsetWidth / 2, y: 0},
        animation: {duration: 400, easingFunction: "easeInOutQuad"}});
    }
  }
  function setFocus(i) {
    $("kg-focus").checked = true;
    state.focus = -1;
    selectNode(i, true);
  }
  function selectEdge(j) {
    var f = F[j];
    selection = {node: -1, edge: j};
    network.selectEdges(["e" + j]);
    view.highlight(new Set([f[FACT.s], f[FACT.o]]), new Set([j]));
    showEdge(j);
  }
  function clearSelection() {
    selection = {node: -1, edge: -1};
    network.unselectAll();
    view.highlight(null, null);
    $("kg-panel").hidden = true;
  }
  function onClick(params) {
    if (params.nodes.length) selectNode(index.get(params.nodes[0]), false);
    else if (params.edges.length) selectEdge(Number(params.edges[0].slice(1)));
    else clearSelection();
  }

  /* Filters. A node is shown when its own filters (type, article) keep it and it has
     a shown fact; entities without any fact only with the "without facts" toggle (and
     no filter on facts). Focus keeps the entities within `depth` shown facts of one. */
  function factHasDoc(j, k) { return F[j][FACT.docs].indexOf(k) >= 0; }
  function nodeHasDoc(i, k) {
    return N[i][NODE.docs].indexOf(k) >= 0 || nodeFacts[i].some(function (j) { return factHasDoc(j, k); });
  }
  function around(start, depth, pass) {
    var reach = new Uint8Array(N.length), ring = [start], next, d;
    reach[start] = 1;
    for (d = 0; d < depth; d++) {
      next = [];
      ring.forEach(function (i) {
        nodeFacts[i].forEach(function (j) {
          if (!pass[j]) return;
          [F[j][FACT.s], F[j][FACT.o]].forEach(function (k) { if (!reach[k]) { reach[k] = 1; next.push(k); } });
        });
      });
      ring = next;
    }
    return reach;
  }
  function applyFilters(fit) {
    var own = new Uint8Array(N.length), pass = new Uint8Array(F.length), degree = new Uint32Array(N.length);
    var factFilter = state.predicates.size > 0 || state.minConfidence > 0 || state.families.indexOf(false) >= 0;
    var nodeChanges = [], edgeChanges = [], i, j, f, h;
    for (i = 0; i < N.length; i++) {
      own[i] = state.types[N[i][NODE.type]] && (state.doc < 0 || nodeHasDoc(i, state.doc)) ? 1 : 0;
    }
    for (j = 0; j < F.length; j++) {
      f = F[j];
      pass[j] = own[f[FACT.s]] && own[f[FACT.o]] && state.families[family(j)] &&
        (state.predicates.size === 0 || state.predicates.has(f[FACT.p])) &&
        f[FACT.confidence] >= state.minConfidence - 1e-9 && (state.doc < 0 || factHasDoc(j, state.doc)) ? 1 : 0;
    }
    if (state.focus >= 0) {
      var reach = around(state.focus, state.depth, pass);
      for (j = 0; j < F.length; j++) if (pass[j] && !(reach[F[j][FACT.s]] && reach[F[j][FACT.o]])) pass[j] = 0;
      for (i = 0; i < N.length; i++) if (!reach[i]) own[i] = 0;
    }
    for (j = 0; j < F.length; j++) if (pass[j]) { degree[F[j][FACT.s]]++; degree[F[j][FACT.o]]++; }
    for (i = 0; i < N.length; i++) {
      h = own[i] && (degree[i] > 0 || i === state.focus ||
        (state.isolated && !factFilter && !nodeFacts[i].length)) ? 0 : 1;
      if (h !== hiddenNode[i]) { hiddenNode[i] = h; nodeChanges.push(i); }
    }
    for (j = 0; j < F.length; j++) {
      h = pass[j] ? 0 : 1;
      if (h !== hiddenEdge[j]) { hiddenEdge[j] = h; edgeChanges.push(j); }
    }
    if (view === null) return;
    view.update(nodeChanges, edgeChanges);
    if (selection.node >= 0 && hiddenNode[selection.node]) clearSelection();
    if (selection.edge >= 0 && !edgeShown(selection.edge)) clearSelection();
    updateStatus();
    updateLegend();
    if (fit) fitShown();
  }
  /* Frame what is shown (beside the panel, when it is open). */
  function fitShown() {
    var ids = [], i;
    for (i = 0; i < N.length; i++) if (!hiddenNode[i]) ids.push(N[i][NODE.slug]);
    if (!ids.length) return;
    var panel = $("kg-panel").hidden ? 0 : $("kg-panel").offsetWidth;
    var box = $("mynetwork");
    network.fit({nodes: ids, maxZoomLevel: 1.5, freeWidth: box.clientWidth - panel,
      animation: {duration: FIT_MS, easingFunction: "easeInOutQuad"}});
  }
  function shownCounts() {
    var shownNodes = 0, shownEdges = 0, i, j;
    for (i = 0; i < N.length; i++) shownNodes += hiddenNode[i] ? 0 : 1;
    for (j = 0; j < F.length; j++) shownEdges += edgeShown(j) ? 1 : 0;
    return [shownNodes, shownEdges];
  }
  function updateStatus() {
    var counts = shownCounts();
    $("kg-status").textContent = "Showing " + counts[0] + " of " + N.length + " entities, " +
      counts[1] + " of " + F.length + " relations" +
      (state.focus >= 0 ? " \u00b7 around " + label(state.focus) + " (depth " + state.depth + ")" : "");
  }
  function resetFilters(fit) {
    document.querySelectorAll("input[data-kg-type], input[data-kg-family]").forEach(function (box) { box.checked = true; });
    document.querySelectorAll("input[data-kg-predicate]").forEach(function (box) { box.checked = false; });
    $("kg-article").value = "-1";
    $("kg-confidence").value = "0";
    $("kg-focus").checked = false;
    $("kg-isolated").checked = false;
    readControls(fit);
  }
  function readControls(fit) {
    document.querySelectorAll("input[data-kg-type]").forEach(function (box) {
      state.types[Number(box.getAttribute("data-kg-type"))] = box.checked;
    });
    document.querySelectorAll("input[data-kg-family]").forEach(function (box) {
      state.families[Number(box.getAttribute("data-kg-family"))] = box.checked;
    });
    state.predicates = new Set();
    document.querySelectorAll("input[data-kg-predicate]").forEach(function (box) {
      if (box.checked) state.predicates.add(Number(box.getAttribute("data-kg-predicate")));
    });
    $("kg-predicates-summary").textContent = state.predicates.size === 0 ? "all types" :
      state.predicates.size === 1 ? data.predicates[state.predicates.values().next().value][1] :
      state.predicates.size + " types";
    state.doc = Number($("kg-article").value);
    state.minConfidence = Number($("kg-confidence").value);
    state.isolated = $("kg-isolated").checked;
    state.depth = Number($("kg-depth").value);
    state.focus = $("kg-focus").checked ? (state.focus >= 0 ? state.focus : selection.node) : -1;
    $("kg-confidence-value").textContent = state.minConfidence.toFixed(2);
    applyFilters(fit !== false);
  }

  /* Colours and the legend: types (colour and shape), or communities (colour) with
     types as shapes; the legend names the largest communities in view. */
  function setColour(mode) {
    state.colour = mode;
    view.recolour();
    $("kg-colour-note").hidden = mode !== "community";
    updateLegend();
  }
  function updateLegend() {
    var byType = state.colour === "type";
    document.querySelectorAll("[data-kg-type-swatch]").forEach(function (swatch) {
      var colour = byType ? data.types[Number(swatch.getAttribute("data-kg-type-swatch"))][2] : "#8a8a8a";
      swatch.style.background = colour;
      swatch.style.setProperty("--c", colour);
    });
    var box = $("kg-communities");
    box.hidden = byType;
    if (byType) return;
    var count = new Map(), top = new Map(), i, c;
    for (i = 0; i < N.length; i++) {
      if (hiddenNode[i]) continue;
      c = N[i][NODE.community];
      count.set(c, (count.get(c) || 0) + 1);
      if (!top.has(c) || N[i][NODE.size] > N[top.get(c)][NODE.size]) top.set(c, i);
    }
    var order = Array.from(count.keys()).sort(function (a, b) { return count.get(b) - count.get(a) || a - b; });
    $("kg-communities-list").textContent = "";
    order.slice(0, COMMUNITIES_SHOWN).forEach(function (c) {
      var item = el("span", "kg-item kg-community"), swatch = el("span", "kg-swatch kg-dot");
      swatch.style.background = communityColour(c);
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(label(top.get(c)) + " (" + count.get(c) + ")"));
      $("kg-communities-list").appendChild(item);
    });
    if (order.length > COMMUNITIES_SHOWN) {
      $("kg-communities-list").appendChild(el("span", "kg-meta", "+ " + (order.length - COMMUNITIES_SHOWN) + " smaller"));
    }
  }

  /* Search by any name (label or alias): exact, then prefix, then substring. */
  function norm(text) { return text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim(); }
  function buildNames() {
    names = new Map();
    N.forEach(function (n, i) {
      [n[NODE.label]].concat(n[NODE.aliases]).forEach(function (name) {
        var key = norm(name), list = names.get(key);
        if (!list) names.set(key, list = []);
        list.push(i);
      });
    });
  }
  function best(list) {
    return list.reduce(function (a, b) { return nodeFacts[b].length > nodeFacts[a].length ? b : a; }, list[0]);
  }
  function find(query) {
    var q = norm(query);
    if (!q) return -1;
    if (!names) buildNames();
    if (names.has(q)) return best(names.get(q));
    var prefix = [], inside = [];
    names.forEach(function (list, name) {
      if (name.startsWith(q)) prefix.push.apply(prefix, list);
      else if (name.indexOf(q) >= 0) inside.push.apply(inside, list);
    });
    if (prefix.length) return best(prefix);
    return inside.length ? best(inside) : -1;
  }
  function search(query) {
    var i = find(query);
    $("kg-search-status").textContent = i < 0 && norm(query) ? "No entity called \u201c" + query + "\u201d" : "";
    if (i >= 0) selectNode(i, true);
    return i >= 0 ? N[i][NODE.slug] : null;
  }
  function fillNames() {
    var list = $("kg-names");
    if (list.childNodes.length) return;
    var order = N.map(function (n, i) { return i; });
    order.sort(function (a, b) { return nodeFacts[b].length - nodeFacts[a].length || a - b; });
    var seen = new Set();
    order.slice(0, 5000).forEach(function (i) {
      [N[i][NODE.label]].concat(N[i][NODE.aliases]).forEach(function (name) {
        if (seen.has(name)) return;
        seen.add(name);
        var option = document.createElement("option");
        option.value = name;
        list.appendChild(option);
      });
    });
  }

  function ready() {
    $("kg-loading").hidden = true;
    window.kgReadyAt = performance.now();
    document.body.setAttribute("data-kg-ready", "true");
  }
  /* Called by the pyvis template with its network; a canvas page replaces it. */
  function start(net, nodeSet, edgeSet) {
    var card = $("mynetwork").parentNode;
    card.appendChild($("kg-panel"));
    card.appendChild($("kg-loading"));
    if (data.renderer === "canvas") {
      net.destroy();
      network = window.network = new kgCanvas.Network($("mynetwork"), graph);
      view = {update: function () { network.redraw(); }, recolour: function () { network.redraw(); },
        highlight: function (keepNodes, keepEdges) { network.highlight(keepNodes, keepEdges); },
        drawn: function () { return null; }, labels: function () { return network.labels; }};
      requestAnimationFrame(ready);
    } else {
      network = net;
      visView.attach(net, nodeSet, edgeSet);
      view = {update: visView.update.bind(visView), recolour: visView.recolour.bind(visView),
        highlight: visView.highlight.bind(visView), drawn: visView.drawn.bind(visView),
        labels: function () { return visView.labels; }};
      if (data.mode === "physics") {
        $("kg-loading").hidden = false;
        network.once("stabilizationIterationsDone", function () {
          network.setOptions({physics: {enabled: false}});
          network.fit({nodes: shownIds()});
          network.once("afterDrawing", ready);
          network.redraw();
        });
      } else {
        network.fit({nodes: shownIds()});
        network.once("afterDrawing", ready);
      }
    }
    network.on("click", onClick);
    $("kg-search-form").addEventListener("submit", function (event) {
      event.preventDefault();
      search($("kg-search").value);
    });
    $("kg-search").addEventListener("focus", fillNames);
    document.querySelectorAll("input[data-kg-type], input[data-kg-family], input[data-kg-predicate], " +
      "#kg-article, #kg-isolated, #kg-focus, #kg-depth")
      .forEach(function (control) { control.addEventListener("change", function () { readControls(true); }); });
    $("kg-predicates-clear").addEventListener("click", function () {
      document.querySelectorAll("input[data-kg-predicate]").forEach(function (box) { box.checked = false; });
      readControls(true);
    });
    document.addEventListener("click", function (event) {  /* the relation menu closes on a click outside */
      var menu = $("kg-predicates");
      if (menu.open && !menu.contains(event.target)) menu.open = false;
    });
    $("kg-confidence").addEventListener("input", function () { readControls(true); });
    $("kg-colour").addEventListener("change", function () { setColour($("kg-colour").value); });
    $("kg-reset").addEventListener("click", function () { resetFilters(true); });
    $("kg-panel-close").addEventListener("click", clearSelection);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && (selection.node >= 0 || selection.edge >= 0)) clearSelection();
    });
    updateStatus();
    updateLegend();
  }
  function shownIds() {
    var ids = [], i;
    for (i = 0; i < N.length; i++) if (!hiddenNode[i]) ids.push(N[i][NODE.slug]);
    return ids;
  }
  /* Nodes and edges shown: vis-network's own count on a vis page, the flags otherwise. */
  function drawn() { return (view && view.drawn()) || shownCounts(); }

  applyFilters(false);  /* the first view: entities without facts hidden */
  return {data: data, visNodes: visNodes, visEdges: visEdges, start: start, find: find, search: search,
    selectNode: selectNode, selectEdge: selectEdge, clearSelection: clearSelection, setFocus: setFocus,
    drawn: drawn, drawnNode: function (i) { return !hiddenNode[i]; }, labels: function () { return view ? view.labels() : []; },
    slugOf: function (i) { return N[i][NODE.slug]; }, indexOf: function (slug) { return index.get(slug); }};
})();
