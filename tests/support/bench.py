"""A benchmark corpus (bench/make_corpus.py) written into a test's folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def make_bench_project(root: Path, articles: int, seed: int = 1) -> Path:
    """A project of `articles` synthetic articles (registries, articles, mkdocs.yml) at `root`."""
    subprocess.run(
        [sys.executable, str(REPO / "bench" / "make_corpus.py"), str(articles), str(root), "--seed", str(seed)],
        check=True,
        capture_output=True,
    )
    return root
