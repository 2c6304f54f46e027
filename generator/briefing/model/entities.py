"""The value objects every stage works with: entries of the registries and articles.

Frozen dataclasses, made by the loader from validated metadata (`model.metadata`); the
index, the renderer and the exports read them and never change them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from briefing.model.problems import Position

ActorKind = Literal["person", "state", "organization", "group"]
ACTOR_KIND_TITLES: dict[ActorKind, str] = {"person": "People", "state": "States", "organization": "Organizations", "group": "Groups"}

Collection = Literal["actors", "topics", "regions", "authors"]
# What an article is filed under (its actors, topics and region): indexes, feeds and co-occurrence
# go over these. Authors sign articles but are not what they are about: they have their own pages.
COLLECTIONS: tuple[Collection, ...] = ("actors", "topics", "regions")
REGISTRY_COLLECTIONS: tuple[Collection, ...] = (*COLLECTIONS, "authors")  # every registry in data/


@dataclass(frozen=True, kw_only=True)
class Entity:
    """A registry entry after validation: what pages and indexes work with."""

    collection: Collection
    id: str
    name: str
    aliases: tuple[str, ...]
    description: str
    source_path: str
    source_line: int
    wikidata: str | None = None  # a Wikidata item id (`Q15031`), given to search engines as `sameAs`


@dataclass(frozen=True, kw_only=True)
class Actor(Entity):
    kind: ActorKind
    role: str | None = None
    country: str | None = None
    region: str | None = None
    iso: str | None = None  # states: ISO 3166-1 alpha-2 code (places them on the coverage map)


@dataclass(frozen=True, kw_only=True)
class Topic(Entity):
    keywords: tuple[str, ...] = ()  # evidence for topic suggestions (`briefing import`), not shown on pages


@dataclass(frozen=True, kw_only=True)
class Region(Entity):
    parent: str | None = None


@dataclass(frozen=True, kw_only=True)
class Author(Entity):
    """Who writes and signs briefings (`data/authors.yml`); `description` is the short bio, if any."""

    role: str | None = None
    affiliation: str | None = None
    links: tuple[tuple[str, str], ...] = ()  # (name, http(s) URL): a profile, a website


@dataclass(frozen=True)
class Correction:
    """A published correction of an article: when it was made and what it says."""

    date: dt.date
    text: str


@dataclass(frozen=True)
class Source:
    name: str
    url: str | None


@dataclass(frozen=True, kw_only=True)
class Article:
    """A validated article whose names are resolved to registry ids."""

    source_path: str
    slug: str
    title: str
    date: dt.date
    region: str
    actors: tuple[str, ...]
    topics: tuple[str, ...]
    summary: str | None
    body: str
    source: Source | None = None
    draft: bool = False
    authors: tuple[str, ...] = ()  # author ids, in the byline's order
    updated: dt.date | None = None  # when the editors last changed it (not before `date`)
    corrections: tuple[Correction, ...] = ()  # oldest first
    # The instant it is published, when the front matter gives a time (with its zone); a plain date
    # is published from midnight UTC that day (`publication_time`).
    published_at: dt.datetime | None = None
    scheduled: bool = False  # not due yet, shown anyway in a preview (`mkdocs serve`), marked as such
    # Where each top-level front matter field was written, for problems found after loading
    # (two articles with one URL, an implausible date) without reading the file again.
    field_positions: Mapping[str, Position] = field(default_factory=dict, repr=False, compare=False)
    sort_key: tuple[dt.date, str] = field(init=False, repr=False, compare=False)
    uri: str = field(init=False, repr=False, compare=False)  # page source URI, see urls.article_uri

    def __post_init__(self) -> None:
        object.__setattr__(self, "sort_key", (self.date, self.slug))
        object.__setattr__(self, "uri", f"articles/{self.date:%Y}/{self.date:%m}/{self.slug}.md")

    @property
    def publication_time(self) -> dt.datetime:
        """When it is due: its time if written with one, else the start of its day (UTC)."""
        if self.published_at is not None:
            return self.published_at
        return dt.datetime(self.date.year, self.date.month, self.date.day, tzinfo=dt.timezone.utc)

    @property
    def modified(self) -> dt.date | None:
        """The last change readers are told about: `updated` or the newest correction, if any."""
        dates = [c.date for c in self.corrections]
        if self.updated is not None:
            dates.append(self.updated)
        return max(dates) if dates else None

    @property
    def last_modified(self) -> dt.date:
        """The day its page last changed for readers: `modified`, else its date (sitemaps, feeds)."""
        return self.modified or self.date

    @property
    def listing(self) -> tuple[object, ...]:
        """Every field but the body, as plain values: what lists, feeds' neighbours and the data
        exports show. Equal when only the body changed, so what is made from listings alone
        (`briefing.json`, the network's years) is not made again after a body edit."""
        source = (self.source.name, self.source.url) if self.source is not None else None
        return (
            self.source_path,
            self.slug,
            self.title,
            self.date,
            self.region,
            self.actors,
            self.topics,
            self.summary,
            source,
            self.draft,
        ) + (self.authors, self.updated, self.corrections, self.published_at, self.scheduled)
