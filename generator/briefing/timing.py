"""Where a build's time went: named phases and counts, for the build summary."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class Timings:
    """Seconds per phase, in the order they ran, and counts of what each phase handled."""

    seconds: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start

    def count(self, name: str, value: int) -> None:
        self.counts[name] = value

    @property
    def total(self) -> float:
        return sum(self.seconds.values())

    def summary(self) -> str:
        """e.g. `1000 articles, 1408 pages; load 0.9 s, index 0.3 s, render 2.1 s`."""
        counted = ", ".join(f"{value} {name}" for name, value in self.counts.items())
        phases = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in self.seconds.items())
        return "; ".join(part for part in (counted, phases) if part)
