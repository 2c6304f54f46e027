"""Which actors and ties the network shows, and where: `build_network`.

The most covered actors are kept (at most `max_nodes`), the strongest ties among them (at
most `max_edges`), placed by `layout.layout` and sized for an SVG of a given width and height.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

from briefing.model.entities import ACTOR_KIND_TITLES
from briefing.render.network.layout import ITERATIONS, clean_edges, layout

KINDS = tuple(ACTOR_KIND_TITLES)  # the canonical order of kinds: legend, filters
MAX_ACTORS_SHOWN = 150  # default `max_nodes`: actors drawn, the most covered first
LABEL_LIMIT = 40  # the most covered actors are labelled; the others on hover, focus or filter
MIN_RADIUS, MAX_RADIUS = 3.5, 13.0
LEGEND_HEIGHT = 26


class ActorLike(Protocol):
    """What the network needs of an actor; read-only, so frozen dataclasses (`Actor`, `NetworkNode`) fit."""

    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def kind(self) -> str: ...


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


def ordered_kinds(kinds: Iterable[str]) -> tuple[str, ...]:
    """Distinct kinds in the canonical order, unknown kinds last, sorted."""
    present = set(kinds)
    return tuple(k for k in KINDS if k in present) + tuple(sorted(present - set(KINDS)))


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
        return ordered_kinds(node.kind for node in self.nodes)

    @property
    def max_weight(self) -> int:
        return max((edge.weight for edge in self.edges), default=1)


def select_network(
    actors: Iterable[ActorLike],
    edges: Mapping[tuple[str, str], int],
    article_counts: Mapping[str, int],
    *,
    max_nodes: int = MAX_ACTORS_SHOWN,
    max_edges: int | None = None,
    min_count: int = 1,
) -> tuple[list[ActorLike], dict[tuple[str, str], int]]:
    """What `build_network` draws, without the layout: the candidate actors, most covered first
    (the first `max_nodes` are drawn), and the ties drawn among those, `{(a, b): weight}` with a < b.

    Cheap (no layout), so the pair pages can know which ties the network links to."""
    candidates = sorted(
        (a for a in actors if article_counts.get(a.id, 0) >= min_count),
        key=lambda a: (-article_counts.get(a.id, 0), a.id),
    )
    kept_edges = clean_edges((a.id for a in candidates[:max_nodes]), edges)
    if max_edges is not None and len(kept_edges) > max_edges:
        strongest = sorted(kept_edges.items(), key=lambda item: (-item[1], item[0]))[:max_edges]
        kept_edges = dict(strongest)
    return candidates, kept_edges


def build_network(
    actors: Iterable[ActorLike],
    edges: Mapping[tuple[str, str], int],
    article_counts: Mapping[str, int],
    *,
    max_nodes: int = MAX_ACTORS_SHOWN,
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
    candidates, kept_edges = select_network(actors, edges, article_counts, max_nodes=max_nodes, max_edges=max_edges, min_count=min_count)
    kept, dropped = candidates[:max_nodes], candidates[max_nodes:]
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
