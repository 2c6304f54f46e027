"""Search under `mkdocs serve`: indexed in the background after a preview build, and stopped when
the next preview build starts, so a stale index never takes CPU from the preview."""

from __future__ import annotations

import time
from pathlib import Path

from briefing.build.search_index import BUNDLE, BackgroundIndexer

PAGE = '<!doctype html><html lang="en"><head><title>{0}</title></head><body data-pagefind-body><h1>{0}</h1><p>{1}</p></body></html>'


def small_site(root: Path) -> Path:
    for name in ("one", "two"):
        (root / name).mkdir(parents=True)
        (root / name / "index.html").write_text(PAGE.format(name.title(), "Sanctions talks in Geneva."), encoding="utf-8")
    return root


def index_and_wait(indexer: BackgroundIndexer, site: Path, cancel: bool = False) -> None:
    """What a preview build does when it ends, then (with `cancel`) what the next one does when it starts."""
    indexer.index_later(site, [])
    if cancel:
        indexer.cancel()
    assert indexer.thread is not None
    indexer.thread.join(timeout=60)
    assert not indexer.thread.is_alive()


def test_the_preview_is_indexed_once_edits_pause(tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")
    index_and_wait(BackgroundIndexer(delay=0.1), site)
    assert (site / BUNDLE / "pagefind-entry.json").is_file()


def test_a_new_preview_build_stops_the_waiting_index(tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")
    started = time.perf_counter()
    index_and_wait(BackgroundIndexer(delay=0.5), site, cancel=True)
    assert time.perf_counter() - started < 0.5  # it did not wait out the delay
    assert not (site / BUNDLE).exists()


def test_a_stopped_index_leaves_the_last_bundle_and_the_next_one_replaces_it(tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")
    indexer = BackgroundIndexer(delay=0.0)
    index_and_wait(indexer, site)
    entry = (site / BUNDLE / "pagefind-entry.json").read_bytes()
    (site / "three").mkdir()
    (site / "three" / "index.html").write_text(PAGE.format("Three", "A third page."), encoding="utf-8")
    indexer.delay = 0.3
    index_and_wait(indexer, site, cancel=True)
    assert (site / BUNDLE / "pagefind-entry.json").read_bytes() == entry  # the last good bundle stays
    index_and_wait(indexer, site)
    assert (site / BUNDLE / "pagefind-entry.json").read_bytes() != entry  # now with three pages
