"""Write generated pages to a folder, safely: `briefing export --out DIR`.

The folder is Briefing's only if Briefing created it: it holds a manifest listing every file
written, with its SHA-256, and nothing else (a file added or changed since, a link, a manifest
that lists no hashes: the folder is refused). We never write into someone else's non-empty
folder, never delete a file we did not write or a folder this run did not make, and never leave
a half-written export: pages go to a temporary sibling folder that replaces the old export in
one rename.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import posixpath
import re
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from briefing.model.urls import NETWORK_SCRIPT, PERIODS_SCRIPT, page_url, relative_link
from briefing.render.output import MarkdownPage, Output

MANIFEST = ".briefing-export.json"
THEME_DIR = Path(__file__).parents[1] / "site" / "theme"  # the theme's scripts, shared with the MkDocs build
EXPORTED_ASSETS = (NETWORK_SCRIPT, PERIODS_SCRIPT)  # static files of the theme that exported pages use


class ExportError(Exception):
    """The export folder is not ours to write; nothing was changed."""


_HREF = re.compile(r'(?<=\shref=")([^"]*)(?=")')
_NOSCRIPT = re.compile(r"(<noscript>.*?</noscript>)", re.S)  # Zensical leaves its content alone: so do we


def with_source_links(pages: list[Output]) -> list[Output]:
    """The pages with raw-HTML links to source files (`../actors/x.md`), as Zensical needs them.

    Briefing's raw HTML (lists, facts, the network) links to final URLs (`../../actors/x/`),
    because MkDocs leaves raw HTML alone. Zensical resolves every link, raw HTML included, from
    the page's source file, as MkDocs does Markdown links: given `../actors/x.md` it writes the
    right URL for either URL style. Links to anything but a generated page or file stay as they are,
    and so do links inside <noscript>, which Zensical does not rewrite.
    """
    by_url = {page_url(page.uri): page.uri for page in pages}

    def source_link(page: Output, href: str) -> str:
        if not href or href.startswith(("#", "/")) or urlsplit(href).scheme:
            return href
        found = re.match(r"([^?#]*)(.*)", href, re.S)
        assert found is not None  # the pattern matches any text
        path, rest = found.groups()
        base = page_url(page.uri)
        target = posixpath.normpath(posixpath.join(base if base.endswith("/") else posixpath.dirname(base), path))
        target = "" if target == "." else target + ("/" if path.endswith("/") or path in ("", ".", "./") else "")
        uri = by_url.get(target)
        return relative_link(page.uri, uri) + rest if uri is not None else href

    def rewrite(page: MarkdownPage) -> MarkdownPage:
        parts = _NOSCRIPT.split(page.markdown)  # odd indexes: the <noscript> elements
        text = "".join(part if i % 2 else _HREF.sub(lambda m: source_link(page, m.group(1)), part) for i, part in enumerate(parts))
        return dataclasses.replace(page, content=text, blocks=())

    return [rewrite(page) if isinstance(page, MarkdownPage) else page for page in pages]


def export_pages(pages: list[Output], out: Path) -> int:
    """Write `pages` under `out`; returns the number of files written.

    The pages go to a staging folder made by this run; the previous export, once every file in it
    is found to be one the manifest lists with the same SHA-256, is moved into a folder this run
    also makes, and only its listed files (and the folders they leave empty) are deleted.
    """
    out = out.resolve()
    previous = _owned_files(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    staging.chmod(0o777 & ~_current_umask())  # mkdtemp makes it 0700; the export is an ordinary folder
    try:
        written: dict[str, str] = {}
        for page in pages:
            target = staging / page.uri
            target.parent.mkdir(parents=True, exist_ok=True)
            data = page.file_text.encode("utf-8")
            target.write_bytes(data)
            written[page.uri] = hashlib.sha256(data).hexdigest()
        manifest = {"generator": "briefing", "files": dict(sorted(written.items()))}
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
        if previous is None:
            if out.exists():
                out.rmdir()  # empty folder: checked by _owned_files
            os.replace(staging, out)
            return len(pages)
        retired = Path(tempfile.mkdtemp(prefix=f".{out.name}.old.", dir=out.parent))  # this run's, nobody else's
        os.replace(out, retired / "export")
        try:
            os.replace(staging, out)
        except BaseException:
            os.replace(retired / "export", out)
            retired.rmdir()
            raise
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _delete_owned(retired / "export", previous)
    leftover = any(retired.iterdir())
    if leftover:
        raise ExportError(f"wrote the export; kept {retired}: it holds files 'briefing export' did not write, which appeared meanwhile")
    retired.rmdir()
    return len(pages)


def static_assets() -> list[Output]:
    """The theme's static files the exported pages need, so an export is a complete docs folder."""
    return [Output(uri=uri, content=(THEME_DIR / uri).read_text(encoding="utf-8")) for uri in EXPORTED_ASSETS]


def _owned_files(out: Path) -> dict[str, str] | None:
    """Files of a previous export in `out` (path -> SHA-256); None if `out` is absent or empty;
    `ExportError` unless every file in it is one the manifest lists, unchanged, and nothing else is there."""
    if not out.exists():
        return None
    if not out.is_dir():
        raise ExportError(f"{out} is a file, not a folder")
    if not any(out.iterdir()):
        return None
    manifest_path = out / MANIFEST
    if not manifest_path.is_file() or manifest_path.is_symlink():
        raise ExportError(f"{out} is not empty and was not created by 'briefing export'; choose a new or empty folder")
    owned = _read_manifest(manifest_path)
    for path in sorted(out.rglob("*")):
        relative = path.relative_to(out).as_posix()
        if path.is_symlink() or not (path.is_dir() or path.is_file()):
            raise ExportError(f"{out} holds {relative}, which 'briefing export' does not write; move it or choose another folder")
        if path.is_dir() or relative == MANIFEST:
            continue
        if relative not in owned:
            raise ExportError(f"{out} holds files 'briefing export' did not write (e.g. {relative}); move them or choose another folder")
        if _sha256(path) != owned[relative]:
            raise ExportError(
                f"{out} holds files changed since 'briefing export' wrote them (e.g. {relative}); move them or choose another folder"
            )
    return owned


def _read_manifest(path: Path) -> dict[str, str]:
    """The manifest's files and their SHA-256; `ExportError` for anything else (an older export's list included)."""
    damaged = ExportError(f"{path} is damaged; remove the folder or choose another")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, OSError):
        raise damaged from None
    files = manifest.get("files") if isinstance(manifest, dict) and manifest.get("generator") == "briefing" else None
    if not isinstance(files, dict) or not all(isinstance(k, str) and isinstance(v, str) and _HEX.fullmatch(v) for k, v in files.items()):
        raise damaged
    return files


def _delete_owned(folder: Path, owned: dict[str, str]) -> None:
    """Delete what the manifest lists, unchanged, and the folders left empty; nothing else (no link is followed)."""
    for path in sorted(folder.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        relative = path.relative_to(folder).as_posix()
        if path.is_symlink():
            continue
        if path.is_file() and (relative == MANIFEST or owned.get(relative) == _sha256(path)):
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    if not any(folder.iterdir()):
        folder.rmdir()


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


_HEX = re.compile(r"[0-9a-f]{64}")


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
