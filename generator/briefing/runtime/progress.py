"""A one-line progress counter for long builds, shown only on a terminal.

Logs and CI output stay quiet: when stderr is not a terminal nothing is printed.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

INTERVAL = 0.5  # seconds between updates


class Progress:
    """`Briefing: rendering pages 1200/12081` rewritten in place, throttled."""

    def __init__(self, label: str, total: int, stream: TextIO | None = None) -> None:
        self.label = label
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = total > 0 and self.stream.isatty()
        self.done = 0
        self._last = 0.0

    def step(self) -> None:
        self.done += 1
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last >= INTERVAL or self.done == self.total:
            self._last = now
            self.stream.write(f"\r\033[KBriefing: {self.label} {self.done}/{self.total}")
            self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.done:
            self.stream.write("\r\033[K")
            self.stream.flush()
