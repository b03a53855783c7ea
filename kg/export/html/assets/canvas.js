/* kg graph page: a canvas renderer for big graphs, with the part of vis-network's
   Network interface that the page script uses (ids are node slugs and "e" + fact
   index; events "click", "afterDrawing", "animationFinished").

   vis-network builds an object per node and edge and parses their options (about
   3 s for 20,000 nodes and 40,000 edges); here nodes and edges stay in typed arrays
   read from the page data, positions are computed ahead (no physics), and each
   frame draws only what is in view, one path per colour, arrowheads and edge labels
   only when zoomed in, and node labels by importance (kgLabels). Hidden flags are
   the page script's own arrays, read at each frame. */
var kgCanvas = (function () {
  "use strict";
  var ARROW_MIN_SCALE = 0.6;     /* arrowheads from this zoom */
  var EDGE_LABEL_MIN_SCALE = 1;  /* edge labels from this zoom, when few edges are in view */
  var EDGE_LABELS_MAX = 150;
  var EDGE_LABELS_FEW = 40;      /* ... or at any zoom when this few are in view */
  var DETAILED_EDGES_MAX = 2500; /* widths by confidence and arrowheads up to this many edges in view */
  var FADED = 0.12;              /* opacity of what the highlight leaves out */
  var HIT_PX = 4;                /* clicks this close to an edge pick it */

  function ease(t) { return t < 0.5 ? 2 * t * t : 1 - Math.pow(-2 * t + 2, 2) / 2; }

  /* g: {ids, x, y, size, shape(i), colour(i), label(i), nodeShown(i), from, to,
     edgeShown(j), edgeColour(j), edgeWidth(j), edgeLabel(j), nodeTip(i), edgeTip(j),
     order (label ranking)} */
  function Network(container, g) {
    var self = this;
    this.g = g;
    this.container = container;
    this.canvas = document.createElement("canvas");
    this.canvas.className = "kg-canvas";
    this.canvas.setAttribute("tabindex", "0");
    this.canvas.setAttribute("aria-label", "Graph (drag to pan, wheel to zoom, click for details)");
    container.appendChild(this.canvas);
    this.tip = document.createElement("div");
    this.tip.className = "kg-tooltip";
    this.tip.hidden = true;
    container.appendChild(this.tip);
    this.handlers = {};
    this.index = new Map();
    g.ids.forEach(function (id, i) { self.index.set(id, i); });
    this.view = {x: 0, y: 0, scale: 1};
    this.selected = {nodes: [], edges: []};
    this.hover = {node: -1, edge: -1};
    this.keep = null;
    this.frame = 0;
    this.labels = [];
    this.resize();
    this.fit({animation: false});
    this.listen();
  }
  var P = Network.prototype;

  P.on = function (name, fn) { (this.handlers[name] = this.handlers[name] || []).push(fn); };
  P.off = function (name, fn) {
    var list = this.handlers[name] || [];
    if (list.indexOf(fn) >= 0) list.splice(list.indexOf(fn), 1);
  };
  P.once = function (name, fn) {
    var self = this;
    function wrapper(arg) { self.off(name, wrapper); fn(arg); }
    this.on(name, wrapper);
  };
  P.emit = function (name, arg) {
    (this.handlers[name] || []).slice().forEach(function (fn) { fn(arg); });
  };
  P.setOptions = function () {};
  P.destroy = function () {
    this.canvas.remove();
    this.tip.remove();
    this.handlers = {};
  };

  /* The view: graph point (x, y) at the centre of the canvas, pixels per graph unit. */
  P.resize = function () {
    var ratio = window.devicePixelRatio || 1;
    this.width = this.container.clientWidth || 1;
    this.height = this.container.clientHeight || 1;
    this.canvas.width = Math.round(this.width * ratio);
    this.canvas.height = Math.round(this.height * ratio);
    this.canvas.style.width = this.width + "px";
    this.canvas.style.height = this.height + "px";
    this.ratio = ratio;
  };
  P.getScale = function () { return this.view.scale; };
  P.getViewPosition = function () { return {x: this.view.x, y: this.view.y}; };
  P.canvasToDOM = function (p) {
    var v = this.view;
    return {x: (p.x - v.x) * v.scale + this.width / 2, y: (p.y - v.y) * v.scale + this.height / 2};
  };
  P.DOMtoCanvas = function (p) {
    var v = this.view;
    return {x: (p.x - this.width / 2) / v.scale + v.x, y: (p.y - this.height / 2) / v.scale + v.y};
  };
  P.getPosition = function (id) {
    var i = this.index.get(id);
    return i === undefined ? undefined : {x: this.g.x[i], y: this.g.y[i]};
  };
  P.moveTo = function (options) {
    var v = this.view, target = {x: v.x, y: v.y, scale: v.scale}, offset = options.offset || {x: 0, y: 0};
    if (options.scale !== undefined) target.scale = options.scale;
    if (options.position) {
      target.x = options.position.x - offset.x / target.scale;
      target.y = options.position.y - offset.y / target.scale;
    }
    this.animate(target, options.animation);
  };
  P.animate = function (target, animation) {
    var self = this, start = {x: this.view.x, y: this.view.y, scale: this.view.scale};
    var duration = animation === true ? 500 : (animation && animation.duration) || 0, began = null;
    this.frame++;
    var frame = this.frame;
    if (!duration) {
      this.view = target;
      this.redraw();
      this.emit("animationFinished");
      return;
    }
    function step(now) {
      if (frame !== self.frame) return;  /* a newer move took over */
      if (began === null) began = now;
      var t = Math.min(1, (now - began) / duration), e = ease(t);
      var ls = Math.log(start.scale) + (Math.log(target.scale) - Math.log(start.scale)) * e;
      self.view = {x: start.x + (target.x - start.x) * e, y: start.y + (target.y - start.y) * e, scale: Math.exp(ls)};
      self.redraw();
      if (t < 1) requestAnimationFrame(step);
      else self.emit("animationFinished");
    }
    requestAnimationFrame(step);
  };
  /* Frame the given nodes (ids; default: every shown node). */
  P.fit = function (options) {
    options = options || {};
    var g = this.g, list, x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity, k, i, r;
    if (options.nodes) list = options.nodes.map(function (id) { return this.index.get(id); }, this);
    else { list = []; for (i = 0; i < g.ids.length; i++) if (g.nodeShown(i)) list.push(i); }
    for (k = 0; k < list.length; k++) {
      i = list[k];
      if (i === undefined) continue;
      r = g.size[i];
      x0 = Math.min(x0, g.x[i] - r); x1 = Math.max(x1, g.x[i] + r);
      y0 = Math.min(y0, g.y[i] - r); y1 = Math.max(y1, g.y[i] + r + 16);
    }
    if (x0 === Infinity) { x0 = y0 = -100; x1 = y1 = 100; }
    var margin = 40, side = 90, free = options.freeWidth || this.width;  /* side: room for labels */
    var scale = Math.min((free - 2 * side) / Math.max(x1 - x0, 1), (this.height - 2 * margin) / Math.max(y1 - y0, 1));
    scale = Math.max(0.02, Math.min(scale, options.maxZoomLevel || 1.5));
    var target = {x: (x0 + x1) / 2 + (this.width - free) / 2 / scale, y: (y0 + y1) / 2, scale: scale};
    this.animate(target, options.animation);
  };
  P.focus = function (id, options) {
    var p = this.getPosition(id);
    if (!p) return;
    this.moveTo({position: p, scale: (options && options.scale) || this.view.scale,
      offset: options && options.offset, animation: options && options.animation});
  };

  P.selectNodes = function (ids) { this.selected = {nodes: ids.slice(), edges: []}; this.schedule(); };
  P.selectEdges = function (ids) { this.selected = {nodes: [], edges: ids.slice()}; this.schedule(); };
  P.unselectAll = function () { this.selected = {nodes: [], edges: []}; this.schedule(); };
  P.getSelectedNodes = function () { return this.selected.nodes.slice(); };
  P.getSelectedEdges = function () { return this.selected.edges.slice(); };
  /* Draw only these nodes and edges (index sets) in full; the rest faded. */
  P.highlight = function (keepNodes, keepEdges) {
    this.keep = keepNodes === null ? null : {nodes: keepNodes, edges: keepEdges};
    this.schedule();
  };

  /* Drawing. */
  P.redraw = function () {
    this.pending = false;
    var ctx = this.canvas.getContext("2d"), g = this.g, v = this.view, s = v.scale, r0 = this.ratio;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    ctx.setTransform(r0 * s, 0, 0, r0 * s, r0 * (this.width / 2 - v.x * s), r0 * (this.height / 2 - v.y * s));
    var a = this.DOMtoCanvas({x: -30, y: -30}), b = this.DOMtoCanvas({x: this.width + 30, y: this.height + 30});
    var box = [a.x, a.y, b.x, b.y];
    var inView = this.drawEdges(ctx, box);
    this.drawNodes(ctx, box);
    ctx.setTransform(r0, 0, 0, r0, 0, 0);
    this.labels = this.drawLabels(ctx, box);
    if ((s >= EDGE_LABEL_MIN_SCALE && inView.length <= EDGE_LABELS_MAX) || inView.length <= EDGE_LABELS_FEW) {
      this.drawEdgeLabels(ctx, inView);
    }
    ctx.setTransform(r0 * s, 0, 0, r0 * s, r0 * (this.width / 2 - v.x * s), r0 * (this.height / 2 - v.y * s));
    this.emit("afterDrawing", ctx);
  };
  P.schedule = function () {
    var self = this;
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(function () { if (self.pending) self.redraw(); });
  };
  P.kept = function (kind, k) { return this.keep === null || this.keep[kind].has(k); };
  /* Edges in view, grouped by colour (and width, when few): one path per group. */
  P.drawEdges = function (ctx, box) {
    var g = this.g, s = this.view.scale, n = g.from.length, groups = new Map(), inView = [];
    var selected = new Set(this.selected.edges), j, f, t, x0, y0, x1, y1, key, list;
    for (j = 0; j < n; j++) {
      if (!g.edgeShown(j)) continue;
      f = g.from[j]; t = g.to[j];
      x0 = g.x[f]; y0 = g.y[f]; x1 = g.x[t]; y1 = g.y[t];
      if ((x0 > x1 ? x0 : x1) < box[0] || (x0 < x1 ? x0 : x1) > box[2] ||
          (y0 > y1 ? y0 : y1) < box[1] || (y0 < y1 ? y0 : y1) > box[3]) continue;
      inView.push(j);
    }
    var detail = s >= 0.5 && inView.length <= DETAILED_EDGES_MAX;
    for (var k = 0; k < inView.length; k++) {
      j = inView[k];
      key = (this.kept("edges", j) ? "1|" : "0|") + g.edgeColour(j) + "|" +
        (detail ? Math.round(g.edgeWidth(j) + (selected.has("e" + j) ? 2 : 0)) : selected.has("e" + j) ? 3 : 1);
      list = groups.get(key);
      if (!list) groups.set(key, list = []);
      list.push(j);
    }
    var arrows = s >= ARROW_MIN_SCALE && inView.length <= DETAILED_EDGES_MAX, self = this;
    var keys = Array.from(groups.keys()).sort();  /* faded ones first */
    keys.forEach(function (key) {
      var parts = key.split("|"), members = groups.get(key), m, e;
      ctx.globalAlpha = parts[0] === "1" ? 1 : FADED;
      ctx.strokeStyle = ctx.fillStyle = parts[1];
      ctx.lineWidth = (detail ? Number(parts[2]) * Math.min(1, s) : Number(parts[2])) / s;
      ctx.beginPath();
      for (m = 0; m < members.length; m++) {
        e = members[m];
        ctx.moveTo(g.x[g.from[e]], g.y[g.from[e]]);
        ctx.lineTo(g.x[g.to[e]], g.y[g.to[e]]);
      }
      ctx.stroke();
      if (!arrows) return;
      ctx.beginPath();
      for (m = 0; m < members.length; m++) {
        e = members[m];
        if (g.from[e] !== g.to[e]) {
          self.arrowHead(ctx, g.x[g.from[e]], g.y[g.from[e]], g.x[g.to[e]], g.y[g.to[e]], g.size[g.to[e]]);
        }
      }
      ctx.fill();
    });
    ctx.globalAlpha = 1;
    return inView;
  };
  P.arrowHead = function (path, x0, y0, x1, y1, r) {
    var dx = x1 - x0, dy = y1 - y0, d = Math.sqrt(dx * dx + dy * dy) || 1, ux = dx / d, uy = dy / d;
    var tipX = x1 - ux * r, tipY = y1 - uy * r, len = 9, half = 4;
    path.moveTo(tipX, tipY);
    path.lineTo(tipX - ux * len - uy * half, tipY - uy * len + ux * half);
    path.lineTo(tipX - ux * len + uy * half, tipY - uy * len - ux * half);
    path.closePath();
  };
  P.drawNodes = function (ctx, box) {
    var g = this.g, s = this.view.scale, n = g.ids.length, paths = new Map(), faded = new Map();
    var minR = 1.8 / s, i, r, x, y, key, path, group, tiny;
    for (i = 0; i < n; i++) {
      if (!g.nodeShown(i)) continue;
      x = g.x[i]; y = g.y[i]; r = Math.max(g.size[i], minR);
      if (x + r < box[0] || x - r > box[2] || y + r < box[1] || y - r > box[3]) continue;
      group = this.kept("nodes", i) ? paths : faded;
      key = g.colour(i);
      path = group.get(key);
      if (!path) group.set(key, path = new Path2D());
      tiny = r * s < 3;
      this.shape(path, tiny ? "square" : g.shape(i), x, y, tiny ? r * 0.9 : r);
    }
    ctx.lineWidth = 1 / s;
    [[faded, FADED], [paths, 1]].forEach(function (pair) {
      ctx.globalAlpha = pair[1];
      pair[0].forEach(function (p, colour) {
        ctx.fillStyle = colour;
        ctx.fill(p);
        if (s * 8 >= 4) { ctx.strokeStyle = "rgba(0, 0, 0, 0.35)"; ctx.stroke(p); }
      });
    });
    ctx.globalAlpha = 1;
    var self = this;
    this.selected.nodes.concat(this.hover.node >= 0 ? [g.ids[this.hover.node]] : []).forEach(function (id) {
      var k = self.index.get(id);
      if (k === undefined || !g.nodeShown(k)) return;
      var ring = new Path2D();
      self.shape(ring, g.shape(k), g.x[k], g.y[k], Math.max(g.size[k], minR) + 2 / s);
      ctx.lineWidth = 3 / s;
      ctx.strokeStyle = "#1f5fa8";
      ctx.stroke(ring);
    });
  };
  P.shape = function (path, shape, x, y, r) {
    path.moveTo(x + r, y);
    if (shape === "dot") { path.arc(x, y, r, 0, 2 * Math.PI); return; }
    if (shape === "square") { path.rect(x - r, y - r, 2 * r, 2 * r); return; }
    if (shape === "diamond") {
      path.moveTo(x, y - r); path.lineTo(x + r, y); path.lineTo(x, y + r); path.lineTo(x - r, y); path.closePath();
      return;
    }
    path.moveTo(x, y - r); path.lineTo(x + r * 0.9, y + r * 0.6); path.lineTo(x - r * 0.9, y + r * 0.6); path.closePath();
  };
  P.drawLabels = function (ctx, box) {
    var self = this, g = this.g, s = this.view.scale, first = [];
    this.selected.nodes.forEach(function (id) { first.push(self.index.get(id)); });
    if (this.hover.node >= 0) first.push(this.hover.node);
    if (this.keep !== null) this.keep.nodes.forEach(function (i) { first.push(i); });
    var order = first.length ? first.concat(g.order) : g.order;
    var forced = this.selected.nodes.length + (this.hover.node >= 0 ? 1 : 0);
    return kgLabels.draw(ctx, this.width, this.height, order, function (i) {
      if (i === undefined || !g.nodeShown(i) || (self.keep !== null && !self.keep.nodes.has(i))) return null;
      var x = g.x[i], y = g.y[i];
      if (x < box[0] || x > box[2] || y < box[1] || y > box[3]) return null;
      var p = self.canvasToDOM({x: x, y: y}), r = Math.max(g.size[i] * s, 1.8);
      return {x: p.x, y: p.y, r: r, text: g.label(i), size: Math.round(11 + 5 * Math.min(1, (g.size[i] - 8) / 22)),
        bold: g.size[i] >= 14};
    }, forced);
  };
  /* Edge labels at the middle of edges long enough on screen, where they overlap no
     other label (node labels first). */
  P.drawEdgeLabels = function (ctx, list) {
    var g = this.g, self = this, grid = kgLabels.gridOf(this.labels);
    ctx.save();
    ctx.font = "10px system-ui, sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.lineWidth = 3;
    list.forEach(function (j) {
      if (!self.kept("edges", j)) return;
      var a = self.canvasToDOM({x: g.x[g.from[j]], y: g.y[g.from[j]]});
      var b = self.canvasToDOM({x: g.x[g.to[j]], y: g.y[g.to[j]]});
      var text = g.edgeLabel(j), w = ctx.measureText(text).width, x = (a.x + b.x) / 2, y = (a.y + b.y) / 2;
      var box = [x - w / 2 - 2, y - 7, x + w / 2 + 2, y + 7];
      if (Math.hypot(b.x - a.x, b.y - a.y) < w + 16 || !grid.free(box)) return;
      grid.add(box);
      ctx.strokeStyle = "#fff";
      ctx.strokeText(text, x, y);
      ctx.fillStyle = "#555";
      ctx.fillText(text, x, y);
    });
    ctx.restore();
  };

  /* Picking: the shown node under a DOM point (the nearest within its radius), else
     the nearest shown edge within HIT_PX pixels. */
  P.nodeAt = function (point) {
    var g = this.g, p = this.DOMtoCanvas(point), s = this.view.scale, best = -1, bestD = Infinity, i, r, dx, dy, d;
    for (i = 0; i < g.ids.length; i++) {
      if (!g.nodeShown(i)) continue;
      r = Math.max(g.size[i], 1.8 / s) + 2 / s;
      dx = g.x[i] - p.x; dy = g.y[i] - p.y;
      if (Math.abs(dx) > r || Math.abs(dy) > r) continue;
      d = dx * dx + dy * dy;
      if (d <= r * r && d < bestD) { best = i; bestD = d; }
    }
    return best;
  };
  P.edgeAt = function (point) {
    var g = this.g, p = this.DOMtoCanvas(point), limit = HIT_PX / this.view.scale, best = -1, bestD = limit, j;
    for (j = 0; j < g.from.length; j++) {
      if (!g.edgeShown(j)) continue;
      var ax = g.x[g.from[j]], ay = g.y[g.from[j]], bx = g.x[g.to[j]], by = g.y[g.to[j]];
      if (p.x < Math.min(ax, bx) - limit || p.x > Math.max(ax, bx) + limit ||
          p.y < Math.min(ay, by) - limit || p.y > Math.max(ay, by) + limit) continue;
      var dx = bx - ax, dy = by - ay, len = dx * dx + dy * dy || 1;
      var t = Math.max(0, Math.min(1, ((p.x - ax) * dx + (p.y - ay) * dy) / len));
      var d = Math.hypot(p.x - ax - t * dx, p.y - ay - t * dy);
      if (d < bestD) { best = j; bestD = d; }
    }
    return best;
  };
  P.point = function (event) {
    var rect = this.canvas.getBoundingClientRect();
    return {x: event.clientX - rect.left, y: event.clientY - rect.top};
  };
  P.listen = function () {
    var self = this, drag = null, tipTimer = 0;
    var c = this.canvas;
    c.addEventListener("pointerdown", function (event) {
      drag = {start: self.point(event), view: self.getViewPosition(), moved: false};
      c.setPointerCapture(event.pointerId);
    });
    c.addEventListener("pointermove", function (event) {
      var p = self.point(event);
      if (drag) {
        var dx = p.x - drag.start.x, dy = p.y - drag.start.y;
        if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
        drag.moved = true;
        self.frame++;
        self.view = {x: drag.view.x - dx / self.view.scale, y: drag.view.y - dy / self.view.scale, scale: self.view.scale};
        self.tip.hidden = true;
        self.schedule();
        return;
      }
      var i = self.nodeAt(p), j = i < 0 ? self.edgeAt(p) : -1;
      if (i !== self.hover.node || j !== self.hover.edge) {
        self.hover = {node: i, edge: j};
        c.style.cursor = i >= 0 || j >= 0 ? "pointer" : "default";
        self.tip.hidden = true;
        clearTimeout(tipTimer);
        if (i >= 0 || j >= 0) {
          tipTimer = setTimeout(function () { self.showTip(p, i >= 0 ? self.g.nodeTip(i) : self.g.edgeTip(j)); }, 150);
        }
        self.schedule();
      }
    });
    c.addEventListener("pointerup", function (event) {
      var p = self.point(event), wasDrag = drag && drag.moved;
      drag = null;
      if (wasDrag) return;
      var i = self.nodeAt(p), j = i < 0 ? self.edgeAt(p) : -1;
      self.emit("click", {nodes: i >= 0 ? [self.g.ids[i]] : [], edges: j >= 0 ? ["e" + j] : [], pointer: {DOM: p}});
    });
    c.addEventListener("pointerleave", function () {
      clearTimeout(tipTimer);
      self.tip.hidden = true;
      if (self.hover.node >= 0 || self.hover.edge >= 0) { self.hover = {node: -1, edge: -1}; self.schedule(); }
    });
    c.addEventListener("wheel", function (event) {
      event.preventDefault();
      var p = self.point(event), before = self.DOMtoCanvas(p);
      var scale = Math.max(0.01, Math.min(10, self.view.scale * Math.exp(-event.deltaY * 0.0015)));
      self.frame++;
      self.view = {x: before.x - (p.x - self.width / 2) / scale, y: before.y - (p.y - self.height / 2) / scale, scale: scale};
      self.schedule();
    }, {passive: false});
    window.addEventListener("resize", function () { self.resize(); self.schedule(); });
  };
  P.showTip = function (p, text) {
    this.tip.textContent = text;
    this.tip.style.left = Math.min(p.x + 12, this.width - 300) + "px";
    this.tip.style.top = (p.y + 12) + "px";
    this.tip.hidden = false;
  };

  return {Network: Network};
})();
