"""Long generated lists written as raw HTML blocks instead of Markdown.

Python-Markdown passes a raw HTML block through untouched, while a Markdown list costs
a run of every inline pattern over every item: on entity pages and the timeline that was
most of MkDocs' work. Raw HTML is not rewritten by MkDocs, so hrefs are final URLs
(`html_href`), and every editor value is HTML-escaped here (markupsafe): metadata stays
data. Blocks never contain blank lines, which would end them early.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

from markupsafe import escape

from briefing.model.entities import Article, Entity
from briefing.model.pagination import Pagination
from briefing.model.urls import encoded_url, entity_uri, html_href
from briefing.render.markdown_text import Markdown


@lru_cache(maxsize=8192)
def long_date(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (plural_form or singular + 's')}"


def preview(text: str | None, width: int = 220) -> str:
    """A summary cut at a word boundary for lists (textwrap.shorten was a hot spot)."""
    if not text:
        return ""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    cut = flat[: width - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > 0 else cut).rstrip(" ,;:") + " …"


class HtmlWriter:
    """HTML fragments for one page: links are relative to that page's final URL."""

    def __init__(self, page_uri: str, directory_urls: bool, stash: list[str] | None = None) -> None:
        self.page_uri = page_uri
        self.directory_urls = directory_urls
        self.stash = stash  # when given, blocks are kept aside and the page gets placeholders

    def _emit(self, html: str) -> Markdown:
        """The block itself, or a placeholder comment for it (see `inline_blocks`)."""
        if self.stash is None or not html:
            return Markdown(html)
        self.stash.append(html.removesuffix("\n"))  # the placeholder line keeps the newline
        return Markdown(placeholder(len(self.stash) - 1) + "\n")

    def block(self, html: str) -> Markdown:
        """A block of HTML the generator built (a map, a table), kept away from Markdown."""
        return self._emit(html)

    def href(self, target_uri: str, fragment: str = "") -> str:
        """The final URL of a page, file or `page?query` (a preset search) as seen from this page."""
        target, _, query = target_uri.partition("?")
        if not query:
            return html_href(self.page_uri, target, self.directory_urls, fragment)
        return html_href(self.page_uri, target, self.directory_urls) + "?" + query + ("#" + fragment if fragment else "")

    def link(self, target_uri: str, text: object) -> str:
        return f'<a href="{escape(self.href(target_uri))}">{_text(text)}</a>'

    def article_link(self, article: Article) -> str:
        return self.link(article.uri, article.title)

    def entity_link(self, entity: Entity) -> str:
        return self.link(entity_uri(entity), entity.name)

    # ------------------------------------------------------------ lists

    def article_facts(
        self,
        article: Article,
        reading_minutes: int,
        region: Entity,
        outer_regions: Sequence[Entity],
        actors: Sequence[Entity],
        topics: Sequence[Entity],
    ) -> Markdown:
        """Date, region (and the regions around it), actors, topics and source, at the top of an article.

        HTML, not a Markdown list: as Markdown these five lines cost Python-Markdown more than
        the article's whole body. They stay in the search index (names are what readers type).
        """
        where = self.entity_link(region)
        if outer_regions:
            where += " (in " + ", ".join(self.entity_link(r) for r in reversed(outer_regions)) + ")"
        # The date row stays out of the search index: results show the date from the page's
        # metadata, and "Date: 9 May 2024 · 1 min read" would otherwise open many excerpts.
        rows = [("Date", f"{long_date(article.date)} · {reading_minutes} min read"), ("Region", where)]
        if actors:
            rows.append(("Actors", ", ".join(self.entity_link(a) for a in actors)))
        if topics:
            rows.append(("Topics", ", ".join(self.entity_link(t) for t in topics)))
        if article.source:
            name = _text(article.source.name)
            rows.append(("Source", f'<a href="{escape(encoded_url(article.source.url))}">{name}</a>' if article.source.url else name))
        items = [f"<li{' ' + _NOT_INDEXED if label == 'Date' else ''}><strong>{label}:</strong> {value}</li>" for label, value in rows]
        return self._emit('<ul class="bf-facts">\n' + "\n".join(items) + "\n</ul>\n")

    def briefings(self, articles: Iterable[Article], summary_width: int = 220) -> Markdown:
        """Date, linked title and a summary preview per article: entity pages, home."""
        rows = []
        for article in articles:
            row = f"<li><p><strong>{long_date(article.date)}</strong> · {self.article_link(article)}</p>"
            if article.summary:
                row += f"<p>{escape(preview(article.summary, summary_width))}</p>"
            rows.append(row + "</li>")
        return self._emit(_block("ul", "bf-briefings", rows))

    def dated_links(
        self, articles: Iterable[Article], date_format: Callable[[dt.date], str] = long_date, date_first: bool = False
    ) -> Markdown:
        """Compact rows: `Title (date)`, or `date · Title` on the timeline."""
        rows = [
            f"<li><strong>{escape(date_format(a.date))}</strong> · {self.article_link(a)}</li>"
            if date_first
            else f"<li>{self.article_link(a)} ({escape(date_format(a.date))})</li>"
            for a in articles
        ]
        return self._emit(_block("ul", "bf-links", rows))

    def prev_next(self, previous: Article | None, following: Article | None, timeline_uri: str) -> Markdown:
        """The article's neighbours in time and the way back to the timeline."""
        rows = [
            f"<li>{label}: {self.article_link(a)} ({long_date(a.date)})</li>"
            for label, a in (("Previous", previous), ("Next", following))
            if a is not None
        ]
        rows.append(f"<li>All briefings by date: {self.link(timeline_uri, 'Timeline')}</li>")
        return self._emit(_block("ul", "bf-links", rows))

    def month_links(self, months: Iterable[tuple[dt.date, str, int]]) -> Markdown:
        """`May 2024 (31 briefings)` rows linking to each month's page."""
        rows = [f"<li>{self.link(uri, f'{month:%B %Y}')} ({plural(count, 'briefing')})</li>" for month, uri, count in months]
        return self._emit(_block("ul", "bf-months", rows))

    def counted(
        self, pairs: Iterable[tuple[Entity, int]], noun: str = "briefing", describe: Callable[[Entity], str] | None = None
    ) -> Markdown:
        """`Name (3 briefings)` rows, optionally with a short description."""
        rows = []
        for entity, count in pairs:
            row = f"<li>{self.entity_link(entity)} ({plural(count, noun)})"
            detail = describe(entity) if describe else ""
            if detail:
                row += f" · {_text(detail)}"
            rows.append(row + "</li>")
        return self._emit(_block("ul", "bf-counted", rows))

    def pager(self, page: Pagination[object], label: str) -> Markdown:
        """Newer / numbered / older links between the pages of one list."""
        if not page.is_split:
            return Markdown("")
        parts = []
        if page.number > 1:
            parts.append(f'<a href="{escape(self.href(page.uri_of(page.number - 1)))}" rel="prev">← Newer</a>')
        for number in page.numbers_to_show():
            if number is None:
                parts.append('<span aria-hidden="true">…</span>')
            elif number == page.number:
                parts.append(f'<strong aria-current="page">{number}</strong>')
            else:
                parts.append(f'<a href="{escape(self.href(page.uri_of(number)))}">{number}</a>')
        if page.number < page.page_count:
            parts.append(f'<a href="{escape(self.href(page.uri_of(page.number + 1)))}" rel="next">Older →</a>')
        return self._emit(f'<nav class="bf-pager" aria-label="{_text(label)}" {_NOT_INDEXED}>' + " ".join(parts) + "</nav>\n")

    def jumps(self, targets: Sequence[tuple[str, str]], label: str, css_class: str = "bf-jumps") -> Markdown:
        """A line of `(text, uri)` links, e.g. years to the page where each starts."""
        if not targets:
            return Markdown("")
        links = " · ".join(self.link(uri, text) for text, uri in targets)
        return self._emit(f'<p class="{css_class}" {_NOT_INDEXED}>{_text(label)}: {links}</p>\n')


