"""The persistent build cache: what an earlier build made, found again by what it was made from.

A folder (`.briefing-cache/` beside mkdocs.yml by default) that anyone may delete at any time.
Entries are addressed by a SHA-256 of everything their content depends on, so an entry is
either exactly right or never asked for: nothing is ever invalidated, only left unused, and
each build removes the entries it did not use (the cache stays the size of one site).

Entries are JSON, compressed, behind a header that names the format and the SHA-256 of the
payload. A truncated, corrupt or foreign entry fails that check and is treated as missing,
with one log line for the whole build; the cache is never trusted beyond it (no pickle: a
cache restored from elsewhere must not be able to run code).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import shutil
import sysconfig
import tempfile
import zlib
from collections.abc import Iterable, Mapping, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from briefing.model.entities import Article, Correction, Source
from briefing.model.problems import Position, Problem, Severity
from briefing.render.output import MarkdownPage

FORMAT = b"briefing-cache-1\n"
FORMAT_BLOB = b"briefing-cache-1-blob\n"  # JSON and raw bytes (the core's Markdown), read back on every build
FILE_SUFFIX = ".file"  # a kept file (a page's HTML) beside its key's entry
TEXT_TAG = {"text": True}  # the meta of a stored text (a feed), beside a page's {"uri": ...}
ARTICLE_TAG = "article"  # the meta of a parsed article
PAGE_ENTRIES_TAG = "page entries"  # the meta of the page loop's snapshot (`PageEntries`)
ENV_VAR = "BRIEFING_CACHE"  # "off" (or "0") builds without the cache

log = logging.getLogger("mkdocs.plugins.briefing")


def cache_enabled() -> bool:
    return os.environ.get(ENV_VAR, "").strip().lower() not in ("off", "0", "false", "no")


def digest(*parts: object) -> str:
    """A key for `parts` (JSON-able values): equal keys mean equal inputs."""
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def digest_files(paths: Iterable[Path], root: Path, known: Mapping[str, str] | None = None) -> str:
    """A key for the contents (and relative names) of files.

    A file whose relative name (posix) is in `known` counts by that digest of how it was made
    (a page's build-cache key) and is not read; any other file counts by the SHA-256 of its
    bytes. Each file's part is tagged with which it is, so a known digest never stands for
    content, even one equal to the content's hash."""
    hasher = hashlib.sha256()
    for path in sorted(paths):
        name = path.relative_to(root).as_posix()
        hasher.update(name.encode("utf-8") + b"\0")
        made_from = known.get(name) if known else None
        if made_from is None:
            hasher.update(b"C" + hashlib.sha256(path.read_bytes()).digest())
        else:
            recipe = made_from.encode("utf-8")
            hasher.update(b"K%d:" % len(recipe) + recipe)
    return hasher.hexdigest()


class BuildCache:
    """Entries of one kind (`pages`, `search`) in the cache folder."""

    def __init__(self, folder: Path, kind: str) -> None:
        self.folder = folder / kind
        self._folder = str(self.folder)
        self.used: set[str] = set()
        self.hits = 0
        self.misses = 0
        self.rejected = 0
        self.unwritable = False

    # ------------------------------------------------------------ JSON entries

    def get(self, key: str) -> Any | None:
        """The entry stored under `key`, or None (missing, or not a sound entry of ours)."""
        value, found = self.read(key)
        self.note(key, found, value is not None)
        return value

    def read(self, key: str) -> tuple[Any | None, bool]:
        """The entry under `key` (None if missing or unsound) and whether a file was there, with
        no bookkeeping: for worker processes, whose parent calls `note`."""
        raw = self._read_file(key)
        return (None, False) if raw is None else (_decode(raw), True)

    def note(self, key: str, found: bool, sound: bool) -> None:
        """Count a lookup (`read` elsewhere) and keep its entry from pruning."""
        self.used.add(key)
        if sound:
            self.hits += 1
            return
        self.misses += 1
        if found:
            self.rejected += 1

    def read_blob(self, key: str) -> tuple[tuple[Any, bytes] | None, bool]:
        """What `put_blob` stored under `key` as (meta, blob), or None, and whether a file was there."""
        raw = self._read_file(key)
        return (None, False) if raw is None else (_decode_blob(raw), True)

    def read_text(self, key: str, tag: object) -> tuple[str | None, bool]:
        """The UTF-8 text `put_blob` stored under `key` with `tag` as its meta (None for anything
        else), and whether a file was there."""
        entry, found = self.read_blob(key)
        if entry is None or entry[0] != tag:
            return None, found
        try:
            return entry[1].decode("utf-8"), found
        except UnicodeDecodeError:
            return None, found

    def read_snapshot(self, key: str, tag: object) -> dict[str, Any]:
        """The JSON object `put_blob` stored under `key` with `tag` (a snapshot of many entries),
        or {} if there is none or it is unsound; the lookup is counted (`note`)."""
        text, found = self.read_text(key, tag)
        value: object = None
        if text is not None:
            try:
                value = json.loads(text)
            except json.JSONDecodeError:
                value = None
        self.note(key, found, isinstance(value, dict))
        return value if isinstance(value, dict) else {}

    def put_blob(self, key: str, meta: Any, blob: bytes) -> bool:
        """Store JSON-able `meta` with raw bytes (a page's HTML): the bytes are never encoded or
        compressed, so reusing them is a read and a write."""
        self.used.add(key)
        head = json.dumps(meta, ensure_ascii=True, separators=(",", ":")).encode("ascii") + b"\n"
        checksum = hashlib.sha256(head)
        checksum.update(blob)  # written in pieces: a blob may be the whole corpus, never copied
        return self._write_atomically(self._entry_path(key), FORMAT_BLOB + checksum.hexdigest().encode("ascii") + b"\n", head, blob)

    def put(self, key: str, value: Any) -> bool:
        """Store `value` under `key`; False if the cache folder cannot be written."""
        self.used.add(key)
        payload = zlib.compress(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 1)
        return self._write_atomically(self._entry_path(key), FORMAT + hashlib.sha256(payload).hexdigest().encode("ascii") + b"\n" + payload)

    # ------------------------------------------------------------ files (pages' HTML)

    def put_file(self, key: str, source: Path) -> tuple[str, int] | None:
        """Keep the file at `source` (a page MkDocs wrote) under `key`: hard-linked where the file
        system allows, else copied. Returns its SHA-256 and size (for `link_file`), or None if it
        cannot be kept."""
        self.used.add(key)
        try:
            data = source.read_bytes()
        except OSError:
            return None
        target = self._entry_path(key, FILE_SUFFIX)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_name(f".tmp-{os.getpid()}-{target.name}")
            temporary.unlink(missing_ok=True)
            os.link(source, temporary)
            os.replace(temporary, target)
        except OSError:  # no hard links here (or no room): a copy
            if not self._write_atomically(target, data):
                return None
        return hashlib.sha256(data).hexdigest(), len(data)

    def link_file(self, key: str, sha256: str, size: int, destination: str) -> bool:
        """Put the file kept under `key` at `destination`, if it is still the one kept (its size
        and SHA-256): a hard link where the file system allows (a warm build writes no page's
        bytes again), else a copy. False (and nothing written) if it is missing or changed."""
        self.used.add(key)
        source = self._entry_name(key, FILE_SUFFIX)
        try:
            with open(source, "rb") as stored:
                data = stored.read()
        except OSError:
            return False
        if len(data) != size or hashlib.sha256(data).hexdigest() != sha256:
            return False  # the caller counts it as a damaged entry
        _make_folder_of(destination)
        _link_or_copy(source, destination, data)
        return True

    def place_bytes(self, data: bytes, destination: str) -> None:
        """Write `data` at `destination` as a hard link to the copy an earlier build kept of the
        same bytes (checked by its SHA-256; a feed, a data file), else as a new file, kept for
        the next build: a warm build makes no new file for the 2,000 feeds of a large site."""
        sha256 = hashlib.sha256(data).hexdigest()
        key = digest("bytes", sha256)
        kept = os.path.exists(self._entry_name(key, FILE_SUFFIX))
        if self.link_file(key, sha256, len(data), destination):
            self.note(key, True, True)
            return
        self.note(key, kept, False)  # a kept copy that is not these bytes any more: reported, replaced
        _make_folder_of(destination)
        if os.path.lexists(destination):
            os.unlink(destination)  # never written through: it may be a link to a kept copy
        with open(destination, "wb") as written:
            written.write(data)
        self.put_file(key, Path(destination))

    # ------------------------------------------------------------ folders (search bundles)

    def get_folder(self, key: str) -> Path | None:
        """A stored folder, if it is complete (its manifest lists every file with its hash)."""
        self.used.add(key)
        folder = self.folder / key
        manifest = self.get(key + ".manifest")
        if manifest is None or not isinstance(manifest, dict) or not folder.is_dir():
            self.misses += 1
            return None
        try:
            for name, expected in sorted(manifest.items()):
                if hashlib.sha256((folder / name).read_bytes()).hexdigest() != expected:
                    raise ValueError(name)
        except (OSError, ValueError):
            self.rejected += 1
            self.misses += 1
            return None
        self.hits += 1
        return folder

    def has_folder(self, key: str) -> bool:
        """Whether a folder is stored under `key` (not checked, not counted: `get_folder` does both)."""
        return os.path.isdir(self.folder / key) and os.path.exists(self._entry_name(key + ".manifest"))

    def put_folder(self, key: str, source: Path) -> None:
        self.used.add(key)
        target = self.folder / key
        try:
            if target.exists():
                shutil.rmtree(target)
            link_tree(source, target)
        except OSError:
            self._cannot_write()
            return
        files = {p.relative_to(target).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in target.rglob("*") if p.is_file()}
        self.put(key + ".manifest", files)

    # ------------------------------------------------------------ housekeeping

    def prune(self) -> None:
        """Remove what this build did not use: the cache holds one site, not every site ever built."""
        if not self.folder.is_dir():
            return
        for shard in self.folder.iterdir():
            if shard.is_dir() and len(shard.name) == 2:
                for entry in shard.iterdir():
                    if entry.name.removesuffix(FILE_SUFFIX) not in self.used:
                        _remove(entry)
            elif shard.name not in self.used:
                _remove(shard)

    def _read_file(self, key: str) -> bytes | None:
        """An entry's bytes, or None when there is none."""
        try:
            with open(self._entry_name(key), "rb") as entry:
                return entry.read()
        except OSError:
            return None

    def _entry_name(self, key: str, suffix: str = "") -> str:
        """Where the entry `key` (with `suffix`: a file kept beside it) lives, as a plain string:
        a warm build reads tens of thousands of entries, and pathlib's objects cost more than the reads."""
        if key.endswith(".manifest"):
            return os.path.join(self._folder, key + suffix)
        return os.path.join(self._folder, key[:2], key + suffix)

    def _entry_path(self, key: str, suffix: str = "") -> Path:
        return Path(self._entry_name(key, suffix))

    def _write_atomically(self, path: Path, *chunks: bytes) -> bool:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(handle, "wb") as stream:
                for chunk in chunks:
                    stream.write(chunk)
            os.replace(temporary, path)
        except OSError:
            self._cannot_write()
            return False
        return True

    def _cannot_write(self) -> None:
        self.unwritable = True


def _checked_payload(raw: bytes, format: bytes) -> bytes | None:
    """The payload behind `format` and its SHA-256, if both are there and agree."""
    if not raw.startswith(format):
        return None
    header_end = raw.find(b"\n", len(format))
    if header_end < 0:
        return None
    payload = raw[header_end + 1 :]
    if hashlib.sha256(payload).hexdigest().encode("ascii") != raw[len(format) : header_end]:
        return None
    return payload


def _decode(raw: bytes) -> Any | None:
    payload = _checked_payload(raw, FORMAT)
    if payload is None:
        return None
    try:
        return json.loads(zlib.decompress(payload).decode("utf-8"))
    except (zlib.error, UnicodeDecodeError, json.JSONDecodeError):
        return None


def _decode_blob(raw: bytes) -> tuple[Any, bytes] | None:
    payload = _checked_payload(raw, FORMAT_BLOB)
    if payload is None:
        return None
    meta_end = payload.find(b"\n")
    try:
        return json.loads(payload[:meta_end].decode("ascii")), payload[meta_end + 1 :]
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None


def cache_report(caches: Sequence[BuildCache]) -> str | None:
    """One log line for a build cache that could not be used as it was (whatever kinds of entry
    were damaged), or None."""
    rejected = [(cache.rejected, cache.folder.name) for cache in caches if cache.rejected]
    if rejected:
        count = sum(n for n, _ in rejected)
        kinds = ", ".join(f"{n} {name}" for n, name in rejected)
        return f"Briefing: {count} build-cache entries ({kinds}) were unreadable or not Briefing's and were rebuilt"
    unwritable = [cache for cache in caches if cache.unwritable]
    if unwritable:
        return f"Briefing: the build cache in {unwritable[0].folder.parent} cannot be written; this build did not update it"
    return None


def _make_folder_of(destination: str) -> None:
    folder = os.path.dirname(destination)
    if not os.path.isdir(folder):  # usually made already (`site_folders`): one stat, not makedirs' three calls
        os.makedirs(folder, exist_ok=True)


def _link_or_copy(source: str, destination: str, data: bytes) -> None:
    """Put `source` (whose bytes are `data`) at `destination`: a hard link where the file system
    allows, else a copy of `data`."""
    try:
        if os.path.lexists(destination):
            os.unlink(destination)
        os.link(source, destination)
    except OSError:
        with open(destination, "wb") as written:
            written.write(data)


def link_tree(source: Path, target: Path) -> None:
    """Copy the folder `source` to `target` (which must not exist) as hard links where the file
    system allows: a search bundle is thousands of small files, and linking them is ten times
    faster than writing them. Nothing writes into a bundle's files after Pagefind made them."""
    shutil.copytree(source, target, copy_function=_link_or_copy_file)


def _link_or_copy_file(source: str, destination: str) -> str:
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)
    return destination


