"""Load everything first: registries, then articles, then cross-file checks.

Nothing is rendered from half-loaded data: `load_corpus` returns the whole
validated corpus plus every problem found, and callers decide whether to stop.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from slugify import slugify

from briefing.load.articles import read_article
from briefing.load.frontmatter import read_article_bytes
from briefing.load.registry import load_registries, read_registry_bytes
from briefing.load.source import SourceError
from briefing.model.clock import ClockError, build_time
from briefing.model.corpus import Corpus
from briefing.model.entities import REGISTRY_COLLECTIONS, Article, Collection
from briefing.model.problems import Position, Problem, ProblemLog
from briefing.model.registry import Registries
from briefing.model.settings import Settings
from briefing.model.urls import article_uri
from briefing.runtime.parallel import map_items


def find_article_files(articles_path: Path, log: ProblemLog | None = None) -> list[Path]:
    """Every `*.md` under the articles folder, in a stable order.

    Nothing is skipped without a word (when `log` is given): a sub-folder that cannot be read
    is an error (its articles would silently vanish from the site), and so is a `.md` entry that
    is not a readable regular file (a dangling link, a named pipe; `read_article` says which);
    a folder named `*.md` and a file named `*.MD` are warnings. Symbolic links to folders are
    not followed, as before.
    """
    if not articles_path.is_dir():
        return []
    found: list[Path] = []
    pending = [articles_path]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as entries:
                listed = sorted(entries, key=lambda e: e.name)
        except OSError as exc:
            if log is not None:
                reason = "permission denied" if isinstance(exc, PermissionError) else exc.strerror or type(exc).__name__
                log.error(folder, "", f"cannot read this folder ({reason}); the articles in it were not checked")
            continue
        for entry in listed:
            path = Path(entry.path)
            try:
                is_folder = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_folder = False
            if is_folder:
                pending.append(path)
                if entry.name.endswith(".md") and log is not None:
                    log.warning(path, "", "a folder named like an article; the articles inside it are read, the folder is not one")
            elif entry.name.endswith(".md"):
                if entry.is_symlink() and os.path.isdir(path):
                    if log is not None:
                        log.warning(path, "", "a link to a folder named like an article; links to folders are not followed")
                    continue
                found.append(path)  # a FIFO or a dangling link is refused, with a reason, when read
            elif entry.name.lower().endswith(".md") and log is not None:
                log.warning(path, "", f"not read: article files end in lowercase '.md'; rename it to '{entry.name[:-3]}.md'")
    return sorted(found)


# What an article's file and folder names may hold: they go into page links ("Edit this page"),
# where a quote or an angle bracket would end the attribute and start markup.
SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def _name_is_safe(path: Path, articles_path: Path, log: ProblemLog) -> bool:
    """An article whose file or folder name holds anything but letters, digits, '-', '_' and '.'
    is an error, and is not read: its name would be published in links."""
    for part in path.relative_to(articles_path).parts:
        if SAFE_NAME.fullmatch(part) is None:
            stem, dot, extension = part.rpartition(".") if part.endswith(".md") else (part, "", "")
            suggestion = (slugify(stem) or "article") + dot + extension
            log.error(
                path,
                "file name",
                f"'{part}' may hold only letters, digits, '-', '_' and '.' (it goes into the page's links); rename it '{suggestion}'",
            )
            return False
    return True


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


class ParsedStore(Protocol):
    """Articles parsed by earlier builds, by a key of everything their parse depends on (the
    file's bytes and path, the registries); `site.build_cache` keeps them on disk."""

    parsed: int  # articles stored so far (parsed by this build)

    def get(self, key: str) -> tuple[Article | None, list[Problem]] | None: ...

    def put(self, key: str, article: Article | None, problems: list[Problem]) -> None: ...


def load_corpus(settings: Settings, cache: LoadCache | None = None, store: ParsedStore | None = None) -> Corpus:
    """Read and validate all registries and articles, collecting every problem. With `store`
    (a one-off build with the build cache), an article file parsed before is not parsed again."""
    log = ProblemLog(settings.root)
    now = _now(settings, log)
    registries = _load_registries(settings, log, cache)
    if not settings.articles_path.is_dir():
        log.error(settings.articles_path, "", "articles folder not found")
    if not all(r.readable for r in (registries.actors, registries.topics, registries.regions, registries.authors)):
        # Every article names entries of that file: checking them now would bury its one real
        # problem under an "unknown ..." error per article. Fix the registry, then the rest shows.
        return Corpus(articles=[], actors={}, topics={}, regions={}, log=log)
    paths = [path for path in find_article_files(settings.articles_path, log) if _name_is_safe(path, settings.articles_path, log)]
    if cache is not None:
        articles = _read_articles_cached(paths, registries, log, cache, settings.allow_raw_html)
    elif store is not None:
        registry_digest = hashlib.sha256(b"\0".join(_registry_bytes(p) for p in registry_paths(settings).values())).digest()
        if settings.allow_raw_html:  # bodies kept as written: another parse than the sanitised one
            registry_digest = hashlib.sha256(registry_digest + b"\0allow_raw_html").digest()
        articles = _read_articles_stored(paths, registries, log, store, registry_digest, settings.allow_raw_html)
    else:
        articles = _read_articles(paths, registries, log, settings.allow_raw_html)
    unique = _drop_duplicate_urls(articles, log, settings.root)
    _warn_about_articles(articles, log, settings.root, today=now.date())
    articles = unique
    if not log.errors:  # with broken articles, "unused" would be noise
        _warn_about_unused_entries(registries, articles, log)
    published = [a for a in articles if settings.include_drafts or not a.draft]
    drafts = [a for a in articles if a.draft and not settings.include_drafts]
    scheduled = sorted((a for a in published if a.publication_time > now), key=lambda a: (a.publication_time, a.sort_key))
    if settings.preview_scheduled:  # shown, marked: a scheduled article's page says when it will be published
        published = [dataclasses.replace(a, scheduled=True) if a.publication_time > now else a for a in published]
    else:  # as if the file did not exist yet: no page, list, feed, search record, count or tie
        published = [a for a in published if a.publication_time <= now]
    published.sort(key=lambda a: a.sort_key)
    return Corpus(
        articles=published,
        actors=dict(registries.actors.entries),
        topics=dict(registries.topics.entries),
        regions=dict(registries.regions.entries),
        authors=dict(registries.authors.entries),
        log=log,
        drafts=drafts,
        scheduled=scheduled,
        now=now,
    )


def _now(settings: Settings, log: ProblemLog) -> dt.datetime:
    """The instant that decides what is published: the settings' (tests), else the build's clock.
    A malformed SOURCE_DATE_EPOCH is an error (reproducible builds must not guess the time)."""
    if settings.now is not None:
        return settings.now
    try:
        return build_time()
    except ClockError as exc:
        log.error(Path("SOURCE_DATE_EPOCH"), "", str(exc))
        return dt.datetime.now(dt.timezone.utc)


def _read_articles(paths: list[Path], registries: Registries, log: ProblemLog, allow_raw_html: bool) -> list[Article]:
    """A one-off build: read every file, nothing to compare with (on every CPU for a large corpus)."""

    def read(path: Path) -> tuple[Article | None, list[Problem]]:
        own_log = ProblemLog(log.root)
        return read_article(path, registries, own_log, allow_raw_html=allow_raw_html), own_log.problems

    articles: list[Article] = []
    for article, problems in map_items(read, paths):
        log.problems.extend(problems)
        if article is not None:
            articles.append(article)
    return articles


def _read_articles_stored(
    paths: list[Path], registries: Registries, log: ProblemLog, store: ParsedStore, registry_digest: bytes, allow_raw_html: bool
) -> list[Article]:
    """A one-off build with the build cache: parse (on every CPU) only the files not parsed before
    with these bytes, at this path, against these registries; replay the problems of the others."""
    found: list[tuple[Article | None, list[Problem]] | None] = []
    keyed: list[tuple[Path, bytes | None, str | None]] = []
    for path in paths:
        try:
            data: bytes | None = read_article_bytes(path)
        except SourceError:
            data = None  # parsed (and reported) below, as without the cache
        key = None
        if data is not None:
            where = os.fsencode(path) + b"\0" + os.fsencode(log.root)
            key = hashlib.sha256(registry_digest + b"\0" + where + b"\0" + data).hexdigest()
        found.append(store.get(key) if key is not None else None)
        keyed.append((path, data, key))
    missing = [at for at, entry in enumerate(found) if entry is None]

    def read(at: int) -> tuple[Article | None, list[Problem]]:
        path, data, _ = keyed[at]
        own_log = ProblemLog(log.root)
        return read_article(path, registries, own_log, data, allow_raw_html), own_log.problems

    for at, entry in zip(missing, map_items(read, missing)):
        found[at] = entry
        key = keyed[at][2]
        if key is not None:
            store.put(key, *entry)
    articles: list[Article] = []
    for stored in found:
        assert stored is not None
        article, problems = stored
        log.problems.extend(problems)
        if article is not None:
            articles.append(article)
    return articles


def _read_articles_cached(
    paths: list[Path], registries: Registries, log: ProblemLog, cache: LoadCache, allow_raw_html: bool
) -> list[Article]:
    """Parse only files whose content changed; replay the problems of the others."""
    articles: list[Article] = []
    seen: dict[Path, tuple[bytes, Article | None, list[Problem]]] = {}
    for path in paths:
        try:
            data = read_article_bytes(path)
        except SourceError as exc:  # read again next time: the file may be fixed without its content changing
            own_log = ProblemLog(log.root)
            own_log.error(path, "", exc.message, exc.position)
            log.problems.extend(own_log.problems)
            continue
        digest = hashlib.blake2b(data, digest_size=16).digest()
        entry = cache.articles.get(path)
        if entry is None or entry[0] != digest:
            own_log = ProblemLog(log.root)
            entry = (digest, read_article(path, registries, own_log, data, allow_raw_html), own_log.problems)
        seen[path] = entry
        log.problems.extend(entry[2])
        if entry[1] is not None:
            articles.append(entry[1])
    cache.parsed = sum(1 for path, entry in seen.items() if cache.articles.get(path) is not entry)
    cache.articles = seen
    return articles


def _load_registries(settings: Settings, log: ProblemLog, cache: LoadCache | None) -> Registries:
    """The three registries and their cross-checks, from the cache when no registry file changed."""
    digest = b""
    if cache is not None:  # the three small files are read once more, to notice an edit
        digest = hashlib.blake2b(b"\0".join(_registry_bytes(p) for p in registry_paths(settings).values())).digest()
        if cache.registries is not None and cache.registries_digest == digest:
            log.problems.extend(cache.registry_problems)
            return cache.registries
    own_log = ProblemLog(settings.root)
    registries = load_registries(registry_paths(settings), own_log)
    log.problems.extend(own_log.problems)
    if cache is not None:  # articles resolved against the old registries must be read again
        cache.registries_digest, cache.registries, cache.registry_problems = digest, registries, own_log.problems
        cache.articles = {}
    return registries


def registry_paths(settings: Settings) -> dict[Collection, Path]:
    return {c: settings.registry_path(c) for c in REGISTRY_COLLECTIONS}


def _registry_bytes(path: Path) -> bytes:
    """A registry's content for noticing an edit (its problems are reported when it is loaded)."""
    try:
        return read_registry_bytes(path)
    except SourceError as exc:
        return f"<{exc.message}>".encode()


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
                article.field_positions.get("slug"),  # a `slug:` line if the URL comes from one, else the file name
            )
    return list(owners.values())