@lru_cache(maxsize=65536)  # the same titles and names appear on many pages
def _text(value: str) -> str:
    """An editor's value as one line of HTML text: escaped, and whitespace collapsed as `escape_inline`
    does (a title may hold a blank line, which would end the raw HTML block and expose the rest)."""
    return str(escape(" ".join(str(value).split())))


# Every generated list links to other pages: it is navigation, not what the page is about.
# Pagefind leaves it out, so a search for words in a neighbour's title does not return this page
# (and the index is smaller: about a fifth of an article page's words were such titles).
_NOT_INDEXED = "data-pagefind-ignore"


def _block(tag: str, css_class: str, rows: list[str]) -> Markdown:
    if not rows:
        return Markdown("")
    return Markdown(f'<{tag} class="{css_class}" {_NOT_INDEXED}>\n' + "\n".join(rows) + f"\n</{tag}>\n")


# MkDocs reads every raw HTML block twice with html.parser (Python-Markdown's block stash and
# MkDocs' anchor scan). Long generated lists skip both: the Markdown given to MkDocs holds a
# comment in their place, and the plugin puts the HTML back into the converted page.
_PLACEHOLDER = re.compile(r"<!--briefing-block-([0-9]+)-->")


def placeholder(number: int) -> str:
    return f"<!--briefing-block-{number}-->"


def inline_blocks(text: str, blocks: Sequence[str]) -> str:
    """Put each block back where its placeholder is (Markdown before conversion or HTML after)."""
    if not blocks:
        return text
    return _PLACEHOLDER.sub(lambda m: blocks[int(m.group(1))] if int(m.group(1)) < len(blocks) else m.group(0), text)
