"""Every way a text names a country: names, short forms, acronyms and adjectives, from pycountry and countryinfo.

A state registered with `iso:` is found by all of these without aliases written by hand:
"U.S." and "American" name the United States, "British" and "Britain" the United Kingdom,
"Saudi" Saudi Arabia, "West German" Germany. The data: pycountry's names (ISO 3166), countryinfo's
common names, alternative spellings, demonyms, provinces and UN subregions. `_SHORT_NAMES` and `_SHORT_ADJECTIVES` add
the few usual forms neither lists (each with the reason), and the codes of states that no longer
exist (ISO 3166-3: the Soviet Union, East Germany), which older archives name.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pycountry

# Usual forms in English reporting that neither data set lists (the data has "Great Britain",
# "Saudi Arabian", "Soviet Union" as a historic name only).
_SHORT_NAMES: dict[str, str] = {
    "Britain": "GB",
    "Soviet Union": "SU",
    "USSR": "SU",
    "East Germany": "DD",
    "Yugoslavia": "YU",
    "Czechoslovakia": "CS",
}
_SHORT_ADJECTIVES: dict[str, str] = {"Soviet": "SU", "East German": "DD", "Yugoslav": "YU", "Czechoslovak": "CS"}
_HISTORIC_REGIONS = {"SU": "Eastern Europe", "DD": "Western Europe", "YU": "Southern Europe", "CS": "Eastern Europe"}
# First words that do not name one country alone ("South Africa" is not "South").
_GENERIC_FIRST = {
    "united", "south", "north", "east", "west", "new", "great", "central", "saint", "san", "sao", "st", "el", "la", "le",
    "the", "republic", "democratic", "federal", "kingdom", "state", "holy", "papua", "equatorial", "american", "british",
    "french", "dutch", "hong", "sri", "costa", "puerto", "sierra", "cape", "solomon", "marshall", "cook", "christmas",
    "faroe", "falkland", "virgin", "cayman", "turks", "northern", "western", "southern", "eastern", "bosnia", "trinidad",
}  # fmt: skip
MIN_SHORT_FORM_POPULATION = 1_000_000  # "Heard" (Heard Island) is a word; "Saudi" names a country
_ACRONYM = re.compile(r"^[A-Z]{2,4}$")


@dataclass
class CountryNames:
    """Spellings (as written, case kept) -> ISO alpha-2 code; adjectives kept apart (they name who acts, not where)."""

    names: dict[str, str] = field(default_factory=dict)  # "Britain" -> GB, "U.S." -> US
    adjectives: dict[str, str] = field(default_factory=dict)  # "British" -> GB
    provinces: dict[str, str] = field(default_factory=dict)  # "Alberta" -> CA, "Ohio" -> US
    display: dict[str, str] = field(default_factory=dict)  # GB -> United Kingdom
    subregions: dict[str, str] = field(default_factory=dict)  # GB -> Northern Europe (UN M49)
    continents: dict[str, str] = field(default_factory=dict)  # GB -> Europe
    folded: dict[str, str] = field(default_factory=dict)  # casefolded name -> code, for lookups

    def code_of(self, text: str) -> str | None:
        """The country a name, adjective or code names (any case), or None."""
        value = text.strip()
        found = self.names.get(value) or self.adjectives.get(value) or self.folded.get(value.casefold())
        if found:
            return found
        if len(value) == 2 and value.isalpha() and pycountry.countries.get(alpha_2=value.upper()) is not None:
            return value.upper()
        return None

    def spellings_of(self, code: str) -> tuple[list[str], list[str]]:
        """(names, adjectives) of one country."""
        return [s for s, c in self.names.items() if c == code], [s for s, c in self.adjectives.items() if c == code]


def _dotted(acronym: str) -> str:
    return ".".join(acronym) + "."


def _add(table: dict[str, str], spelling: str, code: str) -> None:
    spelling = " ".join(spelling.split())
    if len(spelling) >= 2 and spelling[0].isupper() and "," not in spelling and "(" not in spelling:
        table.setdefault(spelling, code)


@functools.lru_cache(maxsize=1)
def country_names() -> CountryNames:
    """The table, built once per process (about 0.3 s)."""
    from countryinfo import all_countries

    out = CountryNames()
    for country in pycountry.countries:
        code = country.alpha_2
        for attribute in ("common_name", "name", "official_name"):
            value = getattr(country, attribute, None)
            if value:
                _add(out.names, value, code)
        out.display.setdefault(code, getattr(country, "common_name", None) or country.name)
    # The most populous first: a shared demonym ("American") names the United States, not a territory.
    infos: list[dict[str, Any]] = sorted(
        (dict(entry.info()) for entry in all_countries()), key=lambda i: (-int(i.get("population") or 0), str(i.get("name")))
    )
    displayed: set[str] = set()
    for info in infos:
        code = str((info.get("ISO") or {}).get("alpha2") or "")
        if not code or pycountry.countries.get(alpha_2=code) is None:
            continue
        iso3 = str((info.get("ISO") or {}).get("alpha3") or "")
        _add(out.names, str(info.get("name") or ""), code)
        if info.get("name") and code not in displayed:
            out.display[code] = str(info["name"])  # "Russia", where ISO says "Russian Federation"
            displayed.add(code)
        for spelling in info.get("altSpellings") or []:
            if not isinstance(spelling, str) or not spelling.isascii():
                continue
            if _ACRONYM.match(spelling):
                # An ISO code alone is too often a word in capitals ("IT", "IN"): only dotted
                # ("U.S."), and undotted when it is not a code ("UK", "UAE").
                _add(out.names, _dotted(spelling), code)
                if spelling not in (code, iso3):
                    _add(out.names, spelling, code)
            else:
                _add(out.names, spelling, code)
        demonym = str(info.get("demonym") or "")
        if demonym and demonym.isascii():
            _add(out.adjectives, demonym, code)
            first = demonym.split()[0]
            name_first = str(info.get("name") or "").split()[0] if info.get("name") else ""
            populous = int(info.get("population") or 0) >= MIN_SHORT_FORM_POPULATION
            if populous and len(demonym.split()) > 1 and first == name_first and first.casefold() not in _GENERIC_FIRST:
                _add(out.adjectives, first, code)  # "Saudi Arabian" -> "Saudi"
        for province in info.get("provinces") or []:
            if isinstance(province, str) and province.isascii():
                _add(out.provinces, province, code)
        if info.get("subregion"):
            out.subregions.setdefault(code, str(info["subregion"]))
        if info.get("region"):
            out.continents.setdefault(code, str(info["region"]))
    out.names.update(_SHORT_NAMES)
    out.adjectives.update(_SHORT_ADJECTIVES)
    for code, subregion in _HISTORIC_REGIONS.items():
        out.subregions.setdefault(code, subregion)
        out.continents.setdefault(code, "Europe")
    for historic in pycountry.historic_countries:
        out.display.setdefault(historic.alpha_2, historic.name.split(",")[0])
    for table in (out.adjectives, out.names):  # adjectives first: the names win a tie
        for spelling, code in table.items():
            out.folded[spelling.casefold()] = code
    for spelling in [s for s, c in out.provinces.items() if s in out.names and out.names[s] != c]:
        del out.provinces[spelling]  # "Georgia" the country, not the US state
    return out


def codes_in(spellings: Iterable[str]) -> set[str]:
    """The countries any of `spellings` names exactly (a state's name and aliases)."""
    table = country_names()
    return {code for s in spellings if (code := table.code_of(s)) is not None}
