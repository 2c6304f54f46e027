"""The network's ties as links: the strongest in a table, every tie drawn in a folded list.

Every tie the SVG draws is listed once, under the better covered of its two actors, as a link
to the briefings naming both (`count_href`), so readers without the script, or on a keyboard,
reach each of them. Each link carries `data-ends="i,j"`, the tie's ends as the SVG's
`data-ends` writes them (indexes of the nodes in drawing order), and the list names its SVG
(`data-target`): the network script follows that link when the tie is clicked in the drawing.
The list costs one element per tie (a link) and one per actor; the closed <details> costs the
browser no layout. Bounded by the ties drawn whatever the corpus size. Written one element per
line, no blank line, no indentation, so it passes through Markdown as a raw HTML block.
"""

from __future__ import annotations

from collections.abc import Callable

from briefing.render.network.graph import Network
from briefing.render.network.markup import escape_text as _e

RIGHT = ' style="text-align: right"'
STRONGEST_SHOWN = 10  # ties in the open table; the folded list holds them all


def network_pairs_html(
    network: Network,
    url_for: Callable[[str], str],
    count_href: Callable[[str, str, int], str],
    *,
    total: int,
    strongest: int = STRONGEST_SHOWN,
    element_id: str = "briefing-network",
) -> str:
    """The strongest ties as a table, then every tie drawn, by actor, in a closed <details>.

    `url_for(actor_id)` and `count_href(a, b, weight)` (the briefings naming both) must give
    final, output-relative URLs: raw HTML is not rewritten. `total` is the number of pairs of
    actors sharing a briefing in the corpus, of which the network draws `network.edges`.
    `element_id` is the SVG's id.
    """
    edges = network.edges
    if not edges:
        return "<p>No two actors drawn are named in the same briefing.</p>"
    order = {node.id: i for i, node in enumerate(network.nodes)}
    names = {node.id: node.name for node in network.nodes}
    ranked = sorted(edges, key=lambda e: (-e.weight, order[e.a], order[e.b]))
    lines = [
        '<table class="bn-strongest">',
        f"<thead><tr><th>Actor</th><th>Actor</th><th{RIGHT}>Shared briefings</th></tr></thead>",
        "<tbody>",
    ]
    for e in ranked[:strongest]:
        first, second = sorted((e.a, e.b), key=order.__getitem__)
        lines.append(
            f'<tr><td><a href="{_e(url_for(first))}">{_e(names[first])}</a></td>'
            f'<td><a href="{_e(url_for(second))}">{_e(names[second])}</a></td>'
            f'<td{RIGHT}><a href="{_e(count_href(e.a, e.b, e.weight))}">{e.weight}</a></td></tr>'
        )
    lines += ["</tbody>", "</table>"]
    # Every tie under the better covered of its actors (earlier in drawing order), strongest first.
    groups: dict[str, list[str]] = {}
    for e in ranked:
        first, second = sorted((e.a, e.b), key=order.__getitem__)
        groups.setdefault(first, []).append(
            f'<a href="{_e(count_href(e.a, e.b, e.weight))}" data-ends="{order[e.a]},{order[e.b]}">{_e(names[second])} ({e.weight})</a>'
        )
    drawn = len(edges)
    summary = "The one tie drawn" if drawn == 1 else f"All {drawn} ties drawn, by actor (shared briefings in brackets)"
    lines += ['<details class="bn-pairs">', f"<summary>{summary}</summary>", f'<ul class="bn-ties" data-target="{_e(element_id)}">']
    for node in network.nodes:
        if node.id in groups:
            lines.append(f"<li>{_e(node.name)} with {', '.join(groups[node.id])}</li>")
    lines += ["</ul>", "</details>"]
    if total > drawn:
        lines.append(
            f"<p>Of the {total} pairs of actors named together in the briefings, the drawing shows {drawn}: the strongest"
            f" among its {len(network.nodes)} actors. Each actor's page lists everyone who appears with it.</p>"
        )
    return "\n".join(lines)
