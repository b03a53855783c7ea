/* kg graph page: vis items from the #kg-data JSON, then search, filters, side panel,
   neighbourhood highlight and colour switch. Article text reaches the page only as
   text: textContent, text nodes and vis-network tooltips (which vis sets with
   innerText). Nothing here builds HTML from strings.

   Speed: vis-network's DataSet.update re-parses every option of every item it
   touches (about 0.1 ms each, seconds at 20,000 nodes), so filters and the colour
   switch set the `hidden` flags and colours of the network's items directly and then
   emit vis-network's own "_dataChanged" (what DataSet.update ends with); the
   neighbourhood highlight is drawn over the graph after each frame, and big graphs
   seen from afar are drawn in batches (fastDrawing). Without those internals
   (another vis-network) the DataSet path and vis-network's own drawing are used. */
var kg = (function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var N = data.nodes, F = data.facts;
  var NODE = {slug: 0, label: 1, type: 2, size: 3, community: 4, aliases: 5, docs: 6, x: 7, y: 8};
  var FACT = {s: 0, p: 1, o: 2, confidence: 3, title: 4, evidence: 5, docs: 6, count: 7};
  var VEIL = "rgba(255, 255, 255, 0.8)";
  var BIG = 1000;             /* graphs with this many nodes or edges get the fast drawing */
  var ARROW_MIN_SCALE = 0.3;  /* below this zoom, arrowheads are under 3 px: not drawn */
  var EDGE_LOD_SCALE = 0.5;   /* below this zoom, edges are drawn as 1-px lines, batched */
  var NODE_LOD_PX = 2.5;      /* nodes under this radius on screen are drawn as batched squares */
  var MAX_FACTS_SHOWN = 60;

  var nodeFacts = N.map(function () { return []; });
  F.forEach(function (f, j) {
    nodeFacts[f[FACT.s]].push(j);
    if (f[FACT.o] !== f[FACT.s]) nodeFacts[f[FACT.o]].push(j);
  });
  var index = new Map(N.map(function (n, i) { return [n[NODE.slug], i]; }));
  var state = {colour: "type", types: data.types.map(function () { return true; }),
    families: data.families.map(function () { return true; }), predicate: -1, minConfidence: 0, doc: -1};
  var hiddenNode = new Uint8Array(N.length), hiddenEdge = new Uint8Array(F.length);
  var network = null, nodes = null, edges = null, names = null, focus = null;
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
  function nodeColour(i) {
    if (state.colour === "community") return data.palette[N[i][NODE.community] % data.palette.length];
    return data.types[N[i][NODE.type]][2];
  }
  function edgeColour(j) { return data.families[family(j)][1]; }

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

  /* The items of the vis DataSets (called by the pyvis template's drawGraph). */
  function visNodes() {
    return N.map(function (n, i) {
      var item = {id: n[NODE.slug], label: n[NODE.label], title: nodeTooltip(i),
        shape: data.types[n[NODE.type]][1], color: nodeColour(i), size: n[NODE.size]};
      if (n[NODE.x] !== null) { item.x = n[NODE.x]; item.y = n[NODE.y]; }
      return item;
    });
  }
  function visEdges() {
    var seen = new Map();
    return F.map(function (f, j) {
      var s = f[FACT.s], o = f[FACT.o];
      var item = {id: "e" + j, from: N[s][NODE.slug], to: N[o][NODE.slug], title: edgeTooltip(j),
        color: edgeColour(j), width: 1 + 2 * f[FACT.confidence]};
      if (data.edgeLabels) item.label = words(j);
      var key = Math.min(s, o) + " " + Math.max(s, o), k = seen.get(key) || 0;
      seen.set(key, k + 1);
      if (k > 0 && s !== o) {
        var clockwise = (k % 2 === 1) === (s < o);
        item.smooth = {enabled: true, type: clockwise ? "curvedCW" : "curvedCCW", roundness: 0.25 * Math.floor((k + 1) / 2)};
      }
      return item;
    });
  }

  /* vis-network's own items, when this is the vis-network 9 the page was made with. */
  function body() {
    var b = network && network.body;
    return b && b.nodes && b.edges && b.emitter && typeof b.emitter.emit === "function" ? b : null;
  }
  function visNode(i) { var b = body(); return b ? b.nodes[N[i][NODE.slug]] : undefined; }
  function visEdge(j) { var b = body(); return b ? b.edges["e" + j] : undefined; }

  /* Neighbourhood highlight: after each frame, a white veil over the whole view, then
     the kept edges and nodes drawn again on top of it. Nothing in the data changes. */
  function highlight(keepNodes, keepEdges) {
    focus = keepNodes === null ? null : {nodes: keepNodes, edges: keepEdges};
    network.redraw();
  }
  function drawFocus(ctx) {
    if (focus === null || body() === null) return;
    var box = $("mynetwork"), a = network.DOMtoCanvas({x: 0, y: 0});
    var b = network.DOMtoCanvas({x: box.clientWidth, y: box.clientHeight});
    ctx.save();
    ctx.fillStyle = VEIL;
    ctx.fillRect(a.x, a.y, b.x - a.x, b.y - a.y);
    ctx.restore();
    var kept = [];
    focus.edges.forEach(function (j) {
      var e = visEdge(j);
      if (e && e.connected && edgeShown(j)) { e.draw(ctx); kept.push(e); }
    });
    kept.forEach(function (e) { e.drawArrows(ctx); });
    var labels = [];
    focus.nodes.forEach(function (i) {
      var n = visNode(i);
      if (n && !hiddenNode[i]) {
        var drawn = n.draw(ctx);
        if (drawn && drawn.drawExternalLabel) labels.push(drawn.drawExternalLabel);
      }
    });
    labels.forEach(function (drawLabel) { drawLabel(); });
  }
  /* Level of detail for big graphs: vis-network draws every node and edge with its
     own canvas state changes, 30 ms per 1,000 items. Zoomed out, where the details
     cannot be seen, nodes and edges are batched into one path per colour, and the
     arrowheads (40 % of a frame) are left out. Selected and hovered items, and nodes
     big enough on screen, are still drawn by vis-network. */
  function fastDrawing() {
    var renderer = network.renderer;
    if ((N.length < BIG && F.length < BIG) || !renderer || typeof renderer._drawNodes !== "function" ||
        typeof renderer._drawEdges !== "function" || typeof renderer._drawArrows !== "function") return;
    var drawNodes = renderer._drawNodes, drawEdges = renderer._drawEdges, drawArrows = renderer._drawArrows;
    renderer._drawArrows = function (ctx) {
      if (network.getScale() >= ARROW_MIN_SCALE) drawArrows.call(this, ctx);
    };
    renderer._drawEdges = function (ctx) {
      var scale = network.getScale();
      if (scale >= EDGE_LOD_SCALE) return drawEdges.call(this, ctx);
      var b = network.body, ids = b.edgeIndices, paths = new Map(), later = [], k, e, path, colour;
      for (k = 0; k < ids.length; k++) {
        e = b.edges[ids[k]];
        if (!e.connected) continue;
        if (e.selected || e.hover) { later.push(e); continue; }
        colour = e.options.color.color;
        path = paths.get(colour);
        if (!path) paths.set(colour, path = new Path2D());
        path.moveTo(e.from.x, e.from.y);
        path.lineTo(e.to.x, e.to.y);
      }
      ctx.save();
      ctx.lineWidth = 1 / scale;
      paths.forEach(function (p, c) { ctx.strokeStyle = c; ctx.stroke(p); });
      ctx.restore();
      later.forEach(function (item) { item.draw(ctx); });
    };
    renderer._drawNodes = function (ctx, alwaysShow) {
      var scale = network.getScale();
      if (alwaysShow === true || scale * 40 >= NODE_LOD_PX) return drawNodes.call(this, ctx, alwaysShow);
      var b = network.body, ids = b.nodeIndices, paths = new Map(), labels = [], k, n, r, path, colour, drawn;
      for (k = 0; k < ids.length; k++) {
        n = b.nodes[ids[k]];
        r = n.options.size;
        if (n.selected || n.hover || r * scale >= NODE_LOD_PX) {
          drawn = n.draw(ctx);
          if (drawn && drawn.drawExternalLabel) labels.push(drawn.drawExternalLabel);
          continue;
        }
        colour = n.options.color.background;
        path = paths.get(colour);
        if (!path) paths.set(colour, path = new Path2D());
        path.rect(n.x - r, n.y - r, 2 * r, 2 * r);
      }
      paths.forEach(function (p, c) { ctx.fillStyle = c; ctx.fill(p); });
      return {drawExternalLabels: function () { labels.forEach(function (draw) { draw(); }); }};
    };
  }
  function neighbourhood(i) {
    var keepNodes = new Set([i]), keepEdges = new Set(nodeFacts[i]);
    nodeFacts[i].forEach(function (j) { keepNodes.add(F[j][FACT.s]); keepNodes.add(F[j][FACT.o]); });
    highlight(keepNodes, keepEdges);
  }

  /* Side panel, built from DOM nodes only. */
  function docName(k) {
    var d = data.docs[k], text = d[2] ? d[2] + " (" + d[0] + ")" : d[0];
    return d[1] && d[1] !== d[0] ? text + " \u2014 " + d[1] : text;
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
    box.appendChild(el("div", "kg-source", "\u2014 " + docName(ev[0]) + " \u00b7 rule " + ev[2] +
      " \u00b7 confidence " + ev[3].toFixed(2)));
    return box;
  }
  function factItem(j, current) {
    var f = F[j], item = el("li", "kg-fact"), head = el("div", "kg-fact-head");
    head.appendChild(nodeLink(f[FACT.s], current));
    head.appendChild(el("span", "kg-pred", words(j) + (f[FACT.title] ? " (" + f[FACT.title] + ")" : "")));
    head.appendChild(nodeLink(f[FACT.o], current));
    item.appendChild(head);
    item.appendChild(el("div", "kg-meta", data.families[family(j)][0] + " \u00b7 confidence " +
      f[FACT.confidence].toFixed(2) + (hiddenEdge[j] ? " \u00b7 hidden by the filters" : "")));
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
    var docs = n[NODE.docs];
    if (docs.length) {
      body.appendChild(el("h3", null, docs.length === 1 ? "Article" : "Articles (" + docs.length + ")"));
      var ul = el("ul", "kg-meta");
      docs.forEach(function (k) { ul.appendChild(el("li", null, docName(k))); });
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

  function selectNode(i, zoom) {
    if (hiddenNode[i]) resetFilters();
    selection = {node: i, edge: -1};
    var slug = N[i][NODE.slug];
    network.selectNodes([slug], true);
    neighbourhood(i);
    showNode(i);
    if (zoom) {
      network.focus(slug, {scale: Math.max(network.getScale(), 1.0), offset: {x: -$("kg-panel").offsetWidth / 2, y: 0},
        animation: {duration: 400, easingFunction: "easeInOutQuad"}});
    }
  }
  function selectEdge(j) {
    var f = F[j];
    selection = {node: -1, edge: j};
    network.selectEdges(["e" + j]);
    highlight(new Set([f[FACT.s], f[FACT.o]]), new Set([j]));
    showEdge(j);
  }
  function clearSelection() {
    selection = {node: -1, edge: -1};
    network.unselectAll();
    highlight(null, null);
    $("kg-panel").hidden = true;
  }
  function onClick(params) {
    if (params.nodes.length) selectNode(index.get(params.nodes[0]), false);
    else if (params.edges.length) selectEdge(Number(params.edges[0].slice(1)));
    else clearSelection();
  }

  /* Filters: hidden flags on the DataSets; the network is never rebuilt. */
  function factHasDoc(j, k) {
    return F[j][FACT.docs].indexOf(k) >= 0;
  }
  function nodeHasDoc(i, k) {
    return N[i][NODE.docs].indexOf(k) >= 0 || nodeFacts[i].some(function (j) { return factHasDoc(j, k); });
  }
  function applyFilters() {
    var nodeChanges = [], edgeChanges = [], i, j, h, f;
    for (i = 0; i < N.length; i++) {
      h = !state.types[N[i][NODE.type]] || (state.doc >= 0 && !nodeHasDoc(i, state.doc)) ? 1 : 0;
      if (h !== hiddenNode[i]) { hiddenNode[i] = h; nodeChanges.push(i); }
    }
    for (j = 0; j < F.length; j++) {
      f = F[j];
      h = !state.families[family(j)] || (state.predicate >= 0 && f[FACT.p] !== state.predicate) ||
        f[FACT.confidence] < state.minConfidence - 1e-9 || (state.doc >= 0 && !factHasDoc(j, state.doc)) ? 1 : 0;
      if (h !== hiddenEdge[j]) { hiddenEdge[j] = h; edgeChanges.push(j); }
    }
    var b = body();
    if (b) {
      nodeChanges.forEach(function (i) { var n = visNode(i); if (n) n.options.hidden = hiddenNode[i] === 1; });
      edgeChanges.forEach(function (j) { var e = visEdge(j); if (e) e.options.hidden = hiddenEdge[j] === 1; });
      if (nodeChanges.length || edgeChanges.length) b.emitter.emit("_dataChanged");
    } else {
      nodes.update(nodeChanges.map(function (i) { return {id: N[i][NODE.slug], hidden: hiddenNode[i] === 1}; }));
      edges.update(edgeChanges.map(function (j) { return {id: "e" + j, hidden: hiddenEdge[j] === 1}; }));
    }
    if (selection.node >= 0 && hiddenNode[selection.node]) clearSelection();
    if (selection.edge >= 0 && !edgeShown(selection.edge)) clearSelection();
    updateStatus();
  }
  function edgeShown(j) {
    return !hiddenEdge[j] && !hiddenNode[F[j][FACT.s]] && !hiddenNode[F[j][FACT.o]];
  }
  function updateStatus() {
    var shownNodes = 0, shownEdges = 0, i, j;
    for (i = 0; i < N.length; i++) shownNodes += hiddenNode[i] ? 0 : 1;
    for (j = 0; j < F.length; j++) shownEdges += edgeShown(j) ? 1 : 0;
    $("kg-status").textContent = "Showing " + shownNodes + " of " + N.length + " entities, " +
      shownEdges + " of " + F.length + " relations";
  }
  function resetFilters() {
    document.querySelectorAll("input[data-kg-type], input[data-kg-family]").forEach(function (box) { box.checked = true; });
    $("kg-predicate").value = "-1";
    $("kg-article").value = "-1";
    $("kg-confidence").value = "0";
    readControls();
  }
  function readControls() {
    document.querySelectorAll("input[data-kg-type]").forEach(function (box) {
      state.types[Number(box.getAttribute("data-kg-type"))] = box.checked;
    });
    document.querySelectorAll("input[data-kg-family]").forEach(function (box) {
      state.families[Number(box.getAttribute("data-kg-family"))] = box.checked;
    });
    state.predicate = Number($("kg-predicate").value);
    state.doc = Number($("kg-article").value);
    state.minConfidence = Number($("kg-confidence").value);
    $("kg-confidence-value").textContent = state.minConfidence.toFixed(2);
    applyFilters();
  }
  function setColour(mode) {
    state.colour = mode;
    var b = body(), i, n;
    if (b && vis.util && vis.util.parseColor) {
      for (i = 0; i < N.length; i++) {
        n = visNode(i);
        if (n) n.options.color = vis.util.parseColor(nodeColour(i));
      }
      network.redraw();
    } else {
      nodes.update(N.map(function (row, k) { return {id: row[NODE.slug], color: nodeColour(k)}; }));
    }
    $("kg-colour-note").hidden = mode !== "community";
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
  function start(net, nodeSet, edgeSet) {
    network = net; nodes = nodeSet; edges = edgeSet;
    var card = $("mynetwork").parentNode;
    card.appendChild($("kg-panel"));
    card.appendChild($("kg-loading"));
    if (data.mode === "physics") {
      $("kg-loading").hidden = false;
      network.once("stabilizationIterationsDone", function () {
        network.setOptions({physics: {enabled: false}});
        network.once("afterDrawing", ready);
        network.redraw();
      });
    } else {
      network.once("afterDrawing", ready);
    }
    network.on("click", onClick);
    network.on("afterDrawing", drawFocus);
    fastDrawing();
    $("kg-search-form").addEventListener("submit", function (event) {
      event.preventDefault();
      search($("kg-search").value);
    });
    $("kg-search").addEventListener("focus", fillNames);
    document.querySelectorAll("input[data-kg-type], input[data-kg-family], #kg-predicate, #kg-article")
      .forEach(function (control) { control.addEventListener("change", readControls); });
    $("kg-confidence").addEventListener("input", readControls);
    $("kg-colour").addEventListener("change", function () { setColour($("kg-colour").value); });
    $("kg-reset").addEventListener("click", resetFilters);
    $("kg-panel-close").addEventListener("click", clearSelection);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && (selection.node >= 0 || selection.edge >= 0)) clearSelection();
    });
    updateStatus();
  }

  return {data: data, visNodes: visNodes, visEdges: visEdges, start: start, find: find, search: search,
    selectNode: selectNode, selectEdge: selectEdge, clearSelection: clearSelection,
    slugOf: function (i) { return N[i][NODE.slug]; }, indexOf: function (slug) { return index.get(slug); }};
})();
