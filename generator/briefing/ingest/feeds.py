"""An RSS or Atom feed's entries as raw articles (feedparser): title, text, date, authors, link, tags.

An entry's text is its full content when the feed carries it, else its summary; HTML in either is
reduced to paragraphs. A feed that is not a feed (feedparser reads anything) is refused.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from briefing.ingest.dates import find_dateline
from briefing.ingest.html import split_authors
from briefing.ingest.rawtext import RawArticle


class NotAFeed(ValueError):
    """The file or answer is not an RSS or Atom feed."""


@dataclass
class FeedEntries:
    """A feed's articles, and one line for each entry that could not be read."""

    articles: list[RawArticle]
    problems: list[str]


def parse_feed(data: bytes, origin: str) -> FeedEntries:
    import feedparser  # type: ignore[import-untyped]

    parsed = feedparser.parse(data)
    version = str(parsed.get("version") or "")
    if not version or (parsed.get("bozo") and not parsed.entries):
        reason = parsed.get("bozo_exception")
        raise NotAFeed("not an RSS or Atom feed" + (f" ({str(reason).splitlines()[0]})" if reason else ""))
    feed_title = " ".join(str(parsed.feed.get("title") or "").split()) or None
    feed_authors = split_authors(str(parsed.feed.get("author") or ""))
    articles: list[RawArticle] = []
    problems: list[str] = []
    for number, entry in enumerate(parsed.entries, 1):
        label = f"{origin} entry {number}"
        title = " ".join(str(entry.get("title") or "").split())
        paragraphs = _paragraphs(_entry_html(entry))
        if not title or not paragraphs:
            problems.append(f"{label}: {'no title' if not title else 'no text'}; skipped")
            continue
        raw = RawArticle(title=title, body_paragraphs=paragraphs, summary_paragraphs=[], origin=label)
        link = str(entry.get("link") or "")
        raw.source_url = link if link.startswith(("http://", "https://")) else None
        raw.source_name = feed_title
        names = [str(a.get("name") or "") for a in entry.get("authors") or [] if isinstance(a, dict)]
        raw.authors = [n for name in names for n in split_authors(name)] or split_authors(str(entry.get("author") or "")) or feed_authors
        raw.tags = sorted({" ".join(str(t.get("term") or "").split()) for t in entry.get("tags") or [] if t.get("term")})
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        if stamp:
            raw.date = dt.date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday)
            raw.date_evidence = "the feed entry's date"
        raw.dateline = find_dateline(paragraphs[0])
        articles.append(raw)
    return FeedEntries(articles, problems)


def _entry_html(entry: object) -> str:
    contents = getattr(entry, "get", lambda *_: None)("content") or []
    bodies = [str(c.get("value") or "") for c in contents if isinstance(c, dict)]
    full = max(bodies, key=len, default="")
    summary = str(getattr(entry, "get", lambda *_: "")("summary") or "")
    return full if len(full) >= len(summary) else summary


def _paragraphs(html: str) -> list[str]:
    """Text paragraphs of an entry's HTML (block elements and line breaks end a paragraph)."""
    if not html.strip():
        return []
    import lxml.html  # type: ignore[import-untyped]

    if "<" not in html:
        return [" ".join(p.split()) for p in re.split(r"\n\s*\n", html) if p.strip()]
    html = re.sub(r"(?i)<br\s*/?>", "\n\n", html)
    html = re.sub(r"(?i)</(p|div|li|h[1-6]|blockquote|tr)>", "\n\n", html)
    text = lxml.html.fromstring(f"<div>{html}</div>").text_content()
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]
