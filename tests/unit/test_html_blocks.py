"""html_blocks.HtmlWriter: raw HTML lists with final hrefs and every editor value escaped."""

from __future__ import annotations

import datetime as dt

import markdown
import pytest

from briefing.model.entities import Actor, Article, Topic
from briefing.model.pagination import paginate
from briefing.render.html_blocks import HtmlWriter
from tests.support.html_pages import soup

HOSTILE = """<script>alert("x")</script> & 'quoted' "double" **not bold** [x](javascript:alert(1))"""
HOSTILE_HTML = (
    "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#39;quoted&#39; &#34;double&#34; **not bold** [x](javascript:alert(1))"
)


def article(slug: str = "talks", title: str = "Talks", date: dt.date = dt.date(2024, 5, 20), summary: str | None = None) -> Article:
    return Article(
        source_path=f"articles/{slug}.md",
        slug=slug,
        title=title,
        date=date,
        region="asia",
        actors=(),
        topics=(),
        summary=summary,
        body="",
    )


def actor(entity_id: str = "china", name: str = "China", description: str = "A state.") -> Actor:
    return Actor(
        collection="actors",
        id=entity_id,
        name=name,
        aliases=(),
        description=description,
        source_path="data/actors.yml",
        source_line=1,
        kind="state",
    )


def topic(entity_id: str = "trade", name: str = "Trade") -> Topic:
    return Topic(collection="topics", id=entity_id, name=name, aliases=(), description="d", source_path="data/topics.yml", source_line=1)


def assert_one_raw_block(block: str, tag: str = "ul") -> None:
    """Starts a line with the tag, ends with its closing tag, and has no blank line that would end it early."""
    assert block.startswith(f"<{tag} ") and block.endswith(f"</{tag}>\n"), block
    assert "\n\n" not in block, block
    assert all(line.strip() for line in block.splitlines()), block


# ------------------------------------------------------------------ escaping


def test_hostile_title_and_summary_are_escaped_in_briefings() -> None:
    html = HtmlWriter("actors/china.md", directory_urls=True)

    block = html.briefings([article(title=HOSTILE, summary=f"Summary {HOSTILE}")])

    assert_one_raw_block(block)
    assert "<script>" not in block and 'alert("x")' not in block
    assert f'<a href="../../articles/2024/05/talks/">{HOSTILE_HTML}</a>' in block
    assert f"<p>Summary {HOSTILE_HTML}</p>" in block
    (li,) = soup(block).find_all("li")
    assert li.a.get_text() == HOSTILE  # shown exactly as the editor wrote it
    assert [p.get_text() for p in li.find_all("p")] == [f"20 May 2024 · {HOSTILE}", f"Summary {HOSTILE}"]
    assert soup(block).find("script") is None


@pytest.mark.parametrize(
    "render",
    [
        lambda h, a: h.dated_links([a]),
        lambda h, a: h.dated_links([a], date_first=True),
        lambda h, a: h.prev_next(a, a, "timeline.md"),
    ],
    ids=["dated_links", "dated_links_date_first", "prev_next"],
)
def test_hostile_title_is_escaped_in_link_lists(render) -> None:
    block = render(HtmlWriter("articles/2024/06/other.md", True), article(title=HOSTILE))

    assert_one_raw_block(block)
    assert f'<a href="../../05/talks/">{HOSTILE_HTML}</a>' in block
    assert "<script>" not in block
    assert HOSTILE in [a.get_text() for a in soup(block).find_all("a")]


def test_hostile_entity_name_and_description_are_escaped() -> None:
    html = HtmlWriter("actors/index.md", directory_urls=True)

    block = html.counted([(actor(name=HOSTILE, description=f"About {HOSTILE}"), 3)], describe=lambda e: e.description)

    assert_one_raw_block(block)
    assert block == (
        '<ul class="bf-counted" data-pagefind-ignore>\n'
        f'<li><a href="china/">{HOSTILE_HTML}</a> (3 briefings) · About {HOSTILE_HTML}</li>\n'
        "</ul>\n"
    )
    assert soup(block).li.get_text() == f"{HOSTILE} (3 briefings) · About {HOSTILE}"


def test_hostile_entity_name_cannot_break_out_of_the_pager_label() -> None:
    listing = paginate(list(range(5)), 2, "actors/china.md")[0]
    name = 'x" onmouseover="alert(1)'

    nav = HtmlWriter("actors/china.md", True).pager(listing, f"Pages of briefings on {name}")

    tag = soup(nav).nav
    assert tag["aria-label"] == f"Pages of briefings on {name}"
    assert "onmouseover" not in tag.attrs
    assert "&#34;" in nav


def test_jumps_escape_their_text() -> None:
    line = HtmlWriter("actors/china.md", True).jumps([("<b>2024</b>", "actors/china.md")], "By <i>year</i>")

    assert line == '<p class="bf-jumps" data-pagefind-ignore>By &lt;i&gt;year&lt;/i&gt;: <a href="./">&lt;b&gt;2024&lt;/b&gt;</a></p>\n'


