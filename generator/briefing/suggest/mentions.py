"""Registry entries a text names: every name and alias matched in one pass, longest first."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Mapping
from typing import TypeVar

from briefing.model.entities import Entity
from briefing.model.registry import Registry
from briefing.suggest.memo import by_identity

_E = TypeVar("_E", bound=Entity)


def count_mentions(text: str, registry: Registry[_E], case_sensitive: bool, extra: Mapping[str, str] | None = None) -> list[tuple[_E, int]]:
    """Entries whose name or an alias occurs in `text`, with mention counts, most mentioned first.

    Longer spellings are matched first and consume their text, so "Kim Jong Un" is not
    also counted as "Kim", and "North Korea" is not "Korea". `extra`: more spellings of entries
    (spelling -> id), such as the common names of registered states.
    """
    pattern, owner = _index(registry, case_sensitive, extra)
    counts: Counter[str] = Counter()
    if pattern is None:
        return []
    for match in pattern.finditer(text):
        found = match.group("name")
        entry_id = owner.get(found if case_sensitive else found.lower())
        if entry_id is not None:
            counts[entry_id] += 1
    ranked = sorted(((registry.entries[i], n) for i, n in counts.items() if n), key=lambda item: (-item[1], item[0].name))
    return ranked


@by_identity
def _index(registry: Registry[_E], case_sensitive: bool, extra: Mapping[str, str] | None) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """The pattern of every spelling and each spelling's entry, once per registry."""
    own = [(s, e.id) for e in registry for s in (e.name, *e.aliases)]
    spellings = sorted(
        [*own, *((s, i) for s, i in (extra or {}).items() if i in registry.entries)], key=lambda item: (-len(item[0]), item[0])
    )
    if not spellings:
        return None, {}
    owner = {(s if case_sensitive else s.lower()): entry_id for s, entry_id in reversed(spellings)}
    owner.update({(s if case_sensitive else s.lower()): entry_id for s, entry_id in own})  # the registry's own word wins
    # One pass over the text (one regex per spelling took seconds on a long text); the longest
    # spelling is tried first at each place, so "Kim Jong Un" wins over "Kim".
    return _spellings_pattern(tuple(dict.fromkeys(s for s, _ in spellings)), case_sensitive, r"(?:['’]s)?"), owner


@functools.lru_cache(maxsize=16)
def _spellings_pattern(spellings: tuple[str, ...], case_sensitive: bool, suffix: str = "") -> re.Pattern[str]:
    """Any of `spellings` (in the given order of preference) as a whole word, in one regex."""
    alternatives = "|".join(re.escape(s) for s in spellings)
    return re.compile(r"(?<![\w-])(?P<name>" + alternatives + r")" + suffix + r"(?![\w-])", 0 if case_sensitive else re.IGNORECASE)
