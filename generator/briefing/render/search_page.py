"""The faceted search page: the theme fills it in the browser from the Pagefind index."""

from __future__ import annotations

from collections.abc import Iterator

from briefing.model.urls import SEARCH
from briefing.render.context import RenderContext
from briefing.render.output import MarkdownPage


def pages(site: RenderContext) -> Iterator[MarkdownPage]:
    yield site.page(SEARCH, "search.md.j2", None, front_matter={"briefing": {"kind": "search"}})
