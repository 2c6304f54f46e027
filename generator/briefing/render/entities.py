"""The page of every actor, topic and region: profile, coverage chart, briefings newest first,
and who and what appears with it.

Pages must not grow with the corpus: the briefings are split into pages of ENTITY_PAGE_SIZE
(the first on the entry's own page, the older ones on listing pages, with jumps to each year),
and the co-occurrence lists show the CO_LIST_LIMIT most shared entries.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterator, Sequence
from urllib.parse import urlencode

from briefing.model.entities import Actor, Article, Collection, Entity
from briefing.model.pagination import Pagination, page_of_item, paged_uri, paginate
from briefing.model.urls import SEARCH, collection_index_uri, entity_uri, feed_uri, html_href, timeline_month_uri
from briefing.render.cache import Deferred
from briefing.render.charts import coverage_svg, monthly_counts
from briefing.render.collection_index import COLLECTION_TITLES
from briefing.render.context import RenderContext
from briefing.render.html_blocks import plural, preview
from briefing.render.map_page import region_map
from briefing.render.markdown_text import Markdown
from briefing.render.output import MarkdownPage
from briefing.render.pairs import appears_with_html, appears_with_rows
from briefing.render.periods import co_actors_by_year, co_by_year_html
from briefing.render.structured_data import entity_data, script_json

ENTITY_PAGE_SIZE = 50  # briefings per page of an actor, topic or region
CO_LIST_LIMIT = 20  # "Appears with" and the like: the most shared entries only
CO_LISTS: tuple[tuple[Collection, str], ...] = (("actors", "Appears with"), ("topics", "Topics"), ("regions", "Regions"))
SEARCH_FACETS: dict[Collection, str] = {"actors": "actor", "topics": "topic", "regions": "region"}


def pages(site: RenderContext, collection: Collection) -> Iterator[MarkdownPage]:
    """The pages of every entry of one registry, by id."""
    states_by_name = {a.name: a for a in site.corpus.actors.values() if a.kind == "state"}
    for entity in sorted(site.corpus.registry(collection).values(), key=lambda e: e.id):
        yield from _entity_pages(site, entity, states_by_name)


def _entity_pages(site: RenderContext, entity: Entity, states_by_name: dict[str, Actor]) -> Iterator[MarkdownPage]:
    """The entry's page (newest briefings first) and, for long coverage, its older pages."""
    newest = site.index.articles_newest_first((entity.collection, entity.id))
    listings = paginate(newest, ENTITY_PAGE_SIZE, entity_uri(entity))
    year_jumps = year_jumps_of(newest, entity_uri(entity)) if len(listings) > 1 else []
    if newest:
        latest = max(a.last_modified for a in newest)
        for listing in listings:
            site.modified(listing.uri, latest)
    yield _entity_page(site, entity, listings[0], year_jumps, states_by_name)
    for listing in listings[1:]:
        yield site.page(
            listing.uri,
            "entity_listing.md.j2",
            None,
            in_nav=False,
            front_matter={
                "briefing": {
                    "kind": "listing",
                    "title": f"{entity.name}: briefings {listing.first_item}–{listing.last_item}",
                    "sitemap": False,
                }
            },
            entity=entity,
            listing=listing,
            year_jumps=year_jumps,
            bylines=site.bylines(listing.items),
        )


def year_jumps_of(newest: Sequence[Article], base_uri: str) -> list[tuple[str, str]]:
    """(year, page where that year's newest briefing is) for a list split into pages."""
    jumps: list[tuple[str, str]] = []
    for position, article in enumerate(newest):
        year = str(article.date.year)
        if not jumps or jumps[-1][0] != year:
            jumps.append((year, paged_uri(base_uri, page_of_item(position, ENTITY_PAGE_SIZE))))
    return jumps


