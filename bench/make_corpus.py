"""Write a synthetic, deterministic Briefing corpus of N articles for benchmarking.

    python bench/make_corpus.py N OUT_DIR [--seed S]

The corpus is shaped like a real newsroom's (see bench/README.md): ~740-word
articles naming 2-8 actors (4.5 on average) and 1-4 topics (2.5), drawn from an
actor pool of N/5 with Zipf popularity, so a few actors appear everywhere and
most rarely, which is what makes entity pages, feeds and indexes uneven in size.
Everything comes from fixed word lists and one seeded `random.Random`: the same
N and seed give byte-identical files, so timings from two machines or two
commits compare the same input. No network, no external data, stdlib only.

OUT_DIR gets mkdocs.yml (the repository's own, renamed "Bench"), docs/ (a copy
of the repository's docs/), data/{actors,topics,regions}.yml and
articles/YYYY/YYYY-MM-DD-slug.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH_SITE_URL = "https://example.org/bench/"

ZIPF_ACTORS = 1.1
ZIPF_TOPICS = 0.7  # topics are fewer and flatter than actors
KIND_SHARES = (("person", 0.60), ("state", 0.25), ("organization", 0.10), ("group", 0.05))
TOPIC_COUNT = 60
LAST_DAY = dt.date(2025, 12, 31)  # fixed, in the past: no "date in the future" warnings, no dependence on today
SPAN_DAYS = 1000  # ~2.7 years: 10,000 articles give the reference density of ten a day
WORDS_MIN, WORDS_MAX = 460, 930  # plus the last paragraph's overshoot: mean ~740
SUMMARY_SHARE = 0.4
SOURCE_SHARE = 0.5

# ------------------------------------------------------------------ vocabulary

WORDS = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "that",
    "for",
    "on",
    "with",
    "as",
    "by",
    "at",
    "from",
    "was",
    "were",
    "is",
    "are",
    "has",
    "have",
    "had",
    "said",
    "says",
    "will",
    "would",
    "could",
    "may",
    "might",
    "also",
    "after",
    "before",
    "while",
    "during",
    "over",
    "under",
    "against",
    "between",
    "about",
    "into",
    "through",
    "since",
    "than",
    "more",
    "most",
    "less",
    "new",
    "old",
    "first",
    "last",
    "government",
    "ministers",
    "officials",
    "leaders",
    "talks",
    "agreement",
    "deal",
    "treaty",
    "summit",
    "meeting",
    "visit",
    "statement",
    "proposal",
    "plan",
    "policy",
    "reform",
    "budget",
    "election",
    "vote",
    "parliament",
    "court",
    "ruling",
    "law",
    "sanctions",
    "trade",
    "exports",
    "imports",
    "tariffs",
    "energy",
    "gas",
    "oil",
    "grid",
    "pipeline",
    "market",
    "prices",
    "inflation",
    "currency",
    "bank",
    "debt",
    "loan",
    "investment",
    "growth",
    "industry",
    "jobs",
    "border",
    "security",
    "forces",
    "troops",
    "army",
    "navy",
    "drills",
    "exercise",
    "patrol",
    "missile",
    "drone",
    "defence",
    "strategy",
    "alliance",
    "partners",
    "cooperation",
    "dialogue",
    "pressure",
    "crisis",
    "conflict",
    "ceasefire",
    "negotiations",
    "mediation",
    "envoy",
    "delegation",
    "embassy",
    "ambassador",
    "minister",
    "president",
    "premier",
    "chancellor",
    "spokesman",
    "analysts",
    "observers",
    "diplomats",
    "region",
    "capital",
    "province",
    "city",
    "port",
    "coast",
    "island",
    "river",
    "valley",
    "north",
    "south",
    "east",
    "west",
    "central",
    "week",
    "month",
    "year",
    "today",
    "yesterday",
    "recent",
    "months",
    "weeks",
    "earlier",
    "later",
    "again",
    "still",
    "announced",
    "confirmed",
    "denied",
    "rejected",
    "accepted",
    "signed",
    "agreed",
    "warned",
    "urged",
    "called",
    "promised",
    "pledged",
    "expected",
    "planned",
    "proposed",
    "launched",
    "opened",
    "closed",
    "raised",
    "cut",
    "increase",
    "decline",
    "support",
    "opposition",
    "protest",
    "demonstrators",
    "police",
    "arrests",
    "rights",
    "media",
    "reports",
    "report",
    "data",
    "figures",
    "estimate",
    "survey",
    "study",
    "record",
    "level",
    "share",
    "public",
    "private",
    "national",
    "regional",
    "international",
    "foreign",
    "domestic",
    "economic",
    "political",
    "military",
    "diplomatic",
    "financial",
    "strategic",
    "humanitarian",
    "aid",
    "refugees",
    "water",
    "food",
    "harvest",
    "drought",
    "floods",
    "climate",
    "emissions",
    "targets",
    "technology",
    "chips",
    "networks",
    "cyber",
    "attack",
    "infrastructure",
    "transport",
    "rail",
    "roads",
    "shipping",
    "routes",
    "fishing",
    "waters",
    "claims",
    "dispute",
    "territory",
    "zone",
    "access",
    "control",
    "supply",
    "chain",
]

SYLLABLES_FIRST = [
    "al",
    "an",
    "ar",
    "be",
    "da",
    "el",
    "fa",
    "ga",
    "ha",
    "il",
    "ja",
    "ka",
    "la",
    "ma",
    "mi",
    "na",
    "no",
    "ol",
    "ra",
    "sa",
    "ta",
    "va",
    "ya",
    "za",
]
SYLLABLES_MID = [
    "bel",
    "din",
    "dor",
    "fen",
    "gar",
    "han",
    "kel",
    "lin",
    "mar",
    "nor",
    "ren",
    "sel",
    "tan",
    "ver",
    "vik",
    "zan",
    "mor",
    "dan",
]
SYLLABLES_END = ["a", "ia", "o", "us", "en", "ov", "ez", "an", "ik", "ova", "ski", "ard", "ett", "ine", "ys"]
ROLE_TITLES = (
    "President",
    "Prime Minister",
    "Foreign Minister",
    "Defence Minister",
    "Finance Minister",
    "Central Bank Governor",
    "Opposition Leader",
    "Special Envoy",
    "Trade Minister",
    "Army Chief",
)
ORG_SUFFIXES = (
    "Council",
    "Commission",
    "Development Bank",
    "Trade Bloc",
    "Energy Agency",
    "Security Pact",
    "Maritime Authority",
    "Monetary Fund",
    "Court of Justice",
    "Health Organization",
)
GROUP_SUFFIXES = (
    "Liberation Front",
    "People's Movement",
    "Freedom Brigade",
    "Resistance Army",
    "Unity Party",
    "Workers' Alliance",
    "Coastal Militia",
    "Reform Movement",
)
STATE_FORMS = ("Republic of {}", "Kingdom of {}", "Federation of {}", "{}", "United States of {}", "{} Union")
TOPIC_ADJECTIVES = (
    "Maritime",
    "Nuclear",
    "Energy",
    "Border",
    "Cyber",
    "Food",
    "Water",
    "Digital",
    "Arctic",
    "Financial",
    "Regional",
    "Climate",
    "Arms",
    "Election",
    "Migration",
    "Space",
)
TOPIC_NOUNS = (
    "security",
    "trade",
    "diplomacy",
    "disputes",
    "policy",
    "cooperation",
    "sanctions",
    "governance",
    "infrastructure",
    "competition",
    "reform",
    "crises",
)
REGION_ROOTS = ("Northern Reach", "Southern Reach", "Eastern Reach", "Western Reach")
REGION_CHILDREN = ("Coast", "Highlands")
TITLE_VERBS = (
    "Meets",
    "Warns",
    "Backs",
    "Rejects",
    "Signs Deal With",
    "Presses",
    "Courts",
    "Confronts",
    "Hosts",
    "Sanctions",
    "Calls On",
    "Challenges",
)
TITLE_TAILS = ("Over {t}", "Amid {t} Tensions", "on {t}", "as {t} Talks Stall", "After {t} Ruling", "Ahead of {t} Summit")


# ------------------------------------------------------------------ model


@dataclass
class Entry:
    """One registry entry as written to YAML; `fields` keep insertion order for stable output."""

    id: str
    name: str
    description: str
    aliases: list[str] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)


@dataclass
class ArticleSpec:
    date: dt.date
    slug: str
    title: str
    region: str
    actors: list[str]
    topics: list[str]
    body: str
    summary: str | None
    source_url: str | None


# ------------------------------------------------------------------ helpers


def name_key(text: str) -> str:
    """Stricter than Briefing's own name normalisation, so a spelling unique here is unique there."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def yaml_str(text: str) -> str:
    """A double-quoted YAML scalar; JSON's escaping is valid YAML for these ASCII strings."""
    return json.dumps(text, ensure_ascii=True)


