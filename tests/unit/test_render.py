"""render.render_site: the pages of a small corpus, their links, order and escaping."""

from __future__ import annotations

import datetime as dt
import re

import markdown
import pytest
import yaml

from briefing.index.corpus_index import build_index
from briefing.load.corpus import load_corpus
from briefing.model.settings import Settings
from briefing.pipeline import build_pages
from briefing.render import site as render_site_module
from briefing.render.context import RenderContext
from briefing.render.html_blocks import long_date as format_long_date
from briefing.render.html_blocks import plural, preview
from briefing.render.options import RenderOptions
from briefing.render.output import MarkdownPage, Output
from briefing.render.site import render_site
from tests.support.factories import ACTORS_YML, TOPICS_YML, small_corpus, write_article_md, write_project
from tests.support.html_pages import hrefs, html_list, resolve_href, row_links, rows, section, soup, url_to_uri

EXPECTED_URIS = [
    "index.md",
    "timeline.md",
    "timeline/2024-06.md",  # one page per month, newest first
    "timeline/2024-05.md",
    "timeline/2024-04.md",
    "timeline/2024-03.md",
    "digests/index.md",  # one page per ISO week with briefings, oldest first
    "digests/2024-W09.md",
    "digests/2024-W15.md",
    "digests/2024-W21.md",
    "digests/2024-W22.md",
    "feeds/digests.xml",  # one entry per week
    "search.md",
    "network.md",
    "map.md",
    "feeds/all.xml",
    "feeds/actors/china.xml",
    "feeds/actors/nato.xml",
    "feeds/actors/russia.xml",
    "feeds/actors/vladimir-putin.xml",
    "feeds/actors/xi-jinping.xml",
    "feeds/topics/china-russia-relations.xml",
    "feeds/topics/sanctions.xml",
    "feeds/topics/trade.xml",
    "feeds/regions/asia.xml",
    "feeds/regions/east-asia.xml",
    "feeds/regions/europe.xml",
    "feeds/regions/korean-peninsula.xml",
    "briefing.json",
    "articles.csv",
    "corrections.md",  # every correction, newest first (none yet), and its feed
    "feeds/corrections.xml",
    "actors/index.md",
    "actors/china.md",
    "actors/nato.md",
    "actors/russia.md",
    "actors/vladimir-putin.md",
    "actors/xi-jinping.md",
    "topics/index.md",
    "topics/china-russia-relations.md",
    "topics/sanctions.md",
    "topics/trade.md",
    "regions/index.md",
    "regions/asia.md",
    "regions/east-asia.md",
    "regions/europe.md",
    "regions/korean-peninsula.md",
    "articles/2024/03/summit.md",
    "articles/2024/04/korea.md",
    "articles/2024/05/sanctions.md",
    "articles/2024/06/nato.md",
]


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """Rendered once for the module: rendering compiles the templates (~0.1 s)."""
    root = write_project(tmp_path_factory.mktemp("render") / "project", small_corpus())
    corpus = load_corpus(Settings(root=root))
    assert corpus.ok
    return {page.uri: page for page in render_site(build_index(corpus))}


def split_front_matter(text: str) -> tuple[dict, str]:
    """The page's YAML front matter (parsed) and the Markdown body after it."""
    assert text.startswith("---\n"), text[:40]
    head, closing, body = text[len("---\n") :].partition("\n---\n\n")
    assert closing, "front matter is not closed by '---'"
    meta = yaml.safe_load(head)
    assert isinstance(meta, dict), head
    return meta, body


def links(markdown_text: str) -> list[tuple[str, str]]:
    return re.findall(r"\[((?:[^\]\\]|\\.)*)\]\(([^)]+)\)", markdown_text)


def test_uris_in_order(pages) -> None:
    assert list(pages) == EXPECTED_URIS


def test_navigation_and_edit_sources(pages) -> None:
    in_nav = sorted(uri for uri, page in pages.items() if isinstance(page, MarkdownPage) and page.in_nav)
    data_files = [uri for uri, page in pages.items() if not isinstance(page, MarkdownPage)]
    assert data_files == [uri for uri in EXPECTED_URIS if not uri.endswith(".md")]  # feeds, briefing.json, articles.csv

    assert in_nav == [
        "actors/index.md",
        "index.md",
        "map.md",
        "network.md",
        "regions/index.md",
        "search.md",
        "timeline.md",
        "topics/index.md",
    ]
    assert pages["index.md"].source_path is None
    assert pages["actors/xi-jinping.md"].source_path == "data/actors.yml"
    assert pages["regions/asia.md"].source_path == "data/regions.yml"
    assert pages["articles/2024/04/korea.md"].source_path == "articles/2024/2024-04-10-korea.md"


