"""Candidate registry entries: names the text uses that the registry does not know.

A capitalised run such as "Belarusian President Alexander Lukashenko" is split into what
describes the person (the adjective of a state, an office: nameparser's list of titles plus a few
words of reporting such as "leader" or "envoy") and the name itself; the office and the state make
the role ("President of Belarus"). A later bare surname ("Lukashenko said") counts for the same
person. Runs that end in an organisation word ("Commission", "Institute") are organisations;
runs that name a country (pycountry) are states; anything else is left out rather than guessed.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

import pycountry
from nameparser import HumanName

from briefing.model.entities import Actor, ActorKind
from briefing.model.registry import Registry
from briefing.suggest.countries import country_names
from briefing.suggest.demonyms import DEMONYMS as _CURATED_DEMONYMS
from briefing.suggest.name_words import (
    GROUP_WORDS,
    LEADING,
    MONTHS_AND_DAYS,
    NOT_NAME_WORDS,
    ORGANIZATION_WORDS,
    PARTICLES,
    is_organization_word,
    is_title_word,
)
from briefing.suggest.organisations import is_place, not_a_person, written_as_organization

DEMONYMS: dict[str, str] = {
    **{
        adjective: country_names().display[code]
        for adjective, code in country_names().adjectives.items()
        if code in country_names().display
    },
    **_CURATED_DEMONYMS,
}
_SPEECH = re.compile(r"^\s*(?:,\s*(?:a|an|the|who|whose)\b|\s+(?:said|says|told|added|wrote|argued|noted|warned|stated)\b)")
_WORD = r"[A-Z][\w’'\-]*"
_LOWER_OFFICES = (
    "leader",
    "president",
    "prime minister",
    "foreign minister",
    "defence minister",
    "defense minister",
    "minister",
    "envoy",
    "chief",
    "spokesman",
    "spokeswoman",
    "spokesperson",
)
_SPACE = r"[^\S\n]+"  # a name does not run across lines
_JOINERS = "|".join(sorted(PARTICLES)) + "|" + "|".join(o.replace(" ", _SPACE) for o in _LOWER_OFFICES)
_RUN = re.compile(r"(?<![\w’'\-])" + _WORD + r"(?:" + _SPACE + r"(?:(?:" + _JOINERS + r")" + _SPACE + r")*" + _WORD + r")*")
_APPOSITION = re.compile(r"(?:,|\bincluding|\bby|\bwith|\bsaid|\bto)\s+$")  # "..., Yulia Navalnaya, ..."
_DEMONYM_FIRST = sorted(DEMONYMS, key=lambda d: (-len(d.split()), d))


@dataclass
class Candidate:
    """An entry an editor may add to data/actors.yml, with what the text says about it."""

    name: str
    kind: ActorKind
    mentions: int = 0
    role: str | None = None
    country: str | None = None
    aliases: list[str] = field(default_factory=list)
    iso: str | None = None  # states: ISO 3166-1 alpha-2 code
    region: str | None = None  # states: the registry's region for it (by its UN subregion or continent)

    @property
    def id(self) -> str:
        ascii_name = unicodedata.normalize("NFKD", self.name).encode("ascii", "ignore").decode()
        return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "new-actor"


def _split_descriptor(words: list[str], organizations: set[str]) -> tuple[str | None, list[str], list[str]]:
    """(country or body, office words, name words) of a run: 'Belarusian President Alexander Lukashenko'.

    The name is what follows the last office word; before the office stands whose office it is:
    an adjective of nationality ("Belarusian"), an organisation ("NATO", "Palestinian Authority").
    """
    last_office = max((i for i, w in enumerate(words[:-1]) if is_title_word(w)), default=-1)
    if last_office < 0:
        return (DEMONYMS.get(" ".join(words[:2])) or DEMONYMS.get(words[0])), [], _strip_demonym(words)
    first_office = last_office
    while first_office > 0 and (is_title_word(words[first_office - 1]) or words[first_office - 1].casefold() == "of"):
        first_office -= 1
    owner = words[:first_office]
    office = [w for w in words[first_office : last_office + 1] if w.casefold() != "of" or w is not words[first_office]]
    owner_text = " ".join(owner)
    country = DEMONYMS.get(owner_text) or (owner_text if owner_text else None)
    if owner_text and owner_text not in DEMONYMS and owner_text not in organizations:
        country = owner_text if owner_text.split()[-1].casefold() in ORGANIZATION_WORDS | {"authority"} else None
    return country, office, words[last_office + 1 :]


def _strip_demonym(words: list[str]) -> list[str]:
    if len(words) > 2 and " ".join(words[:2]) in DEMONYMS:
        return words[2:]
    if len(words) > 1 and words[0] in DEMONYMS:
        return words[1:]
    return words


def _role(office: list[str], country: str | None) -> str | None:
    if not office:
        return None
    words = [w if w.isupper() else w.capitalize() for w in office]
    text = " ".join(words)
    if not country:
        return text
    the = "the " if any(w.casefold() in ORGANIZATION_WORDS | {"authority"} for w in country.split()) else ""
    return f"{text} of {the}{country}"


def _looks_like_name(words: list[str]) -> bool:
    if not 2 <= len(words) <= 4 or not words[0][0].isupper():
        return False
    for word in words:
        low = word.casefold()
        if low in PARTICLES:
            continue
        if low in NOT_NAME_WORDS or low in MONTHS_AND_DAYS or is_organization_word(word) or low in GROUP_WORDS:
            return False
        if word.isupper() or any(c.isdigit() or c in "’'" for c in word) or word in DEMONYMS or is_title_word(word):
            return False
    return not _is_country(" ".join(words))


@functools.lru_cache(maxsize=4096)
def _is_country(text: str) -> bool:
    """A country's name as written ("China", "U.S."); never a code, which is a word too ("Are", "Is")."""
    if text in country_names().names:
        return True
    if len(text) <= 3:
        return False
    try:
        pycountry.countries.lookup(text)
    except LookupError:
        return False
    return True


