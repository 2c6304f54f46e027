"""A one-off build, without MkDocs: the `BuildSession` that owns what a build holds, and the
build's whole sequence in one function, `one_off_build`.

The session owns the build store (its folder checked, marked and locked), the worker
processes, the output folder's writer (its staging folders) and the Pagefind runs. It is a
context manager: leaving it, however the build ends (an error, a bad edit, Ctrl-C, SIGTERM),
stops the workers and Pagefind, removes every staging folder, closes the store and lets its
lock go; only a build that ended well prunes the store to what it used.

An engine drives the sequence. The MkDocs adapter (`site/plugin.py`) advances it from its
hooks: `next` in `on_pre_build`, `send` in `on_nav` and `on_post_build`, `close` from
`on_build_error` and `on_shutdown` (which MkDocs runs in a `finally`: on Ctrl-C too, when it
calls no `on_build_error`). An engine that runs no plugins (Zensical) would run the same steps
around its own build.
"""

from __future__ import annotations

import signal
import sys
import threading
import time
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any

from briefing.build.bundles import Bundles
from briefing.build.cache_folder import CacheFolder, CacheFolderError, check_dedicated
from briefing.build.page_reuse import PageEntries
from briefing.build.search_index import EarlyParts, IndexRun, SearchIndexError, index_site, parts_of
from briefing.build.site_folders import folders_of
from briefing.build.site_size import SiteSize, measure_site, over_budget
from briefing.build.store import Store
from briefing.build.stored import StoredReuse
from briefing.build.writer import SiteWriter
from briefing.model.problems import summarize
from briefing.model.settings import Settings, SiteOptions
from briefing.pipeline import BuildResult, build_pages
from briefing.render.options import RenderOptions
from briefing.runtime.heap import settle
from briefing.runtime.parallel import Workers
from briefing.runtime.timing import own_peak_mb


class BuildStopped(Exception):
    """The build cannot go on; the message says why in one line (the problems are logged)."""


@dataclass
class BuildRequest:
    """What a one-off build is asked to make, from the engine's configuration."""

    options: SiteOptions
    settings: Settings
    render_options: RenderOptions
    site_dir: Path
    docs_dir: Path
    environment: Callable[[], str]  # `build.environment.environment_key` of the resolved configuration
    dirty: bool = False

    @property
    def cache_dir(self) -> Path | None:
        if not self.options.cache or not self.options.cache_dir:
            return None
        return self.settings.root / self.options.cache_dir


@dataclass
class PagePlan:
    """What the engine's page loop works with (from the session), and what it reports back."""

    workers: Workers
    entries: PageEntries | None  # the store's page entries: pages whose key is unchanged are reused
    first: EarlyParts | None  # search parts indexed while the other pages are written
    page_keys: dict[str, str] = field(default_factory=dict)  # written page -> its key (it stands for the HTML)
    built: int = 0
    reused: int = 0
    processes: int = 1


@dataclass
class Written:
    """The engine's files: every file it writes (site-relative), and the pages it left unwritten."""

    files: Sequence[str]
    unwritten: Sequence[str] = ()


