"""Authors: a page per author (profile, links, their briefings newest first with counts by topic,
region and actor, and their Atom feed) and the authors index.

Bylines elsewhere link here. Like entry pages, an author's page shows the newest
`ENTITY_PAGE_SIZE` briefings and continues on numbered pages, and the counts show the
`CO_LIST_LIMIT` most frequent entries, so no page grows with the corpus.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterator, Sequence
from urllib.parse import urlencode

from briefing.model.entities import Article, Author, Collection, Entity
from briefing.model.pagination import Pagination, paginate
from briefing.model.urls import SEARCH, collection_index_uri, entity_uri, feed_uri
from briefing.render.cache import Deferred
from briefing.render.collection_index import INDEX_PAGE_SIZE
from briefing.render.context import RenderContext
from briefing.render.entities import CO_LIST_LIMIT, ENTITY_PAGE_SIZE, coverage_chart, year_jumps_of
from briefing.render.html_blocks import preview
from briefing.render.output import MarkdownPage
from briefing.render.structured_data import author_data, script_json

AUTHORS_INDEX = collection_index_uri("authors")
COUNTED: tuple[tuple[Collection, str], ...] = (("topics", "Topics"), ("regions", "Regions"), ("actors", "Actors named"))


def pages(site: RenderContext) -> Iterator[MarkdownPage]:
    """The authors index (when the site has authors), then every author's pages, by id."""
    authors = sorted((a for a in site.corpus.authors.values() if isinstance(a, Author)), key=lambda a: (a.name.casefold(), a.id))
    if not authors:
        return
    counted = [(a, site.index.count(("authors", a.id))) for a in authors]
    for listing in paginate(counted, INDEX_PAGE_SIZE, AUTHORS_INDEX):
        yield site.page(
            listing.uri,
            "authors_index.md.j2",
            None,
            in_nav=False,
            front_matter={"briefing": {"kind": "listing", "title": "Authors"}},
            listing=listing,
            describe=describe,
            total_articles=sum(1 for a in site.corpus.articles if a.authors),
        )
    for author in sorted(authors, key=lambda a: a.id):
        yield from _author_pages(site, author)


def describe(author: Entity) -> str:
    """`Senior analyst, Example Wire`: what the index says after the name."""
    if not isinstance(author, Author):
        return ""
    return ", ".join(part for part in (author.role, author.affiliation) if part)


def _author_pages(site: RenderContext, author: Author) -> Iterator[MarkdownPage]:
    newest = site.index.articles_newest_first(("authors", author.id))
    uri = entity_uri(author)
    listings = paginate(newest, ENTITY_PAGE_SIZE, uri)
    year_jumps = year_jumps_of(newest, uri) if len(listings) > 1 else []
    if newest:
        latest = max(a.last_modified for a in newest)
        for listing in listings:
            site.modified(listing.uri, latest)
    yield _author_page(site, author, newest, listings[0], year_jumps)
    for listing in listings[1:]:
        yield site.page(
            listing.uri,
            "author_listing.md.j2",
            None,
            in_nav=False,
            front_matter={
                "briefing": {
                    "kind": "listing",
                    "title": f"{author.name}: briefings {listing.first_item}–{listing.last_item}",
                    "sitemap": False,
                }
            },
            author=author,
            listing=listing,
            year_jumps=year_jumps,
            bylines=site.bylines(listing.items),
        )


def _author_page(
    site: RenderContext, author: Author, newest: Sequence[Article], listing: Pagination[Article], year_jumps: list[tuple[str, str]]
) -> MarkdownPage:
    uri = entity_uri(author)
    feed = feed_uri(author) if newest else None
    summary = describe(author) or author.description
    return site.page(
        uri,
        "author.md.j2",
        author.source_path,
        in_nav=False,
        front_matter={
            "briefing": {
                "kind": "author",
                "title": author.name,
                "summary": summary or None,
                "aliases": list(author.aliases),
                "feed": feed,
                "feed_title": f"{site.options.site_name}: briefings by {author.name}",
                "jsonld": script_json(author_data(author, site.options)),
            },
            "description": html.escape(preview(summary or f"Briefings by {author.name}", 160), quote=True),
        },
        author=author,
        links=list(author.links),
        feed=feed,
        search_link=SEARCH + "?" + urlencode({"author": author.name}),
        coverage_chart=(
            Deferred(coverage_chart, (uri, site.options.directory_urls, author.name, tuple(a.date.toordinal() for a in reversed(newest))))
            if newest
            else None
        ),
        listing=listing,
        year_jumps=year_jumps,
        bylines=site.bylines(listing.items),
        counts=_counts(site, newest),
        authors_index=AUTHORS_INDEX,
    )


def _counts(site: RenderContext, articles: Sequence[Article]) -> list[tuple[str, list[tuple[Entity, int]], int]]:
    """(heading, the most frequent entries with their counts, how many in all) for the author's
    topics, regions and actors named."""
    result = []
    for collection, heading in COUNTED:
        if collection == "regions":
            counter = Counter(a.region for a in articles)
        else:
            counter = Counter(i for a in articles for i in (a.topics if collection == "topics" else a.actors))
        ranked = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
        if ranked:
            registry = site.corpus.registry(collection)
            result.append((heading, [(registry[i], n) for i, n in ranked[:CO_LIST_LIMIT]], len(ranked)))
    return result
