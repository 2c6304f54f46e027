"""Reuse between `mkdocs serve` rebuilds: a page, an article body or a costly part (a feed,
the network layout, a chart) is made again only when what it is made from changed.

Articles and entries from the load cache keep their identity when unchanged, so comparing
inputs is mostly identity checks; an edited article compares unequal, and so do the pages
showing it. A one-off build has no cache: `CacheUse(None)` computes everything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from briefing.model.entities import Article, Entity
from briefing.model.pagination import Pagination
from briefing.render.autolink import LinkTarget
from briefing.render.markdown_text import Markdown
from briefing.render.options import RenderOptions
from briefing.render.output import MarkdownPage

T = TypeVar("T")


@dataclass
class RenderCache:
    """Pages of the previous render with the inputs they were made from (`mkdocs serve`).

    A page is rendered again only when its template context differs (`context_key`).
    """

    options: RenderOptions | None = None  # what the entries were made with; other options empty the cache
    pages: dict[str, tuple[tuple[Any, ...], MarkdownPage]] = field(default_factory=dict)
    bodies: dict[str, tuple[Article, tuple[LinkTarget, ...], Markdown]] = field(default_factory=dict)
    memos: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # feeds, network layout, charts
    rendered: int = 0  # pages rendered in the last run (the rest came from the cache)

    def reset(self, options: RenderOptions) -> None:
        """Forget everything: made with other options."""
        self.options, self.pages, self.bodies, self.memos = options, {}, {}, {}


def context_key(value: Any) -> Any:
    """A comparable snapshot of a template context. Callables (link makers bound to the page)
    depend only on the page's URI and the options, which the cache already keys on."""
    if isinstance(value, (str, int, float, bool, dt.date, Article, Entity)) or value is None:
        return value
    if isinstance(value, dict):
        return tuple((k, context_key(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return tuple(context_key(v) for v in value)
    if isinstance(value, Pagination):
        return (value.uri, value.page_count, value.first_item, value.total_items, context_key(value.items))
    if callable(value):
        return callable
    return value


class CacheUse:
    """One render's use of the cache: lookups, and what was used, so the rest is forgotten."""

    def __init__(self, cache: RenderCache | None) -> None:
        self.cache = cache
        self.pages_seen: set[str] = set()
        self.memos_seen: set[str] = set()
        self.rendered = 0

    def memo(self, name: str, key: Any, compute: Callable[[], T]) -> T:
        """`compute()`, or its value from the previous render when `key` is unchanged."""
        if self.cache is None:
            return compute()
        self.memos_seen.add(name)
        hit = self.cache.memos.get(name)
        if hit is not None and hit[0] == key:
            return hit[1]  # type: ignore[no-any-return]
        value = compute()
        self.cache.memos[name] = (key, value)
        return value

    def page(self, uri: str, key: Callable[[], tuple[Any, ...]], render: Callable[[], MarkdownPage]) -> MarkdownPage:
        """`render()`, or the page of the previous render when its `key()` is unchanged."""
        self.pages_seen.add(uri)
        if self.cache is None:
            self.rendered += 1
            return render()
        inputs = key()
        cached = self.cache.pages.get(uri)
        if cached is not None and cached[0] == inputs:
            return cached[1]
        self.rendered += 1
        page = render()
        self.cache.pages[uri] = (inputs, page)
        return page

    def body(self, uri: str, article: Article, targets: tuple[LinkTarget, ...], link: Callable[[], Markdown]) -> Markdown:
        """An article body with its autolinks, reused while the article and its targets are the same."""
        cached = self.cache.bodies.get(uri) if self.cache is not None else None
        if cached is not None and cached[0] is article and cached[1] == targets:
            return cached[2]
        body = link()
        if self.cache is not None:
            self.cache.bodies[uri] = (article, targets, body)
        return body

    def finish(self) -> None:
        """Keep only what this render used, for the next one."""
        if self.cache is None:
            return
        self.cache.pages = {uri: entry for uri, entry in self.cache.pages.items() if uri in self.pages_seen}
        self.cache.memos = {name: entry for name, entry in self.cache.memos.items() if name in self.memos_seen}
        self.cache.rendered = self.rendered
