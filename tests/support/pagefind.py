"""Read the Pagefind index of a built site: one record per indexed page.

Pagefind writes each page's record as a gzip-compressed "fragment": a signature followed by
JSON with the page's `url`, indexed `content` (text), `meta` (title, date, ...) and `filters`.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

SIGNATURE = b"pagefind_dcd"


def pagefind_pages(site: Path) -> dict[str, dict]:
    """Every page in `site/pagefind` and its parts, by its URL as Pagefind stores it (`/actors/xi-jinping/`)."""
    return {url: record for bundle in pagefind_bundles(site).values() for url, record in bundle.items()}


def pagefind_bundles(site: Path) -> dict[str, dict[str, dict]]:
    """The pages of each bundle: `""` for the primary `pagefind/`, then `part-1/`, ... as the
    primary's `briefing-parts.json` lists them (the order the search merges them in)."""
    root = site / "pagefind"
    names = ["", *json.loads((root / "briefing-parts.json").read_text(encoding="utf-8"))["parts"]]
    return {name: _bundle_pages(root / name) for name in names}


def _bundle_pages(bundle: Path) -> dict[str, dict]:
    pages = {}
    for fragment in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(SIGNATURE), fragment
        record = json.loads(data[len(SIGNATURE) :])
        pages[record["url"]] = record
    return pages


def pagefind_url(url: str, offline: bool) -> str:
    """The URL Pagefind stores for a page URL such as `actors/xi-jinping`."""
    return f"/{url}.html" if offline else f"/{url}/"
