/* kg graph page: level of detail for node labels, shared by both renderers.
   Labels are placed in screen pixels, most important node first, each only where it
   overlaps no label already placed (a grid of cells holds the placed boxes), and at
   most one label per AREA_PER_LABEL square pixels of the view: zoomed out, the hubs
   carry their names; zooming in makes room for the others. Text is drawn with
   fillText, never parsed as markup. */
var kgLabels = (function () {
  "use strict";
  var AREA_PER_LABEL = 9000;  /* about 160 labels on a 1600 x 900 view */
  var MAX_TRIED = 4000;       /* candidates looked at per frame, at most */
  var CELL = 64;
  var PAD = 2;

  function Grid() { this.cells = new Map(); }
  Grid.prototype.keys = function (box) {
    var keys = [], x, y;
    for (x = Math.floor(box[0] / CELL); x <= Math.floor(box[2] / CELL); x++) {
      for (y = Math.floor(box[1] / CELL); y <= Math.floor(box[3] / CELL); y++) keys.push(x + "," + y);
    }
    return keys;
  };
  Grid.prototype.free = function (box) {
    var keys = this.keys(box), k, list, m, b;
    for (k = 0; k < keys.length; k++) {
      list = this.cells.get(keys[k]);
      if (!list) continue;
      for (m = 0; m < list.length; m++) {
        b = list[m];
        if (box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3]) return false;
      }
    }
    return true;
  };
  Grid.prototype.add = function (box) {
    var self = this;
    this.keys(box).forEach(function (key) {
      var list = self.cells.get(key);
      if (!list) self.cells.set(key, list = []);
      list.push(box);
    });
  };

  /* Draw the labels of `order` (node indices, most important first) that fit.
     `place(i)` gives {x, y, r, text, size, bold} in screen pixels, or null when the
     node is hidden or out of view; the first `forced` of `order` are drawn even past
     the budget. Returns the drawn boxes as [i, left, top, right, bottom]. */
  function draw(ctx, width, height, order, place, forced) {
    var grid = new Grid(), drawn = [], budget = Math.max(8, Math.floor(width * height / AREA_PER_LABEL));
    var widths = draw.widths || (draw.widths = new Map());
    var k, i, p, font, w, box, key, tried = 0;
    ctx.save();
    ctx.textBaseline = "top";
    ctx.textAlign = "center";
    ctx.lineJoin = "round";
    for (k = 0; k < order.length && tried < MAX_TRIED; k++) {
      if (drawn.length >= budget && k >= (forced || 0)) break;
      i = order[k];
      p = place(i);
      if (p === null || !p.text) continue;
      tried++;
      font = (p.bold ? "600 " : "") + p.size + "px system-ui, sans-serif";
      key = font + "\u0000" + p.text;
      w = widths.get(key);
      if (w === undefined) {  /* a generous guess first: measuring text is slow */
        w = p.text.length * p.size * 0.62;
        box = [p.x - w / 2 - PAD, p.y + p.r + 1, p.x + w / 2 + PAD, p.y + p.r + 3 + p.size];
        if (!grid.free(box) && k >= (forced || 0)) continue;
        ctx.font = font;
        w = ctx.measureText(p.text).width;
        if (widths.size > 50000) widths.clear();
        widths.set(key, w);
      }
      box = [p.x - w / 2 - PAD, p.y + p.r + 1, p.x + w / 2 + PAD, p.y + p.r + 3 + p.size];
      if (box[2] < 0 || box[0] > width || box[3] < 0 || box[1] > height) continue;
      if (!grid.free(box) && k >= (forced || 0)) continue;
      grid.add(box);
      ctx.font = font;
      ctx.lineWidth = 3;
      ctx.strokeStyle = "rgba(255, 255, 255, 0.9)";
      ctx.strokeText(p.text, p.x, box[1] + 1);
      ctx.fillStyle = p.colour || "#222";
      ctx.fillText(p.text, p.x, box[1] + 1);
      drawn.push([i, box[0], box[1], box[2], box[3]]);
    }
    ctx.restore();
    return drawn;
  }

  /* Node indices by importance: size (from degree and centrality), then fewer index. */
  function ranking(sizes) {
    var order = sizes.map(function (s, i) { return i; });
    order.sort(function (a, b) { return sizes[b] - sizes[a] || a - b; });
    return order;
  }

  /* A grid holding these label boxes ([i, left, top, right, bottom]), to place more. */
  function gridOf(drawn) {
    var grid = new Grid();
    drawn.forEach(function (d) { grid.add([d[1], d[2], d[3], d[4]]); });
    return grid;
  }

  return {draw: draw, ranking: ranking, gridOf: gridOf, AREA_PER_LABEL: AREA_PER_LABEL};
})();
