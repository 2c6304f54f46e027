"""Turn a raw scraped article (title, repeated title, body, "Editor's P/S:") into a draft.

Metadata is suggested, never invented: actors, topics and regions are the registry
entries whose names or aliases occur in the text; names that look like actors but
are not in the registry are reported as candidates for an editor to add.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from briefing.model.entities import Actor, Entity, Region, Topic
from briefing.model.registry import Registry

_E = TypeVar("_E", bound=Entity)

EDITOR_NOTE = re.compile(r"^\s*editor['’]s\s+p\.?\s*/?\s*s\.?\s*:?\s*$", re.IGNORECASE)
MONTHS = {
    m: i
    for i, m in enumerate(
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"], 1
    )
}
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
DATE_PATTERNS = [
    re.compile(_MONTH + r"\s+(?:\d{1,2}\s*(?:-|–|to)\s*)?(\d{1,2}),\s+(\d{4})"),  # May 16, 2024 / July 9 to 11, 2024
    re.compile(r"(\d{1,2})\s+" + _MONTH + r"\s+(\d{4})"),  # 16 May 2024
    re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"),  # 2024-05-16
]
_MONTH_WORDS = {m.capitalize() for m in MONTHS}
MAX_HEADING_WORDS = 6
MAX_TOPICS = 5
_WORD = r"(?:[A-Z][a-z]+(?:['’]s)?|[A-Z]{2,})"
_CANDIDATE = re.compile(r"\b" + _WORD + r"(?:[ -](?:" + _WORD + r"|of|the|for|and)){1,4}\b")
_TITLE_WORDS = {
    "Secretary",
    "State",
    "President",
    "Prime",
    "Minister",
    "Foreign",
    "General",
    "Treasury",
    "Defense",
    "Defence",
    "Leader",
    "Chairman",
    "Commission",
    "Several",
    "Many",
    "Some",
}
_CANDIDATE_STOP = {
    "Several",
    "The",
    "On",
    "In",
    "At",
    "As",
    "It",
    "He",
    "She",
    "They",
    "But",
    "And",
    "For",
    "After",
    "Both",
    "This",
    "That",
    "According",
    "However",
    "Despite",
    "Meanwhile",
    "Any",
    "While",
    "Western",
    "Chinese",
    "Russian",
    "American",
    "European",
    "Ukrainian",
    "Serbian",
    "Editor",
    "Observers",
    "Similarly",
    "Candidates",
    "Customs",
    "Two",
    "Voting",
    "Supporters",
    "Analysts",
    "Allies",
    "Constitutional",
    "Previous",
    "Fourteen",
    "Kim",
    "Putin",
    "Xi",
}


@dataclass
class RawArticle:
    title: str
    body_paragraphs: list[str]
    summary_paragraphs: list[str]
    removed: list[str] = field(default_factory=list)  # scraped leftovers dropped, reported to the editor

    @property
    def body(self) -> str:
        return "\n\n".join(self.body_paragraphs)

    @property
    def summary(self) -> str | None:
        return "\n\n".join(self.summary_paragraphs) or None

    @property
    def full_text(self) -> str:
        return "\n\n".join([self.title, *self.body_paragraphs, *self.summary_paragraphs])


@dataclass(frozen=True)
class FoundDate:
    date: dt.date
    text: str


@dataclass
class Suggestions:
    region: Region | None
    actors: list[tuple[Actor, int]]
    topics: list[tuple[Topic, int]]
    candidates: list[tuple[str, int]]


def parse_raw(text: str) -> RawArticle:
    """Split raw text into title, body and editor's note; drop the repeated title and stray words."""
    lines = text.replace("\r\n", "\n").lstrip("\ufeff").split("\n")
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", "\n".join(lines)) if p.strip()]
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


def find_date(text: str) -> FoundDate | None:
    """The latest full date written in the text: a report is written after the events it reports."""
    found: list[FoundDate] = []
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            groups = match.groups()
            try:
                if pattern is DATE_PATTERNS[0]:
                    date = dt.date(int(groups[2]), MONTHS[groups[0].lower()], int(groups[1]))
                elif pattern is DATE_PATTERNS[1]:
                    date = dt.date(int(groups[2]), MONTHS[groups[1].lower()], int(groups[0]))
                else:
                    date = dt.date(int(groups[0]), int(groups[1]), int(groups[2]))
            except ValueError:
                continue
            found.append(FoundDate(date, match.group(0)))
    return max(found, key=lambda f: f.date) if found else None


