"""Where and when at a glance, in Chromium: the coverage map, the network narrowed to a year,
the briefings of a pair, a week's digest, and an actor's page printed as a dossier."""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from tests.support.browser import publish_screenshots, save_screenshot, watched_page
from tests.support.oracle import OracleArticle, read_corpus
from tests.support.project import copy_demo_project, replace_in
from tests.support.site import REPO, mkdocs_build


def corpus() -> list[OracleArticle]:
    return read_corpus(REPO)


def day_of(article: OracleArticle) -> dt.date:
    return dt.date.fromisoformat(re.match(r"\d{4}-\d\d-\d\d", article.path.name).group(0))


def test_a_state_on_the_map_opens_its_briefings_from_a_folder(page: Page, folder_site: Path) -> None:
    page.goto((folder_site / "map.html").as_uri())
    china = page.locator("svg.bf-map-svg a[href='actors/china.html']")
    expected = sum("china" in a.actors for a in corpus())
    expect(china).to_have_attribute("aria-label", f"China: {expected} briefings")
    save_screenshot(page, "map")
    china.click()
    expect(page).to_have_url((folder_site / "actors" / "china.html").as_uri())
    expect(page.locator("h2", has_text="Briefings")).to_contain_text(f"({expected})")
    assert page.console_errors == []


def test_region_page_shows_its_states_on_the_map(page: Page, base_url: str) -> None:
    page.goto(base_url + "regions/east-asia/")
    states = page.locator("figure.bf-map--crop svg a")
    # instant navigation makes links absolute once the page is loaded
    hrefs = sorted(states.nth(i).get_attribute("href").removeprefix(base_url).removeprefix("../../") for i in range(states.count()))
    assert hrefs == ["actors/china/", "actors/japan/", "actors/north-korea/", "actors/south-korea/"]
    assert page.console_errors == []


def test_network_narrowed_to_2024(page: Page, base_url: str) -> None:
    page.goto(base_url)
    page.locator(".md-tabs").get_by_role("link", name="Network").click()  # instant navigation: no reload
    expect(page).to_have_url(base_url + "network/")
    form = page.locator("form.bf-period")
    expect(form).to_be_visible()
    form.locator("select[name=from]").select_option("2024")
    form.locator("select[name=to]").select_option("2024")
    in_2024 = [a for a in corpus() if day_of(a).year == 2024]
    actors = {x for a in in_2024 for x in a.actors}
    ties = {(x, y) for a in in_2024 for x in a.actors for y in a.actors if x < y}
    expect(form.get_by_role("status")).to_have_text(f"In 2024: {len(actors)} actors and {len(ties)} ties with shared briefings.")
    drawn = page.locator(".bf-period-edges line")
    assert drawn.count() == len(ties)
    assert {(drawn.nth(i).get_attribute("data-a"), drawn.nth(i).get_attribute("data-b")) for i in range(drawn.count())} == ties
    only_2023 = {x for a in corpus() for x in a.actors} - actors
    for actor in only_2023:
        expect(page.locator(f"a.bn-node[data-id='{actor}']")).to_be_hidden()
    expect(page.locator(".bn-edges")).to_be_hidden()  # the all-years ties are set aside
    save_screenshot(page, "network-period")
    form.get_by_role("button", name="All years").click()
    expect(page.locator(".bn-edges")).to_be_visible()
    assert page.console_errors == []


def test_appears_with_leads_to_the_briefings_naming_both(page: Page, base_url: str) -> None:
    page.goto(base_url + "actors/xi-jinping/")
    both = sorted(a.title for a in corpus() if {"xi-jinping", "vladimir-putin"} <= a.actors)
    row = page.locator("h2:has-text('Appears with') ~ ul.bf-counted li", has_text="Vladimir Putin").first
    row.get_by_role("link", name=f"{len(both)} briefings").click()
    # the pair is a section of the page of pairs of whichever is named in fewer briefings
    section = page.locator("h2#" + page.url.rpartition("#")[2])
    expect(section).to_have_text("Vladimir Putin and Xi Jinping")
    expect(section).to_be_in_viewport()
    expect(page.locator("h1")).to_contain_text(": briefings with other actors")
    listed = page.locator("h2#" + page.url.rpartition("#")[2] + " + p + ul.bf-briefings > li > p:first-child a")
    assert sorted(listed.all_inner_texts()) == both
    save_screenshot(page, "pair")
    assert page.console_errors == []


