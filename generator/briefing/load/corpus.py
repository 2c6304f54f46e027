"""Load everything first: registries, then articles, then cross-file checks.

Nothing is rendered from half-loaded data: `load_corpus` returns the whole
validated corpus plus every problem found, and callers decide whether to stop.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from briefing.load.articles import field_position, read_article
from briefing.load.registry import load_registry
from briefing.model.corpus import Corpus
from briefing.model.entities import Article
from briefing.model.problems import Position, Problem, ProblemLog
from briefing.model.registry import Registries, Registry
from briefing.model.settings import Settings
from briefing.model.urls import article_uri
from briefing.runtime.parallel import map_items


def find_article_files(articles_path: Path) -> list[Path]:
    """Every `*.md` under the articles folder, in a stable order."""
    if not articles_path.is_dir():
        return []
    return sorted(p for p in articles_path.rglob("*.md") if p.is_file())


@dataclass
class LoadCache:
    """Parsed files kept between `mkdocs serve` rebuilds, keyed by their content.

    After an edit only the changed article is parsed again; an edit to a registry re-reads
    everything, since every article's names resolve against it. Unchanged articles keep
    their identity, which lets the renderer recognise pages whose inputs did not change.
    """

    registries_digest: bytes | None = None
    registries: Registries | None = None
    registry_problems: list[Problem] = field(default_factory=list)
    articles: dict[Path, tuple[bytes, Article | None, list[Problem]]] = field(default_factory=dict)
    parsed: int = 0  # articles parsed in the last load (the rest came from the cache)


def load_corpus(settings: Settings, cache: LoadCache | None = None) -> Corpus:
    """Read and validate all registries and articles, collecting every problem."""
    log = ProblemLog(settings.root)
    registries = _load_registries(settings, log, cache)
    if not settings.articles_path.is_dir():
        log.error(settings.articles_path, "", "articles folder not found")
    if not all(r.readable for r in (registries.actors, registries.topics, registries.regions)):
        # Every article names entries of that file: checking them now would bury its one real
        # problem under an "unknown ..." error per article. Fix the registry, then the rest shows.
        return Corpus(articles=[], actors={}, topics={}, regions={}, log=log)
    paths = find_article_files(settings.articles_path)
    articles = _read_articles(paths, registries, log) if cache is None else _read_articles_cached(paths, registries, log, cache)
    unique = _drop_duplicate_urls(articles, log, settings.root)
    _warn_about_articles(articles, log, settings.root, today=settings.today or dt.date.today())
    articles = unique
    if not log.errors:  # with broken articles, "unused" would be noise
        _warn_about_unused_entries(registries, articles, log)
    published = [a for a in articles if settings.include_drafts or not a.draft]
    drafts = [a for a in articles if a.draft and not settings.include_drafts]
    published.sort(key=lambda a: a.sort_key)
    return Corpus(
        articles=published,
        actors=dict(registries.actors.entries),
        topics=dict(registries.topics.entries),
        regions=dict(registries.regions.entries),
        log=log,
        drafts=drafts,
    )


def _read_articles(paths: list[Path], registries: Registries, log: ProblemLog) -> list[Article]:
    """A one-off build: read every file, nothing to compare with (on every CPU for a large corpus)."""

    def read(path: Path) -> tuple[Article | None, list[Problem]]:
        own_log = ProblemLog(log.root)
        return read_article(path, registries, own_log), own_log.problems

    articles: list[Article] = []
    for article, problems in map_items(read, paths):
        log.problems.extend(problems)
        if article is not None:
            articles.append(article)
    return articles


def _read_articles_cached(paths: list[Path], registries: Registries, log: ProblemLog, cache: LoadCache) -> list[Article]:
    """Parse only files whose content changed; replay the problems of the others."""
    articles: list[Article] = []
    seen: dict[Path, tuple[bytes, Article | None, list[Problem]]] = {}
    for path in paths:
        data = path.read_bytes()
        digest = hashlib.blake2b(data, digest_size=16).digest()
        entry = cache.articles.get(path)
        if entry is None or entry[0] != digest:
            own_log = ProblemLog(log.root)
            entry = (digest, read_article(path, registries, own_log, data), own_log.problems)
        seen[path] = entry
        log.problems.extend(entry[2])
        if entry[1] is not None:
            articles.append(entry[1])
    cache.parsed = sum(1 for path, entry in seen.items() if cache.articles.get(path) is not entry)
    cache.articles = seen
    return articles


def _load_registries(settings: Settings, log: ProblemLog, cache: LoadCache | None) -> Registries:
    """The three registries and their cross-checks, from the cache when no registry file changed."""
    paths = [settings.registry_path(c) for c in ("actors", "topics", "regions")]
    digest = b""
    if cache is not None:  # the three small files are read once more, to notice an edit
        digest = hashlib.blake2b(b"\0".join(p.read_bytes() if p.is_file() else b"<missing>" for p in paths)).digest()
        if cache.registries is not None and cache.registries_digest == digest:
            log.problems.extend(cache.registry_problems)
            return cache.registries
    own_log = ProblemLog(settings.root)
    registries = Registries(
        actors=load_registry("actors", paths[0], own_log),
        topics=load_registry("topics", paths[1], own_log),
        regions=load_registry("regions", paths[2], own_log),
    )
    _check_region_parents(registries, own_log)
    if registries.regions.readable:  # else every state's region would be "unknown"
        _check_actor_regions(registries, own_log)
    log.problems.extend(own_log.problems)
    if cache is not None:  # articles resolved against the old registries must be read again
        cache.registries_digest, cache.registries, cache.registry_problems = digest, registries, own_log.problems
        cache.articles = {}
    return registries


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


def _region_id_hint(regions: Registry, text: str) -> str:
    """` (did you mean 'asia'?)` for a region id that does not exist: the id of the region the
    text names exactly (a name or alias written where an id belongs), else of the closest spelling."""
    hint = regions.resolve(text)
    found = hint.id or hint.closest_id
    return f" (did you mean '{found}'?)" if found else ""


def _drop_duplicate_urls(articles: list[Article], log: ProblemLog, root: Path) -> list[Article]:
    """Two articles with the same date month and slug would overwrite each other's page: the
    later file (in path order) is an error and is left out, so the corpus has one article per URL."""
    owners: dict[str, Article] = {}
    for article in articles:
        uri = article_uri(article)
        first = owners.setdefault(uri, article)
        if first is not article:
            path = root / article.source_path
            log.error(
                path,
                "slug",
                f"same URL as {first.source_path} ({uri.removesuffix('.md')}/); rename the file or set a different 'slug'",
                field_position(path, "slug"),  # a `slug:` line if the URL comes from one, else the file name
            )
    return list(owners.values())


def _warn_about_articles(articles: list[Article], log: ProblemLog, root: Path, today: dt.date) -> None:
    """Likely mistakes that do not break the site: a date in the future, an article naming no actor."""
    for article in articles:
        path = root / article.source_path
        if article.date > today:
            log.warning(path, "date", f"{article.date.isoformat()} is in the future; is the year right?")
        if not article.actors:
            log.warning(path, "actors", "no actors: the article will not appear on any actor page")


def _warn_about_unused_entries(registries: Registries, articles: list[Article], log: ProblemLog) -> None:
    """Registry entries no article names (a region also counts as used through its sub-regions)."""
    used_regions: set[str] = set()
    for article in articles:
        current: str | None = article.region
        while current is not None and current not in used_regions:
            used_regions.add(current)
            region = registries.regions.entries.get(current)
            current = region.parent if region else None
    used = {
        "actors": {a for article in articles for a in article.actors},
        "topics": {t for article in articles for t in article.topics},
        "regions": used_regions,
    }
    for collection, registry in (("actors", registries.actors), ("topics", registries.topics), ("regions", registries.regions)):
        for entity in registry:
            if entity.id not in used[collection]:
                log.warning(
                    registry.path,
                    entity.id,
                    f"no article names '{entity.name}'",
                    Position(entity.source_line, 1) if entity.source_line else None,
                )
