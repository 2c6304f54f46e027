// Briefing actor network: filter the inline SVG by kind, minimum shared briefings and
// focus actor. No dependencies and nothing fetched, so it works from a local folder.
// Without JavaScript the whole network is shown and the (hidden) form never appears.
// A form.briefing-network-controls names its SVG in data-target; nodes are a.bn-node
// (data-id, data-kind, aria-label; a circle, and a text if always labelled), ties are one
// g.bn-edges > path per weight (data-weight; data-ends "i,j i,j" indexes the nodes in order).
// ?focus=<actor id> in the address preselects an actor.
// Light on purpose: attributes are read once, one listener per form and per SVG, and each
// change writes only what differs (one "d" per weight, "display" on nodes that change).
(function () {
  "use strict";

  // A name beside its circle, on the right (on the left near the right edge), as the SVG does.
  function label(svg, width, node, parent) {
    var element = document.createElementNS(svg.namespaceURI, "text");
    var left = node.x > width * 0.78;
    element.setAttribute("x", String(Math.round((left ? node.x - node.r - 3 : node.x + node.r + 3) * 10) / 10));
    element.setAttribute("y", node.cy);
    element.setAttribute("dominant-baseline", "middle");
    if (left) element.setAttribute("text-anchor", "end");
    element.textContent = node.name;
    parent.appendChild(element);
    return element;
  }

  function setup(form) {
    if (form.getAttribute("data-bn-ready")) return;
    var svg = document.getElementById(form.getAttribute("data-target"));
    if (!svg) return;
    form.setAttribute("data-bn-ready", "1");
    var nodes = Array.prototype.map.call(svg.querySelectorAll(".bn-node"), function (a) {
      var circle = a.querySelector("circle");
      var tooltip = a.getAttribute("aria-label") || "";  // "name — kind, N briefings"
      var cut = tooltip.lastIndexOf(" — ");
      return {
        element: a,
        id: a.getAttribute("data-id"),
        kind: a.getAttribute("data-kind"),
        name: cut >= 0 ? tooltip.slice(0, cut) : tooltip,
        tooltip: tooltip,
        labelled: !!a.querySelector("text"),
        x: parseFloat(circle.getAttribute("cx")),
        y: parseFloat(circle.getAttribute("cy")),
        r: parseFloat(circle.getAttribute("r")),
        cx: circle.getAttribute("cx"),
        cy: circle.getAttribute("cy"),
        shown: true
      };
    });
    var byId = {};
    nodes.forEach(function (node, i) { byId[node.id] = i; });
    var edgeCount = 0;
    var classes = Array.prototype.map.call(svg.querySelectorAll(".bn-edges path"), function (path) {
      var ends = (path.getAttribute("data-ends") || "").split(" ").filter(Boolean).map(function (pair) {
        var parts = pair.split(",");
        return [parseInt(parts[0], 10), parseInt(parts[1], 10)];
      }).filter(function (pair) { return nodes[pair[0]] && nodes[pair[1]]; });
      edgeCount += ends.length;
      return {
        path: path,
        weight: parseInt(path.getAttribute("data-weight"), 10) || 0,
        ends: ends,
        d: path.getAttribute("d"),
        shown: true
      };
    });
    var layer = svg.querySelector(".bn-labels");
    var width = svg.viewBox && svg.viewBox.baseVal ? svg.viewBox.baseVal.width : Infinity;
    var hoverLabel = null;
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[name=kind]"));
    var minimum = form.querySelector("input[name=min]");
    var focus = form.querySelector("select[name=focus]");
    var status = form.querySelector(".bn-status");
    var focused = -1;

    function apply() {
      var offKinds = {};
      boxes.forEach(function (box) { if (!box.checked) offKinds[box.value] = true; });
      var least = minimum ? parseInt(minimum.value, 10) : 1;
      if (!(least >= 1)) least = 1;
      var centre = focus && byId.hasOwnProperty(focus.value) ? byId[focus.value] : -1;
      var visible = nodes.map(function (node, i) { return i === centre || !offKinds[node.kind]; });
      if (centre >= 0) {
        var near = {};
        near[centre] = true;
        classes.forEach(function (group) {
          if (group.weight < least) return;
          group.ends.forEach(function (pair) {
            if (pair[0] === centre) near[pair[1]] = true;
            if (pair[1] === centre) near[pair[0]] = true;
          });
        });
        visible = visible.map(function (on, i) { return on && !!near[i]; });
      }
      var shownNodes = 0;
      var shownEdges = 0;
      // Compute first, then write: no attribute is read back while the page is being changed.
      var drawn = classes.map(function (group) {
        if (group.weight < least) return "";
        var parts = [];
        group.ends.forEach(function (pair) {
          if (!visible[pair[0]] || !visible[pair[1]]) return;
          var a = nodes[pair[0]];
          var b = nodes[pair[1]];
          parts.push("M" + a.cx + " " + a.cy + "L" + b.cx + " " + b.cy);
        });
        shownEdges += parts.length;
        return parts.join("");
      });
      nodes.forEach(function (node, i) {
        var on = visible[i];
        if (on) shownNodes += 1;
        if (on !== node.shown) {
          if (on) node.element.removeAttribute("display");
          else node.element.setAttribute("display", "none");
          node.shown = on;
        }
      });
      classes.forEach(function (group, i) {
        var d = drawn[i];
        if (d && d !== group.d) group.path.setAttribute("d", d);
        if (d) group.d = d;
        if (!!d !== group.shown) {
          if (d) group.path.removeAttribute("display");
          else group.path.setAttribute("display", "none");
          group.shown = !!d;
        }
      });
      if (focused !== centre) {
        if (focused >= 0) nodes[focused].element.classList.remove("bn-focus");
        if (centre >= 0) nodes[centre].element.classList.add("bn-focus");
        focused = centre;
      }
      // Names of the focus actor's unlabelled neighbours, drawn together in one layer.
      if (layer && (centre >= 0 || layer.firstChild)) {
        hoverLabel = null;
        var fragment = document.createDocumentFragment();
        if (centre >= 0) {
          nodes.forEach(function (node, i) {
            if (visible[i] && !node.labelled) label(svg, width, node, fragment);
          });
        }
        while (layer.firstChild) layer.removeChild(layer.firstChild);
        layer.appendChild(fragment);
      }
      if (status) {
        status.textContent = "Showing " + shownNodes + " of " + nodes.length + " actors and " +
          shownEdges + " of " + edgeCount + " links.";
      }
    }

    // Hover or keyboard focus on an unlabelled actor: its name beside it, and a tooltip.
    function over(event) {
      var a = event.target && event.target.closest ? event.target.closest(".bn-node") : null;
      if (!a || !svg.contains(a)) return;
      var node = nodes[byId[a.getAttribute("data-id")]];
      if (!node) return;
      if (!a.querySelector("title")) {
        var title = document.createElementNS(svg.namespaceURI, "title");
        title.textContent = node.tooltip;
        a.insertBefore(title, a.firstChild);
      }
      if (node.labelled || !layer) return;
      if (hoverLabel) hoverLabel.parentNode.removeChild(hoverLabel);
      hoverLabel = label(svg, width, node, layer);
      hoverLabel.setAttribute("font-weight", "700");
    }

    function out() {
      if (hoverLabel && hoverLabel.parentNode) hoverLabel.parentNode.removeChild(hoverLabel);
      hoverLabel = null;
    }

    svg.addEventListener("mouseover", over);
    svg.addEventListener("focusin", over);
    svg.addEventListener("mouseout", out);
    svg.addEventListener("focusout", out);
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
