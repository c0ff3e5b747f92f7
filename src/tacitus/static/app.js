// Tacitus web UI: a map, a timeline, an actor graph and every event one click from its evidence.
//
// Every piece of text from the store or the pipeline is put in the page with textContent
// (d3's .text()), never as markup, and the page's policy allows no inline script: an article
// containing "<script>" shows as text and runs nothing.
"use strict";

(function () {
  const API = {
    points: "/points",
    events: "/events",
    stats: "/stats",
    graph: "/actors/graph",
    article: (id) => `/articles/${encodeURIComponent(id)}`,
    extract: "/extract",
    export: "/export",
  };
  /** Points per request, and the most the map loads (newest first): beyond, a note says so. */
  const POINTS_PAGE = 5000;
  const MAX_MAP_POINTS = 20000;
  /** The other parts of a load wait until the map shows this many points (or all): on a
   *  busy server the map is what the user waits for. */
  const FIRST_RENDER_POINTS = 10000;
  const EVENTS_PAGE = 50;
  const GRAPH_EDGES = 40;
  /** Markers closer than this many pixels are drawn as one cluster. */
  const CLUSTER_CELL = 26;
  /** The ring around a single marker shows how precisely it is placed (ACLED's geo_precision:
   *  1 the town itself, 2 near a town or part of a region, 3 only the region). */
  const PRECISION_RING = { 1: 5, 2: 9, 3: 14 };
  const UNKNOWN_PRECISION_RING = 14;
  const FILTER_FIELDS = ["type", "country", "since", "until", "actor", "min_fatalities", "q"];

  const state = {
    filters: {},
    points: [], // {lonLat, x, y, type, day, article, event, precision, cluster}
    brush: null, // [first day, last day] as YYYY-MM-DD, or null
    eventsCursor: null,
    loading: null, // the AbortController of the current load
    zoom: d3.zoomIdentity,
    drawn: [], // the markers of the last frame: {x, y, r, points}
  };
  const colour = d3.scaleOrdinal(d3.schemeTableau10.concat(d3.schemeSet2));

  // --- helpers ------------------------------------------------------------------------

  function query(params) {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) {
      if (value !== undefined && value !== null && value !== "") search.set(name, value);
    }
    const text = search.toString();
    return text ? `?${text}` : "";
  }

  /** The JSON at `url`; an AbortError once `signal` is aborted, even if the answer arrived,
   *  so that a superseded load never draws its data over the current one. */
  async function getJSON(url, signal) {
    const response = await fetch(url, { signal, headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(await problem(response));
    const body = await response.json();
    if (signal && signal.aborted) throw new DOMException("superseded", "AbortError");
    return body;
  }

  async function problem(response) {
    try {
      const body = await response.json();
      const detail = Array.isArray(body.detail)
        ? body.detail.map((d) => `${d.loc ? d.loc[d.loc.length - 1] : ""}: ${d.msg}`).join("; ")
        : body.detail;
      return `${response.status}: ${detail}`;
    } catch {
      return `${response.status} ${response.statusText}`;
    }
  }

  function setStatus(text, isError = false) {
    const node = document.getElementById("status");
    node.textContent = text;
    node.classList.toggle("error", isError);
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function number(value) {
    return value.toLocaleString("en");
  }

  /** `text` into `parent` as text nodes, the [start, end) ranges of `spans` (sorted, not
   *  overlapping) wrapped in <mark class=...>; a span's `inner` spans are marked inside it. */
  function appendMarked(parent, text, from, to, spans) {
    let at = from;
    for (const span of spans) {
      const start = Math.max(span.start, at);
      const end = Math.min(span.end, to);
      if (end <= start) continue;
      if (start > at) parent.append(document.createTextNode(text.slice(at, start)));
      const mark = el("mark", span.className);
      if (span.title) mark.title = span.title;
      if (span.id) mark.id = span.id;
      appendMarked(mark, text, start, end, span.inner || []);
      parent.append(mark);
      at = end;
    }
    if (at < to) parent.append(document.createTextNode(text.slice(at, to)));
  }

  /** Overlapping [start, end) ranges merged; each merged range keeps the items inside it. */
  function mergedRanges(ranges) {
    const sorted = ranges.slice().sort((a, b) => a.start - b.start || b.end - a.end);
    const merged = [];
    for (const range of sorted) {
      const last = merged[merged.length - 1];
      if (last && range.start < last.end) {
        last.end = Math.max(last.end, range.end);
        last.items.push(range.item);
      } else {
        merged.push({ start: range.start, end: range.end, items: [range.item] });
      }
    }
    return merged;
  }

  // --- filters ------------------------------------------------------------------------

  function readFilters() {
    const form = document.getElementById("filters");
    const filters = {};
    for (const name of FILTER_FIELDS) {
      const value = form.elements[name].value.trim();
      if (value) filters[name] = value;
    }
    return filters;
  }

  function fillSelect(select, values, label) {
    const current = select.value;
    for (const value of values) {
      const option = el("option", null, label(value));
      option.value = value.key;
      select.append(option);
    }
    select.value = current;
  }

  function updateExportLinks() {
    for (const format of ["csv", "jsonl", "geojson", "parquet"]) {
      const link = document.getElementById(`export-${format}`);
      link.href = API.export + query({ ...state.filters, format });
    }
  }

  // --- loading ------------------------------------------------------------------------

  /** Everything the filters select, each part drawn as it arrives; a new load cancels the
   *  one running, so the page never waits and never shows a mix of two filters. */
  function loadAll() {
    if (state.loading) state.loading.abort();
    const controller = new AbortController();
    state.loading = controller;
    const signal = controller.signal;
    setStatus("Loading…");
    updateExportLinks();
    // the map's points go first; the counts, the list and the graph follow (see
    // FIRST_RENDER_POINTS)
    let mapShown;
    const firstPage = new Promise((resolve) => {
      mapShown = resolve;
    });
    const points = loadPoints(signal, mapShown);
    const others = firstPage.then(() =>
      Promise.all([loadStats(signal), loadEvents(signal, true), loadGraph(signal)]),
    );
    Promise.all([points, others])
      .then(() => {
        if (!signal.aborted) describeView();
      })
      .catch((error) => {
        if (error.name !== "AbortError") setStatus(`Could not load: ${error.message}`, true);
      });
  }

  async function loadStats(signal) {
    const stats = await getJSON(API.stats + query(state.filters), signal);
    state.stats = stats;
    if (!state.choicesFilled && !Object.keys(state.filters).length) {
      // the counts of everything: the types and countries one may filter by
      state.choicesFilled = true;
      fillSelect(
        document.getElementById("filter-type"),
        stats.by_type.map((t) => ({ key: t.type, events: t.events })),
        (t) => `${t.key} (${number(t.events)})`,
      );
      fillSelect(
        document.getElementById("filter-country"),
        stats.by_country.filter((c) => c.country).map((c) => ({ key: c.country, events: c.events })),
        (c) => `${c.key} (${number(c.events)})`,
      );
    }
    drawLegend(stats.by_type);
    drawTimeline(stats.by_day);
    document.getElementById("events-count").textContent = `(${number(stats.events)})`;
  }

  async function loadPoints(signal, firstPageDrawn) {
    const map = document.getElementById("map");
    map.dataset.ready = "false";
    state.points = [];
    let cursor = null;
    do {
      const page = await getJSON(
        API.points + query({ ...state.filters, limit: POINTS_PAGE, cursor }),
        signal,
      );
      addPoints(page);
      cursor = page.next;
      drawMap();
      if (state.points.length >= FIRST_RENDER_POINTS || !cursor) firstPageDrawn();
    } while (cursor && state.points.length < MAX_MAP_POINTS);
    state.truncated = Boolean(cursor);
    map.dataset.ready = "true";
    drawMap();
  }

  function addPoints(page) {
    const at = Object.fromEntries(page.columns.map((name, index) => [name, index]));
    for (const row of page.rows) {
      const lonLat = [row[at.lon], row[at.lat]];
      const projected = projection(lonLat);
      if (!projected) continue;
      state.points.push({
        lonLat,
        x: projected[0],
        y: projected[1],
        type: row[at.type],
        day: row[at.first_day],
        article: row[at.article],
        event: row[at.event],
        precision: row[at.geo_precision],
        cluster: row[at.cluster],
      });
    }
  }

  async function loadEvents(signal, fresh) {
    const list = document.getElementById("event-list");
    const more = document.getElementById("events-more");
    if (fresh) state.eventsCursor = null;
    const page = await getJSON(
      API.events + query({ ...state.filters, limit: EVENTS_PAGE, cursor: state.eventsCursor }),
      signal,
    );
    if (fresh) list.replaceChildren();
    for (const item of page.items) list.append(eventItem(item));
    state.eventsCursor = page.next;
    more.hidden = !page.next;
  }

  function eventItem(item) {
    const li = el("li");
    const button = el("button", "event-button");
    button.type = "button";
    button.dataset.article = item.article;
    button.dataset.event = item.event;
    button.append(el("span", "type", item.type));
    const where = [item.place, item.country].filter(Boolean).join(", ");
    const meta = [item.first_day || "undated", where, item.fatalities ? `${item.fatalities} killed` : ""]
      .filter(Boolean)
      .join(" · ");
    button.append(document.createTextNode(" "), el("span", "meta", meta));
    button.append(el("span", "snippet", item.evidence));
    button.addEventListener("click", () => openEvent(item.article, item.event, item.cluster));
    li.append(button);
    return li;
  }

  function describeView() {
    const inView = pointsInView().length;
    const parts = [`${number(state.stats.events)} events`, `${number(inView)} on the map`];
    if (state.brush) parts.push(`${state.brush[0]} to ${state.brush[1]} brushed`);
    setStatus(parts.join(" · "));
    const note = document.getElementById("map-note");
    note.textContent = state.truncated
      ? `The map shows the newest ${number(state.points.length)} placed events; narrow the filters to see the rest.`
      : "";
  }

  // --- the map ------------------------------------------------------------------------

  const canvas = document.getElementById("map-canvas");
  const context = canvas.getContext("2d");
  let projection;
  let countries;
  let borders;
  let sphere;

  function sizeCanvas() {
    const ratio = window.devicePixelRatio || 1;
    const { width, height } = canvas.getBoundingClientRect();
    canvas.width = Math.max(1, Math.round(width * ratio));
    canvas.height = Math.max(1, Math.round(height * ratio));
    return { width, height, ratio };
  }

  /** Natural Earth projection of the whole sphere; d3 clips every polygon at the
   *  antimeridian, so Russia, Fiji and the Chukotka coast are drawn whole, not smeared
   *  across the map. The basemap is one cached Path2D, redrawn under the zoom transform. */
  function setUpProjection(world) {
    const { width, height } = canvas.getBoundingClientRect();
    projection = d3.geoNaturalEarth1().fitSize([width, height], { type: "Sphere" });
    const path = d3.geoPath(projection);
    sphere = new Path2D(path({ type: "Sphere" }));
    if (world) {
      const land = topojson.feature(world, world.objects.countries);
      countries = new Path2D(path(land));
      borders = new Path2D(path(topojson.mesh(world, world.objects.countries, (a, b) => a !== b)));
    }
  }

  function pointsInView() {
    if (!state.brush) return state.points;
    const [first, last] = state.brush;
    return state.points.filter((p) => p.day && p.day >= first && p.day <= last);
  }

  /** Markers within CLUSTER_CELL pixels of each other, on screen at the current zoom, become
   *  one marker sized by its count and coloured by its most frequent type. */
  function clusters(points, transform, width, height) {
    const cells = new Map();
    for (const point of points) {
      const x = transform.applyX(point.x);
      const y = transform.applyY(point.y);
      if (x < -20 || y < -20 || x > width + 20 || y > height + 20) continue;
      const key = `${Math.floor(x / CLUSTER_CELL)},${Math.floor(y / CLUSTER_CELL)}`;
      let cell = cells.get(key);
      if (!cell) {
        cell = { x: 0, y: 0, points: [], types: new Map() };
        cells.set(key, cell);
      }
      cell.x += x;
      cell.y += y;
      cell.points.push(point);
      cell.types.set(point.type, (cell.types.get(point.type) || 0) + 1);
    }
    return Array.from(cells.values(), (cell) => {
      const count = cell.points.length;
      let type = null;
      let most = 0;
      for (const [name, seen] of cell.types) if (seen > most) [type, most] = [name, seen];
      return { x: cell.x / count, y: cell.y / count, points: cell.points, type };
    });
  }

  function drawMap() {
    if (!projection) return;
    const { width, height, ratio } = sizeCanvas();
    const t = state.zoom;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);
    context.save();
    context.translate(t.x, t.y);
    context.scale(t.k, t.k);
    context.fillStyle = getComputedStyle(document.documentElement).getPropertyValue("--sea");
    context.fill(sphere);
    if (countries) {
      context.fillStyle = "#e4e8ec";
      context.fill(countries);
      context.strokeStyle = "#aab4bf";
      context.lineWidth = 0.6 / t.k;
      context.stroke(borders);
    }
    context.strokeStyle = "#aab4bf";
    context.lineWidth = 1 / t.k;
    context.stroke(sphere);
    context.restore();

    const visible = pointsInView();
    const markers = clusters(visible, t, width, height);
    state.drawn = [];
    for (const marker of markers) drawMarker(marker);
    const map = document.getElementById("map");
    map.dataset.markers = String(markers.length);
    map.dataset.events = String(visible.length);
  }

  function drawMarker(marker) {
    const count = marker.points.length;
    const fill = colour(marker.type);
    context.beginPath();
    if (count === 1) {
      const ring = PRECISION_RING[marker.points[0].precision] || UNKNOWN_PRECISION_RING;
      context.arc(marker.x, marker.y, ring, 0, 2 * Math.PI);
      context.strokeStyle = fill;
      context.globalAlpha = 0.55;
      context.lineWidth = 1.5;
      context.stroke();
      context.globalAlpha = 1;
      context.beginPath();
      context.arc(marker.x, marker.y, 3.5, 0, 2 * Math.PI);
      context.fillStyle = fill;
      context.fill();
      state.drawn.push({ x: marker.x, y: marker.y, r: Math.max(ring, 6), points: marker.points });
      return;
    }
    const radius = 7 + Math.min(12, Math.sqrt(count));
    context.arc(marker.x, marker.y, radius, 0, 2 * Math.PI);
    context.fillStyle = fill;
    context.globalAlpha = 0.8;
    context.fill();
    context.globalAlpha = 1;
    context.strokeStyle = "white";
    context.lineWidth = 1.5;
    context.stroke();
    context.fillStyle = "white";
    context.font = "600 11px system-ui, sans-serif";
    context.textAlign = "center";
    context.textBaseline = "middle";
    context.fillText(count > 999 ? `${Math.round(count / 1000)}k` : String(count), marker.x, marker.y);
    state.drawn.push({ x: marker.x, y: marker.y, r: radius, points: marker.points });
  }

  /** A click on a single marker opens its event; on a cluster, zooms in on it. */
  function clickMap(event) {
    const [x, y] = d3.pointer(event, canvas);
    let best = null;
    let bestDistance = Infinity;
    for (const marker of state.drawn) {
      const distance = Math.hypot(marker.x - x, marker.y - y);
      if (distance <= marker.r && distance < bestDistance) [best, bestDistance] = [marker, distance];
    }
    if (!best) return;
    if (best.points.length === 1) {
      const [point] = best.points;
      openEvent(point.article, point.event, point.cluster);
    } else {
      d3.select(canvas).transition().duration(400).call(zoom.scaleBy, 3, [best.x, best.y]);
    }
  }

  const zoom = d3
    .zoom()
    .scaleExtent([1, 256])
    .on("zoom", (event) => {
      state.zoom = event.transform;
      window.requestAnimationFrame(drawMap);
    });

  function drawLegend(byType) {
    const legend = d3.select("#legend");
    legend.selectAll("*").remove();
    for (const { type } of byType) {
      const item = legend.append("li");
      item.append("span").attr("class", "swatch").style("background", colour(type));
      item.append("span").text(type);
    }
    legend
      .append("li")
      .attr("class", "rings")
      .text("ring: place precision (small: town, large: region)");
  }

  // --- the timeline -------------------------------------------------------------------

  function drawTimeline(byDay) {
    const svg = d3.select("#timeline");
    svg.selectAll("*").remove();
    const { width, height } = svg.node().getBoundingClientRect();
    if (!byDay.length || width === 0) return;
    const margin = { top: 8, right: 12, bottom: 20, left: 36 };
    const days = byDay.map((d) => ({ day: d3.utcParse("%Y-%m-%d")(d.day), events: d.events }));
    const first = d3.min(days, (d) => d.day);
    const last = d3.utcDay.offset(d3.max(days, (d) => d.day), 1);
    // bars of a day, a week or a month, so that there are at most about 150 of them
    const span = d3.utcDay.count(first, last);
    const interval = span <= 150 ? d3.utcDay : span <= 150 * 7 ? d3.utcWeek : d3.utcMonth;
    const bins = d3.rollup(days, (group) => d3.sum(group, (d) => d.events), (d) => +interval.floor(d.day));
    const x = d3
      .scaleUtc()
      .domain([interval.floor(first), interval.ceil(last)])
      .range([margin.left, width - margin.right]);
    const y = d3
      .scaleLinear()
      .domain([0, d3.max(bins.values())])
      .nice()
      .range([height - margin.bottom, margin.top]);
    svg
      .append("g")
      .selectAll("rect")
      .data(Array.from(bins, ([start, events]) => ({ start: new Date(start), events })))
      .join("rect")
      .attr("class", "bar")
      .attr("x", (d) => x(d.start))
      .attr("width", (d) => Math.max(1, x(interval.offset(d.start, 1)) - x(d.start) - 1))
      .attr("y", (d) => y(d.events))
      .attr("height", (d) => y(0) - y(d.events))
      .append("title")
      .text((d) => `${d3.utcFormat("%Y-%m-%d")(d.start)}: ${d.events} events`);
    svg
      .append("g")
      .attr("class", "axis")
      .attr("transform", `translate(0,${height - margin.bottom})`)
      .call(
        d3
          .axisBottom(x)
          .ticks(Math.max(1, Math.min(bins.size, Math.floor(width / 90))))
          .tickFormat(d3.utcFormat(interval === d3.utcMonth ? "%Y-%m" : "%Y-%m-%d")),
      );
    svg
      .append("g")
      .attr("class", "axis")
      .attr("transform", `translate(${margin.left},0)`)
      .call(d3.axisLeft(y).ticks(3));
    const format = d3.utcFormat("%Y-%m-%d");
    const brush = d3
      .brushX()
      .extent([
        [margin.left, margin.top],
        [width - margin.right, height - margin.bottom],
      ])
      .on("end", (event) => {
        if (!event.selection) {
          state.brush = null;
        } else {
          const [start, end] = event.selection.map(x.invert);
          state.brush = [format(d3.utcDay.floor(start)), format(d3.utcDay.offset(d3.utcDay.ceil(end), -1))];
        }
        drawMap();
        if (state.stats) describeView();
      });
    svg.append("g").attr("class", "brush").call(brush);
    state.brush = null;
  }

  // --- the actor graph ----------------------------------------------------------------

  let simulation = null;

  async function loadGraph(signal) {
    const graph = await getJSON(API.graph + query({ ...state.filters, limit: GRAPH_EDGES }), signal);
    drawGraph(graph);
  }

  function drawGraph(graph) {
    if (simulation) simulation.stop();
    const svg = d3.select("#graph");
    svg.selectAll("*").remove();
    const { width, height } = svg.node().getBoundingClientRect();
    if (!graph.edges.length) {
      svg.append("text").attr("x", 10).attr("y", 20).text("No events with both a source and a target.");
      return;
    }
    const nodes = graph.nodes.map((node) => ({ ...node }));
    const links = graph.edges.map((edge) => ({ ...edge }));
    const heaviest = d3.max(links, (d) => d.events);
    const widthOf = d3.scaleSqrt().domain([1, heaviest]).range([0.8, 4]);
    const radius = d3.scaleSqrt().domain([1, d3.max(nodes, (d) => d.weight)]).range([4, 14]);
    svg
      .append("defs")
      .append("marker")
      .attr("id", "arrow")
      .attr("viewBox", "0 -4 8 8")
      .attr("refX", 8)
      .attr("markerUnits", "userSpaceOnUse")
      .attr("markerWidth", 8)
      .attr("markerHeight", 8)
      .attr("orient", "auto")
      .append("path")
      .attr("d", "M0,-4L8,0L0,4")
      .attr("fill", "#7d8a99");
    const link = svg
      .append("g")
      .selectAll("line")
      .data(links)
      .join("line")
      .attr("class", "edge")
      .attr("stroke-width", (d) => widthOf(d.events))
      .attr("marker-end", "url(#arrow)");
    link.append("title").text((d) => `${d.source} → ${d.target}: ${d.events} events`);
    const node = svg
      .append("g")
      .selectAll("g")
      .data(nodes)
      .join("g")
      .attr("class", "node")
      .on("click", (_event, d) => {
        document.getElementById("filter-actor").value = d.id;
        applyFilters();
      });
    node
      .append("circle")
      .attr("r", (d) => radius(d.weight))
      .attr("fill", (d) => colour(d.country || "none"));
    node
      .append("text")
      .attr("dx", (d) => radius(d.weight) + 2)
      .attr("dy", "0.35em")
      .text((d) => d.name);
    node.append("title").text((d) => `${d.name} (${d.id})`);
    simulation = d3
      .forceSimulation(nodes)
      .force("link", d3.forceLink(links).id((d) => d.id).distance(Math.min(width, height) / 4))
      .force("charge", d3.forceManyBody().strength(-200))
      .force("x", d3.forceX(width / 2).strength(0.08))
      .force("y", d3.forceY(height / 2).strength(0.08))
      .force("collide", d3.forceCollide((d) => radius(d.weight) + 4))
      .on("tick", () => {
        for (const d of nodes) {
          d.x = Math.max(10, Math.min(width - 10, d.x));
          d.y = Math.max(10, Math.min(height - 10, d.y));
        }
        link
          .attr("x1", (d) => d.source.x)
          .attr("y1", (d) => d.source.y)
          .attr("x2", (d) => endX(d))
          .attr("y2", (d) => endY(d));
        node.attr("transform", (d) => `translate(${d.x},${d.y})`);
      });

    // the arrow ends at the target's circle, not its centre
    function endX(d) {
      const dx = d.target.x - d.source.x;
      const dy = d.target.y - d.source.y;
      const length = Math.hypot(dx, dy) || 1;
      return d.target.x - (dx / length) * (radius(d.target.weight) + 2);
    }
    function endY(d) {
      const dx = d.target.x - d.source.x;
      const dy = d.target.y - d.source.y;
      const length = Math.hypot(dx, dy) || 1;
      return d.target.y - (dy / length) * (radius(d.target.weight) + 2);
    }
  }

  // --- the event panel ----------------------------------------------------------------

  let opening = null;

  /** The event's facts, its article with the evidence marked, the article's quotes and
   *  attributions, and the other reports of its cluster. */
  async function openEvent(articleId, eventId, cluster) {
    if (opening) opening.abort();
    const controller = new AbortController();
    opening = controller;
    const panel = document.getElementById("event-panel");
    document.getElementById("paste-result").hidden = true;
    panel.hidden = false;
    panel.dataset.article = articleId;
    panel.dataset.event = eventId;
    document.getElementById("event-title").textContent = "Loading…";
    try {
      const extraction = await getJSON(API.article(articleId), controller.signal);
      const event = extraction.events.find((e) => e.id === eventId);
      if (!event) throw new Error("the event is no longer stored");
      showEvent(extraction, event);
      await showCluster(extraction, event, cluster, controller.signal);
    } catch (error) {
      if (error.name !== "AbortError") {
        document.getElementById("event-title").textContent = `Could not open the event: ${error.message}`;
      }
    }
  }

  function showEvent(extraction, event) {
    const article = extraction.article;
    const actors = new Map(extraction.actors.map((a) => [a.id, a]));
    const place = extraction.places.find((p) => p.id === event.place);
    const names = (ids) => ids.map((id) => (actors.get(id) || { name: id }).name).join("; ");
    document.getElementById("event-title").textContent = `${event.type}${event.mode ? ` (${event.mode})` : ""}`;
    const facts = [
      ["When", event.time ? `${event.time.first_day || "?"}${event.time.last_day !== event.time.first_day ? ` to ${event.time.last_day}` : ""} (${event.time.precision})` : "undated"],
      ["Where", place ? [place.name, place.admin1, place.country].filter(Boolean).join(", ") + (place.geo_precision ? ` (precision ${place.geo_precision})` : "") : "not placed"],
      ["Who", names(event.source_actors) || "—"],
      ["On whom", names(event.target_actors) || "—"],
      ["Killed", event.fatalities ? (event.fatalities.low === event.fatalities.high ? event.fatalities.best : `${event.fatalities.best} (${event.fatalities.low}–${event.fatalities.high})`) : "—"],
      ["ACLED", [event.acled_type, event.acled_sub_type].filter(Boolean).join(" / ") || "—"],
      ["CAMEO", event.cameo || "—"],
      ["Status", event.negated ? "negated" : event.hypothetical ? "hypothetical" : "reported as fact"],
      ["On whose word", event.attribution || "—"],
      ["Confidence", event.confidence.toFixed(2)],
    ];
    const list = document.getElementById("event-facts");
    list.replaceChildren();
    for (const [name, value] of facts) list.append(el("dt", null, name), el("dd", null, value));
    const meta = document.getElementById("article-meta");
    meta.replaceChildren(
      document.createTextNode([article.title, article.outlet, article.published].filter(Boolean).join(" · ")),
    );
    if (article.url && /^https?:\/\//i.test(article.url)) {
      const link = el("a", null, " source");
      link.href = article.url;
      link.rel = "noopener noreferrer";
      link.target = "_blank";
      meta.append(link);
    }
    const textView = document.getElementById("article-text");
    textView.replaceChildren();
    const trigger = { start: event.trigger.start, end: event.trigger.end, className: "trigger" };
    const evidence = {
      start: event.evidence.start,
      end: event.evidence.end,
      className: "evidence",
      id: "evidence",
      title: "the evidence of this event",
      inner: [trigger],
    };
    appendMarked(textView, article.text, 0, article.text.length, [evidence]);
    const mark = document.getElementById("evidence");
    if (mark) textView.scrollTop = Math.max(0, mark.offsetTop - textView.offsetTop - 40);

    const quotes = document.getElementById("event-quotes");
    quotes.replaceChildren();
    for (const quote of extraction.quotes) {
      const item = el("li");
      item.append(el("strong", null, quote.speaker || "unattributed"), document.createTextNode(`: “${quote.text}”`));
      quotes.append(item);
    }
    if (!extraction.quotes.length) quotes.append(el("li", "hint", "none"));
    const attributions = document.getElementById("event-attributions");
    attributions.replaceChildren();
    for (const attribution of extraction.attributions) {
      const item = el("li");
      item.append(
        el("strong", null, attribution.source),
        document.createTextNode(` (${attribution.cue}): ${attribution.claim}`),
      );
      attributions.append(item);
    }
    if (!extraction.attributions.length) attributions.append(el("li", "hint", "none"));
  }

  async function showCluster(extraction, event, cluster, signal) {
    const list = document.getElementById("event-cluster");
    list.replaceChildren();
    if (!cluster) {
      list.append(el("li", "hint", "not clustered (negated or hypothetical)"));
      return;
    }
    const reports = await getJSON(API.events + query({ cluster, limit: 100 }), signal);
    const others = reports.items.filter(
      (r) => !(r.article === extraction.article.id && r.event === event.id),
    );
    for (const report of others) list.append(eventItem(report));
    if (!others.length) list.append(el("li", "hint", "no other report"));
  }

  // --- paste an article ---------------------------------------------------------------

  async function extractPasted(submitted) {
    submitted.preventDefault();
    const status = document.getElementById("paste-status");
    const token = document.getElementById("paste-token").value;
    const text = document.getElementById("paste-text").value;
    const published = document.getElementById("paste-published").value;
    const button = document.getElementById("paste-extract");
    status.classList.remove("error");
    status.textContent = "Extracting…";
    button.disabled = true;
    try {
      const response = await fetch(API.extract, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
        body: JSON.stringify(published ? { text, published } : { text }),
      });
      if (!response.ok) throw new Error(await problem(response));
      const extraction = await response.json();
      showExtraction(extraction);
      status.textContent = `${extraction.events.length} event(s) found; nothing was stored.`;
    } catch (error) {
      status.textContent = `Extraction failed: ${error.message}`;
      status.classList.add("error");
    } finally {
      button.disabled = false;
    }
  }

  function showExtraction(extraction) {
    document.getElementById("event-panel").hidden = true;
    const result = document.getElementById("paste-result");
    result.hidden = false;
    const text = extraction.article.text;
    const list = document.getElementById("paste-events");
    list.replaceChildren();
    const places = new Map(extraction.places.map((p) => [p.id, p]));
    const actors = new Map(extraction.actors.map((a) => [a.id, a]));
    extraction.events.forEach((event, index) => {
      const place = places.get(event.place);
      const who = event.source_actors.map((id) => actors.get(id)?.name || id).join("; ");
      const whom = event.target_actors.map((id) => actors.get(id)?.name || id).join("; ");
      const parts = [
        event.time?.first_day,
        place ? place.name : null,
        who && whom ? `${who} → ${whom}` : who || whom,
        event.fatalities ? `${event.fatalities.best} killed` : null,
        event.negated ? "negated" : event.hypothetical ? "hypothetical" : null,
      ].filter(Boolean);
      const button = el("button", "event-button");
      button.type = "button";
      button.append(el("span", "type", event.type), document.createTextNode(" "), el("span", "meta", parts.join(" · ")));
      button.addEventListener("click", () => {
        const mark = document.getElementById(`pasted-evidence-${index}`);
        if (mark) mark.scrollIntoView({ block: "center", behavior: "smooth" });
      });
      const item = el("li");
      item.append(button);
      list.append(item);
    });
    if (!extraction.events.length) list.append(el("li", "hint", "no event found"));
    // one mark per stretch of evidence (events of one sentence share it), triggers inside
    const ranges = extraction.events.map((event, index) => ({
      start: event.evidence.start,
      end: event.evidence.end,
      item: { event, index },
    }));
    const spans = mergedRanges(ranges).map((range) => ({
      start: range.start,
      end: range.end,
      className: "evidence",
      id: `pasted-evidence-${range.items[0].index}`,
      title: range.items.map(({ event }) => event.type).join(", "),
      inner: mergedRanges(
        range.items.map(({ event }) => ({ start: event.trigger.start, end: event.trigger.end, item: event })),
      ).map((t) => ({ start: t.start, end: t.end, className: "trigger" })),
    }));
    const view = document.getElementById("paste-text-view");
    view.replaceChildren();
    appendMarked(view, text, 0, text.length, spans);
  }

  // --- wiring -------------------------------------------------------------------------

  function applyFilters(submitted) {
    if (submitted) submitted.preventDefault();
    state.filters = readFilters();
    loadAll();
  }

  function start() {
    setUpProjection(null);
    d3.select(canvas).call(zoom).on("click", clickMap);
    document.getElementById("filters").addEventListener("submit", applyFilters);
    document.getElementById("filters").addEventListener("reset", () => window.setTimeout(applyFilters, 0));
    document.getElementById("paste").addEventListener("submit", extractPasted);
    document.getElementById("panel-close").addEventListener("click", () => {
      document.getElementById("event-panel").hidden = true;
    });
    document.getElementById("events-more").addEventListener("click", () => {
      loadEvents(state.loading ? state.loading.signal : undefined, false).catch((error) =>
        setStatus(`Could not load more events: ${error.message}`, true),
      );
    });
    window.addEventListener("resize", () => {
      setUpProjection(state.world);
      reproject();
      drawMap();
      if (state.stats) drawTimeline(state.stats.by_day);
    });
    // the basemap and the data load side by side; whichever comes first is drawn first
    getJSON("/static/countries-110m.json")
      .then((world) => {
        state.world = world;
        setUpProjection(world);
        reproject();
        drawMap();
      })
      .catch((error) => setStatus(`Could not load the basemap: ${error.message}`, true));
    applyFilters();
  }

  /** Points projected again after the projection changed (the window was resized). */
  function reproject() {
    for (const point of state.points) {
      const projected = projection(point.lonLat);
      if (projected) [point.x, point.y] = projected;
    }
  }

  start();
})();
