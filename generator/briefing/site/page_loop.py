"""MkDocs' page loop on every CPU and from the build cache: the one module that drives MkDocs'
private build functions.

MkDocs 1.6.1 (frozen: its last 1.x release) and ProperDocs 1.6.7 (its maintained fork, which
answers `import mkdocs` with its own package) build pages in the same two serial loops inside
`mkdocs.commands.build.build` (compared line by line: only names and types differ): `_populate_page` (Markdown to HTML, with the plugins'
`page_markdown` and `page_content` events) and `_build_page` (the theme's template, the
`page_context` and `post_page` events, writing the file). At 10,000 articles those loops take
two thirds of a build on one core.

For a large one-off build, `ParallelPages.install` swaps both functions for the length of one
build:

- `_populate_page` converts only the pages in the navigation (the theme prints their titles on
  every page, and `404.html` is rendered before the page loop) and defers every other page;
- the first `_build_page` call forks one worker per CPU (`runtime.parallel.Workers`). The
  workers start with everything MkDocs and the plugins hold in memory, convert their share of
  the deferred pages and build their share of all pages, with the unchanged MkDocs functions.
  Pages are spread in chunks, and every worker runs exactly the code the serial loop runs, so
  the files written are byte-identical (`tests/integration/test_parallel_pages.py`);
- workers send back what the parent still needs: each page's log records (re-emitted in page
  order, so `--strict` counts warnings as usual) and its anchors (MkDocs checks `#anchor`
  links after the loop). Later `_build_page` calls return at once.

With the build store (the build store (`build/page_reuse.py`)), a generated page outside the navigation whose inputs
are unchanged (its Markdown and HTML blocks, the navigation, the site's configuration, theme,
and the versions of Briefing, MkDocs and Material: `environment_key`) is not converted or
rendered at all: its HTML, log records and anchors come from the cache. The rest are built as
above, and stored. The keys are planned before the loop when some pages must be written first
(`WrittenFirst`: the pages of a search part to index again, which Pagefind then reads while the
loop writes the others); those pages' log lines then come before the others'.

What a third-party plugin sees: every per-page event still runs once for every page, but in a
worker process, so state a plugin keeps in memory per page (a list of pages collected in
`on_page_content` for use in `on_post_build`, say) stays in the worker, and `page.content` is
unset in the parent after the loop. Such a site sets `jobs: 1`, which keeps the serial
loop (the reference path). A page taken from the build cache runs no per-page event at all (its
HTML is what those events made when it was built), and keeps, in `page.links_to_anchors`, only
the anchor links MkDocs' check after the loop could fail on; a plugin whose pages depend on
anything but their Markdown, the navigation, mkdocs.yml and the installed packages would also
set `cache: false`.
"""

from __future__ import annotations

import inspect
import logging
import os
from collections.abc import Callable, Sequence
from typing import Any

import mkdocs
from mkdocs.commands import build as mkdocs_build
from mkdocs.exceptions import BuildError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from briefing.build.codecs import PageEntry
from briefing.build.page_reuse import Outcome, PageEntries, PageResult, WrittenFirst, links_to_check, page_key
from briefing.runtime.parallel import Workers

MIN_PAGES = 1000  # below this, forking costs more than it saves
# The engines whose build loop this module was checked against, line by line: the package that
# answers `import mkdocs` (ProperDocs' `properdocs build` aliases `mkdocs` to itself), and its version.
VERIFIED = {"mkdocs": "1.6.1", "properdocs": "1.6.7"}
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


def engine() -> str:
    """The package that runs the build: `mkdocs`, or `properdocs` under `properdocs build`."""
    return str(mkdocs.__name__)


def engine_logger() -> logging.Logger:
    """The logger the engine's handlers (its console, `--strict`'s counter) are on: `properdocs`
    under ProperDocs, which makes `mkdocs` a child of it, else `mkdocs`."""
    return logging.getLogger(engine())


