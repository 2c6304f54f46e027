"""An independent reading of the demo corpus, to check the built site against.

Deliberately not the generator's code: plain yaml.safe_load and a few lines of name
matching, so a bug in the generator's resolver cannot hide itself in the tests.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml


def normalize(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).replace("\u2013", "-").replace("\u2014", "-").casefold()
    return " ".join(text.split())


@dataclass(frozen=True)
class OracleArticle:
    path: Path
    url: str  # e.g. articles/2024/05/xi-putin-beijing
    title: str
    region: str
    actors: frozenset[str]
    topics: frozenset[str]
    authors: tuple[str, ...] = ()  # ids, in byline order
    published: dt.datetime | None = None  # when it is due
    updated: dt.date | None = None
    corrections: tuple[tuple[dt.date, str], ...] = ()


def name_map(registry_file: Path) -> dict[str, str]:
    """Every id, name and alias (normalised) -> id."""
    entries = yaml.safe_load(registry_file.read_text(encoding="utf-8")) or {}
    names: dict[str, str] = {}
    for entry_id, entry in entries.items():
        for spelling in [entry_id, entry["name"], *entry.get("aliases", [])]:
            names[normalize(spelling)] = entry_id
    return names


def clock() -> dt.datetime:
    """The instant builds in this process's environment run at (`SOURCE_DATE_EPOCH`, which the suite sets)."""
    return dt.datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), dt.timezone.utc)


def read_corpus(project: Path, now: dt.datetime | None = None) -> list[OracleArticle]:
    """The articles published at `now` (default: the suite's clock): not drafts, not scheduled later."""
    now = now or clock()
    actors = name_map(project / "data/actors.yml")
    topics = name_map(project / "data/topics.yml")
    regions = name_map(project / "data/regions.yml")
    authors = name_map(project / "data/authors.yml") if (project / "data/authors.yml").is_file() else {}
    articles = []
    for path in sorted((project / "articles").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        front = yaml.safe_load(text.split("---\n")[1])
        if front.get("draft"):
            continue
        slug = front.get("slug") or re.sub(r"^\d{4}-\d{2}-\d{2}-", "", path.stem)
        date = front["date"]
        if isinstance(date, dt.datetime):  # PyYAML: aware when the zone is written
            published = date if date.tzinfo else date.replace(tzinfo=dt.timezone.utc)
        else:
            published = dt.datetime(date.year, date.month, date.day, tzinfo=dt.timezone.utc)
        if published > now:
            continue
        articles.append(
            OracleArticle(
                path=path,
                url=f"articles/{date:%Y}/{date:%m}/{slug}",
                title=front["title"],
                region=regions[normalize(front["region"])],
                actors=frozenset(actors[normalize(a)] for a in front.get("actors", [])),
                topics=frozenset(topics[normalize(t)] for t in front.get("topics", [])),
                authors=tuple(authors[normalize(a)] for a in front.get("authors", [])),
                published=published,
                updated=front.get("updated"),
                corrections=tuple((c["date"], c["text"]) for c in front.get("corrections", [])),
            )
        )
    return articles


def registry_ids(project: Path, collection: str) -> list[str]:
    return sorted(yaml.safe_load((project / f"data/{collection}.yml").read_text(encoding="utf-8")))
