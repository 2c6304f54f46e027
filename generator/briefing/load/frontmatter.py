"""Split an article file into YAML front matter and Markdown body.

We read front matter ourselves because MkDocs silently drops YAML errors; here an
unclosed block or bad bytes become a message with a line number.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefing.load.source import SourceError, read_source
from briefing.model.problems import Position

BOM = "\ufeff"
MAX_ARTICLE_BYTES = 2_000_000  # a briefing is a few KB; anything this large is a mistake


@dataclass(frozen=True)
class SplitArticle:
    """The two halves of an article file; `yaml_first_line` maps YAML lines to file lines."""

    yaml_text: str
    body: str
    yaml_first_line: int


def read_article_bytes(path: Path) -> bytes:
    """The article file's bytes; `SourceError` for a file that is not one, unreadable or too large (checked before reading)."""
    return read_source(path, MAX_ARTICLE_BYTES, "articles")


def decode_article(raw: bytes) -> str:
    """UTF-8 text with a BOM removed and line endings normalised to `\\n`."""
    if len(raw) > MAX_ARTICLE_BYTES:
        raise SourceError(f"file is {len(raw):,} bytes; articles are limited to {MAX_ARTICLE_BYTES:,} bytes")
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


def split_front_matter(text: str) -> SplitArticle:
    """Find the `---` delimited block at the top; raise `SourceError` if absent or unclosed."""
    if not text.strip():
        raise SourceError("the file is empty; an article starts with a '---' front matter block", Position(1, 0))
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        raise SourceError(
            "no front matter: the first line must be '---', followed by title, date, region, actors, topics",
            Position(1, 1),
        )
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            yaml_text = "\n".join(lines[1:index]) + "\n"
            body = "\n".join(lines[index + 1 :]).strip("\n")
            return SplitArticle(yaml_text=yaml_text, body=body + "\n" if body else "", yaml_first_line=2)
    raise SourceError("front matter is not closed: add a '---' line after the last field", Position(1, 1))
