"""Reuse between `mkdocs serve` rebuilds: a page, an article body or a costly part (a feed,
the network layout, a chart) is made again only when what it is made from changed.

Articles and entries from the load cache keep their identity when unchanged, so comparing
inputs is mostly identity checks; an edited article compares unequal, and so do the pages
showing it. A one-off build has no in-memory cache: `CacheUse(None)` computes everything,
unless it has a `PageStore` (the build cache on disk, kept by the MkDocs plugin): then a page
is looked up by a `Fingerprints` digest of the same inputs, which is equal across processes
and builds exactly when the inputs are.

The costly parts of a page (charts, "appears with" lists) go into its context as `Deferred`
values: a pure function and its arguments, fingerprinted and compared by those, and called
only when the page is rendered. A page found in the cache or the store never computes them.
"""

from __future__ import annotations

import copyreg
import datetime as dt
import hashlib
import pickle
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from briefing.model.entities import Article, Entity
from briefing.model.pagination import Pagination
from briefing.render.autolink import LinkTarget
from briefing.render.markdown_text import Markdown
from briefing.render.options import RenderOptions
from briefing.render.output import MarkdownPage

T = TypeVar("T")


@dataclass(frozen=True, eq=False)
class Deferred:
    """`function(*args)`, computed only when the page holding it is rendered.

    The page's inputs are the function's qualified name and its arguments (which must be
    values `Fingerprints` can digest: anything else makes the page uncacheable, never stale),
    so `function` must be a module-level function whose result depends only on its arguments
    (its code is part of every stored page's key: Briefing's code is in the build environment).
    """

    function: Callable[..., Any]
    args: tuple[Any, ...]

    def __post_init__(self) -> None:
        if "<" in self.function.__qualname__:  # a lambda or a closure: what it captured is not in `args`
            raise ValueError(f"Deferred needs a module-level function, not {self.function.__qualname__}")

    @property
    def name(self) -> str:
        return f"{self.function.__module__}.{self.function.__qualname__}"

    def value(self) -> Any:
        return self.function(*self.args)

    def __reduce__(self) -> tuple[Any, ...]:
        """How `Fingerprints` sees it: the function by name, and its arguments."""
        return (_deferred_mark, (self.name, self.args))


def _deferred_mark(name: str, args: tuple[Any, ...]) -> None:
    """Stands for a `Deferred` in fingerprints (never called)."""


def computed(context: dict[str, Any]) -> dict[str, Any]:
    """A template context with its `Deferred` values computed."""
    return {name: value.value() if isinstance(value, Deferred) else value for name, value in context.items()}


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
    if isinstance(value, Deferred):
        return (value.name, context_key(value.args))
    if callable(value):
        return callable
    return value


class PageStore(Protocol):
    """Pages of earlier builds by the fingerprint of their inputs (`site.build_cache` keeps them
    on disk). The store answers only for pages it holds intact; anything else is a miss."""

    reused: int  # pages found so far
    rendered: int  # pages the last render made (set when it finishes)

    def get(self, key: str) -> MarkdownPage | None: ...

    def put(self, key: str, page: MarkdownPage) -> None: ...

    def get_text(self, key: str) -> str | None: ...

    def put_text(self, key: str, text: str) -> None: ...


class Uncacheable(Exception):
    """An input this module cannot digest faithfully: the page is rendered, never looked up."""


class Fingerprints:
    """Digests of page inputs (template contexts) that are equal in any process exactly when the
    inputs are equal.

    The inputs are pickled without pickle's memo (so the bytes do not depend on which equal
    values happen to be one object) and hashed; articles and entries go in as a digest of their
    `repr` (frozen dataclasses: every compared field; once per object per build), and callables
    (link makers bound to the page, which the page's URI and the options decide) as a mark. A
    value of any other type makes the page `Uncacheable`: a wrong hit would publish a stale
    page, a miss only costs a render.
    """

    def __init__(self) -> None:
        self._objects: dict[int, tuple[object, str]] = {}  # id -> (the object, kept alive; its digest)

    def of(self, value: Any) -> str | None:
        """The digest of `value`, or None when it holds a value of an unknown type."""
        hasher = _Hasher()
        pickler = _Pickler(hasher, self)
        try:
            pickler.dump(value)
        except Uncacheable:
            return None
        return hasher.hexdigest()

    def object_digest(self, value: Article | Entity) -> str:
        known = self._objects.get(id(value))
        if known is None or known[0] is not value:
            known = (value, type(value).__name__ + hashlib.sha256(repr(value).encode("utf-8", "surrogatepass")).hexdigest())
            self._objects[id(value)] = known
        return known[1]


