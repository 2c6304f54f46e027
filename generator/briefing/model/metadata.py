"""What an editor may write: the schema of front matter and of each registry entry.

The pydantic models are the single source of truth for what an editor may write
(the shipped JSON Schema is generated from them). Validation normalises values
(dates, stripped text, de-duplicated lists); name resolution happens later, in
`resolve`, because it needs the registries.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from briefing.model.entities import ActorKind

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

# C0 controls but tab and newline, DEL and C1 controls, UTF-16 surrogates, and the non-characters U+FFFE/U+FFFF.
_NOT_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _no_control_characters(value: str) -> str:
    """Refuse what breaks feeds and pages, or what YAML cannot carry into a generated page.

    C0 and C1 controls (a pasted vertical tab, or `\\x80` typed as a YAML escape) and code points
    that are not characters (lone surrogates, U+FFFE/U+FFFF) all make the generated page's front
    matter unreadable, and MkDocs would then publish that front matter as text.
    """
    found = _NOT_TEXT.search(value)
    if found is None:
        return value
    code = ord(found.group())
    if 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF):
        raise ValueError(f"contains U+{code:04X}, which is not a character (a broken emoji or copy-paste?); delete it")
    raise ValueError(f"contains the control character U+{code:04X}; delete it")


_LINE_BREAK = re.compile("[\n\u2028\u2029]")


def _one_line(value: str) -> str:
    """A title or a name is one line: a line break in it would split pages, feeds and reports (and
    a CI log, where a line can be a command)."""
    if _LINE_BREAK.search(value):
        raise ValueError("holds a line break; write it on one line")
    return value


# Sane bounds: a headline, a name or a paragraph; anything longer is a paste gone wrong.
MAX_NAME, MAX_TITLE, MAX_DESCRIPTION, MAX_SUMMARY = 200, 300, 2_000, 5_000


def _text(max_length: int) -> StringConstraints:
    return StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length)


Text = Annotated[str, _text(MAX_SUMMARY), AfterValidator(_no_control_characters)]
Description = Annotated[str, _text(MAX_DESCRIPTION), AfterValidator(_no_control_characters)]
Title = Annotated[str, _text(MAX_TITLE), AfterValidator(_no_control_characters), AfterValidator(_one_line)]
Name = Annotated[str, _text(MAX_NAME), AfterValidator(_no_control_characters), AfterValidator(_one_line)]
Identifier = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=100)]


def _unique_in_order(values: list[str]) -> list[str]:
    """Drop exact repeats; a name listed twice is harmless and should not double-count."""
    return list(dict.fromkeys(values))


def _date_only(value: object) -> object:
    """A day, written YYYY-MM-DD. YAML gives a datetime for `2024-05-15 10:00`: keep its day.

    Numbers are refused rather than read as Unix timestamps (`date: 86400` is a typo, not 1970).
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date) or value is None:
        return value
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value.strip()).date()
        except ValueError:
            pass
    raise PydanticCustomError("date_parsing", "invalid date")


def _day_or_time(value: object) -> dt.date:
    """A day (`2024-05-15`) or an instant (`2024-05-15 09:00:00+02:00`, `2024-05-15T09:00Z`), as a
    `date` or an aware `datetime`: an article dated in the future is published at that instant.
    A time without a zone is UTC. Anything else, empty included, is `date_type` (one message)."""
    if isinstance(value, str):
        text = value.strip()
        try:
            value = dt.datetime.fromisoformat(text) if ":" in text else dt.date.fromisoformat(text)
        except ValueError:
            raise PydanticCustomError("date_parsing", "invalid date") from None
    if isinstance(value, dt.datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=dt.timezone.utc)
    if isinstance(value, dt.date):
        return value
    raise PydanticCustomError("date_type", "invalid date")


_WIKIDATA_ID = re.compile(r"Q[1-9][0-9]{0,11}")
_WIKIDATA_IN_TEXT = re.compile(r"(?:^|[/:=])([Qq][1-9][0-9]{0,11})/?$")


def _wikidata_id(value: str) -> str:
    """`Q15031`: an item id, not its address or a lower-case `q` (said with the id meant)."""
    if _WIKIDATA_ID.fullmatch(value):
        return value
    found = _WIKIDATA_IN_TEXT.search(value)
    if found:
        raise ValueError(f"write the Wikidata id alone, as '{found.group(1).upper()}'")
    raise ValueError("must be a Wikidata item id: Q followed by digits, e.g. Q15031")


def _http_url(value: str) -> str:
    if not value.lower().startswith(("http://", "https://")) or len(value) < 12 or any(c.isspace() for c in value):
        raise ValueError("must be a web address starting with http:// or https://")
    return value


