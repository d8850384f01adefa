/* warta viz: draws the graph data embedded in the page with vis-network, and filters it offline.
 * Every string that comes from the data is put in the page with textContent (never innerHTML); links are
 * made with DOM APIs, only for http(s) URLs. */
(function () {
  "use strict";

  var timings = { start: performance.now() };  // ms since navigation, for bench/viz_render.py
  window.__wartaTimings = timings;
  var data = JSON.parse(document.getElementById("warta-data").textContent);
  timings.parsed = performance.now();
  var meta = data.meta || {};
  var visits = data.visits || {};
  var articles = data.articles || {};
  var regions = data.regions || {};
  var sectors = data.sectors || {};
  var provinces = data.provinces || {};
  var kindStyle = {};
  var isRegions = meta.view === "regions";
  var state = { sector: "", year: "", colour: "province" };
  var nodeById = {};
  var edgeById = {};
  var HOVER_VISITS = 3;
  var PANEL_VISITS = 60;
  var NEUTRAL = "#8a9bb0";

  (data.legend || []).forEach(function (entry) {
    if (entry.group === "kind") { kindStyle[entry.key] = entry; }
  });
  data.nodes.forEach(function (n) { nodeById[n.id] = n; });
  data.edges.forEach(function (e) { edgeById[e.id] = e; });

  // --- DOM helpers (textContent only) ---------------------------------------------------------------------

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (cls) { node.className = cls; }
    return node;
  }

  function safeHref(url) {
    if (typeof url !== "string") { return null; }
    try {
      var parsed = new URL(url);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
    } catch (error) {
      return null;
    }
  }

  function linkOrText(url, text) {
    var href = safeHref(url);
    if (!href) { return el("span", text); }
    var a = el("a", text);
    a.href = href;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }

  function clip(text, size) {
    text = String(text === undefined || text === null ? "" : text);
    return text.length <= size ? text : text.slice(0, size - 1) + "…";
  }

  function facts(pairs) {
    var dl = el("dl", null, "facts");
    pairs.forEach(function (pair) {
      if (pair[1] === undefined || pair[1] === null || pair[1] === "" ||
          (Array.isArray(pair[1]) && pair[1].length === 0)) { return; }
      dl.appendChild(el("dt", pair[0]));
      dl.appendChild(el("dd", Array.isArray(pair[1]) ? pair[1].join(", ") : pair[1]));
    });
    return dl;
  }

  function regionName(id) { return regions[id] ? regions[id].name : id; }
  function sectorName(id) { return sectors[id] ? sectors[id].label : id; }
  function person(p) {
    var text = p.name;
    if (p.role) { text += " (" + p.role + ")"; }
    if (p.region && regions[p.region]) { text += ", " + regions[p.region].name; }
    return text;
  }

  // --- filters --------------------------------------------------------------------------------------------

  function passes(vid) {
    var v = visits[vid];
    if (!v) { return true; }
    if (state.year && String(v.year) !== state.year) { return false; }
    if (state.sector && (v.sectors || []).indexOf(state.sector) < 0) { return false; }
    return true;
  }

  function liveVisits(item) { return (item.v || []).filter(passes); }
  function itemShown(item) { return !item.v || item.v.length === 0 || item.v.some(passes); }

  // --- tooltips and details -------------------------------------------------------------------------------

  function visitBlock(vid, full) {
    var v = visits[vid];
    var box = el("div", null, "visit");
    if (!v) { box.appendChild(el("div", vid)); return box; }
    var who = (v.visitors || []).map(regionName).join(", ") || "?";
    box.appendChild(el("div", who + " → " + regionName(v.host), "heading"));
    box.appendChild(facts([
      ["date", v.date],
      ["type", v.type],
      ["delegation", v.size ? v.size + " people" : null],
      ["led by", (v.ledBy || []).map(person)],
      ["received by", (v.receivedBy || []).map(person)],
      ["sectors", (v.sectors || []).map(sectorName)],
      ["also mentioned", full ? (v.mentioned || []).map(sectorName) : null],
      ["venue", full ? v.venue : null],
      ["delegation from", full ? v.body : null]
    ]));
    var evidence = v.evidence || [];
    evidence.slice(0, full ? evidence.length : 1).forEach(function (ev) {
      if (ev.quote) { box.appendChild(el("blockquote", full ? ev.quote : clip(ev.quote, 320))); }
      var article = articles[ev.article] || {};
      var source = el("div", null, "source");
      source.appendChild(el("span", "— "));
      source.appendChild(linkOrText(article.url, article.headline || ev.article));
      var extra = [article.publisher, article.published].filter(Boolean).join(", ");
      if (extra) { source.appendChild(el("span", " (" + extra + ")")); }
      box.appendChild(source);
    });
    if (!full && evidence.length > 1) {
      box.appendChild(el("div", "+ " + (evidence.length - 1) + " more report(s): click to see", "more"));
    }
    if (full && v.iri) { box.appendChild(el("div", v.iri, "iri")); }
    return box;
  }

  function visitList(box, vids, full) {
    var limit = full ? PANEL_VISITS : HOVER_VISITS;
    vids.slice(0, limit).forEach(function (vid) { box.appendChild(visitBlock(vid, full)); });
    if (vids.length > limit) {
      box.appendChild(el("div", "… and " + (vids.length - limit) + " more visit(s)", "more"));
    }
  }

  function nodeContent(id, full) {
    var n = nodeById[id];
    var box = el("div");
    if (!n) { return box; }
    if (n.kind === "region") {
      var r = regions[id] || {};
      box.appendChild(el("div", r.name || n.label, "heading"));
      var live = liveVisits(n);
      var hosted = live.filter(function (vid) { return visits[vid] && visits[vid].host === id; }).length;
      box.appendChild(facts([
        ["kind", r.kind],
        ["code", r.code],
        ["province", r.province && provinces[r.province] && r.kind !== "province" ? provinces[r.province].name : null],
        ["visited", hosted + " time(s)"],
        ["visits made", (live.length - hosted) + ""],
        ["PageRank", meta.sizeBy === "pagerank" && typeof n.score === "number" ? n.score.toFixed(4) : null]
      ]));
      if (full) { visitList(box, live, true); }
    } else if (n.kind === "visit" && visits[id]) {
      box.appendChild(visitBlock(id, full));
    } else if (n.kind === "article" && articles[id]) {
      var a = articles[id];
      var heading = el("div", null, "heading");
      heading.appendChild(linkOrText(a.url, a.headline));
      box.appendChild(heading);
      box.appendChild(facts([["published", a.published], ["publisher", a.publisher], ["reports", liveVisits(n).length + " visit(s)"]]));
      if (full) { visitList(box, liveVisits(n), true); }
    } else if (n.kind === "sector") {
      var sid = id.indexOf("sector/") === 0 ? id.slice(7) : id;
      var s = sectors[sid] || {};
      box.appendChild(el("div", s.label || n.label, "heading"));
      box.appendChild(facts([["in English", s.en], ["visits", liveVisits(n).length + ""]]));
      if (full) { visitList(box, liveVisits(n), true); }
    } else if (n.kind === "official") {
      var roles = [];
      liveVisits(n).forEach(function (vid) {
        var v = visits[vid];
        (v ? (v.ledBy || []).concat(v.receivedBy || []) : []).forEach(function (p) {
          if (p.id === id && roles.indexOf(person(p)) < 0) { roles.push(person(p)); }
        });
      });
      box.appendChild(el("div", roles[0] || n.label, "heading"));
      box.appendChild(facts([["visits", liveVisits(n).length + ""]]));
      if (full) { visitList(box, liveVisits(n), true); }
    } else {
      box.appendChild(el("div", n.label, "heading"));
    }
    if (n.facts && n.facts.length) { box.appendChild(facts(n.facts.slice(0, full ? 200 : 8))); }
    if (full && n.iri) { box.appendChild(el("div", n.iri, "iri")); }
    return box;
  }

  function edgeContent(id, full) {
    var e = edgeById[id];
    var box = el("div");
    if (!e) { return box; }
    var live = liveVisits(e);
    if (isRegions) {
      box.appendChild(el("div", regionName(e.from) + " → " + regionName(e.to), "heading"));
      box.appendChild(el("div", live.length + " visit(s)"));
      visitList(box, live, full);
    } else {
      var from = nodeById[e.from], to = nodeById[e.to];
      box.appendChild(el("div", (from ? from.label : e.from) + " —" + e.label + "→ " + (to ? to.label : e.to), "heading"));
      if (live.length === 1) { box.appendChild(visitBlock(live[0], full)); }
    }
    return box;
  }

  var tooltip = document.getElementById("tooltip");
  var details = document.getElementById("details");

  function showTooltip(content, pointer) {
    tooltip.replaceChildren(content);
    tooltip.hidden = false;
    var rect = container.getBoundingClientRect();
    var x = rect.left + pointer.x + 14, y = rect.top + pointer.y + 14;
    var w = tooltip.offsetWidth, h = tooltip.offsetHeight;
    if (x + w > window.innerWidth - 4) { x = Math.max(4, rect.left + pointer.x - w - 14); }
    if (y + h > window.innerHeight - 4) { y = Math.max(4, window.innerHeight - h - 4); }
    tooltip.style.left = x + "px";
    tooltip.style.top = y + "px";
  }

  function hideTooltip() { tooltip.hidden = true; tooltip.replaceChildren(); }

  // --- colours, legend ------------------------------------------------------------------------------------

  function dominantSector(vids) {
    var counts = {}, best = null;
    vids.forEach(function (vid) {
      ((visits[vid] || {}).sectors || []).forEach(function (s) {
        counts[s] = (counts[s] || 0) + 1;
        if (best === null || counts[s] > counts[best] || (counts[s] === counts[best] && s < best)) { best = s; }
      });
    });
    return best;
  }

  function nodeColour(n) {
    if (isRegions) {
      if (state.colour === "sector") { return NEUTRAL; }
      return provinces[n.group] ? provinces[n.group].color : NEUTRAL;
    }
    return (kindStyle[n.kind] || kindStyle.other || { color: NEUTRAL }).color;
  }

  function edgeColour(e, live) {
    if (isRegions && state.colour === "sector") {
      var s = dominantSector(live);
      return s && sectors[s] ? sectors[s].color : "#b8c0cc";
    }
    if (isRegions) {
      var from = nodeById[e.from];
      return from ? nodeColour(from) : NEUTRAL;
    }
    return "#9aa3ad";
  }

  function drawLegend() {
    var list = document.querySelector("#legend ul");
    list.replaceChildren();
    var groups = isRegions ? [state.colour] : ["kind", "edge"];
    (data.legend || []).forEach(function (entry) {
      if (groups.indexOf(entry.group) < 0) { return; }
      var item = el("li");
      var symbol = el("span", entry.symbol || "●", "symbol");
      symbol.style.color = entry.color;
      item.appendChild(symbol);
      item.appendChild(el("span", entry.label));
      list.appendChild(item);
    });
  }

  // --- vis data -------------------------------------------------------------------------------------------
  // Sizes and widths are computed here (no vis-network "value" scaling, which costs a pass over every item
  // on each change): a region's area grows with how often it was visited under the current filters, an
  // edge's width with the log of its number of visits.

  var large = !!meta.large;
  var SIZE = isRegions ? { min: 5, max: 28 } : { min: 8, max: 24 };
  var nodeShown = {};
  var applied = {};

  function computeShown() {
    data.nodes.forEach(function (n) { nodeShown[n.id] = itemShown(n); });
    if (isRegions) {  // a region without a visit left is hidden
      var touched = {};
      data.edges.forEach(function (e) {
        if (itemShown(e)) { touched[e.from] = true; touched[e.to] = true; }
      });
      data.nodes.forEach(function (n) { nodeShown[n.id] = nodeShown[n.id] && !!touched[n.id]; });
    }
  }

  function nodeValue(n) {
    if (!isRegions || meta.sizeBy !== "visits") { return n.value || 0; }
    return liveVisits(n).filter(function (vid) { return visits[vid] && visits[vid].host === n.id; }).length;
  }

  function sizeOf(value, top) {
    if (!(top > 0)) { return SIZE.min; }
    return Math.round((SIZE.min + (SIZE.max - SIZE.min) * Math.sqrt(Math.max(0, value) / top)) * 10) / 10;
  }

  function widthOf(count) { return Math.round(Math.min(10, 1 + 2 * Math.log2(Math.max(1, count))) * 10) / 10; }

  function nodeColours(n) {
    return { background: nodeColour(n), border: "#2b3440", highlight: { background: "#ffd24d", border: "#2b3440" },
      hover: { background: nodeColour(n), border: "#000000" } };
  }

  // what each item shows under the current filters: {id, hidden, size|width, color}
  function states() {
    computeShown();
    var values = {}, top = 0;
    data.nodes.forEach(function (n) {  // large graphs keep their sizes: resizing thousands of nodes is slow
      values[n.id] = large ? (n.value || 0) : nodeValue(n);
      if ((large || nodeShown[n.id]) && values[n.id] > top) { top = values[n.id]; }
    });
    var nodeStates = data.nodes.map(function (n) {
      return { id: n.id, hidden: !nodeShown[n.id], size: sizeOf(values[n.id], top), color: nodeColours(n) };
    });
    var edgeStates = data.edges.map(function (e) {
      var live = liveVisits(e);
      var item = {
        id: e.id,
        hidden: !itemShown(e) || !nodeShown[e.from] || !nodeShown[e.to],
        color: { color: edgeColour(e, live), opacity: 0.75, highlight: "#e0a100", hover: "#e0a100" }
      };
      if (isRegions) { item.width = widthOf(live.length); }
      return item;
    });
    return { nodes: nodeStates, edges: edgeStates };
  }

  // the fields of `item` that differ from what vis-network was last given ({id, ...}), or null; remembers
  // them. Updates carry only those fields: vis-network parses every field of every updated item again.
  function changes(prefix, item) {
    var before = applied[prefix + item.id] || {};
    var after = {}, update = { id: item.id }, changed = false;
    Object.keys(item).forEach(function (key) {
      if (key === "id") { return; }
      after[key] = typeof item[key] === "object" ? JSON.stringify(item[key]) : item[key];
      if (after[key] !== before[key]) { update[key] = item[key]; changed = true; }
    });
    applied[prefix + item.id] = after;
    return changed ? update : null;
  }

  var initial = states();
  var nodes = new vis.DataSet(data.nodes.map(function (n, i) {
    var item = initial.nodes[i];
    changes("n:", item);
    item.label = n.label;
    item.shape = isRegions ? "dot" : ((kindStyle[n.kind] || {}).shape || "dot");
    if (typeof n.x === "number" && typeof n.y === "number") { item.x = n.x; item.y = n.y; }
    if (n.fixed || meta.physics === false) { item.fixed = { x: true, y: true }; }
    return item;
  }));
  var edges = new vis.DataSet(data.edges.map(function (e, i) {
    var item = initial.edges[i];
    changes("e:", item);
    item.from = e.from;
    item.to = e.to;
    if (e.label) { item.label = e.label; }
    return item;
  }));
  timings.datasets = performance.now();

  var container = document.getElementById("network");
  var options = {
    autoResize: true,
    layout: { improvedLayout: !large && meta.physics !== false, randomSeed: 7 },
    nodes: {
      font: { size: 12, color: "#1d2430", strokeWidth: 3, strokeColor: "#ffffff" },
      borderWidth: 1
    },
    edges: {
      smooth: large ? false : { enabled: true, type: "continuous", roundness: 0.25 },
      font: { size: 10, color: "#555", strokeWidth: 3, strokeColor: "#ffffff", align: "middle" },
      arrows: { to: { enabled: true, scaleFactor: 0.5 } },
      width: 1,
      selectionWidth: 2
    },
    physics: meta.physics === false ? { enabled: false } : {
      enabled: true,
      solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -60, springLength: 90, avoidOverlap: 0.4 },
      stabilization: { enabled: true, iterations: 400, fit: true }
    },
    interaction: {
      hover: true,
      tooltipDelay: 120,
      hideEdgesOnDrag: large,
      hideEdgesOnZoom: large,
      navigationButtons: false,
      keyboard: false
    }
  };
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  timings.network = performance.now();

  // the map behind a geographic layout: every region of the store as a faint dot
  var backdrop = data.backdrop || [];
  if (backdrop.length) {
    network.on("beforeDrawing", function (ctx) {
      ctx.save();
      ctx.fillStyle = "#dfe4ea";
      backdrop.forEach(function (p) { ctx.beginPath(); ctx.arc(p[0], p[1], 3, 0, 2 * Math.PI); ctx.fill(); });
      ctx.restore();
    });
  }

  // --- interaction ----------------------------------------------------------------------------------------

  function pointerOf(params, id, isNode) {
    if (params && params.pointer && params.pointer.DOM) { return params.pointer.DOM; }
    if (isNode) { var p = network.getPositions([id])[id]; if (p) { return network.canvasToDOM(p); } }
    return { x: 0, y: 0 };
  }

  network.on("hoverNode", function (params) { showTooltip(nodeContent(params.node, false), pointerOf(params, params.node, true)); });
  network.on("hoverEdge", function (params) { showTooltip(edgeContent(params.edge, false), pointerOf(params, params.edge, false)); });
  network.on("blurNode", hideTooltip);
  network.on("blurEdge", hideTooltip);
  network.on("dragStart", hideTooltip);
  network.on("zoom", hideTooltip);
  network.on("click", function (params) {
    if (params.nodes && params.nodes.length) {
      details.replaceChildren(nodeContent(params.nodes[0], true));
    } else if (params.edges && params.edges.length) {
      details.replaceChildren(edgeContent(params.edges[0], true));
    }
  });

  function updateCounts() {
    var shownNodes = 0, shownEdges = 0, shownVisits = 0;
    nodes.forEach(function (n) { if (!n.hidden) { shownNodes += 1; } });
    edges.forEach(function (e) { if (!e.hidden) { shownEdges += 1; } });
    Object.keys(visits).forEach(function (vid) { if (passes(vid)) { shownVisits += 1; } });
    var what = isRegions ? " regions, " : " nodes, ";
    var how = isRegions ? " links, " : " edges, ";
    document.getElementById("counts").textContent =
      shownNodes + what + shownEdges + how + shownVisits + " visits";
  }

  function refresh() {
    var started = performance.now();
    var now = states();
    var nodeUpdates = now.nodes.map(function (item) { return changes("n:", item); }).filter(Boolean);
    var edgeUpdates = now.edges.map(function (item) { return changes("e:", item); }).filter(Boolean);
    var computed = performance.now();
    // only what changed: each update makes vis-network parse the item's options again
    if (nodeUpdates.length) { nodes.update(nodeUpdates); }
    if (edgeUpdates.length) { edges.update(edgeUpdates); }
    hideTooltip();
    drawLegend();
    updateCounts();
    timings.refresh = {
      compute: computed - started,
      update: performance.now() - computed,
      nodes: nodeUpdates.length,
      edges: edgeUpdates.length
    };
  }

  // --- controls -------------------------------------------------------------------------------------------

  var sectorSelect = document.getElementById("sector-filter");
  (meta.sectorsPresent || []).forEach(function (sid) {
    var option = el("option", sectorName(sid));
    option.value = sid;
    sectorSelect.appendChild(option);
  });
  var yearSelect = document.getElementById("year-filter");
  (meta.years || []).forEach(function (year) {
    var option = el("option", year);
    option.value = String(year);
    yearSelect.appendChild(option);
  });
  sectorSelect.addEventListener("change", function () { state.sector = sectorSelect.value; refresh(); });
  yearSelect.addEventListener("change", function () { state.year = yearSelect.value; refresh(); });
  var colourSelect = document.getElementById("colour-by");
  if (isRegions) {
    colourSelect.addEventListener("change", function () { state.colour = colourSelect.value; refresh(); });
  } else {
    document.getElementById("colour-control").hidden = true;
  }
  document.getElementById("fit").addEventListener("click", function () { network.fit(); });

  document.getElementById("title").textContent = meta.title || "warta";
  document.title = meta.title || "warta";
  drawLegend();
  updateCounts();

  // --- hooks for tests and benchmarks ---------------------------------------------------------------------

  var ready = false;
  network.on("afterDrawing", function () {
    if (ready) { return; }
    ready = true;
    window.__wartaReadyAt = timings.drawn = performance.now();
    window.__wartaReady = true;
  });
  window.__warta = {
    network: network,
    nodes: nodes,
    edges: edges,
    data: data,
    setFilters: function (sector, year) {
      state.sector = sector || "";
      state.year = year ? String(year) : "";
      sectorSelect.value = state.sector;
      yearSelect.value = state.year;
      refresh();
    },
    setColour: function (colour) { state.colour = colour; colourSelect.value = colour; refresh(); },
    shown: function () {
      var visibleNodes = 0, visibleEdges = 0;
      Object.keys(network.body.nodes).forEach(function (id) {
        if (network.body.nodes[id].options.hidden === false && nodeById[id]) { visibleNodes += 1; }
      });
      Object.keys(network.body.edges).forEach(function (id) {
        var edge = network.body.edges[id];
        if (edge.options.hidden === false && edgeById[id] && !network.body.nodes[edge.fromId].options.hidden &&
            !network.body.nodes[edge.toId].options.hidden) { visibleEdges += 1; }
      });
      return { nodes: visibleNodes, edges: visibleEdges };
    }
  };
}());