def test_article_page_links_to_its_actors_topics_and_regions(pages) -> None:
    meta, text = split_front_matter(pages["articles/2024/03/summit.md"].markdown)

    assert meta["briefing"]["title"] == "Xi and Putin meet"
    # The facts are an HTML block (hrefs are final URLs: the page is served at articles/2024/03/summit/)
    assert text.startswith(
        '# Xi and Putin meet\n\n<ul class="bf-facts">\n<li data-pagefind-ignore><strong>Date:</strong> <time datetime="2024-03-01">1 March 2024</time>'
        " · 1 min read</li>\n"
    )
    assert (
        '<li><strong>Region:</strong> <a href="../../../../regions/east-asia/">East Asia</a> '
        '(in <a href="../../../../regions/asia/">Asia</a>)</li>\n' in text
    )
    assert (
        '<li><strong>Actors:</strong> <a href="../../../../actors/xi-jinping/">Xi Jinping</a>, '
        '<a href="../../../../actors/vladimir-putin/">Vladimir Putin</a></li>\n' in text
    )
    assert (
        '<li><strong>Topics:</strong> <a href="../../../../topics/china-russia-relations/">China–Russia relations</a>, '
        '<a href="../../../../topics/trade/">Trade</a></li>\n</ul>\n' in text
    )
    assert "Source:" not in text  # this article names none
    assert "> **Editor's note**\n>\n> The two leaders met.\n" in text
    assert "\nBody text.\n" in text


def test_region_trail_lists_outer_regions_innermost_first(pages) -> None:
    text = pages["articles/2024/04/korea.md"].markdown

    assert (
        '<li><strong>Region:</strong> <a href="../../../../regions/korean-peninsula/">Korean Peninsula</a> '
        '(in <a href="../../../../regions/east-asia/">East Asia</a>, <a href="../../../../regions/asia/">Asia</a>)</li>\n' in text
    )


def test_article_page_related_previous_next(pages) -> None:
    text = pages["articles/2024/03/summit.md"].markdown

    # hrefs are final URLs: the page is served at articles/2024/03/summit/
    related = section(text, "Related briefings")
    assert related == (
        '\n<ul class="bf-links" data-pagefind-ignore>\n'
        '<li><a href="../../04/korea/">Putin in Pyongyang</a> (10 April 2024)</li>\n'
        '<li><a href="../../05/sanctions/">New sanctions on Chinese firms</a> (20 May 2024)</li>\n'
        "</ul>\n\n"
    )
    neighbours = section(text, "Previous and next")
    assert rows(neighbours, "bf-links") == [
        "Next: Putin in Pyongyang (10 April 2024)",
        "All briefings by date: Timeline",
    ]
    assert row_links(neighbours, "bf-links") == [("Putin in Pyongyang", "../../04/korea/"), ("Timeline", "../../../../timeline/")]
    last = pages["articles/2024/06/nato.md"].markdown
    assert rows(section(last, "Previous and next"), "bf-links") == [
        "Previous: New sanctions on Chinese firms (20 May 2024)",
        "All briefings by date: Timeline",
    ]
    assert row_links(section(last, "Previous and next"), "bf-links")[0] == ("New sanctions on Chinese firms", "../../05/sanctions/")
    assert "## Related briefings" not in last


def test_every_relative_link_points_at_a_generated_page(pages) -> None:
    import posixpath

    urls = url_to_uri(list(pages), directory_urls=True)
    html_links = 0
    for uri, page in pages.items():
        for _text, target in links(page.file_text):
            path, _, query = target.partition("?")
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(uri), path))
            assert resolved in pages, f"{uri} links to {target}"
            if query:  # only the search page takes filters from the address
                assert resolved == "search.md", f"{uri} links to {target}"
        if uri.endswith(".md"):  # raw HTML (lists, charts) links to final URLs, which MkDocs does not rewrite
            for href in hrefs(page.markdown):
                assert resolve_href(uri, href, True, urls) is not None, f"{uri} links to {href}"
                html_links += 1
    assert html_links > 100  # the lists really are HTML now


