"""The timeline (a chart of briefings per month and the months by year) and one page per month."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from itertools import groupby

from briefing.model.urls import DIGESTS, TIMELINE, html_href, timeline_month_uri
from briefing.render.charts import coverage_svg, monthly_counts
from briefing.render.context import RenderContext
from briefing.render.markdown_text import Markdown
from briefing.render.output import MarkdownPage


def pages(site: RenderContext) -> Iterator[MarkdownPage]:
    """The timeline page, then the month pages, newest first."""
    newest = list(reversed(site.corpus.articles))
    months = [
        (dt.date(year, month, 1), list(in_month)) for (year, month), in_month in groupby(newest, key=lambda a: (a.date.year, a.date.month))
    ]
    years = [
        (year, [(month, timeline_month_uri(month), len(arts)) for month, arts in in_year])
        for year, in_year in groupby(months, key=lambda item: item[0].year)
    ]
    yield site.page(TIMELINE, "timeline.md.j2", None, years=years, month_chart=_chart(site), digests=DIGESTS)
    for i, (month, articles) in enumerate(months):
        newer = months[i - 1][0] if i > 0 else None
        older = months[i + 1][0] if i + 1 < len(months) else None
        yield site.page(
            timeline_month_uri(month),
            "timeline_month.md.j2",
            None,
            in_nav=False,
            front_matter={"briefing": {"kind": "listing", "title": f"{month:%B %Y}"}},
            month=month,
            articles=articles,
            newer=(newer, timeline_month_uri(newer)) if newer else None,
            older=(older, timeline_month_uri(older)) if older else None,
            day_month=lambda day: f"{day.day} {day:%b}",
        )


def _chart(site: RenderContext) -> Markdown:
    """Briefings per month as an SVG; each bar links to its month page."""
    counts = monthly_counts(a.date for a in site.corpus.articles)
    if not counts:
        return Markdown("")
    directory_urls = site.options.directory_urls
    svg = coverage_svg(
        counts,
        label=f"Briefings per month: {len(site.corpus.articles)} in all",
        link_for_month=lambda month: html_href(TIMELINE, timeline_month_uri(month), directory_urls),
    )
    return Markdown(svg)
