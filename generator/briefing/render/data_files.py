"""The files beside the pages: Atom feeds (site, every entry and author with briefings), `briefing.json`
and `articles.csv`. Formats are written by `render.feeds` and `render.data_export`."""

from __future__ import annotations

from collections.abc import Iterator

from briefing.model.entities import REGISTRY_COLLECTIONS
from briefing.model.urls import DATA_CSV, DATA_JSON
from briefing.render.context import RenderContext
from briefing.render.data_export import render_csv, render_json
from briefing.render.feeds import feed_sources, render_feed
from briefing.render.output import Output


def pages(site: RenderContext) -> Iterator[Output]:
    options = site.options
    for source in feed_sources(site.index, options.site_name, options.site_author):
        made_from = (source.uri, source.title, source.page_uri, source.entity, source.articles, source.author, source.authors)
        xml = site.memo(source.uri, made_from, lambda: render_feed(source, options.site_url, options.directory_urls))
        yield Output(uri=source.uri, content=xml)
    # Both files are made from the corpus alone (the index is a function of it), without the bodies.
    corpus = site.corpus
    whole_corpus = (tuple(a.listing for a in corpus.articles), *(tuple(sorted(corpus.registry(c).items())) for c in REGISTRY_COLLECTIONS))
    yield Output(uri=DATA_JSON, content=site.memo(DATA_JSON, whole_corpus, lambda: render_json(site.index, options.directory_urls)))
    yield Output(uri=DATA_CSV, content=site.memo(DATA_CSV, whole_corpus, lambda: render_csv(site.index, options.directory_urls)))
