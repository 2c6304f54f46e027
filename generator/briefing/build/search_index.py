"""The search index: Pagefind over the built site, in parts once the site is large.

Pagefind holds its whole index in memory while writing it, about 300 bytes per indexed word
(2.7 GB at 10,000 articles), so its peak grows with the corpus. Past `max_pages` articles the
site is indexed in parts: one Pagefind run for everything but the articles (the primary
bundle, `pagefind/`) and one per run of consecutive months of articles (`pagefind/part-N/`),
each with a bounded share of the memory. The browser searches them as one: the primary's
`briefing-parts.json` lists the parts, and the search script merges them (Pagefind's
`mergeIndex`; merged parts reuse the primary's WebAssembly and their filters are combined).

A build indexes the site once MkDocs has written it; under `mkdocs serve`, `BackgroundIndexer`
re-indexes in a thread once edits pause, so the preview reloads without waiting for search.
One-off builds index the bundles side by side (one Pagefind per CPU) and, with a build cache,
copy a bundle whose pages did not change from the previous build instead of indexing it again.
A bundle's key names each of its pages by the page loop's build-cache key where the loop has
one (`known`: equal keys mean equal HTML, the premise of the page cache), and by a hash of its
bytes otherwise (navigation pages, 404.html): a warm build reads only the pages it cannot vouch for.
Nothing here imports MkDocs: the plugin turns `SearchIndexError` into its own error.
"""

from __future__ import annotations

import json
import logging
import math
import os
import posixpath
import shutil
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from importlib.metadata import version as metadata_version
from pathlib import Path

from briefing.build.bundles import Bundles
from briefing.build.digests import digest, digest_files
from briefing.build.pagefind_stable import stabilize_bundle
from briefing.model.entities import COLLECTIONS
from briefing.runtime.parallel import worker_count
from briefing.runtime.timing import Cancelled, run_with_peak

log = logging.getLogger("mkdocs.plugins.briefing")

BUNDLE = "pagefind"
PARTS_MANIFEST = "briefing-parts.json"
STAGING = ".briefing-pagefind"  # bundles are written here, then moved into BUNDLE
EARLY_STAGING = ".briefing-pagefind-early"  # parts indexed while the page loop runs (`EarlyParts`)
ENTRY_FOLDERS = COLLECTIONS  # where entry pages are (`model.urls.entity_uri`)
SERVE_DELAY = 3.0  # seconds of quiet after a preview build before search re-indexes


class SearchIndexError(Exception):
    """Pagefind failed; the message carries its output."""


@dataclass(frozen=True)
class IndexRun:
    seconds: float
    peak_mb: float | None  # the largest single Pagefind run's own peak
    parts: int  # bundles merged into the primary one (0: a single index)
    concurrent: int = 1  # Pagefind runs at a time
    reused: int = 0  # bundles copied from the build cache
    early: int = 0  # bundles indexed while the page loop wrote the other pages (`EarlyParts`)


def plan_parts(article_months: Mapping[str, int], max_pages: int) -> list[list[str]]:
    """Month folders of article pages (`articles/2024/05`, with their article counts) grouped,
    in order, into parts of about equal size and at most `max_pages` articles (unless one month
    alone is larger); [] when one index will do."""
    total = sum(article_months.values())
    if max_pages <= 0 or total <= max_pages:
        return []
    target = total / math.ceil(total / max_pages)
    parts: list[list[str]] = []
    current: list[str] = []
    size = 0
    for month in sorted(article_months):
        count = article_months[month]
        if current and (size >= target or size + count > max_pages):
            parts.append(current)
            current, size = [], 0
        current.append(month)
        size += count
    if current:
        parts.append(current)
    return parts


