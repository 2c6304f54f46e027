"""The deploy's manifest: what Briefing put in the bucket, kept in the bucket itself.

It maps each site path Briefing owns under the prefix to what the object holds (SHA-256, size,
Content-Type, Cache-Control), or to nothing when an upload to it was under way and its content
is unknown. Keeping it in the bucket makes a deploy from any machine, or after the build cache
is lost, upload only what changed; and a deploy deletes only paths the manifest names, never an
object it did not put there. Stored as gzip-compressed JSON (about 60 bytes a file), written
with a fixed timestamp so the same state gives the same bytes.
"""

from __future__ import annotations

import gzip
import json
import zlib
from dataclasses import dataclass
from typing import Any

from briefing.deploy.site_files import SiteFile
from briefing.deploy.target import DeployError, site_path

FORMAT = "briefing-deploy"
VERSION = 1


@dataclass(frozen=True)
class Entry:
    """What an object holds and how it is served: a file is re-uploaded when any of it differs."""

    sha256: str
    size: int
    content_type: str
    cache_control: str

    @classmethod
    def of(cls, file: SiteFile) -> Entry:
        return cls(file.sha256, file.size, file.headers.content_type, file.headers.cache_control)


# site path -> its object's state; None: Briefing's object, content unknown (an upload was under way).
Manifest = dict[str, Entry | None]


def encode(manifest: Manifest) -> bytes:
    files = {
        path: None if entry is None else [entry.sha256, entry.size, entry.content_type, entry.cache_control]
        for path, entry in sorted(manifest.items())
    }
    text = json.dumps({"format": FORMAT, "version": VERSION, "files": files}, ensure_ascii=False, separators=(",", ":"))
    return gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0)


def decode(data: bytes, where: str) -> Manifest:
    """The manifest in `data`; a `DeployError` naming `where` if it is not one Briefing wrote."""
    try:
        document = json.loads(gzip.decompress(data).decode("utf-8"))
    except (OSError, EOFError, zlib.error, UnicodeDecodeError, ValueError) as exc:
        raise _not_a_manifest(where, f"unreadable: {exc}") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise _not_a_manifest(where, "no 'format: briefing-deploy'")
    if document.get("version") != VERSION:
        raise _not_a_manifest(where, f"version {document.get('version')!r}; this Briefing reads version {VERSION}")
    files = document.get("files")
    if not isinstance(files, dict):
        raise _not_a_manifest(where, "no 'files' mapping")
    manifest: Manifest = {}
    for path, value in files.items():
        try:
            manifest[site_path(path)] = None if value is None else _entry(value)
        except (TypeError, ValueError) as exc:
            raise _not_a_manifest(where, f"entry {path!r}: {exc}") from None
    return manifest


def _entry(value: Any) -> Entry:
    if not (isinstance(value, list) and len(value) == 4):
        raise ValueError("expected [sha256, size, content type, cache control]")
    sha256, size, content_type, cache_control = value
    if not (isinstance(sha256, str) and len(sha256) == 64 and isinstance(size, int) and size >= 0):
        raise ValueError("bad SHA-256 or size")
    if not (isinstance(content_type, str) and isinstance(cache_control, str)):
        raise ValueError("bad headers")
    return Entry(sha256, size, content_type, cache_control)


def _not_a_manifest(where: str, reason: str) -> DeployError:
    return DeployError(f"{where}: not a manifest this Briefing can read ({reason}); deploy with --full to upload every file anew")
