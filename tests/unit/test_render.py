"""render.render_site: the pages of a small corpus, their links, order and escaping."""

from __future__ import annotations

import datetime as dt
import re

import markdown
import pytest
import yaml

from briefing.corpus import Settings, load_corpus
from briefing.index import build_index
from briefing.pipeline import build_pages
from briefing.render import RenderOptions, format_long_date, plural, preview, render_site

from .conftest import ACTORS_YML, TOPICS_YML, small_corpus, write_article_md, write_project

EXPECTED_URIS = [
    "index.md",
    "timeline.md",
    "search.md",
    "network.md",
    "assets/briefing-network.js",
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
    head, closing, body = text[len("---\n"):].partition("\n---\n\n")
    assert closing, "front matter is not closed by '---'"
    meta = yaml.safe_load(head)
    assert isinstance(meta, dict), head
    return meta, body


def links(markdown_text: str) -> list[tuple[str, str]]:
    return re.findall(r"\[((?:[^\]\\]|\\.)*)\]\(([^)]+)\)", markdown_text)


def test_uris_in_order(pages) -> None:
    assert list(pages) == EXPECTED_URIS


def test_navigation_and_edit_sources(pages) -> None:
    in_nav = sorted(uri for uri, page in pages.items() if page.in_nav)

    assert in_nav == [
        "actors/index.md",
        "index.md",
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
    assert text.startswith("# Xi and Putin meet\n\n- **Date:** 1 March 2024 · 1 min read\n")
    assert (
        "- **Region:** [East Asia](../../../regions/east-asia.md) (in [Asia](../../../regions/asia.md))\n" in text
    )
    assert (
        "- **Actors:** [Xi Jinping](../../../actors/xi-jinping.md), "
        "[Vladimir Putin](../../../actors/vladimir-putin.md)\n" in text
    )
    assert (
        "- **Topics:** [China–Russia relations](../../../topics/china-russia-relations.md), "
        "[Trade](../../../topics/trade.md)\n" in text
    )
    assert "> **Editor's note**\n>\n> The two leaders met.\n" in text
    assert "\nBody text.\n" in text


def test_region_trail_lists_outer_regions_innermost_first(pages) -> None:
    text = pages["articles/2024/04/korea.md"].markdown

    assert (
        "- **Region:** [Korean Peninsula](../../../regions/korean-peninsula.md) "
        "(in [East Asia](../../../regions/east-asia.md), [Asia](../../../regions/asia.md))\n" in text
    )


def test_article_page_related_previous_next(pages) -> None:
    text = pages["articles/2024/03/summit.md"].markdown

    assert (
        "## Related briefings\n\n"
        "- [Putin in Pyongyang](../04/korea.md) (10 April 2024)\n"
        "- [New sanctions on Chinese firms](../05/sanctions.md) (20 May 2024)\n" in text
    )
    assert "- Previous:" not in text
    assert "- Next: [Putin in Pyongyang](../04/korea.md) (10 April 2024)\n" in text
    assert text.endswith("- All briefings by date: [Timeline](../../../timeline.md)\n")
    last = pages["articles/2024/06/nato.md"].markdown
    assert "- Previous: [New sanctions on Chinese firms](../05/sanctions.md) (20 May 2024)\n" in last
    assert "- Next:" not in last
    assert "## Related briefings" not in last


def test_every_relative_link_points_at_a_generated_page(pages) -> None:
    import posixpath

    for uri, page in pages.items():
        for _text, target in links(page.markdown):
            path, _, query = target.partition("?")
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(uri), path))
            assert resolved in pages, f"{uri} links to {target}"
            if query:  # only the search page takes filters from the address
                assert resolved == "search.md", f"{uri} links to {target}"


def test_actor_page_lists_articles_newest_first(pages) -> None:
    meta, text = split_front_matter(pages["actors/xi-jinping.md"].markdown)

    assert meta["search"] == {"boost": 2}
    assert meta["description"] == "Leader of China since 2012."
    assert meta["briefing"]["title"] == "Xi Jinping"
    assert text.startswith("# Xi Jinping\n")
    assert "*Person · President of China · [China](china.md)*\n" in text
    assert "**Also known as:** Xi, President Xi\n" in text
    newest = text.index("[New sanctions on Chinese firms](../articles/2024/05/sanctions.md)")
    oldest = text.index("[Xi and Putin meet](../articles/2024/03/summit.md)")
    assert newest < oldest
    assert "## Briefings (2)\n\n- **20 May 2024** · [New sanctions on Chinese firms]" in text
    assert "- **1 March 2024** · [Xi and Putin meet](../articles/2024/03/summit.md)\n\n    The two leaders met.\n" in text


def test_actor_page_co_occurrences(pages) -> None:
    text = pages["actors/vladimir-putin.md"].markdown

    assert "## Appears with\n\n- [Russia](russia.md) (1 briefing)\n- [Xi Jinping](xi-jinping.md) (1 briefing)\n" in text
    assert (
        "## Topics\n\n- [China–Russia relations](../topics/china-russia-relations.md) (2 briefings)\n"
        "- [Trade](../topics/trade.md) (1 briefing)\n" in text
    )
    assert text.endswith("[All actors](index.md)\n")


