"""Registries: the controlled vocabulary of actors, topics and regions.

Each registry is a YAML mapping of id -> entry. `NameIndex` resolves any id, name
or alias (compared case- and dash-insensitively) to exactly one entry, which is
what stops "Xi Jingping" from silently becoming a second actor.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal, TypeVar, overload

from briefing.load.countries import check_iso, iso_owners
from briefing.load.source import SourceError, decode_text, read_source
from briefing.load.validation import describe_value, validate_mapping, warn_about_bidi_controls
from briefing.load.yamlsource import parse_yaml
from briefing.model.entities import Actor, Author, Collection, Entity, Region, Topic
from briefing.model.located import DataPath, LocatedData
from briefing.model.metadata import ID_PATTERN, ActorEntry, AuthorEntry, RegionEntry, TopicEntry, _RegistryEntry, _Strict
from briefing.model.names import normalize_name
from briefing.model.problems import Position, ProblemLog
from briefing.model.registry import OPTIONAL_REGISTRIES, RESERVED_ID_PATTERN, RESERVED_IDS, SINGULAR, Registries, Registry

MAX_REGISTRY_BYTES = 10_000_000  # some 50,000 entries; checked before the file is read

_E = TypeVar("_E", bound=Entity)

_ENTRY_MODELS: dict[Collection, type[_Strict]] = {
    "actors": ActorEntry,
    "topics": TopicEntry,
    "regions": RegionEntry,
    "authors": AuthorEntry,
}


@overload
def load_registry(collection: Literal["actors"], path: Path, log: ProblemLog) -> Registry[Actor]: ...
@overload
def load_registry(collection: Literal["topics"], path: Path, log: ProblemLog) -> Registry[Topic]: ...
@overload
def load_registry(collection: Literal["regions"], path: Path, log: ProblemLog) -> Registry[Region]: ...
@overload
def load_registry(collection: Literal["authors"], path: Path, log: ProblemLog) -> Registry[Author]: ...
def load_registry(collection: Collection, path: Path, log: ProblemLog) -> Registry[Any]:
    """Read and validate one registry file; problems go to `log`, valid entries are kept. An
    optional registry (authors) that does not exist is empty."""
    registry: Registry[Any] = Registry(collection, path)
    if collection in OPTIONAL_REGISTRIES and not os.path.lexists(path):
        return registry
    located = _read_registry_yaml(path, log)
    if located is None:
        registry.readable = False
        return registry
    registry.located = located
    if located.data is None:
        return registry
    if not isinstance(located.data, dict):
        example = {"actors": "xi-jinping", "topics": "sanctions", "regions": "east-asia", "authors": "jane-doe"}[collection]
        log.error(
            path,
            "",
            f"expected one entry per id ('{example}:' with its fields indented below), got {describe_value(located.data)}",
            located.position_of(()) or Position(1, 1),
        )
        registry.readable = False
        return registry
    warn_about_bidi_controls(located, path, log)
    model = _ENTRY_MODELS[collection]
    for entry_id in located.data:
        position = located.position_of((entry_id,))
        if not re.fullmatch(ID_PATTERN, entry_id):  # all of it: `$` alone would let a trailing newline through
            log.error(path, entry_id, "ids use lowercase letters, digits and single hyphens (e.g. 'xi-jinping')", position)
            continue
        if entry_id in RESERVED_IDS or RESERVED_ID_PATTERN.fullmatch(entry_id):
            log.error(path, entry_id, f"the id '{entry_id}' is reserved for the {collection} index pages; choose another", position)
            continue
        entry = validate_mapping(model, located, (entry_id,), path, log, field_prefix=f"{entry_id}.")
        if entry is None:
            # Reported once, here; its names still resolve, so the articles naming it add no
            # "unknown" error each (the build still stops on this entry's own problem).
            entry = _stand_in(model, located.data[entry_id], entry_id)
        entity = _make_entity(collection, entry_id, entry, log.relative(path), position.line if position else 0)
        if isinstance(entry, ActorEntry) and entry.iso is not None and isinstance(entity, Actor):
            entity = _with_iso(entity, entry.iso, path, located, log)
        registry.entries[entry_id] = entity
    _index_names(registry, located, log)
    _check_iso_unique(registry, located, log)
    return registry


def load_registries(paths: Mapping[Collection, Path], log: ProblemLog) -> Registries:
    """The registries and their cross-checks (region parents, states' regions): the one way
    every command reads them. Without a path for authors (or its file), there are none."""
    registries = Registries(
        actors=load_registry("actors", paths["actors"], log),
        topics=load_registry("topics", paths["topics"], log),
        regions=load_registry("regions", paths["regions"], log),
        authors=load_registry("authors", paths["authors"], log) if "authors" in paths else Registry("authors", Path("authors.yml")),
    )
    _check_region_parents(registries, log)
    if registries.regions.readable:  # else every state's region would be "unknown"
        _check_actor_regions(registries, log)
    return registries


def read_registry_bytes(path: Path) -> bytes:
    """A registry file's bytes; `SourceError` for a missing, unreadable, too large or non-regular file
    (checked with stat before anything is opened, so a named pipe cannot block the run)."""
    if not os.path.lexists(path):
        raise SourceError(f"registry file not found; create {path.name} (it may be empty)")
    return read_source(path, MAX_REGISTRY_BYTES, "registries")


def _read_registry_yaml(path: Path, log: ProblemLog) -> LocatedData | None:
    try:
        text = decode_text(read_registry_bytes(path))
    except SourceError as exc:
        log.error(path, "", exc.message, exc.position)
        return None
    try:
        return parse_yaml(text)
    except SourceError as exc:
        log.error(path, "", exc.message, exc.position)
        return None


def _stand_in(model: type[_Strict], data: object, entry_id: str) -> _Strict:
    """An entry that failed validation, kept for its names only: what validated of `name`,
    `aliases` (and `kind`) is used, the rest left empty."""
    fields = data if isinstance(data, dict) else {}
    name = fields.get("name")
    aliases = fields.get("aliases")
    values: dict[str, Any] = {
        "name": name.strip() if isinstance(name, str) and name.strip() else entry_id,
        "aliases": [a.strip() for a in aliases if isinstance(a, str) and a.strip()] if isinstance(aliases, list) else [],
    }
    if model is ActorEntry:
        kind = fields.get("kind")
        values["kind"] = kind if kind in ("person", "state", "organization", "group") else "organization"
    return model.model_construct(**values)


def _make_entity(collection: Collection, entry_id: str, entry: _Strict, source_path: str, line: int) -> Entity:
    assert isinstance(entry, (_RegistryEntry, AuthorEntry))
    common: dict[str, Any] = dict(
        collection=collection,
        id=entry_id,
        name=entry.name,
        aliases=tuple(entry.aliases),
        source_path=source_path,
        source_line=line,
        wikidata=entry.wikidata,
    )
    if isinstance(entry, AuthorEntry):  # an author's description is the short bio, if any
        links = tuple((link.name, link.url) for link in entry.links)
        return Author(**common, description=entry.bio or "", role=entry.role, affiliation=entry.affiliation, links=links)
    common["description"] = entry.description or ""
    if isinstance(entry, ActorEntry):
        return Actor(**common, kind=entry.kind, role=entry.role, country=entry.country, region=entry.region)
    if isinstance(entry, RegionEntry):
        return Region(**common, parent=entry.parent)
    if isinstance(entry, TopicEntry):
        return Topic(**common, keywords=tuple(entry.keywords))
    return Topic(**common)


def _with_iso(actor: Actor, code: str, path: Path, located: LocatedData, log: ProblemLog) -> Actor:
    """The actor with its checked ISO code; a bad code is reported and left out."""
    iso, problem = check_iso(code, actor.kind, (actor.name, *actor.aliases))
    if problem is not None:
        log.error(path, f"{actor.id}.iso", problem, located.position_of((actor.id, "iso")))
    return dataclasses.replace(actor, iso=iso)


def _check_iso_unique(registry: Registry[Entity], located: LocatedData, log: ProblemLog) -> None:
    for iso, owners in sorted(iso_owners(e for e in registry if isinstance(e, Actor)).items()):
        for other in owners[1:]:
            log.error(
                registry.path,
                f"{other.id}.iso",
                f"'{iso}' is already the ISO code of '{owners[0].name}' ({owners[0].id}); each state has its own",
                located.position_of((other.id, "iso")),
            )


def _index_names(registry: Registry[_E], located: LocatedData, log: ProblemLog) -> None:
    """Map every id, name and alias to its entry; a spelling claimed twice is an error."""
    claimed: dict[str, str] = {}
    for entity in registry:
        spellings: list[tuple[str, str, DataPath]] = [("id", entity.id, (entity.id,)), ("name", entity.name, (entity.id, "name"))]
        spellings += [("alias", alias, (entity.id, "aliases", i)) for i, alias in enumerate(entity.aliases)]
        for what, spelling, data_path in spellings:
            key = normalize_name(spelling)
            owner = claimed.get(key)
            if owner is not None and owner != entity.id:
                other = registry.entries[owner]
                log.error(
                    registry.path,
                    f"{entity.id}.{'aliases' if what == 'alias' else what}",
                    f"'{spelling}' is already a name or alias of '{other.name}' ({other.id}); each name must point to one {SINGULAR[registry.collection]}",
                    located.position_of(data_path),
                )
                continue
            claimed[key] = entity.id
            registry.display_names.setdefault(spelling, entity.id)
    registry.names = claimed


def _check_region_parents(registries: Registries, log: ProblemLog) -> None:
    """Every parent exists and the region tree has no cycles."""
    regions = registries.regions.entries
    for region in list(regions.values()):
        position = registries.regions.position_of(region.id, "parent")
        if region.parent is not None and region.parent not in regions:
            suffix = _region_id_hint(registries.regions, region.parent)
            log.error(registries.regions.path, f"{region.id}.parent", f"unknown region id '{region.parent}'{suffix}", position)
            continue
        seen = {region.id}
        current = region.parent
        while current is not None and current in regions:
            if current in seen:
                log.error(registries.regions.path, f"{region.id}.parent", f"region parents form a loop through '{current}'", position)
                break
            seen.add(current)
            current = regions[current].parent


def _check_actor_regions(registries: Registries, log: ProblemLog) -> None:
    """A state's `region` names an existing region id."""
    regions = registries.regions.entries
    for actor in registries.actors:
        if actor.region is not None and actor.region not in regions:
            suffix = _region_id_hint(registries.regions, actor.region)
            position = registries.actors.position_of(actor.id, "region")
            log.error(registries.actors.path, f"{actor.id}.region", f"unknown region id '{actor.region}'{suffix}", position)


def _region_id_hint(regions: Registry[Region], text: str) -> str:
    """` (did you mean 'asia'?)` for a region id that does not exist: the id of the region the
    text names exactly (a name or alias written where an id belongs), else of the closest spelling."""
    hint = regions.resolve(text)
    found = hint.id or hint.closest_id
    return f" (did you mean '{found}'?)" if found else ""
