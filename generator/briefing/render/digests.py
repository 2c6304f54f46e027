"""Weekly digests: one page per ISO week with briefings, grouped by region, and their Atom feed.

A week's page lists that week's briefings (title, date, summary, actors) under their primary
region, with links to the weeks before and after; `digests/` lists every week by year; the
feed has one entry per week, newest first. A week page holds at most `DIGEST_LIMIT`
briefings (the rest are one click away on the month pages), so no page grows with the corpus.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby

from feedgen.feed import FeedGenerator
from markupsafe import escape

from briefing.model.corpus import Corpus
from briefing.model.entities import Article, Entity, Region
from briefing.model.urls import DIGEST_FEED, DIGESTS, absolute_url, digest_uri, timeline_month_uri
from briefing.render.cache import Deferred
from briefing.render.context import RenderContext
from briefing.render.html_blocks import HtmlWriter, long_date, plural, preview
from briefing.render.output import Output

DIGEST_LIMIT = 100  # briefings shown on one week's page
DIGEST_FEED_LIMIT = 50  # weeks in the feed


@dataclass(frozen=True)
class Week:
    year: int  # ISO year (the first days of January may belong to the previous one)
    number: int
    articles: tuple[Article, ...]  # oldest first

    @property
    def monday(self) -> dt.date:
        return dt.date.fromisocalendar(self.year, self.number, 1)

    @property
    def sunday(self) -> dt.date:
        """The week's last day; the last week of year 9999 ends on the calendar's last day."""
        return self.monday + dt.timedelta(days=6) if self.monday <= dt.date.max - dt.timedelta(days=6) else dt.date.max

    @property
    def uri(self) -> str:
        return digest_uri(self.year, self.number)

    @property
    def title(self) -> str:
        return f"Week {self.number}, {self.year}"

    @property
    def span(self) -> str:
        """`13–19 May 2024`, `29 April – 5 May 2024`, `30 December 2024 – 5 January 2025`."""
        first, last = self.monday, self.sunday
        if first.year != last.year:
            return f"{long_date(first)} – {long_date(last)}"
        if first.month != last.month:
            return f"{first.day} {first:%B} – {long_date(last)}"
        return f"{first.day}–{long_date(last)}"


def weeks_of(articles: Sequence[Article]) -> list[Week]:
    """The ISO weeks that have briefings, oldest first (articles come sorted by date)."""
    return [Week(year, number, tuple(group)) for (year, number), group in groupby(articles, key=lambda a: tuple(a.date.isocalendar())[:2])]


Row = tuple[Article, Sequence[Entity], Sequence[Entity]]  # a briefing, its actors and its authors


def by_region(week: Week, corpus: Corpus) -> list[tuple[Region, list[Row]]]:
    """(region, its briefings of the week with their actors and authors, oldest first), regions A–Z by name."""
    groups: dict[str, list[Article]] = {}
    for article in week.articles[:DIGEST_LIMIT]:
        groups.setdefault(article.region, []).append(article)
    regions = sorted((corpus.regions[r] for r in groups), key=lambda region: region.name.casefold())
    return [
        (region, [(a, [corpus.actors[i] for i in a.actors], [corpus.authors[i] for i in a.authors]) for a in groups[region.id]])
        for region in regions
    ]


def digest_html(week_uri: str, directory_urls: bool, groups: Sequence[tuple[Region, Sequence[Row]]]) -> str:
    """The week's briefings under a heading per region (`by_region`), as one HTML block."""
    writer = HtmlWriter(week_uri, directory_urls)
    parts = []
    for region, articles in groups:
        slug = "region-" + region.id
        parts.append(
            f'<h2 id="{slug}">{writer.link("regions/" + region.id + ".md", region.name)} ({plural(len(articles), "briefing")})</h2>'
        )
        rows = []
        for article, actors, authors in articles:
            row = f"<li><p><strong>{long_date(article.date)}</strong> · {writer.article_link(article)}</p>"
            if authors:
                row += f'<p class="bf-byline">{writer.byline(authors)}</p>'
            if article.summary:
                row += f"<p>{escape(preview(article.summary, 400))}</p>"
            if actors:
                names = ", ".join(writer.entity_link(actor) for actor in actors)
                row += f'<p class="bf-digest-actors">Actors: {names}</p>'
            rows.append(row + "</li>")
        parts.append('<ul class="bf-briefings bf-digest" data-pagefind-ignore>\n' + "\n".join(rows) + "\n</ul>")
    return "\n".join(parts) + "\n"


