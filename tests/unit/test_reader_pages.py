"""Where and when at a glance: the briefings of each pair (sections of an actor's page of pairs), the network by period, weekly digests and the map,
checked against an independent reading of a benchmark corpus (tests/support/oracle.py)."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections import Counter
from pathlib import Path

import feedparser
import pytest
import yaml

from briefing.index.corpus_index import build_index
from briefing.load.corpus import load_corpus
from briefing.model.settings import Settings
from briefing.render import pairs
from briefing.render.context import RenderContext
from briefing.render.map_page import map_page
from briefing.render.pairs import SECTION_LIMIT
from briefing.render.site import RenderOptions, render_site
from tests.support.bench import make_bench_project
from tests.support.html_pages import resolve_href, section, soup, url_to_uri
from tests.support.oracle import OracleArticle, read_corpus


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_bench_project(tmp_path_factory.mktemp("reader") / "corpus", 300)


@pytest.fixture(scope="module")
def oracle(project: Path) -> dict[str, OracleArticle]:
    return {a.url + ".md": a for a in read_corpus(project)}


@pytest.fixture(scope="module")
def pages(project: Path) -> dict[str, str]:
    corpus = load_corpus(Settings(root=project))
    assert corpus.ok
    return {p.uri: p.file_text for p in render_site(build_index(corpus), RenderOptions(site_url="https://example.org/"))}


@pytest.fixture(scope="module")
def urls(pages: dict[str, str]) -> dict[str, str]:
    return url_to_uri(pages, True)


def both(oracle: dict[str, OracleArticle], a: str, b: str) -> set[str]:
    return {uri for uri, art in oracle.items() if a in art.actors and b in art.actors}


def listed(pages: dict[str, str], urls: dict[str, str], uri: str) -> list[str]:
    """The articles of a page's briefings list, as page URIs, in order."""
    found = soup(pages[uri]).select("ul.bf-briefings > li > p:first-child a")
    return [resolve_href(uri, a["href"], True, urls) or a["href"] for a in found]


# ------------------------------------------------------------------ pairs


def pair_briefings(pages: dict[str, str], urls: dict[str, str], uri: str, fragment: str, directory_urls: bool = True) -> list[str]:
    """The briefings a pair's link leads to: its section of an actor's page of pairs (the list
    after the heading `fragment`), or its own pages (`uri` and its `page-N`), in order."""
    if fragment:
        heading = soup(pages[uri]).find(id=fragment)
        assert heading is not None and heading.name == "h2", (uri, fragment)
        found = heading.find_next_sibling("ul").select("li > p:first-child a")
        return [resolve_href(uri, a["href"], directory_urls, urls) for a in found]
    pager = [uri] + sorted((u for u in pages if u.startswith(uri[:-3] + "/page-")), key=lambda u: int(u.rsplit("-", 1)[1][:-3]))
    return [art for page in pager for art in listed(pages, urls, page)]


def test_pair_sections_and_pages_hold_exactly_the_briefings_naming_both(pages, urls, oracle) -> None:
    owners = [u for u in pages if re.fullmatch(r"actors/[^/]+/with\.md", u)]
    assert len(owners) > 10
    sections = 0
    for uri in owners:
        owner = uri[len("actors/") : -len("/with.md")]
        for heading in soup(pages[uri]).select("h2[id^=with-]"):
            other = heading["id"][len("with-") :]
            expected = both(oracle, owner, other)
            assert 2 <= len(expected) <= SECTION_LIMIT  # one shared briefing is linked directly; many have pages
            # the section lives on the page of the actor named in fewer briefings
            assert owner_counts(oracle, owner) <= owner_counts(oracle, other)
            shown = pair_briefings(pages, urls, uri, heading["id"])
            assert len(shown) == len(set(shown)) and set(shown) == expected, (uri, other)
            assert f"{len(expected)} briefings name both" in heading.find_next_sibling("p").get_text()
            sections += 1
    assert sections > 20
    for uri in (u for u in pages if re.fullmatch(r"actors/[^/]+/with/[^/]+\.md", u)):
        a, b = re.fullmatch(r"actors/([^/]+)/with/([^/]+)\.md", uri).groups()
        expected = both(oracle, a, b)
        assert a < b and len(expected) > SECTION_LIMIT
        shown = pair_briefings(pages, urls, uri, "")
        assert len(shown) == len(set(shown)) and set(shown) == expected, uri


