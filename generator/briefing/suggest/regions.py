"""The primary region: where the events happen, read from the places an article names.

Places count by kind: a dateline counts most ("MANAMA, March 1 -": filed there); a place from
data/places.yml ("Kursk" -> eastern-europe), a city the GeoNames gazetteer puts in a registered
state, or a region's own name count next; a state actor counts for its region; an adjective of nationality
("North Korean troops") counts least, since it names who acts, not where. A place after "in", "at",
"near" or "over" is where something happens and counts double, and so does the headline. The best
region is the suggestion; the others are offered with their share of the evidence.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from briefing.model.entities import Actor, Region
from briefing.model.registry import Registry
from briefing.suggest.memo import by_identity
from briefing.suggest.states import state_spellings
from briefing.suggest.topics import ArticleText, Suggestion

PLACE_WEIGHT = 2.0
REGION_WEIGHT = 2.0
STATE_WEIGHT = 0.5
DEMONYM_WEIGHT = 0.25
LOCATIVE_FACTOR = 2.0
TITLE_FACTOR = 2.0
SPECIFIC_SHARE = 0.5
_LOCATIVE = re.compile(r"(?:\b(?:in|at|near|over|off|inside|across|outside|around)\s+(?:the\s+)?(?:\w+['’]s\s+)?)$", re.IGNORECASE)


@dataclass(frozen=True)
class _Spelling:
    region_id: str
    weight: float
    label: str  # what the evidence names: the spelling, or "via Russia"


@by_identity
def _spellings(regions: Registry[Region], actors: Registry[Actor], places: Mapping[str, str]) -> dict[str, _Spelling]:
    table: dict[str, _Spelling] = {}
    country_region: dict[str, str] = {}
    for actor in actors:
        if isinstance(actor, Actor) and actor.kind == "state" and actor.region in regions.entries:
            country_region[actor.name] = actor.region
            for spelling in (actor.name, *actor.aliases):
                table.setdefault(spelling, _Spelling(actor.region, STATE_WEIGHT, spelling))
    for place, region_id in places.items():
        if region_id in regions.entries:
            country_region.setdefault(place, region_id)
            table.setdefault(place, _Spelling(region_id, PLACE_WEIGHT, place))
    for region in regions:
        for spelling in (region.name, *region.aliases):
            table.setdefault(spelling, _Spelling(region.id, REGION_WEIGHT, spelling))
    registered = {a.id: a for a in actors}
    for spelling, state in state_spellings(actors).items():
        home = registered[state.actor_id].region
        if home is not None and home in regions.entries:
            weight = DEMONYM_WEIGHT if state.adjective else STATE_WEIGHT
            table.setdefault(spelling, _Spelling(home, weight, spelling))
    return table


@dataclass(frozen=True)
class PlaceEvidence:
    """A place the gazetteer or a dateline puts in a region: 'Houston (US)' -> north-america."""

    region_id: str
    label: str
    weight: float


def suggest_regions(
    text: ArticleText,
    regions: Registry[Region],
    actors: Registry[Actor],
    places: Mapping[str, str],
    located: Iterable[PlaceEvidence] = (),
) -> list[Suggestion]:
    """Every region the text places events in, best first; confidence is the region's share of the evidence.
    `located`: places found by the gazetteer (a dateline, a city), counted with the rest."""
    scores: dict[str, float] = {}
    mentions: dict[str, Counter[str]] = {}
    for place in located:
        if place.region_id in regions.entries:
            scores[place.region_id] = scores.get(place.region_id, 0.0) + place.weight
            mentions.setdefault(place.region_id, Counter())[place.label] += 1
    pattern = _pattern(regions, actors, places)
    table = pattern[1]
    for part, factor in ((text.title, TITLE_FACTOR), (text.body, 1.0)):
        for match in pattern[0].finditer(part) if table else ():
            spelling = table[match.group(1)]
            weight = spelling.weight * factor
            if _LOCATIVE.search(part[max(0, match.start() - 40) : match.start()]):
                weight *= LOCATIVE_FACTOR
            scores[spelling.region_id] = scores.get(spelling.region_id, 0.0) + weight
            mentions.setdefault(spelling.region_id, Counter())[spelling.label] += 1
    total = sum(scores.values())
    if not total:
        return []
    found = []
    for region_id, score in scores.items():
        named = mentions[region_id].most_common()
        evidence = tuple(f"'{label}' ×{count}" for label, count in sorted(named, key=lambda item: (-item[1], item[0]))[:4])
        found.append(Suggestion(regions.entries[region_id], round(score / total, 2), evidence))
    return _specific_first(sorted(found, key=lambda s: (-s.confidence, s.entity.name)), regions)


_LAST: list[tuple[object, object, object, re.Pattern[str], dict[str, _Spelling]]] = []


def _pattern(regions: Registry[Region], actors: Registry[Actor], places: Mapping[str, str]) -> tuple[re.Pattern[str], dict[str, _Spelling]]:
    """The spellings' table and one regex of them, longest first; made once for the same registries (a batch reuses it)."""
    if _LAST and _LAST[0][0] is regions and _LAST[0][1] is actors and _LAST[0][2] is places:
        return _LAST[0][3], _LAST[0][4]
    table = _spellings(regions, actors, places)
    alternatives = "|".join(re.escape(s) for s in sorted(table, key=lambda s: (-len(s), s))) or "(?!)"
    pattern = re.compile(r"(?<![\w-])(" + alternatives + r")(?:['’]s)?(?![\w-])")
    _LAST[:] = [(regions, actors, places, pattern, table)]  # held, so no other object can take these ids
    return pattern, table


def _specific_first(found: list[Suggestion], regions: Registry[Region]) -> list[Suggestion]:
    """A sub-region with at least half its parent's evidence says better where it happened."""
    if len(found) < 2:
        return found
    best = found[0]
    for other in found[1:]:
        if other.confidence >= SPECIFIC_SHARE * best.confidence and best.entity.id in _ancestors(other.entity.id, regions):
            specific = Suggestion(other.entity, other.confidence, (*other.evidence, f"more precise than {best.entity.name}"))
            return [specific, *(s for s in found if s is not other)]
    return found


def _ancestors(region_id: str, regions: Registry[Region]) -> set[str]:
    seen: set[str] = set()
    parent = getattr(regions.entries.get(region_id), "parent", None)
    while parent and parent not in seen and parent in regions.entries:
        seen.add(parent)
        parent = getattr(regions.entries[parent], "parent", None)
    return seen
