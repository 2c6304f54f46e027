"""What splitting the search index would buy: Pagefind's peak memory against the first search.

    python bench/pagefind_shards.py SITE_DIR

Pagefind holds the whole index in memory while it writes it: about 300 bytes per indexed
word, 2-3 GB at 10,000 articles. Pagefind can search several bundles as one (`mergeIndex`),
so the index could be built in parts, one Pagefind run per year of articles plus one for the
actor, topic and region pages, each with a part of the memory. This script measures both
sides on an already built Briefing site (`mkdocs build`): the peak of one run over the whole
site and of each part, and what a reader's first search would download from all parts
(each bundle brings its own WebAssembly, metadata, filters and an index chunk). It writes
nothing into SITE_DIR; the bundles go to a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import pagefind_payload, transfer_size


def run_pagefind(site: Path, output: Path, glob: str | None = None) -> dict:
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(output / "pagefind"), "--silent"]
    if glob:
        command += ["--glob", glob]
    start = time.perf_counter()
    process = subprocess.Popen(command)
    _pid, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"pagefind failed: {' '.join(command)}")
    payload = pagefind_payload(output)
    return {
        "glob": glob or "**/*.{html}",
        "seconds": round(time.perf_counter() - start, 1),
        "peak_mb": round(usage.ru_maxrss / 1024),
        "pages": payload["pages_indexed"],
        "first_search_transfer_kb": round(payload["transfer_bytes"] / 1024),
        "loader_transfer_kb": round(transfer_size((output / "pagefind" / "pagefind.js").read_bytes()) / 1024),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    args = parser.parse_args()
    years = sorted(p.name for p in (args.site / "articles").iterdir() if p.is_dir())
    parts = [f"articles/{year}/**/*.html" for year in years] + ["{actors,topics,regions}/**/*.html"]
    with tempfile.TemporaryDirectory(prefix="briefing-shards-") as work:
        whole = run_pagefind(args.site, Path(work) / "whole")
        shards = [run_pagefind(args.site, Path(work) / f"part-{i}", glob) for i, glob in enumerate(parts)]
    # The loader script is fetched once; every other file is per bundle.
    merged_kb = sum(s["first_search_transfer_kb"] for s in shards) - sum(s["loader_transfer_kb"] for s in shards[1:])
    print(
        json.dumps(
            {
                "whole": whole,
                "parts": shards,
                "parts_peak_mb": max(s["peak_mb"] for s in shards),
                "parts_first_search_transfer_kb": merged_kb,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
