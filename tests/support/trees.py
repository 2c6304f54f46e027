"""Compare two built sites file by file."""

from __future__ import annotations

from pathlib import Path


def differing_files(left: Path, right: Path) -> list[str]:
    """Paths (relative, sorted) that are in one tree only or whose bytes differ."""
    names = {p.relative_to(left).as_posix() for p in left.rglob("*") if p.is_file()}
    names |= {p.relative_to(right).as_posix() for p in right.rglob("*") if p.is_file()}
    return sorted(
        n for n in names if not ((left / n).is_file() and (right / n).is_file() and (left / n).read_bytes() == (right / n).read_bytes())
    )


def differing_folders(left: Path, right: Path) -> list[str]:
    """Folders (relative, sorted) that are in one tree only: an empty folder a build left behind."""
    folders = {p.relative_to(left).as_posix() for p in left.rglob("*") if p.is_dir()}
    other = {p.relative_to(right).as_posix() for p in right.rglob("*") if p.is_dir()}
    return sorted(folders ^ other)
