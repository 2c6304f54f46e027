"""The corpus as data for analysts: `briefing.json` (the whole graph) and `articles.csv`.

Both use page URLs relative to the site root, so they stay valid wherever the site is hosted.
The CSV is opened in spreadsheets, which run a cell that starts with `=`, `+`, `-` or `@` (or a
tab or carriage return before one) as a formula: following OWASP's guidance on CSV injection,
such a cell gets a leading `'` (shown as text, the value otherwise as written) and every cell
is quoted, so a `;` in a title cannot start a new cell where `;` separates them.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from briefing.index.corpus_index import CorpusIndex
from briefing.model.entities import Actor, Author, Entity, Region
from briefing.model.urls import article_uri, encoded_url, entity_uri, page_url, quoted_url

CSV_COLUMNS = [
    "url",
    "title",
    "date",
    "region",
    "actors",
    "topics",
    "source_name",
    "source_url",
    "summary",
    "authors",
    "updated",
    "corrections",
]


def _entity_record(entity: Entity, index: CorpusIndex, directory_urls: bool) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": entity.id,
        "name": entity.name,
        "aliases": list(entity.aliases),
        "description": entity.description,
        "url": quoted_url(page_url(entity_uri(entity), directory_urls)),
        "article_count": index.count((entity.collection, entity.id)),
    }
    if isinstance(entity, Actor):
        record |= {"kind": entity.kind, "role": entity.role, "country": entity.country, "region": entity.region}
    if isinstance(entity, Region):
        record["parent"] = entity.parent
    if isinstance(entity, Author):
        record |= {"role": entity.role, "affiliation": entity.affiliation, "links": [{"name": n, "url": u} for n, u in entity.links]}
    if entity.wikidata:
        record["wikidata"] = entity.wikidata
    return record


def render_json(index: CorpusIndex, directory_urls: bool) -> str:
    corpus = index.corpus
    articles = [
        {
            "url": quoted_url(page_url(article_uri(a), directory_urls)),
            "title": a.title,
            "date": a.date.isoformat(),
            "region": a.region,
            "actors": list(a.actors),
            "topics": list(a.topics),
            "summary": a.summary,
            "source": {"name": a.source.name, "url": encoded_url(a.source.url) if a.source.url else None} if a.source else None,
            "source_path": a.source_path,
            "authors": list(a.authors),
            "updated": a.updated.isoformat() if a.updated else None,
            "corrections": [{"date": c.date.isoformat(), "text": c.text} for c in a.corrections],
        }
        for a in corpus.articles
    ]
    edges = sorted((a, b, weight) for (a, b), weight in index.actor_ties().items())
    document = {
        "format": "briefing/1",
        "articles": articles,
        "actors": [_entity_record(e, index, directory_urls) for e in sorted(corpus.actors.values(), key=lambda e: e.id)],
        "topics": [_entity_record(e, index, directory_urls) for e in sorted(corpus.topics.values(), key=lambda e: e.id)],
        "regions": [_entity_record(e, index, directory_urls) for e in sorted(corpus.regions.values(), key=lambda e: e.id)],
        "authors": [_entity_record(e, index, directory_urls) for e in sorted(corpus.authors.values(), key=lambda e: e.id)],
        "cooccurrence": [{"source": a, "target": b, "weight": w} for a, b, w in edges],
    }
    # Compact: json's fast C encoder is not used when indenting, and this file grows with the corpus.
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def render_csv(index: CorpusIndex, directory_urls: bool) -> str:
    """One row per article; list fields are `;`-separated ids; corrections one per line, `date: text`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(CSV_COLUMNS)
    for a in index.corpus.articles:
        writer.writerow(
            spreadsheet_text(cell)
            for cell in [
                quoted_url(page_url(article_uri(a), directory_urls)),
                a.title,
                a.date.isoformat(),
                a.region,
                ";".join(a.actors),
                ";".join(a.topics),
                a.source.name if a.source else "",
                encoded_url(a.source.url) if a.source and a.source.url else "",
                " ".join((a.summary or "").split()),
                ";".join(a.authors),
                a.updated.isoformat() if a.updated else "",
                "\n".join(f"{c.date.isoformat()}: {' '.join(c.text.split())}" for c in a.corrections),
            ]
        )
    return buffer.getvalue()


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(cell: str) -> str:
    """`cell`, with a `'` in front if a spreadsheet would run it as a formula (OWASP: CSV injection)."""
    return "'" + cell if cell.lstrip(" ").startswith(FORMULA_STARTS) else cell
