"""Write new article files for editors: `briefing new` and `briefing import` share this.

Files are created with exclusive mode, so an existing article is never overwritten,
and the front matter is produced by a YAML emitter, so any title is written safely.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from slugify import slugify


class AuthoringError(Exception):
    """The article could not be written; nothing was changed."""


@dataclass
class Draft:
    """An article about to be written: front matter values (canonical names) and body."""

    title: str
    date: dt.date
    region: str | None
    actors: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    summary: str | None = None
    body: str = ""
    source_name: str | None = None
    source_url: str | None = None
    authors: list[str] = field(default_factory=list)  # a source's byline names data/authors.yml does not know: a comment
    byline: list[str] = field(default_factory=list)  # registered authors (canonical names): the front matter's `authors`
    notes: list[str] = field(default_factory=list)  # comment lines in the front matter (suggestions not taken)


def article_path(articles_path: Path, draft: Draft, name: str | None = None) -> Path:
    """`articles/YYYY/YYYY-MM-DD-<name>.md`, the name from `name` or the title."""
    slug = slugify(name or draft.title, max_length=60, word_boundary=True) or "article"
    return articles_path / f"{draft.date:%Y}" / f"{draft.date.isoformat()}-{slug}.md"


def render_article(draft: Draft) -> str:
    """The article file's text: front matter in the documented key order, then the body."""
    head: dict[str, object] = {"title": draft.title, "date": draft.date, "region": draft.region or ""}
    head["actors"] = draft.actors
    head["topics"] = draft.topics
    if draft.byline:
        head["authors"] = draft.byline
    if draft.source_name:
        head["source"] = {"name": draft.source_name, **({"url": draft.source_url} if draft.source_url else {})}
    text = yaml.safe_dump(head, sort_keys=False, allow_unicode=True, default_flow_style=None, width=1000)
    if draft.summary:
        paragraphs = [" ".join(p.split()) for p in draft.summary.split("\n\n") if p.strip()]
        text += "summary: >-\n" + "\n\n".join(f"  {p}" for p in paragraphs) + "\n"
    if draft.authors:
        names = "; ".join(" ".join(a.split()) for a in draft.authors)
        text += f"# source authors not in data/authors.yml (add them there to credit them): {names}\n"
    for note in draft.notes:
        text += "# " + " ".join(note.split()) + "\n"
    body = draft.body.strip()
    return f"---\n{text}---\n{body}\n" if body else f"---\n{text}---\n"


def write_new_file(path: Path, text: str) -> None:
    """Create `path` with `text`, whole or not at all: written beside it, then linked into place
    (the link fails if the path exists, so nothing is ever overwritten, even by a race)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed below, then linked into place)
        "w", encoding="utf-8", newline="\n", dir=path.parent, prefix=".briefing-", suffix=".tmp", delete=False
    )
    try:
        with handle:
            handle.write(text)
        os.link(handle.name, path)
    except FileExistsError:
        raise AuthoringError(f"{path} already exists; not overwritten (choose another name with --name)") from None
    finally:
        os.unlink(handle.name)
