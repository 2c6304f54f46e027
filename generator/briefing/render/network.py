"""The actor network: who is named in the same briefings, as an inline SVG with filters.

`build_network` picks the actors to show (at most `max_nodes`, the most covered first) and
places them with a force-directed layout computed here in pure Python: positions start
from a hash of each id, every loop runs in a fixed order, and coordinates are rounded, so
the same input always gives byte-identical markup. `network_svg` draws it (lines for shared
briefings, a linked circle per actor, a legend); `network_controls_html` writes the filter
form and `NETWORK_JS` the small script behind it. Without JavaScript the whole network is
shown and the form stays hidden; nothing is fetched, so the page works from a local folder.

Names and ids are data, never markup: everything placed in the SVG or the form goes
through `html.escape(..., quote=True)`. SVG and form are written one element per line,
with no blank line and no indentation, so they pass through Markdown as raw HTML blocks.
"""

from __future__ import annotations

import hashlib
import html
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

KINDS = ("person", "state", "organization", "group")
KIND_TITLES = {"person": "People", "state": "States", "organization": "Organizations", "group": "Groups"}
# Okabe-Ito hues, chosen to be told apart with the common colour-vision deficiencies, each
# with at least 3:1 contrast on Material's white and on its dark "slate" background.
KIND_COLOURS = {"person": "#1f78b4", "state": "#d55e00", "organization": "#009e73", "group": "#cc79a7"}
OTHER_COLOUR = "#767676"

MAX_NODES = 150
ITERATIONS = 120
START_TEMPERATURE = 0.1  # largest step of a node in one iteration, in units of the square
REPULSION = 0.25
GRAVITY = 0.2
LABEL_LIMIT = 40  # the most covered actors are labelled; the others on hover, focus or filter
MIN_RADIUS, MAX_RADIUS = 3.5, 13.0
MIN_STROKE, MAX_STROKE = 0.6, 4.0
FONT_SIZE = 11
LEGEND_HEIGHT = 26


class ActorLike(Protocol):
    id: str
    name: str
    kind: str


@dataclass(frozen=True)
class NetworkNode:
    id: str
    name: str
    kind: str
    count: int  # briefings naming this actor
    x: float  # centre, in the SVG's user units
    y: float
    radius: float
    labelled: bool  # name always shown (the LABEL_LIMIT most covered)


@dataclass(frozen=True)
class NetworkEdge:
    a: str  # a < b
    b: str
    weight: int  # briefings naming both


@dataclass(frozen=True)
class Network:
    """What `network_svg` draws, and what the page should say about it."""

    nodes: tuple[NetworkNode, ...]  # drawing order: most covered first, ties by id
    edges: tuple[NetworkEdge, ...]  # drawing order: lightest first, then by ids
    width: int
    height: int
    total_actors: int  # actors with at least `min_count` briefings
    truncated: bool  # True when only the `max_nodes` most covered are shown
    omitted: tuple[str, ...]  # ids left out by the truncation, most covered first

    @property
    def kinds(self) -> tuple[str, ...]:
        """Kinds present, in the canonical order (unknown kinds last, sorted)."""
        present = {node.kind for node in self.nodes}
        return tuple(k for k in KINDS if k in present) + tuple(sorted(present - set(KINDS)))

    @property
    def max_weight(self) -> int:
        return max((edge.weight for edge in self.edges), default=1)


# ---------------------------------------------------------------- layout


