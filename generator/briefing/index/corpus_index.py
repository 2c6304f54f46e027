"""The cross-reference graph: who and what appears where, and with whom.

Built once from the validated corpus; renderers only read it. Every structure is
built in one pass over the articles (plus bounded work per article), so the cost
grows linearly with the corpus: no article is compared with every other.
Related articles read their neighbourhoods from the place each article took in each
posting list while the lists were built, so no list is searched.
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from operator import attrgetter

from briefing.model.corpus import Corpus
from briefing.model.entities import Article, Collection, Entity
from briefing.model.urls import article_uri

EntityKey = tuple[Collection, str]  # ("actors", "xi-jinping")

RELATED_LIMIT = 5
RELATED_WINDOW = 40  # neighbours in time examined per shared entry: keeps related() O(1) per article
WEIGHTS: dict[Collection, float] = {"actors": 2.0, "topics": 1.0, "regions": 0.5}


@dataclass
class CorpusIndex:
    """Read-only views of the corpus that pages need."""

    corpus: Corpus
    articles_of: dict[EntityKey, list[Article]] = field(default_factory=dict)  # oldest first
    cooccurrence: dict[EntityKey, dict[Collection, Counter[str]]] = field(default_factory=dict)
    children: dict[str, list[str]] = field(default_factory=dict)
    related: dict[str, list[Article]] = field(default_factory=dict)
    position: dict[str, int] = field(default_factory=dict)

    def entity(self, key: EntityKey) -> Entity:
        collection, entity_id = key
        return getattr(self.corpus, collection)[entity_id]

    def articles_newest_first(self, key: EntityKey) -> list[Article]:
        return self.articles_of.get(key, [])[::-1]

    def count(self, key: EntityKey) -> int:
        return len(self.articles_of.get(key, []))

    def neighbours(self, key: EntityKey, collection: Collection) -> list[tuple[str, int]]:
        """Entries of `collection` sharing articles with `key`, most shared first."""
        counter = self.cooccurrence.get(key, {}).get(collection, Counter())
        return sorted(counter.items(), key=lambda item: (-item[1], item[0]))

    def previous_article(self, article: Article) -> Article | None:
        index = self.position[article_uri(article)]
        return self.corpus.articles[index - 1] if index > 0 else None

    def next_article(self, article: Article) -> Article | None:
        index = self.position[article_uri(article)]
        articles = self.corpus.articles
        return articles[index + 1] if index + 1 < len(articles) else None

    def region_trail(self, region_id: str) -> list[str]:
        """Ids from the outermost region down to `region_id`."""
        trail: list[str] = []
        current: str | None = region_id
        while current is not None and current not in trail and current in self.corpus.regions:
            trail.append(current)
            current = self.corpus.regions[current].parent
        return list(reversed(trail))


def mentions(article: Article, index: CorpusIndex) -> list[EntityKey]:
    """Everything an article is filed under; an article in a sub-region also counts for its parents."""
    keys: list[EntityKey] = [("actors", a) for a in article.actors]
    keys += [("topics", t) for t in article.topics]
    keys += [("regions", r) for r in index.region_trail(article.region)]
    return keys


@dataclass
class IndexCache:
    """Related articles of the previous build (`mkdocs serve`), as corpus positions.

    They depend only on each article's place, date and entries: when an edit leaves those as
    they were (a new title, a fixed summary, body text), the lists are reused, not recomputed.
    """

    shape: list[tuple[str, object, tuple[EntityKey, ...]]] = field(default_factory=list)
    related: dict[str, list[int]] = field(default_factory=dict)
    reused: bool = False


def build_index(corpus: Corpus, cache: IndexCache | None = None) -> CorpusIndex:
    """One pass over the articles builds every view; related articles use bounded neighbourhoods."""
    index = CorpusIndex(corpus)
    for region in sorted(corpus.regions.values(), key=lambda r: r.name.casefold()):
        if region.parent is not None:
            index.children.setdefault(region.parent, []).append(region.id)
    articles = corpus.articles
    articles_of: dict[EntityKey, list[Article]] = {}
    positions_of: dict[EntityKey, list[int]] = {}  # the same postings, as positions in corpus.articles
    cooccurrence: dict[EntityKey, dict[Collection, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    article_keys: list[list[EntityKey]] = []
    windows: list[list[tuple[EntityKey, int]]] = []  # per article: each key and its own place in that posting
    for position, article in enumerate(articles):
        index.position[article_uri(article)] = position
        keys = mentions(article, index)
        article_keys.append(keys)
        own: dict[EntityKey, int] = {}
        for key in keys:
            posting = articles_of.get(key)
            if posting is None:
                posting = articles_of[key] = []
                positions_of[key] = []
            own.setdefault(key, len(posting))  # a key listed twice: its first place, as bisect_left finds it
            posting.append(article)
            positions_of[key].append(position)
        windows.append([(key, own[key]) for key in keys])
        for key in keys:
            row = cooccurrence[key]
            for other in keys:
                if other != key:
                    row[other[0]][other[1]] += 1
    index.articles_of = articles_of
    index.cooccurrence = {key: dict(value) for key, value in cooccurrence.items()}
    simple = (
        RELATED_LIMIT > 0
        and len(index.position) == len(articles)
        and all(earlier.sort_key <= later.sort_key for earlier, later in zip(articles, articles[1:]))
        and not any(isinstance(article.date, dt.datetime) for article in articles)
    )
    if not simple:
        # Not sorted, or two articles at one URI (an error the loader reports, rendered anyway by
        # `mkdocs serve`): an article's own place may not be where a date search finds it. Dates
        # with a time of day (never made by the loader) would not count days as ordinals do.
        for article, keys in zip(articles, article_keys):
            index.related[article_uri(article)] = _related_by_search(article, keys, index)
        return index
    uris = [article_uri(article) for article in articles]
    shape = [(uri, article.sort_key, tuple(keys)) for uri, article, keys in zip(uris, articles, article_keys)]
    if cache is not None and cache.shape == shape:
        index.related = {uri: [articles[p] for p in cache.related[uri]] for uri in uris}
        cache.reused = True
        return index
    days = [article.date.toordinal() for article in articles]
    related_positions = {
        uri: _related_positions(position, windows[position], positions_of, days, uris) for position, uri in enumerate(uris)
    }
    index.related = {uri: [articles[p] for p in found] for uri, found in related_positions.items()}
    if cache is not None:
        cache.shape, cache.related, cache.reused = shape, related_positions, False
    return index


def _related_positions(
    me: int,
    windows: list[tuple[EntityKey, int]],
    positions_of: dict[EntityKey, list[int]],
    days: list[int],
    uris: list[str],
) -> list[int]:
    """Articles sharing the most (weighted) actors and topics, looking only at nearby dates.

    Articles are sorted by a unique sort key, so an article's first place in a posting list is
    where a date search would land: the window around it is read straight from the positions
    recorded while building the postings, and scores are summed per corpus position.
    """
    scores: dict[int, float] = {}
    get = scores.get
    for key, at in windows:
        weight = WEIGHTS[key[0]]
        for other in positions_of[key][max(0, at - RELATED_WINDOW) : at + RELATED_WINDOW + 1]:
            scores[other] = get(other, 0) + weight
    scores.pop(me, None)  # the article itself, counted above to keep the loop free of tests
    if not scores:
        return []
    # Ranking is by score first, so nothing scoring below the RELATED_LIMIT-th best score, or
    # below one shared actor, can make the list: only the rest need the full sort key.
    cutoff = max(WEIGHTS["actors"], heapq.nlargest(RELATED_LIMIT, scores.values())[-1])
    candidates = [(other, score) for other, score in scores.items() if score >= cutoff]
    if not candidates:
        return []
    day = days[me]
    candidates.sort(key=lambda item: (-item[1], abs(days[item[0]] - day), uris[item[0]]))
    return [other for other, _score in candidates[:RELATED_LIMIT]]


def _related_by_search(article: Article, keys: list[EntityKey], index: CorpusIndex) -> list[Article]:
    """The general form of `_related_positions`, for corpora not in date order or with one URI twice."""
    scores: Counter[str] = Counter()
    by_uri: dict[str, Article] = {}
    for key in keys:
        posting = index.articles_of[key]
        at = bisect.bisect_left(posting, article.sort_key, key=_sort_key)
        for other in posting[max(0, at - RELATED_WINDOW) : at + RELATED_WINDOW + 1]:
            if other is article:
                continue
            uri = article_uri(other)
            scores[uri] += WEIGHTS[key[0]]
            by_uri[uri] = other
    ranked = sorted(
        scores.items(),
        key=lambda item: (-item[1], abs((by_uri[item[0]].date - article.date).days), item[0]),
    )
    return [by_uri[uri] for uri, score in ranked[:RELATED_LIMIT] if score >= WEIGHTS["actors"]]


_sort_key = attrgetter("sort_key")
