"""What a reader does, in Chromium: search an alias, click through, filter, subscribe, explore the network."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import feedparser
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.support.browser import publish_screenshots, save_screenshot
from tests.support.oracle import read_corpus
from tests.support.site import REPO, soup


def test_alias_in_header_search_finds_the_actor(page: Page, base_url: str) -> None:
    page.goto(base_url)
    search = page.get_by_role("searchbox", name="Search briefings, actors, topics and regions")
    search.click()
    search.fill("President Xi")
    result = page.locator(".bs-search__results a[href*='actors/xi-jinping']").first
    expect(result).to_be_visible(timeout=15000)
    expect(result).to_have_text("Xi Jinping")
    save_screenshot(page, "search")
    result.click()
    expect(page.locator("h1")).to_contain_text("Xi Jinping")
    expected = sum("xi-jinping" in a.actors for a in read_corpus(REPO))
    expect(page.locator("h2", has_text="Briefings")).to_contain_text(f"({expected})")
    assert page.console_errors == []


def test_header_search_works_from_the_keyboard(page: Page, base_url: str) -> None:
    page.goto(base_url + "timeline/")
    page.keyboard.press("/")
    search = page.get_by_role("searchbox", name="Search briefings, actors, topics and regions")
    expect(search).to_be_focused()
    page.keyboard.type("Kremlin")
    results = page.locator(".bs-search__results")
    expect(results.locator("a[href*='actors/russia']")).to_be_visible(timeout=15000)
    expect(page.get_by_role("status")).to_contain_text("result")
    page.keyboard.press("ArrowDown")
    expect(results.locator("a").first).to_be_focused()
    page.keyboard.press("Escape")
    expect(results).to_be_hidden()
    expect(search).to_be_focused()
    page.keyboard.press("Enter")  # every result, with the filters, on the search page
    expect(page).to_have_url(base_url + "search/?q=Kremlin")
    expect(page.locator(".pagefind-ui__result-link[href*='actors/russia']")).to_be_visible(timeout=15000)
    assert page.console_errors == []


def test_search_from_a_folder_says_why_and_offers_the_indexes(page: Page, folder_site: Path) -> None:
    """Browsers do not let a page opened from a folder fetch Pagefind's index: say so, no errors."""
    page.goto((folder_site / "actors" / "xi-jinping.html").as_uri())
    search = page.get_by_role("searchbox", name="Search briefings, actors, topics and regions")
    search.fill("President Xi")
    expect(page.get_by_role("status")).to_contain_text("served over http")
    search.press("Enter")
    expect(page).to_have_url((folder_site / "search.html").as_uri() + "?q=President+Xi")
    host = page.locator("#briefing-search")
    expect(host).to_contain_text("opened from a folder")
    host.get_by_role("link", name="actor").click()
    expect(page).to_have_url((folder_site / "actors" / "index.html").as_uri())
    assert page.console_errors == []


def test_click_article_actor_co_actor_article_without_errors(page: Page, base_url: str) -> None:
    page.goto(base_url + "articles/2024/05/xi-putin-beijing/")
    save_screenshot(page, "article")
    page.locator("article li", has_text="Actors:").get_by_role("link", name="Xi Jinping").click()
    expect(page).to_have_url(base_url + "actors/xi-jinping/")
    save_screenshot(page, "actor")
    page.locator("h2:has-text('Appears with') ~ ul").first.get_by_role("link", name="Vladimir Putin").click()
    expect(page.locator("h1")).to_contain_text("Vladimir Putin")
    page.locator("h2:has-text('Briefings') ~ ul a[href*='putin-kim-pyongyang-treaty']").first.click()
    expect(page.locator("h1")).to_contain_text("Putin and Kim Jong Un")
    assert page.console_errors == []


def test_faceted_search_filters_by_actor_and_region(page: Page, base_url: str) -> None:
    corpus = read_corpus(REPO)
    expected = [a for a in corpus if "vladimir-putin" in a.actors and a.region in {"east-asia", "korean-peninsula"}]
    page.goto(base_url + "search/?actor=Vladimir%20Putin&region=East%20Asia&type=Article")
    results = page.locator(".pagefind-ui__result")
    expect(results).to_have_count(len(expected), timeout=20000)
    titles = sorted(results.locator(".pagefind-ui__result-link").all_inner_texts())
    assert titles == sorted(a.title for a in expected)
    message = page.locator(".pagefind-ui__message").inner_text()
    assert message.startswith(f"{len(expected)} result")
    save_screenshot(page, "faceted-search")
    assert page.console_errors == []


def test_network_draws_and_a_node_opens_its_actor(page: Page, base_url: str) -> None:
    page.goto(base_url + "network/")
    nodes = page.locator("svg a.bn-node")
    assert nodes.count() >= 20
    save_screenshot(page, "network")
    page.locator("svg a.bn-node[data-id='kim-jong-un']").click(force=True)
    expect(page.locator("h1")).to_contain_text("Kim Jong Un")
    assert page.console_errors == []


def _drawn(page: Page) -> tuple[set[str], int]:
    """Ids of the actors shown and the number of ties drawn, as the reader sees them."""
    ids, ties = page.evaluate(
        """() => {
          const svg = document.querySelector("svg.bn-svg");
          const ids = [...svg.querySelectorAll("a.bn-node")].filter(a => getComputedStyle(a).display !== "none").map(a => a.dataset.id);
          const ties = [...svg.querySelectorAll(".bn-edges path")].filter(p => getComputedStyle(p).display !== "none")
            .reduce((n, p) => n + (p.getAttribute("d").match(/M/g) || []).length, 0);
          return [ids, ties];
        }"""
    )
    return set(ids), ties