def test_blank_lines_in_editor_text_do_not_end_the_block() -> None:
    # A title may be written over several lines in YAML; a blank line inside a raw HTML block
    # would end it (CommonMark) and hand the rest of the line to Markdown as live markup.
    title = "First line\n\n[x](javascript:alert(1))\n\n  <b>bold</b>"
    html = HtmlWriter("index.md", True)

    blocks = [
        html.briefings([article(title=title, summary="One.\n\nTwo.")]),
        html.dated_links([article(title=title)]),
        html.prev_next(article(title=title), None, "timeline.md"),
        html.counted([(actor(name=title), 1)], describe=lambda e: "Line\n\nbreak"),
    ]

    for block in blocks:
        assert_one_raw_block(block)
        assert "First line [x](javascript:alert(1)) &lt;b&gt;bold&lt;/b&gt;" in block
    pager = html.pager(paginate(list(range(9)), 2, "actors/china.md")[0], f"Pages of briefings on {title}")
    assert "\n" not in pager.rstrip("\n")
    assert "\n" not in html.jumps([("2024", "actors/china.md")], title).rstrip("\n")


def test_blocks_pass_through_python_markdown_untouched() -> None:
    block = HtmlWriter("actors/china.md", True).briefings([article(title=HOSTILE, summary="*Not* emphasis.")])

    rendered = markdown.markdown("## Briefings\n\n" + block + "\nAfter.\n", extensions=["toc", "tables"])

    assert block.strip() in rendered
    assert "<script>" not in rendered and 'href="javascript' not in rendered and "<em>" not in rendered
    assert rendered.endswith("<p>After.</p>")


# ------------------------------------------------------------------ hrefs


@pytest.mark.parametrize(
    ("page", "target", "directory_urls", "expected"),
    [
        ("index.md", "articles/2024/05/talks.md", True, "articles/2024/05/talks/"),
        ("index.md", "articles/2024/05/talks.md", False, "articles/2024/05/talks.html"),
        ("actors/xi-jinping.md", "articles/2024/05/talks.md", True, "../../articles/2024/05/talks/"),
        ("actors/xi-jinping.md", "articles/2024/05/talks.md", False, "../articles/2024/05/talks.html"),
        ("actors/xi-jinping.md", "actors/china.md", True, "../china/"),
        ("actors/xi-jinping.md", "actors/china.md", False, "china.html"),
        ("actors/xi-jinping.md", "topics/trade.md", True, "../../topics/trade/"),
        ("actors/xi-jinping.md", "topics/trade.md", False, "../topics/trade.html"),
        ("actors/index.md", "actors/china.md", True, "china/"),
        ("actors/index.md", "actors/china.md", False, "china.html"),
        ("actors/page-2.md", "actors/china.md", True, "../china/"),
        ("actors/page-2.md", "actors/china.md", False, "china.html"),
        ("actors/xi-jinping/page-2.md", "articles/2024/05/talks.md", True, "../../../articles/2024/05/talks/"),
        ("actors/xi-jinping/page-2.md", "articles/2024/05/talks.md", False, "../../articles/2024/05/talks.html"),
        ("articles/2024/06/other.md", "timeline.md", True, "../../../../timeline/"),
        ("articles/2024/06/other.md", "timeline.md", False, "../../../timeline.html"),
        ("timeline.md", "timeline/2024-05.md", True, "2024-05/"),
        ("timeline.md", "timeline/2024-05.md", False, "timeline/2024-05.html"),
        ("timeline/2024-05.md", "articles/2024/05/talks.md", True, "../../articles/2024/05/talks/"),
        ("timeline/2024-05.md", "articles/2024/05/talks.md", False, "../articles/2024/05/talks.html"),
    ],
)
def test_hrefs_are_final_urls_relative_to_the_page(page: str, target: str, directory_urls: bool, expected: str) -> None:
    html = HtmlWriter(page, directory_urls)

    assert html.href(target) == expected
    assert html.link(target, "x") == f'<a href="{expected}">x</a>'


def test_entity_and_article_links_in_both_url_modes() -> None:
    for directory_urls, china, talks in (
        (True, "../china/", "../../articles/2024/05/talks/"),
        (False, "china.html", "../articles/2024/05/talks.html"),
    ):
        html = HtmlWriter("actors/xi-jinping.md", directory_urls)
        assert html.entity_link(actor()) == f'<a href="{china}">China</a>'
        assert html.article_link(article()) == f'<a href="{talks}">Talks</a>'
        assert soup(html.counted([(topic(), 1)])).a["href"] == ("../../topics/trade/" if directory_urls else "../topics/trade.html")


# ------------------------------------------------------------------ formats


def test_empty_lists_write_nothing() -> None:
    html = HtmlWriter("index.md", True)

    assert html.briefings([]) == ""
    assert html.dated_links([]) == ""
    assert html.counted([]) == ""
    assert html.month_links([]) == ""
    assert html.jumps([], "By year") == ""
    assert html.pager(paginate([], 5, "actors/x.md")[0], "Pages") == ""
    assert html.pager(paginate([1, 2, 3], 5, "actors/x.md")[0], "Pages") == ""  # one page: no pager