def test_entity_page_offers_its_feed_and_a_preset_search_outside_the_index(pages) -> None:
    follow = soup(pages["actors/xi-jinping.md"].markdown).select_one("p.bf-follow")

    assert follow is not None and follow.has_attr("data-pagefind-ignore")
    assert follow.get_text() == "Follow: Atom feed of these briefings · Filter them by region, topic and year"
    assert [a["href"] for a in follow.find_all("a")] == ["../../feeds/actors/xi-jinping.xml", "../../search/?actor=Xi+Jinping"]


def test_actor_page_lists_articles_newest_first(pages) -> None:
    meta, text = split_front_matter(pages["actors/xi-jinping.md"].markdown)

    assert "search" not in meta  # Material's lunr search is not used (Pagefind indexes the HTML)
    assert meta["description"] == "Leader of China since 2012."
    assert meta["briefing"]["title"] == "Xi Jinping"
    assert text.startswith("# Xi Jinping\n")
    assert "*Person · President of China · [China](china.md)*\n" in text
    assert "**Also known as:** Xi, President Xi\n" in text
    briefings = section(text, "Briefings (2)")
    assert briefings.startswith('\n<ul class="bf-briefings" data-pagefind-ignore>\n<li><p><strong>20 May 2024</strong> · ')
    # newest first; the page is served at actors/xi-jinping/, so articles are two levels up
    assert row_links(briefings, "bf-briefings") == [
        ("New sanctions on Chinese firms", "../../articles/2024/05/sanctions/"),
        ("Xi and Putin meet", "../../articles/2024/03/summit/"),
    ]
    items = html_list(briefings, "bf-briefings").find_all("li")
    assert [[p.get_text() for p in li.find_all("p")] for li in items] == [
        ["20 May 2024 · New sanctions on Chinese firms"],
        ["1 March 2024 · Xi and Putin meet", "The two leaders met."],  # the summary, under the title
    ]
    assert "bf-pager" not in text and "By year" not in text  # two briefings: one page


def test_actor_page_co_occurrences(pages) -> None:
    text = pages["actors/vladimir-putin.md"].markdown

    appears_with = section(text, "Appears with")
    assert rows(appears_with, "bf-counted") == ["Russia (1 briefing)", "Xi Jinping (1 briefing)"]
    # each row: the other actor's page, and the count leading to the briefings naming both (one
    # shared briefing: that briefing; more: the pair's page, see test_render_pagination)
    assert [[(a.get_text(), a["href"]) for a in li.find_all("a")] for li in html_list(appears_with, "bf-counted").find_all("li")] == [
        [("Russia", "../russia/"), ("1 briefing", "../../articles/2024/04/korea/")],
        [("Xi Jinping", "../xi-jinping/"), ("1 briefing", "../../articles/2024/03/summit/")],
    ]
    assert "most shared" not in text  # short lists are not capped
    topics = section(text, "Topics")
    assert rows(topics, "bf-counted") == ["China–Russia relations (2 briefings)", "Trade (1 briefing)"]
    assert row_links(topics, "bf-counted") == [
        ("China–Russia relations", "../../topics/china-russia-relations/"),
        ("Trade", "../../topics/trade/"),
    ]
    assert rows(section(text, "Regions"), "bf-counted") == [
        "Asia (2 briefings)",
        "East Asia (2 briefings)",
        "Korean Peninsula (1 briefing)",
    ]
    assert text.endswith("[All actors](index.md)\n")


def test_country_without_a_state_entry_is_plain_text(load) -> None:
    actors = ACTORS_YML + "kim:\n  name: Kim Jong Un\n  kind: person\n  country: North Korea\n  description: Leader.\n"
    corpus = load({}, actors=actors)
    pages = {p.uri: p for p in render_site(build_index(corpus))}

    assert "*Person · North Korea*\n" in pages["actors/kim.md"].markdown
    assert "No briefings name this actor yet.\n" in pages["actors/kim.md"].markdown


