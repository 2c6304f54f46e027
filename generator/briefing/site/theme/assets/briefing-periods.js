// Briefing network over time: narrow the drawn network to a period of years.
// The counts per year come with the page (form.bf-period data-periods); nothing is fetched.
// For a period, the network's own ties are set aside and the period's ties are drawn in their
// place (thicker for more shared briefings that period); actors with no briefing in it get the
// class bf-off-period (hidden by CSS). It reads only a.bn-node[data-id] and its circle, so the
// network's own filters (kind, focus) keep working: hidden actors lose their ties here too.
(function () {
  "use strict";
  var SVG_NS = "http://www.w3.org/2000/svg";

  function setup(form) {
    if (form.getAttribute("data-bf-ready")) return;
    var svg = document.getElementById(form.getAttribute("data-target"));
    var data;
    try { data = JSON.parse(form.getAttribute("data-periods")); } catch (e) { return; }
    if (!svg || !data) return;
    form.setAttribute("data-bf-ready", "1");
    var from = form.querySelector("select[name=from]");
    var to = form.querySelector("select[name=to]");
    var status = form.querySelector(".bf-period-status");
    var own = svg.querySelector(".bn-edges");
    var nodes = {};
    Array.prototype.forEach.call(svg.querySelectorAll("a.bn-node"), function (node) { nodes[node.getAttribute("data-id")] = node; });
    var layer = document.createElementNS(SVG_NS, "g");
    layer.setAttribute("class", "bf-period-edges");
    layer.setAttribute("style", "fill:none;stroke:currentColor;stroke-opacity:.35");
    if (own && own.parentNode) own.parentNode.insertBefore(layer, own.nextSibling);
    else svg.insertBefore(layer, svg.firstChild);

    function sum(table, index, low, high) {
      var total = 0;
      data.years.forEach(function (year) {
        if (year >= low && year <= high) total += table[String(year)][index];
      });
      return total;
    }

    function shown(node) {
      return node && node.getAttribute("display") !== "none" && !node.classList.contains("bf-off-period") &&
        window.getComputedStyle(node).display !== "none";
    }

    function apply() {
      var low = parseInt(from.value, 10), high = parseInt(to.value, 10);
      if (low > high) { var t = low; low = high; high = t; }
      var whole = low === data.years[0] && high === data.years[data.years.length - 1];
      var actors = 0, ties = 0;
      data.nodes.forEach(function (id, i) {
        var node = nodes[id];
        if (!node) return;
        var count = sum(data.n, i, low, high);
        node.classList.toggle("bf-off-period", !whole && count === 0);
        if (count) actors += 1;
      });
      while (layer.firstChild) layer.removeChild(layer.firstChild);
      if (own) own.style.display = whole ? "" : "none";
      var weights = data.edges.map(function (pair, k) { return sum(data.e, k, low, high); });
      var top = Math.max.apply(null, [1].concat(weights));
      data.edges.forEach(function (pair, k) {
        if (!weights[k]) return;
        ties += 1;
        if (whole) return;
        var a = nodes[data.nodes[pair[0]]], b = nodes[data.nodes[pair[1]]];
        if (!shown(a) || !shown(b)) return;
        var ca = a.querySelector("circle"), cb = b.querySelector("circle");
        var line = document.createElementNS(SVG_NS, "line");
        line.setAttribute("x1", ca.getAttribute("cx"));
        line.setAttribute("y1", ca.getAttribute("cy"));
        line.setAttribute("x2", cb.getAttribute("cx"));
        line.setAttribute("y2", cb.getAttribute("cy"));
        line.setAttribute("stroke-width", (0.6 + 3.4 * Math.sqrt((weights[k] - 1) / Math.max(top - 1, 1))).toFixed(2));
        line.setAttribute("data-a", data.nodes[pair[0]]);
        line.setAttribute("data-b", data.nodes[pair[1]]);
        line.setAttribute("data-period-weight", String(weights[k]));
        layer.appendChild(line);
      });
      var span = low === high ? String(low) : low + "–" + high;
      if (status) status.textContent = "In " + span + ": " + actors + " actors and " + ties + " ties with shared briefings.";
    }

    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    form.querySelector("button[name=all]").addEventListener("click", function () {
      from.selectedIndex = 0;
      to.selectedIndex = to.options.length - 1;
      apply();
    });
    // The network's own filters hide actors: redraw the period's ties after them.
    Array.prototype.forEach.call(document.querySelectorAll("form.briefing-network-controls"), function (other) {
      ["change", "input", "reset"].forEach(function (name) {
        other.addEventListener(name, function () { window.setTimeout(apply, 0); });
      });
    });
    if (window.URLSearchParams) {
      var params = new URLSearchParams(window.location.search);
      [["from", from], ["to", to]].forEach(function (item) {
        var wanted = (params.get(item[0]) || params.get("year") || "").replace(/[^0-9]/g, "");
        if (wanted && item[1].querySelector("option[value='" + wanted + "']")) item[1].value = wanted;
      });
    }
    form.hidden = false;
    apply();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("form.bf-period"), setup);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
})();
