"""load -> validate -> index -> render, shared by `briefing check`, `briefing export` and the MkDocs plugin."""

from __future__ import annotations

from dataclasses import dataclass

from .corpus import Corpus, Settings, load_corpus
from .index import CorpusIndex, build_index
from .render import Page, RenderOptions, render_site


@dataclass
class BuildResult:
    corpus: Corpus
    index: CorpusIndex | None
    pages: list[Page]

    @property
    def ok(self) -> bool:
        return self.corpus.ok


def build_pages(settings: Settings, options: RenderOptions | None = None, render_with_errors: bool = False) -> BuildResult:
    """Run the whole pipeline; pages are rendered only from a corpus without errors.

    `render_with_errors` renders the valid part anyway: `mkdocs serve` keeps showing
    a site while an editor fixes a mistake, while builds and exports refuse.
    """
    corpus = load_corpus(settings)
    if not corpus.ok and not render_with_errors:
        return BuildResult(corpus, None, [])
    index = build_index(corpus)
    return BuildResult(corpus, index, render_site(index, options))
