"""What earlier builds made, found again by what it was made from: one interface, two memories.

Each stage of the core asks `recall(kind, name, inputs)` before it makes something (parses an
article, ranks related articles, renders a page) and hands what it made to `keep` after, so
the stages have one way to reuse work whoever remembers it:

- a one-off build remembers on disk across builds: the build store (`build.stored`), which
  digests the inputs into a key and keeps only the kinds it has a codec for;
- `mkdocs serve` remembers in memory between rebuilds: `MemoryReuse`, which keeps the last
  build's values as they are (an unchanged article stays the same object, so later stages
  compare most inputs by identity) and compares the inputs by each kind's `snapshot`.

Either way a value comes back only when its inputs are equal, so the output is the same with
or without it; and each build keeps only what it used (`prune`), so a memory holds one site.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

T = TypeVar("T")


def _as_is(inputs: object) -> object:
    return inputs


@dataclass(frozen=True, eq=False)
class Kind(Generic[T]):
    """A kind of thing the core makes (a parsed article, a page). `snapshot` makes its inputs
    comparable for `MemoryReuse` (render's pages: `render.cache.context_key`)."""

    name: str
    snapshot: Callable[[Any], Any] = _as_is


class Reuse(Protocol):
    """Where the core finds what an earlier build made from the same inputs."""

    def recall(self, kind: Kind[T], name: str, inputs: object) -> T | None:
        """The value of `kind` made under `name` from inputs equal to `inputs`, or None."""
        ...

    def keep(self, kind: Kind[T], name: str, inputs: object, value: T) -> None:
        """`value` was made under `name` from `inputs`: remember it (or not: a memory may decline a kind)."""
        ...


class MemoryReuse:
    """`mkdocs serve`'s memory: each kind's values of the last build, by name, with a snapshot of
    their inputs. A rebuild keeps what it used (`prune`)."""

    def __init__(self) -> None:
        self.entries: dict[tuple[str, str], tuple[Any, Any]] = {}
        self.used: set[tuple[str, str]] = set()

    def recall(self, kind: Kind[T], name: str, inputs: object) -> T | None:
        slot = (kind.name, name)
        self.used.add(slot)
        entry = self.entries.get(slot)
        if entry is not None and entry[0] == kind.snapshot(inputs):
            value: T = entry[1]
            return value
        return None

    def keep(self, kind: Kind[T], name: str, inputs: object, value: T) -> None:
        slot = (kind.name, name)
        self.used.add(slot)
        self.entries[slot] = (kind.snapshot(inputs), value)

    def prune(self) -> None:
        """Forget what the last build did not use."""
        self.entries = {slot: entry for slot, entry in self.entries.items() if slot in self.used}
        self.used = set()


class Counted:
    """A `Reuse` that counts, per kind, the values found and the values made (for the build summary)."""

    def __init__(self, reuse: Reuse) -> None:
        self.reuse = reuse
        self.found: Counter[str] = Counter()
        self.made: Counter[str] = Counter()

    def recall(self, kind: Kind[T], name: str, inputs: object) -> T | None:
        value = self.reuse.recall(kind, name, inputs)
        if value is not None:
            self.found[kind.name] += 1
        return value

    def keep(self, kind: Kind[T], name: str, inputs: object, value: T) -> None:
        self.made[kind.name] += 1
        self.reuse.keep(kind, name, inputs, value)