def owner_counts(oracle: dict[str, OracleArticle], actor: str) -> int:
    return sum(1 for art in oracle.values() if actor in art.actors)


def expected_target(oracle: dict[str, OracleArticle], a: str, b: str, count: int) -> tuple[str, str]:
    """Where a pair's count should lead: (page, section id)."""
    first, second = sorted((a, b))
    if count > SECTION_LIMIT:
        return f"actors/{first}/with/{second}.md", ""
    owner = second if owner_counts(oracle, second) < owner_counts(oracle, first) else first
    return f"actors/{owner}/with.md", "with-" + (second if owner == first else first)


def test_every_appears_with_count_leads_to_the_briefings_naming_both(pages, urls, oracle) -> None:
    checked = 0
    for uri, text in pages.items():
        if not re.fullmatch(r"actors/[^/]+\.md", uri) or "\n## Appears with\n" not in text:
            continue
        actor = uri[len("actors/") : -3]
        for li in soup(section(text, "Appears with")).select("ul.bf-counted > li"):
            other_link, count_link = li.find_all("a")
            other = resolve_href(uri, other_link["href"], True, urls)[len("actors/") : -3]
            expected = both(oracle, actor, other)
            assert count_link.get_text() == (f"{len(expected)} briefing" + ("s" if len(expected) > 1 else "")), (uri, other)
            target = resolve_href(uri, count_link["href"], True, urls)
            if len(expected) == 1:
                assert {target} == expected
            else:
                assert (target, count_link["href"].partition("#")[2]) == expected_target(oracle, actor, other, len(expected))
                assert set(pair_briefings(pages, urls, *expected_target(oracle, actor, other, len(expected)))) == expected
            checked += 1
    assert checked > 100


# ------------------------------------------------------------------ the network's ties


@pytest.mark.parametrize("directory_urls", [True, False], ids=["hosted", "folder"])
def test_every_tie_drawn_leads_to_the_briefings_naming_both(project, pages, oracle, directory_urls) -> None:
    if not directory_urls:  # the offline build: `.html` links, written by hand in the raw HTML
        corpus = load_corpus(Settings(root=project))
        options = RenderOptions(site_url="https://example.org/", directory_urls=False)
        pages = {p.uri: p.file_text for p in render_site(build_index(corpus), options)}
    urls = url_to_uri(pages, directory_urls)
    network = soup(pages["network.md"])
    nodes = [a["data-id"] for a in network.select("a.bn-node")]
    drawn = {end: int(path["data-weight"]) for path in network.select(".bn-edges path") for end in path["data-ends"].split()}
    links = network.select("ul.bn-ties a[data-ends]")
    assert len(links) == len(drawn) > 100  # every tie drawn is a link, once
    assert {a["data-ends"] for a in links} == set(drawn)
    pair_pages = 0
    for link in links:
        i, j = (int(n) for n in link["data-ends"].split(","))
        a, b = nodes[i], nodes[j]
        expected = both(oracle, a, b)
        assert drawn[link["data-ends"]] == len(expected) and link.get_text().endswith(f" ({len(expected)})"), (a, b)
        target = resolve_href("network.md", link["href"], directory_urls, urls)
        assert target in pages, (a, b, link["href"])  # a page of the built site
        if len(expected) == 1:
            assert {target} == expected
        else:
            fragment = link["href"].partition("#")[2]
            assert (target, fragment) == expected_target(oracle, a, b, len(expected))
            if fragment:
                shown = set(pair_briefings(pages, urls, target, fragment, directory_urls))
            else:
                pager = [target] + sorted(u for u in pages if u.startswith(target[:-3] + "/page-"))
                shown = {
                    resolve_href(page, a["href"], directory_urls, urls)
                    for page in pager
                    for a in soup(pages[page]).select("ul.bf-briefings > li > p:first-child a")
                }
            assert shown == expected
            pair_pages += 1
    assert pair_pages > 20
    # The open table: the strongest ties, their actors and counts linked.
    rows = network.select("table.bn-strongest tbody tr")
    assert len(rows) == 10
    for row in rows:
        first, second, count = row.find_all("a")
        a, b = (resolve_href("network.md", x["href"], directory_urls, urls)[len("actors/") : -3] for x in (first, second))
        assert int(count.get_text()) == len(both(oracle, a, b)), (a, b)
        assert resolve_href("network.md", count["href"], directory_urls, urls) in pages
    weights = [int(row.find_all("a")[2].get_text()) for row in rows]
    assert weights == sorted(drawn.values(), reverse=True)[:10]


