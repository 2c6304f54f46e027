"""What a render reuses: a page or a costly part (a feed, the network layout, a chart) is made
again only when what it is made from changed (`runtime.reuse`).

Under `mkdocs serve` the memory keeps the last render's pages with a `context_key` snapshot of
their inputs: articles and entries from the loader keep their identity when unchanged, so
comparing inputs is mostly identity checks. A one-off build's store on disk looks a page up by
a `Fingerprints` digest of the same inputs, which is equal across processes and builds exactly
when the inputs are.

The costly parts of a page (charts, "appears with" lists) go into its context as `Deferred`
values: a pure function and its arguments, fingerprinted and compared by those, and called
only when the page is rendered. A page found again never computes them.
"""

from __future__ import annotations

import copyreg
import datetime as dt
import hashlib
import pickle
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from briefing.model.entities import Article, Entity
from briefing.model.pagination import Pagination
from briefing.render.markdown_text import Markdown
from briefing.render.output import MarkdownPage
from briefing.runtime.reuse import Kind, Reuse

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


PAGE: Kind[MarkdownPage] = Kind("page", snapshot=context_key)  # a page, from its template and context
ARTICLE_PAGE: Kind[MarkdownPage] = Kind("article page", snapshot=context_key)  # from `render.articles._inputs`
MEMO: Kind[Any] = Kind("memo", snapshot=context_key)  # a costly part: a feed, the network's layout (stored: texts only)


class CacheUse:
    """One render's use of `reuse` (the build store, or `mkdocs serve`'s memory): every page and
    costly part is looked up by its inputs, salted with the render options, before it is made."""

    def __init__(self, reuse: Reuse | None, salt: str = "") -> None:
        self.reuse = reuse
        self.salt = salt  # what every page depends on besides its inputs (the options)

    def recall(self, kind: Kind[T], name: str, inputs: Any) -> T | None:
        return self.reuse.recall(kind, name, (self.salt, inputs)) if self.reuse is not None else None

    def keep(self, kind: Kind[T], name: str, inputs: Any, value: T) -> T:
        if self.reuse is not None:
            self.reuse.keep(kind, name, (self.salt, inputs), value)
        return value

    def memo(self, name: str, key: Any, compute: Callable[[], T]) -> T:
        """`compute()`, or its value from an earlier render when `key` is unchanged."""
        found: T | None = self.recall(MEMO, name, key)  # equal keys give equal values
        return found if found is not None else self.keep(MEMO, name, key, compute())

    def page(self, uri: str, inputs: Callable[[], Any], render: Callable[[], MarkdownPage]) -> MarkdownPage:
        """`render()`, or the page an earlier render made from equal `inputs()`."""
        if self.reuse is None:
            return render()
        made_from = inputs()
        found = self.recall(PAGE, uri, made_from)
        return found if found is not None else self.keep(PAGE, uri, made_from, render())
