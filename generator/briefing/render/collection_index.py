"""The index pages of the registries: actors (grouped by kind), topics and regions (a tree), A to Z.

Long indexes are split into pages of INDEX_PAGE_SIZE entries; the regions stay one tree.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from briefing.model.entities import ACTOR_KIND_TITLES, Actor, Collection, Entity
from briefing.model.pagination import paginate
from briefing.model.urls import collection_index_uri
from briefing.render.context import RenderContext
from briefing.render.html_blocks import preview
from briefing.render.output import MarkdownPage

COLLECTION_TITLES: dict[Collection, str] = {"actors": "Actors", "topics": "Topics", "regions": "Regions"}
INDEX_PAGE_SIZE = 200  # entries per page of the actors / topics index


def pages(site: RenderContext, collection: Collection) -> Iterator[MarkdownPage]:
    """The A-Z list of one registry, split into pages of INDEX_PAGE_SIZE; actors grouped by kind."""
    entities = sorted(site.corpus.registry(collection).values(), key=lambda e: (e.name.casefold(), e.id))
    counted = [(e, site.index.count((collection, e.id))) for e in entities]
    size = INDEX_PAGE_SIZE if collection != "regions" else max(1, len(counted))  # regions: one tree
    for listing in paginate(counted, size, collection_index_uri(collection)):
        members = list(listing.items)
        groups: list[tuple[str, list[tuple[Entity, int]]]]
        if collection == "actors":
            groups = [
                (title, [(e, n) for e, n in members if isinstance(e, Actor) and e.kind == kind])
                for kind, title in ACTOR_KIND_TITLES.items()
            ]
            groups = [(title, group) for title, group in groups if group]
        else:
            groups = [("", members)]
        extra: dict[str, Any] = {}
        if listing.number > 1:
            extra = dict(
                in_nav=False,
                front_matter={
                    "briefing": {
                        "kind": "listing",
                        "title": f"{COLLECTION_TITLES[collection]} {listing.first_item}–{listing.last_item}",
                    }
                },
            )
        yield site.page(
            listing.uri,
            "collection_index.md.j2",
            None,
            **extra,
            title=COLLECTION_TITLES[collection],
            collection=collection,
            groups=groups,
            listing=listing,
            describe=lambda e: preview(e.description, 120),
            region_tree=_region_tree(site) if collection == "regions" else [],
            total_articles=len(site.corpus.articles),
            entity_count=len(entities),
        )


def _region_tree(site: RenderContext) -> list[tuple[int, Entity, int]]:
    """(depth, region, article count) in depth-first order, for a nested list."""
    regions = site.corpus.regions
    index = site.index
    roots = sorted((r for r in regions.values() if r.parent is None), key=lambda r: r.name.casefold())
    rows: list[tuple[int, Entity, int]] = []

    def visit(region: Entity, depth: int) -> None:
        rows.append((depth, region, index.count(("regions", region.id))))
        for child_id in index.children.get(region.id, []):
            visit(regions[child_id], depth + 1)

    for root in roots:
        visit(root, 0)
    return rows