def index_site(
    site_dir: Path,
    parts: Sequence[Sequence[str]],
    nice: bool = False,
    cache: Bundles | None = None,
    known: Mapping[str, str] | None = None,
    cancel: threading.Event | None = None,
    early: EarlyParts | None = None,
    jobs: int = 0,
) -> IndexRun:
    """Run Pagefind over `site_dir` (once, or once per part plus the rest) and write the manifest.

    Each bundle is written beside the site first and moved into `pagefind/` when all are done.
    With a `cache`, a bundle whose pages are those of an earlier build is copied from it
    instead of indexed again: after a one-article edit, only the part holding that article
    (and the primary bundle, if the lists naming it changed: a new title) is re-indexed.
    `known` maps pages (site-relative posix paths) to a digest of how they were made, which
    stands for their bytes in the bundle's key; the pages are still listed from disk, and
    those not in it are hashed. Setting `cancel` stops the run (`runtime.timing.Cancelled`)
    and leaves the site's bundle as it was. `early` holds the parts indexed while the pages
    were written: a bundle is taken from it when its key is the one planned.
    """
    started = time.perf_counter()
    bundle = site_dir / BUNDLE
    staging = site_dir / STAGING
    if staging.exists():
        shutil.rmtree(staging)
    runs: list[tuple[str, str | None, list[str]]] = []  # bundle name, glob, the top-level folders it covers
    if not parts:
        runs.append(("", None, []))
    else:
        article_roots = {folder.split("/", 1)[0] for part in parts for folder in part}
        runs.append(("", _everything_but(site_dir, article_roots), sorted(article_roots)))
        runs += _part_runs(parts)
    names = [name + "/" for name, _, _ in runs if name]

    def index(run: tuple[str, str | None, list[str]]) -> tuple[float | None, str]:
        """Index one bundle: its Pagefind peak, and how: "indexed", "cached" or "early"."""
        name, glob, folders = run
        if cancel is not None and cancel.is_set():
            raise Cancelled
        output = staging / (name or "primary")
        key = None
        if cache is not None:
            key = bundle_key(name, glob, _pages_of(site_dir, folders, primary=not name), site_dir, known)
            taken = early.take(key) if early is not None else None
            if taken is not None:
                folder, peak = taken
                output.parent.mkdir(parents=True, exist_ok=True)
                folder.rename(output)
                cache.put(key, output)
                return peak, "early"
            if cache.link(key, output):
                return None, "cached"
        with slots:
            peak = _pagefind(site_dir, output, glob, nice, cancel)
        if key is not None and cache is not None:
            cache.put(key, output)
        return peak, "indexed"

    # The bundles are independent: one-off builds index them side by side, one per CPU (each run's
    # memory is bounded by its part). A preview indexes one at a time, in the background.
    jobs = 1 if nice else min(worker_count(jobs), len(runs))
    # At most `jobs` Pagefind runs at a time, counting a part still being indexed early (its
    # memory is alive meanwhile); the early parts not started yet are indexed here instead.
    slots = threading.BoundedSemaphore(jobs) if early is None else early.take_over()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        outcomes = list(pool.map(index, runs))
    if bundle.exists():
        shutil.rmtree(bundle)
    (staging / "primary").rename(bundle)
    for name in names:
        (staging / name.rstrip("/")).rename(bundle / name.rstrip("/"))
    shutil.rmtree(staging)
    (bundle / PARTS_MANIFEST).write_text(json.dumps({"parts": names}) + "\n", encoding="utf-8")
    peaks = [peak for peak, _ in outcomes if peak]
    reused = sum(1 for _, how in outcomes if how == "cached")
    indexed_early = sum(1 for _, how in outcomes if how == "early")
    return IndexRun(time.perf_counter() - started, max(peaks) if peaks else None, len(names), jobs, reused, indexed_early)


def bundle_key(name: str, glob: str | None, pages: Iterable[Path], site_dir: Path, known: Mapping[str, str] | None) -> str:
    """The build-cache key of a bundle: Pagefind's version, the bundle's name and glob, and its
    pages (by how they were made where `known` says, else by their bytes)."""
    return digest("pagefind", metadata_version("pagefind"), name, glob, digest_files(pages, site_dir, known))


