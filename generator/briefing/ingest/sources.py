"""What `briefing import` reads: files, folders (an archive export), feeds and URLs, each into raw articles.

Every argument becomes items; each item is read on its own, so one bad page or a feed that is not
a feed is one line and the rest of the batch goes on. A URL is fetched only because the user
passed it (nothing else reaches the network).
"""

from __future__ import annotations

import os
import re
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from briefing.ingest.feeds import NotAFeed, parse_feed
from briefing.ingest.html import NoArticle, parse_html
from briefing.ingest.rawtext import RawArticle, parse_raw, remove_control_characters

MAX_SOURCE_BYTES = 20_000_000
FETCH_TIMEOUT = 20  # seconds
TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".xml", ".rss", ".atom", ".rdf"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES


@dataclass(frozen=True)
class Item:
    """One file or URL to read."""

    label: str
    path: Path | None = None
    url: str | None = None


@dataclass
class Read:
    """What one item gave: its articles, and a line for each problem."""

    articles: list[RawArticle] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # not problems: "removed 2 control characters"


Fetcher = Callable[[str], tuple[bytes, str]]  # URL -> (bytes, content type)


def expand(arguments: Iterable[str]) -> tuple[list[Item], list[str]]:
    """Items in the order given (a folder's files sorted, hidden ones left out), and one line per
    argument that is neither a file, a folder nor a web address."""
    items: list[Item] = []
    problems: list[str] = []
    for argument in arguments:
        if re.match(r"(?i)^https?://\S+$", argument):
            items.append(Item(argument, url=argument))
            continue
        path = Path(argument)
        if path.is_dir():
            found = sorted(_files_under(path))
            if not found:
                problems.append(f"{argument}: no .txt, .md, .html or feed files in this folder")
            items.extend(Item(str(p), path=p) for p in found)
        elif path.is_file():
            items.append(Item(argument, path=path))
        else:
            problems.append(f"{argument}: no such file or folder (a web address starts with http:// or https://)")
    return items, problems


def _files_under(folder: Path) -> Iterator[Path]:
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        for name in files:
            path = Path(root, name)
            if not name.startswith(".") and path.suffix.lower() in KNOWN_SUFFIXES and path.is_file():
                yield path


def fetch_url(url: str) -> tuple[bytes, str]:
    """The bytes and content type at `url` (at most MAX_SOURCE_BYTES); `OSError` with the reason when it fails."""
    request = urllib.request.Request(url, headers={"User-Agent": "Briefing-import/1 (+https://github.com/)"})
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:  # the user's own URL
            data = response.read(MAX_SOURCE_BYTES + 1)
            kind = str(response.headers.get("Content-Type") or "")
    except urllib.error.HTTPError as exc:
        raise OSError(f"the server answered {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise OSError(f"cannot fetch it ({exc.reason})") from None
    except TimeoutError:
        raise OSError(f"no answer within {FETCH_TIMEOUT} s") from None
    if len(data) > MAX_SOURCE_BYTES:
        raise OSError(f"larger than {MAX_SOURCE_BYTES // 1_000_000} MB")
    return data, kind


def read_item(item: Item, fetch: Fetcher = fetch_url) -> Read:
    """The articles of one file or URL; problems as one line each, never an exception."""
    try:
        if item.url is not None:
            data, content_type = fetch(item.url)
        else:
            assert item.path is not None
            if item.path.stat().st_size > MAX_SOURCE_BYTES:
                return Read(problems=[f"{item.label}: larger than {MAX_SOURCE_BYTES // 1_000_000} MB; skipped"])
            data, content_type = item.path.read_bytes(), ""
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return Read(problems=[f"{item.label}: {reason}; skipped"])
    kind = sniff(item.path.suffix.lower() if item.path else "", content_type, data)
    try:
        if kind == "feed":
            entries = parse_feed(data, item.label)
            if not entries.articles and not entries.problems:
                return Read(problems=[f"{item.label}: the feed has no entries"])
            return Read(entries.articles, entries.problems)
        if kind == "html":
            return Read([parse_html(data, item.label, item.url)])
        text, controls = remove_control_characters(data.decode("utf-8-sig"))
        raw = parse_markdown(text) if kind == "markdown" else parse_raw(text)
        raw.origin = item.label
        notes = (
            [f"removed {controls} control character{'s' if controls > 1 else ''} (NUL, escape codes...) from the text"] if controls else []
        )
        return Read([raw], notes=notes)
    except UnicodeDecodeError as exc:
        return Read(problems=[f"{item.label}: not UTF-8 text (byte {exc.start}); skipped"])
    except (NotAFeed, NoArticle, ValueError) as exc:
        return Read(problems=[f"{item.label}: {exc}; skipped"])


def sniff(suffix: str, content_type: str, data: bytes) -> str:
    """'feed', 'html', 'markdown' or 'text', from the content first, then the type and the suffix."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if re.search(rb"<rss[\s>]|<feed[\s>]|<rdf:rdf[\s>]", head):
        return "feed"
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:512]:
        return "html"
    if "xml" in content_type and ("rss" in content_type or "atom" in content_type):
        return "feed"
    if "html" in content_type or suffix in HTML_SUFFIXES:
        return "html"
    if suffix in FEED_SUFFIXES:
        return "feed"
    return "markdown" if suffix in MARKDOWN_SUFFIXES else "text"


def parse_markdown(text: str) -> RawArticle:
    """A Markdown file from another system: its front matter's title (or a '# Title' line) and its text."""
    front: dict[str, object] = {}
    match = re.match(r"^\ufeff?---\s*\n(.*?)\n---\s*\n", text, re.DOTALL)
    if match:
        import yaml

        try:
            loaded = yaml.safe_load(match.group(1))
        except yaml.YAMLError:
            loaded = None
        front = loaded if isinstance(loaded, dict) else {}
        text = text[match.end() :]
    text = re.sub(r"^\s*#\s+", "", text, count=1)  # a '# Title' line is the title line
    title = front.get("title")
    raw = parse_raw(f"{title}\n\n{text}" if isinstance(title, str) and title.strip() else text)
    raw.markdown = True
    author = front.get("author") or front.get("authors")
    raw.authors = [str(a) for a in author] if isinstance(author, list) else ([str(author)] if author else [])
    tags = front.get("tags") or front.get("categories")
    raw.tags = [str(t) for t in tags] if isinstance(tags, list) else []
    return raw
