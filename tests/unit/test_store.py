"""The build store and its folder (`build.store`, `build.cache_folder`, `build.bundles`): only a
dedicated, marked folder is used, one build at a time; nothing is followed through a link,
deleted or published outside the store; a blob is used only when its bytes are its name."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from briefing.build.bundles import Bundles
from briefing.build.cache_folder import MARKER, CacheFolder, CacheFolderError, check_dedicated
from briefing.build.codecs import BUNDLE
from briefing.build.store import Store
from briefing.build.writer import SiteWriter
from tests.support.store import close_store, entry_files, open_store


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ------------------------------------------------------------ the folder


@pytest.mark.parametrize("cache", [".", "..", "articles", "data", "docs", "site", "articles/cache", "site/.cache", "docs/x"])
def test_a_cache_folder_that_is_holds_or_lies_inside_the_projects_folders_is_refused(tmp_path: Path, cache: str) -> None:
    project = tmp_path / "project"
    owned = {name: project / name for name in ("articles", "data", "docs", "site")}
    with pytest.raises(CacheFolderError, match="cache_dir"):
        check_dedicated(project / cache, project, owned)
    check_dedicated(project / ".briefing-cache", project, owned)  # the default is fine


def test_a_cache_folder_reached_through_a_link_is_judged_by_where_it_leads(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "articles").mkdir(parents=True)
    (tmp_path / "to-articles").symlink_to(project / "articles")
    with pytest.raises(CacheFolderError, match="articles"):
        check_dedicated(tmp_path / "to-articles", project, {"articles": project / "articles"})


def test_a_folder_with_files_briefing_did_not_write_is_refused_and_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(CacheFolderError, match="did not write"):
        CacheFolder.open(folder)
    assert sorted(os.listdir(folder)) == ["notes.txt"]


def test_a_new_or_empty_folder_is_marked_before_it_is_used(tmp_path: Path) -> None:
    for folder in (tmp_path / "new" / "cache", tmp_path / "empty"):
        folder.mkdir(exist_ok=True) if folder.name == "empty" else None
        opened = CacheFolder.open(folder)
        assert opened is not None and (folder / MARKER).read_text(encoding="utf-8").startswith(
            "Signature: 8a477f597d28d172789f06886806bc55"
        )
        opened.close()


@pytest.mark.parametrize("what", ["link", "file", "foreign marker"])
def test_a_cache_folder_that_is_a_link_or_a_file_or_foreign_is_refused(tmp_path: Path, what: str) -> None:
    folder = tmp_path / "cache"
    if what == "link":
        (tmp_path / "elsewhere").mkdir()
        folder.symlink_to(tmp_path / "elsewhere")
    elif what == "file":
        folder.write_text("x", encoding="utf-8")
    else:
        folder.mkdir()
        (folder / MARKER).write_text("Signature: 8a477f597d28d172789f06886806bc55\n# another tool's cache\n", encoding="utf-8")
    with pytest.raises(CacheFolderError):
        CacheFolder.open(folder)


def test_one_build_at_a_time_holds_the_folder(tmp_path: Path) -> None:
    first = CacheFolder.open(tmp_path / "cache")
    assert first is not None
    assert CacheFolder.open(tmp_path / "cache") is None  # another build: it builds without the cache
    first.close()
    again = CacheFolder.open(tmp_path / "cache")
    assert again is not None
    again.close()


# ------------------------------------------------------------ blobs and entries


def test_a_blob_is_linked_back_and_never_trusted_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_bytes(b"<h1>A</h1>")
    store = open_store(tmp_path / "cache")
    kept = store.put_blob_file(str(site / "a" / "index.html"))
    assert kept == (sha(b"<h1>A</h1>"), 10)
    warm = tmp_path / "warm" / "a" / "index.html"
    assert store.link_blob(kept[0], str(warm)) and warm.read_bytes() == b"<h1>A</h1>"
    assert warm.stat().st_ino == (site / "a" / "index.html").stat().st_ino  # no bytes written again
    monkeypatch.setattr("os.link", lambda *args, **kwargs: (_ for _ in ()).throw(OSError("cross-device")))
    copied = tmp_path / "copied" / "index.html"
    assert store.link_blob(kept[0], str(copied)) and copied.read_bytes() == b"<h1>A</h1>"
    monkeypatch.undo()
    (site / "a" / "index.html").write_bytes(b"<h1>B</h1>")  # a site file rewritten in place changes the blob too
    assert not store.link_blob(kept[0], str(tmp_path / "again" / "index.html"))
    assert not (tmp_path / "again" / "index.html").exists()
    assert not store.link_blob("0" * 64, str(tmp_path / "none.html"))
    close_store(store)


def test_a_blob_whose_name_was_forged_beside_other_bytes_is_not_used(tmp_path: Path) -> None:
    """The checksum an entry keeps is not what vouches for a page's HTML: its bytes must be its name."""
    store = open_store(tmp_path / "cache")
    name = store.put_blob(b"<p>the page</p>")
    (blob,) = (p for p in entry_files(tmp_path / "cache") if p.name == name)
    blob.write_bytes(b"<script>alert(1)</script>")
    assert not store.link_blob(name, str(tmp_path / "site" / "index.html"))
    assert not (tmp_path / "site" / "index.html").exists()
    close_store(store)


