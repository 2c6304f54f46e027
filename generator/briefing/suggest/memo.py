"""Work done once per registry, not once per article: a batch import reads the same registries a thousand times."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

_R = TypeVar("_R")
_KEPT = 8  # registries in use at once: the import's own, and the evaluation's variants


def by_identity(function: Callable[..., _R]) -> Callable[..., _R]:
    """Memoise `function` on the identity of its arguments (registries are unhashable and never change
    while an import runs); the arguments are kept with the value, so an id is never reused for another."""
    cache: dict[tuple[int, ...], tuple[tuple[Any, ...], _R]] = {}

    @functools.wraps(function)
    def memoised(*args: Any) -> _R:
        key = tuple(id(a) for a in args)
        hit = cache.get(key)
        if hit is not None and all(x is y for x, y in zip(hit[0], args, strict=True)):
            return hit[1]
        value = function(*args)
        if len(cache) >= _KEPT:
            cache.clear()
        cache[key] = (args, value)
        return value

    return memoised
