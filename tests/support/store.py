"""A build store in a test's folder, as a one-off build opens it."""

from __future__ import annotations

from pathlib import Path

from briefing.build.cache_folder import CacheFolder
from briefing.build.store import Store


def open_store(folder: Path) -> Store:
    """The store in `folder` (made, marked and locked); each call is a new build's view of it."""
    cache = CacheFolder.open(folder)
    assert cache is not None, f"{folder} is locked by another build"
    store = Store(cache)
    store.cache_folder = cache  # type: ignore[attr-defined]  # kept alive: its lock lasts as long
    return store


def close_store(store: Store) -> None:
    store.close()
    store.cache_folder.close()  # type: ignore[attr-defined]


def entry_files(folder: Path) -> list[Path]:
    """Every entry and blob file of the store in `folder`."""
    return sorted(p for kind in ("entries", "blobs") for p in (folder / kind).rglob("*") if p.is_file())
