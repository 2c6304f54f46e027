"""A raw article: title, body and editor's note, and what its source says (date, authors, tags, URL).

`parse_raw` reads scraped text (title line, repeated title, body, optional "Editor's P/S:");
the HTML and feed readers fill the same record from what those sources carry.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from briefing.ingest.dates import Dateline, find_dateline

# C0 controls but tab and newline (carriage returns are line ends), DEL and C1 controls: what
# `check` refuses in a title or summary, so `new` and `import` must never write them.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
EDITOR_NOTE = re.compile(r"^\s*editor['’]s\s+p\.?\s*/?\s*s\.?\s*:?\s*$", re.IGNORECASE)
MAX_HEADING_WORDS = 6


@dataclass
class RawArticle:
    title: str
    body_paragraphs: list[str]
    summary_paragraphs: list[str]
    removed: list[str] = field(default_factory=list)  # scraped leftovers dropped, reported to the editor
    origin: str = ""  # the file or URL it came from, for messages
    date: dt.date | None = None  # what the source says (a feed's or page's date, a dateline with its year)
    date_evidence: str = ""  # where that date comes from, shown to the editor
    authors: list[str] = field(default_factory=list)  # the source's byline (kept for the front matter's `authors`)
    source_name: str | None = None
    source_url: str | None = None
    tags: list[str] = field(default_factory=list)  # the source's own categories, offered as topics when registered
    dateline: Dateline | None = None  # "MANAMA, March 1 -": where the story was filed
    markdown: bool = False  # the body is Markdown as its source wrote it; else plain text, escaped when written

    @property
    def body(self) -> str:
        return "\n\n".join(self.body_paragraphs)

    @property
    def summary(self) -> str | None:
        return "\n\n".join(self.summary_paragraphs) or None

    @property
    def full_text(self) -> str:
        return "\n\n".join([self.title, *self.body_paragraphs, *self.summary_paragraphs])


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs separated by blank lines, each on one line. Text whose lines are all short and
    unbroken (wire copy indents each paragraph instead: "    The company said") splits there too."""
    text = text.replace("\r\n", "\n").lstrip("\ufeff")
    text = re.sub(r"\n[ \t]{2,}(?=\S)", "\n\n", text)
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


def parse_raw(text: str) -> RawArticle:
    """Split raw text into title, body and editor's note; drop the repeated title and stray words."""
    paragraphs = split_paragraphs(text)
    if not paragraphs:
        raise ValueError("the file is empty")
    title = paragraphs.pop(0)
    if paragraphs and paragraphs[0] == title:
        paragraphs.pop(0)
    body: list[str] = []
    summary: list[str] = []
    target = body
    for paragraph in paragraphs:
        if EDITOR_NOTE.match(paragraph):
            target = summary
            continue
        target.append(paragraph)
    raw = RawArticle(title=title, body_paragraphs=body, summary_paragraphs=summary)
    if body:
        raw.dateline = find_dateline(body[0])
    _drop_trailing_leftovers(raw)
    raw.body_paragraphs = [_as_heading(p) for p in raw.body_paragraphs]
    return raw


def _looks_like_leftover(paragraph: str) -> bool:
    """A last line of one to three words with no sentence punctuation: 'Recent', 'Read more'."""
    words = paragraph.split()
    return 0 < len(words) <= 3 and not re.search(r"[.!?\"”’)]$", paragraph)


def _drop_trailing_leftovers(raw: RawArticle) -> None:
    section = raw.summary_paragraphs if raw.summary_paragraphs else raw.body_paragraphs
    while section and _looks_like_leftover(section[-1]):
        raw.removed.append(section.pop())
    # a leftover glued to the end of the last paragraph ("... strategy.\n\nRecent" arrives as one paragraph)
    if section:
        last = section[-1]
        match = re.search(r"([.!?\"”])\s+([A-Z][a-z]+)$", last)
        if match and len(last.split()) > 3:
            raw.removed.append(match.group(2))
            section[-1] = last[: match.start(2)].rstrip()


def _as_heading(paragraph: str) -> str:
    """A short quoted line such as 'Grand strategy' between paragraphs is a section heading."""
    match = re.fullmatch(r"['‘\"“](.+?)['’\"”]", paragraph)
    if match and len(match.group(1).split()) <= MAX_HEADING_WORDS and not match.group(1).endswith("."):
        return f"## {match.group(1)}"
    return paragraph


def remove_control_characters(text: str) -> tuple[str, int]:
    """The text without control characters (scraped text carries NULs and terminal escapes), and how many went."""
    cleaned, count = CONTROL.subn("", text)
    return cleaned, count
