"""`briefing diff BASE`: what merging the working tree would change on the published site.

Both trees go through the same pipeline as a build (`build_pages`): BASE is unpacked from git
(`git archive`, so the repository and its worktrees are left as they are) into a temporary folder.
The two sets of pages are compared by URI and content, and the registries entry by entry.
A page of BASE that the new tree no longer has is a URL that disappears: links to it from
elsewhere on the web break.
"""

from __future__ import annotations

import html
import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from briefing.model.corpus import Corpus
from briefing.model.entities import REGISTRY_COLLECTIONS, Article
from briefing.model.problems import inert_line
from briefing.model.registry import SINGULAR
from briefing.model.urls import page_url
from briefing.pipeline import BuildResult
from briefing.render.output import Output


class DiffError(Exception):
    """BASE could not be read (not a git ref, not a Briefing site); one line for the user."""


@dataclass(frozen=True)
class Change:
    """One page or entry that is added, changed or removed."""

    kind: str  # "added" | "changed" | "removed"
    what: str  # a title or a name
    url: str


@dataclass
class SiteDiff:
    articles: list[Change] = field(default_factory=list)
    entity_pages: list[Change] = field(default_factory=list)
    feeds: list[Change] = field(default_factory=list)
    other_pages: list[Change] = field(default_factory=list)
    registry: list[Change] = field(default_factory=list)
    scheduled: list[Change] = field(default_factory=list)  # articles not due yet: on neither site today
    removed_urls: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.articles or self.entity_pages or self.feeds or self.other_pages or self.registry or self.scheduled)


def repository_root(path: Path) -> Path:
    found = _git(path, "rev-parse", "--show-toplevel")
    return Path(found.decode().strip())


