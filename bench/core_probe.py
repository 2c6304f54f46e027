"""Time Briefing's core pipeline once in this (fresh) process and print one JSON line.

    python bench/core_probe.py ROOT [--profile OUT.pstats]

run.py starts this script once per measurement so every run pays the same cold
start (empty caches, fresh interpreter) as `mkdocs build` does (with its garbage-collector
policy, `runtime.heap.settle`), and so the
process's peak memory belongs to one run only. Imports are done before the clock
starts: the figure is load + validate + index + render, not Python start-up.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import time
from pathlib import Path

from briefing.model.settings import Settings
from briefing.pipeline import build_pages
from briefing.runtime.heap import settle


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path, help="corpus folder (holds mkdocs.yml, articles/, data/)")
    parser.add_argument("--profile", type=Path, help="also write cProfile statistics here")
    args = parser.parse_args(argv)
    settings = Settings(args.root.resolve())
    profiler = cProfile.Profile() if args.profile else None
    start = time.perf_counter()
    if profiler:
        profiler.enable()
    result = build_pages(settings, settle=settle)  # as a one-off build runs it (the MkDocs plugin)
    if profiler:
        profiler.disable()
    seconds = time.perf_counter() - start
    if profiler:
        profiler.dump_stats(args.profile)
    log = result.corpus.log
    print(
        json.dumps(
            {
                "seconds": seconds,
                "ok": result.ok,
                "articles": len(result.corpus.articles),
                "pages": len(result.pages),
                "markdown_bytes": sum(len(p.file_text.encode("utf-8")) for p in result.pages),
                "errors": len(log.errors),
                "first_errors": [p.format() for p in log.sorted()[:5]] if not result.ok else [],
            }
        )
    )


if __name__ == "__main__":
    main()
