"""A batch import's terminal output: a progress bar (tqdm) that the per-item lines print above."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import click


@dataclass
class Progress:
    """`over(n)` iterates 0..n-1 with a bar on a terminal; `echo` prints a line without breaking the bar."""

    bar: bool

    def over(self, count: int) -> Iterable[int]:
        if not self.bar or count < 2:
            return range(count)
        from tqdm import tqdm  # type: ignore[import-untyped]

        bar: Iterable[int] = tqdm(range(count), unit="source", file=sys.stderr, leave=False, dynamic_ncols=True)
        return bar

    def echo(self, line: str) -> None:
        if self.bar:
            from tqdm import tqdm

            tqdm.write(line, file=sys.stdout)
        else:
            click.echo(line)


@contextmanager
def batch_progress() -> Iterator[Progress]:
    yield Progress(bar=sys.stderr.isatty())


def write_candidates(path: Path, text: str) -> None:
    """The proposed entries, written whole (a temporary file renamed into place)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, prefix=".briefing-", suffix=".tmp", delete=False)  # noqa: SIM115 (closed below, then linked or renamed)
    with handle:
        handle.write(text)
    os.replace(handle.name, path)
