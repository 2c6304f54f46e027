"""Atom feeds for the whole site and for every actor, topic, region and author, built with feedgen.

Feeds are deterministic: `updated` is the newest change of an article in it (its date, update
or correction), not the build time, so an unchanged corpus produces byte-identical feeds. Each
entry's author is the article's authors; without any, its source (else the feed's author).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from feedgen.feed import FeedGenerator

from briefing.index.corpus_index import CorpusIndex
from briefing.model.entities import REGISTRY_COLLECTIONS, Article, Author, Entity
from briefing.model.urls import absolute_url, article_uri, entity_uri, feed_uri

FEED_LIMIT = 50  # newest entries per feed: readers poll often, so feeds need not hold history


@dataclass(frozen=True)
class FeedSource:
    """What one feed is made from; equal sources give byte-identical feeds."""

    uri: str
    title: str
    page_uri: str
    entity: Entity | None
    articles: tuple[Article, ...]  # newest first, at most FEED_LIMIT
    author: str = "Briefing"  # RFC 4287 wants an author on every entry: the feed's stands for entries without a source
    authors: tuple[Author, ...] = ()  # every author of `articles`, by id: the entries' bylines


def feed_sources(index: CorpusIndex, site_name: str, site_author: str | None = None) -> Iterator[FeedSource]:
    """The site feed, then one feed per registry entry with articles; `site_author` (else the site name) signs them."""
    author = site_author or site_name
    authors = index.corpus.authors
    newest = tuple(reversed(index.corpus.articles[-FEED_LIMIT:]))
    yield FeedSource(feed_uri(), f"{site_name}: all briefings", "index.md", None, newest, author, _bylines(newest, authors))
    for collection in REGISTRY_COLLECTIONS:
        for entity in sorted(index.corpus.registry(collection).values(), key=lambda e: e.id):
            articles = index.articles_of.get((collection, entity.id), [])
            if articles:
                shown = tuple(reversed(articles[-FEED_LIMIT:]))
                title = f"{site_name}: briefings by {entity.name}" if collection == "authors" else f"{site_name}: {entity.name}"
                yield FeedSource(feed_uri(entity), title, entity_uri(entity), entity, shown, author, _bylines(shown, authors))


def _bylines(articles: tuple[Article, ...], authors: dict[str, Author]) -> tuple[Author, ...]:
    return tuple(authors[i] for i in sorted({i for article in articles for i in article.authors}))


def render_feed(source: FeedSource, site_url: str, directory_urls: bool) -> str:
    """The Atom XML of one feed."""
    by_id = {author.id: author for author in source.authors}
    return _feed(source.title, source.page_uri, source.entity, source.articles, site_url, directory_urls, source.author, by_id)


def _feed(
    title: str,
    page_uri: str,
    entity: Entity | None,
    articles: Iterable[Article],
    site_url: str,
    directory_urls: bool,
    author: str,
    authors: dict[str, Author],
) -> str:
    newest = list(articles)[:FEED_LIMIT]
    generator = FeedGenerator()
    generator.id(absolute_url(site_url, feed_uri(entity)))
    generator.title(title)
    generator.author(name=author)
    if isinstance(entity, Author):
        generator.subtitle(f"Briefings by {entity.name}")
    else:
        generator.subtitle((entity.description or f"Briefings on {entity.name}") if entity else "The latest briefings")
    generator.link(href=absolute_url(site_url, page_uri, directory_urls), rel="alternate")
    generator.link(href=absolute_url(site_url, feed_uri(entity)), rel="self")
    generator.language("en")
    generator.generator("Briefing")
    generator.updated(max(entry_updated(a) for a in newest) if newest else _timestamp(dt.date(1970, 1, 1)))
    for article in reversed(newest):  # feedgen prepends: add oldest first, newest ends on top
        url = absolute_url(site_url, article_uri(article), directory_urls)
        entry = generator.add_entry()
        entry.id(url)
        entry.title(article.title)
        entry.link(href=url, rel="alternate")
        if article.authors:
            for author_id in article.authors:
                signed = authors[author_id]
                entry.author(name=signed.name, uri=absolute_url(site_url, entity_uri(signed), directory_urls))
        elif article.source is not None:
            entry.author(name=article.source.name)  # else the feed's author stands for it (RFC 4287, 4.1.2)
        entry.updated(entry_updated(article))
        entry.published(article.publication_time)
        if article.summary:
            entry.summary(" ".join(article.summary.split()))
    xml: bytes = generator.atom_str(pretty=True)
    return xml.decode("utf-8")


def entry_updated(article: Article) -> dt.datetime:
    """When readers last saw it change: its update or newest correction (never before it was published)."""
    modified = article.modified
    return max(article.publication_time, _timestamp(modified)) if modified is not None else article.publication_time


def _timestamp(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)
