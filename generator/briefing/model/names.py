"""Did-you-mean suggestions, from RapidFuzz rather than hand-written edit distance."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from rapidfuzz import fuzz, process, utils

SCORE_CUTOFF = 72.0

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")


def normalize_name(name: str) -> str:
    """The form names are compared in: NFKC, case-folded, dashes unified, spaces collapsed."""
    text = unicodedata.normalize("NFKC", name).translate(_DASHES).casefold()
    return " ".join(text.split())


def closest(query: str, choices: Iterable[str], limit: int = 1) -> list[str]:
    """Up to `limit` choices that look like `query`, best first, ties broken alphabetically."""
    options = sorted(set(choices))
    matches = process.extract(
        normalize_name(query),
        options,
        scorer=fuzz.ratio,
        processor=lambda s: utils.default_process(normalize_name(s)),
        score_cutoff=SCORE_CUTOFF,
        limit=None,
    )
    ranked = sorted(matches, key=lambda match: (-match[1], match[0]))
    return [choice for choice, _score, _index in ranked[:limit]]


def did_you_mean(query: str, choices: Iterable[str]) -> str:
    """` (did you mean 'X'?)` or an empty string."""
    found = closest(query, choices)
    return f" (did you mean '{found[0]}'?)" if found else ""
