"""Write generated pages to a folder, safely: `briefing export --out DIR`.

The folder is Briefing's only if Briefing created it (it holds a manifest). We never
write into someone else's non-empty folder, never delete a file we did not write,
and never leave a half-written export: pages go to a temporary sibling folder
that replaces the old export in one rename.
"""

from __future__ import annotations

import dataclasses
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
THEME_DIR = Path(__file__).parent / "theme"
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
    """Write `pages` under `out`; returns the number of files written."""
    out = out.resolve()
    previous = _owned_files(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    staging.chmod(0o777 & ~_current_umask())  # mkdtemp makes it 0700; the export is an ordinary folder
    try:
        for page in pages:
            target = staging / page.uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page.file_text, encoding="utf-8")
        manifest = {"generator": "briefing", "files": sorted(page.uri for page in pages)}
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
        if previous is not None:
            retired = out.with_name(f".{out.name}.old")
            shutil.rmtree(retired, ignore_errors=True)
            os.replace(out, retired)
            os.replace(staging, out)
            shutil.rmtree(retired)
        else:
            if out.exists():
                out.rmdir()  # empty folder: checked by _owned_files
            os.replace(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return len(pages)


def static_assets() -> list[Output]:
    """The theme's static files the exported pages need, so an export is a complete docs folder."""
    return [Output(uri=uri, content=(THEME_DIR / uri).read_text(encoding="utf-8")) for uri in EXPORTED_ASSETS]


def _owned_files(out: Path) -> set[str] | None:
    """Files of a previous export in `out`; None if `out` is absent or empty; error if not ours."""
    if not out.exists():
        return None
    if not out.is_dir():
        raise ExportError(f"{out} is a file, not a folder")
    if not any(out.iterdir()):
        return None
    present = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    manifest_path = out / MANIFEST
    if not manifest_path.is_file():
        raise ExportError(f"{out} is not empty and was not created by 'briefing export'; choose a new or empty folder")
    try:
        owned = set(json.loads(manifest_path.read_text(encoding="utf-8"))["files"])
    except (ValueError, KeyError, TypeError):
        raise ExportError(f"{manifest_path} is damaged; remove the folder or choose another") from None
    foreign = sorted(present - owned - {MANIFEST})
    if foreign:
        raise ExportError(f"{out} holds files 'briefing export' did not write (e.g. {foreign[0]}); move them or choose another folder")
    return owned


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
