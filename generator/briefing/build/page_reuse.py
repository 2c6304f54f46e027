"""The page loop's use of the build store, without MkDocs: a page whose key is unchanged is not
built again; its HTML comes from the store, its log records and anchors from its entry.

A page's key (`page_key`) digests everything its HTML is made from: its Markdown and HTML
blocks, its place and URL, the navigation every page prints, the build's environment. The
loop's entries, one per page (`codecs.PageEntry`: the HTML's blob, the page's log records and
the anchors MkDocs checks after the loop), are one snapshot entry (`PageEntries`), read once
in the parent before the workers fork: a warm build of 21,000 pages reads one entry, not
21,000. Workers link the reused pages' HTML and send back only which they reused; the parent
does the bookkeeping (`settle`): every blob in use is noted, a damaged one is reported.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from briefing.build.codecs import PAGE_ENTRIES, PageEntry
from briefing.build.digests import digest
from briefing.build.store import FORMAT, Store

ENTRIES_KEY = digest(FORMAT.decode(), "page entries")


@dataclass(frozen=True)
class PageResult:
    """What the parent needs back from a worker for a page it built."""

    records: tuple[tuple[str, int, str], ...]  # (logger name, level, message) in the order logged
    present_anchor_ids: frozenset[str] | None
    links_to_anchors: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] | None  # target src_uri -> (anchor, link)
    error: str | None = None
    in_worker: bool = False  # its records are still to be logged in the parent


@dataclass(frozen=True)
class Outcome:
    """One page of the loop: how it was made, and the store's bookkeeping the parent must do."""

    key: str | None  # its key in the store (None: not kept)
    found: bool  # the snapshot had an entry for it (a sound one, or one whose HTML failed its check)
    reused: bool  # taken from the store: the parent reads what it needs from its own `PageEntries`
    stored: PageEntry | None  # built, its HTML kept: its entry for the next build
    result: PageResult | None  # None when reused


class WrittenFirst(Protocol):
    """Pages the loop writes before all others, and what starts once they are written
    (`build.search_index.EarlyParts`: the search parts whose pages changed)."""

    def pages(self, planned: Mapping[str, str]) -> set[str]:
        """The pages (site-relative output paths) to write first, given each page's key as planned
        before the loop (a page without one is not in `planned`)."""
        ...

    def written(self) -> None:
        """Those pages are written."""
        ...


def page_key(outline: object, src_uri: str, dest_uri: str, url: str, inputs: object) -> str:
    """The key of a page's HTML: the navigation's `outline`, its place, and its `inputs`."""
    return digest(outline, src_uri, dest_uri, url, inputs)


class PageEntries:
    """Every page's entry, in one snapshot of the store, rewritten only when it changes."""

    def __init__(self, store: Store) -> None:
        self.store = store
        data = store.get(ENTRIES_KEY, "pages")
        entries = PAGE_ENTRIES.decode(data)
        if entries is None and data is not None:
            store.rejected["pages"] += 1
        self.entries: dict[str, PageEntry] = entries or {}
        self.kept: dict[str, PageEntry] = {}  # the entries of the pages this build reused or stored

    def reuse(self, key: str, destination: str) -> tuple[bool, bool]:
        """Put the page kept under `key` at `destination`: (an entry was found, the page was reused)."""
        entry = self.entries.get(key)
        if entry is None:
            return False, False
        return True, entry.html is None or self.store.link_blob(entry.html[0], destination)

    def keep(
        self, key: str, written: str, result: PageResult, checked_links: list[tuple[str, tuple[tuple[str, str], ...]]] | None
    ) -> PageEntry | None:
        """Keep a built page's HTML (the file at `written`, if MkDocs wrote one) and return its
        entry; None if the HTML cannot be kept."""
        html = None
        if os.path.exists(written):  # MkDocs skips pages whose output is empty
            html = self.store.put_blob_file(written)
            if html is None:
                return None
        anchors = tuple(sorted(result.present_anchor_ids)) if result.present_anchor_ids is not None else None
        return PageEntry(
            html=html, records=result.records, anchors=anchors, links=tuple(checked_links) if checked_links is not None else None
        )

    def settle(self, outcome: Outcome) -> PageEntry | None:
        """In the parent: the store's bookkeeping for one page, and its entry (for a reused page,
        the parent's own copy)."""
        assert outcome.key is not None
        entry = self.entries.get(outcome.key) if outcome.reused else outcome.stored
        if outcome.found and not outcome.reused:
            self.store.rejected["pages"] += 1  # its HTML was missing or not what the entry said
        if entry is not None:
            self.kept[outcome.key] = entry
            if entry.html is not None:
                self.store.note_blob(entry.html[0])
        return entry

    def flush(self) -> None:
        """Keep the entries of this build's pages as the snapshot (rewritten only when it changed)."""
        if self.kept != self.entries:
            self.store.put(ENTRIES_KEY, PAGE_ENTRIES.encode(self.kept))
        else:
            self.store.note(ENTRIES_KEY)
        self.entries = self.kept


def links_to_check(src_uri: str, result: PageResult) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
    """A built page's anchor links as its entry keeps them. MkDocs checks them after the loop
    (`Page.validate_anchor_links`); a link to an anchor the page itself has passes that check
    whenever the page is reused (its HTML, hence its anchors, are the ones kept), so only links to
    other pages and to missing anchors are kept: most links are a page's own headings' permalinks."""
    assert result.links_to_anchors is not None
    own = result.present_anchor_ids or frozenset()
    kept = []
    for target, pairs in result.links_to_anchors:
        checked = tuple(pair for pair in pairs if target != src_uri or pair[0] not in own)
        if checked:
            kept.append((target, checked))
    return kept
