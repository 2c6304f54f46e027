"""Spread a large, independent piece of a one-off build over the machine's CPUs.

MkDocs builds on one core; Briefing's own core (parsing 10,000 articles, rendering their
pages) does not have to. Worker processes are forked, so they start with the parent's
corpus, registries and index already in memory and only results travel back (pickled).
Results come back in input order, so the output does not depend on scheduling.

No `multiprocessing.Pool`: a pool runs three threads in the parent and forks a new worker
from that threaded process whenever one dies, and a worker killed in the middle of a task
leaves the pool waiting for that task forever. Here the parent forks its workers at once,
only while it runs no other thread (a forked copy of a threaded process may inherit a lock
some thread held: it is never made; the work then runs in this process), and keeps no
thread of its own. Workers take chunks of the input in turn (a counter in shared memory),
write each chunk's results to a file of their own and say so on a pipe, so they never wait
for the parent, which may go on working meanwhile (`background`). A worker that ends
without finishing its work, killed or crashed, is an error (`WorkerDied`), never a wait.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import shutil
import signal
import sys
import tempfile
import threading
import traceback
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 1000  # below this, starting processes costs more than it saves
CHUNK = 250  # items per task: small enough to balance, large enough to batch the pickling
SHARED_MEMORY = "/dev/shm"  # where the results wait for the parent, if the system has it


class WorkerDied(RuntimeError):
    """A worker process ended before its work was done (killed, or out of memory)."""


def cpu_count() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def worker_count(jobs: int = 0) -> int:
    """How many processes a parallel step may use: `jobs` (0: one per CPU), at most one per CPU,
    and 1 where processes cannot be forked (not Linux)."""
    if sys.platform != "linux" or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    cpus = cpu_count()
    return min(cpus, jobs) if jobs > 0 else cpus


def may_fork() -> bool:
    """Whether this process may be forked: it runs no other thread (`mkdocs serve` does, a build
    indexing its search early does), whose locks a forked copy could inherit taken."""
    return threading.active_count() == 1


class Pending(Generic[T]):
    """Results being computed; `get()` waits for them, in input order."""

    def __init__(self, results: list[T] | None = None, run: _Run | None = None) -> None:
        self._results = results
        self._run = run
        self.processes = run.workers if run is not None else 1  # the processes computing them

    def wait_for(self, count: int) -> None:
        """Wait until the results of the first `count` items are ready (they come first)."""
        if self._run is not None:
            self._run.wait_for(count)

    def get(self) -> list[T]:
        if self._results is None:
            assert self._run is not None
            try:
                self._results = self._run.results()
            finally:
                self._run.close()
        return self._results


class Workers:
    """The processes a one-off build may use (`SiteOptions.jobs`), and the runs it started, so that
    a build that stops (an error, Ctrl-C) stops them too (`close`)."""

    def __init__(self, jobs: int = 0) -> None:
        self.jobs = jobs
        self.runs: list[_Run] = []

    @property
    def count(self) -> int:
        return worker_count(self.jobs)

    def map_indexes(self, job: Callable[[int], T], count: int, background: bool = False) -> Pending[T]:
        """`[job(0), ..., job(count - 1)]`, in forked workers when worth it.

        `job` runs in a copy of this process: it may read anything the parent had built, but what
        it changes stays in the worker. With `background`, the caller may go on working (on the
        parent's CPU share) and call `get()` later; otherwise the results are ready on return.
        """
        workers = min(self.count, -(-count // CHUNK))
        if workers <= 1 or count < MIN_ITEMS or not may_fork():
            return Pending([job(i) for i in range(count)])
        run = _Run(job, count, workers)
        self.runs.append(run)
        pending: Pending[T] = Pending(run=run)
        if not background:
            pending.get()
        return pending

    def map_items(self, job: Callable[[T], R], items: Sequence[T]) -> list[R]:
        """`[job(item) for item in items]`, in forked workers when worth it."""
        return self.map_indexes(lambda i: job(items[i]), len(items)).get()

    def close(self) -> None:
        """Stop every worker still running and remove what they wrote."""
        for run in self.runs:
            run.close()
        self.runs = []


class _Run:
    """One forked run: the workers, the chunks they share, and the folder their results wait in."""

    def __init__(self, job: Callable[[int], Any], count: int, workers: int) -> None:
        self.workers = workers
        self.chunks = [(start, min(start + CHUNK, count)) for start in range(0, count, CHUNK)]
        self.folder = tempfile.mkdtemp(prefix="briefing-workers-", dir=SHARED_MEMORY if os.path.isdir(SHARED_MEMORY) else None)
        self.done: set[int] = set()
        self.processes: list[BaseProcess] = []
        self.running: list[BaseProcess] = []  # not yet seen to end
        self.readers: list[Connection] = []
        context = multiprocessing.get_context("fork")
        next_chunk = context.Value("i", 0)  # in shared memory, with its own lock: no thread in the parent
        for _ in range(workers):
            reader, writer = context.Pipe(duplex=False)
            process = context.Process(target=_work, args=(job, self.chunks, next_chunk, self.folder, writer), daemon=True)
            process.start()
            writer.close()
            self.processes.append(process)
            self.running.append(process)
            self.readers.append(reader)

    def wait_for(self, count: int) -> None:
        needed = {n for n, (start, _) in enumerate(self.chunks) if start < count}
        while not needed <= self.done:
            if not self.readers and not self.running:
                raise WorkerDied("the worker processes ended before their work was done; nothing was built from it")
            self._receive()

    def results(self) -> list[Any]:
        self.wait_for(self.chunks[-1][1])
        results: list[Any] = []
        for number in range(len(self.chunks)):
            with open(self._path(number), "rb") as stored:
                results += pickle.load(stored)
        return results

    def _receive(self) -> None:
        """Wait for news: chunks done, or a worker that ended (an error unless it ended well)."""
        sentinels = {process.sentinel: process for process in self.running}
        ready = wait([*self.readers, *sentinels])
        for reader in [r for r in self.readers if r in ready]:
            try:
                while reader.poll():
                    self.done.add(int.from_bytes(reader.recv_bytes(), "big"))
            except EOFError:  # the worker has ended: its sentinel says how
                self.readers.remove(reader)
                reader.close()
        for sentinel, process in sentinels.items():
            if sentinel in ready:
                process.join()
                if process.exitcode != 0:
                    self._failed(process)
                self.running.remove(process)

    def _failed(self, process: BaseProcess) -> None:
        error_file = os.path.join(self.folder, f"error-{process.pid}")
        if os.path.exists(error_file):
            with open(error_file, "rb") as stored:
                error = pickle.load(stored)
            raise error
        code = process.exitcode or 0
        how = f"signal {signal.Signals(-code).name}" if code < 0 else f"exit code {code}"
        raise WorkerDied(f"a worker process ended before its work was done ({how}); nothing was built from its share")

    def _path(self, number: int) -> str:
        return os.path.join(self.folder, f"chunk-{number}")

    def close(self) -> None:
        for process in self.processes:
            if process.is_alive():
                process.kill()
            process.join()
        for reader in self.readers:
            reader.close()
        self.processes, self.running, self.readers = [], [], []
        shutil.rmtree(self.folder, ignore_errors=True)


def _work(job: Callable[[int], Any], chunks: list[tuple[int, int]], next_chunk: Any, folder: str, done: Connection) -> None:
    """In a worker: take chunks until none is left, writing each one's results to its file."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C: the parent stops the build and cleans up
    try:
        while True:
            with next_chunk.get_lock():
                number = next_chunk.value
                next_chunk.value = number + 1
            if number >= len(chunks):
                return
            start, end = chunks[number]
            results = [job(i) for i in range(start, end)]
            path = os.path.join(folder, f"chunk-{number}")
            with open(path + ".tmp", "wb") as stored:
                pickle.dump(results, stored, protocol=pickle.HIGHEST_PROTOCOL)
            os.rename(path + ".tmp", path)
            done.send_bytes(number.to_bytes(4, "big"))
    except Exception as exc:
        with open(os.path.join(folder, f"error-{os.getpid()}"), "wb") as stored:
            try:
                pickle.dump(exc, stored)
            except Exception:  # an error that cannot travel: its text does
                stored.seek(0)
                stored.truncate()
                pickle.dump(RuntimeError("".join(traceback.format_exception(exc))), stored)
        with contextlib.suppress(OSError):
            done.close()
        sys.exit(1)
