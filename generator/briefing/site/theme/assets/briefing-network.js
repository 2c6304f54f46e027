// Briefing actor network: filter the inline SVG by kind, minimum shared briefings and
// focus actor. No dependencies and nothing fetched, so it works from a local folder.
// Without JavaScript the whole network is shown and the (hidden) form never appears.
// A form.briefing-network-controls names its SVG in data-target; nodes are a.bn-node
// (data-id, data-kind, aria-label; a circle, and a text if always labelled), ties are one
// g.bn-edges > path per weight (data-weight; data-ends "i,j i,j" indexes the nodes in order).
// ?focus=<actor id> in the address preselects an actor.
// A click or tap near a tie follows that tie's link in the list under the drawing (ul.bn-ties
// with the SVG's id in data-target; a[data-ends] with the tie's "i,j"), the briefings naming
// both actors; hover highlights the tie (one path) and names it. A node under the pointer wins.
// When the network is narrowed to a period (briefing-periods.js), the period's ties are the
// ones hit (line.data-a, data-b), and lead to the same links.
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
    var visibleTies = [];  // [i, j] of the ties apply() drew

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
      var shownTies = [];
      hover(null);
      // Compute first, then write: no attribute is read back while the page is being changed.
      var drawn = classes.map(function (group) {
        if (group.weight < least) return "";
        var parts = [];
        group.ends.forEach(function (pair) {
          if (!visible[pair[0]] || !visible[pair[1]]) return;
          var a = nodes[pair[0]];
          var b = nodes[pair[1]];
          parts.push("M" + a.cx + " " + a.cy + "L" + b.cx + " " + b.cy);
          shownTies.push(pair);
        });
        shownEdges += parts.length;
        return parts.join("");
      });
      visibleTies = shownTies;
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

    // Ties: each one's link in the list below, and its weight, by "i,j" as data-ends writes it;
    // read on the first pointer move or click over the drawing, not while the page loads.
    var links = null;
    var weights = {};
    function tieLinks() {
      if (links) return links;
      links = {};
      Array.prototype.forEach.call(document.querySelectorAll("ul.bn-ties"), function (list) {
        if (list.getAttribute("data-target") !== svg.id) return;
        Array.prototype.forEach.call(list.querySelectorAll("a[data-ends]"), function (a) { links[a.getAttribute("data-ends")] = a; });
      });
      classes.forEach(function (group) {
        group.ends.forEach(function (pair) { weights[pair[0] + "," + pair[1]] = group.weight; });
      });
      return links;
    }
    var ownEdges = svg.querySelector(".bn-edges");
    var nodesLayer = svg.querySelector(".bn-nodes");
    var highlight = document.createElementNS(svg.namespaceURI, "path");
    highlight.setAttribute("class", "bn-tie-hover");
    highlight.setAttribute("style", "fill:none;stroke:var(--md-accent-fg-color,#526cfe);stroke-width:3.5px;stroke-linecap:round");
    highlight.setAttribute("pointer-events", "none");
    highlight.setAttribute("aria-hidden", "true");
    highlight.setAttribute("display", "none");
    svg.insertBefore(highlight, nodesLayer);
    var tip = document.createElementNS(svg.namespaceURI, "text");
    tip.setAttribute("class", "bn-tie-tip");
    tip.setAttribute("style", "fill:currentColor;stroke:var(--md-default-bg-color,#fff);stroke-width:3px;" +
      "stroke-linejoin:round;paint-order:stroke;font-weight:700");
    tip.setAttribute("pointer-events", "none");
    tip.setAttribute("aria-hidden", "true");
    tip.setAttribute("display", "none");
    svg.appendChild(tip);
    var hovered = null;

    // The ties drawn now: the period's (lines with data-a, data-b) when the period script set the
    // network's own aside, else those apply() drew. Each [i, j, period count or -1].
    function drawnTies() {
      var period = svg.querySelector(".bf-period-edges");
      if (!period || !ownEdges || ownEdges.style.display !== "none") {
        return visibleTies.map(function (pair) { return [pair[0], pair[1], -1]; });
      }
      return Array.prototype.map.call(period.querySelectorAll("line"), function (line) {
        return [byId[line.getAttribute("data-a")], byId[line.getAttribute("data-b")],
          parseInt(line.getAttribute("data-period-weight"), 10) || 0];
      }).filter(function (tie) { return tie[0] !== undefined && tie[1] !== undefined; });
    }

    // The drawn tie nearest the pointer, within `pixels` on screen, as {i, j, count, link}; or null.
    function tieAt(event, pixels) {
      var matrix = svg.getScreenCTM();
      if (!matrix) return null;
      var point = svg.createSVGPoint();
      point.x = event.clientX;
      point.y = event.clientY;
      point = point.matrixTransform(matrix.inverse());
      var reach = pixels / (Math.sqrt(matrix.a * matrix.a + matrix.b * matrix.b) || 1);
      var best = null;
      var bestDistance = reach * reach;
      var links = tieLinks();
      drawnTies().forEach(function (tie) {
        var a = nodes[tie[0]], b = nodes[tie[1]];
        var link = links[tie[0] + "," + tie[1]];
        if (!link) return;
        var dx = b.x - a.x, dy = b.y - a.y;
        var length = dx * dx + dy * dy;
        var t = length ? Math.max(0, Math.min(1, ((point.x - a.x) * dx + (point.y - a.y) * dy) / length)) : 0;
        var ex = a.x + t * dx - point.x, ey = a.y + t * dy - point.y;
        var distance = ex * ex + ey * ey;
        if (distance <= bestDistance) {
          bestDistance = distance;
          best = {i: tie[0], j: tie[1], count: tie[2], link: link, x: point.x, y: point.y};
        }
      });
      return best;
    }

    function briefings(count) { return count === 1 ? "1 briefing" : count + " briefings"; }

    // "A and B: N briefings" (in a period: "N briefings in 2024, M in all"), the better covered first.
    function describe(tie) {
      var first = nodes[Math.min(tie.i, tie.j)], second = nodes[Math.max(tie.i, tie.j)];
      var all = weights[tie.i + "," + tie.j] || 0;
      var text = first.name + " and " + second.name + ": ";
      if (tie.count < 0) return text + briefings(all);
      var periodForm = document.querySelector("form.bf-period[data-target='" + svg.id + "']");
      var span = "this period";
      if (periodForm) {
        var low = periodForm.querySelector("select[name=from]").value, high = periodForm.querySelector("select[name=to]").value;
        if (parseInt(low, 10) > parseInt(high, 10)) { var swap = low; low = high; high = swap; }
        span = low === high ? low : low + "–" + high;
      }
      return text + briefings(tie.count) + " in " + span + ", " + all + " in all";
    }

    function hover(tie) {
      if (!tie) {
        if (hovered) {
          highlight.setAttribute("display", "none");
          tip.setAttribute("display", "none");
          svg.style.cursor = "";
          hovered = null;
        }
        return;
      }
      var a = nodes[tie.i], b = nodes[tie.j];
      if (!hovered || hovered.i !== tie.i || hovered.j !== tie.j) {
        highlight.setAttribute("d", "M" + a.cx + " " + a.cy + "L" + b.cx + " " + b.cy);
        tip.textContent = describe(tie);
      }
      var left = tie.x > width * 0.6;
      tip.setAttribute("x", String(Math.round((left ? tie.x - 10 : tie.x + 10) * 10) / 10));
      tip.setAttribute("y", String(Math.round((tie.y < 40 ? tie.y + 22 : tie.y - 12) * 10) / 10));
      if (left) tip.setAttribute("text-anchor", "end");
      else tip.removeAttribute("text-anchor");
      highlight.removeAttribute("display");
      tip.removeAttribute("display");
      svg.style.cursor = "pointer";
      hovered = tie;
    }

    function onNode(event) {
      return !!(event.target && event.target.closest && event.target.closest(".bn-node"));
    }

    var pending = null;
    svg.addEventListener("mousemove", function (event) {
      var wasPending = pending;
      pending = event;
      if (wasPending) return;
      window.requestAnimationFrame(function () {
        var last = pending;
        pending = null;
        hover(onNode(last) ? null : tieAt(last, 6));
      });
    });
    svg.addEventListener("mouseleave", function () { pending = null; hover(null); });
    svg.addEventListener("click", function (event) {
      if (onNode(event) || event.defaultPrevented || event.button !== 0) return;
      var tie = tieAt(event, event.pointerType === "touch" ? 16 : 6);
      if (!tie) return;
      event.preventDefault();
      if (event.ctrlKey || event.metaKey || event.shiftKey) window.open(tie.link.href, "_blank", "noopener");
      else window.location.assign(tie.link.href);
    });

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
