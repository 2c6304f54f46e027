"""Search bundles in the build store: a bundle is one entry naming, for each of its files, the
blob that holds it.

Reusing a bundle writes exactly the files its entry names, each checked against its blob's
name (`Store.link_blob`), at names checked to stay inside the bundle (`codecs.RelativeName`):
nothing else that may lie in the cache folder, and nothing a link points to, is ever published.
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

from briefing.build.codecs import BUNDLE
from briefing.build.store import Store


class Bundles:
    """The search bundles of a store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def has(self, key: str) -> bool:
        """Whether a bundle is kept under `key` (not checked: `link` checks)."""
        return self.store.exists(key)

    def link(self, key: str, destination: Path) -> bool:
        """Write the bundle kept under `key` into `destination` (which must not exist); False, and
        nothing left there, if it is missing or any of its files is not what its entry says."""
        data = self.store.get(key, "search")
        manifest = BUNDLE.decode(data)
        if manifest is None:
            if data is not None:
                self.store.rejected["search"] += 1
            return False
        for name, blob in sorted(manifest.items()):
            if not self.store.link_blob(blob, str(destination / name)):
                self.store.note_blob(blob, sound=False, label="search")
                shutil.rmtree(destination, ignore_errors=True)
                return False
            self.store.note_blob(blob)
        return True

    def put(self, key: str, folder: Path) -> None:
        """Keep the bundle Pagefind wrote in `folder` (its plain files; it writes nothing else)."""
        manifest: dict[str, str] = {}
        for root, _, names in os.walk(folder):
            for name in names:
                path = os.path.join(root, name)
                if not stat.S_ISREG(os.lstat(path).st_mode):
                    continue
                kept = self.store.put_blob_file(path)
                if kept is None:
                    return
                manifest[Path(path).relative_to(folder).as_posix()] = kept[0]
        self.store.put(key, BUNDLE.encode(manifest))