# ------------------------------------------------------------------ the network over time


def test_period_counts_match_the_corpus(pages, oracle) -> None:
    form = soup(pages["network.md"]).select_one("form.bf-period")
    data = json.loads(form["data-periods"])
    years = sorted({art_year(uri) for uri in oracle})
    assert data["years"] == years and len(years) >= 2
    nodes = data["nodes"]
    for year in years:
        in_year = [art for uri, art in oracle.items() if art_year(uri) == year]
        counts = Counter(actor for art in in_year for actor in art.actors)
        assert data["n"][str(year)] == [counts[node] for node in nodes]
        for (i, j), count in zip(data["edges"], data["e"][str(year)]):
            assert count == sum(1 for art in in_year if {nodes[i], nodes[j]} <= art.actors)
    # Every tie drawn is there, once, and shared at least one briefing in some year.
    assert len({tuple(e) for e in data["edges"]}) == len(data["edges"]) <= 600
    assert all(sum(data["e"][str(y)][k] for y in years) > 0 for k in range(len(data["edges"])))
    drawn = {a["data-id"] for a in soup(pages["network.md"]).select("a.bn-node")}
    assert set(nodes) == drawn


def test_appears_with_year_by_year_matches_the_corpus(pages, urls, oracle) -> None:
    uri = max((u for u in pages if re.fullmatch(r"actors/[^/]+\.md", u)), key=lambda u: len(pages[u]))
    actor = uri[len("actors/") : -3]
    details = soup(pages[uri]).select_one("details.bf-by-year")
    assert details is not None
    for p in details.find_all("p"):
        year = int(p.find("strong").get_text())
        for a in p.find_all("a"):
            other = resolve_href(uri, a["href"], True, urls)[len("actors/") : -3]
            count = int(re.search(r"\((\d+)\)", a.next_sibling).group(1))
            assert count == sum(1 for u in both(oracle, actor, other) if art_year(u) == year), (year, other)


def art_year(uri: str) -> int:
    return int(uri.split("/")[1])


# ------------------------------------------------------------------ weekly digests