def _warn_about_articles(articles: list[Article], log: ProblemLog, root: Path, today: dt.date) -> None:
    """Likely mistakes that do not break the site: an implausible date (a future one is scheduled,
    see `load_corpus`, unless it is implausible), an article naming no actor."""
    years = sorted(a.date.year for a in articles)
    median = years[len(years) // 2] if years else today.year
    for article in articles:
        path = root / article.source_path
        implausible = _implausible_date(article.date, median)
        if implausible:
            log.warning(path, "date", implausible, article.field_positions.get("date"))
        if not article.actors:
            log.warning(path, "actors", "no actors: the article will not appear on any actor page")


EARLIEST_PLAUSIBLE_YEAR = 1900
MAX_YEARS_FROM_MEDIAN = 50


def _implausible_date(date: dt.date, median_year: int) -> str | None:
    """A date no briefing corpus holds (`0024-05-15` for 2024): charts and the timeline would
    span every month in between. Said with the likely intended year when the century is missing."""
    shown = date.isoformat()
    if date.year < 100:
        intended = date.replace(year=2000 + date.year if 2000 + date.year <= median_year + 1 else 1900 + date.year)
        return f"{shown} has a two-digit year; did you mean {intended.isoformat()}?"
    if date.year < EARLIEST_PLAUSIBLE_YEAR:
        return f"{shown} is before {EARLIEST_PLAUSIBLE_YEAR}; is the year right?"
    if abs(date.year - median_year) > MAX_YEARS_FROM_MEDIAN:
        return f"{shown} is more than {MAX_YEARS_FROM_MEDIAN} years from most articles ({median_year}); is the year right?"
    return None


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
        "authors": {a for article in articles for a in article.authors},
    }
    for registry in (registries.actors, registries.topics, registries.regions, registries.authors):
        for entity in registry:
            if entity.id not in used[registry.collection]:
                log.warning(
                    registry.path,
                    entity.id,
                    f"no article is by '{entity.name}'" if registry.collection == "authors" else f"no article names '{entity.name}'",
                    Position(entity.source_line, 1) if entity.source_line else None,
                )