def _entity_page(
    site: RenderContext,
    entity: Entity,
    listing: Pagination[Article],
    year_jumps: list[tuple[str, str]],
    states_by_name: dict[str, Actor],
) -> MarkdownPage:
    index, corpus = site.index, site.corpus
    key = (entity.collection, entity.id)
    country: Actor | str | None = None
    if isinstance(entity, Actor) and entity.country:
        country = states_by_name.get(entity.country) or entity.country
    parent_trail: list[Entity] = []
    children: list[tuple[Entity, int]] = []
    if entity.collection == "regions":
        parent_trail = site.entities("regions", index.region_trail(entity.id)[:-1])
        children = [(corpus.regions[c], index.count(("regions", c))) for c in index.children.get(entity.id, [])]
    feed = feed_uri(entity) if index.count(key) else None
    co_lists = _co_lists(site, entity)
    return site.page(
        entity_uri(entity),
        "entity.md.j2",
        entity.source_path,
        front_matter={
            "briefing": {
                "kind": entity.collection[:-1],
                "title": entity.name,
                "summary": entity.description,
                "aliases": list(entity.aliases),
                "feed": feed,
                "feed_title": f"{site.options.site_name}: {entity.name}",
                "jsonld": script_json(entity_data(entity, site.options)),
            },
            "description": html.escape(preview(entity.description, 160), quote=True),
        },
        in_nav=False,
        feed=feed,
        search_link=SEARCH + "?" + urlencode({SEARCH_FACETS[entity.collection]: entity.name}),
        coverage_chart=_coverage_chart(site, entity),
        entity=entity,
        singular=COLLECTION_TITLES[entity.collection][:-1].lower(),
        collection_title=COLLECTION_TITLES[entity.collection],
        collection_index=collection_index_uri(entity.collection),
        listing=listing,
        bylines=site.bylines(listing.items),
        year_jumps=year_jumps,
        co_lists=co_lists,
        country=country,
        home_region=corpus.regions.get(entity.region) if isinstance(entity, Actor) and entity.region else None,
        parent_trail=parent_trail,
        children=children,
        region_map=region_map(site, entity) if entity.collection == "regions" else None,
        co_by_year=Deferred(
            co_by_year_html,
            (
                entity_uri(entity),
                site.options.directory_urls,
                co_actors_by_year(entity, index.articles_of.get(key, []), corpus) if entity.collection == "actors" else [],
            ),
        ),
        appears_with=_appears_with(site, entity, co_lists),
    )


def _appears_with(site: RenderContext, entity: Entity, co_lists: list[tuple[str, list[tuple[Entity, int]], int]]) -> Deferred | str:
    """An actor's "Appears with" rows, each count a link to the briefings naming both (`render.pairs`)."""
    shared = next((pairs for heading, pairs, _ in co_lists if heading == "Appears with"), [])
    if entity.collection != "actors" or not shared:
        return ""
    rows = appears_with_rows(site.index, entity, shared)
    return Deferred(appears_with_html, (entity_uri(entity), site.options.directory_urls, rows))


def _co_lists(site: RenderContext, entity: Entity) -> list[tuple[str, list[tuple[Entity, int]], int]]:
    """(heading, the most shared entries, how many share any) for actors, topics, regions."""
    key = (entity.collection, entity.id)
    result = []
    for collection, heading in CO_LISTS:
        registry = site.corpus.registry(collection)
        shared = [(registry[i], n) for i, n in site.index.neighbours(key, collection) if i != entity.id]
        if shared:
            result.append((heading, shared[:CO_LIST_LIMIT], len(shared)))
    return result


def _coverage_chart(site: RenderContext, entity: Entity) -> Deferred | None:
    """Briefings per month as a small SVG, made when the page is (`coverage_chart`)."""
    articles = site.index.articles_of.get((entity.collection, entity.id), [])
    if not articles:
        return None
    days = tuple(a.date.toordinal() for a in articles)
    return Deferred(coverage_chart, (entity_uri(entity), site.options.directory_urls, entity.name, days))


def coverage_chart(page_uri: str, directory_urls: bool, name: str, days: Sequence[int]) -> Markdown:
    """The chart of briefings per month (their dates as ordinals); each bar links to that month on the timeline."""
    return Markdown(
        coverage_svg(
            monthly_counts(dt.date.fromordinal(day) for day in days),
            label=f"Coverage of {name}: {plural(len(days), 'briefing')}",
            link_for_month=lambda month: html_href(page_uri, timeline_month_uri(month), directory_urls),
        )
    )
