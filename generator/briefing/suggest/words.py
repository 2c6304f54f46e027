"""Word forms: text and keywords compared by Snowball stem, so 'sanction' finds 'sanctioned'."""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer  # type: ignore[import-untyped]

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_STEMMER = snowballstemmer.stemmer("english")


def tokens(text: str) -> list[str]:
    """Words in order, lowercased, possessive ''s' dropped ("Russia's" -> "russia")."""
    return [re.sub(r"['’]s$", "", t.casefold()) for t in _TOKEN.findall(text)]


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return str(_STEMMER.stemWord(word))


def stems(text: str) -> list[str]:
    """The text as a list of stems: the unit keyword phrases are matched on."""
    return [stem(t) for t in tokens(text)]


def phrase_stems(phrase: str) -> tuple[str, ...]:
    return tuple(stems(phrase))


def count_phrase(haystack: list[str], phrase: tuple[str, ...], index: dict[str, list[int]]) -> int:
    """How often the stemmed `phrase` occurs in the stemmed `haystack` (`index`: stem -> positions)."""
    if not phrase:
        return 0
    positions = index.get(phrase[0], [])
    if len(phrase) == 1:
        return len(positions)
    n = len(phrase)
    return sum(1 for p in positions if tuple(haystack[p : p + n]) == phrase)


def position_index(haystack: list[str]) -> dict[str, list[int]]:
    index: dict[str, list[int]] = {}
    for i, s in enumerate(haystack):
        index.setdefault(s, []).append(i)
    return index