def _remove(path: Path) -> None:
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
    except OSError:
        pass


# Packages whose code shapes a page's HTML: a new version of any of them builds every page anew.
RENDERING_PACKAGES = ("mkdocs", "mkdocs-material", "Markdown", "pymdown-extensions", "Jinja2", "pagefind", "briefing")
PACKAGE_ROOT = Path(__file__).resolve().parents[1]


def environment_key(config_file: Path | None, theme_dirs: Sequence[str], settings: Mapping[str, object]) -> str:
    """What every page of a build depends on besides its own Markdown: Briefing's own code, the
    versions of the packages that render pages, mkdocs.yml, the theme folders and `settings`
    (values read from the configuration and environment)."""
    versions: dict[str, str | None] = {}
    for name in RENDERING_PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    code = digest_files([p for p in PACKAGE_ROOT.rglob("*") if p.is_file() and "__pycache__" not in p.parts], PACKAGE_ROOT)
    config_bytes = config_file.read_bytes().hex() if config_file is not None and config_file.is_file() else None
    themes = []
    for folder in theme_dirs:
        root = Path(folder)
        installed = any(root.resolve().is_relative_to(Path(sysconfig.get_paths()[kind]).resolve()) for kind in ("purelib", "platlib"))
        if root.is_dir() and not installed:  # installed themes are covered by their package's version
            themes.append(digest_files([p for p in root.rglob("*") if p.is_file()], root))
    briefing_env = {
        name: value for name, value in os.environ.items() if name.startswith("BRIEFING_") and name not in ("BRIEFING_JOBS", ENV_VAR)
    }
    return digest(FORMAT.decode(), versions, code, config_bytes, themes, dict(settings), briefing_env)