def yaml_list(items: list[str]) -> str:
    return "[" + ", ".join(yaml_str(i) for i in items) + "]"


def zipf_weights(count: int, exponent: float) -> list[float]:
    return [1.0 / (rank**exponent) for rank in range(1, count + 1)]


def binomial(rng: random.Random, trials: int, p: float) -> int:
    """`random.binomialvariate` is 3.12+; this is the same draw, portable and stable."""
    return sum(rng.random() < p for _ in range(trials))


def pick_distinct(rng: random.Random, population: list[str], cum_weights: list[float], k: int) -> list[str]:
    """k different items by weight; popular ones come first more often, as an editor lists them."""
    chosen: dict[str, None] = {}
    while len(chosen) < k:
        chosen.setdefault(rng.choices(population, cum_weights=cum_weights)[0], None)
    return list(chosen)


def cumulative(weights: list[float]) -> list[float]:
    total, out = 0.0, []
    for weight in weights:
        total += weight
        out.append(total)
    return out


class Claims:
    """Every spelling used in one registry, so no alias ever points at two entries."""

    def __init__(self) -> None:
        self.keys: set[str] = set()

    def take(self, *spellings: str) -> bool:
        """Claim all spellings for one entry, or none if any belongs to another entry."""
        keys = {name_key(s) for s in spellings}
        if keys & self.keys:
            return False
        self.keys.update(keys)
        return True


