"""One-off builds load and render large corpora in forked workers: same pages, same problems; a
worker that dies is an error, never a wait; a process running threads is never forked."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from briefing.model.settings import Settings
from briefing.pipeline import build_pages
from briefing.render.options import RenderOptions
from briefing.runtime import parallel
from briefing.runtime.parallel import Workers
from tests.support.factories import small_corpus, write_article_md
from tests.support.forking import in_fresh_process
from tests.support.site import REPO

SETTINGS_TODAY = dict(now=__import__("datetime").datetime(2030, 1, 1, tzinfo=__import__("datetime").timezone.utc))


@pytest.fixture
def forking(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fork even for tiny inputs and on a one-CPU machine, in small chunks."""
    monkeypatch.setattr(parallel, "MIN_ITEMS", 1)
    monkeypatch.setattr(parallel, "CHUNK", 2)
    monkeypatch.setattr(parallel, "cpu_count", lambda: 2)


def snapshot(root: Path, workers: Workers) -> tuple[list[tuple[str, str, str]], list[str]]:
    result = build_pages(Settings(root=root, **SETTINGS_TODAY), RenderOptions(), render_with_errors=True, workers=workers)
    pages = [(p.uri, p.content, p.file_text) for p in result.pages]  # file_text: blocks in place
    return pages, [problem.format() for problem in result.corpus.log.sorted()]


@pytest.mark.parametrize("scenario", ["results_in_order", "worker_error", "killed_worker", "close_stops_workers"])
def test_forked_workers(scenario: str) -> None:
    """Results in order from other processes; a worker's error reaches the caller; a killed worker
    is an error (`WorkerDied`), never a wait; workers left running are stopped and their results
    removed (`tests/support/forking.py`, each in a fresh interpreter, which runs no thread)."""
    result = in_fresh_process(scenario)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_process_running_a_thread_is_never_forked(forking: None) -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        pending = Workers(2).map_indexes(lambda i: os.getpid(), 9)
        assert set(pending.get()) == {os.getpid()} and pending.processes == 1  # done here, serially
    finally:
        stop.set()
        thread.join()


def test_demo_site_pages_are_identical_with_and_without_workers() -> None:
    result = in_fresh_process("same_site_with_and_without_workers", str(REPO))
    assert result.returncode == 0, result.stdout + result.stderr
    assert int(result.stdout.split()[0]) > 20


def test_problems_are_the_same_with_and_without_workers(make_project) -> None:
    articles = small_corpus()
    articles["2024/2024-07-01-broken.md"] = write_article_md(title="Broken", actors=["Xi Jinpng"], topics=["nowhere"])
    result = in_fresh_process("same_site_with_and_without_workers", str(make_project(articles)))
    assert result.returncode == 0, result.stdout + result.stderr
    assert int(result.stdout.split()[2]) > 0  # the misspelt actor and the unknown topic, as many in both


def test_jobs_cap_the_workers(forking: None) -> None:
    assert Workers(1).count == 1 and Workers(2).count == 2 and Workers(5).count == 2 and Workers(0).count == 2