def pages(site: RenderContext) -> Iterator[Output]:
    """The digests index, one page per week (oldest first), and the digests' Atom feed."""
    corpus, options = site.corpus, site.options
    directory_urls = options.directory_urls
    weeks = weeks_of(corpus.articles)
    years = [(year, list(in_year)) for year, in_year in groupby(reversed(weeks), key=lambda w: w.year)]
    yield site.page(
        DIGESTS,
        "digest_index.md.j2",
        None,
        in_nav=False,
        front_matter={"briefing": {"kind": "listing", "title": "Weekly digests", "feed": DIGEST_FEED, "feed_title": "Weekly digests"}},
        years=[(year, _week_list(in_year, directory_urls)) for year, in_year in years],
        feed=DIGEST_FEED,
    )
    for i, week in enumerate(weeks):
        previous = weeks[i - 1] if i > 0 else None
        following = weeks[i + 1] if i + 1 < len(weeks) else None
        months = sorted({dt.date(a.date.year, a.date.month, 1) for a in week.articles})
        yield site.page(
            week.uri,
            "digest.md.j2",
            None,
            in_nav=False,
            front_matter={"briefing": {"kind": "listing", "title": f"{week.title}: {week.span}"}},
            week_title=week.title,
            span=week.span,
            total=len(week.articles),
            shown=min(len(week.articles), DIGEST_LIMIT),
            body=Deferred(digest_html, (week.uri, directory_urls, by_region(week, corpus))),
            previous=(previous.title, previous.uri) if previous else None,
            following=(following.title, following.uri) if following else None,
            months=[(f"{m:%B %Y}", timeline_month_uri(m)) for m in months],
            digests=DIGESTS,
            feed=DIGEST_FEED,
        )
    feed = site.memo(
        DIGEST_FEED,
        (tuple(corpus.articles), options.site_name, options.site_url, directory_urls),
        lambda: render_digest_feed(corpus, options.site_name, options.site_url, directory_urls, options.site_author),
    )
    yield Output(uri=DIGEST_FEED, content=feed)


def _week_list(weeks: Sequence[Week], directory_urls: bool) -> str:
    """`Week 20, 2024 · 13–19 May 2024 (3 briefings)` rows, newest first."""
    writer = HtmlWriter(DIGESTS, directory_urls)
    rows = [f"<li>{writer.link(w.uri, w.title)} · {escape(w.span)} ({plural(len(w.articles), 'briefing')})</li>" for w in weeks]
    return '<ul class="bf-months" data-pagefind-ignore>\n' + "\n".join(rows) + "\n</ul>\n"


def latest_week(corpus: Corpus) -> tuple[str, str] | None:
    """(title, uri) of the newest week with briefings, for the home page."""
    weeks = weeks_of(corpus.articles[-1:])
    return (f"{weeks[0].title} ({weeks[0].span})", weeks[0].uri) if weeks else None


def render_digest_feed(corpus: Corpus, site_name: str, site_url: str, directory_urls: bool, site_author: str | None = None) -> str:
    """Atom: one entry per week (the newest DIGEST_FEED_LIMIT), updated on the week's last briefing."""
    weeks = weeks_of(corpus.articles)[-DIGEST_FEED_LIMIT:]
    generator = FeedGenerator()
    generator.id(absolute_url(site_url, DIGEST_FEED))
    generator.title(f"{site_name}: weekly digests")
    generator.author(name=site_author or site_name)  # RFC 4287: the site signs every digest
    generator.subtitle("Each week's briefings on one page, grouped by region")
    generator.link(href=absolute_url(site_url, DIGESTS, directory_urls), rel="alternate")
    generator.link(href=absolute_url(site_url, DIGEST_FEED), rel="self")
    generator.language("en")
    generator.generator("Briefing")
    generator.updated(_timestamp(weeks[-1].articles[-1].date if weeks else dt.date(1970, 1, 1)))
    for week in weeks:  # feedgen prepends: oldest first, so the newest week ends on top
        url = absolute_url(site_url, week.uri, directory_urls)
        entry = generator.add_entry()
        entry.id(url)
        entry.title(f"{week.title}: {week.span} ({plural(len(week.articles), 'briefing')})")
        entry.link(href=url, rel="alternate")
        entry.updated(_timestamp(week.articles[-1].date))
        entry.published(_timestamp(week.articles[-1].date))
        entry.summary("; ".join(" ".join(a.title.split()) for a in week.articles[:DIGEST_LIMIT]))
    atom: bytes = generator.atom_str(pretty=True)
    return atom.decode("utf-8")


def _timestamp(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)
