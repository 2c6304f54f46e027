"""load -> validate -> index -> render, shared by `briefing check`, `briefing export` and the MkDocs plugin."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from briefing.index.corpus_index import CorpusIndex, build_index
from briefing.load.corpus import PARSED, load_corpus
from briefing.model.corpus import Corpus
from briefing.model.settings import Settings
from briefing.render.cache import ARTICLE_PAGE, PAGE
from briefing.render.options import RenderOptions
from briefing.render.output import Output
from briefing.render.site import render_site
from briefing.runtime.parallel import Workers
from briefing.runtime.reuse import Counted, Reuse
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
    reuse: Reuse | None = None,
    workers: Workers | None = None,
    settle: Callable[[], None] | None = None,
) -> BuildResult:
    """Run the whole pipeline; pages are rendered only from a corpus without errors.

    `render_with_errors` renders the valid part anyway: `mkdocs serve` keeps showing a site while
    an editor fixes a mistake, while builds and exports refuse. With `reuse` (`mkdocs serve`'s
    memory between rebuilds, or a one-off build's store on disk), an edit re-parses, re-ranks
    and re-renders only what it touches; the output is the same without it. `workers` are the
    processes large steps may use (every CPU by default). `settle` runs after each phase: a
    one-off build passes `runtime.heap.settle`, as what each phase makes lives until the end.
    """
    after_phase = settle or (lambda: None)
    workers = workers or Workers()
    counted = Counted(reuse) if reuse is not None else None
    timings = Timings()
    with timings.phase("load"):
        corpus = load_corpus(settings, counted, workers)
    after_phase()
    timings.count("articles", len(corpus.articles))
    if counted is not None:
        timings.count("articles parsed", counted.made[PARSED.name])
    if not corpus.ok and not render_with_errors:
        return BuildResult(corpus, None, [], timings)
    with timings.phase("index"):
        index = build_index(corpus, counted)
    after_phase()
    lastmod: dict[str, dt.date] = {}
    with timings.phase("render"):
        pages = render_site(index, options, counted, workers, lastmod)
    after_phase()
    timings.count("pages", len(pages))
    if counted is not None:
        page_kinds = (PAGE.name, ARTICLE_PAGE.name)
        timings.count("pages rendered", sum(counted.made[kind] for kind in page_kinds))
        timings.count("reused", sum(counted.found[kind] for kind in page_kinds))
    return BuildResult(corpus, index, pages, timings, lastmod)
