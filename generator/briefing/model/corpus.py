"""The validated content of a site: what the loader hands to the index."""

from __future__ import annotations

from dataclasses import dataclass, field

from briefing.model.entities import Actor, Article, Region, Topic
from briefing.model.problems import ProblemLog


@dataclass
class Corpus:
    """The validated content, ready for indexing: articles oldest first, entities by id."""

    articles: list[Article]
    actors: dict[str, Actor]
    topics: dict[str, Topic]
    regions: dict[str, Region]
    log: ProblemLog
    drafts: list[Article] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.log.errors