def test_network_filters_by_kind_minimum_and_focus(page: Page, base_url: str, hosted_site: Path) -> None:
    # What the filters should leave, worked out from the built page itself.
    svg = soup(hosted_site / "network" / "index.html").find("svg", class_="bn-svg")
    nodes = [(a["data-id"], a["data-kind"]) for a in svg.find_all("a", class_="bn-node")]
    ties = [
        (nodes[int(i)][0], nodes[int(j)][0], int(path["data-weight"]))
        for path in svg.find("g", class_="bn-edges").find_all("path")
        for i, j in (pair.split(",") for pair in path["data-ends"].split())
    ]
    kind = dict(nodes)

    page.goto(base_url + "network/")
    status = page.locator(".briefing-network-controls .bn-status")
    expect(status).to_have_text(f"Showing {len(nodes)} of {len(nodes)} actors and {len(ties)} of {len(ties)} links.")
    assert _drawn(page) == ({n for n, _ in nodes}, len(ties))

    page.get_by_label("People").uncheck()
    others = {n for n, k in nodes if k != "person"}
    assert _drawn(page) == (others, sum(a in others and b in others for a, b, _ in ties))
    page.get_by_label("Minimum shared briefings").fill("3")
    strong = sum(a in others and b in others and w >= 3 for a, b, w in ties)
    assert 0 < strong < len(ties)
    assert _drawn(page) == (others, strong)
    expect(status).to_have_text(f"Showing {len(others)} of {len(nodes)} actors and {strong} of {len(ties)} links.")

    page.get_by_role("button", name="Show all", exact=True).click()
    expect(status).to_contain_text(f"Showing {len(nodes)} of")
    page.get_by_label("Focus on actor").select_option("xi-jinping")
    near = {"xi-jinping"} | {b if a == "xi-jinping" else a for a, b, _ in ties if "xi-jinping" in (a, b)}
    assert _drawn(page) == (near, sum(a in near and b in near for a, b, _ in ties))
    labelled = {a.get_attribute("data-id") for a in page.locator("a.bn-node:has(text)").all()}
    names = page.locator("svg .bn-labels text").all_text_contents()
    assert len(names) == len(near - labelled) and all(names), names  # the unlabelled neighbours get their names
    assert kind["xi-jinping"] == "person"

    # Hover on an unlabelled actor: its name beside it, and a tooltip.
    page.get_by_role("button", name="Show all", exact=True).click()
    # the form's reset redraws after the click returns (and clears the labels): wait for it first
    expect(status).to_have_text(f"Showing {len(nodes)} of {len(nodes)} actors and {len(ties)} of {len(ties)} links.")
    expect(page.locator("svg .bn-labels text")).to_have_count(0)
    minor = page.locator("a.bn-node:not(:has(text))").last
    minor.hover(force=True)
    expect(page.locator("svg .bn-labels text")).to_have_count(1)
    expect(minor.locator("title")).to_have_text(minor.get_attribute("aria-label") or "")
    assert page.console_errors == []


def test_feeds_and_exports_agree_with_the_corpus(hosted_site: Path) -> None:
    corpus = read_corpus(REPO)
    everything = feedparser.parse((hosted_site / "feeds/all.xml").read_bytes())
    assert not everything.bozo
    assert sorted(e.title for e in everything.entries) == sorted(a.title for a in corpus)
    xi = feedparser.parse((hosted_site / "feeds/actors/xi-jinping.xml").read_bytes())
    assert sorted(e.title for e in xi.entries) == sorted(a.title for a in corpus if "xi-jinping" in a.actors)
    data = json.loads((hosted_site / "briefing.json").read_text(encoding="utf-8"))
    assert {a["url"] for a in data["articles"]} == {a.url + "/" for a in corpus}
    assert {(a["url"], frozenset(a["actors"])) for a in data["articles"]} == {(a.url + "/", a.actors) for a in corpus}
    rows = list(csv.DictReader(io.StringIO((hosted_site / "articles.csv").read_text(encoding="utf-8"))))
    assert {r["title"] for r in rows} == {a.title for a in corpus}
    edge = next(e for e in data["cooccurrence"] if {e["source"], e["target"]} == {"vladimir-putin", "xi-jinping"})
    assert edge["weight"] == sum({"vladimir-putin", "xi-jinping"} <= a.actors for a in corpus)


def test_pages_announce_their_feeds(page: Page, base_url: str) -> None:
    page.goto(base_url + "actors/xi-jinping/")
    feeds = page.locator("head link[type='application/atom+xml']")
    hrefs = [feeds.nth(i).get_attribute("href") for i in range(feeds.count())]
    assert any(h.endswith("feeds/all.xml") for h in hrefs)
    assert any(h.endswith("feeds/actors/xi-jinping.xml") for h in hrefs)


PAGES_TO_SCAN = ["", "articles/2024/05/xi-putin-beijing/", "actors/xi-jinping/", "actors/", "search/", "network/", "timeline/"]


def test_no_serious_accessibility_violations(page: Page, base_url: str) -> None:
    axe = Axe()
    found = {}
    for path in PAGES_TO_SCAN:
        page.goto(base_url + path)
        page.wait_for_timeout(300)
        results = axe.run(page)
        serious = [v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
        found[path or "home"] = serious
    print("axe serious/critical violations per page:", found)
    assert all(not v for v in found.values()), found
    page.goto(base_url)
    save_screenshot(page, "home")
    publish_screenshots(["home", "article", "actor", "search", "faceted-search", "network"])
