"""Reading the editors' files safely: one error type, and no read that can hang or exhaust memory.

A path is looked at with `os.stat` before it is opened, so a named pipe, a device or a
folder where a file belongs is refused without reading from it (reading a FIFO blocks
forever), and a file over its size limit is refused before a byte of it is read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from briefing.model.problems import Position


class SourceError(Exception):
    """An article or registry that cannot be used as it is; carries a position in the file when known."""

    def __init__(self, message: str, position: Position | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
)


def describe_file_kind(mode: int) -> str:
    """'a folder', 'a named pipe (FIFO)'... for a file mode that is not a regular file."""
    if stat.S_ISDIR(mode):
        return "a folder"
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def read_source(path: Path, limit: int, what: str) -> bytes:
    """The bytes of `path`, a regular file of at most `limit` bytes; `SourceError` otherwise.

    `what` names the kind of file in the size message ("articles", "registries").
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise SourceError(f"is a symbolic link to a missing file ({os.readlink(path)}); fix or remove the link") from None
        raise SourceError("file not found") from None
    except OSError as exc:
        raise SourceError(_os_problem(exc)) from None
    if not stat.S_ISREG(info.st_mode):
        raise SourceError(f"is {describe_file_kind(info.st_mode)}, not a file; replace it with an ordinary text file")
    if info.st_size > limit:
        raise SourceError(f"file is {info.st_size:,} bytes; {what} are limited to {limit:,} bytes")
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)  # the file may have grown since stat
    except OSError as exc:
        raise SourceError(_os_problem(exc)) from None
    if len(data) > limit:
        raise SourceError(f"file is over {limit:,} bytes; {what} are limited to {limit:,} bytes")
    return data


def _os_problem(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "cannot be read (permission denied); check the file's permissions"
    reason = exc.strerror or type(exc).__name__
    return f"cannot be read ({reason})"


BOM = "\ufeff"


def decode_text(raw: bytes) -> str:
    """An editor's file as UTF-8 text, BOM removed and line endings normalised to `\\n`;
    `SourceError` at the line and column of the first byte that is not UTF-8."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        column = len(raw[line_start : exc.start].decode("utf-8", "replace").removeprefix(BOM)) + 1
        raise SourceError(
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8",
            Position(line, column),
        ) from None
    if text.startswith(BOM):
        text = text[len(BOM) :]
    return text.replace("\r\n", "\n").replace("\r", "\n")
