"""The built site's files, each with its SHA-256 and the headers it is served with.

Only regular files are deployed: a symbolic link, a named pipe or a device in the site folder is
refused (MkDocs writes none; one there was put by hand, and following it could upload a file
from outside the site). Hashing runs on threads: hashlib releases the GIL on large buffers.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import stat
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from briefing.deploy.headers import Headers, content_type, headers_for, upload_rank
from briefing.deploy.target import MANIFEST_NAME, DeployError, has_control_character

CHUNK = 1 << 20
HEAD = 2048  # bytes kept to tell an Atom feed from other XML


@dataclass(frozen=True)
class SiteFile:
    """One file of the built site: `path` relative to the site's root, with `/` separators."""

    path: str
    source: Path
    size: int
    sha256: str
    headers: Headers

    @property
    def rank(self) -> int:
        return upload_rank(self.path)


def scan_site(site_dir: Path, jobs: int = 4) -> list[SiteFile]:
    """Every file of the site in `site_dir`, sorted by path; a `DeployError` for anything that
    is not a built site's regular file."""
    check_site_dir(site_dir)
    paths = sorted(_walk(site_dir, ""))
    if MANIFEST_NAME in paths:
        raise DeployError(f"{site_dir / MANIFEST_NAME}: the site holds a file named like the deploy's manifest; rename it")
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        return list(pool.map(lambda path: read_site_file(site_dir, path), paths))


def check_site_dir(site_dir: Path) -> None:
    """A `DeployError` unless `site_dir` holds a built site (an empty or wrong folder would delete the site online)."""
    if not site_dir.is_dir():
        raise DeployError(f"{site_dir}: no such folder (build the site first: mkdocs build)")
    if not (site_dir / "index.html").is_file():
        raise DeployError(f"{site_dir}: no index.html, so not a built site (build it with mkdocs build, or give the site's folder)")


def read_site_file(site_dir: Path, path: str) -> SiteFile:
    source = site_dir / path
    text = content_type(path).startswith("text/")
    digest = hashlib.sha256()
    decoder = codecs.getincrementaldecoder("utf-8")() if text else None
    head, size, utf8 = b"", 0, text
    try:
        with open(source, "rb") as stream:
            while chunk := stream.read(CHUNK):
                digest.update(chunk)
                if size < HEAD:
                    head += chunk[: HEAD - size]
                size += len(chunk)
                if decoder is not None and utf8:
                    utf8 = _decodes(decoder, chunk, final=False)
        if decoder is not None and utf8:
            utf8 = _decodes(decoder, b"", final=True)
    except OSError as exc:
        raise DeployError(f"{source}: cannot read it ({exc.strerror or type(exc).__name__})") from None
    return SiteFile(path, source, size, digest.hexdigest(), headers_for(path, head, utf8))


def _decodes(decoder: codecs.IncrementalDecoder, chunk: bytes, final: bool) -> bool:
    try:
        decoder.decode(chunk, final)
    except UnicodeDecodeError:
        return False
    return True


def _walk(folder: Path, relative: str) -> Iterator[str]:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as exc:
        raise DeployError(f"{folder}: cannot list it ({exc.strerror or type(exc).__name__})") from None
    for entry in entries:
        name = _utf8_name(folder, entry.name)
        path = f"{relative}{name}"
        mode = entry.stat(follow_symlinks=False).st_mode
        if stat.S_ISDIR(mode):
            yield from _walk(Path(entry.path), f"{path}/")
        elif stat.S_ISREG(mode):
            yield path
        elif stat.S_ISLNK(mode):
            raise DeployError(f"{entry.path}: a symbolic link; a deploy uploads only the site's own files (replace it by the file)")
        else:
            raise DeployError(f"{entry.path}: not a regular file (a pipe, socket or device); remove it from the site")


def _utf8_name(folder: Path, name: str) -> str:
    try:
        os.fsencode(name).decode("utf-8")
    except UnicodeDecodeError:
        raise DeployError(f"{folder}: a file name that is not UTF-8 ({name!r}); object keys are UTF-8, rename it") from None
    if has_control_character(name):
        raise DeployError(f"{folder}: a file name with a control character ({name!r}); rename it")
    return name
