"""The validated content of a site: what the loader hands to the index."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from briefing.model.entities import Actor, Article, Author, Collection, Entity, Region, Topic
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
    authors: dict[str, Author] = field(default_factory=dict)
    # Articles not due at `now` (left out of the site as if their files did not exist yet, unless
    # previewed: then they are in `articles`, marked `scheduled`), soonest first.
    scheduled: list[Article] = field(default_factory=list)
    now: dt.datetime | None = None  # the instant that decided what is published (`model.clock`)

    @property
    def ok(self) -> bool:
        return not self.log.errors

    def registry(self, collection: Collection) -> Mapping[str, Entity]:
        """The entries of one collection by id: `registry("topics")` is `topics`."""
        if collection == "actors":
            return self.actors
        if collection == "topics":
            return self.topics
        if collection == "authors":
            return self.authors
        return self.regions
