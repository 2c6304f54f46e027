"""The one writer of a one-off build's output folder, besides the engine's own page writes.

Everything Briefing puts in the site folder goes through here: feeds and data files (hard
links to the store's blobs when their bytes are the same), the folders made ahead
(`site_folders`), and the staging folders of the search index. Each
of those is hidden inside the site folder while the build runs and removed on every way out
(`close`), whatever stopped the build; a build killed outright leaves them for the next build
to remove at its start (`start`). A build that stops before the engine writes anything leaves
the site folder exactly as it was (`abandon`).

The engine writes each page's HTML itself (MkDocs' page loop), but every page's HTML passes
through `transform` before it is written (MkDocs: `on_post_page`): minified (`build.minify`)
unless the site's `minify` option is off.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from briefing.build.minify import minify_page
from briefing.build.search_index import EARLY_STAGING, STAGING
from briefing.build.site_folders import FoldersAhead, remove_staging
from briefing.build.store import Store

HIDDEN_STAGING = (STAGING, EARLY_STAGING)  # the search index's staging folders inside the site folder

PageTransform = Callable[[str, str], str]  # (site-relative path, HTML) -> HTML


class SiteWriter:
    """The site folder of one one-off build."""

    def __init__(self, site_dir: Path, store: Store | None, dirty: bool = False, minify: bool = True) -> None:
        self.site_dir = site_dir
        self.store = store
        self.folders = FoldersAhead(site_dir, store) if store is not None and not dirty else None
        self.transforms: list[PageTransform] = [minify_page] if minify else []
        self.bytes_written = 0  # the pages' HTML, the feeds and the data files

    def start(self) -> None:
        """Remove what a killed build left, and start making the last build's folders ahead."""
        for name in HIDDEN_STAGING:
            shutil.rmtree(self.site_dir / name, ignore_errors=True)
        if self.folders is not None:
            self.folders.start()  # also removes a killed build's folders made ahead and last site
        else:
            remove_staging(self.site_dir)

    def place_folders(self, needed: set[str]) -> None:
        """The engine has cleaned the site folder and knows its files' folders (`needed`)."""
        if self.folders is not None:
            self.folders.place(needed)

    def pages_written(self, unwritten: list[str]) -> None:
        """The engine has written the pages (but not `unwritten`, whose HTML was empty)."""
        if self.folders is not None:
            self.folders.sweep(unwritten)
            self.folders.remember()

    def transform(self, path: str, html: str) -> str:
        for transform in self.transforms:
            html = transform(path, html)
        return html

    def count(self, size: int) -> None:
        self.bytes_written += size

    def place_bytes(self, data: bytes, destination: str) -> None:
        """Write `data` (a feed, a data file) at `destination`: a hard link to the store's blob of
        the same bytes where there is one, checked; else a new file, kept for the next build."""
        self.count(len(data))
        store = self.store
        if store is not None:
            blob = hashlib.sha256(data).hexdigest()
            if store.link_blob(blob, destination):
                store.note_blob(blob)
                return
            store.note_blob(blob, sound=not store.has_blob(blob))  # one that is not these bytes any more: reported, replaced
        _make_folder_of(destination)
        if os.path.lexists(destination):
            os.unlink(destination)  # never written through: it may be a link to a blob
        with open(destination, "wb") as written:
            written.write(data)
        if store is not None:
            store.put_blob_file(destination)

    def abandon(self) -> None:
        """The build stopped: stop the folders made ahead and leave the site folder as it was."""
        if self.folders is not None:
            self.folders.abandon()

    def close(self) -> None:
        """Remove every staging folder this build made, however it ends."""
        for name in HIDDEN_STAGING:
            shutil.rmtree(self.site_dir / name, ignore_errors=True)
        if self.folders is not None:
            self.folders.finish()
            remove_staging(self.site_dir)


def _make_folder_of(destination: str) -> None:
    folder = os.path.dirname(destination)
    if not os.path.isdir(folder):
        os.makedirs(folder, exist_ok=True)