# ------------------------------------------------------------------ registries


def invent_word(rng: random.Random, parts: int) -> str:
    syllables = [rng.choice(SYLLABLES_FIRST)] + [rng.choice(SYLLABLES_MID) for _ in range(parts - 1)]
    return (("".join(syllables)) + rng.choice(SYLLABLES_END)).capitalize()


def unique_name(claims: Claims, make: Callable[[], str]) -> tuple[str, str]:
    """Draw names until one (and its id) is unclaimed; returns (id, name)."""
    while True:
        name = make()
        entry_id = slugify(name)
        if claims.take(name, entry_id):
            return entry_id, name


def add_aliases(rng: random.Random, claims: Claims, entry: Entry, candidates: list[str]) -> None:
    """0-3 aliases (mean 1.5), skipping any spelling another entry already owns."""
    wanted = rng.randint(0, 3)
    for candidate in candidates:
        if len(entry.aliases) >= wanted:
            break
        if candidate != entry.name and claims.take(candidate):
            entry.aliases.append(candidate)


def make_regions(rng: random.Random) -> list[Entry]:
    """Twelve regions: four roots with two children each, plus nothing deeper."""
    regions: list[Entry] = []
    claims = Claims()
    for root in REGION_ROOTS:
        root_entry = Entry(slugify(root), root, f"The {root.split()[0].lower()} part of the benchmark world.")
        claims.take(root)
        add_aliases(rng, claims, root_entry, [root.replace("Reach", "Region"), root.split()[0] + " Lands"])
        regions.append(root_entry)
        for child in REGION_CHILDREN:
            name = f"{root} {child}"
            claims.take(name)
            entry = Entry(slugify(name), name, f"The {child.lower()} of the {root}.", fields={"parent": root_entry.id})
            add_aliases(rng, claims, entry, [f"{root.split()[0]} {child}", f"{child} of the {root}"])
            regions.append(entry)
    return regions


