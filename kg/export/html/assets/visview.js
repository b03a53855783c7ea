/* kg graph page: the vis-network view (small graphs: physics, or positions computed
   ahead). The page script gives it the graph through `g` (see kgCanvas for its
   fields) and calls update/recolour/highlight; nothing here builds HTML.

   Speed: vis-network's DataSet.update re-parses every option of every item it
   touches (about 0.1 ms each), so hidden flags and colours are set on the network's
   own items, followed by vis-network's own "_dataChanged" (what DataSet.update ends
   with); the neighbourhood highlight is drawn over the graph after each frame, and
   graphs seen from afar are drawn in batches (fastDrawing). Without those internals
   (another vis-network) the DataSet path and vis-network's own drawing are used.
   Node labels are not vis-network's: kgLabels draws them after each frame, by
   importance and without overlaps. */
var kgVis = (function () {
  "use strict";
  var VEIL = "rgba(255, 255, 255, 0.8)";
  var BIG = 1000;             /* graphs with this many nodes or edges get the fast drawing */
  var ARROW_MIN_SCALE = 0.3;  /* below this zoom, arrowheads are under 3 px: not drawn */
  var EDGE_LOD_SCALE = 0.5;   /* below this zoom, edges are drawn as 1-px lines, batched */
  var NODE_LOD_PX = 2.5;      /* nodes under this radius on screen are drawn as batched squares */

  function View(g, edgeLabels) {
    this.g = g;
    this.edgeLabels = edgeLabels;
    this.network = null;
    this.focus = null;
    this.labels = [];
  }
  var P = View.prototype;

  /* The items of the vis DataSets (called by the pyvis template's drawGraph). */
  P.nodes = function () {
    var g = this.g;
    return g.ids.map(function (id, i) {
      var item = {id: id, title: g.nodeTip(i), shape: g.shape(i), color: g.colour(i), size: g.size[i],
        hidden: !g.nodeShown(i)};
      if (g.x[i] !== null) { item.x = g.x[i]; item.y = g.y[i]; }
      return item;
    });
  };
  P.edges = function () {
    var g = this.g, seen = new Map(), self = this;
    return g.from.map(function (s, j) {
      var o = g.to[j];
      var item = {id: "e" + j, from: g.ids[s], to: g.ids[o], title: g.edgeTip(j), color: g.edgeColour(j),
        width: g.edgeWidth(j), hidden: !g.edgeShown(j)};
      if (self.edgeLabels) item.label = g.edgeLabel(j);
      var key = Math.min(s, o) + " " + Math.max(s, o), k = seen.get(key) || 0;
      seen.set(key, k + 1);
      if (k > 0 && s !== o) {
        var clockwise = (k % 2 === 1) === (s < o);
        item.smooth = {enabled: true, type: clockwise ? "curvedCW" : "curvedCCW", roundness: 0.25 * Math.floor((k + 1) / 2)};
      }
      return item;
    });
  };
  P.attach = function (network, nodeSet, edgeSet) {
    var self = this;
    this.network = network; this.nodeSet = nodeSet; this.edgeSet = edgeSet;
    network.on("afterDrawing", function (ctx) { self.drawFocus(ctx); self.drawLabels(ctx); });
    this.fastDrawing();
  };

  /* vis-network's own items, when this is the vis-network 9 the page was made with. */
  P.body = function () {
    var b = this.network && this.network.body;
    return b && b.nodes && b.edges && b.emitter && typeof b.emitter.emit === "function" ? b : null;
  };
  P.visNode = function (i) { var b = this.body(); return b ? b.nodes[this.g.ids[i]] : undefined; };
  P.visEdge = function (j) { var b = this.body(); return b ? b.edges["e" + j] : undefined; };

  /* Hidden flags changed for these nodes and edges. */
  P.update = function (nodeChanges, edgeChanges) {
    var g = this.g, b = this.body(), self = this;
    if (b) {
      nodeChanges.forEach(function (i) { var n = self.visNode(i); if (n) n.options.hidden = !g.nodeShown(i); });
      edgeChanges.forEach(function (j) { var e = self.visEdge(j); if (e) e.options.hidden = !g.edgeShown(j); });
      if (nodeChanges.length || edgeChanges.length) b.emitter.emit("_dataChanged");
    } else {
      this.nodeSet.update(nodeChanges.map(function (i) { return {id: g.ids[i], hidden: !g.nodeShown(i)}; }));
      this.edgeSet.update(edgeChanges.map(function (j) { return {id: "e" + j, hidden: !g.edgeShown(j)}; }));
    }
  };
  P.recolour = function () {
    var g = this.g, b = this.body(), i, n;
    if (b && vis.util && vis.util.parseColor) {
      for (i = 0; i < g.ids.length; i++) {
        n = this.visNode(i);
        if (n) n.options.color = vis.util.parseColor(g.colour(i));
      }
      this.network.redraw();
    } else {
      this.nodeSet.update(g.ids.map(function (id, k) { return {id: id, color: g.colour(k)}; }));
    }
  };
  P.drawn = function () {
    var b = this.body();
    return b ? [b.nodeIndices.length, b.edgeIndices.length] : null;
  };

  /* Neighbourhood highlight: after each frame, a white veil over the whole view, then
     the kept edges and nodes drawn again on top of it. Nothing in the data changes. */
  P.highlight = function (keepNodes, keepEdges) {
    this.focus = keepNodes === null ? null : {nodes: keepNodes, edges: keepEdges};
    this.network.redraw();
  };
  P.drawFocus = function (ctx) {
    var g = this.g, self = this, network = this.network;
    if (this.focus === null || this.body() === null) return;
    var box = network.body.container, a = network.DOMtoCanvas({x: 0, y: 0});
    var b = network.DOMtoCanvas({x: box.clientWidth, y: box.clientHeight});
    ctx.save();
    ctx.fillStyle = VEIL;
    ctx.fillRect(a.x, a.y, b.x - a.x, b.y - a.y);
    ctx.restore();
    var kept = [];
    this.focus.edges.forEach(function (j) {
      var e = self.visEdge(j);
      if (e && e.connected && g.edgeShown(j)) { e.draw(ctx); kept.push(e); }
    });
    kept.forEach(function (e) { e.drawArrows(ctx); });
    this.focus.nodes.forEach(function (i) {
      var n = self.visNode(i);
      if (n && g.nodeShown(i)) n.draw(ctx);
    });
  };
  P.drawLabels = function (ctx) {
    var g = this.g, self = this, network = this.network, b = this.body();
    if (b === null) return;
    var scale = network.getScale(), box = b.container, first = [];
    network.getSelectedNodes().forEach(function (id) { first.push(g.index.get(id)); });
    if (this.focus !== null) this.focus.nodes.forEach(function (i) { first.push(i); });
    var ratio = ctx.canvas.width / Math.max(1, box.clientWidth);
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    this.labels = kgLabels.draw(ctx, box.clientWidth, box.clientHeight, first.concat(g.order), function (i) {
      if (i === undefined || !g.nodeShown(i) || (self.focus !== null && !self.focus.nodes.has(i))) return null;
      var n = b.nodes[g.ids[i]];
      if (!n) return null;
      var p = network.canvasToDOM({x: n.x, y: n.y});
      return {x: p.x, y: p.y, r: Math.max(g.size[i] * scale, 2), text: g.label(i),
        size: Math.round(11 + 5 * Math.min(1, (g.size[i] - 8) / 22)), bold: g.size[i] >= 14};
    }, network.getSelectedNodes().length);
    ctx.restore();
  };

  /* Level of detail for big graphs: vis-network draws every node and edge with its
     own canvas state changes, 30 ms per 1,000 items. Zoomed out, where the details
     cannot be seen, nodes and edges are batched into one path per colour, and the
     arrowheads (40 % of a frame) are left out. Selected and hovered items, and nodes
     big enough on screen, are still drawn by vis-network. */
  P.fastDrawing = function () {
    var network = this.network, renderer = network.renderer, g = this.g;
    if ((g.ids.length < BIG && g.from.length < BIG) || !renderer || typeof renderer._drawNodes !== "function" ||
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
      var b = network.body, ids = b.nodeIndices, paths = new Map(), k, n, r, path, colour;
      for (k = 0; k < ids.length; k++) {
        n = b.nodes[ids[k]];
        r = n.options.size;
        if (n.selected || n.hover || r * scale >= NODE_LOD_PX) { n.draw(ctx); continue; }
        colour = n.options.color.background;
        path = paths.get(colour);
        if (!path) paths.set(colour, path = new Path2D());
        path.rect(n.x - r, n.y - r, 2 * r, 2 * r);
      }
      paths.forEach(function (p, c) { ctx.fillStyle = c; ctx.fill(p); });
      return {drawExternalLabels: function () {}};
    };
  };

  return {View: View};
})();
