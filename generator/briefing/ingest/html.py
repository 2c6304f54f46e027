"""An HTML page's article: main text and metadata (title, date, authors, site, URL, tags) by trafilatura."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from briefing.ingest.dates import find_dateline
from briefing.ingest.rawtext import RawArticle

MIN_ARTICLE_WORDS = 40  # fewer is a navigation page, a search form or an error page, not an article


class NoArticle(ValueError):
    """The page holds no article text (or the feed entry no text at all)."""


def parse_html(html: bytes | str, origin: str, url: str | None = None) -> RawArticle:
    """The article of an HTML page; `NoArticle` when there is none."""
    import trafilatura

    found: Any = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False, include_tables=False)
    text = str(getattr(found, "text", "") or "") if found is not None else ""
    if found is None or len(text.split()) < MIN_ARTICLE_WORDS:
        raise NoArticle("no article text in this page (a navigation, search or error page?)")
    paragraphs = [" ".join(line.split()) for line in text.split("\n") if line.strip()]  # one line a paragraph
    title = " ".join(str(found.title or "").split()) or paragraphs[0]
    if paragraphs and paragraphs[0] == title:
        paragraphs.pop(0)
    raw = RawArticle(title=title, body_paragraphs=paragraphs, summary_paragraphs=[], origin=origin)
    raw.source_url = str(found.url) if found.url and str(found.url).startswith(("http://", "https://")) else url
    raw.source_name = str(found.sitename).strip() or None if found.sitename else (str(found.hostname) if found.hostname else None)
    raw.authors = split_authors(str(found.author or ""))
    raw.tags = sorted({t.strip() for t in [*(found.categories or []), *(found.tags or [])] if t and t.strip()})
    if found.date:
        try:
            raw.date = dt.date.fromisoformat(str(found.date)[:10])
            raw.date_evidence = "the page's date"
        except ValueError:
            pass
    raw.dateline = find_dateline(paragraphs[0]) if paragraphs else None
    return raw


def split_authors(text: str) -> list[str]:
    """'Jane Doe; John Roe' or 'Jane Doe and John Roe' -> two names (a byline's 'By' dropped)."""
    text = re.sub(r"^\s*by\s+", "", text, flags=re.IGNORECASE)
    names = [" ".join(n.split()) for n in re.split(r"\s*(?:;|,|\band\b|&)\s*", text) if n.strip()]
    return [n for n in names if 1 <= len(n.split()) <= 5]