def _seed(node_id: str) -> tuple[float, float]:
    """A start position in [0, 1)^2 from the id alone: stable across runs and machines."""
    digest = hashlib.sha256(node_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") / 2**32, int.from_bytes(digest[4:8], "big") / 2**32


def _clean_edges(ids: Iterable[str], edges: Mapping[tuple[str, str], int]) -> dict[tuple[str, str], int]:
    """Sorted pairs between known ids, no self-loops, positive weights; (a, b) and (b, a) merged."""
    known = set(ids)
    clean: dict[tuple[str, str], int] = {}
    for (a, b), weight in edges.items():
        if a == b or a not in known or b not in known or weight <= 0:
            continue
        pair = (a, b) if a < b else (b, a)
        clean[pair] = max(clean.get(pair, 0), int(weight))
    return clean


def layout(
    ids: Iterable[str],
    edges: Mapping[tuple[str, str], int],
    iterations: int = ITERATIONS,
) -> dict[str, tuple[float, float]]:
    """Force-directed positions in the unit square [0, 1] x [0, 1], deterministic.

    Fruchterman-Reingold, with the degree weighting of ForceAtlas2 so hubs do not collapse
    into one blot: every pair of nodes repels (k^2 / d, times the product of their
    degrees + 1), every edge attracts (d^2 / k, times the square root of the shared
    briefings), a pull to the centre (also by degree) keeps loose actors near the rest,
    and the step size cools linearly. Start positions come from a hash of each id and every loop runs in sorted
    order, so the result does not depend on the order of `ids` or `edges`. O(n^2) per
    iteration: 150 nodes x 120 iterations take about half a second. The result is scaled
    to fill the square and rounded to 6 decimals.
    """
    order = sorted(set(ids))
    n = len(order)
    if n == 0:
        return {}
    if n == 1:
        return {order[0]: (0.5, 0.5)}
    index = {node_id: i for i, node_id in enumerate(order)}
    # Attraction grows with the square root of the shared briefings. Only +, -, *, / and sqrt
    # (all exactly rounded in IEEE arithmetic) are used, so the layout is the same on every machine.
    links = [(index[a], index[b], math.sqrt(w)) for (a, b), w in sorted(_clean_edges(order, edges).items())]
    mass = [1.0] * n  # degree + 1
    for a, b, _ in links:
        mass[a] += 1.0
        mass[b] += 1.0
    xs, ys = [], []
    for node_id in order:
        x, y = _seed(node_id)
        xs.append(x)
        ys.append(y)
    k2 = 1.0 / n  # k = sqrt(area / n), area 1
    k = math.sqrt(k2)
    for step in range(iterations):
        temperature = START_TEMPERATURE * (1.0 - step / iterations) + 1e-4
        push_x = [0.0] * n
        push_y = [0.0] * n
        for i in range(n):
            xi, yi, mi = xs[i], ys[i], mass[i] * k2 * REPULSION
            fx = fy = 0.0
            for j in range(i + 1, n):
                dx = xi - xs[j]
                dy = yi - ys[j]
                d2 = dx * dx + dy * dy
                if d2 < 1e-12:  # same spot: push apart along a fixed direction
                    dx, dy, d2 = 1e-6, 1e-6 * (1 + (j - i) % 3), 1e-12
                f = mi * mass[j] / d2  # |F| = k^2 m_i m_j / d, along (dx, dy) / d
                fx += dx * f
                fy += dy * f
                push_x[j] -= dx * f
                push_y[j] -= dy * f
            push_x[i] += fx
            push_y[i] += fy
        for a, b, strength in links:
            dx = xs[a] - xs[b]
            dy = ys[a] - ys[b]
            f = math.sqrt(dx * dx + dy * dy) * strength / k  # |F| = d^2 / k, along (dx, dy) / d
            push_x[a] -= dx * f
            push_y[a] -= dy * f
            push_x[b] += dx * f
            push_y[b] += dy * f
        for i in range(n):
            g = GRAVITY * mass[i]
            dx = push_x[i] - g * (xs[i] - 0.5)
            dy = push_y[i] - g * (ys[i] - 0.5)
            length = math.sqrt(dx * dx + dy * dy)
            if length > 0:
                move = min(length, temperature) / length
                xs[i] += dx * move
                ys[i] += dy * move
    return dict(zip(order, _fill_unit_square(xs, ys)))


def _fill_unit_square(xs: list[float], ys: list[float]) -> list[tuple[float, float]]:
    def scaled(values: list[float]) -> list[float]:
        low, high = min(values), max(values)
        if high - low < 1e-9:
            return [0.5] * len(values)
        return [(v - low) / (high - low) for v in values]

    return [(round(x, 6), round(y, 6)) for x, y in zip(scaled(xs), scaled(ys))]


# ---------------------------------------------------------------- selection and geometry


def build_network(
    actors: Iterable[ActorLike],
    edges: Mapping[tuple[str, str], int],
    article_counts: Mapping[str, int],
    *,
    max_nodes: int = MAX_NODES,
    max_edges: int | None = None,
    min_count: int = 1,
    width: int = 720,
    height: int = 540,
    iterations: int = ITERATIONS,
    label_limit: int = LABEL_LIMIT,
) -> Network:
    """Choose the actors to show, lay them out and size them for an SVG of `width` x `height`.

    Actors with fewer than `min_count` briefings are left out. Above `max_nodes`, only the
    most covered actors are kept (article count, ties by id); `truncated` and `omitted` say
    so. Edges are `{(a, b): shared briefings}`; pairs may come in either order. With
    `max_edges`, only the strongest ties among the kept actors are drawn (weight, then ids).
    """
    candidates = sorted(
        (a for a in actors if article_counts.get(a.id, 0) >= min_count),
        key=lambda a: (-article_counts.get(a.id, 0), a.id),
    )
    kept, dropped = candidates[:max_nodes], candidates[max_nodes:]
    kept_edges = _clean_edges((a.id for a in kept), edges)
    if max_edges is not None and len(kept_edges) > max_edges:
        strongest = sorted(kept_edges.items(), key=lambda item: (-item[1], item[0]))[:max_edges]
        kept_edges = dict(strongest)
    positions = layout([a.id for a in kept], kept_edges, iterations)
    top_count = max((article_counts.get(a.id, 0) for a in kept), default=1) or 1
    labelled = {a.id for a in kept[:label_limit]}
    margin_x = MAX_RADIUS + 3
    top = LEGEND_HEIGHT + MAX_RADIUS + 2
    bottom = MAX_RADIUS + 3
    nodes = []
    for actor in kept:
        count = article_counts.get(actor.id, 0)
        px, py = positions[actor.id]
        nodes.append(
            NetworkNode(
                id=actor.id,
                name=actor.name,
                kind=actor.kind,
                count=count,
                x=round(margin_x + px * (width - 2 * margin_x), 1),
                y=round(top + py * (height - top - bottom), 1),
                radius=round(MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * math.sqrt(count / top_count), 1),
                labelled=actor.id in labelled,
            )
        )
    edge_list = sorted(
        (NetworkEdge(a, b, weight) for (a, b), weight in kept_edges.items()),
        key=lambda e: (e.weight, e.a, e.b),
    )
    return Network(
        nodes=tuple(nodes),
        edges=tuple(edge_list),
        width=width,
        height=height,
        total_actors=len(candidates),
        truncated=bool(dropped),
        omitted=tuple(a.id for a in dropped),
    )


# ---------------------------------------------------------------- markup


def _e(value: object) -> str:
    """Text for SVG or HTML: whitespace collapsed (a newline in a name must not break the raw
    HTML block it sits in), then escaped, quotes included."""
    return html.escape(" ".join(str(value).split()), quote=True)


def _num(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _briefings(count: int) -> str:
    return f"{count} briefing" if count == 1 else f"{count} briefings"


def kind_colour(kind: str) -> str:
    return KIND_COLOURS.get(kind, OTHER_COLOUR)


def kind_title(kind: str) -> str:
    return KIND_TITLES.get(kind, kind.capitalize())


def network_description(network: Network) -> str:
    """One sentence for the SVG's <desc> (and for the page, if wanted): what is shown."""
    shown = len(network.nodes)
    if network.truncated:
        who = f"The {shown} most covered of {network.total_actors} actors"
    else:
        who = f"{shown} actor" if shown == 1 else f"{shown} actors"
    links = len(network.edges)
    return (
        f"{who}, sized by the number of briefings naming them and coloured by kind; "
        f"{links} {'line joins' if links == 1 else 'lines join'} actors named in the same briefings, "
        "thicker for more shared briefings."
    )


def network_svg(
    network: Network,
    url_for: Callable[[str], str],
    *,
    element_id: str = "briefing-network",
    title: str = "Network of actors named together in briefings",
) -> str:
    """The network as `<div class="briefing-network"><svg ...>...</svg></div>`, one element per line.

    `url_for(actor_id)` gives each node's link, written as is (escaped): it must be the
    final, output-relative URL, since MkDocs does not rewrite links inside raw HTML.
    `element_id` is the SVG's id, which the controls' `data-target` names. The SVG is a
    labelled figure (`role="figure"`, title and description), not an image: an image cannot
    hold links. Screen readers reach each node link, named by its tooltip; the links are kept
    out of the tab order, since the page's list of actors (and the "focus on actor" control)
    gives keyboard users the same links without a tab stop per node.
    """
    width, height = network.width, network.height
    sid = _e(element_id)
    stroke_span = max(network.max_weight - 1, 1)
    lines = [
        '<div class="briefing-network" data-pagefind-ignore="all">',
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{sid}" class="bn-svg" viewBox="0 0 {width} {height}"'
        f' width="{width}" height="{height}" role="figure" aria-labelledby="{sid}-title" aria-describedby="{sid}-desc"'
        f' font-size="{FONT_SIZE}" style="max-width:100%;height:auto">',
        f'<title id="{sid}-title">{_e(title)}</title>',
        f'<desc id="{sid}-desc">{_e(network_description(network))}</desc>',
    ]
    # Legend: one swatch per kind present, across the top.
    lines.append('<g class="bn-legend" style="fill:currentColor">')
    x = 8.0
    for kind in network.kinds:
        text = kind_title(kind)
        lines.append(
            f'<circle cx="{_num(x + 5)}" cy="13" r="5" fill="{kind_colour(kind)}"/>'
            f'<text x="{_num(x + 14)}" y="13" dominant-baseline="middle">{_e(text)}</text>'
        )
        x += 14 + 6.5 * len(text) + 16
    lines.append("</g>")
    # Edges: under the nodes; width grows with the square root of the shared briefings.
    positions = {node.id: node for node in network.nodes}
    lines.append('<g class="bn-edges" style="stroke:currentColor;stroke-opacity:.3">')
    for edge in network.edges:
        a, b = positions[edge.a], positions[edge.b]
        stroke = MIN_STROKE + (MAX_STROKE - MIN_STROKE) * math.sqrt((edge.weight - 1) / stroke_span)
        lines.append(
            f'<line x1="{_num(a.x)}" y1="{_num(a.y)}" x2="{_num(b.x)}" y2="{_num(b.y)}"'
            f' stroke-width="{stroke:.2f}" data-a="{_e(edge.a)}" data-b="{_e(edge.b)}" data-weight="{edge.weight}"/>'
        )
    lines.append("</g>")
    # Nodes: a link per actor with its circle, its name (a halo keeps it legible over lines)
    # and a tooltip. Names far right are written to the left of their circle.
    lines.append(
        '<g class="bn-nodes" style="fill:currentColor;stroke:var(--md-default-bg-color,#fff);'
        'stroke-width:3px;stroke-linejoin:round;paint-order:stroke">'
    )
    for node in network.nodes:
        name = _e(node.name)
        tooltip = _e(f"{node.name} — {node.kind}, {_briefings(node.count)}")
        if node.x > width * 0.78:
            text_x, anchor = node.x - node.radius - 3, ' text-anchor="end"'
        else:
            text_x, anchor = node.x + node.radius + 3, ""
        hidden = "" if node.labelled else ' class="bn-minor" visibility="hidden"'
        lines.append(
            f'<a class="bn-node" href="{_e(url_for(node.id))}" tabindex="-1" data-id="{_e(node.id)}"'
            f' data-kind="{_e(node.kind)}" data-count="{node.count}"><title>{tooltip}</title>'
            f'<circle cx="{_num(node.x)}" cy="{_num(node.y)}" r="{_num(node.radius)}" fill="{kind_colour(node.kind)}"'
            f' stroke-width="1"/><text x="{_num(text_x)}" y="{_num(node.y)}" dominant-baseline="middle"{anchor}{hidden}>'
            f"{name}</text></a>"
        )
    lines.append("</g>")
    lines.append("</svg>")
    lines.append("</div>")
    return "\n".join(lines)


def network_controls_html(
    kinds: Iterable[str],
    actors: Iterable[ActorLike],
    *,
    max_weight: int = 1,
    target: str = "briefing-network",
) -> str:
    """The filter form for the SVG whose id is `target`: kinds, minimum shared briefings, focus.

    The form is `hidden` until `NETWORK_JS` runs, so without JavaScript nobody meets controls
    that do nothing. `actors` (id, name) fill the "focus on actor" list, sorted by name; pass
    the shown nodes (`network.nodes`), with `kinds=network.kinds` and
    `max_weight=network.max_weight`. One element per line, no blank line, no indentation,
    well-formed XML too: a raw HTML block in Markdown.
    """
    kinds = list(dict.fromkeys(kinds))
    ordered_kinds = [k for k in KINDS if k in kinds] + sorted(k for k in kinds if k not in KINDS)
    tid = _e(target)
    lines = [
        f'<form class="briefing-network-controls" data-target="{tid}" hidden="hidden">',
        "<fieldset>",
        "<legend>Kinds of actor</legend>",
    ]
    for kind in ordered_kinds:
        lines.append(
            f'<label><input type="checkbox" name="kind" value="{_e(kind)}" checked="checked"/>'
            f' <span class="bn-swatch" style="display:inline-block;width:.75em;height:.75em;border-radius:50%;background:{kind_colour(kind)}"></span> {_e(kind_title(kind))}</label>'
        )
    lines.append("</fieldset>")
    top = max(int(max_weight), 1)
    lines.append(
        f'<label>Minimum shared briefings <input type="number" name="min" min="1" max="{top}" step="1" value="1"'
        ' inputmode="numeric"/></label>'
    )
    lines.append('<label>Focus on actor <select name="focus">')
    lines.append('<option value="">All actors</option>')
    unique = {actor.id: actor for actor in actors}
    for actor in sorted(unique.values(), key=lambda a: (a.name.casefold(), a.name, a.id)):
        lines.append(f'<option value="{_e(actor.id)}">{_e(actor.name)}</option>')
    lines.append("</select></label>")
    # A form needs a submit button (WCAG 2, 3.2.2): Enter or "Apply" filters now; NETWORK_JS stops the page reload.
    lines.append('<button type="submit">Apply</button>')
    lines.append('<button type="reset">Show all</button>')
    lines.append('<p class="bn-status" role="status" aria-live="polite"></p>')
    lines.append("</form>")
    return "\n".join(lines)


# ---------------------------------------------------------------- script

NETWORK_JS = r"""// Briefing actor network: filter the inline SVG by kind, minimum shared briefings and
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
"""
