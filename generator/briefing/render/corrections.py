"""The Corrections page: every correction on the site, newest first, each with its date, the
article it corrects and what it says, and the Atom feed of them.

Readers see what was corrected and when; the page is linked from every page's footer. Long
lists continue on numbered pages (`CORRECTIONS_PAGE_SIZE`) and the feed holds the newest
`FEED_LIMIT`, so neither grows with the corpus.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from feedgen.feed import FeedGenerator
from markupsafe import escape

from briefing.model.corpus import Corpus
from briefing.model.entities import Article
from briefing.model.pagination import paginate
from briefing.model.urls import CORRECTIONS, CORRECTIONS_FEED, absolute_url, correction_fragments
from briefing.render.cache import Deferred
from briefing.render.context import RenderContext
from briefing.render.feeds import FEED_LIMIT
from briefing.render.html_blocks import HtmlWriter, time_tag
from briefing.render.output import Output

CORRECTIONS_PAGE_SIZE = 100


Corrected = tuple[Article, dt.date, str, str]  # the article, the correction's date and text, its anchor there


def corrections_of(corpus: Corpus) -> list[Corrected]:
    """Every published correction, newest first (then by article, newest first)."""
    found = [
        (article, correction.date, correction.text, fragment)
        for article in corpus.articles
        for correction, fragment in zip(article.corrections, correction_fragments(article))
    ]
    found.sort(key=lambda c: (c[1], c[0].sort_key, c[3]), reverse=True)
    return found


def corrections_html(page_uri: str, directory_urls: bool, items: Sequence[Corrected]) -> str:
    """The list: the correction's date, then the article, then the correction's text."""
    writer = HtmlWriter(page_uri, directory_urls)
    rows = [
        f'<li><p class="bf-correction-date"><strong>{time_tag(day)}</strong> · '
        f'<a href="{escape(writer.href(article.uri, fragment))}">{escape(" ".join(article.title.split()))}</a></p>'
        f"<p>{escape(' '.join(text.split()))}</p></li>"
        for article, day, text, fragment in items
    ]
    return '<ul class="bf-briefings bf-corrections-list">\n' + "\n".join(rows) + "\n</ul>\n" if rows else ""


def pages(site: RenderContext) -> Iterator[Output]:
    """The Corrections page (and its continuation pages), then its feed."""
    options = site.options
    corrected = corrections_of(site.corpus)
    for listing in paginate(corrected, CORRECTIONS_PAGE_SIZE, CORRECTIONS):
        if corrected:
            site.modified(listing.uri, corrected[0][1])
        yield site.page(
            listing.uri,
            "corrections.md.j2",
            None,
            in_nav=False,
            front_matter={"briefing": {"kind": "listing", "title": "Corrections", "feed": CORRECTIONS_FEED, "feed_title": "Corrections"}},
            listing=listing,
            body=Deferred(corrections_html, (listing.uri, options.directory_urls, tuple(listing.items))),
            feed=CORRECTIONS_FEED,
        )
    newest = tuple(corrected[:FEED_LIMIT])
    feed = site.memo(
        CORRECTIONS_FEED,
        (
            tuple((a.listing, day, text, fragment) for a, day, text, fragment in newest),
            options.site_name,
            options.site_url,
            options.directory_urls,
        ),
        lambda: render_corrections_feed(newest, options.site_name, options.site_url, options.directory_urls, options.site_author),
    )
    yield Output(uri=CORRECTIONS_FEED, content=feed)


def render_corrections_feed(
    corrected: Sequence[Corrected], site_name: str, site_url: str, directory_urls: bool, site_author: str | None = None
) -> str:
    """Atom: one entry per correction, newest first, linking to it on its article's page."""
    generator = FeedGenerator()
    generator.id(absolute_url(site_url, CORRECTIONS_FEED))
    generator.title(f"{site_name}: corrections")
    generator.author(name=site_author or site_name)
    generator.subtitle("What was corrected, and when")
    generator.link(href=absolute_url(site_url, CORRECTIONS, directory_urls), rel="alternate")
    generator.link(href=absolute_url(site_url, CORRECTIONS_FEED), rel="self")
    generator.language("en")
    generator.generator("Briefing")
    generator.updated(_midnight(corrected[0][1] if corrected else dt.date(1970, 1, 1)))
    for article, day, text, fragment in reversed(corrected):  # feedgen prepends: oldest first, so the newest ends on top
        url = absolute_url(site_url, article.uri, directory_urls) + "#" + fragment
        entry = generator.add_entry()
        entry.id(url)
        entry.title(f"Correction: {' '.join(article.title.split())}")
        entry.link(href=url, rel="alternate")
        entry.updated(_midnight(day))
        entry.published(_midnight(day))
        entry.summary(" ".join(text.split()))
    atom: bytes = generator.atom_str(pretty=True)
    return atom.decode("utf-8")


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)
