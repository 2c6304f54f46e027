"""Spread a large, independent piece of a one-off build over the machine's CPUs.

MkDocs builds on one core; Briefing's own core (parsing 10,000 articles, rendering their
pages) does not have to. Worker processes are forked, so they start with the parent's
corpus, registries and index already in memory and only results travel back (pickled).
Results come back in input order, so the output does not depend on scheduling.

Forking is used only where it is cheap and safe: Linux, a large enough batch, and no
caches to keep consistent (`mkdocs serve` renders a few pages per edit and stays serial).
`BRIEFING_JOBS=1` turns it off; `BRIEFING_JOBS=N` caps the number of processes.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from multiprocessing.pool import AsyncResult, Pool
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 1000  # below this, starting processes costs more than it saves
CHUNK = 250  # items per task: small enough to balance, large enough to batch the pickling

_job: Callable[[int], object] | None = None  # set in the parent just before forking


def worker_count() -> int:
    """How many processes a parallel step may use (1: run in this process)."""
    if sys.platform != "linux" or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    limit = os.environ.get("BRIEFING_JOBS", "").strip()
    if limit.isdigit() and int(limit) > 0:
        return min(cpus, int(limit))
    return cpus


def _run_chunk(bounds: tuple[int, int]) -> list[object]:
    assert _job is not None
    return [_job(i) for i in range(bounds[0], bounds[1])]


class Pending(Generic[T]):
    """Results being computed; `get()` waits for them, in input order."""

    def __init__(self, results: list[T] | None = None, pool: Pool | None = None, parts: AsyncResult[list[list[Any]]] | None = None) -> None:
        self._results = results
        self._pool = pool
        self._parts = parts

    def get(self) -> list[T]:
        if self._results is None:
            assert self._parts is not None and self._pool is not None
            try:
                self._results = [item for part in self._parts.get() for item in part]  # re-raises a worker's error
            finally:
                self._pool.terminate()
                self._pool.join()
        return self._results


def map_indexes(job: Callable[[int], T], count: int, background: bool = False) -> Pending[T]:
    """`[job(0), ..., job(count - 1)]`, in forked workers when worth it.

    `job` runs in a copy of this process: it may read anything the parent had built, but what
    it changes stays in the worker. With `background`, the caller may go on working (on the
    parent's CPU share) and call `get()` later; otherwise the results are ready on return.
    """
    workers = worker_count()
    if workers <= 1 or count < MIN_ITEMS:
        return Pending([job(i) for i in range(count)])
    global _job
    _job = job
    try:
        pool = multiprocessing.get_context("fork").Pool(workers)
    finally:
        _job = None  # the children already hold their copy
    chunks = [(start, min(start + CHUNK, count)) for start in range(0, count, CHUNK)]
    pending: Pending[T] = Pending(pool=pool, parts=pool.map_async(_run_chunk, chunks, chunksize=1))
    if not background:
        pending.get()
    return pending


def map_items(job: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """`[job(item) for item in items]`, in forked workers when worth it."""
    return map_indexes(lambda i: job(items[i]), len(items)).get()