def count_mentions(text: str, registry: Registry[_E], case_sensitive: bool) -> list[tuple[_E, int]]:
    """Entries whose name or an alias occurs in `text`, with mention counts, most mentioned first.

    Longer spellings are matched first and consume their text, so "Kim Jong Un" is not
    also counted as "Kim", and "North Korea" is not "Korea".
    """
    spellings = sorted(
        ((s, e.id) for e in registry for s in (e.name, *e.aliases)),
        key=lambda item: (-len(item[0]), item[0]),
    )
    counts: Counter[str] = Counter()
    if not spellings:
        return []
    owner = {(s if case_sensitive else s.lower()): entry_id for s, entry_id in reversed(spellings)}
    # One pass over the text (one regex per spelling took seconds on a long text); the longest
    # spelling is tried first at each place, so "Kim Jong Un" wins over "Kim".
    pattern = _spellings_pattern(tuple(s for s, _ in spellings), case_sensitive, r"(?:['’]s)?")
    for match in pattern.finditer(text):
        found = match.group("name")
        entry_id = owner.get(found if case_sensitive else found.lower())
        if entry_id is not None:
            counts[entry_id] += 1
    ranked = sorted(((registry.entries[i], n) for i, n in counts.items() if n), key=lambda item: (-item[1], item[0].name))
    return ranked


@functools.lru_cache(maxsize=16)
def _spellings_pattern(spellings: tuple[str, ...], case_sensitive: bool, suffix: str = "") -> re.Pattern[str]:
    """Any of `spellings` (in the given order of preference) as a whole word, in one regex."""
    alternatives = "|".join(re.escape(s) for s in spellings)
    return re.compile(r"(?<![\w-])(?P<name>" + alternatives + r")" + suffix + r"(?![\w-])", 0 if case_sensitive else re.IGNORECASE)


def known_spellings(*registries: Iterable[Entity]) -> set[str]:
    return {s for registry in registries for e in registry for s in (e.name, *e.aliases)}


def _likely_region(named: list[tuple[Region, int]], actors: list[tuple[Actor, int]], regions: Registry[Region]) -> Region | None:
    """Regions named in the text count double; each mention of a state counts for its region."""
    scores: Counter[str] = Counter()
    for region, count in named:
        scores[region.id] += 2 * count
    for actor, count in actors:
        region_id = getattr(actor, "region", None)
        if region_id in regions.entries:
            scores[region_id] += count
    if not scores:
        return None
    best = min(scores.items(), key=lambda item: (-item[1], item[0]))[0]
    return regions.entries[best]


def suggest(raw: RawArticle, actors: Registry[Actor], topics: Registry[Topic], regions: Registry[Region]) -> Suggestions:
    text = raw.full_text
    found_actors = count_mentions(text, actors, case_sensitive=True)
    found_topics = count_mentions(text, topics, case_sensitive=False)[:MAX_TOPICS]
    found_regions = count_mentions(text, regions, case_sensitive=True)
    known = {s.casefold() for s in known_spellings(actors, topics, regions)}
    candidates: Counter[str] = Counter()
    unexplained = raw.body + "\n" + (raw.summary or "")
    longest_first = tuple(sorted(known_spellings(actors, topics, regions), key=lambda s: (-len(s), s)))
    if longest_first:
        unexplained = _spellings_pattern(longest_first, False).sub(" | ", unexplained)
    explained: dict[str, bool] = {}  # a long text repeats its candidates: compare each with the registry once
    for match in _CANDIDATE.finditer(unexplained):
        name = match.group(0)
        words = name.split()
        while words and words[0] in _CANDIDATE_STOP:
            words.pop(0)
        while words and words[-1] in {"of", "the", "for", "and"}:
            words.pop()
        name = " ".join(words)
        if any(w in _MONTH_WORDS or w == "and" for w in words) or all(w in _TITLE_WORDS or w in {"of", "the"} for w in words):
            continue
        if len(words) < 2:
            continue
        folded = name.casefold()
        if folded not in explained:
            explained[folded] = folded in known or any(folded in k or k in folded for k in known if len(k) > 3)
        if not explained[folded]:
            candidates[name] += 1
    return Suggestions(
        region=_likely_region(found_regions, found_actors, regions),
        actors=found_actors,
        topics=found_topics,
        candidates=sorted(candidates.items(), key=lambda item: (-item[1], item[0])),
    )