def test_country_without_a_state_entry_is_plain_text(load) -> None:
    actors = ACTORS_YML + "kim:\n  name: Kim Jong Un\n  kind: person\n  country: North Korea\n  description: Leader.\n"
    corpus = load({}, actors=actors)
    pages = {p.uri: p for p in render_site(build_index(corpus))}

    assert "*Person · North Korea*\n" in pages["actors/kim.md"].markdown
    assert "No briefings name this actor yet.\n" in pages["actors/kim.md"].markdown


def test_state_links_to_its_region(load, small_corpus_articles) -> None:
    actors = ACTORS_YML.replace(
        "china:\n  name: China\n  kind: state\n", "china:\n  name: China\n  kind: state\n  region: east-asia\n"
    )
    corpus = load(small_corpus_articles, actors=actors)
    assert corpus.ok
    pages = {p.uri: p for p in render_site(build_index(corpus))}

    assert "\n*State · [East Asia](../regions/east-asia.md)*\n" in pages["actors/china.md"].markdown
    assert "\n*State*\n" in pages["actors/russia.md"].markdown


def test_region_page_includes_sub_regions(pages) -> None:
    text = pages["regions/asia.md"].markdown

    assert "## Sub-regions\n\n- [East Asia](east-asia.md) (2 briefings)\n" in text
    assert "## Briefings (3)\n" in text
    assert [t for t, _ in links(text.split("## Briefings")[1].split("##")[0])] == [
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
    assert "## People (2)\n\n- [Vladimir Putin](vladimir-putin.md) (2 briefings) · President of Russia.\n" in actors
    assert "## Organizations (1)\n\n- [NATO](nato.md) (1 briefing) · The North Atlantic alliance.\n" in actors
    assert "## Groups" not in actors
    topics = pages["topics/index.md"].markdown
    assert topics.startswith("# Topics\n\n3 topics across 4 briefings.\n\n- [China–Russia relations](china-russia-relations.md) (2 briefings)")


def test_timeline_newest_first(pages) -> None:
    text = pages["timeline.md"].markdown

    assert text.index("### June 2024 (1)") < text.index("### May 2024 (1)") < text.index("### March 2024 (1)")
    assert "- **20 May** · [New sanctions on Chinese firms](articles/2024/05/sanctions.md)\n" in text


def test_home_page(pages) -> None:
    text = pages["index.md"].markdown

    assert text.startswith(
        "# Latest briefings\n\n4 briefings from 1 March 2024 to 1 June 2024, "
        "naming 5 actors across 3 topics and 4 regions.\n"
    )
    assert "## Most covered actors\n\n- [Vladimir Putin](actors/vladimir-putin.md) (2 briefings)\n" in text
    assert "Browse by [actors](actors/index.md), [topics](topics/index.md), [regions](regions/index.md).\n" in text


def test_home_title_option(load, small_corpus_articles) -> None:
    corpus = load(small_corpus_articles)
    pages = render_site(build_index(corpus), RenderOptions(home_title="Today *now*"))

    assert pages[0].markdown.startswith("# Today \\*now\\*\n")


def test_empty_site(load) -> None:
    pages = {p.uri: p for p in render_site(build_index(load({})))}

    assert "No briefings yet: add an article under `articles/`.\n" in pages["index.md"].markdown
    assert pages["timeline.md"].markdown == "# Timeline\n\nNo briefings yet.\n"


# ------------------------------------------------------------------ escaping


MARKUP_TITLE = "<script>alert(1)</script> **Bold** [x](javascript:alert(1)) {{ x }}"
ESCAPED_TITLE = (
    "&lt;script&gt;alert(1)&lt;/script&gt; \\*\\*Bold\\*\\* \\[x\\](javascript:alert(1)) \\{\\{ x \\}\\}"
)


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
    for uri in ("index.md", "timeline.md", "actors/xi-jinping.md", "topics/sanctions.md", "regions/east-asia.md"):
        assert f"[{ESCAPED_TITLE}](" in markup_pages[uri].markdown, uri
    # Markdown bodies (after the front matter) and the XML feeds carry no live markup; the JSON and
    # CSV exports are data and keep the raw title.
    outputs = [
        split_front_matter(p.markdown)[1] if p.markdown.startswith("---\n") else p.markdown
        for uri, p in markup_pages.items()
        if uri.endswith((".md", ".xml"))
    ]
    assert len(outputs) == len(markup_pages) - 3  # all but assets/briefing-network.js, briefing.json, articles.csv
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
            "2024-05-15-s.md": write_article_md(
                extra="source:\n  name: The (Paper)\n  url: https://example.com/a_(b)[c]"
            ),
            "2024-05-16-t.md": write_article_md(extra="source:\n  name: Wire *Service*"),
        }
    )
    pages = {p.uri: p for p in render_site(build_index(corpus))}

    assert "- **Source:** [The (Paper)](https://example.com/a_%28b%29%5Bc%5D)\n" in pages["articles/2024/05/s.md"].markdown
    assert "- **Source:** Wire \\*Service\\*\n" in pages["articles/2024/05/t.md"].markdown


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
