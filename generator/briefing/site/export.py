"""Write generated pages to a folder, safely: `briefing export --out DIR`.

The folder is Briefing's only if Briefing created it (it holds a manifest). We never
write into someone else's non-empty folder, never delete a file we did not write,
and never leave a half-written export: pages go to a temporary sibling folder
that replaces the old export in one rename.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from briefing.render.output import Output

MANIFEST = ".briefing-export.json"


class ExportError(Exception):
    """The export folder is not ours to write; nothing was changed."""


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
        raise ExportError(
            f"{out} holds files 'briefing export' did not write (e.g. {foreign[0]}); move them or choose another folder"
        )
    return owned


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