NameList = Annotated[list[Name], AfterValidator(_unique_in_order)]
ArticleDate = Annotated[dt.date, BeforeValidator(_date_only)]
# A date, a time and optionally a zone (`format: date-time` alone is not checked by every validator).
_INSTANT_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?([Zz]|[+-][0-9]{2}:[0-9]{2})?$"
# One type, not a union (pydantic would report an empty date once per member of the union).
PublicationDate = Annotated[
    dt.date,
    PlainValidator(_day_or_time),
    WithJsonSchema({"type": "string", "anyOf": [{"format": "date"}, {"format": "date-time", "pattern": _INSTANT_PATTERN}]}),
]
WikidataId = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_wikidata_id)]
HttpUrl = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_http_url)]


class _Strict(BaseModel):
    """Unknown keys are errors: a misspelt `titel:` must not vanish silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceMeta(_Strict):
    """Where the article was first published."""

    name: Name = Field(description="Publication name, e.g. 'Reuters'.")
    url: HttpUrl | None = Field(default=None, description="Link to the original (http or https).")


class CorrectionMeta(_Strict):
    """One correction published with an article."""

    date: ArticleDate = Field(description="When the correction was made, YYYY-MM-DD (not before the article's date).")
    text: Description = Field(description="What was wrong and what is right now, as readers will see it.")


class LinkMeta(_Strict):
    """A link on an author's page."""

    name: Name = Field(description="What the link is, e.g. 'Website' or 'Mastodon'.")
    url: HttpUrl = Field(description="Its address (http or https).")


class ArticleMeta(_Strict):
    """An article's YAML front matter."""

    model_config = ConfigDict(title="Briefing article front matter")

    title: Title = Field(description="Headline as published.")
    date: PublicationDate = Field(
        description="Publication date, YYYY-MM-DD, optionally with a time and zone (2024-05-15 09:00:00+02:00; UTC without one). "
        "An article dated in the future is published when that time comes."
    )
    region: Name = Field(description="One primary region: id, name or alias from data/regions.yml.")
    actors: NameList = Field(default_factory=list, description="Actors named in the article: ids, names or aliases from data/actors.yml.")
    topics: NameList = Field(default_factory=list, description="Topics: ids, names or aliases from data/topics.yml.")
    source: SourceMeta | None = Field(default=None, description="Original publication.")
    summary: Text | None = Field(default=None, description="Editor's note or one-paragraph abstract.")
    slug: Identifier | None = Field(default=None, description="URL slug; defaults to the file name without its date prefix.")
    draft: bool = Field(default=False, description="Drafts are validated but not published.")
    authors: NameList = Field(default_factory=list, description="Who wrote it: ids, names or aliases from data/authors.yml.")
    updated: ArticleDate | None = Field(default=None, description="When it was last updated, YYYY-MM-DD (not before `date`).")
    corrections: list[CorrectionMeta] = Field(default_factory=list, description="Corrections published with it, each with its date.")


class _RegistryEntry(_Strict):
    name: Name = Field(description="Display name.")
    aliases: NameList = Field(default_factory=list, description="Other names articles may use.")
    description: Description | None = Field(
        default=None, description="One line: who or what this is (optional: a page without one shows no profile)."
    )
    wikidata: WikidataId | None = Field(default=None, description="Wikidata item id, e.g. Q15031 (for search engines: `sameAs`).")


class ActorEntry(_RegistryEntry):
    """One entry of data/actors.yml."""

    model_config = ConfigDict(title="Briefing actor")

    kind: ActorKind = Field(description="person, state, organization or group.")
    role: Name | None = Field(default=None, description="Persons: office or role.")
    country: Name | None = Field(default=None, description="Persons: country (a state actor's name where one exists).")
    region: Identifier | None = Field(default=None, description="States: id of the region (data/regions.yml) they belong to.")
    iso: Name | None = Field(
        default=None, description="States: ISO 3166-1 alpha-2 code (e.g. 'CN'), which places them on the coverage map."
    )


class TopicEntry(_RegistryEntry):
    """One entry of data/topics.yml."""

    model_config = ConfigDict(title="Briefing topic")

    keywords: NameList = Field(
        default_factory=list,
        description="Words and phrases that show an article is on this topic (any word form: 'sanction' also finds 'sanctioned'); used by `briefing import` to suggest topics.",
    )


class RegionEntry(_RegistryEntry):
    """One entry of data/regions.yml."""

    model_config = ConfigDict(title="Briefing region")

    parent: Identifier | None = Field(default=None, description="Id of the enclosing region.")


class AuthorEntry(_Strict):
    """One entry of data/authors.yml."""

    model_config = ConfigDict(title="Briefing author")

    name: Name = Field(description="Name as shown in bylines.")
    aliases: NameList = Field(default_factory=list, description="Other names articles' `authors:` may use (initials, a pen name).")
    role: Name | None = Field(default=None, description="Role, e.g. 'Senior analyst'.")
    affiliation: Name | None = Field(default=None, description="Organisation, e.g. 'Example Wire'.")
    bio: Description | None = Field(default=None, description="A short biography, shown on the author's page.")
    links: list[LinkMeta] = Field(default_factory=list, description="Profiles and websites: [{name: Website, url: https://...}].")
    wikidata: WikidataId | None = Field(default=None, description="Wikidata item id, e.g. Q15031 (for search engines: `sameAs`).")
