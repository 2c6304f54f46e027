"""What the text says about a name that looks like a person's: is it a company's, a place's, a family's?

"Penn Traffic said" reads like "Perrin Long said", but the same story writes "Penn Traffic Co" and
"shares of Penn Traffic". Financial and wire copy name a company in full once, then by its short
name; the full form, a stock ticker ("Atlas Copco <ASTS ST>"), an apposition ("Novo Astro, a private
company") or what is owned ("a stake in", "shares of") shows it is a company, whatever its words.
"""

from __future__ import annotations

import functools
import re

from briefing.suggest.countries import country_names
from briefing.suggest.gazetteer import MIN_UNQUALIFIED_POPULATION, gazetteer
from briefing.suggest.name_words import is_organization_word

# Nouns that head an apposition describing a business or an institution.
_BUSINESS_NOUNS = (
    "company|companies|firm|group|concern|maker|manufacturer|producer|subsidiary|unit|affiliate|division|bank|fund|"
    "insurer|retailer|chain|operator|supplier|conglomerate|partnership|venture|developer|distributor|corporation|"
    "trust|agency|institute|association|brokerage|publisher|carrier|airline|utility|refiner|miner|lender|holding"
)
# ", a Hong Kong investment firm," ", an arms and chemicals group," (not ", the head of the group,").
_APPOSITION = re.compile(
    r"^\s*,\s+(?:a|an|the)\s+(?:(?!of\b)[\w&'’-]+\s+){0,5}?(?:" + _BUSINESS_NOUNS + r")"
    r"(?=\s*[,.;:)]|\s+(?:that|which|whose|based|in|with|owned|controlled|of|from)\b)"
)
# A ticker right after the name: "<ASTS ST>", "<NKKT.T>", "(AAPL.O)", "(NYSE: IBM)".
_TICKER = re.compile(r"^\s*[<(](?:[A-Z]+:\s*)?[A-Z][A-Z0-9.]{0,7}(?:\s[A-Z]{1,3})?[>)]")
# What is owned or traded is a company: "a stake in", "shares of", "control of", "bid for".
_OWNED = re.compile(r"\b(?:stake|interest|holding|holdings|shares|stock|control|bid|offer|takeover|merger)\s+(?:in|of|for|with)\s+$")
# What follows the name in its full form: "(Pacific) Ltd", "Systems Inc", "and Smith Inc", "KK".
_CONTINUATION = re.compile(r"^(?:\s+\([^()\n]{1,30}\))?((?:[^\S\n]+(?:and\s+|&\s+)?[A-Z][\w.&'’-]*){1,4})")


def written_as_organization(name: str, text: str) -> bool:
    """Whether any mention of `name` in `text` is a company's or an institution's, by its context."""
    for match in _mentions(name).finditer(text):
        after = text[match.end() : match.end() + 120]
        if _TICKER.match(after) or _APPOSITION.match(after) or _OWNED.search(text[max(0, match.start() - 30) : match.start()]):
            return True
        continued = _CONTINUATION.match(after)
        if continued and any(is_organization_word(w) for w in continued.group(1).replace("&", " ").split() if w != "and"):
            return True
    return False


def not_a_person(name: str, text: str) -> bool:
    """A name that is a city ("Santa Barbara"), starts with a country ("Japan Fund"), or is a family ("the Wallenbergs")."""
    first, last = name.split()[0], name.split()[-1]
    if first in country_names().names or _is_city(name):
        return True
    return last.endswith("s") and re.search(r"\b[Tt]he\s+" + re.escape(last) + r"\b", text) is not None


@functools.lru_cache(maxsize=4096)
def _mentions(name: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w’'-])" + re.escape(name) + r"(?![\w’'-])")


def is_place(name: str) -> bool:
    """A country, a province or state ("New Jersey"), or a city of the gazetteer ("New York")."""
    names = country_names()
    return name in names.names or name in names.provinces or _is_city(name)


def _is_city(name: str) -> bool:
    return any(p.name == name and p.population >= MIN_UNQUALIFIED_POPULATION for p in gazetteer().cities_named(name))