def make_topics(rng: random.Random) -> list[Entry]:
    pairs = [(a, n) for a in TOPIC_ADJECTIVES for n in TOPIC_NOUNS]
    rng.shuffle(pairs)
    claims = Claims()
    topics: list[Entry] = []
    for adjective, noun in pairs[:TOPIC_COUNT]:
        name = f"{adjective} {noun}"
        claims.take(name)
        entry = Entry(slugify(name), name, f"News and analysis on {adjective.lower()} {noun}.")
        add_aliases(rng, claims, entry, [f"{adjective} {noun} policy", f"{noun.capitalize()} ({adjective.lower()})"])
        topics.append(entry)
    return topics


def kind_counts(pool: int) -> list[str]:
    """Exact shares of kinds (largest remainder), shuffled later with the ranks."""
    counts = {kind: int(pool * share) for kind, share in KIND_SHARES}
    for kind, _share in KIND_SHARES:
        if sum(counts.values()) >= pool:
            break
        counts[kind] += 1
    return [kind for kind, _share in KIND_SHARES for _ in range(counts[kind])]


# Real ISO 3166-1 alpha-2 codes for the invented states, in turn, so the coverage map has
# something to shade (states past the list have none). Not drawn from `rng`: the rest of the
# corpus is the same as without them.
ISO_CODES = (  # noqa: SIM905 - one string keeps the list short
    "AE AF AL AM AO AR AT AU AZ BA BD BE BF BG BI BJ BN BO BR BS BT BW BY BZ CA CD CF CG CH CI CL CM CN CO CR CU CY CZ DE DJ "
    "DK DO DZ EC EE EG EH ER ES ET FI FJ FK FR GA GB GE GH GL GM GN GQ GR GT GW GY HN HR HT HU ID IE IL IN IQ IR IS IT JM JO "
    "JP KE KG KH KP KR KW KZ LA LB LK LR LS LT LU LV LY MA MD ME MG MK ML MM MN MR MW MX MY MZ NA NC NE NG NI NL NO NP NZ OM "
    "PA PE PG PH PK PL PR PS PT PY QA RO RS RU RW SA SB SD SE SI SK SL SN SO SR SS SV SY SZ TD TF TG TH TJ TL TM TN TR TT TW "
    "TZ UA UG US UY UZ VE VN VU YE ZA ZM ZW"
).split()


def make_actors(rng: random.Random, pool: int, regions: list[Entry]) -> list[Entry]:
    """States first (persons name them as their country), then everyone else; order = popularity rank."""
    kinds = kind_counts(pool)
    rng.shuffle(kinds)
    claims = Claims()
    states = [make_state(rng, claims, regions) for kind in kinds if kind == "state"]
    for state, code in zip(states, ISO_CODES):
        state.fields["iso"] = code
    state_iter = iter(states)
    actors: list[Entry] = []
    for kind in kinds:
        if kind == "state":
            actors.append(next(state_iter))
        elif kind == "person":
            actors.append(make_person(rng, claims, rng.choice(states).name if states else "Nowhere"))
        else:
            actors.append(make_body(rng, claims, kind))
    return actors


def make_state(rng: random.Random, claims: Claims, regions: list[Entry]) -> Entry:
    form = rng.choice(STATE_FORMS)
    entry_id, name = unique_name(claims, lambda: form.format(invent_word(rng, rng.randint(2, 3))))
    short = name.replace("Republic of ", "").replace("Kingdom of ", "").replace("Federation of ", "")
    region = rng.choice(regions)
    entry = Entry(entry_id, name, f"A state of the {region.name} in the benchmark world.", fields={"kind": "state", "region": region.id})
    add_aliases(rng, claims, entry, [short, f"{short} government", f"Government of {short}"])
    return entry


def make_person(rng: random.Random, claims: Claims, country: str) -> Entry:
    while True:
        first, last = invent_word(rng, 1), invent_word(rng, rng.randint(2, 3))
        name = f"{first} {last}"
        if claims.take(name, slugify(name)):
            break
    title = rng.choice(ROLE_TITLES)
    entry = Entry(
        slugify(name),
        name,
        f"{title} of {country} in the benchmark world.",
        fields={"kind": "person", "role": f"{title} of {country}", "country": country},
    )
    add_aliases(rng, claims, entry, [last, f"{title} {last}", f"{first[0]}. {last}"])
    return entry