def check_mkdocs_internals() -> None:
    """Raise `InternalsChanged` unless the build loop is one this module was checked against."""
    name, version = engine(), mkdocs.__version__
    if VERIFIED.get(name) != version:
        known = " or ".join(f"{engine_name} {known}" for engine_name, known in VERIFIED.items())
        raise InternalsChanged(f"{name} {version} is installed; the parallel page build knows only {known}")
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


def page_loop_available() -> bool:
    """Whether MkDocs' page loop may be replaced; if not, says why once (the build goes on serially)."""
    try:
        check_mkdocs_internals()
    except InternalsChanged as exc:
        # Information, not a warning: the serial loop is the reference path, and `--strict` counts warnings.
        log.info(f"Briefing: pages are built by the engine's own loop, on one CPU and without the build cache: {exc}")
        return False
    return True


class _Recorder(logging.Handler):
    """Keeps a worker's log records for the parent instead of printing them."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


class ParallelPages:
    """Replaces MkDocs' two page loops for one build; `uninstall` puts MkDocs back."""

    def __init__(
        self,
        nav: Any,
        files: Files,
        workers: Workers,
        entries: PageEntries | None = None,
        inputs_of: Callable[[File], object | None] | None = None,
        on_worker_start: Callable[[], None] | None = None,
        first: WrittenFirst | None = None,
    ) -> None:
        self.nav = nav
        self.nav_pages = {id(page) for page in nav.pages}
        self.files = files
        self.workers = workers if len(files.documentation_pages()) >= MIN_PAGES else Workers(1)
        self.entries = entries  # the store's page entries, read in the parent before the workers fork
        self.inputs_of = inputs_of  # what a generated page is made from, or None: not kept
        self.on_worker_start = on_worker_start
        self.first = first
        self.deferred: set[int] = set()
        self.done = False
        self.processes = 1
        self.reused = 0
        self.built = 0
        # Site-relative output path (posix) -> key, for each page reused from the store or built
        # and kept under its key: its HTML is what that key stands for (the search bundles' keys).
        self.page_keys: dict[str, str] = {}
        self.parent_pid = os.getpid()
        self.recorder: _Recorder | None = None
        self.original_populate = mkdocs_build._populate_page
        self.original_build = mkdocs_build._build_page

    def install(self) -> None:
        mkdocs_build._populate_page = self._populate_page
        mkdocs_build._build_page = self._build_page

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
        outline = _nav_outline(self.nav.items) if self.entries is not None else []
        keys = [self._key(file, outline) for file in files]
        first: set[str] = set()
        if self.first is not None and self.entries is not None:
            first = self.first.pages({file.dest_uri: key for file, key in zip(files, keys) if key is not None})
        # The pages that go first (a search part to index while the rest are written), then the
        # others: one run of workers, forked before the search's thread starts, takes them in order.
        order = [i for i, file in enumerate(files) if file.dest_uri in first]
        order += [i for i, file in enumerate(files) if file.dest_uri not in first]

        def one(j: int) -> Outcome:
            i = order[j]
            return self._reuse_or_build(files[i], keys[i], config, doc_files, nav, env, dirty)

        pending = self.workers.map_indexes(one, len(order), background=True)
        self.processes = pending.processes
        if first and self.first is not None:
            pending.wait_for(len(first))
            self.first.written()
        outcomes: list[Outcome | None] = [None] * len(files)
        for i, made in zip(order, pending.get()):
            outcomes[i] = made
        errors: list[str] = []
        for file, outcome in zip(files, outcomes):
            assert outcome is not None
            if outcome.key is not None and self.entries is not None:
                entry = self.entries.settle(outcome)
                if entry is not None:
                    self.page_keys[file.dest_uri] = outcome.key  # posix, as MkDocs keeps it
                if outcome.reused:
                    assert entry is not None  # the worker found it sound in its copy of the same entries
                    self.reused += 1
                    _restore_from_entry(file, entry, self.files)
                    continue
            self.built += 1
            result = outcome.result
            assert result is not None
            if result.records and result.in_worker:
                _replay(result.records)
            if result.error is not None:
                errors.append(result.error)
                continue
            self._restore_anchors(file, result)
        if errors:
            raise BuildError(errors[0])
        if self.entries is not None:
            self.entries.flush()

    def _reuse_or_build(
        self, file: File, key: str | None, config: Any, doc_files: Sequence[File], nav: Any, env: Any, dirty: bool
    ) -> Outcome:
        """One page, in whichever process runs it: its HTML from the store when the inputs under
        `key` are unchanged (the parent does the store's bookkeeping), else built and kept."""
        found = False
        if key is not None and self.entries is not None:
            found, reused = self.entries.reuse(key, file.abs_dest_path)
            if reused:
                return Outcome(key, found, True, None, None)
        result = self._build_one(file, config, doc_files, nav, env, dirty)
        stored = None
        if key is not None and self.entries is not None and result.error is None:
            links = links_to_check(file.src_uri, result) if result.links_to_anchors is not None else None
            stored = self.entries.keep(key, file.abs_dest_path, result, links)
        return Outcome(key, found, False, stored, result)

    def _key(self, file: File, outline: object) -> str | None:
        if self.entries is None or self.inputs_of is None or file.page is None or id(file.page) not in self.deferred:
            return None
        inputs = self.inputs_of(file)
        return None if inputs is None else page_key(outline, file.src_uri, file.dest_uri, file.url, inputs)

    def _build_one(self, file: File, config: Any, doc_files: Sequence[File], nav: Any, env: Any, dirty: bool) -> PageResult:
        recorder = self._recording()
        start = len(recorder.records)
        page = file.page
        assert page is not None
        error = None
        try:
            if id(page) in self.deferred:
                self.original_populate(page, config, self.files, dirty)
            self.original_build(page, config, doc_files, nav, env, dirty, excluded=file.inclusion.is_excluded())  # type: ignore[no-untyped-call]
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
            in_worker=os.getpid() != self.parent_pid,
        )

    def _recording(self) -> _Recorder:
        """Log records of page builds: a worker hands them to the parent (which counts warnings for
        `--strict`) instead of printing them; the parent prints as usual and keeps a copy for the cache."""
        if self.recorder is None:
            self.recorder = _Recorder()
            mkdocs_logger = engine_logger()
            if os.getpid() != self.parent_pid:
                for handler in list(mkdocs_logger.handlers):
                    mkdocs_logger.removeHandler(handler)
                if self.on_worker_start is not None:
                    self.on_worker_start()
            mkdocs_logger.addHandler(self.recorder)
        return self.recorder

    def finish(self) -> None:
        """Stop copying log records (the parent's recorder outlives the page loop otherwise)."""
        if self.recorder is not None:
            engine_logger().removeHandler(self.recorder)
            self.recorder = None

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


def _replay(records: Sequence[tuple[str, int, str]]) -> None:
    for name, level, message in records:
        logging.getLogger(name).log(level, message)


def _nav_outline(items: Sequence[Any]) -> list[object]:
    """The navigation as every page's sidebar prints it: titles, URLs and nesting."""
    outline: list[object] = []
    for item in items:
        children = getattr(item, "children", None)
        outline.append([type(item).__name__, item.title, getattr(item, "url", None), _nav_outline(children) if children else []])
    return outline


def _restore_from_entry(file: File, entry: PageEntry, files: Files) -> None:
    """A page taken from the cache, in the parent: its log records logged (in page order), and
    its anchors and anchor links as MkDocs' check after the loop reads them, from the parent's
    own copy of the entry (workers send back only that they reused it)."""
    _replay(entry.records)
    page = file.page
    assert page is not None
    anchors, links = entry.anchors, entry.links
    page.present_anchor_ids = set(anchors) if anchors is not None else None
    if links is None:
        page.links_to_anchors = None
        return
    restored: dict[File, dict[str, str]] = {}
    for target_uri, pairs in links:
        target = files.get_file_from_path(target_uri)
        if target is not None:
            restored[target] = dict(pairs)
    page.links_to_anchors = restored