def test_state_links_to_its_region(load, small_corpus_articles) -> None:
    actors = ACTORS_YML.replace("china:\n  name: China\n  kind: state\n", "china:\n  name: China\n  kind: state\n  region: east-asia\n")
    corpus = load(small_corpus_articles, actors=actors)
    assert corpus.ok
    pages = {p.uri: p for p in render_site(build_index(corpus))}

    assert "\n*State · [East Asia](../regions/east-asia.md)*\n" in pages["actors/china.md"].markdown
    assert "\n*State*\n" in pages["actors/russia.md"].markdown


def test_region_page_includes_sub_regions(pages) -> None:
    text = pages["regions/asia.md"].markdown

    assert row_links(section(text, "Sub-regions"), "bf-counted") == [("East Asia", "../east-asia/")]
    assert rows(section(text, "Sub-regions"), "bf-counted") == ["East Asia (2 briefings)"]
    assert [t for t, _ in row_links(section(text, "Briefings (3)"), "bf-briefings")] == [
        "New sanctions on Chinese firms",
        "Putin in Pyongyang",
        "Xi and Putin meet",
    ]
    inner = pages["regions/korean-peninsula.md"].markdown
    assert "*Part of [East Asia](east-asia.md), [Asia](asia.md)*\n" in inner


def test_collection_indexes(pages) -> None:
    regions = pages["regions/index.md"].markdown
    assert regions == (
        "# Regions\n\n4 regions across 4 briefings.\n\n"
        "- [Asia](asia.md) (3 briefings)\n"
        "    - [East Asia](east-asia.md) (2 briefings)\n"
        "        - [Korean Peninsula](korean-peninsula.md) (1 briefing)\n"
        "- [Europe](europe.md) (1 briefing)\n"
    )
    actors = pages["actors/index.md"].markdown
    assert actors.startswith("# Actors\n\n5 actors across 4 briefings.\n")
    assert rows(section(actors, "People (2)"), "bf-counted") == [
        "Vladimir Putin (2 briefings) · President of Russia.",
        "Xi Jinping (2 briefings) · Leader of China since 2012.",
    ]
    assert row_links(section(actors, "People (2)"), "bf-counted") == [
        ("Vladimir Putin", "vladimir-putin/"),  # actors/index.md is served at actors/
        ("Xi Jinping", "xi-jinping/"),
    ]
    assert rows(section(actors, "States (2)"), "bf-counted") == [
        "China (1 briefing) · The People's Republic of China.",
        "Russia (1 briefing) · The Russian Federation.",
    ]
    assert rows(section(actors, "Organizations (1)"), "bf-counted") == ["NATO (1 briefing) · The North Atlantic alliance."]
    assert "## Groups" not in actors
    assert "bf-pager" not in actors and "Names " not in actors  # one page
    topics = pages["topics/index.md"].markdown
    assert topics.startswith("# Topics\n\n3 topics across 4 briefings.\n")
    assert row_links(topics, "bf-counted") == [
        ("China–Russia relations", "china-russia-relations/"),
        ("Sanctions", "sanctions/"),
        ("Trade", "trade/"),
    ]
    assert rows(topics, "bf-counted")[0] == "China–Russia relations (2 briefings) · Ties between China and Russia."


def test_timeline_newest_first(pages) -> None:
    text = pages["timeline.md"].markdown

    # months by year, newest first, each linking to its own page (timeline.md is served at timeline/)
    assert rows(section(text, "2024"), "bf-months") == [
        "June 2024 (1 briefing)",
        "May 2024 (1 briefing)",
        "April 2024 (1 briefing)",
        "March 2024 (1 briefing)",
    ]
    assert [href for _, href in row_links(section(text, "2024"), "bf-months")] == [
        "2024-06/",
        "2024-05/",
        "2024-04/",
        "2024-03/",
    ]
    assert "New sanctions on Chinese firms" not in text  # articles are on the month pages only
    month = pages["timeline/2024-05.md"].markdown
    assert rows(month, "bf-links") == ["20 May · New sanctions on Chinese firms"]
    assert row_links(month, "bf-links") == [("New sanctions on Chinese firms", "../../articles/2024/05/sanctions/")]