class BuildSession:
    """One one-off build's resources, released on every way out (see the module's docstring)."""

    def __init__(self, request: BuildRequest) -> None:
        self.request = request
        self.workers = Workers(request.options.jobs)
        self.cache: CacheFolder | None = None
        self.store: Store | None = None
        self.reuse: StoredReuse | None = None
        self.writer = SiteWriter(request.site_dir, None, request.dirty, request.options.minify)
        self.plan: PagePlan | None = None
        self.result: BuildResult | None = None
        self.started = time.perf_counter()
        self.pages_started = 0.0
        self.pages_seconds = 0.0
        self.notes: list[str] = []  # lines for the engine to log (it owns the log)
        self.size: SiteSize | None = None
        self._signals: Any = None

    def __enter__(self) -> BuildSession:
        self._catch_sigterm()
        try:
            self._open_store()
            self.writer.start()
        except BaseException:
            self.__exit__(*sys.exc_info())
            raise
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        try:
            if self.plan is not None and self.plan.first is not None:
                self.plan.first.finish()
            self.workers.close()
            if kind is not None:
                self.writer.abandon()
            self.writer.close()
            if self.store is not None:
                if kind is None:
                    self.store.prune()
                self.store.close()
            if self.cache is not None and kind is None:
                self.cache.close()
            elif self.cache is not None:
                self.cache.remove()  # a folder this build made goes with it
        finally:
            self._release_sigterm()

    # ------------------------------------------------------------ the steps, in order

    def run_core(self) -> BuildResult:
        """Load, index and render; a bad edit stops the build here, before anything is written."""
        self.result = build_pages(self.request.settings, self.request.render_options, reuse=self.reuse, workers=self.workers, settle=settle)
        if not self.result.ok:
            problems = self.result.corpus.log.sorted()
            raise BuildStopped(f"Briefing found {summarize(problems)} in the articles or registries; nothing was built.")
        if self.reuse is not None:
            self.reuse.flush()  # only now: a build stopped by a bad edit leaves the store as it was
        self.pages_started = time.perf_counter()  # the engine's part starts: its files, its pages
        return self.result

    def plan_pages(self, written: Written) -> PagePlan:
        """The engine knows its files: place the folders made ahead, read the page entries, and
        plan the search parts to index while the pages are written."""
        settle()  # the engine's files, pages and navigation live until the end too (`runtime.heap`)
        self.writer.place_folders(folders_of(written.files))
        entries = PageEntries(self.store) if self.store is not None else None
        first = None
        if self.store is not None and self.request.options.pagefind and self.result and self.result.pages:
            first = EarlyParts(self.request.site_dir, self.search_parts(), written.files, Bundles(self.store), self.request.options.jobs)
        self.plan = PagePlan(self.workers, entries, first)
        return self.plan

    def finish_pages(self, written: Written) -> None:
        self.pages_seconds = time.perf_counter() - self.pages_started
        self.writer.pages_written(list(written.unwritten))

    def index_search(self) -> IndexRun | None:
        """Pagefind over the written site, in parts side by side; unchanged parts from the store."""
        if not (self.request.options.pagefind and self.result and self.result.pages):
            return None
        plan = self.plan
        known = plan.page_keys if plan is not None and plan.entries is not None else None
        bundles = Bundles(self.store) if self.store is not None else None
        try:
            return index_site(
                self.request.site_dir,
                self.search_parts(),
                cache=bundles,
                known=known,
                early=plan.first if plan else None,
                jobs=self.request.options.jobs,
            )
        except SearchIndexError as exc:
            raise BuildStopped(str(exc)) from None

    def search_parts(self) -> list[list[str]]:
        assert self.result is not None
        return parts_of((a.uri for a in self.result.corpus.articles), self.request.options.search_part_pages)

    def site_size(self) -> SiteSize:
        """The written site, the search index included (`build.site_size`)."""
        self.size = measure_site(self.request.site_dir)
        return self.size

    def budget_warning(self) -> str | None:
        options = self.request.options
        return over_budget(self.size, options.size_budget_mb, options.file_budget) if self.size is not None else None

    def summary(self, search: IndexRun | None, build_peak: float | None) -> str:
        """One line saying where the time went, what came from the store, and the memory used."""
        assert self.result is not None
        plan = self.plan
        pages = ""
        if plan is not None:
            pages = f" ({plan.built:,} built, {plan.reused:,} from the cache)" if plan.entries is not None else ""
            pages += f" on {plan.processes} processes" if plan.processes > 1 else ""
        parts = [f"Briefing: {self.result.timings.summary()}", f"MkDocs pages {self.pages_seconds:.1f} s{pages}"]
        folders = self.writer.folders
        if folders is not None and folders.placed:
            waited = f", waited {folders.waited:.1f} s for" if folders.waited >= 0.1 else ""
            parts.append(f"site folders {len(folders.placed):,} made ahead{waited}")
        if search is not None:
            bundles = f"{search.parts + 1} bundles, {search.concurrent} at a time" if search.parts else ""
            reused = f"{search.reused} from the cache" if self.store is not None else ""
            early = f"{search.early} indexed while pages were written" if search.early else ""
            detail = "; ".join(x for x in (bundles, reused, early) if x)
            parts.append(f"Pagefind {search.seconds:.1f} s" + (f" ({detail})" if detail else ""))
        if self.size is not None:
            parts.append(self.size.describe())
        parts.append(f"total {time.perf_counter() - self.started:.1f} s")
        peaks = [f"{who} {mb:.0f} MB" for who, mb in (("build", build_peak), ("Pagefind", search and search.peak_mb)) if mb]
        if peaks:
            parts.append("peak memory " + ", ".join(peaks))
        return "; ".join(parts)

    def store_report(self) -> str | None:
        return self.store.report() if self.store is not None else None

    # ------------------------------------------------------------ resources

    def _open_store(self) -> None:
        folder = self.request.cache_dir
        if folder is None:
            return
        owned = {
            "articles": self.request.settings.articles_path,
            "registries": self.request.settings.data_path,
            "docs": self.request.docs_dir,
            "site": self.request.site_dir,
        }
        try:
            check_dedicated(folder, self.request.settings.root, owned)
            self.cache = CacheFolder.open(folder)
        except CacheFolderError as exc:
            raise BuildStopped(f"Briefing: {exc}") from None
        if self.cache is None:
            self.notes.append(f"Briefing: another build is using the build cache in {folder}; this one builds without it")
            return
        self.store = Store(self.cache)
        self.reuse = StoredReuse(self.store, self.request.environment())
        self.writer = SiteWriter(self.request.site_dir, self.store, self.request.dirty, self.request.options.minify)

    def _catch_sigterm(self) -> None:
        """SIGTERM (a CI job cancelled) stops the build as Ctrl-C does, so it cleans up too."""
        if threading.current_thread() is threading.main_thread():
            self._signals = signal.signal(signal.SIGTERM, _interrupt)

    def _release_sigterm(self) -> None:
        if self._signals is not None:
            signal.signal(signal.SIGTERM, self._signals)
            self._signals = None


