"""JSON Schemas for front matter and registries, generated from the pydantic models.

Shipped under `schemas/` for editors' tools (yaml-language-server, VS Code, JetBrains);
a test regenerates them and fails if the shipped copies drift from the models.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from briefing.model.metadata import ID_PATTERN, ActorEntry, ArticleMeta, AuthorEntry, RegionEntry, TopicEntry

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def article_schema() -> dict[str, Any]:
    schema = ArticleMeta.model_json_schema()
    return {"$schema": SCHEMA_DIALECT, **schema}


def registry_schema(entry_model: type[BaseModel], title: str) -> dict[str, Any]:
    """A registry is a mapping of id -> entry; ids are URL slugs."""
    entry = entry_model.model_json_schema()
    definitions = entry.pop("$defs", {})
    schema: dict[str, Any] = {
        "$schema": SCHEMA_DIALECT,
        "title": title,
        "type": "object",
        "propertyNames": {"pattern": ID_PATTERN, "not": {"const": "index"}},
        "additionalProperties": {"$ref": "#/$defs/entry"},
        "$defs": {**definitions, "entry": entry},
    }
    return schema


def all_schemas() -> dict[str, dict[str, Any]]:
    """File name -> schema, for everything an editor writes."""
    return {
        "article.schema.json": article_schema(),
        "actors.schema.json": registry_schema(ActorEntry, "Briefing actors registry (data/actors.yml)"),
        "topics.schema.json": registry_schema(TopicEntry, "Briefing topics registry (data/topics.yml)"),
        "regions.schema.json": registry_schema(RegionEntry, "Briefing regions registry (data/regions.yml)"),
        "authors.schema.json": registry_schema(AuthorEntry, "Briefing authors registry (data/authors.yml)"),
    }


def render_schema(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in all_schemas().items():
        path = folder / name
        path.write_text(render_schema(schema), encoding="utf-8")
        written.append(path)
    return written
