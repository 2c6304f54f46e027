"""`briefing import`'s suggestions, shown with their evidence; only what the editor confirms is added.

Three ways to confirm: answer the questions (when the input is a terminal), pass `--accept` to take
every suggestion at or above `--threshold`, or edit the draft, whose front matter lists each
suggestion as a comment. Candidate registry entries are printed, never written
(`--candidates yaml` prints them ready to paste into data/actors.yml).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from briefing.ingest.rawtext import RawArticle
from briefing.model.corpus import Corpus
from briefing.model.entities import Actor
from briefing.model.registry import Registries
from briefing.suggest.countries import country_names
from briefing.suggest.gazetteer import Located, gazetteer, places_in
from briefing.suggest.learned import TopicModel
from briefing.suggest.memo import by_identity
from briefing.suggest.mentions import count_mentions
from briefing.suggest.people import Candidate, find_candidates
from briefing.suggest.regions import PlaceEvidence, suggest_regions
from briefing.suggest.states import registered_states, state_spellings
from briefing.suggest.topics import ArticleText, Suggestion, ranked, suggest_topics

REGION_THRESHOLD = 0.3  # a region's share of the place evidence
DATELINE_WEIGHT = 6.0  # region evidence: where the story was filed
CITY_WEIGHT = 4.0  # a city the text places something in (a place after "in", counted double)
DATELINE_MENTIONS = 1.0  # actor evidence: the state of the dateline, as much as naming it once
CITY_MENTIONS = 0.5
ADJECTIVE_MENTIONS = 0.5  # "Chinese officials" says who acts, less surely than naming China
TAG_CONFIDENCE = 0.9  # the source's own tag names a registered topic
PLACES_FILE = "places.yml"


@dataclass
class Review:
    """Everything suggested for one raw article, best first in each field."""

    region: list[Suggestion]
    actors: list[Suggestion]
    topics: list[Suggestion]
    candidates: list[Candidate]
    chosen_region: Suggestion | None = None
    chosen_actors: list[Suggestion] = field(default_factory=list)
    chosen_topics: list[Suggestion] = field(default_factory=list)


def load_places(data_path: Path, regions: Mapping[str, object]) -> tuple[dict[str, str], list[str]]:
    """data/places.yml (place -> region id), if the site has one; problems as `file: message` lines."""
    path = data_path / PLACES_FILE
    if not path.exists():
        return {}, []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        return {}, [f"{path}: cannot read it ({str(exc).splitlines()[0]}); places are not used"]
    if not isinstance(data, dict):
        return {}, [f"{path}: expected 'Place: region-id' lines; places are not used"]
    places: dict[str, str] = {}
    problems: list[str] = []
    for place, region_id in data.items():
        if not isinstance(place, str) or not isinstance(region_id, str) or region_id not in regions:
            problems.append(f"{path}: {place}: '{region_id}' is not a region id of regions.yml; ignored")
            continue
        places[place] = region_id
    return places, problems


def train_model(archive: Corpus | None) -> TopicModel | None:
    return TopicModel.train(archive.articles) if archive is not None else None


def review_article(raw: RawArticle, registries: Registries, places: Mapping[str, str], model: TopicModel | None) -> Review:
    text = ArticleText(raw.title, "\n\n".join([*raw.summary_paragraphs, raw.body]))
    located = _located(raw)
    states = _registered_states(registries.actors)
    names, adjectives = _state_extra(registries)
    mentioned = count_mentions(raw.full_text, registries.actors, case_sensitive=True, extra=names)
    scores: dict[str, float] = {a.id: float(n) for a, n in mentioned}
    evidence: dict[str, list[str]] = {a.id: [f"named ×{n}"] for a, n in mentioned}
    for actor_id, (adjective, count) in adjective_mentions(raw.full_text, adjectives).items():
        scores[actor_id] = scores.get(actor_id, 0.0) + ADJECTIVE_MENTIONS * count
        evidence.setdefault(actor_id, []).append(f"'{adjective}' ×{count}")
    for place, weight, label in located:
        state = states.get(place.country)
        if state is not None:
            scores[state.id] = scores.get(state.id, 0.0) + (DATELINE_MENTIONS if weight == DATELINE_WEIGHT else CITY_MENTIONS)
            evidence.setdefault(state.id, []).append(label)
    actors = [
        Suggestion(registries.actors.entries[i], round(1 - math.exp(-score), 2), tuple(evidence[i]))
        for i, score in sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    ]
    regional = [
        PlaceEvidence(str(states[p.country].region), label, weight) for p, weight, label in located if _region_of(states.get(p.country))
    ]
    return Review(
        region=suggest_regions(text, registries.regions, registries.actors, places, regional),
        actors=actors,
        topics=_with_tags(suggest_topics(text, registries.topics, model), raw.tags, registries),
        candidates=_with_regions(
            find_candidates(text.body, registries.actors, places), registries
        ),  # headlines are in title case: not names
    )


def _with_regions(candidates: list[Candidate], registries: Registries) -> list[Candidate]:
    """A candidate state's region: the registry's region named as its UN subregion, else its continent."""
    names = country_names()
    for candidate in candidates:
        if candidate.kind == "state" and candidate.iso:
            for area in (names.subregions.get(candidate.iso), names.continents.get(candidate.iso)):
                region = registries.regions.resolve(area, suggest=False).id if area else None
                if region:
                    candidate.region = region
                    break
    return candidates


_registered_states = by_identity(registered_states)


def _located(raw: RawArticle) -> list[tuple[Located, float, str]]:
    """Places the gazetteer finds: the dateline's, then the cities the text places things in."""
    found: list[tuple[Located, float, str]] = []
    if raw.dateline is not None:
        place = gazetteer().locate(raw.dateline.place, raw.dateline.qualifier)
        if place is not None:
            found.append((place, DATELINE_WEIGHT, f"dateline '{raw.dateline.text}' ({place.country})"))
    found += [(place, CITY_WEIGHT, f"'{place.label}'") for place in places_in(raw.body)]
    return found


