"""The key of a search bundle: each page counts by the page loop's build-cache key when the loop
has one, else by its bytes. A stale key would serve an old search index, so every page the key
covers must change it, pages vouched for must not be read, and the two kinds must never collide.
A part indexed early (`EarlyParts`, from the keys planned before its pages were written) is used
only when its key is the one computed from the written pages."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing.build.bundles import Bundles
from briefing.build.digests import digest_files
from briefing.build.search_index import EARLY_STAGING, EarlyParts, index_site
from tests.support.store import close_store, open_store
from tests.support.trees import differing_files


@pytest.fixture
def site(tmp_path: Path) -> Path:
    for name, text in {
        "index.html": "<p>home</p>",
        "404.html": "<p>lost</p>",
        "articles/2024/05/a/index.html": "<p>a</p>",
        "articles/2024/05/b/index.html": "<p>b</p>",
    }.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


KNOWN = {"articles/2024/05/a/index.html": "key-of-a", "articles/2024/05/b/index.html": "key-of-b"}


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_a_changed_known_digest_changes_the_key(site: Path) -> None:
    before = digest_files(pages(site), site, KNOWN)
    assert digest_files(pages(site), site, {**KNOWN, "articles/2024/05/b/index.html": "key-of-b-edited"}) != before


def test_changed_bytes_of_a_page_not_vouched_for_change_the_key(site: Path) -> None:
    before = digest_files(pages(site), site, KNOWN)
    (site / "index.html").write_text("<p>home, edited</p>", encoding="utf-8")
    assert digest_files(pages(site), site, KNOWN) != before


def test_a_page_vouched_for_is_not_read(site: Path) -> None:
    listed = pages(site)
    before = digest_files(listed, site, KNOWN)
    (site / "articles/2024/05/a/index.html").unlink()  # listed, then gone: reading it would fail
    assert digest_files(listed, site, KNOWN) == before
    with pytest.raises(FileNotFoundError):
        digest_files(listed, site)  # without its key, the page is read


def test_a_known_digest_never_stands_for_content(site: Path) -> None:
    # even a "known digest" equal to the SHA-256 of the page's bytes gives another key
    as_content = {name: hashlib.sha256((site / name).read_bytes()).hexdigest() for name in KNOWN}
    assert digest_files(pages(site), site, as_content) != digest_files(pages(site), site)
    assert digest_files(pages(site), site, {}) == digest_files(pages(site), site)


def test_names_count_with_their_digest(site: Path) -> None:
    before = digest_files(pages(site), site, KNOWN)
    swapped = {"articles/2024/05/a/index.html": "key-of-b", "articles/2024/05/b/index.html": "key-of-a"}
    assert digest_files(pages(site), site, swapped) != before


def test_a_page_in_the_map_but_not_on_disk_counts_for_nothing(site: Path) -> None:
    # MkDocs writes no file for a page whose HTML is empty; the page loop still knows its key
    with_empty = {**KNOWN, "articles/2024/05/empty/index.html": "key-of-an-empty-page"}
    assert digest_files(pages(site), site, with_empty) == digest_files(pages(site), site, KNOWN)


def write_site(root: Path, pages: dict[str, str]) -> None:
    for name, text in pages.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(f"<html><body data-pagefind-body><h1>{text}</h1><p>{text} words</p></body></html>", encoding="utf-8")


PAGES = {
    "index.html": "home",
    "articles/2024/04/a/index.html": "alpha",
    "articles/2024/05/b/index.html": "bravo",
    "articles/2024/05/c/index.html": "charlie",
}
PARTS = [["articles/2024/04"], ["articles/2024/05"]]
PLANNED = {name: f"key-of-{name}" for name in PAGES if name.startswith("articles/")}


@pytest.fixture
def indexed_site(tmp_path: Path) -> Iterator[tuple[Path, Bundles]]:
    """A site whose bundles the store holds (an earlier build), and the bundles as a new build sees them."""
    site = tmp_path / "site"
    write_site(site, PAGES)
    earlier = open_store(tmp_path / "cache")
    index_site(site, PARTS, cache=Bundles(earlier), known=PLANNED)
    close_store(earlier)
    store = open_store(tmp_path / "cache")
    yield site, Bundles(store)
    close_store(store)


def test_a_part_indexed_early_is_the_bundle_index_site_would_make(tmp_path: Path, indexed_site: tuple[Path, Bundles]) -> None:
    site, cache = indexed_site  # then one page of the second part changes
    edited = {**PLANNED, "articles/2024/05/c/index.html": "key-edited"}
    early = EarlyParts(site, PARTS, PAGES, cache)
    assert early.pages(edited) == {"articles/2024/05/b/index.html", "articles/2024/05/c/index.html"}  # its part only
    write_site(site, {"articles/2024/05/c/index.html": "delta"})  # the loop writes the part's pages first
    early.written()
    run = index_site(site, PARTS, cache=cache, known=edited, early=early)
    early.finish()
    assert (run.reused, run.early) == (2, 1)  # the primary and the first part from the cache
    assert not (site / EARLY_STAGING).exists()
    clean = tmp_path / "clean"
    write_site(clean, {**PAGES, "articles/2024/05/c/index.html": "delta"})
    index_site(clean, PARTS)
    assert differing_files(site / "pagefind", clean / "pagefind") == []


def test_a_part_whose_pages_turned_out_otherwise_is_indexed_again(indexed_site: tuple[Path, Bundles]) -> None:
    site, cache = indexed_site
    planned = {**PLANNED, "articles/2024/05/c/index.html": "key-planned"}
    early = EarlyParts(site, PARTS, PAGES, cache)
    assert early.pages(planned)
    early.written()
    written = {**PLANNED, "articles/2024/05/c/index.html": "key-written"}  # not what was planned
    run = index_site(site, PARTS, cache=cache, known=written, early=early)
    early.finish()
    assert (run.reused, run.early) == (2, 0)
    assert not (site / EARLY_STAGING).exists()


def test_a_part_with_a_page_not_planned_waits_for_the_written_pages(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_site(site, PAGES)
    store = open_store(tmp_path / "cache")
    early = EarlyParts(site, PARTS, PAGES, Bundles(store))
    unplanned = {name: key for name, key in PLANNED.items() if not name.endswith("c/index.html")}
    assert early.pages(unplanned) == {"articles/2024/04/a/index.html"}  # the second part counts a page by its bytes
    close_store(store)
