"""A large site's search index comes in parts: a reader searching and filtering sees one index."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.support.oracle import read_corpus
from tests.support.site import REPO


def test_filters_count_briefings_from_every_part(page: Page, split_base_url: str) -> None:
    corpus = read_corpus(REPO)
    expected = [a for a in corpus if "vladimir-putin" in a.actors]
    assert len({tuple(a.url.split("/")[1:3]) for a in expected}) > 1  # spread over several months
    page.goto(split_base_url + "search/?actor=Vladimir%20Putin&type=Article")
    results = page.locator(".pagefind-ui__result")
    expect(results).to_have_count(len(expected), timeout=20000)
    assert sorted(results.locator(".pagefind-ui__result-link").all_inner_texts()) == sorted(a.title for a in expected)
    # the facet list counts across parts too: the Putin checkbox says how many briefings name him
    putin = page.locator(".pagefind-ui__filter-label", has_text="Vladimir Putin").first
    expect(putin).to_contain_text(f"({len(expected)})")
    assert page.console_errors == []


def test_header_search_finds_articles_in_the_oldest_and_newest_parts(page: Page, split_base_url: str) -> None:
    corpus = sorted(read_corpus(REPO), key=lambda a: a.url.split("/")[1:3])
    page.goto(split_base_url)
    search = page.get_by_role("searchbox", name="Search briefings, actors, topics and regions")
    for article in (corpus[0], corpus[-1]):
        search.fill(article.title)
        result = page.locator(f".bs-search__results a[href$='{article.url}/']").first
        expect(result).to_be_visible(timeout=15000)
        expect(result).to_have_text(article.title)
    assert page.console_errors == []
