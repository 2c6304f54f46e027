"""One proposed registry from a batch: every file's candidates merged, variants as aliases.

"David T. Mizrahi", "David Mizrahi" and "Mizrahi" are one person when the batch names no other
Mizrahi: the longest full name is the entry, the rest its aliases, the mentions added up. Names
of other kinds merge when they are the same name; a "person" whose name another file writes as the
start of a company's ("Penn Traffic" of "Penn Traffic Co") is that company.
"""

from __future__ import annotations

from collections.abc import Iterable

from briefing.suggest.people import Candidate, surname


def _given_names_fit(a: str, b: str) -> bool:
    """'David T.' fits 'David'; 'D.' fits 'David'; 'David' does not fit 'Daniel'."""
    first_a, first_b = a.split()[0].rstrip("."), b.split()[0].rstrip(".")
    if len(first_a) == 1 or len(first_b) == 1:
        return first_a[0].casefold() == first_b[0].casefold()
    return first_a.casefold() == first_b.casefold()


def merge_candidates(batches: Iterable[list[Candidate]]) -> list[Candidate]:
    """All candidates of a batch, each name once, most mentioned first."""
    merged: dict[tuple[str, str], Candidate] = {}
    for candidates in batches:
        for c in candidates:
            key = (c.kind, c.name.casefold())
            mine = merged.get(key)
            if mine is None:
                merged[key] = Candidate(c.name, c.kind, c.mentions, c.role, c.country, list(c.aliases), c.iso, c.region)
                continue
            mine.mentions += c.mentions
            mine.role = mine.role or c.role
            mine.country = mine.country or c.country
            mine.aliases += [a for a in c.aliases if a not in mine.aliases]
    organizations = sorted((c for c in merged.values() if c.kind == "organization"), key=lambda c: c.name)
    people = sorted((c for c in merged.values() if c.kind == "person"), key=lambda c: (-len(c.name.split()), -c.mentions, c.name))
    kept: list[Candidate] = []
    for person in people:
        company = next((o for o in organizations if not person.role and o.name.startswith(person.name + " ")), None)
        if company is not None:  # "Penn Traffic said" in one file, "Penn Traffic Co" in another: the company
            company.mentions += person.mentions
            company.aliases += [person.name] if person.name not in company.aliases else []
            continue
        owner = next(
            (
                k
                for k in kept
                if surname(k.name) == surname(person.name) and (len(person.name.split()) == 1 or _given_names_fit(k.name, person.name))
            ),
            None,
        )
        if owner is None:
            kept.append(person)
            continue
        owner.mentions += person.mentions
        owner.role = owner.role or person.role
        owner.country = owner.country or person.country
        owner.aliases += [a for a in [person.name, *person.aliases] if a not in owner.aliases and a != owner.name]
    others = [c for c in merged.values() if c.kind != "person"]
    return sorted([*kept, *others], key=lambda c: (-c.mentions, c.name))
