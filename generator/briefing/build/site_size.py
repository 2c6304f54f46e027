"""The built site's size and file count, and the budget a deploy target sets on them.

GitHub Pages publishes sites of at most 1 GB, and some hosts take at most 20,000 files
(docs/performance.md gives the articles each allows). A site past its budget used to be found
out by a failed deploy; every one-off build now says its size in its summary line and warns
past the budget (`size_budget_mb`, `file_budget`), which `mkdocs build --strict`, the deploy's
build, turns into a stop before anything is uploaded.

The size is what `du --apparent-size` counts: every file's bytes and every folder's entry
(4 KB each on ext4; a 30,000-article site has 40,000 folders), the search index included.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

MB = 1_000_000
ADVICE = (
    'move to object storage behind a CDN with `briefing deploy s3` (README: "Past GitHub Pages"), '
    "or set size_budget_mb / file_budget for a host that takes more (0: no budget)"
)


@dataclass(frozen=True)
class SiteSize:
    bytes: int  # files and folders, as `du -s --apparent-size --block-size=1` counts them
    files: int

    def describe(self) -> str:
        return f"site {self.bytes / MB:,.0f} MB in {self.files:,} files"


def measure_site(site_dir: Path) -> SiteSize:
    """Walk the site once (links are not followed: the site holds none, and a link's size is its own)."""
    total, files = os.lstat(site_dir).st_size, 0  # the folder itself counts, as du counts it
    pending = [str(site_dir)]
    while pending:
        with os.scandir(pending.pop()) as entries:
            for entry in entries:
                total += entry.stat(follow_symlinks=False).st_size
                if entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
                else:
                    files += 1
    return SiteSize(total, files)


def over_budget(size: SiteSize, budget_mb: int, file_budget: int) -> str | None:
    """The warning for a site past its budget (0: none), saying what to do; None within it."""
    over = []
    if budget_mb and size.bytes > budget_mb * MB:
        over.append(f"over the {budget_mb:,} MB budget (size_budget_mb; GitHub Pages publishes at most 1 GB)")
    if file_budget and size.files > file_budget:
        over.append(f"over the {file_budget:,}-file budget (file_budget)")
    if not over:
        return None
    return f"Briefing: the site is {size.bytes / MB:,.0f} MB in {size.files:,} files, {' and '.join(over)}: {ADVICE}."