def test_the_week_of_the_beijing_summit_on_one_page(page: Page, base_url: str) -> None:
    page.goto(base_url + "timeline/")
    page.get_by_role("link", name="weekly digests").click()
    page.get_by_role("link", name="Week 20, 2024").click()
    expect(page.locator("h1")).to_contain_text("Week 20, 2024: 13–19 May 2024")
    week = [a for a in corpus() if tuple(day_of(a).isocalendar())[:2] == (2024, 20)]
    assert any("Beijing" in a.title for a in week)
    listed = page.locator("ul.bf-digest > li > p:first-child a")
    assert sorted(listed.all_inner_texts()) == sorted(a.title for a in week)
    expect(page.locator("h2", has_text="East Asia")).to_be_visible()
    save_screenshot(page, "digest")
    page.get_by_role("link", name="Week 19, 2024").first.click()
    expect(page.locator("h1")).to_contain_text("Week 19, 2024")
    assert page.console_errors == []


def test_home_links_the_latest_week(page: Page, base_url: str) -> None:
    page.goto(base_url)
    newest = max(day_of(a) for a in corpus())
    year, week = tuple(newest.isocalendar())[:2]
    page.get_by_role("link", name=re.compile(f"Week {week}, {year}")).click()
    expect(page).to_have_url(base_url + f"digests/{year}-W{week:02d}/")
    assert page.console_errors == []


# ------------------------------------------------------------------ printing


@pytest.fixture(scope="module")
def print_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo site from a folder, with one article citing its source (an external link)."""
    project = copy_demo_project(tmp_path_factory.mktemp("print-project") / "demo")
    replace_in(
        project / "articles" / "2024" / "2024-05-15-xi-putin-beijing.md",
        "\n---\n",
        "\nsource: {name: Example Wire, url: https://example.org/wire/xi-putin}\n---\n",
    )
    replace_in(project / "mkdocs.yml", "  - briefing:\n", "  - briefing:\n      pagefind: false\n")
    site = tmp_path_factory.mktemp("print-site")
    result = mkdocs_build(project, site, offline=True)
    assert result.returncode == 0, result.stderr
    return site


def pdf_text(browser: Browser, url: str, dark: bool = False) -> str:
    context = browser.new_context(color_scheme="dark" if dark else "light")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(url)
    pdf = page.pdf(format="A4")
    context.close()
    assert errors == []
    # NFKC: newer Chromium prints "fi" as the ligature "ﬁ", which the PDF's text then holds
    return unicodedata.normalize("NFKC", "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_actor_page_prints_as_a_dossier(browser: Browser, print_site: Path, dark: bool) -> None:
    text = " ".join(pdf_text(browser, (print_site / "actors" / "xi-jinping.html").as_uri(), dark).split())
    xi = [a for a in corpus() if "xi-jinping" in a.actors]
    assert text.startswith("Xi Jinping")  # no header, tabs or sidebar before the title
    assert f"Briefings ({len(xi)})" in text
    for article in xi:
        assert unicodedata.normalize("NFKC", " ".join(article.title.split())) in text, article.title
    assert "Appears with" in text
    for gone in ("Table of contents", "Search", "Made with", "Follow:", "Switch to", "Skip to content", "Home Timeline"):
        assert gone not in text, gone


def test_article_prints_the_address_of_its_source(browser: Browser, print_site: Path) -> None:
    text = " ".join(pdf_text(browser, (print_site / "articles" / "2024" / "05" / "xi-putin-beijing.html").as_uri()).split())
    assert "Example Wire (https://example.org/wire/xi-putin)" in text
    assert "Timeline" not in text.split("Previous")[0]  # the navigation tabs are not printed


def test_map_prints_in_black_and_white(browser: Browser, print_site: Path) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto((print_site / "map.html").as_uri())
    page.emulate_media(media="print")
    fills = page.eval_on_selector_all("svg.bf-map-svg path", "paths => [...new Set(paths.map(p => getComputedStyle(p).fill))]")
    context.close()
    for fill in fills:
        r, g, b = (int(v) for v in re.findall(r"\d+", fill)[:3])
        assert r == g == b, fill  # greys only: the shades survive a black-and-white printer


# ------------------------------------------------------------------ accessibility, light and dark

NEW_PAGES = ["map/", "network/?year=2024", "actors/vladimir-putin/with/", "digests/", "digests/2024-W20/", "regions/east-asia/"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_new_pages_have_no_serious_accessibility_violations(browser: Browser, base_url: str, scheme: str) -> None:
    context, page, errors = watched_page(browser, scheme)
    axe = Axe()
    found = {}
    for path in NEW_PAGES:
        page.goto(base_url + path)
        page.wait_for_timeout(300)
        results = axe.run(page)
        found[path] = [v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    if scheme == "dark":
        page.goto(base_url + "map/")
        save_screenshot(page, "map-dark")
    context.close()
    print(f"axe serious/critical violations per page ({scheme}):", found)
    assert all(not v for v in found.values()), found
    assert errors == []
    if scheme == "dark":
        publish_screenshots(["map", "network-period", "pair", "digest"])
