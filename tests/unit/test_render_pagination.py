"""Bounded pages: long entity lists and indexes split into pages, capped co-occurrence lists,
one timeline page per month, and links between all of them.

Page sizes are shrunk (entities.ENTITY_PAGE_SIZE = 3, CO_LIST_LIMIT = 2, collection_index.INDEX_PAGE_SIZE = 2) so that
a corpus of fifteen articles splits like a real one of thousands.
"""

from __future__ import annotations

import datetime as dt
import re
from itertools import groupby

import pytest
import yaml

from briefing.index.corpus_index import build_index
from briefing.load.corpus import load_corpus
from briefing.model.settings import Settings
from briefing.pipeline import build_pages
from briefing.render import collection_index, entities
from briefing.render.site import RenderOptions, render_site
from tests.support.factories import ACTORS_YML, REGIONS_YML, TOPICS_YML, write_article_md, write_project
from tests.support.html_pages import (
    hrefs,
    html_list,
    markdown_links,
    resolve_href,
    resolve_markdown_link,
    row_links,
    rows,
    section,
    soup,
    url_to_uri,
)

PAGE_SIZE, INDEX_SIZE, CO_LIMIT = 3, 2, 2

# (date, slug, other actors, topics, region): thirteen briefings naming Xi Jinping over three years,
# two of them on one day. With Xi: Putin 6 times, China 4, Russia 2, NATO once.
XI = [
    ("2022-11-03", "a", ["Vladimir Putin"], ["Trade"], "East Asia"),
    ("2022-12-15", "b", ["China"], ["Sanctions"], "Asia"),
    ("2023-01-10", "c1", ["Vladimir Putin", "Russia"], ["China–Russia relations"], "East Asia"),
    ("2023-01-10", "c2", [], ["Sanctions"], "East Asia"),
    ("2023-02-01", "d", ["China"], ["Trade"], "Korean Peninsula"),
    ("2023-06-30", "e", ["Vladimir Putin"], ["Sanctions"], "East Asia"),
    ("2023-12-31", "f", [], ["Sanctions"], "East Asia"),
    ("2024-01-01", "g", ["NATO"], ["Sanctions"], "East Asia"),
    ("2024-03-05", "h", ["Vladimir Putin", "Russia"], ["China–Russia relations"], "East Asia"),
    ("2024-03-20", "i", ["China"], ["Sanctions"], "East Asia"),
    ("2024-05-15", "j", ["Vladimir Putin"], ["Trade"], "East Asia"),
    ("2024-05-16", "k", ["China"], ["Sanctions"], "East Asia"),
    ("2024-07-04", "l", ["Vladimir Putin"], ["Sanctions"], "East Asia"),
]
OTHERS = [  # not about Xi: on the timeline's month pages, not on his
    ("2023-01-20", "nato-1", ["NATO"], ["Trade"], "Europe"),
    ("2024-03-10", "nato-2", ["NATO"], ["Trade"], "Europe"),
]
ALL = [(d, s, ["Xi Jinping", *a], t, r) for d, s, a, t, r in XI] + [(d, s, a, t, r) for d, s, a, t, r in OTHERS]


def article_uri(date: str, slug: str) -> str:
    return f"articles/{date[:4]}/{date[5:7]}/{slug}.md"


def title(slug: str) -> str:
    return f"Briefing {slug.upper()}"


def newest_first(entries) -> list[str]:
    """Article URIs by date, then file slug, newest first (as the index orders them)."""
    return [article_uri(d, s) for d, s, *_ in sorted(entries, key=lambda e: (e[0], e[1]), reverse=True)]


XI_NEWEST_FIRST = newest_first(XI)
XI_PAGES = ["actors/xi-jinping.md"] + [f"actors/xi-jinping/page-{n}.md" for n in range(2, 6)]  # 13 = 3+3+3+3+1


def corpus_files() -> dict[str, str]:
    return {
        f"{d[:4]}/{d}-{s}.md": write_article_md(title=title(s), date=d, region=r, actors=a, topics=t, extra=f"summary: About {s}.")
        for d, s, a, t, r in ALL
    }


