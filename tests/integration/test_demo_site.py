"""Build the demo site with MkDocs and check what a reader would click through."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.support.linkcheck import check_site
from tests.support.oracle import read_corpus, registry_ids
from tests.support.pagefind import pagefind_pages, pagefind_url
from tests.support.site import REPO, mkdocs_build, page_file, page_url_of, section_links, soup, text_of


@pytest.fixture(scope="module", params=["offline", "clean-urls"])
def built_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo site built twice: browsable from a folder (.html URLs) and for hosting (/x/ URLs)."""
    site = tmp_path_factory.mktemp(f"site-{request.param}")
    result = mkdocs_build(REPO, site, offline=request.param == "offline")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr and "Traceback" not in result.stderr, result.stderr
    return site


@pytest.fixture(scope="module")
def corpus():
    articles = read_corpus(REPO)
    assert len(articles) >= 9
    return articles


def test_each_article_links_to_its_actors_topics_and_region(built_site: Path, corpus) -> None:
    for article in corpus:
        page = page_file(built_site, article.url)
        document = soup(page)
        assert text_of(document.find("h1")) == article.title
        linked = {page_url_of(built_site, page, a["href"]) for a in document.select("article a[href]")}
        for actor in article.actors:
            assert f"actors/{actor}" in linked, (article.url, actor)
        for topic in article.topics:
            assert f"topics/{topic}" in linked, (article.url, topic)
        assert f"regions/{article.region}" in linked, article.url


def test_each_actor_page_lists_exactly_the_articles_naming_it(built_site: Path, corpus) -> None:
    for actor in registry_ids(REPO, "actors"):
        expected = {a.url for a in corpus if actor in a.actors}
        listed = section_links(built_site, page_file(built_site, f"actors/{actor}"), "Briefings")
        assert len(listed) == len(set(listed)), actor
        assert set(listed) == expected, actor


def test_actor_articles_are_newest_first(built_site: Path, corpus) -> None:
    dates = {a.url: a.url.split("/")[1:3] for a in corpus}
    listed = section_links(built_site, page_file(built_site, "actors/xi-jinping"), "Briefings")
    assert len(listed) >= 4
    assert [dates[u] for u in listed] == sorted((dates[u] for u in listed), reverse=True)


def test_each_topic_page_lists_exactly_its_articles(built_site: Path, corpus) -> None:
    for topic in registry_ids(REPO, "topics"):
        expected = {a.url for a in corpus if topic in a.topics}
        listed = section_links(built_site, page_file(built_site, f"topics/{topic}"), "Briefings")
        assert set(listed) == expected, topic


def test_region_pages_include_sub_region_articles(built_site: Path, corpus) -> None:
    listed = set(section_links(built_site, page_file(built_site, "regions/east-asia"), "Briefings"))
    korean = {a.url for a in corpus if a.region == "korean-peninsula"}
    direct = {a.url for a in corpus if a.region == "east-asia"}
    assert korean and direct
    assert listed == korean | direct
    sub_regions = section_links(built_site, page_file(built_site, "regions/east-asia"), "Sub-regions")
    assert sub_regions == ["regions/korean-peninsula"]


def test_links_go_both_ways(built_site: Path, corpus) -> None:
    """Article -> actor -> article, and actor -> co-occurring actor -> back."""
    xi = page_file(built_site, "actors/xi-jinping")
    with_xi = section_links(built_site, xi, "Appears with")
    assert "actors/vladimir-putin" in with_xi
    putin_with = section_links(built_site, page_file(built_site, "actors/vladimir-putin"), "Appears with")
    assert "actors/xi-jinping" in putin_with


def test_home_timeline_and_indexes_reach_every_article(built_site: Path, corpus) -> None:
    timeline_page = page_file(built_site, "timeline")
    months = {page_url_of(built_site, timeline_page, a["href"]) for a in soup(timeline_page).select("article ul.bf-months a[href]")}
    assert months == {"timeline/" + "-".join(a.url.split("/")[1:3]) for a in corpus}  # articles/YYYY/MM/<slug>
    reached = set()
    for month in sorted(months):  # the timeline links every month; each month page lists its briefings
        month_page = page_file(built_site, month)
        for anchor in soup(month_page).select("article ul.bf-links a[href]"):
            reached.add(page_url_of(built_site, month_page, anchor["href"]))
    assert {a.url for a in corpus} == reached
    actors_index = soup(page_file(built_site, "actors"))
    headings = [text_of(h) for h in actors_index.select("article h2")]
    assert [h.split(" (")[0] for h in headings] == ["People", "States", "Organizations", "Groups"]
    home = page_file(built_site, "index") if (built_site / "index.html").is_file() else None
    assert home is not None
    home_links = {page_url_of(built_site, home, a["href"]) for a in soup(home).select("article a[href]")}
    newest = max(corpus, key=lambda a: a.url.split("/")[1:3] + [a.url])
    assert newest.url in home_links
    assert "actors/xi-jinping" in home_links


