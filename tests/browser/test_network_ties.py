"""The network's ties in Chromium: a click on a line of the drawing opens the briefings naming
both actors (all years, narrowed to a year, hosted and from a folder); hover names the tie;
a node still wins over a tie; no console error and no serious accessibility finding."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from tests.support.browser import watched_page
from tests.support.oracle import OracleArticle, read_corpus
from tests.support.site import REPO

# In the page: every tie drawn (from the list's links and the SVG's circles), or only the period's
# lines when the network is narrowed; for each, a point on its line, on screen, that is on no node
# and far from every other tie drawn. Returns [{a, b, href, x, y}], strongest first.
CLICKABLE_TIES = """(period) => {
  const svg = document.getElementById("briefing-network");
  svg.scrollIntoView({block: "center"});
  const nodes = [...svg.querySelectorAll("a.bn-node")].map(a => {
    const c = a.querySelector("circle");
    return {id: a.dataset.id, x: +c.getAttribute("cx"), y: +c.getAttribute("cy")};
  });
  const index = Object.fromEntries(nodes.map((n, i) => [n.id, i]));
  const links = Object.fromEntries([...document.querySelectorAll("ul.bn-ties a[data-ends]")].map(a => [a.dataset.ends, a]));
  let drawn = Object.keys(links).map(key => key.split(",").map(Number));
  if (period) {
    drawn = [...svg.querySelectorAll(".bf-period-edges line")].map(l => [index[l.dataset.a], index[l.dataset.b]]);
  }
  const m = svg.getScreenCTM();
  const screen = (x, y) => new DOMPoint(x, y).matrixTransform(m);
  const segments = drawn.map(([i, j]) => [screen(nodes[i].x, nodes[i].y), screen(nodes[j].x, nodes[j].y)]);
  const distance = (p, [a, b]) => {
    const dx = b.x - a.x, dy = b.y - a.y, l = dx * dx + dy * dy;
    const t = l ? Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / l)) : 0;
    return Math.hypot(a.x + t * dx - p.x, a.y + t * dy - p.y);
  };
  const found = [];
  drawn.forEach(([i, j], k) => {
    const link = links[i + "," + j];
    const [a, b] = segments[k];
    for (let s = 2; s <= 18; s++) {
      const p = new DOMPoint(a.x + (b.x - a.x) * s / 20, a.y + (b.y - a.y) * s / 20);
      const under = document.elementFromPoint(p.x, p.y);
      if (!under || !svg.contains(under) || under.closest(".bn-node")) continue;
      if (segments.some((other, o) => o !== k && distance(p, other) < 9)) continue;
      found.push({a: nodes[i].id, b: nodes[j].id, href: link.getAttribute("href"), weight: +link.textContent.match(/\\((\\d+)\\)$/)[1],
                  x: p.x, y: p.y});
      return;
    }
  });
  return found.sort((x, y) => y.weight - x.weight);
}"""


def corpus() -> list[OracleArticle]:
    return read_corpus(REPO)


def naming_both(a: str, b: str, year: int | None = None) -> list[OracleArticle]:
    return [art for art in corpus() if {a, b} <= art.actors and (year is None or art.url.split("/")[1] == str(year))]


def name_of(actor_id: str) -> str:
    return str(yaml.safe_load((REPO / "data" / "actors.yml").read_text(encoding="utf-8"))[actor_id]["name"])


def clickable(page: Page, period: bool = False) -> list[dict[str, Any]]:
    ties = page.evaluate(CLICKABLE_TIES, period)
    assert ties, "no tie of the drawing could be clicked clear of the others"
    return ties


def pair_address(a: str, b: str, html: bool = False) -> str:
    """Where the demo's pair (a few shared briefings each) lives: a section of the page of pairs
    of the actor named in fewer briefings (ties: the first id)."""
    first, second = sorted((a, b))
    count = {x: sum(1 for art in corpus() if x in art.actors) for x in (first, second)}
    owner, other = (second, first) if count[second] < count[first] else (first, second)
    return f"actors/{owner}/with" + (".html" if html else "/") + f"#with-{other}"


def assert_lands_on_both(page: Page, tie: dict[str, Any]) -> None:
    """The page shows the pair's list of exactly the briefings naming both (its section), or for
    a pair sharing one briefing, that briefing."""
    both = naming_both(tie["a"], tie["b"])
    assert len(both) == tie["weight"]
    if len(both) == 1:
        expect(page.locator("h1")).to_have_text(re.compile("^" + re.escape(both[0].title)))
        return
    fragment = page.url.rpartition("#")[2]
    other = fragment.removeprefix("with-")
    owner = tie["b"] if other == tie["a"] else tie["a"]
    section = "h2#" + fragment
    heading = page.locator(section)
    expect(heading).to_have_text(f"{name_of(owner)} and {name_of(other)}")  # the page's actor first
    assert page.url.split("/actors/")[1].startswith(owner + "/with")
    expect(heading).to_be_in_viewport()
    listed = page.locator(f"{section} + p + ul.bf-briefings > li > p:first-child a")
    assert sorted(listed.all_inner_texts()) == sorted(a.title for a in both)


def test_a_click_on_a_tie_opens_the_briefings_naming_both(page: Page, base_url: str) -> None:
    page.goto(base_url + "network/")
    expect(page.locator("form.briefing-network-controls")).to_be_visible()
    ties = clickable(page)
    tie = next(t for t in ties if t["weight"] > 1)
    page.mouse.move(tie["x"], tie["y"])
    tip = page.locator("svg .bn-tie-tip")
    expect(tip).to_have_text(re.compile(r": \d+ briefings?$"))
    expect(tip).to_contain_text(f"{len(naming_both(tie['a'], tie['b']))} briefings")
    expect(page.locator("svg .bn-tie-hover")).to_have_attribute("d", re.compile("^M"))
    assert page.evaluate("document.getElementById('briefing-network').style.cursor") == "pointer"
    page.mouse.click(tie["x"], tie["y"])
    expect(page).to_have_url(re.compile(re.escape(pair_address(tie["a"], tie["b"])) + "$"))
    assert_lands_on_both(page, tie)
    assert page.console_errors == []


def test_a_tie_narrowed_to_a_year_opens_the_pair(page: Page, base_url: str) -> None:
    page.goto(base_url + "network/?year=2024")
    expect(page.locator("form.bf-period .bf-period-status")).to_contain_text("In 2024")
    ties = clickable(page, period=True)
    drawn = {(line.get_attribute("data-a"), line.get_attribute("data-b")) for line in page.locator(".bf-period-edges line").all()}
    assert all((t["a"], t["b"]) in drawn for t in ties)
    tie = ties[0]
    page.mouse.move(tie["x"], tie["y"])
    in_2024 = len(naming_both(tie["a"], tie["b"], 2024))
    assert in_2024 >= 1
    expect(page.locator("svg .bn-tie-tip")).to_contain_text(
        f"{in_2024} briefing{'s' if in_2024 > 1 else ''} in 2024, {len(naming_both(tie['a'], tie['b']))} in all"
    )
    page.mouse.click(tie["x"], tie["y"])
    expect(page).not_to_have_url(re.compile("network/"))
    assert_lands_on_both(page, tie)
    assert page.console_errors == []


def test_from_a_folder_a_tie_opens_its_page_and_a_node_still_wins(page: Page, folder_site: Path) -> None:
    page.goto((folder_site / "network.html").as_uri())
    expect(page.locator("form.briefing-network-controls")).to_be_visible()
    ties = clickable(page)
    single = next(t for t in ties if t["weight"] == 1)  # leads straight to the one briefing naming both
    page.mouse.click(single["x"], single["y"])
    expect(page).to_have_url(re.compile(r"/articles/\d{4}/\d\d/[^/]+\.html$"))
    assert_lands_on_both(page, single)
    page.go_back()
    pair = next(t for t in clickable(page) if t["weight"] > 1)
    page.mouse.click(pair["x"], pair["y"])
    expect(page).to_have_url(folder_site.as_uri() + "/" + pair_address(pair["a"], pair["b"], html=True))
    assert_lands_on_both(page, pair)
    # A node on top of ties opens its actor, not a tie.
    page.go_back()
    centre = page.evaluate(
        """() => { const c = document.querySelector("a.bn-node[data-id='china'] circle").getBoundingClientRect();
                   return [c.x + c.width / 2, c.y + c.height / 2]; }"""
    )
    page.mouse.click(*centre)
    expect(page).to_have_url((folder_site / "actors" / "china.html").as_uri())
    assert page.console_errors == []


def test_every_tie_drawn_is_a_link_without_script(browser: Browser, folder_site: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((folder_site / "network.html").as_uri())
    ends = page.eval_on_selector_all(".bn-edges path", "ps => ps.flatMap(p => p.dataset.ends.split(' '))")
    links = page.locator("ul.bn-ties a[data-ends]")
    assert sorted(links.evaluate_all("as => as.map(a => a.dataset.ends)")) == sorted(ends)
    page.locator("details.bn-pairs summary").click()
    first = links.first
    expect(first).to_be_visible()
    first.focus()
    page.keyboard.press("Enter")
    expect(page).not_to_have_url(re.compile(r"network\.html$"))
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_hovered_tie_has_no_serious_accessibility_violations(browser: Browser, base_url: str, scheme: str) -> None:
    context, page, errors = watched_page(browser, scheme)
    found = {}
    for path, period in (("network/", False), ("network/?year=2024", True)):
        page.goto(base_url + path)
        page.wait_for_timeout(300)
        tie = clickable(page, period)[0]
        page.mouse.move(tie["x"], tie["y"])
        expect(page.locator("svg .bn-tie-tip")).to_be_visible()
        page.locator("details.bn-pairs summary").click()  # the list of ties, opened
        results = Axe().run(page)
        found[path] = [v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    context.close()
    print(f"axe serious/critical violations ({scheme}):", found)
    assert all(not v for v in found.values()), found
    assert errors == []
