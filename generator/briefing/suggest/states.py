"""States an article names without anyone writing their aliases: "U.S.", "Britain", "Saudi", "West German".

A registered state is known by its `iso:` code, or by a name or alias that names a country
(`suggest.countries`); every spelling of that country then finds it. Adjectives are kept apart:
they say who acts ("British bank"), and count less for where it happens.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from briefing.model.entities import Actor
from briefing.suggest.countries import codes_in, country_names


@dataclass(frozen=True)
class StateSpelling:
    actor_id: str
    code: str
    adjective: bool


def registered_states(actors: Iterable[Actor]) -> dict[str, Actor]:
    """Country code -> the state actor registered for it."""
    found: dict[str, Actor] = {}
    for actor in actors:
        if actor.kind != "state":
            continue
        codes = {actor.iso} if actor.iso else codes_in((actor.name, *actor.aliases))
        for code in sorted(codes):
            found.setdefault(code, actor)
    return found


def state_spellings(actors: Iterable[Actor]) -> dict[str, StateSpelling]:
    """Every spelling of every registered state's country, as written (case kept)."""
    table = country_names()
    spellings: dict[str, StateSpelling] = {}
    for code, actor in registered_states(actors).items():
        names, adjectives = table.spellings_of(code)
        for name in names:
            spellings.setdefault(name, StateSpelling(actor.id, code, adjective=False))
        for adjective in adjectives:
            spellings.setdefault(adjective, StateSpelling(actor.id, code, adjective=True))
    return spellings
