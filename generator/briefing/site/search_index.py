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
Nothing here imports MkDocs: the plugin turns `SearchIndexError` into its own error.
"""

from __future__ import annotations

import json
import logging
import math
import posixpath
import shutil
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from briefing.runtime.timing import run_with_peak

log = logging.getLogger("mkdocs.plugins.briefing")

BUNDLE = "pagefind"
PARTS_MANIFEST = "briefing-parts.json"
SERVE_DELAY = 3.0  # seconds of quiet after a preview build before search re-indexes


class SearchIndexError(Exception):
    """Pagefind failed; the message carries its output."""


@dataclass(frozen=True)
class IndexRun:
    seconds: float
    peak_mb: float | None  # the largest single Pagefind run's own peak
    parts: int  # bundles merged into the primary one (0: a single index)


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


def index_site(site_dir: Path, parts: Sequence[Sequence[str]], nice: bool = False) -> IndexRun:
    """Run Pagefind over `site_dir` (once, or once per part plus the rest) and write the manifest."""
    started = time.perf_counter()
    bundle = site_dir / BUNDLE
    peaks: list[float | None] = []
    names: list[str] = []
    if not parts:
        peaks.append(_pagefind(site_dir, bundle, None, nice))
    else:
        article_roots = {folder.split("/", 1)[0] for part in parts for folder in part}
        peaks.append(_pagefind(site_dir, bundle, _everything_but(site_dir, article_roots), nice))
        for number, months in enumerate(parts, 1):
            name = f"part-{number}"
            peaks.append(_pagefind(site_dir, bundle / name, _articles_of(months), nice))
            names.append(name + "/")
    for stale in bundle.glob("part-*"):  # parts of an earlier, larger plan (under `mkdocs serve`)
        if stale.is_dir() and stale.name + "/" not in names:
            shutil.rmtree(stale)
    (bundle / PARTS_MANIFEST).write_text(json.dumps({"parts": names}) + "\n", encoding="utf-8")
    known = [peak for peak in peaks if peak]
    return IndexRun(time.perf_counter() - started, max(known) if known else None, len(names))


def _articles_of(folders: Sequence[str]) -> str:
    return f"{{{','.join(folders)}}}/**/*.html"


def _everything_but(site_dir: Path, skipped: set[str]) -> str:
    """A glob for every page outside the `skipped` top-level folders (Pagefind has no exclusions)."""
    entries = []
    for entry in sorted(site_dir.iterdir()):
        if entry.name in skipped or entry.name == BUNDLE:
            continue
        if entry.is_dir():
            entries.append(f"{entry.name}/**/*.html")
        elif entry.suffix == ".html":
            entries.append(entry.name)
    return "{" + ",".join(entries) + "}"


def _pagefind(site_dir: Path, output: Path, glob: str | None, nice: bool) -> float | None:
    """One Pagefind run; its peak memory in MB. `nice` lowers its priority (via the `nice`
    command, which is thread-safe where `preexec_fn` is not: `mkdocs serve` runs threads)."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-path", str(output), "--silent"]
    if glob:
        command += ["--glob", glob]
    nice_command = shutil.which("nice") if nice else None
    if nice_command:
        command = [nice_command, "-n", "19", *command]
    code, output_text, peak = run_with_peak(command)
    if code != 0:
        raise SearchIndexError(f"Pagefind could not index the site: {output_text.strip()}")
    return peak


def parts_of(article_uris: Iterable[str], max_pages: int) -> list[list[str]]:
    """How the articles are split for indexing: by the month folders their pages are in."""
    return plan_parts(Counter(posixpath.dirname(uri) for uri in article_uris), max_pages)


class BackgroundIndexer:
    """Re-indexes the site under `mkdocs serve`, once edits pause and at low priority, one
    Pagefind at a time: the next preview comes first, search catches up a few seconds later."""

    def __init__(self, delay: float = SERVE_DELAY) -> None:
        self.delay = delay
        self.thread: threading.Thread | None = None
        self.generation = 0

    def index_later(self, site_dir: Path, parts: Sequence[Sequence[str]]) -> None:
        previous = self.thread
        self.generation += 1
        generation = self.generation

        def index() -> None:
            if previous is not None:
                previous.join()  # one Pagefind at a time
            time.sleep(self.delay)
            if generation != self.generation:
                return  # another build finished meanwhile; its own run will index it
            try:
                index_site(site_dir, parts, nice=True)
            except SearchIndexError as exc:
                log.warning(str(exc))

        self.thread = threading.Thread(target=index, name="briefing-pagefind", daemon=True)
        self.thread.start()
