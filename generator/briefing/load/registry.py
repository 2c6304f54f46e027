"""Registries: the controlled vocabulary of actors, topics and regions.

Each registry is a YAML mapping of id -> entry. `NameIndex` resolves any id, name
or alias (compared case- and dash-insensitively) to exactly one entry, which is
what stops "Xi Jingping" from silently becoming a second actor.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from pydantic import BaseModel

from briefing.load.countries import check_iso, iso_owners
from briefing.load.validation import describe_value, validate_mapping
from briefing.load.yamlsource import YamlError, parse_yaml
from briefing.model.entities import Actor, Collection, Entity, Region, Topic
from briefing.model.located import LocatedData
from briefing.model.metadata import ID_PATTERN, ActorEntry, RegionEntry, TopicEntry
from briefing.model.names import normalize_name
from briefing.model.problems import Position, ProblemLog
from briefing.model.registry import RESERVED_ID_PATTERN, RESERVED_IDS, SINGULAR, Registry

_ENTRY_MODELS: dict[Collection, type[BaseModel]] = {
    "actors": ActorEntry,
    "topics": TopicEntry,
    "regions": RegionEntry,
}


def load_registry(collection: Collection, path: Path, log: ProblemLog) -> Registry:
    """Read and validate one registry file; problems go to `log`, valid entries are kept."""
    registry: Registry = Registry(collection, path)
    located = _read_registry_yaml(path, log)
    if located is None:
        registry.readable = False
        return registry
    registry.located = located
    if located.data is None:
        return registry
    if not isinstance(located.data, dict):
        example = {"actors": "xi-jinping", "topics": "sanctions", "regions": "east-asia"}[collection]
        log.error(
            path,
            "",
            f"expected one entry per id ('{example}:' with its fields indented below), got {describe_value(located.data)}",
            located.position_of(()) or Position(1, 1),
        )
        registry.readable = False
        return registry
    model = _ENTRY_MODELS[collection]
    for entry_id in located.data:
        position = located.position_of((entry_id,))
        if not re.match(ID_PATTERN, entry_id):
            log.error(path, entry_id, "ids use lowercase letters, digits and single hyphens (e.g. 'xi-jinping')", position)
            continue
        if entry_id in RESERVED_IDS or RESERVED_ID_PATTERN.fullmatch(entry_id):
            log.error(path, entry_id, f"the id '{entry_id}' is reserved for the {collection} index pages; choose another", position)
            continue
        entry = validate_mapping(model, located, (entry_id,), path, log, field_prefix=f"{entry_id}.")
        if entry is None:
            continue
        entity = _make_entity(collection, entry_id, entry, log.relative(path), position.line if position else 0)
        if isinstance(entry, ActorEntry) and entry.iso is not None and isinstance(entity, Actor):
            entity = _with_iso(entity, entry.iso, path, located, log)
        registry.entries[entry_id] = entity
    _index_names(registry, located, log)
    _check_iso_unique(registry, located, log)
    return registry


def _read_registry_yaml(path: Path, log: ProblemLog) -> LocatedData | None:
    if not path.exists():
        log.error(path, "", f"registry file not found; create {path.name} (it may be empty)")
        return None
    try:
        text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError:
        log.error(path, "", "not valid UTF-8; save the file as UTF-8")
        return None
    try:
        return parse_yaml(text)
    except YamlError as exc:
        log.error(path, "", exc.message, exc.position)
        return None


def _make_entity(collection: Collection, entry_id: str, entry: BaseModel, source_path: str, line: int) -> Entity:
    common = dict(
        collection=collection,
        id=entry_id,
        name=entry.name,
        aliases=tuple(entry.aliases),
        description=entry.description,
        source_path=source_path,
        source_line=line,
    )
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


def _index_names(registry: Registry, located: LocatedData, log: ProblemLog) -> None:
    """Map every id, name and alias to its entry; a spelling claimed twice is an error."""
    claimed: dict[str, str] = {}
    for entity in registry:
        spellings = [("id", entity.id, (entity.id,)), ("name", entity.name, (entity.id, "name"))]
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
