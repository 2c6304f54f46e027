"""What the build store's entries hold, declared once: pydantic writes an entry and reads it back,
or refuses it (then it is a miss, rebuilt).

The parsed articles' codec is the model's own `Article` and `Problem` dataclasses, so a field
added to them is stored with them, with nothing to keep in step by hand. Strict validation: a
list of the wrong length, a number where text belongs, a name that would leave a folder, all
make the entry unsound, never a wrong value.
"""

from __future__ import annotations

import posixpath
from typing import Annotated, Any, Generic, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints, TypeAdapter, ValidationError

from briefing.model.entities import Article
from briefing.model.problems import Problem
from briefing.render.output import MarkdownPage

T = TypeVar("T")
STRICT = ConfigDict(strict=True)

Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


def _relative(name: str) -> str:
    """A file name inside a folder: relative, posix, no `.` or `..` or hidden or empty part."""
    if not name or "\\" in name or "\0" in name or posixpath.isabs(name):
        raise ValueError("not a relative name")
    if any(not part or part.startswith(".") for part in name.split("/")):
        raise ValueError("a part of the name is empty or hidden")
    return name


RelativeName = Annotated[str, AfterValidator(_relative)]


class Codec(Generic[T]):
    """A value of type `T` as the bytes of an entry, and back (None for anything unsound)."""

    def __init__(self, kind: Any) -> None:
        self.adapter: TypeAdapter[T] = TypeAdapter(kind, config=None if _has_config(kind) else STRICT)

    def encode(self, value: T) -> bytes:
        return self.adapter.dump_json(value)

    def decode(self, data: bytes | None) -> T | None:
        if data is None:
            return None
        try:
            return self.adapter.validate_json(data, strict=True)
        except ValidationError:
            return None


def _has_config(kind: Any) -> bool:
    return isinstance(kind, type) and issubclass(kind, BaseModel)


class StoredPage(BaseModel):
    """A rendered Markdown page besides its content: the content follows its line in the entry."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    uri: str
    source_path: str | None
    in_nav: bool
    blocks: tuple[str, ...]
    digest: str  # the content's digest (`MarkdownPage.content_digest`), under the entry's checksum


def encode_page(page: MarkdownPage) -> tuple[bytes, bytes]:
    """A page as two chunks: its line of JSON, then its content (never escaped: it is most of it)."""
    meta = StoredPage(uri=page.uri, source_path=page.source_path, in_nav=page.in_nav, blocks=page.blocks, digest=page.content_digest)
    return meta.model_dump_json().encode("utf-8") + b"\n", page.content.encode("utf-8")


def decode_page(data: bytes | None) -> MarkdownPage | None:
    if data is None:
        return None
    line_end = data.find(b"\n")
    if line_end < 0:
        return None
    try:
        meta = StoredPage.model_validate_json(data[:line_end])
        content = data[line_end + 1 :].decode("utf-8")
    except (ValidationError, UnicodeDecodeError):
        return None
    return MarkdownPage(
        uri=meta.uri, content=content, source_path=meta.source_path, in_nav=meta.in_nav, blocks=meta.blocks, known_digest=meta.digest
    )


def decode_text(data: bytes | None) -> str | None:
    if data is None:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


class PageEntry(BaseModel):
    """What the page loop keeps of a page it built, besides its HTML (a blob)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    html: tuple[Sha256, int] | None  # the blob of its HTML and the size; None: MkDocs wrote no file
    records: tuple[tuple[str, int, str], ...]  # its log records: (logger, level, message)
    anchors: tuple[str, ...] | None  # the anchors it has, for MkDocs' check of anchor links
    links: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] | None  # its links that check may fail on


Parsed = tuple[Article | None, list[Problem]]

PARSED_ARTICLES: Codec[dict[str, Parsed]] = Codec(dict[str, Parsed])  # one snapshot of parsed articles, by key
RELATED_LISTS: Codec[list[list[int]]] = Codec(list[list[int]])  # each article's related articles, as positions
PAGE_ENTRIES: Codec[dict[str, PageEntry]] = Codec(dict[str, PageEntry])  # the page loop's snapshot, by page key
BUNDLE: Codec[dict[RelativeName, Sha256]] = Codec(dict[RelativeName, Sha256])  # a search bundle: each file's blob
FOLDERS: Codec[list[RelativeName]] = Codec(list[RelativeName])  # the site's folders, made ahead by the next build
