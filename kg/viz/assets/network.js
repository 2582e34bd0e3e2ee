/* kg entity network: a small canvas renderer. Positions come from Python;
   this script only draws, hit-tests and shows details. No network access. */
(function () {
  "use strict";
  var t0 = performance.now();
  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  var nodes = DATA.nodes, edges = DATA.edges, types = DATA.types, groups = DATA.groups;
  var canvas = document.getElementById("canvas");
  var ctx = canvas.getContext("2d");
  var tooltip = document.getElementById("tooltip");
  var details = document.getElementById("details");
  var dpr = window.devicePixelRatio || 1;
  var W = 0, H = 0;
  var view = { k: 1, x: 0, y: 0 };
  var hiddenType = {}, hiddenGroup = {};
  var selected = null; // {kind: "node"|"edge", index}
  var hover = null;
  var neighbours = null; // set of node indexes around the selection
  var drawnNodes = 0, drawnEdges = 0, frames = 0, firstDrawMs = null;
  var labelOrder = [];
  var pending = false;

  // ---- prepare: world coordinates, adjacency, parallel-edge curvature
  var i, n, e;
  for (i = 0; i < nodes.length; i++) {
    n = nodes[i];
    n.wx = n.x * 1000; n.wy = -n.y * 1000;
    n.out = []; n.inc = [];
    n.lower = (n.l || "").toLowerCase();
  }
  var pairCount = {}, pairSeen = {};
  for (i = 0; i < edges.length; i++) {
    e = edges[i];
    var key = e.s < e.o ? e.s + "," + e.o : e.o + "," + e.s;
    pairCount[key] = (pairCount[key] || 0) + 1;
    nodes[e.s].out.push(i); nodes[e.o].inc.push(i);
  }
  for (i = 0; i < edges.length; i++) {
    e = edges[i];
    var k2 = e.s < e.o ? e.s + "," + e.o : e.o + "," + e.s;
    var total = pairCount[k2];
    var idx = pairSeen[k2] = (pairSeen[k2] || 0) + 1;
    var bend = total > 1 ? (idx - 1 - (total - 1) / 2) * 0.18 : 0;
    e.bend = e.s < e.o ? bend : -bend;
  }
  labelOrder = nodes.map(function (_, j) { return j; }).sort(function (a, b) {
    return (nodes[b].bc - nodes[a].bc) || (nodes[b].deg - nodes[a].deg);
  });

  // ---- geometry
  function toScreen(wx, wy) { return [wx * view.k + view.x, wy * view.k + view.y]; }
  function toWorld(sx, sy) { return [(sx - view.x) / view.k, (sy - view.y) / view.k]; }
  // big networks get smaller discs, and zooming in grows them a little
  var sizeScale = Math.min(1, Math.max(0.4, Math.sqrt(400 / Math.max(nodes.length, 1))));
  function radius(n) { return n.r * sizeScale * Math.max(0.6, Math.min(2.5, Math.sqrt(view.k * 2.2))); }
  // filters: "stances only" and a date range (ISO strings compare as dates)
  var STANCE_GROUP = {};
  groups.forEach(function (g, j) { if (["supports", "opposes", "concern", "request"].indexOf(g[0]) >= 0) STANCE_GROUP[j] = true; });
  var stancesOnly = false, dateFrom = "", dateTo = "", filtering = false;
  function edgePasses(e) {
    if (hiddenGroup[e.g] || hiddenType[nodes[e.s].t] || hiddenType[nodes[e.o].t]) return false;
    if (stancesOnly && !STANCE_GROUP[e.g]) return false;
    if (dateFrom || dateTo) {
      var days = e.dt || [], ok = false;
      for (var q = 0; q < days.length && !ok; q++) ok = (!dateFrom || days[q] >= dateFrom) && (!dateTo || days[q] <= dateTo);
      if (!ok) return false;
    }
    return true;
  }
  function applyFilters() {
    filtering = stancesOnly || !!dateFrom || !!dateTo;
    for (var q = 0; q < edges.length; q++) edges[q].pass = edgePasses(edges[q]);
    for (var r = 0; r < nodes.length; r++) {
      var nd = nodes[r], has = false;
      for (var a = 0; a < nd.out.length && !has; a++) has = edges[nd.out[a]].pass;
      for (var b = 0; b < nd.inc.length && !has; b++) has = edges[nd.inc[b]].pass;
      nd.vis = has;
    }
    var shownN = 0, shownE = 0;
    nodes.forEach(function (q) { if (nodeVisible(q)) shownN++; });
    edges.forEach(function (q) { if (edgeVisible(q)) shownE++; });
    countsText(shownN, shownE);
  }
  function nodeVisible(n) { return !hiddenType[n.t] && (!filtering || n.vis); }
  function edgeVisible(e) { return filtering ? e.pass : (!hiddenGroup[e.g] && nodeVisible(nodes[e.s]) && nodeVisible(nodes[e.o])); }
  function countsText(shownN, shownE) {
    var text = nodes.length + " nodes · " + edges.length + " edges";
    if (filtering) text = shownN + " of " + nodes.length + " nodes · " + shownE + " of " + edges.length + " edges";
    document.getElementById("counts").textContent = text;
  }
  function control(e) {
    var a = nodes[e.s], b = nodes[e.o];
    var mx = (a.wx + b.wx) / 2, my = (a.wy + b.wy) / 2;
    if (!e.bend) return null;
    var dx = b.wx - a.wx, dy = b.wy - a.wy;
    return [mx - dy * e.bend, my + dx * e.bend];
  }

  function fit() {
    var minx = Infinity, miny = Infinity, maxx = -Infinity, maxy = -Infinity;
    for (var j = 0; j < nodes.length; j++) {
      var q = nodes[j];
      if (q.wx < minx) minx = q.wx; if (q.wx > maxx) maxx = q.wx;
      if (q.wy < miny) miny = q.wy; if (q.wy > maxy) maxy = q.wy;
    }
    if (!nodes.length) { minx = miny = -1; maxx = maxy = 1; }
    var pad = 40, w = Math.max(maxx - minx, 1), h = Math.max(maxy - miny, 1);
    // keep the legend box (top left) clear of the network when there is room
    var legendBox = document.getElementById("legend");
    var left = W > 700 && legendBox ? legendBox.offsetWidth + 20 : pad;
    var right = W > 700 ? 110 : pad; // room for the labels right of the nodes
    view.k = Math.min((W - left - right) / w, (H - 2 * pad) / h);
    if (!isFinite(view.k) || view.k <= 0) view.k = 1;
    view.x = left + (W - left - right) / 2 - (minx + maxx) / 2 * view.k;
    view.y = H / 2 - (miny + maxy) / 2 * view.k;
  }

  function resize() {
    var rect = canvas.getBoundingClientRect();
    W = Math.max(rect.width, 100); H = Math.max(rect.height, 100);
    canvas.width = Math.round(W * dpr); canvas.height = Math.round(H * dpr);
  }

  // ---- drawing
  function schedule() {
    if (!pending) { pending = true; requestAnimationFrame(function () { pending = false; draw(); }); }
  }

  function drawArrow(x1, y1, x2, y2, r, size) {
    var dx = x2 - x1, dy = y2 - y1, len = Math.sqrt(dx * dx + dy * dy) || 1;
    var ux = dx / len, uy = dy / len;
    var tx = x2 - ux * r, ty = y2 - uy * r;
    ctx.moveTo(tx, ty);
    ctx.lineTo(tx - ux * size - uy * size * 0.5, ty - uy * size + ux * size * 0.5);
    ctx.lineTo(tx - ux * size + uy * size * 0.5, ty - uy * size - ux * size * 0.5);
    ctx.closePath();
  }

  function draw() {
    var start = performance.now();
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, W, H);
    var focus = neighbours;
    var arrows = edges.length <= 6000;
    drawnEdges = 0;
    // edges, one path per (group, dimmed, width) for speed
    for (var g = 0; g < groups.length; g++) {
      if (hiddenGroup[g]) continue;
      for (var pass = 0; pass < 2; pass++) { // 0: dimmed, 1: in focus
        if (pass === 0 && !focus) continue;
        for (var wbin = 1; wbin <= 3; wbin++) {
          ctx.beginPath();
          var heads = [];
          for (var j = 0; j < edges.length; j++) {
            var ed = edges[j];
            if (ed.g !== g || !edgeVisible(ed)) continue;
            var bin = ed.w >= 4 ? 3 : ed.w >= 2 ? 2 : 1;
            if (bin !== wbin) continue;
            var inFocus = !focus || (focus.has(ed.s) && focus.has(ed.o) && (selected.kind !== "node" || ed.s === selected.index || ed.o === selected.index)) || (selected && selected.kind === "edge" && selected.index === j);
            if ((pass === 1) !== inFocus && focus) continue;
            var a = nodes[ed.s], b = nodes[ed.o];
            var p = toScreen(a.wx, a.wy), q = toScreen(b.wx, b.wy);
            var c = control(ed);
            ctx.moveTo(p[0], p[1]);
            if (c) { var cs = toScreen(c[0], c[1]); ctx.quadraticCurveTo(cs[0], cs[1], q[0], q[1]); heads.push([cs[0], cs[1], q[0], q[1], radius(b)]); }
            else { ctx.lineTo(q[0], q[1]); heads.push([p[0], p[1], q[0], q[1], radius(b)]); }
            if (!ed.d) heads.pop();
            drawnEdges++;
          }
          ctx.strokeStyle = groups[g][1];
          ctx.globalAlpha = focus && pass === 0 ? 0.08 : (groups[g][0] === "co-occurrence" ? 0.35 : 0.6);
          ctx.lineWidth = wbin === 1 ? 1 : wbin === 2 ? 2 : 3.2;
          ctx.stroke();
          if (arrows && heads.length) {
            ctx.beginPath();
            for (var h = 0; h < heads.length; h++) { var hd = heads[h]; drawArrow(hd[0], hd[1], hd[2], hd[3], hd[4] + 1, 5 + wbin); }
            ctx.fillStyle = groups[g][1];
            ctx.fill();
          }
        }
      }
    }
    ctx.globalAlpha = 1;
    // selected edge on top
    if (selected && selected.kind === "edge") {
      var se = edges[selected.index], sa = nodes[se.s], sb = nodes[se.o];
      var sp = toScreen(sa.wx, sa.wy), sq = toScreen(sb.wx, sb.wy), sc = control(se);
      ctx.beginPath(); ctx.moveTo(sp[0], sp[1]);
      if (sc) { var scs = toScreen(sc[0], sc[1]); ctx.quadraticCurveTo(scs[0], scs[1], sq[0], sq[1]); } else ctx.lineTo(sq[0], sq[1]);
      ctx.strokeStyle = "#000"; ctx.lineWidth = 3.5; ctx.stroke();
    }
    // nodes, one path per type
    drawnNodes = 0;
    for (var t = 0; t < types.length; t++) {
      if (hiddenType[t]) continue;
      for (var pass2 = 0; pass2 < 2; pass2++) {
        ctx.beginPath();
        for (var m = 0; m < nodes.length; m++) {
          var nd = nodes[m];
          if (nd.t !== t || (filtering && !nd.vis)) continue;
          var dim = focus && !focus.has(m);
          if ((pass2 === 0) !== !!dim && focus) continue;
          if (!focus && pass2 === 0) continue;
          var s = toScreen(nd.wx, nd.wy), r = radius(nd);
          ctx.moveTo(s[0] + r, s[1]);
          ctx.arc(s[0], s[1], r, 0, 6.2832);
          drawnNodes++;
        }
        ctx.globalAlpha = focus && pass2 === 0 ? 0.25 : 1;
        ctx.fillStyle = types[t][1];
        ctx.fill();
        ctx.strokeStyle = "#fff"; ctx.lineWidth = 1; ctx.stroke();
      }
    }
    ctx.globalAlpha = 1;
    var ring = selected && selected.kind === "node" ? selected.index : (hover && hover.kind === "node" ? hover.index : -1);
    if (ring >= 0) {
      var rn = nodes[ring], rs = toScreen(rn.wx, rn.wy);
      ctx.beginPath(); ctx.arc(rs[0], rs[1], radius(rn) + 3, 0, 6.2832);
      ctx.strokeStyle = "#111"; ctx.lineWidth = 2; ctx.stroke();
    }
    drawLabels(focus);
    frames++;
    var now = performance.now();
    window.kgNetwork.lastDrawMs = now - start;
    if (firstDrawMs === null) {
      firstDrawMs = now;
      document.body.dataset.ready = "true";
      document.body.dataset.renderMs = String(Math.round(now));
      window.kgNetwork.ready = true;
      window.kgNetwork.firstDrawMs = now;
      window.kgNetwork.scriptMs = now - t0;
    }
    document.body.dataset.drawnNodes = String(drawnNodes);
  }

  function drawLabels(focus) {
    ctx.font = "12px system-ui, -apple-system, 'Segoe UI', 'DejaVu Sans', Arial, sans-serif";
    ctx.textBaseline = "middle";
    var boxes = [];
    var budget = Math.max(15, Math.min(400, Math.round(30 * view.k / baseK)));
    var list = labelOrder;
    if (focus) list = Array.from(focus).concat(labelOrder);
    var placed = 0;
    for (var j = 0; j < list.length && placed < budget; j++) {
      var nd = nodes[list[j]];
      if (!nodeVisible(nd) || (focus && !focus.has(list[j]))) continue;
      var s = toScreen(nd.wx, nd.wy);
      if (s[0] < -50 || s[1] < -20 || s[0] > W + 50 || s[1] > H + 20) continue;
      var text = nd.l.length > 40 ? nd.l.slice(0, 39) + "…" : nd.l;
      var w = ctx.measureText(text).width, r = radius(nd);
      var x = s[0] + r + 3, y = s[1];
      var box = [x - 2, y - 8, x + w + 2, y + 8];
      var clash = false;
      for (var b = 0; b < boxes.length; b++) {
        var o = boxes[b];
        if (box[0] < o[2] && box[2] > o[0] && box[1] < o[3] && box[3] > o[1]) { clash = true; break; }
      }
      if (clash) continue;
      boxes.push(box);
      ctx.fillStyle = "rgba(255,255,255,0.8)";
      ctx.fillRect(box[0], box[1], box[2] - box[0], box[3] - box[1]);
      ctx.fillStyle = "#111";
      ctx.fillText(text, x, y);
      placed++;
    }
  }

  // ---- hit testing (grid over world coordinates for nodes)
  var CELL = 40, grid = {};
  function buildGrid() {
    grid = {};
    for (var j = 0; j < nodes.length; j++) {
      var gx = Math.floor(nodes[j].wx / CELL), gy = Math.floor(nodes[j].wy / CELL);
      var key = gx + "," + gy;
      (grid[key] || (grid[key] = [])).push(j);
    }
  }
  function nodeAt(sx, sy) {
    var w = toWorld(sx, sy);
    var reach = Math.max(12 / view.k, 1);
    var cells = Math.ceil(reach / CELL) + 1;
    var gx = Math.floor(w[0] / CELL), gy = Math.floor(w[1] / CELL);
    var best = -1, bestD = Infinity;
    for (var dx = -cells; dx <= cells; dx++) for (var dy = -cells; dy <= cells; dy++) {
      var bucket = grid[(gx + dx) + "," + (gy + dy)];
      if (!bucket) continue;
      for (var b = 0; b < bucket.length; b++) {
        var nd = nodes[bucket[b]];
        if (!nodeVisible(nd)) continue;
        var s = toScreen(nd.wx, nd.wy);
        var d = Math.hypot(s[0] - sx, s[1] - sy);
        if (d <= radius(nd) + 3 && d < bestD) { best = bucket[b]; bestD = d; }
      }
    }
    return best;
  }
  function segDist(px, py, ax, ay, bx, by) {
    var dx = bx - ax, dy = by - ay, l2 = dx * dx + dy * dy;
    var t = l2 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / l2)) : 0;
    return Math.hypot(px - ax - t * dx, py - ay - t * dy);
  }
  function edgeAt(sx, sy) {
    var best = -1, bestD = 5;
    for (var j = 0; j < edges.length; j++) {
      var ed = edges[j];
      if (!edgeVisible(ed)) continue;
      var a = nodes[ed.s], b = nodes[ed.o];
      var p = toScreen(a.wx, a.wy), q = toScreen(b.wx, b.wy), c = control(ed), d;
      if (c) {
        var cs = toScreen(c[0], c[1]);
        var mx = 0.25 * p[0] + 0.5 * cs[0] + 0.25 * q[0], my = 0.25 * p[1] + 0.5 * cs[1] + 0.25 * q[1];
        d = Math.min(segDist(sx, sy, p[0], p[1], mx, my), segDist(sx, sy, mx, my, q[0], q[1]));
      } else d = segDist(sx, sy, p[0], p[1], q[0], q[1]);
      if (d < bestD) { bestD = d; best = j; }
    }
    return best;
  }
  function hitAt(sx, sy) {
    var nn = nodeAt(sx, sy);
    if (nn >= 0) return { kind: "node", index: nn };
    var ee = edgeAt(sx, sy);
    return ee >= 0 ? { kind: "edge", index: ee } : null;
  }

  // ---- details panel
  function esc(s) {
    return String(s == null ? "" : s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function badge(t) { return '<span class="badge" style="background:' + types[t][1] + '">' + esc(types[t][0]) + "</span>"; }
  function evidenceHtml(list) {
    return list.map(function (ev) {
      return '<blockquote class="evidence">' + esc(ev.text) +
        (ev.issue ? '<span class="issue">issue: ' + esc(ev.issue) + "</span>" : "") +
        (ev.condition ? '<span class="cond">condition: ' + esc(ev.condition) + "</span>" : "") +
        '<span class="doc">' + esc(ev.title || ev.document) + (ev.date ? " · " + esc(ev.date) : "") +
        (ev.day && ev.day !== ev.date ? " · meeting " + esc(ev.day) : "") +
        (ev.rule ? " · rule " + esc(ev.rule) : "") + "</span></blockquote>";
    }).join("");
  }
  function relationHtml(j) {
    var ed = edges[j], a = nodes[ed.s], b = nodes[ed.o];
    var arrow = ed.d ? " → " : " — ";
    return '<div class="rel" data-edge="' + j + '"><div class="head">' +
      '<a data-node="' + ed.s + '">' + esc(a.l) + "</a> <span style=\"color:" + groups[ed.g][1] + '">' + esc(ed.p) + "</span>" + arrow +
      '<a data-node="' + ed.o + '">' + esc(b.l) + "</a> <span class=\"hint\">(" + ed.w + " sentence" + (ed.w === 1 ? "" : "s") +
      ", " + ed.nd + " document" + (ed.nd === 1 ? "" : "s") + ")</span></div>" + evidenceHtml(ed.ev) + "</div>";
  }
  function showNode(j) {
    var nd = nodes[j];
    var rels = nd.out.concat(nd.inc).filter(function (x) { return edgeVisible(edges[x]); });
    rels.sort(function (x, y) { return edges[y].w - edges[x].w; });
    details.innerHTML = '<h2 id="detail-title">' + esc(nd.l) + "</h2>" + badge(nd.t) +
      "<dl>" + (nd.ti ? "<dt>title</dt><dd>" + esc(nd.ti) + "</dd>" : "") +
      (nd.da ? "<dt>date</dt><dd>" + esc(nd.da) + "</dd>" : "") +
      (nd.src ? "<dt>file</dt><dd>" + esc(nd.src) + "</dd>" : "") +
      "<dt>IRI</dt><dd>" + esc(nd.iri) + "</dd>" +
      (nd.sa && nd.sa.length ? "<dt>links</dt><dd>" + nd.sa.map(esc).join("<br>") + "</dd>" : "") +
      "<dt>mentions</dt><dd>" + nd.m + "</dd><dt>documents</dt><dd>" + nd.nd + "</dd>" +
      "<dt>degree</dt><dd>" + nd.deg + " (weighted " + nd.wdeg + ")</dd><dt>betweenness</dt><dd>" + nd.bc.toFixed(4) + "</dd>" +
      "<dt>community</dt><dd>" + nd.com + "</dd></dl>" +
      "<h3>Relations (" + rels.length + ")</h3>" + rels.map(relationHtml).join("");
  }
  function showEdge(j) {
    var ed = edges[j];
    details.innerHTML = '<h2 id="detail-title">' + esc(ed.p) + "</h2>" +
      '<span class="badge" style="background:' + groups[ed.g][1] + '">' + esc(groups[ed.g][0]) + "</span>" +
      "<h3>Evidence</h3>" + relationHtml(j);
  }
  details.addEventListener("click", function (ev) {
    var a = ev.target.closest("[data-node]");
    if (a) { select({ kind: "node", index: +a.dataset.node }, true); }
  });

  function select(hit, centre) {
    selected = hit;
    if (!hit) {
      neighbours = null;
      details.innerHTML = '<p class="hint">Click a node or an edge to see its details and the sentences it was read from.</p>';
    } else if (hit.kind === "node") {
      neighbours = new Set([hit.index]);
      var nd = nodes[hit.index];
      nd.out.forEach(function (x) { neighbours.add(edges[x].o); });
      nd.inc.forEach(function (x) { neighbours.add(edges[x].s); });
      showNode(hit.index);
      if (centre) { view.x = W / 2 - nd.wx * view.k; view.y = H / 2 - nd.wy * view.k; }
    } else {
      neighbours = new Set([edges[hit.index].s, edges[hit.index].o]);
      showEdge(hit.index);
    }
    schedule();
  }

  // ---- interaction
  var drag = null;
  canvas.addEventListener("mousedown", function (ev) {
    drag = { x: ev.clientX, y: ev.clientY, vx: view.x, vy: view.y, moved: false };
    canvas.classList.add("dragging");
  });
  window.addEventListener("mouseup", function (ev) {
    canvas.classList.remove("dragging");
    if (drag && !drag.moved && ev.target === canvas) {
      var rect = canvas.getBoundingClientRect();
      select(hitAt(ev.clientX - rect.left, ev.clientY - rect.top), false);
    }
    drag = null;
  });
  canvas.addEventListener("mousemove", function (ev) {
    var rect = canvas.getBoundingClientRect();
    var sx = ev.clientX - rect.left, sy = ev.clientY - rect.top;
    if (drag) {
      if (Math.abs(ev.clientX - drag.x) + Math.abs(ev.clientY - drag.y) > 3) drag.moved = true;
      view.x = drag.vx + ev.clientX - drag.x; view.y = drag.vy + ev.clientY - drag.y;
      schedule();
      return;
    }
    var hit = hitAt(sx, sy);
    var same = hit && hover && hit.kind === hover.kind && hit.index === hover.index;
    hover = hit;
    if (hit) {
      tooltip.hidden = false;
      if (hit.kind === "node") {
        var nd = nodes[hit.index];
        tooltip.innerHTML = "<b>" + esc(nd.l) + "</b><br>" + esc(types[nd.t][0]) + " · degree " + nd.deg;
      } else {
        var ed = edges[hit.index];
        tooltip.innerHTML = esc(nodes[ed.s].l) + " <b>" + esc(ed.p) + "</b> " + esc(nodes[ed.o].l) + "<br>" + ed.w + " statement(s)";
      }
      tooltip.style.left = Math.min(sx + 14, W - 200) + "px";
      tooltip.style.top = (sy + 14) + "px";
      canvas.style.cursor = "pointer";
    } else {
      tooltip.hidden = true;
      canvas.style.cursor = "";
    }
    if (!same) schedule();
  });
  canvas.addEventListener("mouseleave", function () { tooltip.hidden = true; hover = null; schedule(); });
  canvas.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var rect = canvas.getBoundingClientRect();
    var sx = ev.clientX - rect.left, sy = ev.clientY - rect.top;
    var f = Math.exp(-ev.deltaY * 0.0015);
    var k = Math.max(baseK * 0.2, Math.min(baseK * 60, view.k * f));
    f = k / view.k;
    view.x = sx - (sx - view.x) * f; view.y = sy - (sy - view.y) * f; view.k = k;
    schedule();
  }, { passive: false });
  window.addEventListener("resize", function () { resize(); schedule(); });
  window.addEventListener("keydown", function (ev) {
    if (ev.target === search) return;
    if (ev.key === "Escape") select(null, false);
    else if (ev.key === "/") { ev.preventDefault(); search.focus(); }
  });
  document.getElementById("fit").addEventListener("click", function () { fit(); schedule(); });

  // ---- search
  var search = document.getElementById("search"), results = document.getElementById("results");
  function matches(q) {
    q = q.trim().toLowerCase();
    if (!q) return [];
    var starts = [], within = [];
    for (var j = 0; j < nodes.length; j++) {
      var pos = nodes[j].lower.indexOf(q);
      if (pos === 0) starts.push(j); else if (pos > 0) within.push(j);
    }
    var byDeg = function (a, b) { return nodes[b].deg - nodes[a].deg; };
    return starts.sort(byDeg).concat(within.sort(byDeg)).slice(0, 12);
  }
  search.addEventListener("input", function () {
    var found = matches(search.value);
    results.innerHTML = found.map(function (j, r) {
      return '<li data-node="' + j + '"' + (r === 0 ? ' class="active"' : "") + ">" + esc(nodes[j].l) +
        ' <span class="hint">' + esc(types[nodes[j].t][0]) + "</span></li>";
    }).join("");
    results.hidden = !found.length;
  });
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      var first = results.querySelector("li");
      if (first) { select({ kind: "node", index: +first.dataset.node }, true); results.hidden = true; }
    } else if (ev.key === "Escape") { results.hidden = true; }
  });
  results.addEventListener("click", function (ev) {
    var li = ev.target.closest("li");
    if (li) { select({ kind: "node", index: +li.dataset.node }, true); results.hidden = true; }
  });

  // ---- legend with toggles
  function legend() {
    var perType = types.map(function () { return 0; }), perGroup = groups.map(function () { return 0; });
    nodes.forEach(function (q) { perType[q.t]++; });
    edges.forEach(function (q) { perGroup[q.g]++; });
    document.getElementById("types").innerHTML = types.map(function (t, j) {
      if (!perType[j]) return "";
      return '<li><label><input type="checkbox" data-type="' + j + '" checked><span class="dot" style="background:' + t[1] +
        '"></span>' + esc(t[0]) + ' <span class="count">' + perType[j] + "</span></label></li>";
    }).join("");
    document.getElementById("groups").innerHTML = groups.map(function (g, j) {
      if (!perGroup[j]) return "";
      return '<li><label><input type="checkbox" data-group="' + j + '" checked><span class="line" style="background:' + g[1] +
        '"></span>' + esc(g[0]) + ' <span class="count">' + perGroup[j] + "</span></label></li>";
    }).join("");
    document.getElementById("legend").addEventListener("change", function (ev) {
      var box = ev.target;
      if (box.dataset.type !== undefined) hiddenType[+box.dataset.type] = !box.checked;
      if (box.dataset.group !== undefined) hiddenGroup[+box.dataset.group] = !box.checked;
      applyFilters();
      schedule();
    });
    countsText(nodes.length, edges.length);
  }
  function filters() {
    var only = document.getElementById("stances-only");
    var from = document.getElementById("date-from"), to = document.getElementById("date-to");
    var all = [];
    edges.forEach(function (q) { (q.dt || []).forEach(function (d) { all.push(d); }); });
    all.sort();
    if (all.length) { from.min = to.min = all[0]; from.max = to.max = all[all.length - 1]; }
    function update() {
      stancesOnly = only.checked; dateFrom = from.value || ""; dateTo = to.value || "";
      applyFilters();
      if (selected && selected.kind === "node" && !nodeVisible(nodes[selected.index])) select(null, false);
      schedule();
    }
    only.addEventListener("change", update);
    from.addEventListener("change", update);
    to.addEventListener("change", update);
  }

  // ---- public handle for tests and the benchmark
  window.kgNetwork = {
    ready: false,
    nodeCount: function () { return nodes.length; },
    edgeCount: function () { return edges.length; },
    drawnNodeCount: function () { return drawnNodes; },
    drawnEdgeCount: function () { return drawnEdges; },
    frames: function () { return frames; },
    find: function (label) { return nodes.findIndex(function (q) { return q.l === label; }); },
    screenPosition: function (j) { var s = toScreen(nodes[j].wx, nodes[j].wy); var r = canvas.getBoundingClientRect(); return [s[0] + r.left, s[1] + r.top]; },
    select: function (j) { select({ kind: "node", index: j }, true); draw(); },
    setTypeVisible: function (name, on) { var j = types.findIndex(function (t) { return t[0] === name; }); hiddenType[j] = !on; applyFilters(); draw(); },
    visibleNodeCount: function () { return nodes.filter(nodeVisible).length; },
    visibleEdgeCount: function () { return edges.filter(edgeVisible).length; },
    visibleLabels: function () { return nodes.filter(nodeVisible).map(function (q) { return q.l; }); },
    visiblePredicates: function () { return edges.filter(edgeVisible).map(function (q) { return q.p; }); },
    redraw: function () { draw(); return drawnNodes; }
  };

  resize();
  legend();
  filters();
  applyFilters();
  fit();
  var baseK = view.k;
  buildGrid();
  document.body.dataset.nodeCount = String(nodes.length);
  document.body.dataset.edgeCount = String(edges.length);
  draw();
})();
