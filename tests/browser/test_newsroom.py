"""A reader of the demo site in Chromium: an author's briefings found through the search's author
filter, a byline followed to the author's page, a correction found on the Corrections page."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.support.browser import publish_screenshots, save_screenshot
from tests.support.oracle import read_corpus
from tests.support.site import REPO


def test_a_search_filtered_by_author_returns_that_authors_briefings(page: Page, base_url: str) -> None:
    corpus = read_corpus(REPO)
    expected = sorted(a.title for a in corpus if "daniel-osei" in a.authors)
    assert len(expected) == 3  # not vacuous: and fewer than all briefings
    page.goto(base_url + "search/?author=Daniel%20Osei&type=Article")
    results = page.locator(".pagefind-ui__result")
    expect(results).to_have_count(len(expected), timeout=20000)
    assert sorted(results.locator(".pagefind-ui__result-link").all_inner_texts()) == expected
    name = page.locator(".pagefind-ui__filter-name", has_text=re.compile(r"^\s*author\s*$", re.IGNORECASE))
    author_filter = page.locator(".pagefind-ui__filter-block", has=name)
    expect(author_filter).to_have_count(1)
    expect(author_filter.locator("input:checked")).to_have_count(1)
    save_screenshot(page, "search-by-author")
    assert page.console_errors == []


def test_a_search_with_words_and_an_author_narrows_to_both(page: Page, base_url: str) -> None:
    corpus = read_corpus(REPO)
    expected = sorted(a.title for a in corpus if "mira-kovac" in a.authors and "xi-jinping" in a.actors)
    page.goto(base_url + "search/?q=Xi%20Jinping&author=Mira%20Kova%C4%8D&type=Article")
    results = page.locator(".pagefind-ui__result")
    expect(results).to_have_count(len(expected), timeout=20000)
    assert sorted(results.locator(".pagefind-ui__result-link").all_inner_texts()) == expected
    assert page.console_errors == []


def test_a_byline_leads_to_the_authors_page_and_a_correction_to_its_place(page: Page, base_url: str) -> None:
    page.goto(base_url + "articles/2024/05/xi-putin-beijing/")
    expect(page.locator(".bf-corrections li")).to_contain_text("Correction, 16 May 2024")
    save_screenshot(page, "article-corrected")
    page.locator("p.bf-byline a", has_text="Daniel Osei").click()
    expect(page).to_have_url(base_url + "authors/daniel-osei/")
    expect(page.locator("h2", has_text="Briefings (3)")).to_be_visible()
    save_screenshot(page, "author")
    page.locator(".bf-footer-links a", has_text="Corrections").click()
    expect(page).to_have_url(base_url + "corrections/")
    save_screenshot(page, "corrections")
    page.locator(".bf-corrections-list a").first.click()
    expect(page).to_have_url(base_url + "articles/2024/05/xi-putin-beijing/#correction-2024-05-16")
    expect(page.locator("#correction-2024-05-16")).to_be_in_viewport()
    assert page.console_errors == []
    publish_screenshots(["author", "corrections", "search-by-author"])
