"""The network drawn as an inline SVG: legend, a path per weight of tie, a linked circle per actor.

Light on purpose (issue #11): one <path> draws all ties of a weight, a node is a link and a
circle (plus its name for the most covered), and its tooltip is an attribute the script turns
into a <title> on hover, so the page stays near the element count of the others. A tie is not
an element of its own: its link is in the list under the drawing (`pairs.network_pairs_html`,
keyed by the same "i,j" as `data-ends`), which the script follows when the line is clicked.

Names and ids are data, never markup: everything placed in the SVG goes through
`escape_text`. The SVG is written one element per line, with no blank line and no
indentation, so it passes through Markdown as a raw HTML block.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from itertools import groupby

from briefing.render.network.graph import Network
from briefing.render.network.markup import escape_text as _e
from briefing.render.network.markup import kind_colour, kind_title

MIN_STROKE, MAX_STROKE = 0.6, 4.0
FONT_SIZE = 11


def _num(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _briefings(count: int) -> str:
    return f"{count} briefing" if count == 1 else f"{count} briefings"


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
    hold links. Screen readers reach each node link, named by its aria-label; the links are kept
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
    # Ties: under the nodes, one path per weight (its width grows with the square root of the
    # shared briefings); data-ends lists each tie as "i,j", indexes of the nodes in drawing order.
    order = {node.id: i for i, node in enumerate(network.nodes)}
    positions = {node.id: node for node in network.nodes}
    lines.append('<g class="bn-edges" style="fill:none;stroke:currentColor;stroke-opacity:.3">')
    for weight, group in groupby(network.edges, key=lambda edge: edge.weight):
        ties = list(group)
        stroke = MIN_STROKE + (MAX_STROKE - MIN_STROKE) * math.sqrt((weight - 1) / stroke_span)
        path = "".join(
            f"M{_num(positions[e.a].x)} {_num(positions[e.a].y)}L{_num(positions[e.b].x)} {_num(positions[e.b].y)}" for e in ties
        )
        ends = " ".join(f"{order[e.a]},{order[e.b]}" for e in ties)
        lines.append(f'<path d="{path}" stroke-width="{stroke:.2f}" data-weight="{weight}" data-ends="{ends}"/>')
    lines.append("</g>")
    # Nodes: a link per actor with its circle, named for screen readers by aria-label; the most
    # covered also with their name (a halo keeps it legible over lines). Names far right are
    # written to the left of their circle. The script adds tooltips and the other names on
    # hover, focus or filter, in the (empty) label layer above the nodes.
    halo = "fill:currentColor;stroke:var(--md-default-bg-color,#fff);stroke-width:3px;stroke-linejoin:round;paint-order:stroke"
    lines.append(f'<g class="bn-nodes" style="{halo}">')
    for node in network.nodes:
        tooltip = _e(f"{node.name} — {node.kind}, {_briefings(node.count)}")
        label = ""
        if node.labelled:
            if node.x > width * 0.78:
                text_x, anchor = node.x - node.radius - 3, ' text-anchor="end"'
            else:
                text_x, anchor = node.x + node.radius + 3, ""
            label = f'<text x="{_num(text_x)}" y="{_num(node.y)}" dominant-baseline="middle"{anchor}>{_e(node.name)}</text>'
        lines.append(
            f'<a class="bn-node" href="{_e(url_for(node.id))}" tabindex="-1" aria-label="{tooltip}" data-id="{_e(node.id)}"'
            f' data-kind="{_e(node.kind)}" data-count="{node.count}">'
            f'<circle cx="{_num(node.x)}" cy="{_num(node.y)}" r="{_num(node.radius)}" fill="{kind_colour(node.kind)}"'
            f' stroke-width="1"/>{label}</a>'
        )
    lines.append("</g>")
    lines.append(f'<g class="bn-labels" style="{halo};font-weight:700" pointer-events="none"></g>')
    lines.append("</svg>")
    lines.append("</div>")
    return "\n".join(lines)
