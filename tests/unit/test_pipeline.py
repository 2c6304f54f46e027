"""pipeline.build_pages: pages only from a corpus without errors, unless asked."""

from __future__ import annotations

from briefing.model.settings import Settings
from briefing.pipeline import build_pages
from briefing.render.options import RenderOptions
from tests.support.factories import write_article_md


def test_clean_corpus_is_rendered(make_project, small_corpus_articles) -> None:
    result = build_pages(Settings(root=make_project(small_corpus_articles)), RenderOptions(home_title="Home"))

    assert result.ok
    assert result.index is not None
    # 21 Markdown pages + 4 timeline month pages + search, network, 13 feeds, JSON, CSV,
    # + map, digests index, 4 week digests, digests feed (no pair shares two briefings),
    # + the corrections page and its feed (no authors: no authors index)
    assert len(result.pages) == 51
    months = [p.uri for p in result.pages if p.uri.startswith("timeline/")]
    assert months == ["timeline/2024-06.md", "timeline/2024-05.md", "timeline/2024-04.md", "timeline/2024-03.md"]
    assert result.pages[0].markdown.startswith("# Home\n")


def test_errors_stop_rendering(make_project, small_corpus_articles) -> None:
    articles = dict(small_corpus_articles)
    articles["2024-07-01-bad.md"] = write_article_md(date="2024-07-01", actors=["Nobody"])

    result = build_pages(Settings(root=make_project(articles)))

    assert not result.ok
    assert result.index is None
    assert result.pages == []


def test_render_with_errors_renders_the_valid_part(make_project, small_corpus_articles) -> None:
    articles = dict(small_corpus_articles)
    articles["2024-07-01-bad.md"] = write_article_md(date="2024-07-01", actors=["Nobody"])

    result = build_pages(Settings(root=make_project(articles)), render_with_errors=True)

    assert not result.ok
    assert len(result.pages) == 51  # as for the clean corpus: the bad article adds no month page
    assert "timeline/2024-07.md" not in [p.uri for p in result.pages]
    assert "articles/2024/07/bad.md" not in [p.uri for p in result.pages]
