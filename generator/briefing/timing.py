"""Where a build's time went: named phases and counts, for the build summary."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
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


def own_peak_mb() -> float | None:
    """This process's peak resident memory so far (None where the OS does not say)."""
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KB on Linux


def run_with_peak(command: list[str]) -> tuple[int, str, float | None]:
    """Run a command to completion: exit code, its output, and its own peak memory in MB.

    The child is waited for with `os.wait4`, whose resource usage is that one child's, where
    `RUSAGE_CHILDREN` would mix in every child this process ever had (forked workers too).
    """
    with tempfile.TemporaryFile() as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
        if not hasattr(os, "wait4"):  # Windows
            code = process.wait()
            peak = None
        else:
            _pid, status, usage = os.wait4(process.pid, 0)
            code = process.returncode = os.waitstatus_to_exitcode(status)
            peak = usage.ru_maxrss / (1024 * 1024) if sys.platform == "darwin" else usage.ru_maxrss / 1024
        output.seek(0)
        return code, output.read().decode("utf-8", "replace"), peak
