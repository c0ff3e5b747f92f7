// The situation report's map and charts, drawn with d3 from the JSON the page embeds, and its
// evidence links. Every text from the store is set with d3's .text() (textContent), never as
// HTML, so an article holding markup shows it and runs nothing.
(function () {
  "use strict";

  const data = JSON.parse(document.getElementById("report-data").textContent);
  const atlas = JSON.parse(document.getElementById("world-atlas").textContent);
  const palette = d3.schemeTableau10.concat(d3.schemeSet2, d3.schemeDark2);
  const colorOf = d3.scaleOrdinal(data.types, palette).unknown("#999999");

  const MAP = { width: 960, height: 440, padding: 18 };
  // Each event is framed with this much around it, so one event still shows its region.
  const FOCUS_DEGREES = 2.5;
  // Wider than this, or reaching nearer a pole, the map shows the whole world instead.
  const WORLD_VIEW_DEGREES = 150;
  const MERCATOR_MAX_LATITUDE = 75;

  function eventLabel(event) {
    const what = event.sub_type ? `${event.type} (${event.sub_type})` : event.type;
    const who = event.sources.length ? ` by ${event.sources.join("; ")}` : "";
    const against = event.targets.length ? ` against ${event.targets.join("; ")}` : "";
    const where = [event.place, event.country].filter(Boolean).join(", ") || "place unknown";
    const when = !event.first_day ? "undated"
      : event.last_day && event.last_day !== event.first_day ? `${event.first_day} to ${event.last_day}`
        : event.first_day;
    const toll = event.fatalities === null ? "" : `, ${tollText(event)} killed`;
    const reports = `${event.reports} report${event.reports === 1 ? "" : "s"}`;
    const outlets = event.outlets.length ? ` from ${event.outlets.join(", ")}` : "";
    return `${what}${who}${against}, ${where}, ${when}${toll} (${reports}${outlets})`;
  }

  function tollText(event) {
    const same = event.fatalities_low === event.fatalities && event.fatalities_high === event.fatalities;
    return same ? `${event.fatalities}` : `${event.fatalities} (${event.fatalities_low}–${event.fatalities_high})`;
  }

  // The projection framing the located events. Its centre is the middle of their bounds
  // on the sphere (d3.geoBounds takes the shorter way round, so events either side of the
  // 180° meridian are neighbours), and the projection is rotated to put that centre in the
  // middle, so d3-geo cuts the world at the opposite meridian, away from the events.
  function mapProjection(located) {
    const extent = [[MAP.padding, MAP.padding], [MAP.width - MAP.padding, MAP.height - MAP.padding]];
    if (!located.length) {
      return d3.geoNaturalEarth1().fitExtent(extent, { type: "Sphere" });
    }
    const focus = {
      type: "FeatureCollection",
      features: located.map((event) => ({
        type: "Feature",
        properties: {},
        geometry: d3.geoCircle().center([event.lon, event.lat]).radius(FOCUS_DEGREES)(),
      })),
    };
    const [[west, south], [east, north]] = d3.geoBounds(focus);
    const span = east >= west ? east - west : east + 360 - west;
    const centre = west + span / 2;
    const world = span > WORLD_VIEW_DEGREES || south < -MERCATOR_MAX_LATITUDE || north > MERCATOR_MAX_LATITUDE;
    if (world) {
      return d3.geoNaturalEarth1().rotate([-centre, 0]).fitExtent(extent, { type: "Sphere" });
    }
    return d3.geoMercator().rotate([-centre, 0]).fitExtent(extent, focus)
      .clipExtent([[0, 0], [MAP.width, MAP.height]]);
  }

  function drawMap() {
    const svg = d3.select("#map").attr("viewBox", `0 0 ${MAP.width} ${MAP.height}`);
    const located = data.events.filter((event) => event.lat !== null && event.lon !== null);
    const projection = mapProjection(located);
    const path = d3.geoPath(projection);
    svg.append("path").attr("class", "sphere").attr("d", path({ type: "Sphere" }));
    svg.append("path").attr("class", "graticule").attr("d", path(d3.geoGraticule10()));
    const countries = topojson.feature(atlas, atlas.objects.countries).features;
    svg.append("g").attr("class", "countries")
      .selectAll("path").data(countries).join("path")
      .attr("class", "country")
      .attr("data-id", (country) => country.id)
      .attr("data-name", (country) => country.properties.name)
      .attr("d", path)
      .append("title").text((country) => country.properties.name);
    svg.append("path").attr("class", "border")
      .attr("d", path(topojson.mesh(atlas, atlas.objects.countries, (a, b) => a !== b)));

    const radius = d3.scaleSqrt()
      .domain([0, d3.max(located, (event) => event.fatalities || 0) || 1])
      .range([4, 20]);
    // the largest drawn first, so a small event is never hidden under a large one
    const ordered = located.slice().sort((a, b) => (b.fatalities || 0) - (a.fatalities || 0));
    const markers = svg.append("g").attr("class", "markers")
      .selectAll("a").data(ordered).join("a")
      .attr("href", (event) => `#${event.anchor}`)
      .attr("class", "event-link");
    markers.append("circle")
      .attr("class", "event-marker")
      .attr("data-event", (event) => event.id)
      .attr("data-place", (event) => event.place)
      .attr("cx", (event) => projection([event.lon, event.lat])[0])
      .attr("cy", (event) => projection([event.lon, event.lat])[1])
      .attr("r", (event) => radius(event.fatalities || 0))
      .attr("fill", (event) => colorOf(event.type))
      .append("title").text(eventLabel);
  }

  const CHART = { width: 620, height: 280, margin: { top: 12, right: 12, bottom: 46, left: 36 } };

  function binLabel(start, unit) {
    if (unit === "month") return start.slice(0, 7);
    if (unit === "year") return start.slice(0, 4);
    return start;
  }

  function drawTimeline() {
    const { bins, unit } = data.timeline;
    const { width, height, margin } = CHART;
    const svg = d3.select("#timeline").attr("viewBox", `0 0 ${width} ${height}`);
    if (!bins.length) {
      svg.append("text").attr("class", "chart-empty").attr("x", width / 2).attr("y", height / 2)
        .attr("text-anchor", "middle").text("No dated event.");
      return;
    }
    const x = d3.scaleBand().domain(bins.map((bin) => bin.start))
      .range([margin.left, width - margin.right]).padding(0.15);
    // a bar no wider than this, so a period of a few days does not draw slabs
    const barWidth = Math.min(x.bandwidth(), 36);
    const total = (bin) => d3.sum(Object.values(bin.counts));
    const top = d3.max(bins, total);
    const y = d3.scaleLinear().domain([0, top]).nice().range([height - margin.bottom, margin.top]);
    const series = d3.stack().keys(data.types).value((bin, type) => bin.counts[type] || 0)(bins);
    svg.append("g").selectAll("g").data(series).join("g")
      .attr("fill", (layer) => colorOf(layer.key))
      .selectAll("rect")
      .data((layer) => layer.filter((part) => part[1] > part[0]).map((part) => ({ part, type: layer.key })))
      .join("rect")
      .attr("class", "bar")
      .attr("x", ({ part }) => x(part.data.start) + (x.bandwidth() - barWidth) / 2)
      .attr("width", barWidth)
      .attr("y", ({ part }) => y(part[1]))
      .attr("height", ({ part }) => y(part[0]) - y(part[1]))
      .append("title")
      .text(({ part, type }) => `${binLabel(part.data.start, unit)}: ${part[1] - part[0]} ${type}`);
    const every = Math.ceil(bins.length / 12);
    const ticks = bins.filter((_, i) => i % every === 0).map((bin) => bin.start);
    svg.append("g").attr("class", "axis").attr("transform", `translate(0,${height - margin.bottom})`)
      .call(d3.axisBottom(x).tickValues(ticks).tickFormat((start) => binLabel(start, unit)))
      .selectAll("text").attr("transform", "rotate(-35)").attr("text-anchor", "end");
    svg.append("g").attr("class", "axis").attr("transform", `translate(${margin.left},0)`)
      .call(d3.axisLeft(y).ticks(Math.min(top, 5)).tickFormat(d3.format("d")));
    d3.select("#timeline-legend").selectAll("li").data(data.types).join("li")
      .attr("data-type", (type) => type).text((type) => type);
  }

  function drawActors() {
    const rows = data.actors;
    const rowHeight = 26;
    const margin = { top: 6, right: 70, bottom: 6, left: 170 };
    const width = 460;
    const height = Math.max(rows.length, 1) * rowHeight + margin.top + margin.bottom;
    const svg = d3.select("#actors").attr("viewBox", `0 0 ${width} ${height}`);
    if (!rows.length) {
      svg.append("text").attr("class", "chart-empty").attr("x", width / 2).attr("y", height / 2 + 5)
        .attr("text-anchor", "middle").text("No event with a toll.");
      return;
    }
    const x = d3.scaleLinear().domain([0, d3.max(rows, (row) => row.high) || 1])
      .range([margin.left, width - margin.right]);
    const y = d3.scaleBand().domain(d3.range(rows.length))
      .range([margin.top, height - margin.bottom]).padding(0.2);
    const row = svg.append("g").selectAll("g").data(rows).join("g")
      .attr("transform", (_, i) => `translate(0,${y(i)})`);
    row.append("rect").attr("class", "bar").attr("x", x(0)).attr("height", y.bandwidth())
      .attr("width", (actor) => x(actor.best) - x(0)).attr("fill", "#8c3b32")
      .append("title").text((actor) => `${actor.name}: ${actor.best} killed in ${actor.events} event(s)`);
    row.filter((actor) => actor.low !== actor.high).append("line").attr("class", "bar-range")
      .attr("x1", (actor) => x(actor.low)).attr("x2", (actor) => x(actor.high))
      .attr("y1", y.bandwidth() / 2).attr("y2", y.bandwidth() / 2);
    row.append("text").attr("class", "bar-label").attr("x", margin.left - 6)
      .attr("y", y.bandwidth() / 2).attr("dy", "0.35em").attr("text-anchor", "end")
      .text((actor) => (actor.name.length > 26 ? `${actor.name.slice(0, 25)}…` : actor.name))
      .append("title").text((actor) => actor.name);
    row.append("text").attr("class", "bar-value").attr("x", (actor) => x(actor.high) + 6)
      .attr("y", y.bandwidth() / 2).attr("dy", "0.35em")
      .text((actor) => (actor.low === actor.high ? `${actor.best}` : `${actor.best} (${actor.low}–${actor.high})`));
  }

  function colourTypes() {
    document.querySelectorAll("[data-type]").forEach((element) => {
      element.style.setProperty("--type-color", colorOf(element.dataset.type));
    });
  }

  // A link to a sentence opens its article, scrolls it into the middle of the screen and
  // marks every piece of text that belongs to it; a link to an event marks its row.
  function followEvidenceLinks() {
    const marksOf = new Map();
    document.querySelectorAll("mark[data-spans]").forEach((mark) => {
      mark.dataset.spans.split(" ").forEach((anchor) => {
        if (!marksOf.has(anchor)) marksOf.set(anchor, []);
        marksOf.get(anchor).push(mark);
      });
    });
    function show(anchor) {
      document.querySelectorAll(".current").forEach((element) => element.classList.remove("current"));
      const target = anchor && document.getElementById(anchor);
      if (!target) return;
      const article = target.closest("details");
      if (article) article.open = true;
      const marks = marksOf.get(anchor) || [];
      marks.forEach((mark) => mark.classList.add("current"));
      if (target.tagName === "TR") target.classList.add("current");
      (marks[0] || target).scrollIntoView({ block: "center" });
    }
    const current = () => decodeURIComponent(window.location.hash.slice(1));
    window.addEventListener("hashchange", () => show(current()));
    show(current());
  }

  drawMap();
  drawTimeline();
  drawActors();
  colourTypes();
  followEvidenceLinks();
})();
