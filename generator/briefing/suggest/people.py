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
from cleanco import termdata  # type: ignore[import-untyped]
from nameparser import HumanName
from nameparser.config import CONSTANTS

from briefing.model.entities import Actor, ActorKind
from briefing.model.registry import Registry
from briefing.suggest.countries import country_names
from briefing.suggest.demonyms import DEMONYMS as _CURATED_DEMONYMS

# Words of reporting that describe a person's job but are not in nameparser's titles.
_DESCRIPTORS = {
    "leader",
    "chief",
    "envoy",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "commander",
    "foreign",
    "defence",
    "defense",
    "finance",
    "treasury",
    "trade",
    "interior",
    "state",
    "deputy",
    "vice",
    "former",
    "opposition",
    "supreme",
    "top",
    "senior",
    "national",
    "security",
    "adviser",
    "advisor",
    "head",
    "economy",
    "energy",
    "leaders",
}
_ORGANIZATION_WORDS = {
    "agency",
    "assembly",
    "association",
    "authority",
    "bank",
    "command",
    "commission",
    "committee",
    "company",
    "congress",
    "corporation",
    "council",
    "court",
    "department",
    "duma",
    "forum",
    "foundation",
    "fund",
    "institute",
    "institution",
    "ministry",
    "office",
    "organization",
    "organisation",
    "parliament",
    "senate",
    "service",
    "university",
    "union",
    "alliance",
    "group",
}
# Institutions and firms that carry no legal form ("Salomon Brothers", "Research Associates").
_ORGANIZATION_WORDS |= {
    "center", "centre", "institute", "associates", "brothers", "bros", "holdings", "partners", "industries", "trust",
    "securities", "capital", "investments", "investors", "enterprises", "technologies", "laboratories", "labs", "airlines",
    "airways", "communications", "resources", "financial", "insurance", "bancorp", "bankshares", "exchange", "board",
    "club", "society", "league", "school", "college", "academy", "hospital", "church", "systems", "products", "services",
    "petroleum", "oil", "energy", "electric", "motors", "steel", "mining", "chemical", "chemicals", "pharmaceuticals",
    "international", "inc", "corp", "co", "cos", "ltd", "plc", "llc", "gmbh", "times", "post", "journal", "press", "news",
    "television", "broadcasting", "media", "magazine", "management", "realty", "properties", "stores", "mills", "shares",
}  # fmt: skip
# Legal forms of companies worldwide (cleanco's data): "Inc", "N.V.", "AG", "S.p.A.", "Oyj".
_NOT_LEGAL_FORMS = {"eu", "ec", "un", "us", "uk", "et", "as", "private", "unlimited", "sp", "ij", "ev", "pc", "nl"}
_LEGAL_FORMS = {
    form for term in (t for terms in termdata.terms_by_type.values() for t in terms)
    if " " not in (form := term.replace(".", "").strip()) and form.isalpha() and form not in _NOT_LEGAL_FORMS
}  # fmt: skip
DEMONYMS: dict[str, str] = {
    **{
        adjective: country_names().display[code]
        for adjective, code in country_names().adjectives.items()
        if code in country_names().display
    },
    **_CURATED_DEMONYMS,
}
_GROUP_WORDS = {"party", "front", "movement", "brigade", "militia", "army"}
_NOT_NAME_WORDS = {
    "the",
    "a",
    "an",
    "on",
    "in",
    "at",
    "as",
    "it",
    "he",
    "she",
    "they",
    "but",
    "and",
    "for",
    "after",
    "both",
    "this",
    "that",
    "according",
    "however",
    "despite",
    "meanwhile",
    "while",
    "western",
    "editor",
    "treaty",
    "declaration",
    "summit",
    "war",
    "region",
    "day",
    "strait",
    "sea",
    "island",
    "islands",
    "province",
    "city",
    "cosmodrome",
    "zone",
    "base",
    "airport",
    "square",
    "palace",
    "hall",
    "house",
    "street",
    "north",
    "south",
    "east",
    "west",
    "central",
    "eastern",
    "northern",
    "southern",
    "three-day",
    "two-day",
    "five-day",
    "first",
    "second",
    "new",
    "when",
    "why",
    "what",
    "how",
    "his",
    "her",
    "their",
    "its",
    "we",
    "i",
    "our",
    "speaking",
    "asked",
    "if",
    "since",
    "during",
    "with",
    "from",
    "to",
    "by",
    "of",
}
_PLACE_WORDS = {"north", "south", "east", "west", "central", "eastern", "northern", "southern", "western"}
_LEADING = _NOT_NAME_WORDS - _PLACE_WORDS - {"treaty", "declaration", "summit", "war", "region"}  # a sentence may start with these
_MONTHS_AND_DAYS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}  # fmt: skip
_PARTICLES = {"von", "der", "de", "van", "bin", "al", "da", "di", "le", "la", "du", "del"}
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
_JOINERS = "|".join(sorted(_PARTICLES)) + "|" + "|".join(o.replace(" ", _SPACE) for o in _LOWER_OFFICES)
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

    @property
    def id(self) -> str:
        ascii_name = unicodedata.normalize("NFKD", self.name).encode("ascii", "ignore").decode()
        return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "new-actor"


