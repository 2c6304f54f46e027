"""Load everything first: registries, then articles, then cross-file checks.

Nothing is rendered from half-loaded data: `load_corpus` returns the whole
validated corpus plus every problem found, and callers decide whether to stop.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .articles import Registries, read_article
from .model import Actor, Article, Region, Topic
from .problems import Position, ProblemLog
from .registry import REGISTRY_FILES, load_registry
from .urls import article_uri


@dataclass(frozen=True)
class Settings:
    """Where the editors' files live; paths are relative to `root` (the project folder)."""

    root: Path
    articles_dir: str = "articles"
    data_dir: str = "data"
    include_drafts: bool = False

    @property
    def articles_path(self) -> Path:
        return self.root / self.articles_dir

    @property
    def data_path(self) -> Path:
        return self.root / self.data_dir

    def registry_path(self, collection: str) -> Path:
        return self.data_path / REGISTRY_FILES[collection]  # type: ignore[index]


@dataclass
class Corpus:
    """The validated content, ready for indexing: articles oldest first, entities by id."""

    articles: list[Article]
    actors: dict[str, Actor]
    topics: dict[str, Topic]
    regions: dict[str, Region]
    log: ProblemLog
    drafts: list[Article] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.log.errors


def find_article_files(articles_path: Path) -> list[Path]:
    """Every `*.md` under the articles folder, in a stable order."""
    if not articles_path.is_dir():
        return []
    return sorted(p for p in articles_path.rglob("*.md") if p.is_file())


def load_corpus(settings: Settings) -> Corpus:
    """Read and validate all registries and articles, collecting every problem."""
    log = ProblemLog(settings.root)
    registries = Registries(
        actors=load_registry("actors", settings.registry_path("actors"), log),
        topics=load_registry("topics", settings.registry_path("topics"), log),
        regions=load_registry("regions", settings.registry_path("regions"), log),
    )
    _check_region_parents(registries, log)
    if not settings.articles_path.is_dir():
        log.error(settings.articles_path, "", "articles folder not found")
    articles: list[Article] = []
    for path in find_article_files(settings.articles_path):
        article = read_article(path, registries, log)
        if article is not None:
            articles.append(article)
    _check_unique_urls(articles, log, settings.root)
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


def _check_region_parents(registries: Registries, log: ProblemLog) -> None:
    """Every parent exists and the region tree has no cycles."""
    regions = registries.regions.entries
    for region in list(regions.values()):
        position = Position(region.source_line, 0) if region.source_line else None
        if region.parent is not None and region.parent not in regions:
            hint = registries.regions.resolve(region.parent)
            suffix = f" (did you mean '{hint.id}'?)" if hint.id else ""
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


def _check_unique_urls(articles: list[Article], log: ProblemLog, root: Path) -> None:
    """Two articles with the same date month and slug would overwrite each other's page."""
    owners: dict[str, Article] = {}
    for article in articles:
        uri = article_uri(article)
        first = owners.setdefault(uri, article)
        if first is not article:
            log.error(
                root / article.source_path,
                "slug",
                f"same URL as {first.source_path} ({uri.removesuffix('.md')}/); rename the file or set a different 'slug'",
            )
