"""Metadata is data, never markup.

A copy of the demo project gets hostile payloads in an article's title, summary and source
name, and in an actor's name, aliases, role and description, a topic's and a region's name
and description. The article names the hostile entries by their (hostile) names. After a
real `mkdocs build` (offline and hosted URL styles), no payload may have become an element,
an attribute, a link, emphasis, code, a heading or a table anywhere in the site, in the
search index (Pagefind), the sitemap or the feeds, and the reader must see every payload as typed.

HTML is read as a browser reads it (`browser_soup`): the text of `<title>` is text up to the
first `</title`, which Python's html.parser alone gets wrong.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

from tests.support.catalogue import browser_soup, browser_title
from tests.support.hostile import (
    ACTOR_ALIASES,
    ACTOR_NAME,
    ACTOR_ROLE,
    ALL,
    ARTICLE_URL,
    AUTHOR_LINK,
    AUTHOR_NAME,
    BREAKOUT_TITLE,
    BREAKOUT_URL,
    CORRECTION,
    DESCRIPTION,
    ENTITY_URLS,
    PAYLOADS,
    REGION_NAME,
    SOURCE_NAME,
    SUMMARY,
    TITLE,
    TOPIC_NAME,
    make_hostile_project,
)
from tests.support.pagefind import pagefind_pages, pagefind_url
from tests.support.site import mkdocs_build, page_file, page_url_of, text_of

pytestmark = pytest.mark.integration  # every test here reads sites built with MkDocs


@dataclass
class Site:
    root: Path
    offline: bool
    html: dict[str, str]  # page file (relative) -> its HTML
    pages: dict[str, BeautifulSoup]  # page file (relative) -> parsed as a browser would

    def file_of(self, url: str) -> str:
        return page_file(self.root, url).relative_to(self.root).as_posix()

    def page(self, url: str) -> BeautifulSoup:
        return self.pages[self.file_of(url)]

    def location(self, url: str) -> str:
        """The page's URL as the sitemap ends it."""
        return f"{url}.html" if self.offline else f"{url}/"


