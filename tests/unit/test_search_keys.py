"""The key of a search bundle: each page counts by the page loop's build-cache key when the loop
has one, else by its bytes. A stale key would serve an old search index, so every page the key
covers must change it, pages vouched for must not be read, and the two kinds must never collide."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from briefing.site.build_cache import digest_files


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
