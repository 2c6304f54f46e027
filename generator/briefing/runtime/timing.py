"""Where a build's time went: named phases and counts, for the build summary."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import threading
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


# Run by a fresh, small interpreter: Linux counts a child's memory at fork into its peak, so a
# command started straight from a large build process would report at least that process's size.
_LAUNCHER = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[2:])\n"
    "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))\n"
    "sys.exit(code)\n"
)


class Cancelled(Exception):
    """`run_with_peak` stopped the command because its `cancel` event was set."""


def run_with_peak(command: list[str], cancel: threading.Event | None = None) -> tuple[int, str, float | None]:
    """Run a command to completion: exit code, its output, and its own peak memory in MB
    (the largest process it ran, itself or a child: `python -m pagefind` runs Pagefind's binary).

    Setting `cancel` (from another thread) kills the command and everything it started, and
    raises `Cancelled`."""
    with tempfile.TemporaryFile() as output, tempfile.TemporaryDirectory(prefix="briefing-peak-") as work:
        peak_file = os.path.join(work, "peak")
        measured = sys.platform == "linux"
        launched = [sys.executable, "-c", _LAUNCHER, peak_file, *command] if measured else command
        process = subprocess.Popen(launched, stdout=output, stderr=subprocess.STDOUT, start_new_session=cancel is not None)
        code = _wait(process, cancel)
        peak = None
        if measured:
            try:
                with open(peak_file, encoding="ascii") as peak_text:
                    peak = int(peak_text.read()) / 1024  # KB on Linux
            except (OSError, ValueError):
                peak = None
        output.seek(0)
        return code, output.read().decode("utf-8", "replace"), peak


def _wait(process: subprocess.Popen[bytes], cancel: threading.Event | None) -> int:
    if cancel is None:
        return process.wait()
    while True:
        try:
            return process.wait(timeout=0.1)
        except subprocess.TimeoutExpired:
            if cancel.is_set():
                _kill_group(process)
                raise Cancelled from None


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """Kill a command started in its own session, with its children (Pagefind's binary)."""
    try:
        if hasattr(os, "killpg"):
            os.killpg(process.pid, signal.SIGKILL)
        else:  # Windows
            process.kill()
    except OSError:
        pass
    process.wait()
