"""The cross-reference graph: who and what appears where, and with whom.

Built once from the validated corpus; renderers only read it. Every structure is
built in one pass over the articles (plus bounded work per article), so the cost
grows linearly with the corpus: no article is compared with every other.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .corpus import Corpus
from .model import Article, Collection, Entity
from .urls import article_uri

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
        return list(reversed(self.articles_of.get(key, [])))

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


def build_index(corpus: Corpus) -> CorpusIndex:
    """One pass over the articles builds every view; related articles use bounded neighbourhoods."""
    index = CorpusIndex(corpus)
    for region in sorted(corpus.regions.values(), key=lambda r: r.name.casefold()):
        if region.parent is not None:
            index.children.setdefault(region.parent, []).append(region.id)
    articles_of: dict[EntityKey, list[Article]] = defaultdict(list)
    cooccurrence: dict[EntityKey, dict[Collection, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    article_keys: dict[str, list[EntityKey]] = {}
    for position, article in enumerate(corpus.articles):
        uri = article_uri(article)
        index.position[uri] = position
        keys = mentions(article, index)
        article_keys[uri] = keys
        for key in keys:
            articles_of[key].append(article)
        for key in keys:
            for other in keys:
                if other != key:
                    cooccurrence[key][other[0]][other[1]] += 1
    index.articles_of = dict(articles_of)
    index.cooccurrence = {key: dict(value) for key, value in cooccurrence.items()}
    for article in corpus.articles:
        uri = article_uri(article)
        index.related[uri] = _related_articles(article, article_keys[uri], index)
    return index


def _related_articles(article: Article, keys: list[EntityKey], index: CorpusIndex) -> list[Article]:
    """Articles sharing the most (weighted) actors and topics, looking only at nearby dates."""
    scores: Counter[str] = Counter()
    by_uri: dict[str, Article] = {}
    for key in keys:
        posting = index.articles_of[key]
        at = bisect.bisect_left(posting, article.sort_key, key=lambda a: a.sort_key)
        for other in posting[max(0, at - RELATED_WINDOW): at + RELATED_WINDOW + 1]:
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
