"""MkDocs' page loop on every CPU: the one module that drives MkDocs' private build functions.

MkDocs 1.6.1 (frozen: its last 1.x release) builds pages in two serial loops inside
`mkdocs.commands.build.build`: `_populate_page` (Markdown to HTML, with the plugins'
`page_markdown` and `page_content` events) and `_build_page` (the theme's template, the
`page_context` and `post_page` events, writing the file). At 10,000 articles those loops take
two thirds of a build on one core.

For a large one-off build, `ParallelPages.install` swaps both functions for the length of one
build:

- `_populate_page` converts only the pages in the navigation (the theme prints their titles on
  every page, and `404.html` is rendered before the page loop) and defers every other page;
- the first `_build_page` call forks one worker per CPU (`runtime.parallel.map_indexes`). The
  workers start with everything MkDocs and the plugins hold in memory, convert their share of
  the deferred pages and build their share of all pages, with the unchanged MkDocs functions.
  Pages are spread in chunks, and every worker runs exactly the code the serial loop runs, so
  the files written are byte-identical (`tests/integration/test_parallel_pages.py`);
- workers send back what the parent still needs: each page's log records (re-emitted in page
  order, so `--strict` counts warnings as usual) and its anchors (MkDocs checks `#anchor`
  links after the loop). Later `_build_page` calls return at once.

What a third-party plugin sees: every per-page event still runs once for every page, but in a
worker process, so state a plugin keeps in memory per page (a list of pages collected in
`on_page_content` for use in `on_post_build`, say) stays in the worker, and `page.content` is
unset in the parent after the loop. Such a site sets `BRIEFING_JOBS=1`, which keeps the serial
loop (the reference path).
"""

from __future__ import annotations

import inspect
import logging
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import mkdocs
from mkdocs.commands import build as mkdocs_build
from mkdocs.exceptions import BuildError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from briefing.runtime.parallel import map_indexes, worker_count

MIN_PAGES = 1000  # below this, forking costs more than it saves
MKDOCS_VERSION = "1.6.1"
# The private functions replaced, with the parameters MkDocs calls them with.
EXPECTED_SIGNATURES = {
    "_populate_page": ("page", "config", "files", "dirty"),
    "_build_page": ("page", "config", "doc_files", "nav", "env", "dirty", "excluded"),
}
# How `build()` calls them: if MkDocs ever changes this, the swap must not happen.
EXPECTED_CALLS = ("_populate_page(file.page, config, files, dirty)", "_build_page(\n")

log = logging.getLogger("mkdocs.plugins.briefing")


class InternalsChanged(RuntimeError):
    """MkDocs' build functions are not the ones this module was written against."""


def check_mkdocs_internals() -> None:
    """Raise `InternalsChanged` unless MkDocs' build loop is the one of MkDocs 1.6.1."""
    if mkdocs.__version__ != MKDOCS_VERSION:
        raise InternalsChanged(f"MkDocs {mkdocs.__version__} is installed; the parallel page build knows only {MKDOCS_VERSION}")
    for name, parameters in EXPECTED_SIGNATURES.items():
        function = getattr(mkdocs_build, name, None)
        if function is None:
            raise InternalsChanged(f"mkdocs.commands.build.{name} no longer exists")
        found = tuple(inspect.signature(function).parameters)
        if found != parameters:
            raise InternalsChanged(f"mkdocs.commands.build.{name}{found} changed (expected {parameters})")
    source = inspect.getsource(mkdocs_build.build)
    for call in EXPECTED_CALLS:
        if call not in source:
            raise InternalsChanged(f"mkdocs.commands.build.build no longer calls {call.strip()}")


def parallel_jobs(page_count: int) -> int:
    """Worker processes for a one-off build of `page_count` pages (1: MkDocs' own serial loop)."""
    jobs = worker_count()
    if jobs <= 1 or page_count < MIN_PAGES:
        return 1
    try:
        check_mkdocs_internals()
    except InternalsChanged as exc:
        log.warning(f"Briefing: pages are built on one CPU: {exc}")
        return 1
    return jobs


@dataclass(frozen=True)
class PageResult:
    """What the parent needs back from a worker for one page."""

    records: tuple[tuple[str, int, str], ...]  # (logger name, level, message) in the order logged
    present_anchor_ids: frozenset[str] | None
    links_to_anchors: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] | None  # target src_uri -> (anchor, link)
    error: str | None = None


