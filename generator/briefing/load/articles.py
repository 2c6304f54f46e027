"""Read one article file into an `Article`, reporting every problem with its line."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from slugify import slugify

from briefing.load.article_body import make_safe
from briefing.load.frontmatter import decode_article, read_article_bytes, split_front_matter
from briefing.load.source import SourceError
from briefing.load.validation import validate_mapping, warn_about_bidi_controls
from briefing.load.yamlsource import parse_yaml
from briefing.model.entities import Article, Collection, Correction, Source
from briefing.model.located import DataPath, LocatedData
from briefing.model.metadata import ArticleMeta
from briefing.model.problems import Position, ProblemLog
from briefing.model.registry import Registries

MAX_SUGGESTIONS_PER_FILE = 20
_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-")


def slug_from_filename(path: Path) -> str:
    """`2024-05-15-xi-putin-beijing.md` -> `xi-putin-beijing`: URLs come from file names, not titles."""
    stem = _DATE_PREFIX.sub("", path.stem)
    return slugify(stem) or slugify(path.stem) or "article"


def read_article(
    path: Path, registries: Registries, log: ProblemLog, data: bytes | None = None, allow_raw_html: bool = False
) -> Article | None:
    """Parse, validate and resolve one article; None if it has any error.

    `data` is the file's content when the caller has already read it (the load cache hashes it).
    The body is made safe to publish (`article_body`), with a warning where something was
    removed, unless the site trusts its editors' HTML (`allow_raw_html`).
    """
    errors_before = len(log.errors)
    try:
        text = decode_article(read_article_bytes(path) if data is None else data)
        split = split_front_matter(text)
    except SourceError as exc:
        log.error(path, "", exc.message, exc.position)
        return None
    body = split.body if allow_raw_html else _safe_body(path, split.body, split.body_first_line, log)
    try:
        located = parse_yaml(split.yaml_text)
    except SourceError as exc:
        position = exc.position
        if position is not None:
            position = Position(position.line + split.yaml_first_line - 1, position.column)  # YAML starts on line 2
        log.error(path, "", exc.message, position)
        return None
    if located.data is None:
        log.error(path, "", "front matter is empty; add title, date, region, actors and topics", Position(1, 1))
        return None
    offset = split.yaml_first_line - 1
    warn_about_bidi_controls(located, path, log, offset, source=split.yaml_text)
    meta = validate_mapping(ArticleMeta, located, (), path, log, line_offset=offset)
    if meta is None:
        # Still check the names that are well-formed, so one run shows every mistake.
        _resolve_raw_names(located, registries, path, log, offset)
        return None
    region = _resolve_one(registries, "regions", meta.region, located, ("region",), path, log, offset)
    actors = _resolve_many(registries, "actors", meta.actors, located, path, log, offset)
    topics = _resolve_many(registries, "topics", meta.topics, located, path, log, offset)
    authors = _resolve_many(registries, "authors", meta.authors, located, path, log, offset)
    day = meta.date.date() if isinstance(meta.date, dt.datetime) else meta.date  # the day as written, in its own zone
    _check_later_dates(meta.updated, [c.date for c in meta.corrections], day, located, path, log, offset)
    if len(log.errors) > errors_before or region is None:
        return None
    return Article(
        source_path=log.relative(path),
        slug=meta.slug or slug_from_filename(path),
        title=meta.title,
        date=day,
        region=region,
        actors=actors,
        topics=topics,
        summary=meta.summary,
        body=body,
        source=Source(meta.source.name, meta.source.url) if meta.source else None,
        draft=meta.draft,
        authors=authors,
        updated=meta.updated,
        corrections=tuple(sorted((Correction(c.date, c.text) for c in meta.corrections), key=lambda c: c.date)),
        published_at=meta.date if isinstance(meta.date, dt.datetime) else None,
        field_positions=_field_positions(located, offset),
    )


def _safe_body(path: Path, body: str, first_line: int, log: ProblemLog) -> str:
    """The body with unsafe HTML and links removed; a warning at each place something went."""
    safe = make_safe(body)
    for removal in safe.removals:
        line_start = body.rfind("\n", 0, removal.offset) + 1
        position = Position(first_line + body.count("\n", 0, removal.offset), removal.offset - line_start + 1)
        log.warning(path, "body", removal.message, position)
    return safe.text


def _check_later_dates(
    updated: dt.date | None,
    corrected: list[dt.date],
    day: dt.date,
    located: LocatedData,
    path: Path,
    log: ProblemLog,
    offset: int,
) -> None:
    """An update or a correction comes after publication: one dated before it is a typo."""
    if updated is not None and updated < day:
        log.error(
            path,
            "updated",
            f"{updated.isoformat()} is before the article's date ({day.isoformat()}); an update comes after publication",
            located.position_of(("updated",), offset),
        )
    for index, when in enumerate(corrected):
        if when < day:
            log.error(
                path,
                "corrections.date",
                f"{when.isoformat()} is before the article's date ({day.isoformat()}); a correction comes after publication",
                located.position_of(("corrections", index, "date"), offset),
            )


def _field_positions(located: LocatedData, offset: int) -> dict[str, Position]:
    """Where each top-level field's value was written, in file lines."""
    return {
        str(path[0]): Position(position.line + offset, position.column) for path, position in located.positions.items() if len(path) == 1
    }


def _resolve_one(
    registries: Registries,
    collection: Collection,
    name: str,
    located: LocatedData,
    data_path: DataPath,
    path: Path,
    log: ProblemLog,
    offset: int,
) -> str | None:
    # Did-you-mean is fuzzy matching against every spelling: offer it for a file's first problems
    # only, so a list of 10,000 unknown names is reported in well under a second, not minutes.
    resolution = registries.resolve(collection, name, suggest=len(log.problems) < MAX_SUGGESTIONS_PER_FILE)
    if resolution.id is None:
        log.error(path, str(data_path[0]), resolution.message, located.position_of(data_path, offset))
    return resolution.id


def _resolve_many(
    registries: Registries, field_name: Collection, names: list[str], located: LocatedData, path: Path, log: ProblemLog, offset: int
) -> tuple[str, ...]:
    """Resolve a list of names, keeping the first mention of each entry in the editor's order."""
    ids: dict[str, None] = {}
    raw_items = located.data.get(field_name) or []
    first_index: dict[object, int] = {}
    for index, item in enumerate(raw_items):
        if isinstance(item, str):
            first_index.setdefault(item, index)
    for index, name in enumerate(names):
        # names are de-duplicated by the model; find the item's own line in the raw list
        raw_index = first_index.get(name, index)
        entry_id = _resolve_one(registries, field_name, name, located, (field_name, raw_index), path, log, offset)
        if entry_id is not None:
            ids.setdefault(entry_id, None)
    return tuple(ids)


def _resolve_raw_names(located: LocatedData, registries: Registries, path: Path, log: ProblemLog, offset: int) -> None:
    """Resolve names in front matter that failed validation elsewhere (type errors are already reported)."""
    data = located.data if isinstance(located.data, dict) else {}
    region = data.get("region")
    if isinstance(region, str) and region.strip():
        _resolve_one(registries, "regions", region.strip(), located, ("region",), path, log, offset)
    for field_name in ("actors", "topics", "authors"):
        names = data.get(field_name)
        if isinstance(names, list):
            for index, name in enumerate(names):
                if isinstance(name, str) and name.strip():
                    _resolve_one(registries, field_name, name.strip(), located, (field_name, index), path, log, offset)