def make_body(rng: random.Random, claims: Claims, kind: str) -> Entry:
    suffixes = ORG_SUFFIXES if kind == "organization" else GROUP_SUFFIXES
    entry_id, name = unique_name(claims, lambda: f"{invent_word(rng, 2)} {rng.choice(suffixes)}")
    acronym = "".join(word[0] for word in name.split() if word[0].isupper())
    entry = Entry(entry_id, name, f"A benchmark {kind}.", fields={"kind": kind})
    add_aliases(rng, claims, entry, [acronym, f"the {name}", name.split()[0]])
    return entry


# ------------------------------------------------------------------ articles


def sentence(rng: random.Random, mention: str | None = None) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(10, 24))]
    if mention:
        words.insert(rng.randint(0, len(words)), mention)
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, mentions: list[str]) -> str:
    count = rng.randint(3, 6)
    return " ".join(sentence(rng, mentions[i] if i < len(mentions) else None) for i in range(count))


def article_body(rng: random.Random, actor_names: list[str], topic_names: list[str]) -> str:
    """Paragraphs until the drawn word count is reached, with 1-3 `## ` headings along the way.

    Actors and topics are mentioned by name in the text, as real articles do, so
    Briefing's first-mention autolinking has real work.
    """
    target = rng.randint(WORDS_MIN, WORDS_MAX)
    mentions = actor_names + topic_names
    headings_left = rng.randint(1, 3)
    blocks: list[str] = []
    words = 0
    while words < target:
        if blocks and headings_left and rng.random() < 0.35:
            heading = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 5))).capitalize()
            blocks.append("## " + heading)
            headings_left -= 1
        take, mentions = mentions[:2], mentions[2:]
        text = paragraph(rng, take)
        blocks.append(text)
        words += len(text.split())
    return "\n\n".join(blocks) + "\n"


def article_title(rng: random.Random, actor_names: list[str], topic_names: list[str]) -> str:
    subject = actor_names[0]
    verb = rng.choice(TITLE_VERBS)
    other = actor_names[1] if len(actor_names) > 1 else "Rivals"
    tail = rng.choice(TITLE_TAILS).format(t=topic_names[0])
    return f"{subject} {verb} {other} {tail}"


def spelling(rng: random.Random, entry: Entry) -> str:
    """How the editor wrote the name: mostly the name, sometimes an alias or the id."""
    roll = rng.random()
    if roll < 0.15 and entry.aliases:
        return rng.choice(entry.aliases)
    if roll < 0.25:
        return entry.id
    return entry.name


def make_articles(rng: random.Random, count: int, actors: list[Entry], topics: list[Entry], regions: list[Entry]) -> list[ArticleSpec]:
    actor_ids = [a.id for a in actors]
    topic_ids = [t.id for t in topics]
    actor_cum = cumulative(zipf_weights(len(actors), ZIPF_ACTORS))
    topic_cum = cumulative(zipf_weights(len(topics), ZIPF_TOPICS))
    by_id = {e.id: e for e in actors + topics}
    first_day = LAST_DAY - dt.timedelta(days=SPAN_DAYS - 1)
    taken: set[tuple[int, int, str]] = set()
    specs: list[ArticleSpec] = []
    for _ in range(count):
        chosen_actors = [by_id[i] for i in pick_distinct(rng, actor_ids, actor_cum, 2 + binomial(rng, 6, 2.5 / 6))]
        chosen_topics = [by_id[i] for i in pick_distinct(rng, topic_ids, topic_cum, 1 + binomial(rng, 3, 0.5))]
        date = first_day + dt.timedelta(days=rng.randrange(SPAN_DAYS))
        actor_names = [a.name for a in chosen_actors]
        topic_names = [t.name for t in chosen_topics]
        title = article_title(rng, actor_names, topic_names)
        slug = unique_slug(slugify(" ".join(title.split()[:6])), date, taken)
        summary = " ".join(sentence(rng) for _ in range(rng.randint(2, 3))) if rng.random() < SUMMARY_SHARE else None
        specs.append(
            ArticleSpec(
                date=date,
                slug=slug,
                title=title,
                region=rng.choice(regions).name,
                actors=[spelling(rng, a) for a in chosen_actors],
                topics=[spelling(rng, t) for t in chosen_topics],
                body=article_body(rng, actor_names, topic_names),
                summary=summary,
                source_url=f"https://example.org/wire/{date:%Y/%m}/{slug}" if rng.random() < SOURCE_SHARE else None,
            )
        )
    return specs


