"""Split an article file into YAML front matter and Markdown body.

We read front matter ourselves because MkDocs silently drops YAML errors; here an
unclosed block or bad bytes become a message with a line number.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefing.load.source import SourceError, decode_text, read_source
from briefing.model.problems import Position

MAX_ARTICLE_BYTES = 2_000_000  # a briefing is a few KB; anything this large is a mistake


@dataclass(frozen=True)
class SplitArticle:
    """The two halves of an article file; `yaml_first_line` and `body_first_line` map their lines to file lines."""

    yaml_text: str
    body: str
    yaml_first_line: int
    body_first_line: int = 0


def read_article_bytes(path: Path) -> bytes:
    """The article file's bytes; `SourceError` for a file that is not one, unreadable or too large (checked before reading)."""
    return read_source(path, MAX_ARTICLE_BYTES, "articles")


def decode_article(raw: bytes) -> str:
    """UTF-8 text with a BOM removed and line endings normalised to `\\n`."""
    if len(raw) > MAX_ARTICLE_BYTES:
        raise SourceError(f"file is {len(raw):,} bytes; articles are limited to {MAX_ARTICLE_BYTES:,} bytes")
    return decode_text(raw)


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
            rest = "\n".join(lines[index + 1 :])
            body = rest.strip("\n")
            blank_lines = len(rest) - len(rest.lstrip("\n"))
            return SplitArticle(
                yaml_text=yaml_text, body=body + "\n" if body else "", yaml_first_line=2, body_first_line=index + 2 + blank_lines
            )
    raise SourceError("front matter is not closed: add a '---' line after the last field", Position(1, 1))