def _known(registry: Registry[Actor], name: str) -> bool:
    """An exact spelling of an entry (no did-you-mean: that fuzzy search is the costly part)."""
    return registry.resolve(name, suggest=False).id is not None


def find_candidates(text: str, actors: Registry[Actor], places: Mapping[str, str] | None = None) -> list[Candidate]:
    """People, organisations and states the text names that `actors` does not, most mentioned first."""
    places = places or {}
    organizations = {s for a in actors if getattr(a, "kind", "") != "person" for s in (a.name, *a.aliases)}
    people: dict[str, Candidate] = {}
    others: dict[str, Candidate] = {}
    spoken: Counter[str] = Counter()
    for match in _RUN.finditer(text):
        words = match.group(0).split()
        while words and (words[0].casefold() in LEADING or re.search(r"['’]s$|-based$", words[0])):  # "Miami-based Wallco"
            if len(words) > 1 and is_place(" ".join(words[:2])):
                break  # "New Jersey", "New York Stock Exchange": not "Jersey", "York Stock Exchange"
            words.pop(0)
        if not words:
            continue
        run = " ".join(words)
        country, office, rest = _split_descriptor(words, organizations)
        name = " ".join(rest)
        if _is_country(run) or run in places or _known(actors, run):
            if _is_country(run) and not _known(actors, run) and run not in DEMONYMS:
                others.setdefault(run, Candidate(run, "state", iso=_iso_of(run))).mentions += 1
            continue
        if _looks_like_name(rest) and not _known(actors, name) and name not in places:
            candidate = people.setdefault(name, Candidate(name, "person"))
            candidate.mentions += 1
            if office and candidate.role is None:
                candidate.role = _role(office, country)
            if country and candidate.country is None and _is_country_name(country):
                candidate.country = country
            if office:
                variant = " ".join([*office, name]) if len(office) == 1 else None
                if variant and variant not in candidate.aliases:
                    candidate.aliases.append(variant)
            before = text[max(0, match.start() - 12) : match.start()]
            if _SPEECH.match(text[match.end() : match.end() + 30]) or _APPOSITION.search(before):
                spoken[name] += 1
            continue
        last = run.split()[-1].casefold()
        if not office and len(words) >= 2 and (is_organization_word(run.split()[-1]) or last in GROUP_WORDS) and not _known(actors, run):
            kind: ActorKind = "group" if last in GROUP_WORDS else "organization"
            others.setdefault(run, Candidate(run, kind)).mentions += 1
    _count_surnames(text, people)
    _merge_bare_surnames(people)
    _retype_by_context(text, people, others)
    kept = [c for c in people.values() if c.role or spoken[c.name] or surname(c.name) in c.aliases]
    kept += [c for c in others.values() if c.mentions >= 1]
    return sorted(kept, key=lambda c: (-c.mentions, c.name))


def _retype_by_context(text: str, people: dict[str, Candidate], others: dict[str, Candidate]) -> None:
    """Names that read like people's but that the text shows are companies (they become organisations,
    an alias of their full form when the text writes one), cities or families (left out). An office
    ("Chairman Richard Lacy") settles it for a person."""
    for name, candidate in list(people.items()):
        if candidate.role:
            continue
        if not_a_person(name, text):  # first: "Santa Barbara" of "Santa Barbara Biltmore Hotel" is the city
            del people[name]
        elif written_as_organization(name, text):
            del people[name]
            full = next((o for o in others.values() if o.kind == "organization" and o.name.startswith(name + " ")), None)
            if full is None:
                others.setdefault(name, Candidate(name, "organization")).mentions += candidate.mentions
            else:
                full.mentions += candidate.mentions
                full.aliases += [name] if name not in full.aliases else []


def _iso_of(name: str) -> str | None:
    code = country_names().code_of(name)
    return code if code and pycountry.countries.get(alpha_2=code) is not None else None


def _is_country_name(country: str) -> bool:
    return _is_country(country) or country in DEMONYMS.values()


def _count_surnames(text: str, people: dict[str, Candidate]) -> None:
    """A bare surname ("Lukashenko said") after the full name is the same person; it becomes an alias."""
    surnames: Counter[str] = Counter(surname(c.name) for c in people.values())
    for candidate in people.values():
        last = surname(candidate.name)
        if surnames[last] > 1 or len(last) < 3:
            continue  # two people share it: a bare surname could be either
        bare = len(re.findall(r"(?<![\w’'\-])" + re.escape(last) + r"(?:['’]s)?(?![\w’'\-])", text, re.IGNORECASE))
        full = len(re.findall(re.escape(candidate.name), text))
        alone = bare - full
        if alone > 0:
            candidate.mentions += alone
            if last not in candidate.aliases:
                candidate.aliases.insert(0, last)


def surname(name: str) -> str:
    """nameparser's last name: 'Ursula von der Leyen' -> 'von der Leyen'."""
    return str(HumanName(name).last) or name.split()[-1]


def _merge_bare_surnames(people: dict[str, Candidate]) -> None:
    """'Von der Leyen' opening a sentence is Ursula von der Leyen, not a second person."""
    by_surname = {surname(c.name).casefold(): c for c in people.values() if len(c.name.split()) > len(surname(c.name).split())}
    for name in list(people):
        owner = by_surname.get(name.casefold())
        if owner is not None and owner.name != name:
            del people[name]
