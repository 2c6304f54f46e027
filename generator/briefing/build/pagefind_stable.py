"""Make a Pagefind bundle byte-stable: the same site gives the same files, names included.

Pagefind 1.5 writes each filter's values, and the list of filters in its metadata file, in
the order of a Rust HashMap, which is seeded at random in every run: two runs over the same
site give filter files with the same content in another order, so other hashes and names,
and a metadata file and `pagefind-entry.json` that name them (Pagefind issue #638: fragments
were made stable in 1.3; "filter/metadata indexes" still change). Its other files are stable.

Each of those files is `gzip("pagefind_dcd" + CBOR)`. This module decodes them, sorts what
Pagefind left in hash order, writes them back (gzip without a timestamp), names them by a hash
of what they now hold, and points the metadata and the entry file at the new names. The search
reads the same data: only the order of filter values and of filters changes.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

import cbor2

SIGNATURE = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"
META_FILTERS = 3  # index of the [[filter name, file hash], ...] list in a .pf_meta file (Pagefind 1.5)


class UnexpectedBundle(Exception):
    """The bundle is not laid out as Pagefind 1.5 writes it; nothing was changed."""


def stabilize_bundle(bundle: Path) -> None:
    """Rewrite the filter and metadata files of the Pagefind bundle in `bundle` in a fixed order."""
    entry_path = bundle / ENTRY
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    entry_text = entry_path.read_text(encoding="utf-8")
    for language in entry["languages"].values():
        old_meta_hash = language["hash"]
        meta_path = bundle / f"pagefind.{old_meta_hash}.pf_meta"
        meta = _read(meta_path)
        if not (isinstance(meta, list) and len(meta) > META_FILTERS and isinstance(meta[META_FILTERS], list)):
            raise UnexpectedBundle(f"{meta_path}: not the metadata layout of Pagefind 1.5")
        filters = []
        for name, old_hash in meta[META_FILTERS]:
            old_path = bundle / "filter" / f"{old_hash}.pf_filter"
            filter_name, values = _read(old_path)
            new_hash = _write_hashed(bundle / "filter", _prefix(old_hash), ".pf_filter", [filter_name, sorted(values, key=_value_key)], 7)
            if new_hash != old_hash:
                old_path.unlink()
            filters.append([name, new_hash])
        meta[META_FILTERS] = sorted(filters)
        new_meta_hash = _write_hashed(bundle, "pagefind." + _prefix(old_meta_hash), ".pf_meta", meta, 10, strip="pagefind.")
        if new_meta_hash != old_meta_hash:
            meta_path.unlink()
            entry_text = entry_text.replace(f'"{old_meta_hash}"', f'"{new_meta_hash}"')
    entry_path.write_text(entry_text, encoding="utf-8")


def _value_key(value: Any) -> tuple[str, str]:
    """Filter values are [text, [page numbers]]: by text, then the pages (for equal texts)."""
    return (str(value[0]), repr(value[1:]))


def _prefix(file_hash: str) -> str:
    """`en_1c606da` -> `en_`: the language part Pagefind puts before the hash."""
    return file_hash.rsplit("_", 1)[0] + "_" if "_" in file_hash else ""


def _read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise UnexpectedBundle(f"{path}: no Pagefind signature")
    return cbor2.loads(data[len(SIGNATURE) :])


def _write_hashed(folder: Path, prefix: str, suffix: str, content: Any, digits: int, strip: str = "") -> str:
    """Write `content` as Pagefind does, named by its own hash; the hash as Pagefind names it."""
    data = gzip.compress(SIGNATURE + cbor2.dumps(content), mtime=0)
    name = prefix + hashlib.sha256(data).hexdigest()[:digits]
    (folder / f"{name}{suffix}").write_bytes(data)
    return name.removeprefix(strip)
