"""Which files this process opens for reading, seen through Python's audit hooks ("open" events).

An audit hook cannot be removed once added, so one hook is added on first use and records only
while a `files_read` block is open."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_recording: list[set[str]] = []


def _on_event(event: str, args: tuple[object, ...]) -> None:
    if not _recording or event != "open":
        return
    path, mode = args[0], args[1]
    if isinstance(mode, str) and "r" in mode and "+" not in mode and isinstance(path, (str, os.PathLike)):
        _recording[-1].add(os.path.abspath(os.fspath(path)))


_hooked = False


@contextmanager
def files_read(root: Path) -> Iterator[set[str]]:
    """The files under `root` (posix paths relative to it) that Python code opens for reading
    inside the block; the set is filled in when the block ends."""
    global _hooked
    if not _hooked:
        sys.addaudithook(_on_event)
        _hooked = True
    seen: set[str] = set()
    found: set[str] = set()
    _recording.append(seen)
    try:
        yield found
    finally:
        _recording.pop()
        base = root.resolve()
        for name in seen:
            path = Path(name).resolve()
            if path.is_relative_to(base):
                found.add(path.relative_to(base).as_posix())