def _region_of(state: Actor | None) -> str | None:
    return state.region if state is not None else None


@by_identity
def _state_extra(registries: Registries) -> tuple[dict[str, str], dict[str, str]]:
    """Common names and adjectives of registered states (spelling -> actor id), but the registry's own spellings."""
    own = {s for a in registries.actors for s in (a.name, *a.aliases)}
    spellings = state_spellings(registries.actors)
    names = {s: v.actor_id for s, v in spellings.items() if not v.adjective and s not in own}
    adjectives = {s: v.actor_id for s, v in spellings.items() if v.adjective and s not in own}
    return names, adjectives


def adjective_mentions(text: str, adjectives: Mapping[str, str]) -> dict[str, tuple[str, int]]:
    """actor id -> (its adjective written most, how often its adjectives are written): "British" ×2."""
    if not adjectives:
        return {}
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(a) for a in sorted(adjectives, key=lambda s: (-len(s), s))) + r")(?![\w-])")
    counts: dict[str, Counter[str]] = {}
    for match in pattern.finditer(text):
        counts.setdefault(adjectives[match.group(1)], Counter())[match.group(1)] += 1
    return {i: (c.most_common(1)[0][0], sum(c.values())) for i, c in sorted(counts.items())}


def _with_tags(topics: list[Suggestion], tags: list[str], registries: Registries) -> list[Suggestion]:
    """The source's own tags that name a registered topic join the suggestions (a tag is the source's word)."""
    merged = {s.entity.id: s for s in topics}
    for tag in tags:
        topic_id = registries.topics.resolve(tag, suggest=False).id
        if topic_id is None:
            continue
        mine = merged.get(topic_id)
        evidence = f"the source's tag '{tag}'"
        if mine is None:
            merged[topic_id] = Suggestion(registries.topics.entries[topic_id], TAG_CONFIDENCE, (evidence,))
        else:
            merged[topic_id] = Suggestion(mine.entity, max(mine.confidence, TAG_CONFIDENCE), (*mine.evidence, evidence))
    return ranked(merged.values())