def test_home_page(pages) -> None:
    text = pages["index.md"].markdown

    assert text.startswith(
        "# Latest briefings\n\n4 briefings from 1 March 2024 to 1 June 2024, naming 5 actors across 3 topics and 4 regions.\n"
    )
    latest = text.split("\n## ")[0]
    assert [t for t, _ in row_links(latest, "bf-briefings")] == [
        "NATO summit",
        "New sanctions on Chinese firms",
        "Putin in Pyongyang",
        "Xi and Putin meet",
    ]
    assert row_links(latest, "bf-briefings")[0] == ("NATO summit", "articles/2024/06/nato/")
    assert rows(section(text, "Most covered actors"), "bf-counted")[:2] == ["Vladimir Putin (2 briefings)", "Xi Jinping (2 briefings)"]
    assert row_links(section(text, "Most covered actors"), "bf-counted")[0] == ("Vladimir Putin", "actors/vladimir-putin/")
    assert rows(section(text, "Most covered topics"), "bf-counted") == [
        "China–Russia relations (2 briefings)",
        "Trade (2 briefings)",
        "Sanctions (1 briefing)",
    ]
    assert "Browse by [actors](actors/index.md), [topics](topics/index.md), [regions](regions/index.md).\n" in text


def test_home_title_option(load, small_corpus_articles) -> None:
    corpus = load(small_corpus_articles)
    pages = render_site(build_index(corpus), RenderOptions(home_title="Today *now*"))

    assert pages[0].markdown.startswith("# Today \\*now\\*\n")


def test_empty_site(load) -> None:
    pages = {p.uri: p for p in render_site(build_index(load({})))}

    assert "No briefings yet: add an article under `articles/`.\n" in pages["index.md"].markdown
    assert pages["timeline.md"].markdown == "# Timeline\n\nNo briefings yet.\n"


def test_a_page_family_is_one_function_over_the_render_context(load, small_corpus_articles, monkeypatch) -> None:
    """What a newcomer writes to add pages: a function from the shared context to outputs."""

    def counts(site: RenderContext):
        yield site.page("counts.md", "search.md.j2", None, in_nav=False)
        yield Output("counts.txt", f"{len(site.corpus.articles)} briefings, {len(site.corpus.actors)} actors\n")

    monkeypatch.setattr(render_site_module, "FAMILIES", (*render_site_module.FAMILIES, counts))
    outputs = render_site(build_index(load(small_corpus_articles)))

    assert [o.uri for o in outputs] == [*EXPECTED_URIS, "counts.md", "counts.txt"]
    page, data = outputs[-2:]
    assert isinstance(page, MarkdownPage) and not page.in_nav and page.markdown.startswith("# Search")
    assert type(data) is Output and data.file_text == "4 briefings, 5 actors\n"


# ------------------------------------------------------------------ escaping


MARKUP_TITLE = "<script>alert(1)</script> **Bold** [x](javascript:alert(1)) {{ x }}"
ESCAPED_TITLE = "&lt;script&gt;alert(1)&lt;/script&gt; \\*\\*Bold\\*\\* \\[x\\](javascript:alert(1)) \\{\\{ x \\}\\}"
# In raw HTML lists Markdown is not parsed, so only the HTML characters are escaped.
HTML_ESCAPED_TITLE = "&lt;script&gt;alert(1)&lt;/script&gt; **Bold** [x](javascript:alert(1)) {{ x }}"


@pytest.fixture(scope="module")
def markup_pages(tmp_path_factory):
    articles = {
        "2024-05-15-markup.md": write_article_md(
            title=MARKUP_TITLE,
            extra="summary: |-\n  1. Not a list <i>x</i>\n\n  - nor this",
            body="Editor **Markdown** body stays.\n",
        )
    }
    topics = TOPICS_YML.replace("description: Economic restrictions.", "description: '# Not a heading <b>b</b>'")
    root = write_project(tmp_path_factory.mktemp("markup") / "project", articles, topics=topics)
    corpus = load_corpus(Settings(root=root))
    assert corpus.ok, corpus.log.problems
    return {p.uri: p for p in render_site(build_index(corpus))}


