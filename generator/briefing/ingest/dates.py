"""Dates a text gives: full dates written out, and a wire dateline ("MANAMA, March 1 -")."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    m: i
    for i, m in enumerate(
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"], 1
    )
}
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
DATE_PATTERNS = [
    re.compile(_MONTH + r"\s+(?:\d{1,2}\s*(?:-|–|to)\s*)?(\d{1,2}),\s+(\d{4})"),  # May 16, 2024 / July 9 to 11, 2024
    re.compile(r"(\d{1,2})\s+" + _MONTH + r"\s+(\d{4})"),  # 16 May 2024
    re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"),  # 2024-05-16
]


@dataclass(frozen=True)
class FoundDate:
    date: dt.date
    text: str


def find_date(text: str) -> FoundDate | None:
    """The latest full date written in the text: a report is written after the events it reports."""
    found: list[FoundDate] = []
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            groups = match.groups()
            try:
                if pattern is DATE_PATTERNS[0]:
                    date = dt.date(int(groups[2]), MONTHS[groups[0].lower()], int(groups[1]))
                elif pattern is DATE_PATTERNS[1]:
                    date = dt.date(int(groups[2]), MONTHS[groups[1].lower()], int(groups[0]))
                else:
                    date = dt.date(int(groups[0]), int(groups[1]), int(groups[2]))
            except ValueError:
                continue
            found.append(FoundDate(date, match.group(0)))
    return max(found, key=lambda f: f.date) if found else None


_MONTH_ABBREVIATIONS = {m[:3]: i for m, i in MONTHS.items()}
# "HOUSTON, Feb 26 -", "SUFFIELD, Conn., March 2 -", "MANAMA, March 1 (Reuters) -": a place in
# capitals (or a capitalised place), an optional qualifier, a month and day, a dash.
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Za-z.'’\- ]{1,40}?)\s*,\s*(?:(?P<qualifier>[A-Z][A-Za-z.' ]{1,30}?)\s*,\s*)?"
    r"(?P<month>[A-Z][a-z]{2,8})\.?\s+(?P<day>\d{1,2})\s*(?:\([^)]{1,30}\)\s*)?[-–—]+\s*"
)


@dataclass(frozen=True)
class Dateline:
    """Where and on which day a wire story was filed; the year is the source's."""

    place: str
    qualifier: str | None
    month: int
    day: int
    text: str  # as written, "MANAMA, March 1 -"

    def date_in(self, year: int) -> dt.date | None:
        try:
            return dt.date(year, self.month, self.day)
        except ValueError:
            return None


def find_dateline(paragraph: str) -> Dateline | None:
    """The dateline opening a story's first paragraph, or None."""
    match = _DATELINE.match(paragraph)
    if match is None:
        return None
    word = match.group("month").casefold()
    month = MONTHS.get(word) or _MONTH_ABBREVIATIONS.get(word[:3])
    if month is None:
        return None
    place = " ".join(match.group("place").split())
    if place.casefold() in MONTHS:
        return None
    qualifier = match.group("qualifier")
    return Dateline(place, " ".join(qualifier.split()) if qualifier else None, month, int(match.group("day")), match.group(0).strip())


def strip_dateline(paragraph: str, dateline: Dateline | None) -> str:
    """The paragraph without its dateline (the draft keeps it: it is part of the story as filed)."""
    return paragraph[len(dateline.text) :].lstrip() if dateline and paragraph.lstrip().startswith(dateline.text) else paragraph