def test_dated_links_formats() -> None:
    html = HtmlWriter("timeline/2024-05.md", True)
    items = [article("b", "B", dt.date(2024, 5, 20)), article("a", "A", dt.date(2024, 5, 2))]

    assert html.dated_links(items) == (
        '<ul class="bf-links" data-pagefind-ignore>\n'
        '<li><a href="../../articles/2024/05/b/">B</a> (20 May 2024)</li>\n'
        '<li><a href="../../articles/2024/05/a/">A</a> (2 May 2024)</li>\n'
        "</ul>\n"
    )
    day_month = lambda day: f"{day.day} {day:%b}"  # noqa: E731
    assert html.dated_links(items, day_month, date_first=True) == (
        '<ul class="bf-links" data-pagefind-ignore>\n'
        '<li><strong>20 May</strong> · <a href="../../articles/2024/05/b/">B</a></li>\n'
        '<li><strong>2 May</strong> · <a href="../../articles/2024/05/a/">A</a></li>\n'
        "</ul>\n"
    )


def test_briefings_preview_long_summaries_on_one_line() -> None:
    block = HtmlWriter("index.md", True).briefings([article(summary="word " * 100)], summary_width=30)

    assert_one_raw_block(block)
    assert "<p>word word word word word …</p>" in block  # cut at a word boundary within 30 characters


def test_prev_next_and_month_links() -> None:
    html = HtmlWriter("articles/2024/05/talks.md", False)

    assert html.prev_next(None, None, "timeline.md") == (
        '<ul class="bf-links" data-pagefind-ignore>\n<li>All briefings by date: <a href="../../../timeline.html">Timeline</a></li>\n</ul>\n'
    )
    earlier = article("earlier", "Earlier", dt.date(2024, 4, 1))
    assert [li.get_text() for li in soup(html.prev_next(earlier, None, "timeline.md")).find_all("li")] == [
        "Previous: Earlier (1 April 2024)",
        "All briefings by date: Timeline",
    ]
    months = HtmlWriter("timeline.md", True).month_links(
        [
            (dt.date(2024, 5, 1), "timeline/2024-05.md", 3),
            (dt.date(2024, 4, 1), "timeline/2024-04.md", 1),
        ]
    )
    assert months == (
        '<ul class="bf-months" data-pagefind-ignore>\n'
        '<li><a href="2024-05/">May 2024</a> (3 briefings)</li>\n'
        '<li><a href="2024-04/">April 2024</a> (1 briefing)</li>\n'
        "</ul>\n"
    )


# ------------------------------------------------------------------ pager


def pager_links(nav: str) -> list[tuple[str, str, str | None]]:
    """(text, href, rel) of each link in a pager; the current page as (number, "", "current")."""
    result = []
    for node in soup(nav).nav.children:
        if getattr(node, "name", None) == "a":
            result.append((node.get_text(), node["href"], node.get("rel", [None])[0]))
        elif getattr(node, "name", None) == "strong":
            assert node["aria-current"] == "page"
            result.append((node.get_text(), "", "current"))
        elif getattr(node, "name", None) == "span":
            result.append(("…", "", None))
    return result


def test_pager_on_the_first_second_and_last_page() -> None:
    listings = paginate(list(range(5)), 2, "actors/china.md")

    first = HtmlWriter(listings[0].uri, True).pager(listings[0], "Pages")
    assert first.startswith('<nav class="bf-pager" aria-label="Pages" data-pagefind-ignore>') and first.endswith("</nav>\n")
    assert pager_links(first) == [
        ("1", "", "current"),
        ("2", "page-2/", None),
        ("3", "page-3/", None),
        ("Older →", "page-2/", "next"),
    ]
    second = HtmlWriter(listings[1].uri, True).pager(listings[1], "Pages")
    assert pager_links(second) == [
        ("← Newer", "../", "prev"),
        ("1", "../", None),
        ("2", "", "current"),
        ("3", "../page-3/", None),
        ("Older →", "../page-3/", "next"),
    ]
    last = HtmlWriter(listings[2].uri, False).pager(listings[2], "Pages")
    assert pager_links(last) == [
        ("← Newer", "page-2.html", "prev"),
        ("1", "../china.html", None),
        ("2", "page-2.html", None),
        ("3", "", "current"),
    ]


def test_pager_of_a_collection_index_with_gaps() -> None:
    listings = paginate(list(range(100)), 10, "actors/index.md")

    nav = HtmlWriter(listings[4].uri, True).pager(listings[4], "Pages of actors")
    assert [text for text, _, _ in pager_links(nav)] == [
        "← Newer",
        "1",
        "…",
        "3",
        "4",
        "5",
        "6",
        "7",
        "…",
        "10",
        "Older →",
    ]
    assert dict((text, href) for text, href, _ in pager_links(nav))["1"] == "../"  # actors/page-5/ -> actors/
    assert dict((text, href) for text, href, _ in pager_links(nav))["10"] == "../page-10/"
    flat = HtmlWriter(listings[0].uri, False).pager(listings[0], "Pages of actors")
    assert dict((text, href) for text, href, _ in pager_links(flat))["10"] == "page-10.html"  # actors/index.html
