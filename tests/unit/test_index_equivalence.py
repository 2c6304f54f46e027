"""index.build_index gives exactly what the original version gave (same lists, same order,
same ties), on random corpora, on a benchmark corpus, and with the tuning constants changed."""

from __future__ import annotations

import bisect
import datetime as dt
import random
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from briefing.index import related as related_module
from briefing.index.corpus_index import CorpusIndex, EntityKey, build_index, mentions
from briefing.load.corpus import load_corpus
from briefing.model.corpus import Corpus
from briefing.model.entities import Article, Region
from briefing.model.problems import ProblemLog
from briefing.model.settings import Settings
from briefing.model.urls import article_uri

REPO = Path(__file__).resolve().parents[2]

# ------------------------------------------------------------------ the original implementation
# Kept as it was (constants read from the module at call time, so monkeypatching reaches both).


def reference_build_index(corpus: Corpus) -> CorpusIndex:
    children: dict[str, list[str]] = {}
    for region in sorted(corpus.regions.values(), key=lambda r: r.name.casefold()):
        if region.parent is not None:
            children.setdefault(region.parent, []).append(region.id)
    position: dict[str, int] = {}
    articles_of: dict[EntityKey, list[Article]] = defaultdict(list)
    cooccurrence: dict = defaultdict(lambda: defaultdict(Counter))
    article_keys: dict[str, list[EntityKey]] = {}
    for at, article in enumerate(corpus.articles):
        uri = article_uri(article)
        position[uri] = at
        keys = mentions(article, corpus.regions)
        article_keys[uri] = keys
        for key in keys:
            articles_of[key].append(article)
        for key in keys:
            for other in keys:
                if other != key:
                    cooccurrence[key][other[0]][other[1]] += 1
    related = {
        article_uri(article): _reference_related(article, article_keys[article_uri(article)], articles_of) for article in corpus.articles
    }
    return CorpusIndex(
        corpus=corpus,
        articles_of=dict(articles_of),
        cooccurrence={key: dict(value) for key, value in cooccurrence.items()},
        children=children,
        related=related,
        position=position,
    )


def _reference_related(article: Article, keys: list[EntityKey], articles_of: dict[EntityKey, list[Article]]) -> list[Article]:
    window, limit, weights = related_module.RELATED_WINDOW, related_module.RELATED_LIMIT, related_module.WEIGHTS
    scores: Counter[str] = Counter()
    by_uri: dict[str, Article] = {}
    for key in keys:
        posting = articles_of[key]
        at = bisect.bisect_left(posting, article.sort_key, key=lambda a: a.sort_key)
        for other in posting[max(0, at - window) : at + window + 1]:
            if other is article:
                continue
            uri = article_uri(other)
            scores[uri] += weights[key[0]]
            by_uri[uri] = other
    ranked = sorted(
        scores.items(),
        key=lambda item: (-item[1], abs((by_uri[item[0]].date - article.date).days), item[0]),
    )
    return [by_uri[uri] for uri, score in ranked[:limit] if score >= weights["actors"]]


def snapshot(index: CorpusIndex) -> dict:
    """Everything build_index makes, with order kept and articles compared by identity."""
    return {
        "articles_of": [(key, [id(a) for a in posting]) for key, posting in index.articles_of.items()],
        "cooccurrence": [
            (key, [(collection, list(counter.items())) for collection, counter in by_collection.items()])
            for key, by_collection in index.cooccurrence.items()
        ],
        "children": list(index.children.items()),
        "related": [(uri, [id(a) for a in related]) for uri, related in index.related.items()],
        "position": list(index.position.items()),
    }


def assert_same_index(corpus: Corpus) -> CorpusIndex:
    fast = build_index(corpus)
    assert snapshot(fast) == snapshot(reference_build_index(corpus))
    return fast


# ------------------------------------------------------------------ random corpora


def _region(region_id: str, parent: str | None) -> Region:
    return Region(
        collection="regions",
        id=region_id,
        name=region_id.title(),
        aliases=(),
        description="",
        source_path="data/regions.yml",
        source_line=1,
        parent=parent,
    )


