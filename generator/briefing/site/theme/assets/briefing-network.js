// Briefing actor network: filter the inline SVG by kind, minimum shared briefings and
// focus actor. No dependencies and nothing fetched, so it works from a local folder.
// Without JavaScript the whole network is shown and the (hidden) form never appears.
// A form.briefing-network-controls names its SVG in data-target; nodes are a.bn-node
// (data-id, data-kind), lines are the g.bn-edges > line (data-a, data-b, data-weight).
// ?focus=<actor id> in the address preselects an actor.
(function () {
  "use strict";

  function show(element, visible) {
    if (visible) element.removeAttribute("display");
    else element.setAttribute("display", "none");
  }

  function setup(form) {
    if (form.getAttribute("data-bn-ready")) return;
    var svg = document.getElementById(form.getAttribute("data-target"));
    if (!svg) return;
    form.setAttribute("data-bn-ready", "1");
    var nodes = Array.prototype.slice.call(svg.querySelectorAll(".bn-node"));
    var edges = Array.prototype.slice.call(svg.querySelectorAll(".bn-edges line")).map(function (line) {
      return {
        line: line,
        a: line.getAttribute("data-a"),
        b: line.getAttribute("data-b"),
        weight: parseInt(line.getAttribute("data-weight"), 10) || 0
      };
    });
    var byId = {};
    nodes.forEach(function (node) { byId[node.getAttribute("data-id")] = node; });
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[name=kind]"));
    var minimum = form.querySelector("input[name=min]");
    var focus = form.querySelector("select[name=focus]");
    var status = form.querySelector(".bn-status");

    function apply() {
      var offKinds = {};
      boxes.forEach(function (box) { if (!box.checked) offKinds[box.value] = true; });
      var least = minimum ? parseInt(minimum.value, 10) : 1;
      if (!(least >= 1)) least = 1;
      var centre = focus && byId.hasOwnProperty(focus.value) ? focus.value : "";
      var visible = {};
      nodes.forEach(function (node) {
        var id = node.getAttribute("data-id");
        visible[id] = id === centre || !offKinds[node.getAttribute("data-kind")];
      });
      if (centre) {
        var near = {};
        near[centre] = true;
        edges.forEach(function (edge) {
          if (edge.weight < least) return;
          if (edge.a === centre) near[edge.b] = true;
          if (edge.b === centre) near[edge.a] = true;
        });
        Object.keys(visible).forEach(function (id) { visible[id] = visible[id] && !!near[id]; });
      }
      var shownNodes = 0;
      var shownEdges = 0;
      nodes.forEach(function (node) {
        var id = node.getAttribute("data-id");
        var on = !!visible[id];
        show(node, on);
        if (on) shownNodes += 1;
        node.classList.toggle("bn-focus", id === centre);
        var label = node.querySelector("text.bn-minor");
        if (label) label.setAttribute("visibility", centre && on ? "visible" : "hidden");
      });
      edges.forEach(function (edge) {
        var on = edge.weight >= least && visible[edge.a] && visible[edge.b];
        show(edge.line, on);
        if (on) shownEdges += 1;
      });
      if (status) {
        status.textContent = "Showing " + shownNodes + " of " + nodes.length + " actors and " +
          shownEdges + " of " + edges.length + " links.";
      }
    }

    form.addEventListener("change", apply);
    form.addEventListener("input", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    if (focus && window.URLSearchParams) {
      var wanted = new URLSearchParams(window.location.search).get("focus");
      if (wanted && byId.hasOwnProperty(wanted)) focus.value = wanted;
    }
    form.hidden = false;
    apply();
  }

  function init() {
    var forms = document.querySelectorAll("form.briefing-network-controls");
    Array.prototype.forEach.call(forms, setup);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
  // Material's instant navigation swaps pages without reloading: set up each new page too.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
})();