def test_a_link_where_a_blob_should_be_is_never_followed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_bytes(b"token")
    store = open_store(tmp_path / "cache")
    name = store.put_blob(b"token")  # even a link to a file with exactly the right bytes
    (blob,) = (p for p in entry_files(tmp_path / "cache") if p.name == name)
    blob.unlink()
    blob.symlink_to(secret)
    assert not store.link_blob(name, str(tmp_path / "site" / "token.txt"))
    assert not (tmp_path / "site" / "token.txt").exists()
    close_store(store)


def test_a_linked_shard_is_neither_read_nor_emptied_by_pruning(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "precious.txt").write_text("keep me", encoding="utf-8")
    store = open_store(tmp_path / "cache")
    name = store.put_blob(b"page")
    close_store(store)
    shard = tmp_path / "cache" / "blobs" / name[:2]
    for item in shard.iterdir():
        (outside / item.name).write_bytes(item.read_bytes())  # the blob, outside, under its right name
    os.rename(shard, tmp_path / "moved")
    shard.symlink_to(outside)
    (tmp_path / "cache" / "entries" / "zz").symlink_to(outside)  # not even a shard's name
    store = open_store(tmp_path / "cache")
    assert not store.link_blob(name, str(tmp_path / "site" / "page.html"))
    store.prune()
    close_store(store)
    assert sorted(os.listdir(outside)) == sorted([name, "precious.txt"])  # nothing outside was deleted
    assert not shard.exists() and not os.path.lexists(tmp_path / "cache" / "entries" / "zz")  # the links went


