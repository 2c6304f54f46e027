"""pagination: where the pages of a long list live, how a list is cut, which numbers the pager shows."""

from __future__ import annotations

import pytest

from briefing.model.pagination import WINDOW, Pagination, page_of_item, paged_uri, paginate

# ------------------------------------------------------------------ paged_uri


@pytest.mark.parametrize(
    ("base", "number", "expected"),
    [
        ("actors/xi-jinping.md", 1, "actors/xi-jinping.md"),  # page 1 keeps the list's own address
        ("actors/xi-jinping.md", 2, "actors/xi-jinping/page-2.md"),
        ("actors/xi-jinping.md", 12, "actors/xi-jinping/page-12.md"),
        ("regions/east-asia.md", 3, "regions/east-asia/page-3.md"),
        ("actors/index.md", 1, "actors/index.md"),
        ("actors/index.md", 2, "actors/page-2.md"),  # beside the index: why `page-N` ids are reserved
        ("topics/index.md", 7, "topics/page-7.md"),
        ("index.md", 2, "page-2.md"),
        # an id that merely ends in "index" is an entry, not a collection index
        ("topics/democracy-index.md", 2, "topics/democracy-index/page-2.md"),
        ("topics/reindex.md", 2, "topics/reindex/page-2.md"),
    ],
)
def test_paged_uri(base: str, number: int, expected: str) -> None:
    assert paged_uri(base, number) == expected


def test_paged_uris_of_an_entry_and_its_index_never_collide() -> None:
    entry = {paged_uri("actors/page.md", n) for n in range(1, 30)}
    index = {paged_uri("actors/index.md", n) for n in range(1, 30)}
    assert len(entry) == len(index) == 29
    assert not entry & index


# ------------------------------------------------------------------ paginate


def test_empty_list_has_one_empty_page() -> None:
    pages = paginate([], 3, "actors/x.md")

    assert len(pages) == 1
    page = pages[0]
    assert (page.number, page.page_count, list(page.items), page.total_items) == (1, 1, [], 0)
    assert page.uri == "actors/x.md"
    assert not page.is_split
    assert page.numbers_to_show() == [1]


def test_shorter_than_a_page_is_not_split() -> None:
    (page,) = paginate(["a", "b"], 3, "topics/index.md")

    assert list(page.items) == ["a", "b"]
    assert (page.first_item, page.last_item, page.total_items) == (1, 2, 2)
    assert page.uri == "topics/index.md"
    assert not page.is_split


def test_exact_multiple_has_no_empty_last_page() -> None:
    pages = paginate(list("abcdef"), 3, "actors/x.md")

    assert [list(p.items) for p in pages] == [["a", "b", "c"], ["d", "e", "f"]]
    assert [(p.number, p.page_count) for p in pages] == [(1, 2), (2, 2)]
    assert [(p.first_item, p.last_item) for p in pages] == [(1, 3), (4, 6)]
    assert [p.uri for p in pages] == ["actors/x.md", "actors/x/page-2.md"]
    assert all(p.is_split and p.total_items == 6 for p in pages)


def test_exactly_one_page_full() -> None:
    (page,) = paginate(list("abc"), 3, "actors/x.md")

    assert (page.page_count, page.first_item, page.last_item) == (1, 1, 3)
    assert not page.is_split


def test_remainder_goes_on_a_short_last_page() -> None:
    pages = paginate(list("abcdefg"), 3, "actors/index.md")

    assert [list(p.items) for p in pages] == [["a", "b", "c"], ["d", "e", "f"], ["g"]]
    assert [(p.first_item, p.last_item) for p in pages] == [(1, 3), (4, 6), (7, 7)]
    assert [p.uri for p in pages] == ["actors/index.md", "actors/page-2.md", "actors/page-3.md"]


@pytest.mark.parametrize("size", [1, 2, 3, 5, 7])
@pytest.mark.parametrize("length", [0, 1, 4, 5, 6, 14, 15, 16])
def test_pages_cover_the_list_once_in_order(length: int, size: int) -> None:
    items = list(range(length))
    pages = paginate(items, size, "actors/x.md")

    assert [i for p in pages for i in p.items] == items
    assert len(pages) == max(1, -(-length // size))
    assert all(len(p.items) == size for p in pages[:-1])
    assert 0 < len(pages[-1].items) <= size or length == 0
    assert [p.number for p in pages] == list(range(1, len(pages) + 1))
    assert len({p.uri for p in pages}) == len(pages)
    for position in items:  # page_of_item agrees with where paginate put the item
        page = pages[page_of_item(position, size) - 1]
        assert position in page.items
        assert page.first_item <= position + 1 <= page.last_item


def test_pagination_is_generic_over_sequences() -> None:
    pages = paginate(("x", "y", "z"), 2, "actors/x.md")

    assert isinstance(pages[0], Pagination)
    assert [tuple(p.items) for p in pages] == [("x", "y"), ("z",)]


# ------------------------------------------------------------------ page_of_item


def test_page_of_item() -> None:
    assert [page_of_item(position, 50) for position in (0, 1, 49, 50, 99, 100, 149)] == [1, 1, 1, 2, 2, 3, 3]
    assert [page_of_item(position, 1) for position in range(4)] == [1, 2, 3, 4]


# ------------------------------------------------------------------ numbers_to_show


def numbers(number: int, count: int) -> list[int | None]:
    return Pagination("actors/x.md", number, count, [], 1, 0).numbers_to_show()


def test_few_pages_are_all_shown() -> None:
    assert numbers(1, 1) == [1]
    assert numbers(1, 2) == [1, 2]
    assert numbers(2, 3) == [1, 2, 3]
    assert numbers(3, 5) == [1, 2, 3, 4, 5]  # the window reaches both ends


def test_gaps_are_marked_with_none() -> None:
    assert WINDOW == 2
    assert numbers(1, 10) == [1, 2, 3, None, 10]
    assert numbers(5, 10) == [1, None, 3, 4, 5, 6, 7, None, 10]
    assert numbers(10, 10) == [1, None, 8, 9, 10]
    assert numbers(4, 10) == [1, 2, 3, 4, 5, 6, None, 10]  # the window touches page 1: no gap
    assert numbers(50, 100) == [1, None, 48, 49, 50, 51, 52, None, 100]


@pytest.mark.parametrize("count", [1, 2, 3, 6, 7, 8, 20])
def test_numbers_to_show_invariants(count: int) -> None:
    for number in range(1, count + 1):
        shown = numbers(number, count)
        pages = [n for n in shown if n is not None]

        assert pages == sorted(set(pages)), shown  # increasing, no repeats
        assert pages[0] == 1 and pages[-1] == count, shown  # first and last always
        assert number in pages, shown
        assert set(range(max(1, number - WINDOW), min(count, number + WINDOW) + 1)) <= set(pages), shown
        assert shown[0] is not None and shown[-1] is not None, shown
        for i in range(len(shown) - 1):
            before, after = shown[i], shown[i + 1]
            assert before is not None or after is not None, shown  # never two gaps in a row
            if before is not None and after is not None:
                assert after == before + 1, shown  # numbers are skipped only where a gap is marked
            if after is None:
                assert shown[i + 2] > before + 1, shown  # a marked gap hides at least one page