class _Hasher:
    """A file-like sink that hashes what pickle writes."""

    def __init__(self) -> None:
        self._sha = hashlib.sha256()

    def write(self, data: bytes) -> int:
        self._sha.update(data)
        return len(data)

    def hexdigest(self) -> str:
        return self._sha.hexdigest()


# What pickle may write as itself: values, containers, and the classes and constructor pickle
# names for dates, Markdown and paginations.
_PLAIN = frozenset({str, bytes, int, float, bool, type(None), tuple, list, dict, dt.date, Markdown, Pagination})
_NAMED = frozenset({dt.date, Markdown, Pagination, *(vars(copyreg)[name] for name in ("__newobj__", "_reconstructor")), object, str})


class _Pickler(pickle.Pickler):
    def __init__(self, sink: _Hasher, fingerprints: Fingerprints) -> None:
        super().__init__(sink, protocol=5)
        self.fast = True  # no memo: equal values give equal bytes whatever their identity
        self.fingerprints = fingerprints

    def persistent_id(self, obj: Any) -> str | None:
        kind = type(obj)
        if kind in _PLAIN:
            return None
        if isinstance(obj, (Article, Entity)):
            return self.fingerprints.object_digest(obj)
        if kind is Deferred:
            return None  # pickled by its `__reduce__`: the function's name and the arguments
        if obj in _NAMED:
            return None
        if callable(obj) and not isinstance(obj, type):
            return "callable"
        raise Uncacheable(kind.__qualname__)


class CacheUse:
    """One render's use of the cache: lookups, and what was used, so the rest is forgotten."""

    def __init__(self, cache: RenderCache | None, store: PageStore | None = None, salt: str = "") -> None:
        self.cache = cache
        self.store = store if cache is None else None  # `mkdocs serve` keeps its pages in memory
        self.salt = salt  # what every stored page depends on besides its inputs (the options)
        self.fingerprints = Fingerprints()
        self.pages_seen: set[str] = set()
        self.memos_seen: set[str] = set()
        self.rendered = 0

    def stored_key(self, kind: str, uri: str, inputs: Any) -> str | None:
        """The store's key for a page made from `inputs`, or None (no store, or inputs not digestible)."""
        if self.store is None:
            return None
        return self.fingerprints.of((self.salt, kind, uri, inputs))

    def from_store(self, key: str | None) -> MarkdownPage | None:
        if key is None or self.store is None:
            return None
        return self.store.get(key)

    def keep(self, key: str | None, page: MarkdownPage) -> MarkdownPage:
        if key is not None and self.store is not None:
            self.store.put(key, page)
        return page

    def memo(self, name: str, key: Any, compute: Callable[[], T]) -> T:
        """`compute()`, or its value from the previous render when `key` is unchanged (with a
        store, a text computed by an earlier build from an equal `key`)."""
        if self.cache is None:
            stored_key = self.stored_key("memo", name, key)
            if stored_key is not None and self.store is not None:
                text = self.store.get_text(stored_key)
                if text is not None:
                    return text  # type: ignore[return-value]  # only texts are stored, and equal keys give equal values
            value = compute()
            if stored_key is not None and self.store is not None and isinstance(value, str) and type(value) is str:
                self.store.put_text(stored_key, value)  # not a `Markdown` (a str too), which must come back as one
            return value
        self.memos_seen.add(name)
        hit = self.cache.memos.get(name)
        if hit is not None and hit[0] == key:
            return hit[1]  # type: ignore[no-any-return]
        value = compute()
        self.cache.memos[name] = (key, value)
        return value

    def page(
        self,
        uri: str,
        key: Callable[[], tuple[Any, ...]],
        render: Callable[[], MarkdownPage],
        stored_inputs: Callable[[], Any] | None = None,
    ) -> MarkdownPage:
        """`render()`, or the page of the previous render when its `key()` is unchanged (or, with a
        store, the stored page whose `stored_inputs()`, by default `key()`, are the same)."""
        self.pages_seen.add(uri)
        if self.cache is None:
            made_from = stored_inputs or key
            stored_key = self.stored_key("page", uri, made_from()) if self.store is not None else None
            if (stored := self.from_store(stored_key)) is not None:
                return stored
            self.rendered += 1
            return self.keep(stored_key, render())
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
        if self.store is not None:
            self.store.rendered = self.rendered
        if self.cache is None:
            return
        self.cache.pages = {uri: entry for uri, entry in self.cache.pages.items() if uri in self.pages_seen}
        self.cache.memos = {name: entry for name, entry in self.cache.memos.items() if name in self.memos_seen}
        self.cache.rendered = self.rendered
