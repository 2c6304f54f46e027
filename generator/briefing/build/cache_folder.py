"""The build cache's folder: a dedicated folder, marked as Briefing's, used by one build at a time.

A build deletes what it did not use from its cache, so the folder must hold nothing else:
`cache_dir` is refused when it is, holds or lies inside the project's own folders (the project
root, the articles, the registries, the docs, the site), and a folder is used only once it
carries Briefing's marker, a `CACHEDIR.TAG` (the Cache Directory Tagging convention, which
backup tools honour), written into a folder Briefing made or found empty. A non-empty folder
without it is refused. The folder itself may not be a symbolic link. One build at a time holds
the folder's lock; another build that finds it held builds without the cache rather than
prune the first one's entries.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import stat
from collections.abc import Mapping
from pathlib import Path

MARKER = "CACHEDIR.TAG"
MARKER_TEXT = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This folder is Briefing's build cache: it may be deleted at any time.\n"
    "# Briefing deletes anything in it that a build did not use: keep nothing else here.\n"
)
LOCK = ".lock"
EARLIER_LAYOUT = {"pages", "search", "markdown", "articles", "site"}  # the cache of Briefing before the store


class CacheFolderError(Exception):
    """`cache_dir` names a folder Briefing must not use as its cache; nothing was changed."""


def check_dedicated(folder: Path, project: Path, owned: Mapping[str, Path]) -> None:
    """Refuse a cache folder that is or holds the project root, or that is, holds or lies inside
    one of the project's `owned` folders (articles, registries, docs, site: name -> path)."""
    cache = _absolute(folder)
    root = _absolute(project)
    if cache == root or root.is_relative_to(cache):
        raise CacheFolderError(f"cache_dir {folder} is the project folder or holds it; the cache needs a folder of its own")
    for name, path in owned.items():
        other = _absolute(path)
        if cache == other or other.is_relative_to(cache) or cache.is_relative_to(other):
            raise CacheFolderError(
                f"cache_dir {folder} is, holds or lies inside the {name} folder ({path}); the cache needs a folder of its own"
            )


class CacheFolder:
    """A cache folder checked, marked and locked by this build (`open`); `close` lets it go."""

    def __init__(self, path: Path, lock_fd: int, created: bool = False) -> None:
        self.path = path
        self.created = created  # made by this build: a build that stops removes it again
        self._lock_fd: int | None = lock_fd

    @classmethod
    def open(cls, path: Path) -> CacheFolder | None:
        """The folder, made if missing, marked and locked; None if another build holds its lock.
        `CacheFolderError` if it is a link, not a folder, or holds files without the marker."""
        created = False
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            path.mkdir(parents=True)
            info, created = os.lstat(path), True
        if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
            raise CacheFolderError(f"cache_dir {path} is {'a symbolic link' if stat.S_ISLNK(info.st_mode) else 'not a folder'}")
        _mark(path)
        lock_fd = os.open(path / LOCK, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(lock_fd)
            return None
        return cls(path, lock_fd, created)

    def remove(self) -> None:
        """A build that made this folder stopped: the project is left as it found it."""
        if self.created:
            shutil.rmtree(self.path, ignore_errors=True)  # a real folder this build made (never a link)
        self.close()

    def close(self) -> None:
        if self._lock_fd is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            os.close(self._lock_fd)
            self._lock_fd = None


def _mark(path: Path) -> None:
    """Write the marker into an empty folder (or one holding only an earlier Briefing's cache,
    whose kinds' folders the store then removes); refuse a folder that holds anything else."""
    marker = path / MARKER
    if os.path.lexists(marker):
        if not marker.is_file() or marker.is_symlink() or marker.read_text(encoding="utf-8", errors="replace") != MARKER_TEXT:
            raise CacheFolderError(f"cache_dir {path} holds a {MARKER} that is not Briefing's; choose another folder")
        return
    entries = set(os.listdir(path)) - {LOCK}
    if entries and not (entries <= EARLIER_LAYOUT and all(_is_real_folder(path / name) for name in entries)):
        raise CacheFolderError(
            f"cache_dir {path} holds files Briefing did not write (it has no {MARKER}); point cache_dir at a new or empty folder"
        )
    temporary = path / f".{MARKER}.{os.getpid()}"
    temporary.write_text(MARKER_TEXT, encoding="utf-8")
    os.replace(temporary, marker)


def _is_real_folder(path: Path) -> bool:
    return path.is_dir() and not path.is_symlink()


def _absolute(path: Path) -> Path:
    """The path with every symbolic link resolved, whether or not it exists yet."""
    return Path(os.path.realpath(path))
