"""Coverage over time: the network narrowed to a period, and "appears with" year by year.

At build time, for the ties the network draws (at most NETWORK_EDGE_LIMIT) and the actors it
shows (at most NETWORK_NODE_LIMIT), the briefings of each year are counted; the counts ride
on the period form as one compact JSON attribute (ids once, then a row of counts per year),
so the page stays bounded at any corpus size and nothing is fetched. `PERIODS_JS` hides the
actors with no briefing in the chosen years and draws that period's ties in place of the
network's own (`?from=2024&to=2024` or `?year=2024` presets it).
"""

from __future__ import annotations

import html
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

from briefing.model.corpus import Corpus
from briefing.model.entities import Article, Entity
from briefing.render.context import RenderContext
from briefing.render.html_blocks import HtmlWriter
from briefing.render.network import Network
from briefing.render.output import Output

PERIODS_SCRIPT = "assets/briefing-periods.js"
YEAR_CO_LIMIT = 10  # co-actors listed per year on an actor page


def pages(site: RenderContext) -> Iterator[Output]:
    """The period form's script (a file beside the pages)."""
    yield Output(uri=PERIODS_SCRIPT, content=PERIODS_JS)


def year_weights(articles: Iterable[Article], pairs: Sequence[tuple[str, str]], nodes: Sequence[str]) -> dict[str, object]:
    """Per-year counts: `{"years": [...], "nodes": [ids], "edges": [[i, j], ...] (node positions),
    "n": {year: [count per node]}, "e": {year: [count per edge]}}`, only years with briefings.
    Every pair's actors must be among `nodes`."""
    node_at = {node: i for i, node in enumerate(nodes)}
    wanted = {pair: i for i, pair in enumerate(pairs)}
    node_counts: dict[int, list[int]] = {}
    edge_counts: dict[int, list[int]] = {}
    for article in articles:
        year = article.date.year
        if year not in node_counts:
            node_counts[year], edge_counts[year] = [0] * len(nodes), [0] * len(pairs)
        actors = sorted(set(article.actors))
        for a in actors:
            if a in node_at:
                node_counts[year][node_at[a]] += 1
        for i, a in enumerate(actors):
            for b in actors[i + 1 :]:
                at = wanted.get((a, b))
                if at is not None:
                    edge_counts[year][at] += 1
    years = sorted(node_counts)
    return {
        "years": years,
        "nodes": list(nodes),
        "edges": [[node_at[a], node_at[b]] for a, b in pairs],
        "n": {str(y): node_counts[y] for y in years},
        "e": {str(y): edge_counts[y] for y in years},
    }


def network_periods(articles: Iterable[Article], network: Network) -> dict[str, object]:
    """`year_weights` for the ties and actors a network draws."""
    return year_weights(articles, [(e.a, e.b) for e in network.edges], [n.id for n in network.nodes])


def period_controls_html(weights: dict[str, object], target: str = "briefing-network") -> str:
    """The period form (hidden until the script runs): from year, to year, and a status line."""
    years = [int(y) for y in weights["years"]]  # type: ignore[attr-defined]
    if not years:
        return ""
    # In a single-quoted attribute, so JSON's many double quotes need no entity each.
    data = json.dumps(weights, separators=(",", ":"), sort_keys=True)
    data = data.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;")
    options_from = "".join(f'<option value="{y}"{" selected" if y == years[0] else ""}>{y}</option>' for y in years)
    options_to = "".join(f'<option value="{y}"{" selected" if y == years[-1] else ""}>{y}</option>' for y in years)
    return (
        f'<form class="bf-period" data-target="{html.escape(target)}" data-periods=\'{data}\' hidden="hidden">'
        f'<fieldset><legend>Period</legend><label>From <select name="from">{options_from}</select></label>'
        f'<label>to <select name="to">{options_to}</select></label></fieldset>'
        '<button type="button" name="all">All years</button>'
        '<p class="bf-period-status" role="status" aria-live="polite"></p></form>'
    )


def co_actors_by_year(entity: Entity, articles: Iterable[Article], corpus: Corpus) -> list[tuple[int, list[tuple[Entity, int]], int]]:
    """(year, the most shared actors that year, how many share any), newest year first."""
    by_year: dict[int, Counter[str]] = {}
    for article in articles:
        counter = by_year.setdefault(article.date.year, Counter())
        for other in set(article.actors):
            if other != entity.id:
                counter[other] += 1
    result = []
    for year in sorted(by_year, reverse=True):
        ranked = sorted(by_year[year].items(), key=lambda item: (-item[1], item[0]))
        if ranked:
            shared: list[tuple[Entity, int]] = [(corpus.actors[i], n) for i, n in ranked[:YEAR_CO_LIMIT]]
            result.append((year, shared, len(ranked)))
    return result


def co_by_year_html(writer: HtmlWriter, rows: Sequence[tuple[int, list[tuple[Entity, int]], int]]) -> str:
    """An actor's co-actors per year, in a closed `<details>` under "Appears with"."""
    if not rows:
        return ""
    parts = ['<details class="bf-by-year" data-pagefind-ignore>', "<summary>Appears with, year by year</summary>"]
    for year, shared, total in rows:
        more = f" (the {len(shared)} most shared of {total})" if total > len(shared) else ""
        items = ", ".join(f"{writer.entity_link(other)} ({count})" for other, count in shared)
        parts.append(f"<p><strong>{year}</strong>{more}: {items}</p>")
    parts.append("</details>")
    return "\n".join(parts) + "\n"


PERIODS_JS = r"""// Briefing network over time: narrow the drawn network to a period of years.
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
"""
