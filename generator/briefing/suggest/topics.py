"""Topic suggestions: keyword and alias matches by word form, and a model learned from the archive.

Keyword evidence is what the editor can check at a glance ("'sanctions' ×4"). Once the archive
holds enough tagged articles, a model learned from the editors' own tags (`suggest.learned`) adds
what the keywords miss.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.model.entities import Article, Entity, Topic
from briefing.model.registry import Registry
from briefing.suggest.words import count_phrase, phrase_stems, position_index, stems

if TYPE_CHECKING:
    from briefing.suggest.learned import TopicModel

NAME_WEIGHT = 3.0  # the topic's name or an alias of two words or more written out
LENGTH_UNIT = 300  # words: a longer article needs more evidence (a 900-word one sqrt(3) times as much)
KEYWORD_WEIGHT = 1.0
TITLE_BONUS = 2.0  # a match in the headline counts this much more
KEYWORD_SCALE = 3.0  # confidence = 1 - exp(-score / scale): one name mention ~0.63, three keyword hits ~0.63
DEFAULT_THRESHOLD = 0.6  # --accept takes suggestions at or above this confidence
MIN_SHOWN = 0.3  # weaker ones are not worth the editor's time


@dataclass(frozen=True)
class Suggestion:
    """A registry entry suggested for a field, how sure the suggestion is (0-1) and why."""

    entity: Entity
    confidence: float
    evidence: tuple[str, ...]

    def describe(self) -> str:
        return f"{self.entity.name} ({self.confidence:.2f}: {', '.join(self.evidence)})"


@dataclass(frozen=True)
class ArticleText:
    """The parts of an article that suggestions read."""

    title: str
    body: str

    @property
    def full(self) -> str:
        return f"{self.title}\n\n{self.body}"


def article_text(article: Article) -> ArticleText:
    return ArticleText(article.title, "\n\n".join(p for p in (article.summary, article.body) if p))


def _phrases(topic: Entity) -> list[tuple[str, float]]:
    keywords = topic.keywords if isinstance(topic, Topic) else ()
    seen: set[tuple[str, ...]] = set()
    out: list[tuple[str, float]] = []
    names = [topic.name, *topic.aliases]
    # A name that joins things names each of them: "Mergers/Acquisitions", "Earnings and Earnings Forecasts".
    names += [part for name in list(names) for part in re.split(r"\s*(?:/|&|,|\band\b)\s*", name) if part and part != name]
    weighted = [(n, NAME_WEIGHT if len(phrase_stems(n)) > 1 else KEYWORD_WEIGHT) for n in names]  # "Trade" is only a keyword
    for phrase, weight in [*weighted, *((k, KEYWORD_WEIGHT) for k in keywords)]:
        key = phrase_stems(phrase)
        if key and key not in seen:
            seen.add(key)
            out.append((phrase, weight))
    return out


def keyword_suggestions(text: ArticleText, topics: Registry[Topic]) -> dict[str, Suggestion]:
    """Topics whose name, aliases or keywords occur in the text, in any word form."""
    body = stems(text.body)
    title = stems(text.title)
    body_index, title_index = position_index(body), position_index(title)
    found: dict[str, Suggestion] = {}
    for topic in topics:
        named = keywords = 0.0
        evidence: list[str] = []
        for phrase, weight in _phrases(topic):
            key = phrase_stems(phrase)
            in_body = count_phrase(body, key, body_index)
            in_title = count_phrase(title, key, title_index)
            if in_body + in_title:
                points = weight * (in_body + in_title * (1 + TITLE_BONUS))
                if weight == NAME_WEIGHT:
                    named += points
                else:
                    keywords += points
                evidence.append(f"'{phrase}' ×{in_body + in_title}" + (" (headline)" if in_title else ""))
        # The topic's own name written out counts whatever the length; keywords are diluted in a long text.
        score = named + keywords * math.sqrt(LENGTH_UNIT / max(LENGTH_UNIT, len(body)))
        if score:
            found[topic.id] = Suggestion(topic, 1 - math.exp(-score / KEYWORD_SCALE), tuple(evidence))
    return found


def suggest_topics(
    text: ArticleText, topics: Registry[Topic], model: TopicModel | None = None, minimum: float = MIN_SHOWN
) -> list[Suggestion]:
    """Keyword and model suggestions merged (the higher confidence wins, both evidences kept), best first."""
    merged = keyword_suggestions(text, topics)
    if model is not None:
        for topic_id, learned in model.predict(text, topics).items():
            mine = merged.get(topic_id)
            if mine is None:
                merged[topic_id] = learned
            else:
                merged[topic_id] = Suggestion(mine.entity, max(mine.confidence, learned.confidence), mine.evidence + learned.evidence)
    return ranked(merged.values(), minimum)


def ranked(suggestions: Iterable[Suggestion], minimum: float = 0.0) -> list[Suggestion]:
    return sorted((s for s in suggestions if s.confidence >= minimum), key=lambda s: (-s.confidence, s.entity.name))


def accepted(suggestions: Sequence[Suggestion], threshold: float) -> list[Suggestion]:
    return [s for s in suggestions if s.confidence >= threshold]
