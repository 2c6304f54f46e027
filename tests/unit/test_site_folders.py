"""The site's folders made ahead (`site.site_folders`): any guess gives the folders a clean build has."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from mkdocs.utils import clean_directory

from briefing.build.codecs import FOLDERS
from briefing.build.site_folders import CACHE_KEY, STAGING, FoldersAhead, folders_of, sound_folders
from tests.support.store import close_store, open_store


def folders_below(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_dir()}


def test_the_folders_of_files_include_every_parent() -> None:
    assert folders_of(["index.html", "actors/xi/index.html", "actors/xi/with/putin/index.html"]) == {
        "actors",
        "actors/xi",
        "actors/xi/with",
        "actors/xi/with/putin",
    }


@pytest.mark.parametrize(
    "guess",
    [["../outside"], ["/etc/x"], ["a/../../b"], [".git"], ["a/.hidden"], [""], ["a//b"], ["a\\b"], ["a\0b"], [3], "a", None, {"a": 1}],
)
def test_a_guess_that_could_reach_outside_the_site_is_refused(guess: object) -> None:
    assert sound_folders(json.dumps(guess).encode()) is None


def test_a_sound_guess_comes_back_parents_first() -> None:
    assert sound_folders(b'["b/c", "a"]') == ["a", "b", "b/c"]


def build_once(site: Path, cache_dir: Path, needed: set[str], unwritten: tuple[str, ...] = ()) -> FoldersAhead:
    """What the plugin does in one build: start, MkDocs cleans, place, MkDocs writes, sweep, remember."""
    store = open_store(cache_dir)
    folders = FoldersAhead(site, store)
    folders.start()
    clean_directory(str(site))
    folders.place(needed)
    for folder in sorted(needed):  # MkDocs writes a file in every folder but those left unwritten
        if folder not in unwritten:
            (site / folder).mkdir(parents=True, exist_ok=True)
            (site / folder / "index.html").write_text("page", encoding="utf-8")
    folders.sweep(f"{folder}/index.html" for folder in unwritten)
    folders.remember()
    close_store(store)
    return folders


def test_the_previous_builds_folders_are_made_ahead_and_fitted_to_this_build(tmp_path: Path) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    first = build_once(site, cache, folders_of(["a/x/index.html", "b/y/index.html"]))
    assert first.process is None and first.guess == []  # nothing to guess from yet
    (site / ".git").mkdir()  # MkDocs' clean keeps hidden entries; so does this
    needed = folders_of(["a/x/index.html", "c/z/index.html"])  # b/y is gone, c/z is new
    folders = FoldersAhead(site, open_store(cache))
    folders.start()
    assert folders.guess == ["a", "a/x", "b", "b/y"] and folders.process is not None
    clean_directory(str(site))
    folders.place(needed)
    assert folders_below(site) == {".git", "a", "a/x"}  # made ahead and needed; c/z is made by MkDocs
    assert folders.placed == {"a", "a/x"}
    assert not (site / STAGING).exists()


def test_a_page_mkdocs_did_not_write_leaves_no_folder(tmp_path: Path) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    needed = folders_of(["a/x/index.html", "a/y/index.html", "b/z/index.html"])
    build_once(site, cache, needed)
    build_once(site, cache, needed, unwritten=("a/y", "b/z", "b"))
    assert folders_below(site) == {"a", "a/x"}


def test_a_failed_build_leaves_the_site_folder_as_it_was(tmp_path: Path) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    build_once(site, cache, folders_of(["a/x/index.html"]))
    before = folders_below(site)
    folders = FoldersAhead(site, open_store(cache))
    folders.start()
    folders.abandon()
    close_store(folders.store)
    assert folders_below(site) == before
    new_site = tmp_path / "new-site"
    fresh = FoldersAhead(new_site, open_store(cache))
    fresh.start()
    assert fresh.made_site_dir
    fresh.abandon()
    close_store(fresh.store)
    assert not new_site.exists()


def test_a_foreign_guess_makes_nothing_and_is_reported(tmp_path: Path) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    writer = open_store(cache)
    writer.put(CACHE_KEY, json.dumps(["a", "../escaped"]).encode())
    close_store(writer)
    folders = FoldersAhead(site, open_store(cache))
    folders.start()
    assert folders.process is None and not (tmp_path / "escaped").exists() and not site.exists()
    folders.place({"a"})
    folders.remember()
    close_store(folders.store)
    reader = open_store(cache)
    assert FOLDERS.decode(reader.get(CACHE_KEY, "site")) == ["a"]
    close_store(reader)


def test_a_killed_builds_staging_folder_is_removed(tmp_path: Path) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    (site / STAGING / "left").mkdir(parents=True)
    folders = FoldersAhead(site, open_store(cache))
    folders.start()
    assert not (site / STAGING).exists()
    assert os.listdir(site) == []
