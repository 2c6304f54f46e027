"""One-off builds load and render large corpora in forked workers: same pages, same problems."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefing.model.settings import Settings
from briefing.pipeline import build_pages
from briefing.render.options import RenderOptions
from briefing.runtime import parallel
from tests.support.factories import small_corpus, write_article_md
from tests.support.site import REPO

SETTINGS_TODAY = dict(now=__import__("datetime").datetime(2030, 1, 1, tzinfo=__import__("datetime").timezone.utc))


@pytest.fixture
def forking(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fork even for tiny inputs and on a one-CPU machine, in small chunks."""
    monkeypatch.setattr(parallel, "MIN_ITEMS", 1)
    monkeypatch.setattr(parallel, "CHUNK", 2)
    monkeypatch.setattr(parallel, "worker_count", lambda: 2)


def snapshot(root: Path) -> tuple[list[tuple[str, str, str]], list[str]]:
    result = build_pages(Settings(root=root, **SETTINGS_TODAY), RenderOptions(), render_with_errors=True)
    pages = [(p.uri, p.content, p.file_text) for p in result.pages]  # file_text: blocks in place
    return pages, [problem.format() for problem in result.corpus.log.sorted()]


def test_work_runs_in_other_processes_and_comes_back_in_order(forking: None) -> None:
    results = parallel.map_indexes(lambda i: (i, os.getpid()), 9).get()
    assert [i for i, _ in results] == list(range(9))
    assert os.getpid() not in {pid for _, pid in results}


def test_a_worker_error_reaches_the_caller(forking: None) -> None:
    def fail_on_five(i: int) -> int:
        if i == 5:
            raise ValueError("article five is broken")
        return i

    with pytest.raises(ValueError, match="article five"):
        parallel.map_indexes(fail_on_five, 9).get()


def test_demo_site_pages_are_identical_with_and_without_workers(monkeypatch: pytest.MonkeyPatch, forking: None) -> None:
    forked = snapshot(REPO)
    monkeypatch.setattr(parallel, "worker_count", lambda: 1)
    serial = snapshot(REPO)
    assert forked == serial
    assert len(forked[0]) > 20


def test_problems_are_the_same_with_and_without_workers(monkeypatch: pytest.MonkeyPatch, forking: None, make_project) -> None:
    articles = small_corpus()
    articles["2024/2024-07-01-broken.md"] = write_article_md(title="Broken", actors=["Xi Jinpng"], topics=["nowhere"])
    root = make_project(articles)
    forked = snapshot(root)
    monkeypatch.setattr(parallel, "worker_count", lambda: 1)
    serial = snapshot(root)
    assert forked == serial
    assert any("Xi Jinpng" in problem for problem in forked[1])


def test_jobs_setting_caps_the_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_JOBS", "1")
    assert parallel.worker_count() == 1