def _git(cwd: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise DiffError("git is not installed") from None
    if done.returncode != 0:
        message = done.stderr.decode(errors="replace").strip().splitlines()
        raise DiffError(message[-1] if message else f"git {' '.join(args)} failed")
    return done.stdout


@contextmanager
def checkout(repo: Path, ref: str) -> Iterator[Path]:
    """The tree of `ref` in a temporary folder (removed afterwards)."""
    _git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    archive = _git(repo, "archive", "--format=tar", ref)
    with tempfile.TemporaryDirectory(prefix="briefing-diff-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        yield Path(tmp)


def _title(uri: str, pages: dict[str, Output]) -> str:
    page = pages.get(uri)
    if page is not None:
        for line in page.file_text.splitlines():
            if line.startswith("# "):
                return html.unescape(line[2:].strip())
            if line.startswith("title:"):
                return line[6:].strip().strip("'\"")
    return uri


def _url(uri: str) -> str:
    return "/" + page_url(uri)


def compare(base: BuildResult, head: BuildResult) -> SiteDiff:
    """Pages by URI and content, articles by their page, registry entries by id and fields."""
    old = {p.uri: p for p in base.pages}
    new = {p.uri: p for p in head.pages}
    diff = SiteDiff()
    diff.articles = _article_changes(base.corpus, head.corpus)
    edited = {c.url for c in diff.articles}
    for uri in sorted(old.keys() | new.keys()):
        if uri in old and uri in new:
            if old[uri].file_text == new[uri].file_text:
                continue
            kind = "changed"
        else:
            kind = "added" if uri in new else "removed"
        if _url(uri) in edited:
            continue
        if uri.split("/")[0] in REGISTRY_COLLECTIONS:
            diff.entity_pages.append(Change(kind, _title(uri, new if uri in new else old), _url(uri)))
        elif uri.startswith("feeds/"):
            diff.feeds.append(Change(kind, "", "/" + uri))
        else:
            diff.other_pages.append(Change(kind, _title(uri, new if uri in new else old), _url(uri)))
    diff.registry = _registry_changes(base.corpus, head.corpus)
    diff.scheduled = _scheduled_changes(base.corpus, head.corpus)
    diff.removed_urls = sorted(_url(uri) if uri.endswith(".md") else "/" + uri for uri in old.keys() - new.keys())
    return diff


def _article_changes(base: Corpus, head: Corpus) -> list[Change]:
    """Articles added, removed or edited, with the fields an edit touched."""
    old = {a.uri: a for a in base.articles}
    new = {a.uri: a for a in head.articles}
    changes: list[Change] = []
    for uri in sorted(old.keys() | new.keys()):
        if uri not in old:
            changes.append(Change("added", new[uri].title, _url(uri)))
        elif uri not in new:
            changes.append(Change("removed", old[uri].title, _url(uri)))
        else:
            fields = _changed_fields(old[uri], new[uri])
            if fields:
                changes.append(Change("changed", f"{new[uri].title} ({'; '.join(fields)})", _url(uri)))
    return changes


def _changed_fields(old: Article, new: Article) -> list[str]:
    out: list[str] = []
    fields = ("title", "date", "published_at", "region", "actors", "topics", "authors", "summary", "body", "source", "draft", "updated")
    for name in (*fields, "corrections"):
        before, after = getattr(old, name), getattr(new, name)
        if before == after:
            continue
        if name == "published_at":
            out.append("publication time")
        elif name == "corrections":
            added = [f"+{c.date.isoformat()}" for c in after if c not in before]
            removed = [f"-{c.date.isoformat()}" for c in before if c not in after]
            out.append(f"corrections {' '.join(added + removed) or 'reordered'}")
        elif isinstance(before, tuple):
            added = [f"+{i}" for i in after if i not in before]
            removed = [f"-{i}" for i in before if i not in after]
            out.append(f"{name} {' '.join(added + removed) or 'reordered'}")
        else:
            out.append(name)
    return out


def _scheduled_changes(base: Corpus, head: Corpus) -> list[Change]:
    """Scheduled articles added, edited or withdrawn: they change no page yet, but will."""
    old = {a.uri: a for a in base.scheduled}
    new = {a.uri: a for a in head.scheduled}
    changes: list[Change] = []
    for uri in sorted(old.keys() | new.keys()):
        article = new.get(uri) or old[uri]
        when = f"published {article.publication_time.isoformat(sep=' ')}"
        if uri not in old:
            changes.append(Change("added", f"{article.title} ({when})", _url(uri)))
        elif uri not in new:
            changes.append(Change("removed", f"{article.title} (was scheduled)", _url(uri)))
        elif fields := _changed_fields(old[uri], new[uri]):
            changes.append(Change("changed", f"{article.title} ({when}; {'; '.join(fields)})", _url(uri)))
    return changes


def _registry_changes(base: Corpus, head: Corpus) -> list[Change]:
    changes: list[Change] = []
    for collection in REGISTRY_COLLECTIONS:
        old, new = getattr(base, collection), getattr(head, collection)
        for entry_id in sorted(old.keys() | new.keys()):
            label = f"{SINGULAR[collection]} {entry_id}"
            if entry_id not in old:
                changes.append(Change("added", f"{label} ({new[entry_id].name})", _url(f"{collection}/{entry_id}.md")))
            elif entry_id not in new:
                changes.append(Change("removed", f"{label} ({old[entry_id].name})", _url(f"{collection}/{entry_id}.md")))
            elif _entry_fields(old[entry_id]) != _entry_fields(new[entry_id]):
                changes.append(Change("changed", f"{label} ({new[entry_id].name})", _url(f"{collection}/{entry_id}.md")))
    return changes


def _entry_fields(entity: object) -> dict[str, object]:
    """What an editor wrote, without where it was written (a line moved is no change)."""
    return {k: v for k, v in vars(entity).items() if k not in ("source_path", "source_line")}


def _sections(diff: SiteDiff) -> list[tuple[str, list[Change]]]:
    return [
        ("Articles", diff.articles),
        ("Registry entries", diff.registry),
        ("Scheduled articles (not on the site until they are due)", diff.scheduled),
        ("Actor, topic and region pages whose lists change", diff.entity_pages),
        ("Feeds", diff.feeds),
        ("Other pages that change", diff.other_pages),
    ]


def format_text(diff: SiteDiff, base_ref: str) -> list[str]:
    """The changes, one per line. The pull-request check prints them in its log, where a line can
    be a workflow command (`::add-mask::`): editors' text is escaped so that none can (`inert_line`)."""
    if diff.empty:
        return [inert_line(f"No change to the site against {base_ref}.")]
    lines = [f"Changes to the site against {base_ref}:"]
    for title, changes in _sections(diff):
        if changes:
            lines.append(f"{title} ({len(changes)}):")
            lines += [f"  {c.kind:<8} {c.url}  {c.what}".rstrip() for c in changes]
    if diff.removed_urls:
        lines.append(f"URLs that disappear (inbound links break) ({len(diff.removed_urls)}):")
        lines += [f"  {url}" for url in diff.removed_urls]
    return [inert_line(line) for line in lines]


def _md(text: str) -> str:
    """Editors' text in a Markdown table cell: escaped, never markup."""
    out = text.replace("\\", "\\\\")
    for char in "|*_`[]<>#!":
        out = out.replace(char, "\\" + char)
    return " ".join(out.split())


def format_github(diff: SiteDiff, base_ref: str) -> list[str]:
    """Markdown for a pull request's job summary ($GITHUB_STEP_SUMMARY)."""
    lines = [f"## What this change does to the site (against `{_md(base_ref)}`)", ""]
    if diff.empty:
        return [*lines, "No page changes."]
    for title, changes in _sections(diff):
        if not changes:
            continue
        lines += [f"### {title} ({len(changes)})", "", "| change | page | |", "|---|---|---|"]
        lines += [f"| {c.kind} | `{c.url}` | {_md(c.what)} |" for c in changes]
        lines.append("")
    if diff.removed_urls:
        lines += [f"### ⚠ URLs that disappear ({len(diff.removed_urls)})", "", "Links to these pages from elsewhere will break:", ""]
        lines += [f"- `{url}`" for url in diff.removed_urls]
    return lines
