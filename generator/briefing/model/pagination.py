"""Split long lists into numbered pages, so that no page grows with the corpus.

Page 1 keeps the list's own address; the others sit beside it:
`actors/xi-jinping.md` continues at `actors/xi-jinping/page-2.md`, and a collection
index `actors/index.md` at `actors/page-2.md` (ids of the form `page-N` are reserved).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

WINDOW = 2  # page numbers shown either side of the current one


def paged_uri(base_uri: str, number: int) -> str:
    """Where page `number` of the list that starts at `base_uri` lives."""
    if number == 1:
        return base_uri
    stem = base_uri.removesuffix(".md")
    folder = stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else stem + "/"
    return f"{folder}page-{number}.md"


@dataclass(frozen=True)
class Pagination(Generic[T]):
    """One page of a long list: its items and where its siblings are."""

    base_uri: str
    number: int
    page_count: int  # pages in all
    items: Sequence[T]
    first_item: int  # 1-based position of items[0] in the whole list
    total_items: int

    @property
    def uri(self) -> str:
        return self.uri_of(self.number)

    def uri_of(self, number: int) -> str:
        """Where page `number` of the same list lives."""
        return paged_uri(self.base_uri, number)

    @property
    def last_item(self) -> int:
        return self.first_item + len(self.items) - 1

    @property
    def is_split(self) -> bool:
        return self.page_count > 1

    def numbers_to_show(self) -> list[int | None]:
        """First, last and a window around the current page; None marks a gap."""
        wanted = {1, self.page_count, *range(self.number - WINDOW, self.number + WINDOW + 1)}
        shown = sorted(n for n in wanted if 1 <= n <= self.page_count)
        result: list[int | None] = []
        for n in shown:
            if result and result[-1] is not None and n - result[-1] > 1:
                result.append(None)
            result.append(n)
        return result


def paginate(items: Sequence[T], size: int, base_uri: str) -> list[Pagination[T]]:
    """Pages of at most `size` items; an empty list still has one (empty) page."""
    page_count = max(1, -(-len(items) // size))
    return [
        Pagination(base_uri, number, page_count, items[(number - 1) * size : number * size], (number - 1) * size + 1, len(items))
        for number in range(1, page_count + 1)
    ]


def page_of_item(position: int, size: int) -> int:
    """The page (1-based) holding the item at 0-based `position`."""
    return position // size + 1