def _interrupt(number: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


@dataclass
class CoreDone:
    result: BuildResult


@dataclass
class PagesPlanned:
    plan: PagePlan


@dataclass
class Finished:
    summary: str
    report: str | None
    warning: str | None = None  # the site past its budget (`build.site_size`)


Step = CoreDone | PagesPlanned | Finished


def one_off_build(session: BuildSession) -> Generator[Step, Written | None, None]:
    """A one-off build from start to end, in order: the one function to read.

    The engine sends what only it knows (its files, once it has them; that its pages are
    written) and receives what it needs (the pages to add, the page plan, the summary line).
    """
    with session:
        result = session.run_core()  # 1. load, index, render: a bad edit stops here; nothing is written yet
        written = yield CoreDone(result)  # 2. the engine cleans the site folder and lists its files, the pages included
        assert written is not None
        plan = session.plan_pages(written)  # 3. the folders made ahead placed, the page entries read, early search parts planned
        written = yield PagesPlanned(plan)  # 4. the engine writes the pages: unchanged ones from the store, the rest on every CPU
        assert written is not None
        session.finish_pages(written)  # 5. the folders of pages left unwritten removed, the folders kept for the next build
        build_peak = own_peak_mb()  # the engine and Briefing, before Pagefind runs beside them
        search = session.index_search()  # 6. Pagefind over the written site, unchanged parts from the store
        session.site_size()  # 7. the whole site measured against its budget
        finished = Finished(session.summary(search, build_peak), session.store_report(), session.budget_warning())
    yield finished  # 8. the session is left: the store pruned to what this build used, its lock let go
