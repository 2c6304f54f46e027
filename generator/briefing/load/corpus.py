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
from pathlib import Path

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
from briefing.runtime.parallel import Workers
from briefing.runtime.reuse import Kind, Reuse


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


Parsed = tuple[Article | None, list[Problem]]  # an article file read: the article (if valid) and its problems
PARSED: Kind[Parsed] = Kind("parsed article")
REGISTRIES: Kind[tuple[Registries, list[Problem]]] = Kind("registries")  # kept in memory only (`mkdocs serve`)


def load_corpus(settings: Settings, reuse: Reuse | None = None, workers: Workers | None = None) -> Corpus:
    """Read and validate all registries and articles, collecting every problem. With `reuse` (the
    build store, or `mkdocs serve`'s memory), an article file parsed before from the same bytes,
    at the same path, against the same registries is not parsed again; the rest are parsed on
    every CPU `workers` allows."""
    log = ProblemLog(settings.root)
    now = _now(settings, log)
    registry_bytes = b"\0".join(_registry_bytes(p) for p in registry_paths(settings).values())
    registries = _load_registries(settings, log, reuse, registry_bytes)
    if not settings.articles_path.is_dir():
        log.error(settings.articles_path, "", "articles folder not found")
    if not all(r.readable for r in (registries.actors, registries.topics, registries.regions, registries.authors)):
        # Every article names entries of that file: checking them now would bury its one real
        # problem under an "unknown ..." error per article. Fix the registry, then the rest shows.
        return Corpus(articles=[], actors={}, topics={}, regions={}, log=log)
    paths = [path for path in find_article_files(settings.articles_path, log) if _name_is_safe(path, settings.articles_path, log)]
    registry_digest = hashlib.sha256(registry_bytes).digest()
    if settings.allow_raw_html:  # bodies kept as written: another parse than the sanitised one
        registry_digest = hashlib.sha256(registry_digest + b"\0allow_raw_html").digest()
    articles = _read_articles(paths, registries, log, reuse, workers or Workers(), registry_digest, settings.allow_raw_html)
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


def _read_articles(
    paths: list[Path],
    registries: Registries,
    log: ProblemLog,
    reuse: Reuse | None,
    workers: Workers,
    registry_digest: bytes,
    allow_raw_html: bool,
) -> list[Article]:
    """Every article file: those parsed before (`reuse`) replayed, with their problems; the others
    parsed, on every CPU for a large corpus, and kept. A file that cannot be read is not kept: it
    may be fixed without its bytes changing."""
    found: list[Parsed | None] = []
    keyed: list[tuple[Path, bytes | None, str | None]] = []
    for path in paths:
        data: bytes | None = None
        if reuse is not None:
            try:
                data = read_article_bytes(path)
            except SourceError:
                data = None  # parsed (and reported) below, as without reuse
        key = None
        if data is not None:
            where = os.fsencode(path) + b"\0" + os.fsencode(log.root)
            key = hashlib.sha256(registry_digest + b"\0" + where + b"\0" + data).hexdigest()
        found.append(reuse.recall(PARSED, os.fsdecode(path), key) if reuse is not None and key is not None else None)
        keyed.append((path, data, key))
    missing = [at for at, entry in enumerate(found) if entry is None]

    def read(at: int) -> Parsed:
        path, data, _ = keyed[at]
        own_log = ProblemLog(log.root)
        return read_article(path, registries, own_log, data, allow_raw_html), own_log.problems

    for at, entry in zip(missing, workers.map_items(read, missing)):
        found[at] = entry
        path, _, key = keyed[at]
        if reuse is not None and key is not None:
            reuse.keep(PARSED, os.fsdecode(path), key, entry)
    articles: list[Article] = []
    for parsed in found:
        assert parsed is not None
        article, problems = parsed
        log.problems.extend(problems)
        if article is not None:
            articles.append(article)
    return articles


def _load_registries(settings: Settings, log: ProblemLog, reuse: Reuse | None, registry_bytes: bytes) -> Registries:
    """The registries and their cross-checks; under `mkdocs serve`, kept while no registry file changed."""
    kept = reuse.recall(REGISTRIES, "registries", registry_bytes) if reuse is not None else None
    if kept is None:
        own_log = ProblemLog(settings.root)
        kept = (load_registries(registry_paths(settings), own_log), own_log.problems)
        if reuse is not None:
            reuse.keep(REGISTRIES, "registries", registry_bytes, kept)
    registries, problems = kept
    log.problems.extend(problems)
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
