"""Fixtures for the unit tests: tiny Briefing projects written into pytest's tmp_path.

`make_project(articles={...})` writes data/actors.yml, data/topics.yml,
data/regions.yml and articles/*.md (plus mkdocs.yml when asked) and returns the
project folder. `article_md(...)` writes one article's text with front matter.
The texts and writers themselves are in tests/support/factories.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from briefing.load.corpus import load_corpus
from briefing.load.registry import load_registry
from briefing.model.problems import ProblemLog
from briefing.model.registry import Registries
from briefing.model.settings import Settings
from tests.support.factories import small_corpus, write_article_md, write_project


@pytest.fixture
def article_md() -> Callable[..., str]:
    return write_article_md


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """Factory: write a project under tmp_path/<name> and return its folder."""

    def make(articles: dict[str, str | bytes] | None = None, *, name: str = "project", **files: str) -> Path:
        return write_project(tmp_path / name, articles, **files)

    return make


@pytest.fixture
def registries(make_project: Callable[..., Path]) -> tuple[Registries, ProblemLog, Path]:
    """The default registries, loaded cleanly, with the log and project root."""
    root = make_project()
    log = ProblemLog(root)
    regs = Registries(
        actors=load_registry("actors", root / "data" / "actors.yml", log),
        topics=load_registry("topics", root / "data" / "topics.yml", log),
        regions=load_registry("regions", root / "data" / "regions.yml", log),
    )
    assert log.problems == []
    return regs, log, root


@pytest.fixture
def small_corpus_articles() -> dict[str, str]:
    return small_corpus()


@pytest.fixture
def load(make_project: Callable[..., Path]) -> Callable[..., object]:
    """Factory: write a project and return its loaded Corpus."""

    def run(
        articles: dict[str, str | bytes] | None = None,
        include_drafts: bool = False,
        now: dt.datetime | None = None,
        **kwargs: str,
    ):
        root = make_project(articles, **kwargs)
        return load_corpus(Settings(root=root, include_drafts=include_drafts, now=now))

    return run