class StoredPages:
    """The core's rendered Markdown pages from earlier builds (`render.cache.PageStore`), so a
    warm build renders only the pages whose inputs changed. Keys are the renderer's fingerprints
    of a page's inputs, salted with `environment` (Briefing's code and templates, mkdocs.yml...)."""

    def __init__(self, cache: BuildCache, environment: str) -> None:
        self.cache = cache
        self.environment = environment
        self.reused = 0
        self.rendered = 0

    def get(self, key: str) -> MarkdownPage | None:
        stored_key = digest(self.environment, key)
        entry, found = self.cache.read_blob(stored_key)
        page = _page_of(entry)
        self.cache.note(stored_key, found, page is not None)
        if page is not None:
            self.reused += 1
        return page

    def put(self, key: str, page: MarkdownPage) -> None:
        meta = {
            "uri": page.uri,
            "source_path": page.source_path,
            "in_nav": page.in_nav,
            "blocks": list(page.blocks),
            "digest": page.content_digest,  # the blob's checksum covers it with the page
        }
        self.cache.put_blob(digest(self.environment, key), meta, page.content.encode("utf-8"))

    def get_text(self, key: str) -> str | None:
        """A text the renderer computed once (a feed, a map) from inputs with this fingerprint."""
        stored_key = digest(self.environment, key)
        text, found = self.cache.read_text(stored_key, TEXT_TAG)
        self.cache.note(stored_key, found, text is not None)
        return text

    def put_text(self, key: str, text: str) -> None:
        self.cache.put_blob(digest(self.environment, key), TEXT_TAG, text.encode("utf-8"))