class _Recorder(logging.Handler):
    """Keeps a worker's log records for the parent instead of printing them."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


class ParallelPages:
    """Replaces MkDocs' two page loops for one build; `uninstall` puts MkDocs back."""

    def __init__(self, nav_pages: Sequence[Page], files: Files, on_worker_start: Callable[[], None] | None = None) -> None:
        self.nav_pages = {id(page) for page in nav_pages}
        self.files = files
        self.on_worker_start = on_worker_start
        self.deferred: set[int] = set()
        self.done = False
        self.parent_pid = os.getpid()
        self.recorder: _Recorder | None = None
        self.original_populate = mkdocs_build._populate_page
        self.original_build = mkdocs_build._build_page

    def install(self) -> None:
        mkdocs_build._populate_page = self._populate_page  # type: ignore[assignment]
        mkdocs_build._build_page = self._build_page  # type: ignore[assignment]

    def uninstall(self) -> None:
        mkdocs_build._populate_page = self.original_populate
        mkdocs_build._build_page = self.original_build

    def _populate_page(self, page: Page, config: Any, files: Files, dirty: bool = False) -> None:
        if id(page) in self.nav_pages:
            self.original_populate(page, config, files, dirty)
        else:
            self.deferred.add(id(page))

    def _build_page(
        self, page: Page, config: Any, doc_files: Sequence[File], nav: Any, env: Any, dirty: bool = False, excluded: bool = False
    ) -> None:
        if self.done:
            return
        self.done = True
        files = list(doc_files)

        def job(index: int) -> PageResult:
            return self._in_worker(files[index], config, doc_files, nav, env, dirty)

        results = map_indexes(job, len(files)).get()
        errors: list[str] = []
        for file, result in zip(files, results):
            for name, level, message in result.records:
                logging.getLogger(name).log(level, message)
            if result.error is not None:
                errors.append(result.error)
            self._restore_anchors(file, result)
        if errors:
            raise BuildError(errors[0])

    def _in_worker(self, file: File, config: Any, doc_files: Sequence[File], nav: Any, env: Any, dirty: bool) -> PageResult:
        recorder = self._recording()
        start = len(recorder.records)
        page = file.page
        assert page is not None
        error = None
        try:
            if id(page) in self.deferred:
                self.original_populate(page, config, self.files, dirty)
            self.original_build(page, config, doc_files, nav, env, dirty, excluded=file.inclusion.is_excluded())
        except Exception as exc:  # MkDocs has logged "Error building page ..."; the parent stops the build
            error = str(exc) or type(exc).__name__
        records = tuple(recorder.records[start:])
        del recorder.records[start:]
        links = page.links_to_anchors
        return PageResult(
            records=records,
            present_anchor_ids=frozenset(page.present_anchor_ids) if page.present_anchor_ids is not None else None,
            links_to_anchors=tuple((target.src_uri, tuple(anchors.items())) for target, anchors in links.items())
            if links is not None
            else None,
            error=error,
        )

    def _recording(self) -> _Recorder:
        """In a worker, MkDocs' log lines are recorded for the parent (which counts warnings)."""
        if self.recorder is None:
            self.recorder = _Recorder()
            if os.getpid() != self.parent_pid:  # (in the parent itself, MkDocs' handlers print as usual)
                mkdocs_logger = logging.getLogger("mkdocs")
                for handler in list(mkdocs_logger.handlers):
                    mkdocs_logger.removeHandler(handler)
                mkdocs_logger.addHandler(self.recorder)
                if self.on_worker_start is not None:
                    self.on_worker_start()
        return self.recorder

    def _restore_anchors(self, file: File, result: PageResult) -> None:
        page = file.page
        assert page is not None
        page.present_anchor_ids = set(result.present_anchor_ids) if result.present_anchor_ids is not None else None
        if result.links_to_anchors is None:
            page.links_to_anchors = None
            return
        links: dict[File, dict[str, str]] = {}
        for target_uri, anchors in result.links_to_anchors:
            target = self.files.get_file_from_path(target_uri)
            if target is not None:
                links[target] = dict(anchors)
        page.links_to_anchors = links