def choose(review: Review, accept: bool, threshold: float, ask: Callable[[str, bool], bool] | None) -> None:
    """Fill the review's chosen fields: by threshold (`accept`), by asking, or not at all."""
    if accept:
        top = review.region[0] if review.region else None
        review.chosen_region = top if top is not None and top.confidence >= REGION_THRESHOLD else None
        review.chosen_actors = [s for s in review.actors if s.confidence >= threshold]
        review.chosen_topics = [s for s in review.topics if s.confidence >= threshold]
        return
    if ask is None:
        return
    for suggestion in review.region:
        if ask(f"  region: {suggestion.describe()}?", suggestion is review.region[0]):
            review.chosen_region = suggestion
            break
    review.chosen_actors = [s for s in review.actors if ask(f"  actor: {s.describe()}?", s.confidence >= threshold)]
    review.chosen_topics = [s for s in review.topics if ask(f"  topic: {s.describe()}?", s.confidence >= threshold)]


def describe(review: Review, threshold: float) -> list[str]:
    """The lines printed for the editor: each suggestion with its confidence and evidence."""

    def mark(s: Suggestion, chosen: list[Suggestion]) -> str:
        return ("+ " if s in chosen else "  ") + s.describe()

    lines = ["  region (where it happens):"]
    lines += [f"    {mark(s, [review.chosen_region] if review.chosen_region else [])}" for s in review.region] or [
        "    none found: set it by hand"
    ]
    lines.append("  actors:")
    lines += [f"    {mark(s, review.chosen_actors)}" for s in review.actors] or ["    none found"]
    lines.append(f"  topics (--accept takes {threshold:.2f} and above):")
    lines += [f"    {mark(s, review.chosen_topics)}" for s in review.topics] or ["    none found"]
    if review.candidates:
        names = ", ".join(f"{c.name} ({c.kind}, {c.mentions})" for c in review.candidates)
        lines.append(f"  not in the registry (add to data/actors.yml if they matter; --candidates yaml prints entries): {names}")
    return lines


def draft_notes(review: Review) -> list[str]:
    """Comment lines for the draft's front matter: what was suggested and not (yet) taken."""
    notes: list[str] = []
    if review.chosen_region is None and review.region:
        notes.append("suggested region: " + "; ".join(s.describe() for s in review.region[:3]))
    left = [s for s in review.actors if s not in review.chosen_actors]
    if left:
        notes.append("suggested actors: " + "; ".join(s.describe() for s in left))
    left = [s for s in review.topics if s not in review.chosen_topics]
    if left:
        notes.append("suggested topics: " + "; ".join(s.describe() for s in left))
    return notes


class _EntryDumper(yaml.SafeDumper):
    """Entries as blocks, lists in brackets (`aliases: [Mizrahi]`), however few fields an entry has."""


_EntryDumper.add_representer(list, lambda dumper, data: dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True))


def candidates_yaml(candidates: list[Candidate]) -> str:
    """Registry entries for data/actors.yml, valid as written (a description is optional: add one when you know it)."""
    entries: dict[str, dict[str, object]] = {}
    for c in candidates:
        entry: dict[str, object] = {"name": c.name, "kind": c.kind}
        if c.aliases:
            entry["aliases"] = c.aliases
        if c.role:
            entry["role"] = c.role
        if c.country:
            entry["country"] = c.country
        if c.iso:
            entry["iso"] = c.iso
        if c.region:
            entry["region"] = c.region
        entry["mentions"] = c.mentions
        entries.setdefault(c.id, entry)
    if not entries:
        return ""
    text = str(yaml.dump(entries, Dumper=_EntryDumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=1000))
    # `mentions` is for the reviewer, not a registry field: a comment on the entry's last line.
    return re.sub(r"\n  mentions: (\d+)\n", lambda m: f"  # named {m.group(1)}× in the batch\n", "\n" + text).lstrip("\n")
