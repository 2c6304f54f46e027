"""`briefing import`: files, folders, feeds and URLs into draft articles, in one batch.

Each source is read on its own (`ingest.sources`), suggested for (`cli.review`), and written as a
draft (`cli.authoring`), unless the archive already holds it (same source URL or same text), so a
feed can be imported every day. One bad item is one line; the batch goes on. Names the registry
does not know are gathered across the batch into one proposed registry (`suggest.candidates`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from briefing.cli.authoring import AuthoringError, Draft, article_path, render_article, write_new_file
from briefing.cli.review import Review, choose, describe, draft_notes, review_article
from briefing.ingest.dates import find_date
from briefing.ingest.rawtext import RawArticle
from briefing.ingest.sources import Fetcher, fetch_url, read_item
from briefing.ingest.sources import expand as expand_sources
from briefing.load.corpus import find_article_files
from briefing.model.corpus import Corpus
from briefing.model.entities import Author
from briefing.model.registry import Registries, Registry
from briefing.render.markdown_text import escape_prose
from briefing.suggest.candidates import merge_candidates
from briefing.suggest.learned import TopicModel
from briefing.suggest.people import Candidate

Ask = Callable[[str, bool], bool]
Echo = Callable[[str], None]


@dataclass(frozen=True)
class ImportOptions:
    date: dt.date | None = None  # --date: every article's date
    year: int | None = None  # --year: the year of datelines that give only a month and a day
    accept: bool = False
    threshold: float = 0.6
    dry_run: bool = False
    ask: Ask | None = None


@dataclass
class BatchResult:
    sources: int = 0
    articles: int = 0
    written: list[Path] = field(default_factory=list)
    known: int = 0  # already in the archive (or twice in the batch)
    problems: list[str] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)

    def summary(self, dry_run: bool) -> list[str]:
        verb = "would write" if dry_run else "wrote"
        lines = [
            f"{self.sources} source{'s' if self.sources != 1 else ''} read, {self.articles} article{'s' if self.articles != 1 else ''} found: "
            f"{verb} {len(self.written)} draft{'s' if len(self.written) != 1 else ''}, {self.known} already in the archive, "
            f"{len(self.problems)} problem{'s' if len(self.problems) != 1 else ''}"
        ]
        if self.candidates:
            kinds = ", ".join(f"{n} {k}" for k, n in _kind_counts(self.candidates))
            lines.append(f"{len(self.candidates)} names not in the registry ({kinds}); --candidates yaml lists them as entries")
        return lines


def _kind_counts(candidates: list[Candidate]) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for candidate in candidates:
        counts[candidate.kind] = counts.get(candidate.kind, 0) + 1
    return sorted(counts.items())


_MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def fingerprint(markdown: str) -> str:
    """A body's words, casefolded, hashed: the same story however it was wrapped, spaced or escaped
    (entities and backslash escapes read as the characters they stand for). Compare Markdown with
    Markdown: a source's plain text goes through `body_markdown` first."""
    plain = html.unescape(_MARKDOWN_ESCAPE.sub(r"\1", markdown))
    return hashlib.sha256(" ".join(re.findall(r"\w+", plain.casefold())).encode()).hexdigest()


def body_markdown(raw: RawArticle) -> str:
    """The draft's body: a Markdown source as it was written; plain text (wire copy, a page's or a
    feed's text) escaped to read exactly as written, its quoted section titles kept as headings."""
    if raw.markdown:
        return raw.body
    return "\n\n".join("## " + escape_prose(p[3:]) if p.startswith("## ") else escape_prose(p) for p in raw.body_paragraphs)


def bylines(names: Iterable[str], authors: Registry[Author]) -> tuple[list[str], list[str]]:
    """A source's byline split into the registered authors' names (the front matter's `authors`)
    and the names `data/authors.yml` does not know (left as a comment for the editor)."""
    known: list[str] = []
    unknown: list[str] = []
    for name in names:
        found = authors.resolve(name, suggest=False).id
        if found is None:
            unknown.append(name)
        elif authors.entries[found].name not in known:
            known.append(authors.entries[found].name)
    return known, unknown


def archive_keys(archive: Corpus, articles_path: Path) -> tuple[set[str], set[str]]:
    """(source URLs, text fingerprints) of every article file, drafts whose metadata is not yet valid included."""
    urls = {a.source.url for a in archive.articles if a.source is not None and a.source.url}
    texts = {fingerprint(a.body) for a in archive.articles}
    for path in find_article_files(articles_path):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        parts = text.split("\n---\n", 1)
        if len(parts) == 2:
            urls.update(re.findall(r"(?m)^\s*(?:source:.*\burl|url):\s*['\"]?(https?://[^\s'\"},]+)", parts[0]))
            texts.add(fingerprint(parts[1]))
    return urls, texts


def article_date(raw: RawArticle, options: ImportOptions) -> tuple[dt.date | None, str]:
    """The article's date and where it comes from; (None, why) when nothing gives one."""
    if options.date is not None:
        return options.date, "from --date"
    if raw.date is not None:
        return raw.date, raw.date_evidence or "from the source"
    found = find_date(raw.full_text)
    if raw.dateline is not None:
        year = options.year or (found.date.year if found else None)
        dated = raw.dateline.date_in(year) if year else None
        if dated is not None:
            how = "--year" if options.year else f"the year of '{found.text}'" if found else ""
            return dated, f"dateline '{raw.dateline.text}', year from {how}"
        return None, f"the dateline '{raw.dateline.text}' gives no year; pass --year YYYY (or --date)"
    if found is not None:
        return found.date, f"detected in the text: '{found.text}'; check it"
    return None, "no date found; pass --date YYYY-MM-DD"


