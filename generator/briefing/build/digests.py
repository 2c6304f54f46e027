"""Keys of the build store: digests of what a value is made from."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from pathlib import Path


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