def test_title_with_markup_is_escaped_everywhere(markup_pages) -> None:
    meta, article = split_front_matter(markup_pages["articles/2024/05/markup.md"].markdown)
    assert meta["briefing"]["title"] == MARKUP_TITLE  # front matter is data for the theme, not Markdown
    assert article.startswith(f"# {ESCAPED_TITLE}\n")
    listed_on = {  # page: the href of the article from there
        "index.md": "articles/2024/05/markup/",
        "timeline/2024-05.md": "../../articles/2024/05/markup/",
        "actors/xi-jinping.md": "../../articles/2024/05/markup/",
        "topics/sanctions.md": "../../articles/2024/05/markup/",
        "regions/east-asia.md": "../../articles/2024/05/markup/",
        "digests/2024-W20.md": "../../articles/2024/05/markup/",
    }
    for uri, href in listed_on.items():
        text = markup_pages[uri].markdown
        assert f'<a href="{href}">{HTML_ESCAPED_TITLE}</a>' in text, uri
        assert [a.get_text() for a in soup(text).find_all("a", href=href)] == [MARKUP_TITLE], uri  # shown as written
        rendered = markdown.markdown(split_front_matter(text)[1] if text.startswith("---\n") else text)
        assert "<script>" not in rendered and 'href="javascript' not in rendered and "<strong>Bold" not in rendered, uri
    # Markdown bodies (after the front matter) and the XML feeds carry no live markup; the JSON and
    # CSV exports are data and keep the raw title.
    outputs = [
        split_front_matter(p.file_text)[1] if p.file_text.startswith("---\n") else p.file_text
        for uri, p in markup_pages.items()
        if uri.endswith((".md", ".xml"))
    ]
    assert len(outputs) == len(markup_pages) - 2  # all but briefing.json and articles.csv
    assert "<script>" not in "".join(outputs)


def test_summary_and_description_are_escaped_body_is_not(markup_pages) -> None:
    article = markup_pages["articles/2024/05/markup.md"].markdown
    assert "> 1\\. Not a list &lt;i&gt;x&lt;/i&gt;\n>\n> \\- nor this\n" in article
    assert "\nEditor **Markdown** body stays.\n" in article
    topic = markup_pages["topics/sanctions.md"].markdown
    assert "\n\\# Not a heading &lt;b&gt;b&lt;/b&gt;\n" in topic


def test_escaped_article_page_renders_no_injected_html(markup_pages) -> None:
    meta, body = split_front_matter(markup_pages["articles/2024/05/markup.md"].markdown)
    assert meta["briefing"]["title"] == MARKUP_TITLE
    rendered = markdown.markdown(body, extensions=["toc", "tables"])

    assert "<script>" not in rendered
    assert 'href="javascript' not in rendered
    assert "<i>" not in rendered
    assert "<h1 id=" in rendered and "&lt;script&gt;alert(1)&lt;/script&gt; **Bold**" in rendered
    assert "<strong>Markdown</strong>" in rendered  # the body is the editor's Markdown


def test_source_link_is_external_and_encoded(load) -> None:
    corpus = load(
        {
            "2024-05-15-s.md": write_article_md(extra='source:\n  name: The <Paper>\n  url: https://example.com/a_(b)[c]?x=1&y="2"'),
            "2024-05-16-t.md": write_article_md(extra="source:\n  name: Wire *Service*"),
        }
    )
    pages = {p.uri: p for p in render_site(build_index(corpus))}

    # Raw HTML: the URL can only be an attribute value, the name only text
    assert (
        '<li><strong>Source:</strong> <a href="https://example.com/a_%28b%29%5Bc%5D?x=1&amp;y=%222%22">The &lt;Paper&gt;</a></li>'
        in pages["articles/2024/05/s.md"].markdown
    )
    assert "<li><strong>Source:</strong> Wire *Service*</li>" in pages["articles/2024/05/t.md"].markdown


# ------------------------------------------------------------------ template filters


def test_filters() -> None:
    assert format_long_date(dt.date(2024, 3, 1)) == "1 March 2024"
    assert plural(1, "briefing") == "1 briefing"
    assert plural(0, "briefing") == "0 briefings"
    assert plural(2, "entry", "entries") == "2 entries"
    assert preview(None) == ""
    assert preview("  short\n text ") == "short text"
    assert preview("word " * 100, width=20) == "word word word …"


def test_entry_id_index_cannot_overwrite_the_collection_index(make_project) -> None:
    # 'index' matches ID_PATTERN, but `topics/index.md` is the collection index page
    topics = TOPICS_YML + "index:\n  name: Democracy Index\n  description: A ranking.\n"
    root = make_project({"2024-05-15-a.md": write_article_md(topics=["Sanctions"])}, topics=topics)

    result = build_pages(Settings(root=root))

    assert [p.format() for p in result.corpus.log.errors] == [
        "data/topics.yml:11:1: index: the id 'index' is reserved for the topics index pages; choose another"
    ]
    assert result.pages == []
