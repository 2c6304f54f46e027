"""Registries: the controlled vocabulary of actors, topics and regions, and name resolution.

Each registry maps ids to entries; `Registry.resolve` turns any id, name or alias (compared
case- and dash-insensitively) into exactly one id, which is what stops "Xi Jingping" from
silently becoming a second actor. Reading the files is `load.registry`'s job.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from briefing.model.entities import Actor, Author, Collection, Entity, Region, Topic
from briefing.model.located import LocatedData
from briefing.model.names import closest, normalize_name
from briefing.model.problems import Position

E = TypeVar("E", bound=Entity)

SINGULAR: dict[Collection, str] = {"actors": "actor", "topics": "topic", "regions": "region", "authors": "author"}
RESERVED_IDS = frozenset({"index"})  # `actors/index.md` is the collection index
RESERVED_ID_PATTERN = re.compile(r"page-[0-9]+")  # `actors/page-2.md` continues the collection index
REGISTRY_FILES: dict[Collection, str] = {"actors": "actors.yml", "topics": "topics.yml", "regions": "regions.yml", "authors": "authors.yml"}
OPTIONAL_REGISTRIES: frozenset[Collection] = frozenset({"authors"})  # a site without bylines has no authors.yml


@dataclass(frozen=True)
class Resolution:
    """The outcome of looking a name up: an id, or a message explaining why not (and the id of
    the closest spelling, when there is one)."""

    id: str | None
    message: str = ""
    closest_id: str | None = None


@dataclass
class Registry(Generic[E]):
    """Entries of one collection by id, plus the index that resolves names to ids."""

    collection: Collection
    path: Path
    entries: dict[str, E] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # normalised id/name/alias -> id
    display_names: dict[str, str] = field(default_factory=dict)  # every spelling -> id, for suggestions
    located: LocatedData | None = None  # where each field was written, for cross-file checks
    readable: bool = True  # False when the file as a whole could not be read as `id:` entries

    def position_of(self, entry_id: str, field_name: str) -> Position | None:
        return self.located.position_of((entry_id, field_name)) if self.located else None

    def resolve(self, name: str, suggest: bool = True) -> Resolution:
        """The entry `name` spells; else a message, with the closest spelling when `suggest`
        (fuzzy matching is the costly part: callers bound how often they ask for it)."""
        entry_id = self.names.get(normalize_name(name))
        if entry_id is not None:
            return Resolution(entry_id)
        suggestion = closest(name, self.display_names) if suggest else None
        kind = SINGULAR[self.collection]
        if suggestion:
            closest_id = self.display_names[suggestion[0]]
            canonical = self.entries[closest_id].name
            return Resolution(None, f"unknown {kind} '{name}' (did you mean '{canonical}'?)", closest_id)
        return Resolution(None, f"unknown {kind} '{name}'; add it to {self.path.name} or check the spelling")

    def __iter__(self) -> Iterator[E]:
        return iter(self.entries.values())

    def __len__(self) -> int:
        return len(self.entries)


def _no_authors() -> Registry[Author]:
    return Registry("authors", Path(REGISTRY_FILES["authors"]))


@dataclass(frozen=True)
class Registries:
    actors: Registry[Actor]
    topics: Registry[Topic]
    regions: Registry[Region]
    authors: Registry[Author] = field(default_factory=_no_authors)

    def resolve(self, collection: Collection, name: str, suggest: bool = True) -> Resolution:
        """A name from an article's `actors`, `topics`, `region` or `authors`. A name that is exactly an entry
        of another kind says so ("'Sanctions' is a topic"), instead of advising to register it twice."""
        by_collection: dict[Collection, Registry[Any]] = {
            "actors": self.actors,
            "topics": self.topics,
            "regions": self.regions,
            "authors": self.authors,
        }
        registry = by_collection[collection]
        found = registry.resolve(name, suggest)
        if found.id is not None or collection == "authors":  # a byline may name anyone: no "is an actor"
            return found
        key = normalize_name(name)
        for other in (self.actors, self.topics, self.regions, self.authors):
            elsewhere = other.names.get(key) if other is not registry else None  # exact spellings only: no fuzzy work
            if elsewhere is not None:
                field_name = "region" if other.collection == "regions" else other.collection
                kind = SINGULAR[other.collection]
                article = "an" if kind[0] in "aeiou" else "a"
                return Resolution(
                    None,
                    f"unknown {SINGULAR[collection]} '{name}': '{other.entries[elsewhere].name}' "
                    f"is {article} {kind}; it belongs under `{field_name}`",
                )
        return found
