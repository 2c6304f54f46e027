"""Copy the demo project into a temporary folder so tests can edit it freely."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.support.site import REPO

PROJECT_PARTS = ("mkdocs.yml", "docs", "data", "articles")


def copy_demo_project(destination: Path) -> Path:
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, destination / part)
        else:
            shutil.copy2(source, destination / part)
    return destination


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def split_search_project(destination: Path, part_pages: int = 3) -> Path:
    """The demo project with its articles indexed for search in parts of `part_pages` pages
    (a 10,000-article site's layout, at the demo's size)."""
    project = copy_demo_project(destination)
    replace_in(project / "mkdocs.yml", "  - briefing:\n", f"  - briefing:\n      search_part_pages: {part_pages}\n")
    return project
