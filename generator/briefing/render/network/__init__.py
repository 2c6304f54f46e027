"""The actor network: who is named in the same briefings, as an inline SVG with filters.

`graph.build_network` picks the actors to show (the most covered first) and places them with
the force-directed layout of `layout`, computed in pure Python and deterministic, so the same
input always gives byte-identical markup (`graph.select_network` is that choice alone, without
the layout). `svg.network_svg` draws it (lines for shared briefings, a linked circle per actor,
a legend); `controls.network_controls_html` writes the filter form, `pairs.network_pairs_html`
every tie drawn as a link to the briefings naming both, and the static asset
`site/theme/assets/briefing-network.js` the small script behind them, which also follows a
tie's link when its line is clicked. Without JavaScript the whole network is shown, the form
stays hidden and the list of ties holds the links; nothing is fetched, so the page works from
a local folder.
"""

from __future__ import annotations

from briefing.render.network.controls import network_controls_html
from briefing.render.network.graph import (
    KINDS,
    LABEL_LIMIT,
    MAX_ACTORS_SHOWN,
    ActorLike,
    Network,
    NetworkEdge,
    NetworkNode,
    build_network,
    ordered_kinds,
    select_network,
)
from briefing.render.network.layout import ITERATIONS, layout
from briefing.render.network.markup import KIND_COLOURS, OTHER_COLOUR, kind_colour, kind_title
from briefing.render.network.pairs import network_pairs_html
from briefing.render.network.svg import network_description, network_svg

__all__ = [
    "ITERATIONS",
    "KINDS",
    "KIND_COLOURS",
    "LABEL_LIMIT",
    "MAX_ACTORS_SHOWN",
    "OTHER_COLOUR",
    "ActorLike",
    "Network",
    "NetworkEdge",
    "NetworkNode",
    "build_network",
    "kind_colour",
    "kind_title",
    "layout",
    "network_controls_html",
    "network_description",
    "network_pairs_html",
    "network_svg",
    "ordered_kinds",
    "select_network",
]