def render_pages(root, directory_urls: bool = True) -> dict:
    corpus = load_corpus(Settings(root=root))
    assert corpus.ok, corpus.log.problems
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(entities, "ENTITY_PAGE_SIZE", PAGE_SIZE)
        patch.setattr(collection_index, "INDEX_PAGE_SIZE", INDEX_SIZE)
        patch.setattr(entities, "CO_LIST_LIMIT", CO_LIMIT)
        return {p.uri: p for p in render_site(build_index(corpus), RenderOptions(directory_urls=directory_urls))}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return write_project(tmp_path_factory.mktemp("paged") / "project", corpus_files())


@pytest.fixture(scope="module")
def pages(project) -> dict:
    return render_pages(project)


@pytest.fixture(scope="module")
def flat_pages(project) -> dict:
    return render_pages(project, directory_urls=False)


def front_matter(markdown_text: str) -> dict:
    assert markdown_text.startswith("---\n"), markdown_text[:40]
    head, closing, _ = markdown_text[4:].partition("\n---\n\n")
    assert closing
    return yaml.safe_load(head)


def body(markdown_text: str) -> str:
    return markdown_text.partition("\n---\n\n")[2] if markdown_text.startswith("---\n") else markdown_text


def listed_articles(pages: dict, uri: str, css_class: str = "bf-briefings") -> list[str]:
    """The article URIs a page's list links to, in order (hrefs resolved back to source URIs)."""
    urls = url_to_uri(pages, directory_urls=True)
    result = []
    for _text, href in row_links(pages[uri].markdown, css_class):
        target = resolve_href(uri, href, True, urls)
        assert target is not None, f"{uri}: {href}"
        result.append(target)
    return result


def pager(pages: dict, uri: str, directory_urls: bool = True) -> list[tuple[str, str | None, str | None]]:
    """(text, target page URI, rel) of each link of the page's pager (the first, if it has two)."""
    urls = url_to_uri(pages, directory_urls)
    nav = soup(pages[uri].markdown).find("nav", class_="bf-pager")
    assert nav is not None, uri
    return [(a.get_text(), resolve_href(uri, a["href"], directory_urls, urls), a.get("rel", [None])[0]) for a in nav.find_all("a")]


# ------------------------------------------------------------------ entity pages


def test_long_coverage_is_split_into_pages_after_the_entity_page(pages) -> None:
    uris = list(pages)

    assert [u for u in uris if u.startswith("actors/xi-jinping") and "/with" not in u] == XI_PAGES
    start = uris.index("actors/xi-jinping.md")
    assert uris[start : start + len(XI_PAGES)] == XI_PAGES  # each entry's pages together, in order
    assert "actors/xi-jinping/page-6.md" not in pages
    assert [u for u in uris if u.startswith("actors/china") and "/with" not in u] == [
        "actors/china.md",
        "actors/china/page-2.md",
    ]  # 4 = 3 + 1
    assert [u for u in uris if u.startswith("actors/russia") and "/with" not in u] == ["actors/russia.md"]  # 2: one page


def test_every_briefing_appears_once_newest_first_across_pages(pages) -> None:
    per_page = [listed_articles(pages, uri) for uri in XI_PAGES]

    assert [len(listed) for listed in per_page] == [3, 3, 3, 3, 1]
    assert [uri for listed in per_page for uri in listed] == XI_NEWEST_FIRST
    # the same day: the later file name first, as the index orders it; across a page boundary too
    assert XI_NEWEST_FIRST.index("articles/2023/01/c2.md") + 1 == XI_NEWEST_FIRST.index("articles/2023/01/c1.md")


