"""ISO 3166-1 codes of state actors (`iso:` in data/actors.yml), checked with pycountry.

States are keyed by their alpha-2 code (`CN`, `RU`): it places them on the coverage map.
A code pycountry does not know gets a did-you-mean from the state's name and aliases; an
alpha-3 code (`CHN`) is pointed at its alpha-2 form.
"""

from __future__ import annotations

from collections.abc import Iterable

import pycountry

from briefing.model.entities import Actor


def check_iso(code: str, actor_kind: str, names: Iterable[str]) -> tuple[str | None, str | None]:
    """(the normalised alpha-2 code, None) or (None, a message saying what is wrong)."""
    if actor_kind != "state":
        return None, "only states have an ISO 3166-1 code; remove 'iso' or set 'kind: state'"
    value = code.strip().upper()
    if len(value) == 2 and value.isalpha():
        if pycountry.countries.get(alpha_2=value) is not None:
            return value, None
    elif len(value) == 3 and value.isalpha():
        country = pycountry.countries.get(alpha_3=value)
        if country is not None:
            return None, f"'{code}' is an alpha-3 code; write the alpha-2 code '{country.alpha_2}' ({country.name})"
    guess = suggest_iso(names)
    hint = f" (did you mean '{guess[0]}', {guess[1]}?)" if guess else ""
    return None, f"unknown ISO 3166-1 alpha-2 code '{code}'{hint}"


def suggest_iso(names: Iterable[str]) -> tuple[str, str] | None:
    """(alpha-2, official name) of the country a state's name or aliases most likely mean."""
    for name in names:
        try:
            return _code_and_name(pycountry.countries.lookup(name))
        except LookupError:
            pass
    for name in names:
        try:
            found = pycountry.countries.search_fuzzy(name)
        except LookupError:
            continue
        if found:
            return _code_and_name(found[0])
    return None


def _code_and_name(country: object) -> tuple[str, str]:
    return str(getattr(country, "alpha_2", "")), str(getattr(country, "name", ""))


def iso_owners(actors: Iterable[Actor]) -> dict[str, list[Actor]]:
    """Actors by code, to report a code claimed by two states."""
    owners: dict[str, list[Actor]] = {}
    for actor in actors:
        if actor.iso:
            owners.setdefault(actor.iso, []).append(actor)
    return owners
