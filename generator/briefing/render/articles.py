"""Article pages: metadata, the body with its first mentions linked, related briefings and
"More on" lists for the first actors.

Most of a build's work: a large one-off build renders them in forked workers
(`runtime.parallel.Workers`) while the parent renders the other families; they come back in
order, so the output does not depend on it. A page is made again only when what it is made
from (`_inputs`) changed since a build that `reuse` remembers.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator
from typing import Any

from briefing.model.entities import Article, Author, Entity
from briefing.model.urls import article_uri, entity_uri, relative_link
from briefing.render.autolink import LinkTarget, link_first_mentions
from briefing.render.cache import ARTICLE_PAGE
from briefing.render.context import RenderContext
from briefing.render.html_blocks import preview
from briefing.render.markdown_text import Markdown
from briefing.render.output import MarkdownPage
from briefing.render.structured_data import article_data, script_json
from briefing.runtime.parallel import Pending

MORE_ON_ACTORS = 3  # "More on <actor>" lists at the end of an article: its first actors
MORE_ON_ARTICLES = 3  # briefings in each of them
MORE_ON_LOOKAHEAD = 8  # extra candidates read per actor, so that skipping the related ones still fills the list


def pages(site: RenderContext) -> Iterable[MarkdownPage]:
    """Every article page, oldest first: those made before from the same inputs (`_inputs`) are
    reused; the workers start at once on the others."""
    articles = site.corpus.articles
    for article in articles:
        site.modified(article.uri, article.last_modified)
    inputs = [_inputs(site, article) for article in articles]
    found = [site.cache.recall(ARTICLE_PAGE, article.uri, made_from) for article, made_from in zip(articles, inputs)]
    missing = [at for at, page in enumerate(found) if page is None]
    plain = site.without_reuse()  # the parent keeps what the workers render
    pending = site.workers.map_indexes(lambda i: article_page(plain, articles[missing[i]]), len(missing), background=True)
    return _later(site, found, missing, inputs, pending)


def _later(
    site: RenderContext,
    found: list[MarkdownPage | None],
    missing: list[int],
    inputs: list[tuple[Any, ...]],
    pending: Pending[MarkdownPage],
) -> Iterator[MarkdownPage]:
    """The pages found and the workers' pages, in article order, waited for only when read."""
    for at, rendered in zip(missing, pending.get()):
        found[at] = site.cache.keep(ARTICLE_PAGE, site.corpus.articles[at].uri, inputs[at], rendered)
    for page in found:
        assert page is not None
        yield page


def article_page(site: RenderContext, article: Article) -> MarkdownPage:
    index, corpus, options = site.index, site.corpus, site.options
    region_trail = site.entities("regions", index.region_trail(article.region))
    uri = article_uri(article)
    words = len(article.body.split())
    actors, topics = site.entities("actors", article.actors), site.entities("topics", article.topics)
    authors = [a for a in site.entities("authors", article.authors) if isinstance(a, Author)]
    return site.page(
        uri,
        "article.md.j2",
        article.source_path,
        in_nav=False,
        front_matter={
            "briefing": {
                "kind": "article",
                "title": article.title,
                "summary": article.summary,
                "date": article.date.isoformat(),
                "year": article.date.year,
                "actors": [corpus.actors[a].name for a in article.actors],
                "topics": [corpus.topics[t].name for t in article.topics],
                "regions": [r.name for r in region_trail],
                "authors": [a.name for a in authors],
                "jsonld": script_json(article_data(article, authors, actors, topics, region_trail[-1], site.options)),
            },
            "description": html.escape(preview(article.summary or article.body, 200), quote=True),
        },
        reading_minutes=max(1, round(words / options.words_per_minute)),
        more_on=_more_on(site, article),
        article=article,
        region=region_trail[-1],
        outer_regions=region_trail[:-1],
        actors=actors,
        topics=topics,
        authors=authors,
        body=_body(site, article, uri),
        related=index.related.get(uri, []),
        previous=index.previous_article(article),
        next=index.next_article(article),
    )


def _body(site: RenderContext, article: Article, uri: str) -> Markdown:
    """The editor's Markdown with the first mention of each of its entries linked (names and aliases)."""
    if not site.options.autolink:
        return Markdown(article.body)
    targets = tuple(
        LinkTarget(spelling, f"{entity.collection}/{entity.id}", relative_link(uri, entity_uri(entity)))
        for entities in (
            site.entities("actors", article.actors),
            site.entities("topics", article.topics),
            site.entities("regions", (article.region,)),
        )
        for entity in entities
        for spelling in (entity.name, *entity.aliases)
        if len(spelling) > 2 or spelling.isupper()
    )
    return Markdown(link_first_mentions(article.body, targets))


def _more_on(site: RenderContext, article: Article) -> list[tuple[Entity, list[Article]]]:
    """For the first few actors, their latest other briefings (bounded: newest first, a few each)."""
    shown = {article_uri(a) for a in site.index.related.get(article_uri(article), [])}
    shown.add(article_uri(article))
    result: list[tuple[Entity, list[Article]]] = []
    for actor_id in article.actors[:MORE_ON_ACTORS]:
        others = [
            a
            for a in site.index.articles_newest_first(("actors", actor_id))[: MORE_ON_ARTICLES + MORE_ON_LOOKAHEAD]
            if article_uri(a) not in shown
        ][:MORE_ON_ARTICLES]
        if others:
            result.append((site.corpus.actors[actor_id], others))
    return result


def _inputs(site: RenderContext, article: Article) -> tuple[Any, ...]:
    """Everything an article page is made from, cheap to compare: when equal, the page is too."""
    index = site.index
    window = MORE_ON_ARTICLES + MORE_ON_LOOKAHEAD
    return (
        article,
        tuple(site.entities("actors", article.actors)),
        tuple(site.entities("topics", article.topics)),
        tuple(site.entities("authors", article.authors)),
        tuple(site.entities("regions", index.region_trail(article.region))),
        tuple(index.related.get(article.uri, ())),
        index.previous_article(article),
        index.next_article(article),
        tuple(tuple(index.articles_of.get(("actors", a), ())[-window:]) for a in article.actors[:MORE_ON_ACTORS]),
    )