def unique_slug(base: str, date: dt.date, taken: set[tuple[int, int, str]]) -> str:
    """Article URLs are /YYYY/MM/slug/: a repeated headline in a month gets -2, -3..."""
    slug, n = base, 1
    while (date.year, date.month, slug) in taken:
        n += 1
        slug = f"{base}-{n}"
    taken.add((date.year, date.month, slug))
    return slug


# ------------------------------------------------------------------ output


def render_registry(entries: list[Entry]) -> str:
    lines = []
    for entry in entries:
        lines.append(f"{entry.id}:")
        lines.append(f"  name: {yaml_str(entry.name)}")
        for key, value in entry.fields.items():
            lines.append(f"  {key}: {yaml_str(value)}")
        lines.append(f"  aliases: {yaml_list(entry.aliases)}")
        lines.append(f"  description: {yaml_str(entry.description)}")
    return "\n".join(lines) + "\n"


def render_article(spec: ArticleSpec) -> str:
    lines = [
        "---",
        f"title: {yaml_str(spec.title)}",
        f"date: {spec.date.isoformat()}",
        f"region: {yaml_str(spec.region)}",
        f"actors: {yaml_list(spec.actors)}",
        f"topics: {yaml_list(spec.topics)}",
    ]
    if spec.source_url:
        lines.append(f'source: {{name: "Example Wire", url: {yaml_str(spec.source_url)}}}')
    if spec.summary:
        lines.append(f"summary: {yaml_str(spec.summary)}")
    lines.append("---")
    return "\n".join(lines) + "\n" + spec.body


def bench_mkdocs_yml() -> str:
    """The repository's mkdocs.yml with the site renamed: same theme, plugins and nav as the real site."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    for key, value in (("site_name", "Bench"), ("site_url", BENCH_SITE_URL)):
        text, replaced = re.subn(rf"^{key}:.*$", f"{key}: {value}", text, count=1, flags=re.MULTILINE)
        if not replaced:
            raise SystemExit(f"{REPO / 'mkdocs.yml'} has no '{key}:' line to replace")
    return text


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def write_corpus(out: Path, actors: list[Entry], topics: list[Entry], regions: list[Entry], specs: list[ArticleSpec]) -> None:
    write_text(out / "mkdocs.yml", bench_mkdocs_yml())
    shutil.copytree(REPO / "docs", out / "docs")
    write_text(out / "data" / "actors.yml", render_registry(actors))
    write_text(out / "data" / "topics.yml", render_registry(topics))
    write_text(out / "data" / "regions.yml", render_registry(regions))
    for spec in specs:
        write_text(out / "articles" / f"{spec.date:%Y}" / f"{spec.date.isoformat()}-{spec.slug}.md", render_article(spec))


def describe(specs: list[ArticleSpec], actors: list[Entry]) -> str:
    n = len(specs)
    words = sum(len(s.body.split()) for s in specs) / n
    return (
        f"{n} articles, {words:.0f} words, {sum(len(s.actors) for s in specs) / n:.2f} actors and "
        f"{sum(len(s.topics) for s in specs) / n:.2f} topics per article on average; "
        f"{len(actors)} actors; {min(s.date for s in specs)} to {max(s.date for s in specs)}"
    )


def generate(count: int, out: Path, seed: int) -> str:
    """Build the whole corpus in memory from one RNG, then write it; returns a one-line description."""
    if out.exists() and any(out.iterdir()):
        raise SystemExit(f"{out} is not empty; give a new or empty folder")
    rng = random.Random(seed * 1_000_003 + count)
    regions = make_regions(rng)
    topics = make_topics(rng)
    actors = make_actors(rng, max(20, count // 5), regions)
    specs = make_articles(rng, count, actors, topics, regions)
    write_corpus(out, actors, topics, regions, specs)
    return describe(specs, actors)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, metavar="N", help="number of articles")
    parser.add_argument("out", type=Path, metavar="OUT_DIR", help="new or empty folder")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("N must be at least 1")
    print(generate(args.count, args.out, args.seed), file=sys.stderr)


if __name__ == "__main__":
    main()