def test_every_entity_lists_each_of_its_briefings_once(pages) -> None:
    expected = {
        "actors/vladimir-putin.md": newest_first(e for e in XI if "Vladimir Putin" in e[2]),
        "actors/china.md": newest_first(e for e in XI if "China" in e[2]),
        "actors/nato.md": newest_first([e for e in XI if "NATO" in e[2]] + OTHERS),
        "topics/sanctions.md": newest_first(e for e in ALL if "Sanctions" in e[3]),
        "regions/europe.md": newest_first(OTHERS),
    }
    for base, articles in expected.items():
        listing_uris = [base] + [f"{base[:-3]}/page-{n}.md" for n in range(2, -(-len(articles) // PAGE_SIZE) + 1)]
        assert [u for u in pages if u == base or (u.startswith(base[:-3] + "/") and "/with" not in u)] == listing_uris, base
        assert [a for uri in listing_uris for a in listed_articles(pages, uri)] == articles, base


def test_first_page_counts_all_and_says_more_follow(pages) -> None:
    text = pages["actors/xi-jinping.md"].markdown
    meta = front_matter(text)

    assert meta["briefing"]["kind"] == "actor"
    assert "## Briefings (13)\n\nThe newest 3; older ones continue on the next pages.\n" in text
    briefings = section(text, "Briefings (13)")
    # year jumps, then the list, then the pager
    assert briefings.index('class="bf-jumps"') < briefings.index('class="bf-briefings"') < briefings.index('class="bf-pager"')


def test_later_pages_are_listings(pages) -> None:
    for number, uri in enumerate(XI_PAGES[1:], start=2):
        page = pages[uri]
        first, last = (number - 1) * PAGE_SIZE + 1, min(number * PAGE_SIZE, len(XI))
        meta = front_matter(page.markdown)

        # out of the sitemap: the entry's first page and every article are in it
        assert meta == {"briefing": {"kind": "listing", "title": f"Xi Jinping: briefings {first}–{last}", "sitemap": False}}
        assert (page.in_nav, page.source_path) == (False, None)
        text = body(page.markdown)
        assert text.startswith(
            f"# Xi Jinping: briefings {first}–{last}\n\n"
            f"[Xi Jinping](../xi-jinping.md) is named in 13 briefings; these are numbers {first} to {last}, newest first.\n"
        )
        assert "## Appears with" not in text  # co-occurrences only on the entry's own page
    assert front_matter(pages["actors/xi-jinping.md"].markdown)["briefing"]["kind"] == "actor"


@pytest.mark.parametrize("number", [1, 2, 3, 4, 5])
def test_pager_links_point_at_existing_pages(pages, flat_pages, number) -> None:
    uri = XI_PAGES[number - 1]
    for site, directory_urls in ((pages, True), (flat_pages, False)):
        links = pager(site, uri, directory_urls)

        assert all(target in XI_PAGES for _, target, _ in links), links
        numbered = {int(text): target for text, target, _ in links if text.isdigit()}
        assert all(target == XI_PAGES[n - 1] for n, target in numbered.items())
        assert {1, 5} <= set(numbered) | {number}  # the first and last page are always reachable
        rel = {r: target for _, target, r in links if r}
        assert rel.get("prev") == (XI_PAGES[number - 2] if number > 1 else None)
        assert rel.get("next") == (XI_PAGES[number] if number < 5 else None)
        current = soup(site[uri].markdown).find("nav", class_="bf-pager").find("strong")
        assert (current.get_text(), current["aria-current"]) == (str(number), "page")


def test_pager_marks_gaps(pages) -> None:
    nav = soup(pages["actors/xi-jinping.md"].markdown).find("nav", class_="bf-pager")

    assert nav.get_text(" ", strip=True) == "1 2 3 … 5 Older →"
    assert nav["aria-label"] == "Pages of briefings on Xi Jinping"


def test_year_jumps_point_at_the_page_holding_the_years_newest_briefing(pages) -> None:
    urls = url_to_uri(pages, directory_urls=True)
    newest_of_year = {year: next(a for a in XI_NEWEST_FIRST if a.startswith(f"articles/{year}/")) for year in ("2024", "2023", "2022")}
    holding = {uri: listed_articles(pages, uri) for uri in XI_PAGES}

    for uri in XI_PAGES:
        jumps = soup(pages[uri].markdown).find("p", class_="bf-jumps")
        assert jumps.get_text().startswith("By year: ")
        targets = {a.get_text(): resolve_href(uri, a["href"], True, urls) for a in jumps.find_all("a")}
        assert list(targets) == ["2024", "2023", "2022"]
        for year, target in targets.items():
            assert newest_of_year[year] in holding[target], (uri, year, target)
        assert targets == {"2024": XI_PAGES[0], "2023": XI_PAGES[2], "2022": XI_PAGES[3]}  # 2022 starts mid-page


def test_short_coverage_has_no_pager_or_jumps(pages) -> None:
    text = pages["actors/russia.md"].markdown

    assert "## Briefings (2)\n" in text
    assert "bf-pager" not in text and "bf-jumps" not in text and "continue on the next pages" not in text
    assert "actors/russia/page-2.md" not in pages


def test_co_occurrence_lists_are_capped_at_the_most_shared(pages) -> None:
    text = pages["actors/xi-jinping.md"].markdown

    appears_with = section(text, "Appears with")
    assert appears_with.startswith("\nThe 2 most shared of 4:\n\n")
    assert rows(appears_with, "bf-counted") == ["Vladimir Putin (6 briefings)", "China (4 briefings)"]
    assert [[a["href"] for a in li.find_all("a")] for li in html_list(appears_with, "bf-counted").find_all("li")] == [
        # each pair's section is on the page of pairs of the actor named in fewer briefings
        ["../vladimir-putin/", "../vladimir-putin/with/#with-xi-jinping"],
        ["../china/", "../china/with/#with-xi-jinping"],
    ]
    topics = section(text, "Topics")
    assert topics.startswith("\nThe 2 most shared of 3:\n\n")
    assert rows(topics, "bf-counted") == ["Sanctions (8 briefings)", "Trade (3 briefings)"]
    for uri in pages:  # never more than the limit, and a cut list always says so
        if uri.endswith(".md") and uri.split("/")[0] in ("actors", "topics", "regions"):
            for heading in ("Appears with", "Topics", "Regions"):
                if f"\n## {heading}\n" in pages[uri].markdown:
                    listed = section(pages[uri].markdown, heading)
                    count = len(rows(listed, "bf-counted"))
                    assert count <= CO_LIMIT, (uri, heading)
                    cut = re.match(r"\nThe (\d+) most shared of (\d+):\n", listed)
                    if cut:
                        assert int(cut[1]) == count == CO_LIMIT < int(cut[2]), (uri, heading)


def test_short_co_occurrence_list_is_not_announced_as_cut(pages) -> None:
    text = pages["actors/russia.md"].markdown  # with Xi and Putin, twice each

    assert rows(section(text, "Appears with"), "bf-counted") == ["Vladimir Putin (2 briefings)", "Xi Jinping (2 briefings)"]
    assert "most shared" not in section(text, "Appears with")


# ------------------------------------------------------------------ collection indexes


def test_collection_index_is_split_a_to_z(pages) -> None:
    actor_pages = ["actors/index.md", "actors/page-2.md", "actors/page-3.md"]
    assert [u for u in pages if re.fullmatch(r"actors/(index|page-\d+)\.md", u)] == actor_pages
    names = sorted((yaml.safe_load(ACTORS_YML)[i]["name"] for i in yaml.safe_load(ACTORS_YML)), key=str.casefold)
    urls = url_to_uri(pages, directory_urls=True)

    for number, uri in enumerate(actor_pages, start=1):
        text = pages[uri].markdown
        listed = [(t, resolve_href(uri, href, True, urls)) for t, href in row_links_all(text)]
        assert sorted(t for t, _ in listed) == names[(number - 1) * INDEX_SIZE : number * INDEX_SIZE], uri
        assert all(target is not None and target.startswith("actors/") for _, target in listed), listed
        first, last = (number - 1) * INDEX_SIZE + 1, min(number * INDEX_SIZE, len(names))
        assert f"5 actors across 15 briefings. Names {first}–{last}, A to Z.\n" in text
        assert [t for t, target, _ in pager(pages, uri) if t.isdigit()] == [str(n) for n in (1, 2, 3) if n != number]
        assert all(target in actor_pages for _, target, _ in pager(pages, uri))
        if number == 1:
            assert pages[uri].in_nav and not text.startswith("---\n")
        else:
            assert front_matter(text) == {"briefing": {"kind": "listing", "title": f"Actors {first}–{last}"}}
            assert not pages[uri].in_nav
    # grouped by kind within a page
    assert "## People (1)\n" in pages["actors/page-2.md"].markdown and "## States (1)\n" in pages["actors/page-2.md"].markdown


def row_links_all(text: str) -> list[tuple[str, str]]:
    return [pair for ul in soup(text).select("ul.bf-counted") for pair in row_links(str(ul), "bf-counted")]


def test_topics_index_pages_and_regions_stay_one_tree(pages) -> None:
    assert [u for u in pages if re.fullmatch(r"topics/(index|page-\d+)\.md", u)] == ["topics/index.md", "topics/page-2.md"]
    assert [t for t, _ in row_links_all(pages["topics/page-2.md"].markdown)] == ["Trade"]
    assert [u for u in pages if re.fullmatch(r"regions/(index|page-\d+)\.md", u)] == ["regions/index.md"]
    regions = pages["regions/index.md"].markdown
    assert "bf-pager" not in regions and "Names " not in regions
    assert len(markdown_links(regions)) == len(yaml.safe_load(REGIONS_YML))


# ------------------------------------------------------------------ timeline


def months_of(entries) -> dict[str, list[str]]:
    """{"YYYY-MM": article URIs newest first} for months with briefings, newest month first."""
    ordered = sorted(entries, key=lambda e: (e[0], e[1]), reverse=True)
    return {month: newest_first(group) for month, group in groupby(ordered, key=lambda e: e[0][:7])}


def test_one_page_per_month_with_briefings(pages) -> None:
    months = months_of(ALL)

    assert [u for u in pages if u.startswith("timeline/")] == [f"timeline/{m}.md" for m in months]
    assert "timeline/2023-03.md" not in pages  # no briefings that month
    for month, articles in months.items():
        uri = f"timeline/{month}.md"
        assert listed_articles(pages, uri, "bf-links") == articles, uri
        date = dt.date.fromisoformat(month + "-01")
        assert front_matter(pages[uri].markdown) == {"briefing": {"kind": "listing", "title": f"{date:%B %Y}"}}
        assert not pages[uri].in_nav
    assert rows(pages["timeline/2023-01.md"].markdown, "bf-links") == [
        "20 Jan · Briefing NATO-1",
        "10 Jan · Briefing C2",
        "10 Jan · Briefing C1",
    ]


def test_month_pages_link_newer_and_older_months(pages) -> None:
    months = list(months_of(ALL))

    for i, month in enumerate(months):
        uri = f"timeline/{month}.md"
        text = body(pages[uri].markdown)
        navigation = text.split("\n\n")[1]
        targets = {label: resolve_markdown_link(uri, target) for label, target in markdown_links(navigation)}
        assert targets.pop("Timeline") == "timeline.md"
        newer = [label for label in targets if label.startswith("←")]
        older = [label for label in targets if label.endswith("→")]
        assert [targets[label] for label in newer] == ([f"timeline/{months[i - 1]}.md"] if i > 0 else []), uri
        assert [targets[label] for label in older] == ([f"timeline/{months[i + 1]}.md"] if i + 1 < len(months) else []), uri
    # skips months without briefings
    assert "[← June 2023](2023-06.md) · [Timeline](../timeline.md) · [January 2023 →](2023-01.md)" in pages["timeline/2023-02.md"].markdown


def test_timeline_lists_months_by_year_linking_to_month_pages(pages) -> None:
    text = pages["timeline.md"].markdown
    urls = url_to_uri(pages, directory_urls=True)
    months = months_of(ALL)

    assert re.findall(r"^## (\d{4})$", text, re.M) == ["2024", "2023", "2022"]
    for year in ("2024", "2023", "2022"):
        in_year = {m: a for m, a in months.items() if m.startswith(year)}
        listed = row_links(section(text, year), "bf-months")
        assert [resolve_href("timeline.md", href, True, urls) for _, href in listed] == [f"timeline/{m}.md" for m in in_year]
        counts = [len(a) for a in in_year.values()]
        assert rows(section(text, year), "bf-months") == [
            f"{dt.date.fromisoformat(m + '-01'):%B %Y} ({n} briefing{'' if n == 1 else 's'})" for m, n in zip(in_year, counts)
        ]
    assert "Briefing A" not in text  # the articles themselves are on the month pages


@pytest.mark.parametrize("uri", ["timeline.md", "actors/xi-jinping.md", "topics/trade.md", "regions/europe.md"])
def test_chart_bars_link_to_existing_month_pages(pages, flat_pages, uri) -> None:
    for site, directory_urls in ((pages, True), (flat_pages, False)):
        urls = url_to_uri(site, directory_urls)
        chart = soup(site[uri].markdown).find("div", class_="briefing-chart")
        targets = [resolve_href(uri, a["href"], directory_urls, urls) for a in chart.find_all("a", href=True)]

        assert targets, uri
        assert all(t is not None and re.fullmatch(r"timeline/\d{4}-\d{2}\.md", t) for t in targets), targets
    if uri == "timeline.md":
        assert sorted(targets) == sorted(f"timeline/{m}.md" for m in months_of(ALL))


def test_actor_chart_links_only_months_with_its_briefings(pages) -> None:
    urls = url_to_uri(pages, directory_urls=True)
    chart = soup(pages["actors/xi-jinping.md"].markdown).find("div", class_="briefing-chart")
    targets = {resolve_href("actors/xi-jinping.md", a["href"], True, urls) for a in chart.find_all("a", href=True)}

    assert targets <= {f"timeline/{m}.md" for m in months_of(XI)}
    assert "timeline/2023-01.md" in targets


# ------------------------------------------------------------------ links everywhere


@pytest.mark.parametrize("directory_urls", [True, False])
def test_every_link_on_every_page_reaches_a_generated_page(pages, flat_pages, directory_urls) -> None:
    site = pages if directory_urls else flat_pages
    urls = url_to_uri(site, directory_urls)
    checked = 0
    for uri, page in site.items():
        if not uri.endswith(".md"):
            continue
        for href in hrefs(page.markdown):
            assert resolve_href(uri, href, directory_urls, urls) is not None, f"{uri} links to {href}"
            checked += 1
        for _text, target in markdown_links(page.markdown):
            assert resolve_markdown_link(uri, target) in site, f"{uri} links to {target}"
    assert checked > 300


def test_raw_html_blocks_have_no_blank_lines(pages) -> None:
    blocks = 0
    for uri, page in pages.items():
        for match in re.finditer(r'^<(ul|nav|p) class="bf-[a-z]+".*?</\1>$', page.file_text, re.M | re.S):
            assert "\n\n" not in match.group(0), uri
            blocks += 1
    assert blocks > 50


# ------------------------------------------------------------------ editor text


def test_title_over_several_lines_is_refused(make_project) -> None:
    # YAML lets a title span lines; a blank line inside a raw HTML list would end the block early,
    # and a line break in a title would split feeds and reports: a title is one line.
    text = write_article_md(title="x").replace('title: "x"', "title: |-\n  First\n\n  [x](javascript:alert(1)) <b>b</b>")
    root = make_project({"2024-05-15-lines.md": text})
    corpus = load_corpus(Settings(root=root))
    assert [p.format() for p in corpus.log.errors] == ["articles/2024-05-15-lines.md:2:8: title: holds a line break; write it on one line"]


def test_title_with_markup_and_wide_spaces_keeps_html_lists_whole(make_project) -> None:
    text = write_article_md(title="x").replace('title: "x"', 'title: "First  \t [x](javascript:alert(1)) <b>b</b>"')
    root = make_project({"2024-05-15-lines.md": text})
    corpus = load_corpus(Settings(root=root))
    assert corpus.ok, corpus.log.problems
    site = {p.uri: p for p in render_site(build_index(corpus))}

    for uri in ("index.md", "timeline/2024-05.md", "actors/xi-jinping.md", "topics/sanctions.md"):
        for match in re.finditer(r'^<ul class="bf-[a-z]+"[^>]*>\n.*?</ul>$', site[uri].markdown, re.M | re.S):
            assert "\n\n" not in match.group(0), uri
        assert "First [x](javascript:alert(1)) &lt;b&gt;b&lt;/b&gt;</a>" in site[uri].markdown, uri


# ------------------------------------------------------------------ reserved ids


@pytest.mark.parametrize("collection", ["actors", "topics", "regions"])
@pytest.mark.parametrize("entry_id", ["page-3", "page-10"])
def test_ids_like_page_numbers_are_refused(make_project, collection: str, entry_id: str) -> None:
    extra = {
        "actors": f"{entry_id}:\n  name: Pager\n  kind: group\n  description: d.\n",
        "topics": f"{entry_id}:\n  name: Pager\n  description: d.\n",
        "regions": f"{entry_id}:\n  name: Pager\n  description: d.\n",
    }[collection]
    files = {"actors": ACTORS_YML, "topics": TOPICS_YML, "regions": REGIONS_YML}
    files[collection] += extra
    root = make_project({"2024-05-15-a.md": write_article_md()}, **files)

    result = build_pages(Settings(root=root))

    errors = [p.format() for p in result.corpus.log.errors]
    assert len(errors) == 1 and f"{entry_id}: the id '{entry_id}' is reserved for the {collection} index pages" in errors[0], errors
    assert result.pages == []


@pytest.mark.parametrize("entry_id", ["page", "pages-3", "page-3-notes"])
def test_ids_that_only_look_like_pages_are_fine(make_project, entry_id: str) -> None:
    root = make_project({}, topics=TOPICS_YML + f"{entry_id}:\n  name: Pager\n  description: d.\n")

    result = build_pages(Settings(root=root))

    assert result.ok, [p.format() for p in result.corpus.log.problems]
    assert f"topics/{entry_id}.md" in [p.uri for p in result.pages]
