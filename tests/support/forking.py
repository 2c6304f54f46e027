"""Scenarios of `runtime.parallel.Workers` that must fork, each run in a fresh interpreter
(`in_fresh_process`): a test process may run threads another test left behind (a browser driver,
a test server), and `Workers` never forks a process that runs threads."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from briefing.model.settings import Settings
from briefing.pipeline import build_pages
from briefing.render.options import RenderOptions
from briefing.runtime import parallel
from briefing.runtime.parallel import WorkerDied, Workers
from tests.support.site import REPO


def in_fresh_process(scenario: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `scenario` (a function of this module) with `args` in a new interpreter; it raises on failure."""
    code = f"import sys; from tests.support.forking import {scenario}; {scenario}(*sys.argv[1:])"
    return subprocess.run([sys.executable, "-c", code, *args], cwd=REPO, capture_output=True, text=True, timeout=300)


def _small_chunks() -> None:
    """Fork even for tiny inputs and on a one-CPU machine, in small chunks."""
    assert threading.active_count() == 1
    parallel.MIN_ITEMS = 1
    parallel.CHUNK = 2
    parallel.cpu_count = lambda: 2


def results_in_order() -> None:
    _small_chunks()
    pending = Workers(2).map_indexes(lambda i: (i, os.getpid()), 9)
    results = pending.get()
    assert [i for i, _ in results] == list(range(9)), results
    assert os.getpid() not in {pid for _, pid in results} and pending.processes == 2


def worker_error() -> None:
    _small_chunks()

    def fail_on_five(i: int) -> int:
        if i == 5:
            raise ValueError("article five is broken")
        return i

    try:
        Workers(2).map_indexes(fail_on_five, 9).get()
    except ValueError as exc:
        assert "article five" in str(exc)
    else:
        raise AssertionError("the worker's error did not reach the caller")


def killed_worker() -> None:
    """A worker killed in the middle of its work (the OOM killer, a stray `kill -9`)."""
    _small_chunks()
    parent = os.getpid()

    def die_on_five(i: int) -> int:
        if i == 5 and os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        time.sleep(0.01)
        return i

    started = time.monotonic()
    try:
        Workers(2).map_indexes(die_on_five, 40).get()
    except WorkerDied as exc:
        assert "SIGKILL" in str(exc), exc
    else:
        raise AssertionError("a killed worker was not an error")
    assert time.monotonic() - started < 30


def close_stops_workers() -> None:
    _small_chunks()
    workers = Workers(2)
    pending = workers.map_indexes(lambda i: time.sleep(60), 4, background=True)
    assert pending.processes == 2
    (run,) = workers.runs
    processes, folder = list(run.processes), run.folder
    started = time.monotonic()
    workers.close()  # the build stopped (an error, Ctrl-C): the session closes its workers
    assert time.monotonic() - started < 10
    assert not any(process.is_alive() for process in processes) and not os.path.exists(folder)


def same_site_with_and_without_workers(root: str) -> None:
    """The pages and problems of the project in `root`, built on two forked workers and in one process."""
    _small_chunks()

    def snapshot(workers: Workers) -> tuple[list[tuple[str, str, str]], list[str]]:
        settings = Settings(root=Path(root), now=dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc))
        result = build_pages(settings, RenderOptions(), render_with_errors=True, workers=workers)
        assert all(run.workers == 2 for run in workers.runs)  # it did fork (the runs are closed, their count kept)
        pages = [(p.uri, p.content, p.file_text) for p in result.pages]  # file_text: blocks in place
        return pages, [problem.format() for problem in result.corpus.log.sorted()]

    forking = Workers(2)
    forked = snapshot(forking)
    assert forking.runs or not forked[0], "nothing was forked"
    assert forked == snapshot(Workers(1))
    print(len(forked[0]), "outputs,", len(forked[1]), "problems")
