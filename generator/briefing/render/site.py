"""Render the indexed corpus into the site's files: Markdown pages and data files (`Output`s).

No file I/O and no MkDocs here: the MkDocs plugin wraps the outputs into generated files and
`briefing export` writes them to a folder. Each page family is one module with a
`pages(site)` function (see `render.context`); this module only lists them, in the order of
the site's pages (which the sitemap follows), and runs them over one shared `RenderContext`.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from briefing.index.corpus_index import CorpusIndex
from briefing.model.entities import COLLECTIONS
from briefing.render import (
    articles,
    authors,
    collection_index,
    corrections,
    data_files,
    digests,
    entities,
    home,
    map_page,
    network_page,
    pairs,
    search_page,
    timeline,
)
from briefing.render.context import PageFamily, RenderContext
from briefing.render.options import RenderOptions
from briefing.render.output import MarkdownPage, Output
from briefing.runtime.parallel import Workers
from briefing.runtime.reuse import Reuse

__all__ = ["FAMILIES", "RenderOptions", "render_site"]

FAMILIES: tuple[PageFamily, ...] = (
    home.pages,
    timeline.pages,
    digests.pages,  # a page per ISO week, their index and feed
    search_page.pages,
    network_page.pages,
    map_page.pages,
    data_files.pages,
    corrections.pages,  # every correction, newest first, and its feed
    # per registry: its index, then the page of every entry
    *(
        family
        for collection in COLLECTIONS
        for family in (partial(collection_index.pages, collection=collection), partial(entities.pages, collection=collection))
    ),
    authors.pages,  # the authors index and each author's pages
    # the briefings naming both actors of each pair linked from the pages above
    partial(
        pairs.pages,
        per_actor=entities.CO_LIST_LIMIT,
        drawn=network_page.drawn_pairs,
        page_size=entities.ENTITY_PAGE_SIZE,
    ),
    articles.pages,  # forks its workers when called, so they render while the families above are read
)


def render_site(
    index: CorpusIndex,
    options: RenderOptions | None = None,
    reuse: Reuse | None = None,
    workers: Workers | None = None,
    dates: dict[str, dt.date] | None = None,
) -> list[Output]:
    """Every output of the briefing site, in a stable order. With `reuse` (`mkdocs serve`'s memory
    or the build store), pages and costly parts whose inputs equal an earlier render's are reused.
    `dates` receives when each page last changed for readers: its own articles' newest change,
    else the site's."""
    site = RenderContext(index, options or RenderOptions(), reuse, workers)
    started = [family(site) for family in FAMILIES]
    outputs = [output for family_outputs in started for output in family_outputs]
    if dates is not None:
        newest = max((a.last_modified for a in index.corpus.articles), default=None)
        for output in outputs:
            date = site.dates.get(output.uri, newest)
            if isinstance(output, MarkdownPage) and date is not None:
                dates[output.uri] = date
    return outputs
