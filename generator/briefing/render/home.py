"""The home page: the latest briefings, who and what was covered most lately, and the totals."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from briefing.model.entities import COLLECTIONS, Entity
from briefing.model.urls import DIGESTS, HOME, collection_index_uri
from briefing.render.collection_index import COLLECTION_TITLES
from briefing.render.context import RenderContext
from briefing.render.digests import latest_week
from briefing.render.output import MarkdownPage

HOME_LATEST = 10
HOME_TOP = 10
HOME_RECENT_WINDOW = 50  # "most covered lately" = within the latest 50 briefings


def pages(site: RenderContext) -> Iterator[MarkdownPage]:
    yield site.page(HOME, "home.md.j2", None, **home_context(site))


def home_context(site: RenderContext) -> dict[str, Any]:
    corpus = site.corpus
    articles = corpus.articles
    recent = articles[-HOME_RECENT_WINDOW:]
    return dict(
        title=site.options.home_title,
        latest=list(reversed(articles[-HOME_LATEST:])),
        bylines=site.bylines(articles[-HOME_LATEST:]),
        top_actors=_most_covered(corpus.actors, (a for article in recent for a in article.actors)),
        top_topics=_most_covered(corpus.topics, (t for article in recent for t in article.topics)),
        recent_count=len(recent),
        totals=dict(
            articles=len(articles),
            actors=len(corpus.actors),
            topics=len(corpus.topics),
            regions=len(corpus.regions),
        ),
        first=articles[0] if articles else None,
        last=articles[-1] if articles else None,
        indexes=[(COLLECTION_TITLES[c], collection_index_uri(c)) for c in COLLECTIONS]
        + ([("Authors", collection_index_uri("authors"))] if corpus.authors else []),
        latest_digest=latest_week(corpus),
        digests=DIGESTS,
    )


def _most_covered(registry: Mapping[str, Entity], mentioned: Iterable[str]) -> list[tuple[Entity, int]]:
    """The HOME_TOP entries mentioned most often, with their counts (ties by id)."""
    ranked = sorted(Counter(mentioned).items(), key=lambda item: (-item[1], item[0]))[:HOME_TOP]
    return [(registry[i], n) for i, n in ranked]