@pytest.fixture(scope="module", params=[True, False], ids=["offline", "hosted"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Site:
    base = tmp_path_factory.mktemp("hostile")
    project = make_hostile_project(base / "project")
    root = base / "site"
    result = mkdocs_build(project, root, offline=request.param)
    assert "Traceback" not in result.stderr
    assert result.returncode == 0, result.stderr
    html_pages = {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.html"))}
    return Site(root, request.param, html_pages, {name: browser_soup(text) for name, text in html_pages.items()})


def markup_from_payloads(document: BeautifulSoup) -> list[str]:
    """Every element or attribute in `document` that one of the payloads could have produced."""
    found = []
    for element in document.find_all(True):
        for name, value in element.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            if name.startswith("on"):
                found.append(f"<{element.name} {name}={value!r}>")
            if name in ("href", "src", "action", "formaction", "xlink:href") and value.strip().lower().startswith("javascript:"):
                found.append(f"<{element.name} {name}={value!r}>")
    # A JSON-LD block is data the browser never runs: `json_ld_blocks` checks that it stays one.
    found += [str(e) for e in document.find_all("script") if "alert" in e.get_text() and e.get("type") != "application/ld+json"]
    found += [str(e) for e in document.find_all("img", src="x")]
    found += [str(e)[:80] for e in document.find_all("svg") if "viewbox" not in e.attrs]  # ours and Material's have one
    found += [str(e) for e in document.find_all(["strong", "b", "em", "i"]) if e.get_text() == "bold"]
    found += [str(e) for e in document.find_all("code") if e.get_text() == "code"]
    found += [str(e)[:80] for e in document.find_all(["h1", "h2", "h3", "h4", "h5", "h6"]) if text_of(e).startswith("not a heading")]
    found += [str(e) for e in document.find_all(["td", "th"]) if e.get_text().strip() in ("a", "b")]
    return found


def test_no_payload_becomes_markup_on_any_page(site: Site) -> None:
    breakout_page = site.file_of(BREAKOUT_URL)  # its own <title> is tested below
    problems = {name: found for name, document in site.pages.items() if name != breakout_page and (found := markup_from_payloads(document))}
    assert problems == {}
    # The scan is not vacuous: the payloads reach many pages, as text.
    showing = [name for name, document in site.pages.items() if "<script>alert(1)</script>" in document.get_text()]
    assert len(showing) >= 10
    assert {site.file_of(url) for url in [ARTICLE_URL, *ENTITY_URLS, "actors", "topics", "regions", "timeline/2024-05"]} <= set(showing)


def _content(document: BeautifulSoup):
    return document.select_one("article.md-content__inner")


def _h1_text(document: BeautifulSoup) -> str:
    [h1] = _content(document).find_all("h1")
    for anchor in h1.select("a.headerlink"):
        anchor.decompose()
    assert h1.find(True) is None, str(h1)  # nothing but text inside the heading
    return h1.get_text()


def test_article_shows_title_summary_and_source_as_typed(site: Site) -> None:
    path = page_file(site.root, ARTICLE_URL)
    document = site.page(ARTICLE_URL)
    assert _h1_text(document) == TITLE  # "{{ 7*7 }}" as typed, not 49
    assert browser_title(site.html[site.file_of(ARTICLE_URL)]) == f"{TITLE} - Briefing"
    content = _content(document)
    quote = content.find("blockquote")
    assert [p.get_text() for p in quote.find_all("p")] == ["Editor's note", *PAYLOADS]
    assert [e.name for e in quote.find_all(True)] == ["p", "strong", *["p"] * len(PAYLOADS)]

    items = {text_of(li).split(":", 1)[0]: li for li in content.find("ul").find_all("li", recursive=False)}
    source = items["Source"]
    [link] = source.find_all("a")
    assert link.get_text() == SOURCE_NAME
    assert link.attrs == {"href": "https://example.org/story?q=%22%3E%3Csvg/onload=alert%281%29%3E"}
    linked = {page_url_of(site.root, path, a["href"]): a.get_text() for a in items["Actors"].find_all("a")}
    assert linked["actors/hostile-actor"] == ACTOR_NAME
    linked = {page_url_of(site.root, path, a["href"]): a.get_text() for a in items["Topics"].find_all("a")}
    assert linked["topics/hostile-topic"] == TOPIC_NAME
    region_links = items["Region"].find_all("a")
    assert page_url_of(site.root, path, region_links[0]["href"]) == "regions/hostile-region"
    assert region_links[0].get_text() == REGION_NAME


@pytest.mark.parametrize(
    "url, name",
    [
        ("actors/hostile-actor", ACTOR_NAME),
        ("topics/hostile-topic", TOPIC_NAME),
        ("regions/hostile-region", REGION_NAME),
    ],
)
def test_entity_page_shows_name_and_description_as_typed(site: Site, url: str, name: str) -> None:
    document = site.page(url)
    assert _h1_text(document) == name
    assert browser_title(site.html[site.file_of(url)]) == f"{name} - Briefing"
    paragraphs = [p.get_text() for p in _content(document).find_all("p")]
    assert DESCRIPTION in paragraphs  # a paragraph, starting with "# not a heading", not a heading
    if url == "actors/hostile-actor":
        assert f"Person · {ACTOR_ROLE} · China" in paragraphs
        assert f"Also known as: {', '.join(ACTOR_ALIASES)}" in paragraphs


@pytest.mark.parametrize(
    "url, name",
    [
        ("actors", ACTOR_NAME),
        ("topics", TOPIC_NAME),
        ("regions", REGION_NAME),
        ("timeline/2024-05", TITLE),
        ("", TITLE),
    ],
)
def test_lists_link_the_hostile_entries_by_their_literal_names(site: Site, url: str, name: str) -> None:
    path = page_file(site.root, url) if url else site.root / "index.html"
    texts = [a.get_text() for a in _content(site.pages[path.relative_to(site.root).as_posix()]).find_all("a")]
    assert name in texts


def test_search_index_holds_the_payloads_as_text_only(site: Site) -> None:
    """Pagefind's records: titles and text as typed; filter values as escaped HTML text.

    Pagefind UI writes result titles as text but filter labels as HTML, so each filter value
    must be HTML whose text is the name, with no element in it (or the label would run it).
    """
    pages = pagefind_pages(site.root)
    article = pages[pagefind_url(ARTICLE_URL, site.offline)]
    assert article["meta"]["title"] == TITLE
    for payload in PAYLOADS + [SOURCE_NAME, ACTOR_NAME, TOPIC_NAME, REGION_NAME]:
        assert payload in article["content"]
    for url, name in zip(ENTITY_URLS, [ACTOR_NAME, TOPIC_NAME, REGION_NAME]):
        assert pages[pagefind_url(url, site.offline)]["meta"]["title"] == name
    assert pages[pagefind_url(ENTITY_URLS[0], site.offline)]["meta"]["aliases"] == ", ".join(ACTOR_ALIASES)
    assert pages[pagefind_url(BREAKOUT_URL, site.offline)]["meta"]["title"] == BREAKOUT_TITLE

    problems = []
    for url, record in pages.items():
        for group, values in record["filters"].items():
            for value in values:
                label = BeautifulSoup(value, "html.parser")
                if label.find(True) is not None:
                    problems.append(f"{url}: filter {group} holds markup: {value[:80]}")
    assert problems == []
    shown = {group: {BeautifulSoup(v, "html.parser").get_text() for v in values} for group, values in article["filters"].items()}
    assert ACTOR_NAME in shown["actor"] and TOPIC_NAME in shown["topic"] and REGION_NAME in shown["region"]


def test_sitemap_holds_only_urls_made_from_ids(site: Site) -> None:
    tree = ElementTree.parse(site.root / "sitemap.xml")
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [loc.text for loc in tree.getroot().findall("s:url/s:loc", namespace)]
    assert locations
    unsafe = [loc for loc in locations if not re.fullmatch(r"https?://[A-Za-z0-9.:/_~-]*", loc)]
    assert unsafe == []
    suffixes = [site.location(url) for url in [ARTICLE_URL, BREAKOUT_URL, *ENTITY_URLS]]
    assert all(any(loc.endswith("/" + suffix) for loc in locations) for suffix in suffixes)


def test_feeds_carry_the_payloads_as_plain_text(site: Site) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ElementTree.parse(site.root / "feeds/all.xml").getroot()
    for element in feed.iter():
        assert element.get("type") in (None, "text") or element.tag == f"{atom}link", element.tag
    titles = [e.findtext(f"{atom}title") for e in feed.findall(f"{atom}entry")]
    assert TITLE in titles and BREAKOUT_TITLE in titles
    actor_feed = ElementTree.parse(site.root / "feeds/actors/hostile-actor.xml").getroot()
    assert actor_feed.findtext(f"{atom}title") == f"Briefing: {ACTOR_NAME}"
    assert actor_feed.findtext(f"{atom}subtitle") == DESCRIPTION


def test_a_title_cannot_close_the_title_element(site: Site) -> None:
    name = site.file_of(BREAKOUT_URL)
    document = site.pages[name]
    assert _h1_text(document) == BREAKOUT_TITLE  # the heading itself is right
    assert markup_from_payloads(document) == []
    assert browser_title(site.html[name]) == f"{BREAKOUT_TITLE} - Briefing"


def json_ld_blocks(html: str) -> list[dict]:
    """The JSON-LD of a page, each block up to the first `</script` as a browser reads it: a value
    that closed the element early would leave invalid JSON."""
    return [
        json.loads(block) for block in re.findall(r'<script type="?application/ld\+json"?>(.*?)</script', html, re.DOTALL | re.IGNORECASE)
    ]


def test_structured_data_holds_the_payloads_as_data(site: Site) -> None:
    [article] = json_ld_blocks(site.html[site.file_of(ARTICLE_URL)])
    assert article["headline"] == TITLE and article["description"] == " ".join(SUMMARY.split())
    assert [a["name"] for a in article["author"]] == [AUTHOR_NAME]
    assert article["isBasedOn"]["name"] == SOURCE_NAME and article["contentLocation"]["name"] == REGION_NAME
    assert [c["text"] for c in article["correction"]] == [CORRECTION]
    [breakout] = json_ld_blocks(site.html[site.file_of(BREAKOUT_URL)])
    assert breakout["headline"] == BREAKOUT_TITLE  # `</script>` inside it stayed text
    [profile] = json_ld_blocks(site.html[site.file_of("authors/hostile-author")])
    assert (profile["mainEntity"]["name"], profile["mainEntity"]["affiliation"]["name"]) == (AUTHOR_NAME, ALL)
    assert profile["mainEntity"]["sameAs"] == [AUTHOR_LINK[1]]
    [actor] = json_ld_blocks(site.html[site.file_of("actors/hostile-actor")])
    assert (actor["name"], actor["jobTitle"], actor["alternateName"]) == (ACTOR_NAME, ACTOR_ROLE, ACTOR_ALIASES)
    for name, html in site.html.items():
        for block in re.findall(r'<script type="?application/ld\+json"?>(.*?)</script', html, re.DOTALL):
            assert "<" not in block and ">" not in block, name  # escaped as \u003c, \u003e: nothing for an HTML parser


def test_bylines_and_corrections_show_the_payloads_as_typed(site: Site) -> None:
    page = site.page(ARTICLE_URL)
    assert text_of(page.select_one("p.bf-byline")) == f"By {AUTHOR_NAME}"
    [correction] = page.select("ol.bf-corrections li p")[1:]
    assert correction.get_text() == CORRECTION
    listed = site.page("corrections")
    assert CORRECTION in [p.get_text() for p in listed.select("ul.bf-corrections-list li p")]
    author = site.page("authors/hostile-author")
    [link] = author.select("p.bf-external a")
    assert link.get_text() == " ".join(AUTHOR_LINK[0].split())
    assert unquote(link["href"]) == AUTHOR_LINK[1] and not set('"<>') & set(link["href"])  # percent-encoded, as a browser sends it
