"""Helpers for tests that read generated pages: sections, raw HTML lists and where their links go.

Long lists are raw HTML blocks (`html_blocks.HtmlWriter`) whose hrefs are final, output-relative
URLs (`../xi-jinping/`, or `xi-jinping.html` without directory URLs); short metadata lines stay
Markdown links to source URIs (`xi-jinping.md`). These helpers map both back to page URIs.
"""

from __future__ import annotations

import posixpath
import re

from bs4 import BeautifulSoup, Tag

from briefing.model.urls import page_url

MARKDOWN_LINK = re.compile(r"\[((?:[^\]\\]|\\.)*)\]\(([^)]+)\)")


def soup(fragment: str) -> BeautifulSoup:
    return BeautifulSoup(fragment, "html.parser")


def section(markdown_text: str, heading: str) -> str:
    """The text under `## heading` up to the next `## ` heading (or the end of the page)."""
    marker = f"\n## {heading}\n"
    start = markdown_text.index(marker) + len(marker)
    end = markdown_text.find("\n## ", start)
    return markdown_text[start:] if end == -1 else markdown_text[start:end]


def html_list(fragment: str, css_class: str) -> Tag:
    """The only `<ul class=css_class>` in a fragment."""
    found = soup(fragment).select(f"ul.{css_class}")
    assert len(found) == 1, f"{len(found)} <ul class={css_class}> in {fragment[:300]!r}"
    return found[0]


def rows(fragment: str, css_class: str) -> list[str]:
    """Each `<li>` of the list as plain text (entities decoded, tags dropped)."""
    return [li.get_text() for li in html_list(fragment, css_class).find_all("li", recursive=False)]


def row_links(fragment: str, css_class: str) -> list[tuple[str, str]]:
    """(text, href) of the link in each `<li>` of the list, in order."""
    result = []
    for li in html_list(fragment, css_class).find_all("li", recursive=False):
        anchors = li.find_all("a")
        assert len(anchors) == 1, str(li)
        result.append((anchors[0].get_text(), anchors[0]["href"]))
    return result


def hrefs(markdown_text: str) -> list[str]:
    """Every href in the raw HTML of a page (lists, pagers, SVG charts)."""
    return [a["href"] for a in soup(markdown_text).find_all("a", href=True)]


def markdown_links(markdown_text: str) -> list[tuple[str, str]]:
    return MARKDOWN_LINK.findall(markdown_text)


def url_to_uri(uris: list[str] | dict, directory_urls: bool) -> dict[str, str]:
    """{normalised output URL: URI} for the pages among `uris` and the files (feeds, exports) beside them."""
    return {_normal(page_url(uri, directory_urls)): uri for uri in uris}


def resolve_href(from_uri: str, href: str, directory_urls: bool, urls: dict[str, str]) -> str | None:
    """The page URI an output-relative href on page `from_uri` points at, or None if none does.

    With directory URLs a page link must end in `/` (`../x` would 404 on most hosts), without
    them in `.html`.
    """
    path, _, query = href.partition("#")[0].partition("?")
    is_page = posixpath.splitext(path)[1] in ("", ".html")  # else a generated file: a feed, an export
    if is_page and directory_urls and not path.endswith("/"):
        return None
    if is_page and not directory_urls and not path.endswith(".html"):
        return None
    source = page_url(from_uri, directory_urls)
    base = source.rsplit("/", 1)[0] if "/" in source else ""
    target = urls.get(_normal(posixpath.join(base, path)))
    if query and target != "search.md":  # only the search page takes filters from the address
        return None
    return target


def resolve_markdown_link(from_uri: str, target: str) -> str:
    """The source URI a Markdown link (`../x.md`) on page `from_uri` points at."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(from_uri), target.partition("?")[0]))


def _normal(url: str) -> str:
    normal = posixpath.normpath(url) if url else "."
    return "" if normal == "." else normal
