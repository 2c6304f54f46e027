"""Related articles: for each article, the few that share the most actors and topics nearby in time.

`build_index` records, while it builds the posting lists, the place each article took in
each list it is filed under; the neighbourhood of an article is read from those places, so
no list is searched and the work per article is bounded (RELATED_WINDOW per shared entry).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import heapq
import json
from collections.abc import Mapping, Sequence

from briefing.model.entities import Article, Collection
from briefing.runtime.reuse import Kind, Reuse

EntityKey = tuple[Collection, str]  # ("actors", "xi-jinping")

RELATED_LIMIT = 5
RELATED_WINDOW = 40  # neighbours in time examined per shared entry: keeps the work O(1) per article
WEIGHTS: dict[Collection, float] = {"actors": 2.0, "topics": 1.0, "regions": 0.5}


Shape = list[tuple[str, tuple[dt.date, str], tuple[EntityKey, ...]]]
RELATED: Kind[list[list[int]]] = Kind("related articles")  # each article's related articles, as corpus positions


def shape_digest(shape: Shape) -> str:
    """A digest of everything related lists depend on: each article's place, date and entries,
    and the limits and weights of the ranking."""
    rows = [[uri, date.isoformat(), slug, [list(key) for key in keys]] for uri, (date, slug), keys in shape]
    document = json.dumps([RELATED_LIMIT, RELATED_WINDOW, sorted(WEIGHTS.items()), rows], ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(document.encode("ascii")).hexdigest()


def related_articles(
    articles: Sequence[Article],
    keys: Sequence[Sequence[EntityKey]],
    places: Sequence[Sequence[tuple[EntityKey, int]]],
    positions_of: Mapping[EntityKey, Sequence[int]],
    reuse: Reuse | None = None,
) -> dict[str, list[Article]]:
    """`{article URI: related articles, best first}` for articles in loader order.

    `keys[i]` is what article i is filed under; `places[i]` each of those keys with the place
    article i took in its posting list; `positions_of[key]` that posting list as positions in
    `articles`. Articles must be sorted by their (unique) sort key with one URI each, which
    `build_index` checks. With `reuse`, lists computed by an earlier build from the same
    `shape_digest` (every article's place, date and entries) are reused: a body or title edit
    does not rank them again.
    """
    uris = [article.uri for article in articles]
    if RELATED_LIMIT <= 0:
        return {uri: [] for uri in uris}
    shape = [(uri, article.sort_key, tuple(own)) for uri, article, own in zip(uris, articles, keys)]
    shape_key = shape_digest(shape) if reuse is not None else ""
    if reuse is not None:
        stored = reuse.recall(RELATED, "related", shape_key)
        if stored is not None and _sound(stored, len(articles)):
            return {uri: [articles[p] for p in found] for uri, found in zip(uris, stored)}
    days = [article.date.toordinal() for article in articles]
    related_positions = [_related_positions(position, places[position], positions_of, days, uris) for position in range(len(uris))]
    if reuse is not None:
        reuse.keep(RELATED, "related", shape_key, related_positions)
    return {uri: [articles[p] for p in found] for uri, found in zip(uris, related_positions)}


def _sound(stored: list[list[int]], count: int) -> bool:
    """Lists for `count` articles, each of positions inside the corpus (a store may be damaged)."""
    return len(stored) == count and all(type(p) is int and 0 <= p < count for found in stored for p in found)


def _related_positions(
    me: int,
    places: Sequence[tuple[EntityKey, int]],
    positions_of: Mapping[EntityKey, Sequence[int]],
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
    for key, at in places:
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