def _page_of(entry: tuple[Any, bytes] | None) -> MarkdownPage | None:
    """A stored page, if the entry has exactly the shape `StoredPages.put` writes."""
    if entry is None:
        return None
    meta, content = entry
    sound = (
        isinstance(meta, dict)
        and set(meta) == {"uri", "source_path", "in_nav", "blocks", "digest"}
        and isinstance(meta["digest"], str)
        and isinstance(meta["uri"], str)
        and (meta["source_path"] is None or isinstance(meta["source_path"], str))
        and isinstance(meta["in_nav"], bool)
        and isinstance(meta["blocks"], list)
        and all(isinstance(block, str) for block in meta["blocks"])
    )
    if not sound:
        return None
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return MarkdownPage(
        uri=meta["uri"],
        content=text,
        source_path=meta["source_path"],
        in_nav=meta["in_nav"],
        blocks=tuple(meta["blocks"]),
        known_digest=meta["digest"],
    )


class PageEntries:
    """What the page loop keeps of each page it built besides the HTML (the kept file's SHA-256
    and size, the page's log records and anchors), for all pages in one snapshot entry: a warm
    build of 21,000 pages reads one file instead of 21,000, and the cache a deploy packs and
    unpacks holds 21,000 fewer files. Each page is found by its own key (`parallel_pages`), so
    stale entries are never asked for; `flush` keeps only the entries this build used."""

    def __init__(self, cache: BuildCache) -> None:
        self.cache = cache
        self.key = digest(FORMAT.decode(), PAGE_ENTRIES_TAG)
        self.entries: dict[str, Any] = cache.read_snapshot(self.key, PAGE_ENTRIES_TAG)

    def get(self, key: str) -> Any | None:
        return self.entries.get(key)

    def flush(self, entries: dict[str, Any]) -> None:
        """Keep `entries` (every page this build took from the cache or stored) as the snapshot,
        rewritten only when that changed it."""
        if entries != self.entries:
            data = json.dumps(entries, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
            self.cache.put_blob(self.key, PAGE_ENTRIES_TAG, data)
        self.entries = entries


class StoredRelated:
    """Related-article lists of earlier builds (`index.related.RelatedStore`), as positions in the
    corpus: a warm build whose edits left every article's date and entries as they were (a body,
    a title) does not rank them again."""

    def __init__(self, cache: BuildCache, environment: str) -> None:
        self.cache = cache
        self.environment = environment

    def get(self, key: str, count: int) -> list[list[int]] | None:
        stored_key = digest(self.environment, "related", key)
        value, found = self.cache.read(stored_key)
        sound = (
            isinstance(value, list)
            and len(value) == count
            and all(isinstance(found, list) and all(type(p) is int and 0 <= p < count for p in found) for found in value)
        )
        self.cache.note(stored_key, found, sound)
        return value if sound else None

    def put(self, key: str, related: list[list[int]]) -> None:
        self.cache.put(digest(self.environment, "related", key), related)


class StoredArticles:
    """Articles parsed by earlier builds (`load.corpus.ParsedStore`) with the problems their
    parse reported, as JSON: a warm build parses only the files that changed.

    They are kept in 16 snapshot entries (by the first digit of each article's key, salted with
    the environment), each read once: a warm build of 10,000 articles opens 16 files instead of
    10,000, and a one-article edit rewrites one sixteenth of the whole (5 MB, not 80). Inside a
    snapshot, each article is found by its own key (its bytes, path and registries), so an edit
    leaves the others' entries as they were. `flush` writes back each snapshot whose articles
    this build did not take exactly as stored; the plugin calls it only once the corpus has no
    errors, so a build that stops leaves the cache as it found it."""

    SHARDS = "0123456789abcdef"  # the first hex digit of an entry's key names its snapshot

    def __init__(self, cache: BuildCache, environment: str) -> None:
        self.cache = cache
        self.environment = environment
        self.parsed = 0
        self.pending: dict[str, object] = {}
        self.taken: dict[str, object] = {}  # the snapshots' entries this build used
        self._snapshots: dict[str, dict[str, object]] = {}
        self._snapshot_keys = {shard: digest(environment, "parsed articles", shard) for shard in self.SHARDS}

    def _entries(self, shard: str) -> dict[str, object]:
        snapshot = self._snapshots.get(shard)
        if snapshot is None:
            snapshot = self._snapshots[shard] = self.cache.read_snapshot(self._snapshot_keys[shard], ARTICLE_TAG)
        return snapshot

    def flush(self) -> None:
        for shard in self.SHARDS:
            pending = {key: value for key, value in self.pending.items() if key[0] == shard}
            entries = {**{key: value for key, value in self.taken.items() if key[0] == shard}, **pending}
            if pending or entries.keys() != self._entries(shard).keys():  # uncompressed: decompressing was a fifth of a warm load
                data = json.dumps(entries, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
                self.cache.put_blob(self._snapshot_keys[shard], ARTICLE_TAG, data)
        self.pending, self.taken, self._snapshots = {}, {}, {}

    def get(self, key: str) -> tuple[Article | None, list[Problem]] | None:
        stored_key = digest(self.environment, key)
        value = self._entries(stored_key[0]).get(stored_key)
        parsed = _parsed_of(value)
        self.cache.note(stored_key, value is not None, parsed is not None)
        if parsed is not None:
            self.taken[stored_key] = value
        return parsed

    def put(self, key: str, article: Article | None, problems: list[Problem]) -> None:
        self.parsed += 1
        stored: list[object] | None = None
        if article is not None:
            source = [article.source.name, article.source.url] if article.source is not None else None
            positions = {name: [p.line, p.column] for name, p in article.field_positions.items()}
            stored = [article.source_path, article.slug, article.title, article.date.isoformat(), article.region]
            stored += [list(article.actors), list(article.topics), article.summary, article.body, source, article.draft, positions]
            stored.append(_newsroom_fields(article))
        reported = [[p.path, p.line, p.column, p.field, p.message, p.severity.value] for p in problems]
        self.pending[digest(self.environment, key)] = {"article": stored, "problems": reported}


def _parsed_of(value: object) -> tuple[Article | None, list[Problem]] | None:
    """An entry `StoredArticles.put` wrote, rebuilt; None for anything else (it is parsed again)."""
    if not isinstance(value, dict) or set(value) != {"article", "problems"} or not isinstance(value["problems"], list):
        return None
    try:
        problems = []
        for path, line, column, field_name, message, severity in value["problems"]:
            if not (
                isinstance(path, str)
                and type(line) is int
                and type(column) is int
                and isinstance(field_name, str)
                and isinstance(message, str)
            ):
                return None
            problems.append(Problem(path, line, column, field_name, message, Severity(severity)))
        stored = value["article"]
        if stored is None:
            return None, problems
        source_path, slug, title, date, region, actors, topics, summary, body, source, draft, positions, newsroom = stored
        texts = (source_path, slug, title, date, region, body)
        lists = (actors, topics)
        if not (
            all(isinstance(t, str) for t in texts)
            and all(isinstance(x, list) and all(isinstance(i, str) for i in x) for x in lists)
            and (summary is None or isinstance(summary, str))
            and isinstance(draft, bool)
            and isinstance(positions, dict)
            and all(
                isinstance(k, str) and isinstance(v, list) and len(v) == 2 and all(type(n) is int for n in v) for k, v in positions.items()
            )
        ):
            return None
        if source is not None:
            name, url = source
            if not (isinstance(name, str) and (url is None or isinstance(url, str))):
                return None
        article = Article(
            source_path=source_path,
            slug=slug,
            title=title,
            date=dt.date.fromisoformat(date),
            region=region,
            actors=tuple(actors),
            topics=tuple(topics),
            summary=summary,
            body=body,
            source=Source(name, url) if source is not None else None,
            draft=draft,
            field_positions={k: Position(v[0], v[1]) for k, v in positions.items()},
            **_newsroom_of(newsroom),
        )
    except (TypeError, ValueError):  # a list of the wrong length, an unknown severity, a bad date
        return None
    return article, problems


def _newsroom_fields(article: Article) -> list[object]:
    """An article's authors, update, corrections and publication time, as JSON."""
    corrections = [[c.date.isoformat(), c.text] for c in article.corrections]
    published_at = article.published_at.isoformat() if article.published_at is not None else None
    return [list(article.authors), article.updated.isoformat() if article.updated else None, corrections, published_at]


def _newsroom_of(stored: object) -> dict[str, Any]:
    """`_newsroom_fields` read back; `TypeError`/`ValueError` for anything else."""
    if not isinstance(stored, list) or len(stored) != 4:
        raise TypeError("not an entry of this version")
    authors, updated, corrections, published_at = stored
    if not (isinstance(authors, list) and all(isinstance(a, str) for a in authors) and isinstance(corrections, list)):
        raise TypeError("not an entry of this version")
    if not all(isinstance(c, list) and len(c) == 2 and all(isinstance(x, str) for x in c) for c in corrections):
        raise TypeError("not an entry of this version")
    when = dt.datetime.fromisoformat(published_at) if isinstance(published_at, str) else None
    if published_at is not None and (when is None or when.tzinfo is None):
        raise ValueError("not an instant")
    return {
        "authors": tuple(authors),
        "updated": dt.date.fromisoformat(updated) if updated is not None else None,
        "corrections": tuple(Correction(dt.date.fromisoformat(day), text) for day, text in corrections),
        "published_at": when,
    }
