"""Reuters wire records (Reuters-21578, as in ../shared/samples/wire/) and registries built from their tags.

A newsroom bootstrapping from these stories would register what their editors tagged: places as
state actors (ISO code and the UN subregion as their region), people as persons, organisations,
and topics under the category names Reuters documents. Nothing here knows the stories' text.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from briefing.ingest.dates import find_dateline
from briefing.ingest.rawtext import RawArticle, split_paragraphs
from briefing.suggest.countries import country_names

# Reuters place codes that are not a country's name (the rest are: "canada", "saudi-arabia").
PLACE_CODES = {"usa": "US", "uk": "GB", "ussr": "SU", "west-germany": "DE", "east-germany": "DD", "uae": "AE",
               "south-korea": "KR", "north-korea": "KP", "hong-kong": "HK", "taiwan": "TW", "ivory-coast": "CI"}  # fmt: skip
# Category names from the Reuters-21578 documentation (cat-descriptions); others are title-cased codes.
TOPIC_NAMES = {
    "acq": "Mergers/Acquisitions", "earn": "Earnings and Earnings Forecasts", "crude": "Crude Oil", "nat-gas": "Natural Gas",
    "money-fx": "Money/Foreign Exchange", "interest": "Interest Rates", "ship": "Shipping", "iron-steel": "Iron and Steel",
    "alum": "Aluminium", "money-supply": "Money Supply", "gnp": "Gross National/Domestic Product", "cpi": "Consumer Price Index",
    "jobs": "Employment/Unemployment", "bop": "Balance of Payments", "reserves": "Foreign Exchange Reserves",
    "veg-oil": "Vegetable Oil", "dlr": "U.S. Dollar", "yen": "Japanese Yen", "dmk": "German Mark", "housing": "Housing Starts",
    "ipi": "Industrial Production Index", "retail": "Retail Sales", "wpi": "Wholesale Price Index", "heat": "Heating Oil",
    "gas": "Gasoline", "fuel": "Fuel Oil", "pet-chem": "Petrochemicals", "strategic-metal": "Strategic Metals",
    "income": "Personal Income", "lei": "Leading Economic Indicators", "instal-debt": "Installment Debt",
}  # fmt: skip


@dataclass
class WireStory:
    name: str
    raw: RawArticle
    date: dt.date
    topics: list[str]
    places: list[str]
    people: list[str]
    orgs: list[str]


def _tags(record: str, tag: str) -> list[str]:
    match = re.search(rf"<{tag}>(.*?)</{tag}>", record, re.DOTALL)
    return re.findall(r"<D>(.*?)</D>", match.group(1)) if match else []


def _field(record: str, tag: str) -> str:
    match = re.search(rf"<{tag}>(.*?)</{tag}>", record, re.DOTALL)
    return html.unescape(match.group(1)) if match else ""


def read_story(path: Path) -> WireStory | None:
    record = path.read_text(encoding="utf-8", errors="replace")
    body = re.sub(r"\s*Reuter\s*$", "", _field(record, "BODY")).strip()
    title = " ".join(_field(record, "TITLE").split())
    if not body or not title:
        return None
    dateline = " ".join(_field(record, "DATELINE").split())
    paragraphs = split_paragraphs(f"{dateline} {body}" if dateline else body)
    raw = RawArticle(title=title, body_paragraphs=paragraphs, summary_paragraphs=[], origin=path.name)
    raw.dateline = find_dateline(paragraphs[0]) if paragraphs else None
    date = dt.datetime.strptime(_field(record, "DATE").split()[0], "%d-%b-%Y").date()
    return WireStory(path.name, raw, date, _tags(record, "TOPICS"), _tags(record, "PLACES"), _tags(record, "PEOPLE"), _tags(record, "ORGS"))


def read_stories(folder: Path) -> list[WireStory]:
    return [s for p in sorted(folder.rglob("*.xml")) if (s := read_story(p)) is not None]


def place_code(place: str) -> str | None:
    return PLACE_CODES.get(place) or country_names().code_of(place.replace("-", " "))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def write_registries(stories: list[WireStory], data: Path) -> dict[str, str]:
    """data/actors.yml, topics.yml and regions.yml from the stories' tags (no descriptions: not needed);
    returns each place code's actor id."""
    names = country_names()
    actors: dict[str, dict[str, object]] = {}
    regions: dict[str, dict[str, object]] = {}
    place_ids: dict[str, str] = {}
    for place in sorted({p for s in stories for p in s.places}):
        code = place_code(place)
        if code is None:
            actors[_slug(place)] = {"name": place.replace("-", " ").title(), "kind": "state"}
            place_ids[place] = _slug(place)
            continue
        entry: dict[str, object] = {"name": names.display.get(code, place.title()), "kind": "state"}
        import pycountry

        if pycountry.countries.get(alpha_2=code) is not None:
            entry["iso"] = code
        subregion, continent = names.subregions.get(code), names.continents.get(code)
        if subregion:
            entry["region"] = _slug(subregion)
            regions.setdefault(_slug(subregion), {"name": subregion, **({"parent": _slug(continent)} if continent else {})})
            if continent:
                regions.setdefault(_slug(continent), {"name": continent})
        actors[_slug(str(entry["name"]))] = entry
        place_ids[place] = _slug(str(entry["name"]))
    for person in sorted({p for s in stories for p in s.people}):
        actors.setdefault(_slug(person), {"name": person.replace("-", " ").title(), "kind": "person"})
    for org in sorted({o for s in stories for o in s.orgs}):
        actors.setdefault(_slug(org), {"name": org.upper(), "kind": "organization"})
    topics = {_slug(t): {"name": TOPIC_NAMES.get(t, t.replace("-", " ").title())} for t in sorted({t for s in stories for t in s.topics})}
    data.mkdir(parents=True, exist_ok=True)
    for file, content in (("actors.yml", actors), ("topics.yml", topics), ("regions.yml", regions)):
        (data / file).write_text(yaml.safe_dump(content, sort_keys=True, allow_unicode=True), encoding="utf-8")
    return place_ids
