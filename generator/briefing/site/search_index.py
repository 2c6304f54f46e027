"""The search index: Pagefind over the built site, in parts once the site is large.

Pagefind holds its whole index in memory while writing it, about 300 bytes per indexed word
(2.7 GB at 10,000 articles), so its peak grows with the corpus. Past `max_pages` articles the
site is indexed in parts: one Pagefind run for everything but the articles (the primary
bundle, `pagefind/`) and one per run of consecutive months of articles (`pagefind/part-N/`),
each with a bounded share of the memory. The browser searches them as one: the primary's
`briefing-parts.json` lists the parts, and the search script merges them (Pagefind's
`mergeIndex`; merged parts reuse the primary's WebAssembly and their filters are combined).
"""

from __future__ import annotations

import json
import math
import shutil
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from briefing.runtime.timing import run_with_peak
from briefing.site.pagefind_stable import stabilize_bundle

BUNDLE = "pagefind"
PARTS_MANIFEST = "briefing-parts.json"
DEFAULT_PART_PAGES = 2000  # ~0.6 GB of Pagefind per part: with the MkDocs process, under 1.5 GB at 10,000


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
    stabilize_bundle(output)  # the same site, the same files (Pagefind writes filters in hash order)
    return peak
