"""The coverage map page, and the cropped map on each region page (see `coverage_map`)."""

from __future__ import annotations

from collections.abc import Iterator

from markupsafe import escape

from briefing.index.corpus_index import CorpusIndex
from briefing.model.entities import Actor, Entity
from briefing.model.urls import MAP, entity_uri, html_href
from briefing.render.context import RenderContext
from briefing.render.coverage_map import MappedState, map_figure, map_table, region_view
from briefing.render.geo.world import by_iso
from briefing.render.markdown_text import Markdown
from briefing.render.output import MarkdownPage


def mapped_states(index: CorpusIndex, from_uri: str, directory_urls: bool) -> list[MappedState]:
    """Every state with an ISO code, with its briefing count and a link from `from_uri`."""
    states = [a for a in index.corpus.actors.values() if a.kind == "state" and a.iso]
    return [
        MappedState(a, index.count(("actors", a.id)), html_href(from_uri, entity_uri(a), directory_urls))
        for a in sorted(states, key=lambda a: a.id)
    ]


def _table_link(state: MappedState) -> str:
    return f'<a href="{escape(state.href)}">{escape(state.actor.name)}</a>'


def pages(site: RenderContext) -> Iterator[MarkdownPage]:
    """The map page (one, in the navigation)."""
    yield map_page(site)


def map_page(site: RenderContext) -> MarkdownPage:
    index, directory_urls = site.index, site.options.directory_urls
    states = mapped_states(index, MAP, directory_urls)
    key = tuple((s.actor, s.count) for s in states)
    figure, table = site.memo(
        MAP,
        key,
        lambda: (
            map_figure(states, f"Map of the states named in the briefings: {len(states)} states shaded by number of briefings"),
            map_table(states, "Briefings per state", _table_link),
        ),
    )
    unplaced = sorted(
        (a for a in index.corpus.actors.values() if a.kind == "state" and (not a.iso or a.iso not in by_iso())),
        key=lambda a: (a.name.casefold(), a.id),
    )
    return site.page(
        MAP,
        "map.md.j2",
        None,
        front_matter={"briefing": {"kind": "map"}},
        figure=figure,
        table=table,
        state_count=len(states),
        unplaced_count=len(unplaced),
    )


def region_states(site: RenderContext, region: Entity) -> list[Actor]:
    """The states filed under a region or any of its sub-regions."""
    inside, todo = set(), [region.id]
    while todo:
        current = todo.pop()
        if current not in inside:
            inside.add(current)
            todo.extend(site.index.children.get(current, []))
    return [a for a in site.corpus.actors.values() if a.kind == "state" and a.region in inside and a.iso]


def region_map(site: RenderContext, region: Entity) -> Markdown | None:
    """The region's states highlighted on a crop of the map around them, or None when it has none."""
    members = region_states(site, region)
    view = region_view([a.iso for a in members if a.iso])
    if view is None:
        return None
    uri, directory_urls = entity_uri(region), site.options.directory_urls
    states = mapped_states(site.index, uri, directory_urls)
    highlight = {a.iso for a in members if a.iso}
    html = site.memo(
        "map:" + uri,
        (region.name, tuple(sorted(highlight)), tuple((s.actor, s.count) for s in states)),
        lambda: map_figure(
            states,
            f"Map of the states of {region.name}, shaded by number of briefings",
            view=view,
            highlight=highlight,
            map_id="bf-region-map",
        ),
    )
    return Markdown(html)
