"""One-off builds load and render large corpora in forked workers: same pages, same problems; a
worker that dies is an error, never a wait; a process running threads is never forked."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest

from briefing.model.settings import Settings
from briefing.pipeline import build_pages
from briefing.render.options import RenderOptions
from briefing.runtime import parallel
from briefing.runtime.parallel import WorkerDied, Workers
from tests.support.factories import small_corpus, write_article_md
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


def test_work_runs_in_other_processes_and_comes_back_in_order(forking: None) -> None:
    pending = Workers(2).map_indexes(lambda i: (i, os.getpid()), 9)
    results = pending.get()
    assert [i for i, _ in results] == list(range(9))
    assert os.getpid() not in {pid for _, pid in results} and pending.processes == 2


def test_a_worker_error_reaches_the_caller(forking: None) -> None:
    def fail_on_five(i: int) -> int:
        if i == 5:
            raise ValueError("article five is broken")
        return i

    with pytest.raises(ValueError, match="article five"):
        Workers(2).map_indexes(fail_on_five, 9).get()


def test_a_killed_worker_is_an_error_not_a_hang(forking: None) -> None:
    """A worker killed in the middle of its work (the OOM killer, a stray `kill -9`)."""

    def die_on_five(i: int) -> int:
        if i == 5:
            os.kill(os.getpid(), signal.SIGKILL)
        time.sleep(0.01)
        return i

    started = time.monotonic()
    with pytest.raises(WorkerDied, match="SIGKILL"):
        Workers(2).map_indexes(die_on_five, 40).get()
    assert time.monotonic() - started < 30


def test_workers_left_running_are_stopped_and_their_results_removed(forking: None) -> None:
    workers = Workers(2)
    pending = workers.map_indexes(lambda i: time.sleep(60), 4, background=True)
    assert pending.processes == 2
    (run,) = workers.runs
    processes, folder = list(run.processes), run.folder
    started = time.monotonic()
    workers.close()  # the build stopped (an error, Ctrl-C): the session closes its workers
    assert time.monotonic() - started < 10
    assert not any(process.is_alive() for process in processes) and not os.path.exists(folder)


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


def test_demo_site_pages_are_identical_with_and_without_workers(forking: None) -> None:
    forked = snapshot(REPO, Workers(2))
    serial = snapshot(REPO, Workers(1))
    assert forked == serial
    assert len(forked[0]) > 20


def test_problems_are_the_same_with_and_without_workers(forking: None, make_project) -> None:
    articles = small_corpus()
    articles["2024/2024-07-01-broken.md"] = write_article_md(title="Broken", actors=["Xi Jinpng"], topics=["nowhere"])
    root = make_project(articles)
    forked = snapshot(root, Workers(2))
    serial = snapshot(root, Workers(1))
    assert forked == serial
    assert any("Xi Jinpng" in problem for problem in forked[1])


def test_jobs_cap_the_workers(forking: None) -> None:
    assert Workers(1).count == 1 and Workers(2).count == 2 and Workers(5).count == 2 and Workers(0).count == 2