REGIONS = {
    r.id: r
    for r in [
        _region("world", None),
        _region("asia", "world"),
        _region("east-asia", "asia"),
        _region("korea", "east-asia"),
        _region("europe", "world"),
        _region("balkans", "europe"),
        _region("africa", None),
        _region("sahel", "africa"),
        _region("loop-a", "loop-b"),  # a cycle: region_trail must stop
        _region("loop-b", "loop-a"),
        _region("orphan", "missing-parent"),
    ]
}


def random_corpus(
    seed: int,
    n: int = 400,
    *,
    days: int = 60,
    duplicate_ids: bool = False,
) -> Corpus:
    """Articles over few days (many ties in date), Zipf-like actors, region trails of 0-4 levels."""
    rng = random.Random(seed)
    actors = [f"actor-{k}" for k in range(40)]
    actor_weights = [1 / (k + 1) for k in range(40)]
    topics = [f"topic-{k}" for k in range(8)]
    regions = [*REGIONS, "nowhere"]
    first = dt.date(2024, 1, 1)
    articles = []
    for k in range(n):
        chosen = rng.choices(actors, actor_weights, k=rng.randrange(0, 6))
        picked_actors = tuple(chosen) if duplicate_ids else tuple(dict.fromkeys(chosen))
        date = first + dt.timedelta(days=rng.randrange(days))
        slug = f"a{k:04d}"
        articles.append(
            Article(
                source_path=f"articles/{slug}.md",
                slug=slug,
                title=slug,
                date=date,
                region=rng.choice(regions),
                actors=picked_actors,
                topics=tuple(rng.sample(topics, rng.randrange(0, 4))),
                summary=None,
                body="",
            )
        )
    articles.sort(key=lambda a: a.sort_key)  # as the loader gives them (build_index refuses other orders)
    return Corpus(articles=articles, actors={}, topics={}, regions=dict(REGIONS), log=ProblemLog(Path(".")))


@pytest.mark.parametrize("seed", range(6))
def test_same_index_on_random_corpora(seed: int) -> None:
    index = assert_same_index(random_corpus(seed, days=[3, 30, 400][seed % 3]))
    assert sum(len(related) for related in index.related.values()) > 0


def test_same_index_when_an_article_names_an_entry_twice() -> None:
    assert_same_index(random_corpus(11, duplicate_ids=True))


def test_same_index_for_small_and_empty_corpora() -> None:
    for n in range(0, 6):
        assert_same_index(random_corpus(20 + n, n=n, days=2))


@pytest.mark.parametrize(
    ("window", "limit", "weights"),
    [
        (0, 5, None),
        (1, 1, None),
        (3, 8, None),
        (40, 0, None),  # no related articles at all
        (5, 3, {"actors": 0.3, "topics": 0.1, "regions": 0.7}),  # sums that are not exact in binary
        (5, 5, {"actors": 1.0, "topics": 1.0, "regions": 1.0}),
    ],
)
def test_same_index_with_other_tuning(monkeypatch: pytest.MonkeyPatch, window: int, limit: int, weights) -> None:
    monkeypatch.setattr(related_module, "RELATED_WINDOW", window)
    monkeypatch.setattr(related_module, "RELATED_LIMIT", limit)
    if weights is not None:
        monkeypatch.setattr(related_module, "WEIGHTS", weights)
    assert_same_index(random_corpus(30 + window, days=10))


# ------------------------------------------------------------------ a benchmark corpus


@pytest.fixture(scope="module")
def bench_corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    root = tmp_path_factory.mktemp("bench") / "corpus"
    subprocess.run(
        [sys.executable, str(REPO / "bench" / "make_corpus.py"), "400", str(root)],
        check=True,
        capture_output=True,
    )
    corpus = load_corpus(Settings(root=root))
    assert corpus.ok
    return corpus


def test_same_index_on_a_benchmark_corpus(bench_corpus: Corpus) -> None:
    index = assert_same_index(bench_corpus)
    assert all(len(related) <= related_module.RELATED_LIMIT for related in index.related.values())
    assert sum(map(len, index.related.values())) > len(bench_corpus.articles)