def test_navigation_has_sections_but_no_articles(built_site: Path) -> None:
    document = soup(built_site / "index.html")
    tabs = [a.get_text().strip() for a in document.select("nav.md-tabs a")]
    assert tabs[:5] == ["Home", "Timeline", "Actors", "Topics", "Regions"]
    nav_links = [a["href"] for a in document.select("nav.md-nav--primary a[href]")]
    assert not any("articles/" in href for href in nav_links)


def test_pagefind_indexes_every_briefing_page_and_finds_actors_by_alias(built_site: Path, corpus) -> None:
    offline = not (built_site / "actors" / "xi-jinping" / "index.html").is_file()
    pages = pagefind_pages(built_site)
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sum(language["page_count"] for language in entry["languages"].values()) == len(pages)
    assert not (built_site / "search" / "search_index.json").exists()  # no lunr index any more
    for article in corpus:
        record = pages[pagefind_url(article.url, offline)]
        assert record["meta"]["title"] == article.title
        assert record["filters"]["type"] == ["Article"]
    xi = pages[pagefind_url("actors/xi-jinping", offline)]
    assert xi["meta"]["title"] == "Xi Jinping"
    assert xi["filters"]["type"] == ["Actor"]
    assert "Also known as: Xi, President Xi," in xi["content"]
    assert "President Xi" in xi["meta"]["aliases"].split(", ")
    assert not any("\N{PILCROW SIGN}" in record["content"] for record in pages.values())  # permalinks left out
    for url in ("search", "network", "about", "timeline"):  # pages of links and tools, not briefings
        assert pagefind_url(url, offline) not in pages


def test_search_indexes_what_a_page_says_not_the_lists_linking_elsewhere(built_site: Path, corpus) -> None:
    """A search for words in a neighbour's title must not return this page: generated lists
    (more on, related, previous/next, an actor's briefings) are navigation and stay out of the index."""
    offline = not (built_site / "actors" / "xi-jinping" / "index.html").is_file()
    pages = pagefind_pages(built_site)
    titles = {a.url: a.title for a in corpus}
    checked = 0
    for article in corpus:
        document = soup(page_file(built_site, article.url))
        content = pages[pagefind_url(article.url, offline)]["content"]
        source = article.path.read_text(encoding="utf-8")
        first_paragraph = document.select_one("article p:not(:has(strong))") or document.select_one("article p")
        assert " ".join(first_paragraph.get_text().split()[:6]) in content
        for link in document.select("article ul.bf-links a[href]"):
            target = page_url_of(built_site, page_file(built_site, article.url), link["href"])
            if target in titles and titles[target] not in source:
                assert titles[target] not in content, (article.url, titles[target])
                checked += 1
    xi = pages[pagefind_url("actors/xi-jinping", offline)]["content"]
    listed = [titles[a.url] for a in corpus if "xi-jinping" in a.actors]
    assert listed and not any(title in xi for title in listed)
    assert "Atom feed" not in xi and "Date:" not in pages[pagefind_url(corpus[0].url, offline)]["content"]
    assert checked > len(corpus)  # every article links to several others


def test_no_page_loads_anything_from_another_host(built_site: Path) -> None:
    """Scripts, stylesheets, images and frames all come from the site itself (readable offline)."""
    loads = {"stylesheet", "preload", "modulepreload", "icon", "manifest", "prefetch"}
    external = []
    for path in sorted(built_site.rglob("*.html")):
        document = soup(path)
        for tag in document.select("script[src], link[href], img[src], iframe[src], source[src], embed[src]"):
            if tag.name == "link" and not loads & set(tag.get("rel", [])):
                continue  # canonical, alternate: links to follow, not loaded by the page
            url = tag.get("src") or tag.get("href")
            if urlsplit(url).scheme not in ("", "data") or url.startswith("//"):
                external.append(f"{path.relative_to(built_site)}: <{tag.name}> {url}")
    assert external == []


def test_no_internal_link_is_broken(built_site: Path) -> None:
    broken = [b for b in check_site(built_site) if b.page != "404.html"]
    assert broken == []


def test_edit_links_point_to_source_files(built_site: Path) -> None:
    article = soup(page_file(built_site, "articles/2024/05/xi-putin-beijing"))
    edit = article.select_one("a.md-content__button[href*='/edit/']")
    assert edit is not None
    assert edit["href"].endswith("/edit/main/articles/2024/2024-05-15-xi-putin-beijing.md")
    actor = soup(page_file(built_site, "actors/xi-jinping"))
    assert actor.select_one("a.md-content__button[href*='/edit/']")["href"].endswith("/edit/main/data/actors.yml")


def test_search_script_is_published_once_as_a_theme_asset(built_site: Path) -> None:
    """MkDocs copies the theme's `assets/briefing-search.js`; every page loads that one copy."""
    shipped = REPO / "generator/briefing/site/theme/assets/briefing-search.js"
    assert (built_site / "assets/briefing-search.js").read_bytes() == shipped.read_bytes()
    assert sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("briefing-search.js")) == ["assets/briefing-search.js"]
    home = soup(built_site / "index.html")
    [script] = [s for s in home.select("script[src]") if s["src"].endswith("briefing-search.js")]
    assert script["src"] == "assets/briefing-search.js"
