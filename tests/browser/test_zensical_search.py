"""The demo built by Zensical (`briefing build --engine zensical`) searches as the MkDocs site does,
in Chromium: the header box finds the same pages for a query, the Search page's filters leave the
same briefings."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import served
from tests.support.oracle import read_corpus
from tests.support.project import copy_demo_project
from tests.support.site import REPO, zensical_build


@pytest.fixture(scope="module")
def zensical_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = copy_demo_project(tmp_path_factory.mktemp("zensical") / "demo")
    result = zensical_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert (project / "site" / "pagefind" / "pagefind-ui.js").is_file()
    with served(project / "site") as url:
        yield url


def _header_results(page: Page, url: str, query: str) -> list[tuple[str, str]]:
    """What the header box lists for `query`: each result's text and its page (site-relative)."""
    page.goto(url)
    search = page.get_by_role("searchbox", name="Search briefings, actors, topics and regions")
    search.click()
    search.fill(query)
    results = page.locator(".bs-search__results a")
    expect(results.first).to_be_visible(timeout=15000)
    page.wait_for_timeout(500)  # the list is complete once the last part answered
    found = []
    for link in results.all():
        href = link.evaluate("a => a.href").removeprefix(url)
        found.append((" ".join(link.inner_text().split()), href))
    return found


def _faceted_titles(page: Page, url: str) -> list[str]:
    page.goto(url + "search/?actor=Vladimir%20Putin&region=East%20Asia&type=Article")
    corpus = read_corpus(REPO)
    expected = [a for a in corpus if "vladimir-putin" in a.actors and a.region in {"east-asia", "korean-peninsula"}]
    results = page.locator(".pagefind-ui__result")
    expect(results).to_have_count(len(expected), timeout=20000)
    links = results.locator(".pagefind-ui__result-link")  # a result shows a loading skeleton until its fragment arrives
    expect(links).to_have_count(len(expected), timeout=20000)
    titles = sorted(links.all_inner_texts())
    assert titles == sorted(a.title for a in expected)
    return titles


@pytest.mark.parametrize("query", ["President Xi", "Kremlin"])
def test_a_query_finds_the_same_pages_on_zensical_as_on_mkdocs(page: Page, base_url: str, zensical_url: str, query: str) -> None:
    on_mkdocs = _header_results(page, base_url, query)
    on_zensical = _header_results(page, zensical_url, query)
    assert on_mkdocs and on_zensical == on_mkdocs
    assert page.console_errors == []


def test_a_filter_leaves_the_same_briefings_on_zensical_as_on_mkdocs(page: Page, base_url: str, zensical_url: str) -> None:
    assert _faceted_titles(page, zensical_url) == _faceted_titles(page, base_url)
    page.goto(zensical_url + "search/?q=Kremlin")
    expect(page.locator(".pagefind-ui__result-link[href*='actors/russia']")).to_be_visible(timeout=15000)
    assert page.console_errors == []