def test_the_stores_folders_replaced_by_links_are_made_again_and_what_they_point_at_kept(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    (outside / "ab").mkdir(parents=True)
    (outside / "ab" / ("ab" + "0" * 62)).write_text("not the store's", encoding="utf-8")
    (tmp_path / "cache").mkdir()
    CacheFolder.open(tmp_path / "cache").close()  # type: ignore[union-attr]
    (tmp_path / "cache" / "blobs").symlink_to(outside)
    store = open_store(tmp_path / "cache")
    assert not store.link_blob("ab" + "0" * 62, str(tmp_path / "x"))
    store.put_blob(b"new")
    store.prune()
    close_store(store)
    assert (outside / "ab" / ("ab" + "0" * 62)).read_text(encoding="utf-8") == "not the store's"
    assert (tmp_path / "cache" / "blobs").is_dir() and not (tmp_path / "cache" / "blobs").is_symlink()


def test_pruning_keeps_what_the_build_used_and_removes_the_rest(tmp_path: Path) -> None:
    store = open_store(tmp_path / "cache")
    old_blob, old_entry = store.put_blob(b"old"), "e" * 64
    store.put(old_entry, b"old entry")
    (tmp_path / "cache" / "stray.txt").write_text("x", encoding="utf-8")
    close_store(store)
    store = open_store(tmp_path / "cache")
    kept = store.put_blob(b"new")
    store.put("f" * 64, b"new entry")
    store.prune()
    close_store(store)
    names = {p.name for p in entry_files(tmp_path / "cache")}
    assert names == {kept, "f" * 64} and old_blob not in names and old_entry not in names
    assert sorted(os.listdir(tmp_path / "cache")) == [".lock", MARKER, "blobs", "entries"]


def test_a_feed_is_a_hard_link_to_the_blob_an_earlier_build_kept(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()

    def place(name: str) -> Store:
        store = open_store(tmp_path / "cache")
        SiteWriter(site, store).place_bytes(b"<feed/>", str(site / name))
        close_store(store)
        return store

    place("a.xml")
    second = place("b.xml")
    assert (site / "b.xml").read_bytes() == b"<feed/>" and not second.rejected
    assert (site / "b.xml").stat().st_ino == (site / "a.xml").stat().st_ino  # one file, linked
    # the site's copy rewritten in place changes the blob too: found wrong, replaced, reported
    (site / "a.xml").write_bytes(b"<feed>edited</feed>")
    third = place("c.xml")
    assert (site / "c.xml").read_bytes() == b"<feed/>" and sum(third.rejected.values()) == 1
    assert (site / "a.xml").read_bytes() == b"<feed>edited</feed>"  # the file that was linked is left alone
    fourth = place("c.xml")  # over the site's own file: replaced, not written through
    assert not fourth.rejected and (site / "c.xml").read_bytes() == b"<feed/>"


# ------------------------------------------------------------ search bundles


def bundle(folder: Path) -> Path:
    (folder / "index").mkdir(parents=True)
    (folder / "pagefind-entry.json").write_text("{}", encoding="utf-8")
    (folder / "index" / "en_1.pf_index").write_bytes(b"\x00index")
    return folder


def test_a_stored_search_bundle_is_linked_and_never_trusted_changed(tmp_path: Path) -> None:
    store = open_store(tmp_path / "cache")
    Bundles(store).put("ab" * 32, bundle(tmp_path / "bundle"))
    site_copy = tmp_path / "site" / "pagefind"
    assert Bundles(store).link("ab" * 32, site_copy)
    assert (site_copy / "index" / "en_1.pf_index").stat().st_ino == (tmp_path / "bundle" / "index" / "en_1.pf_index").stat().st_ino
    (site_copy / "index" / "en_1.pf_index").write_bytes(b"\x00other")  # rewritten in place: the blob changes too
    assert not Bundles(store).link("ab" * 32, tmp_path / "again") and not (tmp_path / "again").exists()
    assert store.rejected["search"] == 1
    close_store(store)


@pytest.mark.parametrize("name", ["../../escaped.txt", "/tmp/escaped.txt", ".hidden", "a/../../escaped.txt", ""])
def test_a_forged_bundle_naming_a_file_outside_it_publishes_nothing(tmp_path: Path, name: str) -> None:
    store = open_store(tmp_path / "cache")
    blob = store.put_blob(b"bytes")
    store.put("ab" * 32, b'{"%s": "%s", "pagefind-entry.json": "%s"}' % (name.encode(), blob.encode(), blob.encode()))
    destination = tmp_path / "site" / "pagefind"
    assert not Bundles(store).link("ab" * 32, destination)
    assert not destination.exists() and not (tmp_path / "escaped.txt").exists() and not Path("/tmp/escaped.txt").exists()
    assert BUNDLE.decode(store.read("ab" * 32)) is None
    close_store(store)


def test_a_bundle_publishes_only_the_files_its_entry_names(tmp_path: Path) -> None:
    store = open_store(tmp_path / "cache")
    Bundles(store).put("ab" * 32, bundle(tmp_path / "bundle"))
    (tmp_path / "cache" / "blobs" / "extra.html").write_text("<script>", encoding="utf-8")  # planted beside the blobs
    destination = tmp_path / "site" / "pagefind"
    assert Bundles(store).link("ab" * 32, destination)
    assert sorted(p.relative_to(destination).as_posix() for p in destination.rglob("*") if p.is_file()) == [
        "index/en_1.pf_index",
        "pagefind-entry.json",
    ]
    close_store(store)
