"""Hostile names in the search UI, in Chromium: Pagefind UI writes filter labels as HTML."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Dialog, Page, expect

from tests.support.browser import served
from tests.support.hostile import ACTOR_NAME, REGION_NAME, make_hostile_project
from tests.support.site import mkdocs_build

LABEL = "Search briefings, actors, topics and regions"


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    base = tmp_path_factory.mktemp("hostile-browser")
    site = base / "site"
    result = mkdocs_build(make_hostile_project(base / "project"), site, offline=False)
    assert result.returncode == 0, result.stderr
    with served(site) as url:
        yield url


def injected(page: Page, within: str) -> list[str]:
    """Elements inside `within` that a payload could have made."""
    return page.locator(f"{within} :is(script, img, svg, iframe), {within} [onerror], {within} [onload]").evaluate_all(
        "elements => elements.map(e => e.outerHTML.slice(0, 80))"
    )


def test_hostile_names_stay_text_in_both_searches(page: Page, hostile_url: str) -> None:
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(hostile_url + "search/?" + urlencode({"actor": ACTOR_NAME}))
    result = page.locator(".pagefind-ui__result")
    expect(result).to_have_count(1, timeout=20000)  # the preset from the address matches the name
    page.wait_for_function(  # the filter labels show the names as typed
        """names => {
            const labels = Array.from(document.querySelectorAll(".pagefind-ui__filter-label"), l => l.textContent);
            return names.every(name => labels.includes(name));
        }""",
        arg=[f"{ACTOR_NAME} (1)", f"{REGION_NAME} (1)"],
        timeout=10000,
    )
    assert injected(page, "#briefing-search") == []

    search = page.get_by_role("searchbox", name=LABEL)
    search.fill("alert onerror")
    expect(page.locator(".bs-search__item").first).to_be_visible(timeout=15000)
    expect(page.locator(".bs-search__item a", has_text=ACTOR_NAME)).to_have_count(1)
    assert injected(page, ".bs-search__results") == []
    page.wait_for_timeout(300)
    assert dialogs == []


def test_a_search_preset_from_the_address_shows_every_filter_group(page: Page, hostile_url: str) -> None:
    """The preset search can finish before Pagefind UI has loaded every filter; the page then
    searches again so that no group goes missing (it used to, about every other load)."""
    page.goto(hostile_url + "search/?" + urlencode({"actor": ACTOR_NAME}))
    groups = page.locator(".pagefind-ui__filter-block .pagefind-ui__filter-name")
    expect(groups).to_have_text(["Actor", "Author", "Region", "Topic", "Type", "Year"], timeout=15000)
    expect(page.locator(".pagefind-ui__result")).to_have_count(1)
