"""A large site's search index is built in parts: together they hold exactly what one index would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.oracle import read_corpus
from tests.support.pagefind import pagefind_bundles, pagefind_pages, pagefind_url
from tests.support.project import split_search_project
from tests.support.site import REPO, mkdocs_build


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The demo built once with one index and once with its articles in parts of 3."""
    whole = tmp_path_factory.mktemp("whole-index")
    split = tmp_path_factory.mktemp("split-index")
    project = split_search_project(tmp_path_factory.mktemp("project") / "demo")
    for root, site in ((REPO, whole), (project, split)):
        result = mkdocs_build(root, site, offline=False)
        assert result.returncode == 0, result.stderr
    return whole, split


def test_a_small_site_has_one_bundle_and_says_so(sites) -> None:
    whole, _ = sites
    assert json.loads((whole / "pagefind" / "briefing-parts.json").read_text(encoding="utf-8")) == {"parts": []}
    assert not list((whole / "pagefind").glob("part-*"))


def test_articles_are_split_by_month_and_indexed_exactly_once(sites) -> None:
    _, split = sites
    bundles = pagefind_bundles(split)
    corpus = read_corpus(REPO)
    parts = [name for name in bundles if name]
    assert len(parts) >= 3  # 9 articles in parts of at most 3 pages
    for article in corpus:
        holders = [name for name, pages in bundles.items() if pagefind_url(article.url, False) in pages]
        assert len(holders) == 1 and holders[0] != "", (article.url, holders)
    for name in parts:
        assert 0 < len(bundles[name]) <= 3
        assert all(url.startswith("/articles/") for url in bundles[name])
    # parts follow each other in time: every month of a part comes before every month of the next
    spans = [sorted("/".join(url.split("/")[2:4]) for url in bundles[name]) for name in parts]
    assert all(earlier[-1] < later[0] for earlier, later in zip(spans, spans[1:]))
    assert pagefind_url("actors/xi-jinping", False) in bundles[""]  # entries live in the primary bundle


def assert_same_search(whole: Path, split: Path) -> dict[str, dict]:
    """The split site's bundles hold exactly the pages of the whole site's one index, each with
    the same text, metadata and filters; returns those pages by URL."""
    one, parts = pagefind_pages(whole), pagefind_pages(split)
    assert sorted(parts) == sorted(one)
    for url, record in one.items():
        assert (parts[url]["content"], parts[url]["meta"], parts[url]["filters"]) == (
            record["content"],
            record["meta"],
            record["filters"],
        ), url
    return one


def test_the_parts_together_hold_what_one_index_holds(sites) -> None:
    assert_same_search(*sites)


def test_offline_parts_hold_what_one_index_holds(tmp_path: Path) -> None:
    """The primary bundle reads only the entries' own pages in the registries' folders: with .html
    URLs too, the parts hold every page one index holds (entries, articles), nothing else."""
    project = split_search_project(tmp_path / "demo")
    whole, split = tmp_path / "whole", tmp_path / "split"
    for root, site in ((REPO, whole), (project, split)):
        result = mkdocs_build(root, site, offline=True)
        assert result.returncode == 0, result.stderr
    one = assert_same_search(whole, split)
    assert any(url.endswith("/actors/xi-jinping.html") for url in one) and any("/articles/" in url for url in one)