class EarlyParts:
    """Search parts whose pages changed, indexed while the page loop writes the other pages.

    After a one-article edit, a warm build indexes again the part holding that article: at
    10,000 articles, two seconds of Pagefind that used to start only once every page was
    written. The page loop (`site/page_loop.py`) plans each page's build-cache key before it
    starts; from those, a part's bundle key is the one `index_site` will compute from the
    written files, so the parts the cache lacks are known before their pages are on disk. The
    loop writes those parts' pages first (`pages`); their Pagefind runs start (`written`), one
    at a time, while it writes the rest. `index_site` takes a bundle only if the key it
    computes from the files on disk is the one planned (`take`); anything else is indexed as
    usual, and `finish` stops and removes what was not taken."""

    def __init__(self, site_dir: Path, parts: Sequence[Sequence[str]], written: Iterable[str], cache: Bundles, jobs: int = 0) -> None:
        self.site_dir = site_dir
        self.parts = parts
        self.html = sorted(uri for uri in written if uri.endswith(".html"))  # every page the build writes, site-relative
        self.cache = cache
        self.stale: list[tuple[str, str, str]] = []  # name, glob, key
        self.runs: dict[str, tuple[str, Future[float | None]]] = {}  # key -> (name, run)
        self.pool: ThreadPoolExecutor | None = None
        self.stop = threading.Event()
        self.slots = threading.BoundedSemaphore(worker_count(jobs))  # Pagefind runs at a time, with `index_site`'s

    def pages(self, planned: Mapping[str, str]) -> set[str]:
        first: set[str] = set()
        for name, glob, months in _part_runs(self.parts):
            folders = tuple(month + "/" for month in months)
            pages = [uri for uri in self.html if uri.startswith(folders)]
            if not pages or any(uri not in planned for uri in pages):
                continue  # a page without a planned key counts by its bytes, unknown until written
            key = bundle_key(name, glob, (self.site_dir / uri for uri in pages), self.site_dir, planned)
            if not self.cache.has(key):
                self.stale.append((name, glob, key))
                first.update(pages)
        return first

    def written(self) -> None:
        if not self.stale:
            return
        self.pool = ThreadPoolExecutor(max_workers=1)  # beside the page loop's workers
        for name, glob, key in self.stale:
            self.runs[key] = (name, self.pool.submit(self._index, name, glob))

    def _index(self, name: str, glob: str) -> float | None:
        with self.slots:
            return _pagefind(self.site_dir, self.site_dir / EARLY_STAGING / name, glob, False, self.stop)

    def take_over(self) -> threading.BoundedSemaphore:
        """The pages are written: the runs not started yet are dropped (`index_site` runs them,
        side by side), and what `index_site` shares with the one still running, if any."""
        for _, run in self.runs.values():
            run.cancel()
        return self.slots

    def take(self, key: str) -> tuple[Path, float | None] | None:
        """The bundle indexed early under `key` and its Pagefind peak, once its run is done; None
        if there is none (or it failed, or had not started: then it is indexed as usual)."""
        name, run = self.runs.pop(key, ("", None))
        if run is None or run.cancel():
            return None
        try:
            peak = run.result()
        except (SearchIndexError, Cancelled):
            return None
        return self.site_dir / EARLY_STAGING / name, peak

    def finish(self) -> None:
        """Stop the runs not taken and remove their bundles."""
        self.stop.set()
        for _, run in self.runs.values():
            run.cancel()
        if self.pool is not None:
            self.pool.shutdown(wait=True)
        self.runs = {}
        shutil.rmtree(self.site_dir / EARLY_STAGING, ignore_errors=True)


def _pages_of(site_dir: Path, folders: Sequence[str], primary: bool) -> list[Path]:
    """The HTML files a bundle hands to Pagefind: those in `folders` for a part; for the primary
    bundle, those its glob matches (`_primary_patterns`)."""
    if not primary:
        return [page for folder in folders for page in _html_files_below(site_dir / folder)]
    return sorted({page for pattern in _primary_patterns(site_dir, set(folders)) for page in site_dir.glob(pattern)})


def _html_files_below(folder: Path) -> list[Path]:
    """The HTML files anywhere below `folder`, as `rglob("*.html")` finds them but with `os.walk`:
    at 10,000 articles pathlib's walk took 1.6 s of a warm build."""
    return [Path(root, name) for root, _, names in os.walk(folder) for name in names if name.endswith(".html")]


