"""The cross-reference graph: who and what appears where, and with whom.

`build_index` makes it once from the validated corpus, in one pass over the articles (plus
bounded work per article), so the cost grows linearly with the corpus: no article is compared
with every other. Renderers only read it. Related articles (`index.related`) read their
neighbourhoods from the place each article took in each posting list while the lists were
built, so no list is searched.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from briefing.index.related import EntityKey, related_articles
from briefing.model.corpus import Corpus
from briefing.model.entities import Article, Collection, Entity, Region
from briefing.runtime.reuse import Reuse

__all__ = ["CorpusIndex", "EntityKey", "build_index", "mentions", "region_trail"]


@dataclass(frozen=True)
class CorpusIndex:
    """The views of the corpus that pages need, made by `build_index` and only read afterwards.

    Frozen, and typed as read-only mappings and sequences: nothing after `build_index` changes them.
    """

    corpus: Corpus
    articles_of: Mapping[EntityKey, Sequence[Article]]  # oldest first
    cooccurrence: Mapping[EntityKey, Mapping[Collection, Counter[str]]]  # entries filed together, with counts
    children: Mapping[str, Sequence[str]]  # region id -> sub-region ids, by name
    related: Mapping[str, Sequence[Article]]  # article URI -> related articles, best first
    position: Mapping[str, int]  # article URI -> its place in corpus.articles

    def entity(self, key: EntityKey) -> Entity:
        collection, entity_id = key
        return self.corpus.registry(collection)[entity_id]

    def articles_newest_first(self, key: EntityKey) -> Sequence[Article]:
        return self.articles_of.get(key, [])[::-1]

    def count(self, key: EntityKey) -> int:
        return len(self.articles_of.get(key, ()))

    def neighbours(self, key: EntityKey, collection: Collection) -> list[tuple[str, int]]:
        """Entries of `collection` sharing articles with `key`, most shared first."""
        counter = self.cooccurrence.get(key, {}).get(collection, Counter())
        return sorted(counter.items(), key=lambda item: (-item[1], item[0]))

    def actor_ties(self) -> dict[tuple[str, str], int]:
        """`{(actor, other actor): shared briefings}` for every pair named together, each pair once
        (ids in order); by actor in registry order, then most shared first."""
        ties: dict[tuple[str, str], int] = {}
        for actor_id in self.corpus.actors:
            for other, weight in self.neighbours(("actors", actor_id), "actors"):
                if actor_id < other:
                    ties[(actor_id, other)] = weight
        return ties

    def previous_article(self, article: Article) -> Article | None:
        index = self.position[article.uri]
        return self.corpus.articles[index - 1] if index > 0 else None

    def next_article(self, article: Article) -> Article | None:
        index = self.position[article.uri]
        articles = self.corpus.articles
        return articles[index + 1] if index + 1 < len(articles) else None

    def region_trail(self, region_id: str) -> list[str]:
        """Ids from the outermost region down to `region_id`."""
        return region_trail(self.corpus.regions, region_id)


def region_trail(regions: Mapping[str, Region], region_id: str) -> list[str]:
    """Ids from the outermost region down to `region_id` (a loop in the parents stops the trail)."""
    trail: list[str] = []
    current: str | None = region_id
    while current is not None and current not in trail and current in regions:
        trail.append(current)
        current = regions[current].parent
    return list(reversed(trail))


def mentions(article: Article, regions: Mapping[str, Region]) -> list[EntityKey]:
    """Everything an article is filed under; an article in a sub-region also counts for its parents."""
    keys: list[EntityKey] = [("actors", a) for a in article.actors]
    keys += [("topics", t) for t in article.topics]
    keys += [("regions", r) for r in region_trail(regions, article.region)]
    return keys


def build_index(corpus: Corpus, reuse: Reuse | None = None) -> CorpusIndex:
    """One pass over the articles builds every view; related articles use bounded neighbourhoods.

    The articles must be as the loader gives them: sorted by date and slug, one URI each, dates
    without a time of day (`ValueError` otherwise). With `reuse` (`mkdocs serve`'s memory or the
    build store), an edit that moves no article and changes none of its entries reuses the
    related lists.
    """
    children: dict[str, list[str]] = {}
    for region in sorted(corpus.regions.values(), key=lambda r: r.name.casefold()):
        if region.parent is not None:
            children.setdefault(region.parent, []).append(region.id)
    articles = corpus.articles
    _check_loader_order(articles)
    position: dict[str, int] = {}
    articles_of: dict[EntityKey, list[Article]] = {}
    positions_of: dict[EntityKey, list[int]] = {}  # the same postings, as positions in corpus.articles
    cooccurrence: dict[EntityKey, dict[Collection, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    article_keys: list[list[EntityKey]] = []
    places: list[list[tuple[EntityKey, int]]] = []  # per article: each key and its own place in that posting
    for at, article in enumerate(articles):
        if position.setdefault(article.uri, at) != at:
            raise ValueError(f"build_index: two articles at {article.uri}; the loader keeps only the first")
        keys = mentions(article, corpus.regions)
        article_keys.append(keys)
        own: dict[EntityKey, int] = {}
        for key in keys:
            posting = articles_of.get(key)
            if posting is None:
                posting = articles_of[key] = []
                positions_of[key] = []
            own.setdefault(key, len(posting))  # a key listed twice: its first place, as a date search finds it
            posting.append(article)
            positions_of[key].append(at)
        places.append([(key, own[key]) for key in keys])
        for author in article.authors:  # signed by, not about: no co-occurrence, no bearing on related articles
            articles_of.setdefault(("authors", author), []).append(article)
        for key in keys:
            row = cooccurrence[key]
            for other in keys:
                if other != key:
                    row[other[0]][other[1]] += 1
    return CorpusIndex(
        corpus=corpus,
        articles_of=articles_of,
        cooccurrence={key: dict(value) for key, value in cooccurrence.items()},
        children=children,
        related=related_articles(articles, article_keys, places, positions_of, reuse),
        position=position,
    )


def _check_loader_order(articles: Sequence[Article]) -> None:
    """Related articles are read from places in date order: refuse input the loader never makes."""
    for earlier, later in zip(articles, articles[1:]):
        if not earlier.sort_key <= later.sort_key:
            raise ValueError(f"build_index: articles not in date order ({earlier.uri} before {later.uri})")
    for article in articles:
        if isinstance(article.date, dt.datetime):
            raise ValueError(f"build_index: {article.uri} has a time of day; the loader keeps only the date")
