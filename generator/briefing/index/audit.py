"""Metadata against text: who an article names often but does not list, and who it lists but never names.

Both are warnings for the editor (`briefing check --audit`), not errors: an article may rightly
name a state three times in passing, or list an actor its summary implies. Actors are found by
their name and aliases, case-sensitive as articles write them, with the autolinker's word
boundaries; where spellings overlap, the leftmost and then the longest wins, so "Kim Jong Un" is
not also "Kim", as one alternation of all spellings would find them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache

from briefing.model.entities import Article, Entity

MIN_UNLISTED_MENTIONS = 3
_ARTICLES = ("the ", "a ", "an ")
_CAPITALISED = re.compile(r"(?<![\w-])[^\W\d_a-z][\w’'.-]*")  # words that may start a name
_TRAILING = "’'.-"


@dataclass(frozen=True)
class Finding:
    """One warning about one article: the front-matter field it concerns and what to do."""

    article: Article
    field: str
    message: str


@cache
def _pattern(spelling: str) -> re.Pattern[str]:
    """One spelling followed by a word boundary, possessive allowed ("Putin's"). It starts with the
    literal, which lets the regex engine jump between occurrences; the boundary before is checked
    by `_matches` (a lookbehind first would make the engine try every position)."""
    return re.compile(re.escape(spelling) + r"(?:['’]s)?(?![\w-])")


_WORD_BEFORE = re.compile(r"[\w-]")


def _matches(spelling: str, text: str) -> Iterator[re.Match[str]]:
    for match in _pattern(spelling).finditer(text):
        start = match.start()
        if start == 0 or not _WORD_BEFORE.match(text, start - 1):
            yield match


def _capitalised_words(spelling: str) -> list[str]:
    return [w.rstrip(_TRAILING) for w in _CAPITALISED.findall(spelling) if w.rstrip(_TRAILING)]


class MentionMatcher:
    """Counts mentions of entries in text, at the cost of a few searches per article.

    Spellings are grouped by their rarest capitalised word. One C-level `findall` of an article's
    capitalised words and a set intersection say which groups can occur; only those spellings are
    searched for, each with its own cached pattern (as the autolinker does), so the cost does not
    grow with the size of the registry.
    """

    def __init__(self, entities: Iterable[Entity]) -> None:
        self._by_key: dict[str, list[tuple[str, str]]] = {}
        self._lowercase: list[tuple[str, str]] = []  # spellings starting lowercase ("von der Leyen"): tried by substring
        self._spellings: dict[str, list[str]] = {}
        pending: list[tuple[str, str]] = []
        for entity in entities:
            for written in sorted({entity.name, *entity.aliases}):
                spelling = written
                for article in _ARTICLES:
                    if spelling.startswith(article) and len(spelling) > len(article):
                        spelling = spelling[len(article) :]  # "the Beselys Commission" is found as "Beselys Commission"
                if not spelling.strip():
                    continue
                self._spellings.setdefault(entity.id, []).append(spelling)
                pending.append((spelling, entity.id))
        # Each spelling is keyed by its rarest capitalised word ("Mifenselova", not "Republic").
        frequency = Counter(w for spelling, _ in pending for w in set(_capitalised_words(spelling)))
        for spelling, entity_id in pending:
            words = _capitalised_words(spelling)
            if words:
                key = min(words, key=lambda w: (frequency[w], -len(w), w))
                self._by_key.setdefault(key, []).append((spelling, entity_id))
            else:
                self._lowercase.append((spelling, entity_id))

    def _candidates(self, text: str) -> list[tuple[str, str]]:
        words = set(_CAPITALISED.findall(text))
        words |= {w[:-2] for w in words if w.endswith(("'s", "’s"))}
        words |= {w.rstrip(_TRAILING) for w in words}
        present = sorted(self._by_key.keys() & words)
        found = list(dict.fromkeys(item for word in present for item in self._by_key[word]))
        return found + [item for item in self._lowercase if item[0] in text]

    def count(self, text: str) -> Counter[str]:
        """Mentions per entry id."""
        spans: list[tuple[int, int, str]] = []
        for spelling, entity_id in self._candidates(text):
            spans.extend((m.start(), -m.end(), entity_id) for m in _matches(spelling, text))
        spans.sort()
        found: Counter[str] = Counter()
        end = 0
        for start, negative_end, entity_id in spans:
            if start >= end:
                found[entity_id] += 1
                end = -negative_end
        return found

    def occurs(self, entity_id: str, text: str) -> bool:
        """Whether any spelling of the entry occurs, even inside a longer one ("NATO" in "NATO Secretary General ...")."""
        return any(s in text and next(_matches(s, text), None) is not None for s in self._spellings.get(entity_id, []))


def audit_articles(articles: Iterable[Article], actors: Mapping[str, Entity]) -> list[Finding]:
    """Actors named at least MIN_UNLISTED_MENTIONS times but not listed, and listed actors never named."""
    matcher = MentionMatcher(actors.values())
    findings: list[Finding] = []
    for article in articles:
        text = "\n".join(p for p in (article.title, article.summary, article.body) if p)
        counts = matcher.count(text)
        listed = set(article.actors)
        for entity_id, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            if entity_id not in listed and count >= MIN_UNLISTED_MENTIONS:
                name = actors[entity_id].name
                findings.append(Finding(article, "actors", f"the text names '{name}' {count} times but `actors` leaves it out; add it?"))
        for entity_id in article.actors:
            if entity_id in actors and not counts.get(entity_id) and not matcher.occurs(entity_id, text):
                name = actors[entity_id].name
                findings.append(
                    Finding(
                        article,
                        "actors",
                        f"'{name}' is listed but the text never names it (nor an alias); remove it or add the alias used?",
                    )
                )
    return findings