def _part_runs(parts: Sequence[Sequence[str]]) -> list[tuple[str, str, list[str]]]:
    """Each part's bundle: its name, its glob and the article folders (months) it covers."""
    return [(f"part-{number}", _articles_of(months), list(months)) for number, months in enumerate(parts, 1)]


def _articles_of(folders: Sequence[str]) -> str:
    return f"{{{','.join(folders)}}}/**/*.html"


def _everything_but(site_dir: Path, skipped: set[str]) -> str:
    """A glob for the pages outside the `skipped` top-level folders (Pagefind has no exclusions)."""
    return "{" + ",".join(_primary_patterns(site_dir, skipped)) + "}"


def _primary_patterns(site_dir: Path, skipped: set[str]) -> list[str]:
    """The primary bundle's pages as globs: every page outside the `skipped` folders, except
    that in the registries' folders only the entries' own pages can be searched (the theme
    marks articles and entries for search; an entry's listing and pair pages below it are
    not), so only those are read: at 10,000 articles Pagefind reads 2,300 pages, not 11,800."""
    patterns = []
    for entry in sorted(site_dir.iterdir()):
        if entry.name in skipped or entry.name == BUNDLE or entry.name.startswith("."):  # staging folders are hidden
            continue
        if entry.is_dir() and entry.name in ENTRY_FOLDERS:
            patterns += [f"{entry.name}/*.html", f"{entry.name}/*/index.html"]  # offline URLs, hosted URLs
        elif entry.is_dir():
            patterns.append(f"{entry.name}/**/*.html")
        elif entry.suffix == ".html":
            patterns.append(entry.name)
    return patterns


def _pagefind(site_dir: Path, output: Path, glob: str | None, nice: bool, cancel: threading.Event | None = None) -> float | None:
    """One Pagefind run; its peak memory in MB. `nice` lowers its priority (via the `nice`
    command, which is thread-safe where `preexec_fn` is not: `mkdocs serve` runs threads)."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-path", str(output), "--silent"]
    if glob:
        command += ["--glob", glob]
    nice_command = shutil.which("nice") if nice else None
    if nice_command:
        command = [nice_command, "-n", "19", *command]
    code, output_text, peak = run_with_peak(command, cancel)
    if code != 0:
        raise SearchIndexError(f"Pagefind could not index the site: {output_text.strip()}")
    stabilize_bundle(output)  # the same site, the same files (Pagefind writes filters in hash order)
    return peak


def parts_of(article_uris: Iterable[str], max_pages: int) -> list[list[str]]:
    """How the articles are split for indexing: by the month folders their pages are in."""
    return plan_parts(Counter(posixpath.dirname(uri) for uri in article_uris), max_pages)


class BackgroundIndexer:
    """Re-indexes the site under `mkdocs serve`, once edits pause and at low priority, one
    Pagefind at a time: the next preview comes first, search catches up a few seconds later.
    A preview build that starts calls `cancel`: indexing a site about to change is wasted, and
    would take CPU from the build (the search bundle stays as it was until the next run)."""

    def __init__(self, delay: float = SERVE_DELAY) -> None:
        self.delay = delay
        self.thread: threading.Thread | None = None
        self.generation = 0
        self.stop = threading.Event()

    def cancel(self) -> None:
        """Stop the waiting or running index of the previous build, if any."""
        self.generation += 1
        self.stop.set()

    def index_later(self, site_dir: Path, parts: Sequence[Sequence[str]]) -> None:
        previous = self.thread
        self.generation += 1
        generation = self.generation
        stop = self.stop = threading.Event()

        def index() -> None:
            if previous is not None:
                previous.join()  # one Pagefind at a time
            if stop.wait(self.delay) or generation != self.generation:
                return  # another build started or finished meanwhile; its own run will index it
            try:
                index_site(site_dir, parts, nice=True, cancel=stop)
            except Cancelled:
                return
            except SearchIndexError as exc:
                log.warning(str(exc))

        self.thread = threading.Thread(target=index, name="briefing-pagefind", daemon=True)
        self.thread.start()
