"""load -> validate -> index -> render, shared by `briefing check`, `briefing export` and the MkDocs plugin."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from briefing.index.corpus_index import CorpusIndex, IndexCache, RelatedStore, build_index
from briefing.load.corpus import LoadCache, ParsedStore, load_corpus
from briefing.model.corpus import Corpus
from briefing.model.settings import Settings
from briefing.render.cache import PageStore, RenderCache
from briefing.render.options import RenderOptions
from briefing.render.output import Output
from briefing.render.site import render_site
from briefing.runtime.timing import Timings


@dataclass
class BuildResult:
    corpus: Corpus
    index: CorpusIndex | None
    pages: list[Output]  # Markdown pages and data files, in site order
    timings: Timings = field(default_factory=Timings)
    lastmod: dict[str, dt.date] = field(default_factory=dict)  # page URI -> last change shown (sitemaps)

    @property
    def ok(self) -> bool:
        return self.corpus.ok


def build_pages(
    settings: Settings,
    options: RenderOptions | None = None,
    render_with_errors: bool = False,
    load_cache: LoadCache | None = None,
    render_cache: RenderCache | None = None,
    index_cache: IndexCache | None = None,
    page_store: PageStore | None = None,
    parsed_store: ParsedStore | None = None,
    related_store: RelatedStore | None = None,
    settle: Callable[[], None] | None = None,
) -> BuildResult:
    """Run the whole pipeline; pages are rendered only from a corpus without errors.

    `render_with_errors` renders the valid part anyway: `mkdocs serve` keeps showing
    a site while an editor fixes a mistake, while builds and exports refuse. The caches,
    kept by `mkdocs serve` between rebuilds, let an edit re-parse and re-render only what
    it touches; the output is the same as without them. `page_store` (the build cache of a
    one-off build) does the same across builds, `parsed_store` for the parsed articles and
    `related_store` for the related articles. `settle` runs after each phase: a one-off
    build passes `runtime.heap.settle`, as what each phase makes lives until the process ends.
    """
    after_phase = settle or (lambda: None)
    timings = Timings()
    with timings.phase("load"):
        corpus = load_corpus(settings, load_cache, parsed_store)
    after_phase()
    timings.count("articles", len(corpus.articles))
    if load_cache is not None:
        timings.count("articles parsed", load_cache.parsed)
    if parsed_store is not None:
        timings.count("articles parsed", parsed_store.parsed)
    if not corpus.ok and not render_with_errors:
        return BuildResult(corpus, None, [], timings)
    with timings.phase("index"):
        index = build_index(corpus, index_cache, related_store)
    after_phase()
    lastmod: dict[str, dt.date] = {}
    with timings.phase("render"):
        pages = render_site(index, options, render_cache, page_store, lastmod)
    after_phase()
    timings.count("pages", len(pages))
    if render_cache is not None:
        timings.count("pages rendered", render_cache.rendered)
    if page_store is not None:
        timings.count("pages rendered", page_store.rendered)
        timings.count("reused", page_store.reused)
    return BuildResult(corpus, index, pages, timings, lastmod)
