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
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache

from markupsafe import escape

from briefing.model.entities import Article, Entity
from briefing.model.pagination import Pagination
from briefing.model.urls import correction_fragments, encoded_url, entity_uri, html_href
from briefing.render.markdown_text import Markdown


@lru_cache(maxsize=8192)
def long_date(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


def long_instant(value: dt.datetime) -> str:
    """`1 September 2027, 08:00 (UTC+02:00)`: a publication time as written, with its zone."""
    offset = value.utcoffset() or dt.timedelta(0)
    sign, minutes = ("+" if offset >= dt.timedelta(0) else "-"), abs(int(offset.total_seconds())) // 60
    zone = "UTC" if not minutes else f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"
    return f"{long_date(value.date())}, {value:%H:%M} ({zone})"


def time_tag(value: dt.date) -> str:
    return f'<time datetime="{value.isoformat()}">{long_date(value)}</time>'


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
        authors: Sequence[Entity] = (),
    ) -> Markdown:
        """Byline, date (and update), region (and the regions around it), actors, topics and
        source, at the top of an article; a scheduled article (in a preview) says when it is due.

        HTML, not a Markdown list: as Markdown these five lines cost Python-Markdown more than
        the article's whole body. They stay in the search index (names are what readers type).
        """
        where = self.entity_link(region)
        if outer_regions:
            where += " (in " + ", ".join(self.entity_link(r) for r in reversed(outer_regions)) + ")"
        # The date rows stay out of the search index: results show the date from the page's
        # metadata, and "Date: 9 May 2024 · 1 min read" would otherwise open many excerpts.
        rows = [("Date", f"{time_tag(article.date)} · {reading_minutes} min read")]
        modified = article.modified
        if modified is not None:
            corrected = f' · <a href="#corrections">{plural(len(article.corrections), "correction")}</a>' if article.corrections else ""
            rows.append(("Updated", time_tag(modified) + corrected))
        rows.append(("Region", where))
        if actors:
            rows.append(("Actors", ", ".join(self.entity_link(a) for a in actors)))
        if topics:
            rows.append(("Topics", ", ".join(self.entity_link(t) for t in topics)))
        if article.source:
            name = _text(article.source.name)
            rows.append(("Source", f'<a href="{escape(encoded_url(article.source.url))}">{name}</a>' if article.source.url else name))
        items = [
            f"<li{' ' + _NOT_INDEXED if label in ('Date', 'Updated') else ''}><strong>{label}:</strong> {value}</li>"
            for label, value in rows
        ]
        head = f'<p class="bf-byline">{self.byline(authors)}</p>\n' if authors else ""
        if article.scheduled:
            head += (
                f'<p class="bf-scheduled-note" {_NOT_INDEXED}><strong>Scheduled:</strong> published on '
                f"{escape(long_instant(article.publication_time))}. This preview shows it early; the site leaves it out until then.</p>\n"
            )
        return self._emit(head + '<ul class="bf-facts">\n' + "\n".join(items) + "\n</ul>\n")

    def byline(self, authors: Sequence[Entity]) -> str:
        """`By <a>A</a>`, `By A and B`, `By A, B and C`, each name a link to the author's page."""
        links = [self.entity_link(author) for author in authors]
        names = links[0] if len(links) == 1 else ", ".join(links[:-1]) + " and " + links[-1]
        return "By " + names

    def corrections(self, article: Article) -> Markdown:
        """Each correction with its date apart from its text, oldest first; each has an anchor the
        Corrections page and feed link to."""
        rows = [
            f'<li id="{fragment}"><p class="bf-correction-date"><strong>Correction, {time_tag(c.date)}</strong></p>'
            f"<p>{_text(c.text)}</p></li>"
            for c, fragment in zip(article.corrections, correction_fragments(article))
        ]
        # Indexed for search, unlike the generated lists: a correction is part of the article.
        return self._emit('<ol class="bf-corrections">\n' + "\n".join(rows) + "\n</ol>\n" if rows else "")

    def briefings(
        self, articles: Iterable[Article], bylines: Mapping[str, Sequence[Entity]] | None = None, summary_width: int = 220
    ) -> Markdown:
        """Date, linked title, byline (the authors in `bylines`, by article URI) and a summary
        preview per article: entity and author pages, home."""
        return self._emit(_block("ul", "bf-briefings", self._briefing_rows(articles, bylines, summary_width)))

    def _briefing_rows(self, articles: Iterable[Article], bylines: Mapping[str, Sequence[Entity]] | None, summary_width: int) -> list[str]:
        rows = []
        for article in articles:
            authors = bylines.get(article.uri) if bylines else None
            flag = '<span class="bf-scheduled">Scheduled</span> · ' if article.scheduled else ""
            row = f"<li><p>{flag}<strong>{long_date(article.date)}</strong> · {self.article_link(article)}</p>"
            if authors:
                row += f'<p class="bf-byline">{self.byline(authors)}</p>'
            if article.summary and summary_width:
                row += f"<p>{escape(preview(article.summary, summary_width))}</p>"
            rows.append(row + "</li>")
        return rows

    def pair_sections(
        self, sections: Iterable[tuple[str, str, Sequence[Entity], Sequence[Article]]], bylines: Mapping[str, Sequence[Entity]]
    ) -> Markdown:
        """A section per pair of actors (its id, its title, the two actors, the briefings naming
        both, newest first): date, title and byline of each, no summary (the pair's own page
        showed them; a section is the answer to one question, which briefings name both)."""
        parts = []
        for section_id, title, actors, articles in sections:
            names = " and ".join(self.entity_link(actor) for actor in actors)
            parts.append(f'<h2 id="{escape(section_id)}">{escape(title)}</h2>')
            parts.append(f"<p>{plural(len(articles), 'briefing')} name both {names}, newest first.</p>")
            parts.append(_block("ul", "bf-briefings", self._briefing_rows(articles, bylines, 0)))
        return self._emit("\n".join(parts))

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

    def external_links(self, links: Sequence[tuple[str, str]], label: str) -> Markdown:
        """A line of `(name, http(s) URL)` links to other sites (an author's profiles)."""
        if not links:
            return Markdown("")
        anchors = " · ".join(f'<a href="{escape(encoded_url(url))}" rel="me noopener">{_text(name)}</a>' for name, url in links)
        return self._emit(f'<p class="bf-external">{_text(label)}: {anchors}</p>\n')

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
