"""The render context every page family works from, and what a page family is.

A page family (the home page, the timeline, the entity pages...) is one module with a
function `pages(site)` that yields its outputs given a `RenderContext` (the registry families,
`collection_index` and `entities`, also take the collection, which `render.site` binds);
`render.site.FAMILIES` lists the families in the order of the site's pages. To add one: write
the module and its template, and add its `pages` to that list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from briefing.index.corpus_index import CorpusIndex
from briefing.model.entities import Article, Collection, Entity
from briefing.render.cache import CacheUse
from briefing.render.options import RenderOptions
from briefing.render.output import MarkdownPage, Output
from briefing.render.templating import PageFactory
from briefing.runtime.parallel import Workers
from briefing.runtime.reuse import Reuse

T = TypeVar("T")


class RenderContext:
    """What every page family reads (the index, the options) and how it makes pages and reuses work."""

    def __init__(self, index: CorpusIndex, options: RenderOptions, reuse: Reuse | None = None, workers: Workers | None = None) -> None:
        self.index = index
        self.corpus = index.corpus
        self.options = options
        self.workers = workers or Workers()
        self.cache = CacheUse(reuse, salt=repr(options))
        self._factory = PageFactory(options.directory_urls, self.cache)
        self.dates: dict[str, dt.date] = {}  # page URI -> when what it shows last changed (the sitemap's lastmod)

    def without_reuse(self) -> RenderContext:
        """This context without reuse: for pages whose caller looks them up and keeps them itself
        (article pages, rendered in workers)."""
        return RenderContext(self.index, self.options, workers=self.workers)

    def page(
        self,
        uri: str,
        template: str,
        source_path: str | None,
        front_matter: dict[str, Any] | None = None,
        in_nav: bool = True,
        **context: Any,
    ) -> MarkdownPage:
        """The page at `uri` from `template` with `context` (and YAML `front_matter` for the theme)."""
        return self._factory.page(uri, template, source_path, front_matter, in_nav, **context)

    def modified(self, uri: str, date: dt.date) -> None:
        """Record when the page at `uri` last changed for readers (pages without a date of their
        own get the site's newest change: `render_site`)."""
        self.dates[uri] = date

    def memo(self, name: str, key: Any, compute: Callable[[], T]) -> T:
        """`compute()`, or its value from an earlier render when `key` is unchanged."""
        return self.cache.memo(name, key, compute)

    def entities(self, collection: Collection, ids: Sequence[str]) -> list[Entity]:
        registry = self.corpus.registry(collection)
        return [registry[i] for i in ids]

    def bylines(self, articles: Iterable[Article]) -> dict[str, list[Entity]]:
        """The authors of each signed article, by URI: the bylines of a list (`HtmlWriter.briefings`),
        put in the page's context so that an author's new name renders the page again."""
        return {article.uri: self.entities("authors", article.authors) for article in articles if article.authors}


PageFamily = Callable[[RenderContext], Iterable[Output]]
"""Yields a family's outputs. `render_site` calls every family before it reads any, so a family
may start work in the background when called (article pages fork their workers)."""