def import_batch(
    arguments: Iterable[str],
    articles_path: Path,
    registries: Registries,
    places: dict[str, str],
    archive: Corpus,
    model: TopicModel | None,
    options: ImportOptions,
    echo: Echo,
    progress: Callable[[int], Iterable[int]] = range,
    fetch: Fetcher = fetch_url,
) -> BatchResult:
    """Read, suggest and write every source; what happened, for the summary."""
    items, problems = expand_sources(arguments)
    result = BatchResult(sources=len(items), problems=list(problems))
    for line in problems:
        echo(f"error: {line}")
    urls, texts = archive_keys(archive, articles_path)
    detailed = len(items) == 1 or options.ask is not None
    gathered: list[list[Candidate]] = []
    for index in progress(len(items)):
        read = read_item(items[index], fetch)
        for line in read.problems:
            result.problems.append(line)
            echo(f"error: {line}")
        for line in read.notes:
            echo(f"{items[index].label}: {line}")
        for raw in read.articles:
            result.articles += 1
            if (raw.source_url and raw.source_url in urls) or fingerprint(body_markdown(raw)) in texts:
                result.known += 1
                echo(f"{raw.origin}: already in the archive (same source URL or text: '{raw.title}'); skipped")
                continue
            if not raw.body_paragraphs:
                result.problems.append(f"{raw.origin}: only a title, no text; skipped")
                echo(f"error: {result.problems[-1]}")
                continue
            date, how = article_date(raw, options)
            if date is None:
                result.problems.append(f"{raw.origin}: {how}; skipped")
                echo(f"error: {result.problems[-1]}")
                continue
            review = review_article(raw, registries, places, model)
            choose(review, options.accept, options.threshold, options.ask)
            gathered.append(review.candidates)
            path = _write(raw, date, review, registries.authors, articles_path, options, result, echo)
            if path is None:
                continue
            texts.add(fingerprint(body_markdown(raw)))
            if raw.source_url:
                urls.add(raw.source_url)
            _report(raw, date, how, review, path, options, detailed, echo)
    result.candidates = merge_candidates(gathered)
    return result


def _write(
    raw: RawArticle,
    date: dt.date,
    review: Review,
    authors: Registry[Author],
    articles_path: Path,
    options: ImportOptions,
    result: BatchResult,
    echo: Echo,
) -> Path | None:
    byline, unregistered = bylines(raw.authors, authors)
    draft = Draft(
        title=raw.title,
        date=date,
        region=review.chosen_region.entity.name if review.chosen_region else None,
        actors=[s.entity.name for s in review.chosen_actors],
        topics=[s.entity.name for s in review.chosen_topics],
        summary=raw.summary,
        body=body_markdown(raw),
        source_name=raw.source_name,
        source_url=raw.source_url,
        byline=byline,
        authors=unregistered,
        notes=draft_notes(review),
    )
    name = re.sub(r"^\d{4}-\d{2}(-\d{2})?-", "", Path(raw.origin).stem) if raw.origin and not raw.source_url else None
    wanted = article_path(articles_path, draft, name if name and " entry " not in raw.origin else None)
    path = _free_path(wanted, result.written)
    if path != wanted:
        echo(f"{raw.origin}: {wanted} holds another article (not overwritten); this one goes to {path.name}")
    if options.dry_run:
        result.written.append(path)
        return path
    try:
        write_new_file(path, render_article(draft))
    except AuthoringError as exc:
        result.problems.append(f"{raw.origin}: {exc}")
        echo(f"error: {result.problems[-1]}")
        return None
    except OSError as exc:
        result.problems.append(f"{raw.origin}: cannot write {path} ({exc.strerror or exc}); skipped")
        echo(f"error: {result.problems[-1]}")
        return None
    result.written.append(path)
    return path


def _free_path(path: Path, taken: list[Path]) -> Path:
    """`path`, or `name-2.md`, `name-3.md`... when a file (or an earlier draft of a dry run) has it:
    two stories of one day may share a headline's name; neither is lost, nothing is overwritten."""
    candidate, number = path, 1
    while candidate.exists() or candidate in taken:
        number += 1
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
    return candidate


def _report(
    raw: RawArticle, date: dt.date, how: str, review: Review, path: Path, options: ImportOptions, detailed: bool, echo: Echo
) -> None:
    verb = "would write" if options.dry_run else "wrote"
    if not detailed:
        region = review.chosen_region.entity.name if review.chosen_region else "no region"
        echo(f"{raw.origin}: {verb} {path} ({date}; {region}; {len(review.chosen_actors)} actors, {len(review.chosen_topics)} topics)")
        return
    echo(f"{raw.origin}:")
    echo(f"  date: {date.isoformat()} ({how})")
    for line in describe(review, options.threshold):
        echo(line)
    if raw.summary:
        echo("  summary: from the Editor's P/S")
    for leftover in raw.removed:
        echo(f"  removed trailing '{leftover}'")
    echo(f"  {verb} {path}")