def _is_organization_word(word: str) -> bool:
    """A word that makes a name an organisation's: "Bank", "Institute", a legal form ("Inc", "N.V.", "AG")."""
    low = word.casefold().strip(".,")
    if low in _ORGANIZATION_WORDS:
        return True
    form = low.replace(".", "")
    # A two-letter form counts written as one ("AG", "N.V."), not as a word ("Sa").
    return form in _LEGAL_FORMS and (len(form) > 2 or word.isupper() or "." in word)


def _is_title_word(word: str) -> bool:
    low = word.casefold().rstrip(".")
    return low in _DESCRIPTORS or (low in CONSTANTS.titles and low not in _NOT_NAME_WORDS)


def _split_descriptor(words: list[str], organizations: set[str]) -> tuple[str | None, list[str], list[str]]:
    """(country or body, office words, name words) of a run: 'Belarusian President Alexander Lukashenko'.

    The name is what follows the last office word; before the office stands whose office it is:
    an adjective of nationality ("Belarusian"), an organisation ("NATO", "Palestinian Authority").
    """
    last_office = max((i for i, w in enumerate(words[:-1]) if _is_title_word(w)), default=-1)
    if last_office < 0:
        return (DEMONYMS.get(" ".join(words[:2])) or DEMONYMS.get(words[0])), [], _strip_demonym(words)
    first_office = last_office
    while first_office > 0 and (_is_title_word(words[first_office - 1]) or words[first_office - 1].casefold() == "of"):
        first_office -= 1
    owner = words[:first_office]
    office = [w for w in words[first_office : last_office + 1] if w.casefold() != "of" or w is not words[first_office]]
    owner_text = " ".join(owner)
    country = DEMONYMS.get(owner_text) or (owner_text if owner_text else None)
    if owner_text and owner_text not in DEMONYMS and owner_text not in organizations:
        country = owner_text if owner_text.split()[-1].casefold() in _ORGANIZATION_WORDS | {"authority"} else None
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
    the = "the " if any(w.casefold() in _ORGANIZATION_WORDS | {"authority"} for w in country.split()) else ""
    return f"{text} of {the}{country}"


def _looks_like_name(words: list[str]) -> bool:
    if not 2 <= len(words) <= 4 or not words[0][0].isupper():
        return False
    for word in words:
        low = word.casefold()
        if low in _PARTICLES:
            continue
        if low in _NOT_NAME_WORDS or low in _MONTHS_AND_DAYS or _is_organization_word(word) or low in _GROUP_WORDS:
            return False
        if word.isupper() or any(c.isdigit() or c in "’'" for c in word) or word in DEMONYMS or _is_title_word(word):
            return False
    return not _is_country(" ".join(words))


@functools.lru_cache(maxsize=4096)
def _is_country(text: str) -> bool:
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
        while words and (words[0].casefold() in _LEADING or re.search(r"['’]s$", words[0])):
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
        if not office and len(words) >= 2 and (_is_organization_word(run.split()[-1]) or last in _GROUP_WORDS) and not _known(actors, run):
            kind: ActorKind = "group" if last in _GROUP_WORDS else "organization"
            others.setdefault(run, Candidate(run, kind)).mentions += 1
    _count_surnames(text, people)
    _merge_bare_surnames(people)
    kept = [c for c in people.values() if c.role or spoken[c.name] or surname(c.name) in c.aliases]
    kept += [c for c in others.values() if c.mentions >= 1]
    return sorted(kept, key=lambda c: (-c.mentions, c.name))


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