def test_each_briefing_is_in_the_digest_of_its_week_under_its_region(pages, urls, oracle, project) -> None:
    regions = {entry_id: entry["name"] for entry_id, entry in _yaml(project / "data" / "regions.yml").items()}
    seen: Counter[str] = Counter()
    weeks = sorted(u for u in pages if re.fullmatch(r"digests/\d{4}-W\d\d\.md", u))
    for uri in weeks:
        page = soup(pages[uri])
        year, week = (int(v) for v in re.fullmatch(r"digests/(\d{4})-W(\d\d)\.md", uri).groups())
        for heading in page.find_all("h2"):
            region = heading.find("a").get_text()
            for a in heading.find_next_sibling("ul").select("li > p:first-child a"):
                article = resolve_href(uri, a["href"], True, urls)
                seen[article] += 1
                assert regions[oracle[article].region] == region, article
                stamp = dt.date.fromisoformat(re.search(r"(\d{4}-\d\d-\d\d)", oracle[article].path.name).group(1))
                assert tuple(stamp.isocalendar())[:2] == (year, week), article
    assert seen == Counter(dict.fromkeys(oracle, 1))
    # Each week links the weeks before and after it that have briefings.
    for before, after in zip(weeks, weeks[1:]):
        assert any(resolve_href(before, a["href"], True, urls) == after for a in soup(pages[before]).select(".bf-jumps a"))
        assert any(resolve_href(after, a["href"], True, urls) == before for a in soup(pages[after]).select(".bf-jumps a"))


def test_digest_feed_has_one_entry_per_week_newest_first(pages) -> None:
    weeks = sorted((u for u in pages if re.fullmatch(r"digests/\d{4}-W\d\d\.md", u)), reverse=True)
    feed = feedparser.parse(pages["feeds/digests.xml"])
    assert not feed.bozo
    assert [e.link for e in feed.entries] == ["https://example.org/" + u[:-3] + "/" for u in weeks[:50]]
    assert all(re.match(r"Week \d+, \d{4}: .* \(\d+ briefings?\)$", e.title) for e in feed.entries)


def _yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# ------------------------------------------------------------------ the map


def test_map_page_stays_small_at_1000_articles(tmp_path: Path) -> None:
    project = make_bench_project(tmp_path / "k1", 1000)
    corpus = load_corpus(Settings(root=project))
    index = build_index(corpus)
    page = map_page(RenderContext(index, RenderOptions()))
    text = page.markdown
    assert len(text.encode("utf-8")) < 200_000  # the built page adds Material's ~25 KB frame: < 300 KB
    states = [a for a in corpus.actors.values() if a.kind == "state" and a.iso]
    assert len(states) >= 40
    links = {html.unescape(m) for m in re.findall(r'<a href="([^"]+)" aria-label=', text)}
    assert links == {f"../actors/{a.id}/" for a in states}  # each state on the map (at /map/) links to its page


def test_a_pair_sharing_more_than_a_section_holds_has_its_own_pages(project, oracle, monkeypatch) -> None:
    """With the section's limit at 4, the pairs sharing more get `actors/<a>/with/<b>/` (ids in
    order, every briefing once across its pages), and the counts and ties lead there."""
    monkeypatch.setattr(pairs, "SECTION_LIMIT", 4)
    corpus = load_corpus(Settings(root=project))
    small = {p.uri: p.file_text for p in render_site(build_index(corpus), RenderOptions(site_url="https://example.org/"))}
    small_urls = url_to_uri(small, True)
    own = [u for u in small if re.fullmatch(r"actors/[^/]+/with/[^/]+\.md", u)]
    assert len(own) > 5
    for uri in own:
        a, b = re.fullmatch(r"actors/([^/]+)/with/([^/]+)\.md", uri).groups()
        expected = both(oracle, a, b)
        assert a < b and len(expected) > 4
        shown = pair_briefings(small, small_urls, uri, "")
        assert len(shown) == len(set(shown)) and set(shown) == expected, uri
    led_there = 0
    for uri, text in small.items():
        if re.fullmatch(r"actors/[^/]+\.md", uri) and "\n## Appears with\n" in text:
            for li in soup(section(text, "Appears with")).select("ul.bf-counted > li"):
                target = resolve_href(uri, li.find_all("a")[1]["href"], True, small_urls)
                led_there += target in own
    assert led_there > 5
    sectioned = [h for u in small if u.endswith("/with.md") for h in soup(small[u]).select("h2[id^=with-]")]
    assert sectioned and all(int(h.find_next_sibling("p").get_text().split()[0]) <= 4 for h in sectioned)
