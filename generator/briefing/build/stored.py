"""The core's `Reuse` on disk: what earlier one-off builds parsed, ranked and rendered, in the store.

Every key is salted with the build's `environment` (`build.environment`: Briefing's code, the
packages that shape a page, the whole resolved configuration), so nothing made under another
configuration is ever asked for. What is kept, by kind:

- parsed articles (`load.corpus.PARSED`): in 16 snapshot entries by the first digit of their
  key, each read once: a warm build of 10,000 articles opens 16 entries, not 10,000, and a
  one-article edit rewrites a sixteenth. `flush` writes them back, and only once the corpus is
  found valid (the session's call), so a build stopped by a bad edit leaves them as they were;
- related lists (`index.related.RELATED`): one entry;
- rendered pages (`render.cache.PAGE`, `ARTICLE_PAGE`) and memoised texts (`MEMO`, texts
  only: a feed, `briefing.json`), each by a `Fingerprints` digest of its inputs, which is equal
  in any process exactly when the inputs are; an input it cannot digest is never looked up.

Other kinds (the registries, which `mkdocs serve` keeps in memory) are not kept: a miss.
"""

from __future__ import annotations

from typing import Any, TypeVar

from briefing.build.codecs import PARSED_ARTICLES, RELATED_LISTS, Parsed, decode_page, decode_text, encode_page
from briefing.build.digests import digest
from briefing.build.store import Store
from briefing.index.related import RELATED
from briefing.load.corpus import PARSED
from briefing.render.cache import ARTICLE_PAGE, MEMO, PAGE, Fingerprints
from briefing.render.output import MarkdownPage
from briefing.runtime.reuse import Kind

T = TypeVar("T")
SHARDS = "0123456789abcdef"  # the first hex digit of a parsed article's salted key names its snapshot
PAGE_KINDS = (PAGE.name, ARTICLE_PAGE.name)


class StoredReuse:
    """`runtime.reuse.Reuse` over a `Store`, for one build."""

    def __init__(self, store: Store, environment: str) -> None:
        self.store = store
        self.environment = environment
        self.fingerprints = Fingerprints()
        self._keys: dict[tuple[str, str], str | None] = {}  # the key a recall computed, for the keep that follows
        self._snapshots: dict[str, dict[str, Parsed]] = {}
        self._snapshot_keys = {shard: digest(environment, "parsed articles", shard) for shard in SHARDS}
        self._taken: dict[str, Parsed] = {}  # snapshot entries this build used
        self._new: dict[str, Parsed] = {}  # articles parsed by this build

    def recall(self, kind: Kind[T], name: str, inputs: object) -> T | None:
        found: Any = None
        if kind is PARSED:
            key = digest(self.environment, inputs)
            found = self._snapshot(key[0]).get(key)
            if found is not None:
                self._taken[key] = found
        elif kind is RELATED:
            data = self.store.get(digest(self.environment, "related", inputs), "articles")
            found = RELATED_LISTS.decode(data)
            if found is None and data is not None:
                self.store.rejected["articles"] += 1
        elif kind.name in PAGE_KINDS or kind is MEMO:
            page_key = self._key(kind, name, inputs)
            if page_key is not None:
                data = self.store.get(page_key, "markdown")
                found = decode_text(data) if kind is MEMO else decode_page(data)
                if found is None and data is not None:
                    self.store.rejected["markdown"] += 1
        return found  # type: ignore[no-any-return]  # each kind's codec gives its kind's values

    def keep(self, kind: Kind[T], name: str, inputs: object, value: T) -> None:
        if kind is PARSED:
            self._new[digest(self.environment, inputs)] = value  # type: ignore[assignment]
        elif kind is RELATED:
            self.store.put(digest(self.environment, "related", inputs), RELATED_LISTS.encode(value))  # type: ignore[arg-type]
        elif kind is MEMO:
            key = self._keys.pop((kind.name, name), None) or self._key(kind, name, inputs)
            if key is not None and isinstance(value, str) and type(value) is str:  # not a `Markdown`, which must come back as one
                self.store.put(key, value.encode("utf-8"))
        elif kind.name in PAGE_KINDS and isinstance(value, MarkdownPage):
            key = self._keys.pop((kind.name, name), None) or self._key(kind, name, inputs)
            if key is not None:
                self.store.put(key, *encode_page(value))

    def _key(self, kind: Kind[Any], name: str, inputs: object) -> str | None:
        fingerprint = self.fingerprints.of((kind.name, name, inputs))
        key = digest(self.environment, fingerprint) if fingerprint is not None else None
        self._keys[(kind.name, name)] = key
        return key

    def _snapshot(self, shard: str) -> dict[str, Parsed]:
        snapshot = self._snapshots.get(shard)
        if snapshot is None:
            data = self.store.get(self._snapshot_keys[shard], "articles")
            snapshot = PARSED_ARTICLES.decode(data)
            if snapshot is not None and not all(_sound(parsed) for parsed in snapshot.values()):
                snapshot = None  # a value no parse makes: the snapshot is not this build's
            if snapshot is None and data is not None:
                self.store.rejected["articles"] += 1
            snapshot = self._snapshots[shard] = snapshot or {}
        return snapshot

    def flush(self) -> None:
        """Write back each snapshot of parsed articles that this build did not take exactly as stored."""
        for shard in SHARDS:
            new = {key: value for key, value in self._new.items() if key[0] == shard}
            entries = {**{key: value for key, value in self._taken.items() if key[0] == shard}, **new}
            if new or entries.keys() != self._snapshot(shard).keys():
                self.store.put(self._snapshot_keys[shard], PARSED_ARTICLES.encode(entries))
            else:
                self.store.note(self._snapshot_keys[shard])
        self._new, self._taken = {}, {}


def _sound(parsed: Parsed) -> bool:
    """What the loader can make: a publication time with its time zone (a naive one compares with nothing)."""
    article = parsed[0]
    return article is None or article.published_at is None or article.published_at.tzinfo is not None
