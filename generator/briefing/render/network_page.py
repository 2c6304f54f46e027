"""The network page: who appears with whom, as an SVG drawn at build time, filters, and every
tie drawn as a link to the briefings naming both (bounded whatever the corpus size).

The ties come from the index (`CorpusIndex.actor_ties`); the layout and drawing from
`render.network`; the filters' script is a theme asset. A click on a tie in the drawing follows
that tie's link in the list (`briefing-network.js`), in every period view too.
"""

from __future__ import annotations

from collections.abc import Iterator

from briefing.index.corpus_index import CorpusIndex
from briefing.model.urls import NETWORK, entity_uri_for, html_href
from briefing.render.context import RenderContext
from briefing.render.markdown_text import Markdown
from briefing.render.network import (
    build_network,
    network_controls_html,
    network_description,
    network_pairs_html,
    network_svg,
    select_network,
)
from briefing.render.output import MarkdownPage
from briefing.render.pairs import pair_target
from briefing.render.periods import network_periods, period_controls_html

NETWORK_NODE_LIMIT = 100  # actors drawn: the most covered
NETWORK_EDGE_LIMIT = 600  # lines drawn: the strongest ties among them; each is listed as a link


def drawn_pairs(index: CorpusIndex) -> list[tuple[str, str]]:
    """The pairs of actors the network draws (and links), without laying it out: `render.pairs`
    gives each of them that shares two briefings or more a page."""
    counts = {a: index.count(("actors", a)) for a in index.corpus.actors}
    _, edges = select_network(
        index.corpus.actors.values(), index.actor_ties(), counts, max_nodes=NETWORK_NODE_LIMIT, max_edges=NETWORK_EDGE_LIMIT
    )
    return sorted(edges)


def pages(site: RenderContext) -> Iterator[MarkdownPage]:
    corpus, index = site.corpus, site.index
    ties = index.actor_ties()
    counts = {a: index.count(("actors", a)) for a in corpus.actors}
    net = site.memo(
        NETWORK,
        (tuple(ties.items()), tuple(counts.items()), tuple(corpus.actors.values())),
        lambda: build_network(list(corpus.actors.values()), ties, counts, max_nodes=NETWORK_NODE_LIMIT, max_edges=NETWORK_EDGE_LIMIT),
    )
    directory_urls = site.options.directory_urls

    def url_for(actor_id: str) -> str:
        return html_href(NETWORK, entity_uri_for("actors", actor_id), directory_urls)

    svg = network_svg(net, url_for)
    controls = network_controls_html(net.kinds, net.nodes, max_weight=net.max_weight)
    periods = site.memo("periods", (net, tuple(a.listing for a in corpus.articles)), lambda: network_periods(corpus.articles, net))
    yield site.page(
        NETWORK,
        "network.md.j2",
        None,
        front_matter={"briefing": {"kind": "network"}},
        drawing=Markdown(
            svg + "\n\n" + controls + "\n\n" + period_controls_html(periods)
        ),  # controls below: revealing them shifts nothing above
        description=network_description(net),
        pair_list=Markdown(
            network_pairs_html(
                net,
                url_for,
                lambda a, b, w: html_href(NETWORK, pair_target(index, a, b, w), directory_urls),
                total=len(ties),
            )
        ),
    )
