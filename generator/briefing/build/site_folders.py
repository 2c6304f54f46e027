"""The site folder's directories, made in the background while the core runs.

A site of 10,000 articles with directory URLs is 23,000 folders, one per page
(`actors/<id>/with/<other>/index.html`). A warm build writes no page's bytes (they are hard
links into the build cache), so making those folders becomes its largest cost, and a serial
one: on some file systems a `mkdir` costs 0.1-0.4 ms of kernel time and two processes making
folders side by side are no faster than one. Meanwhile the core (load, index, render) keeps
one CPU busy and leaves the other idle.

So a one-off build with a build cache starts, before the core runs, one forked process that
makes the folders the previous build had, in a hidden staging folder inside the site folder
(MkDocs' clean leaves hidden entries alone). Once MkDocs has cleaned the site folder and the
files are known, `FoldersAhead.place` moves the staged top-level folders in and removes the
ones this build does not need; after the page loop, `sweep` removes the folders of pages
MkDocs chose not to write (an empty page). The list of folders is only a guess: any list gives
the same site as a clean build, with the folders it lacks made by MkDocs as usual. The list
read from the cache is checked like any input (relative, no `..`, no hidden names), so a
foreign cache cannot make folders outside the site.

A build into the folder of an earlier one lets MkDocs' clean delete that site, as MkDocs does:
deleting it in the background instead (round 8) did not pay, side by side, on this project's
file system nor on one with a journal (docs/performance.md, issue #28).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import posixpath
import shutil
import sys
import time
from collections.abc import Iterable
from multiprocessing.process import BaseProcess
from pathlib import Path

from briefing.build.codecs import FOLDERS
from briefing.build.digests import digest
from briefing.build.store import Store

STAGING = ".briefing-folders"  # inside the site folder: hidden, so MkDocs' clean keeps it
MAX_FOLDERS = 1_000_000  # a guess larger than this is not a site's
CACHE_KEY = digest("site folders")


def folders_of(dest_uris: Iterable[str]) -> set[str]:
    """Every folder (posix, relative to the site, with its parents) that holds one of the files."""
    folders: set[str] = set()
    for uri in dest_uris:
        folder = posixpath.dirname(uri)
        while folder and folder not in folders:
            folders.add(folder)
            folder = posixpath.dirname(folder)
    return folders


def sound_folders(data: bytes | None) -> list[str] | None:
    """The folders of a store entry, parents first, if it is a list of safe relative folder names
    (`codecs.RelativeName`: no absolute path, no `.` or `..` or hidden part, no backslash or NUL); else None."""
    value = FOLDERS.decode(data)
    if value is None or len(value) > MAX_FOLDERS:
        return None
    return sorted(folders_of(folder + "/-" for folder in value))


class FoldersAhead:
    """The previous build's folders, made ahead in a staging folder while the build goes on."""

    def __init__(self, site_dir: Path, store: Store) -> None:
        self.site_dir = site_dir
        self.staging = site_dir / STAGING
        self.store = store
        self.guess: list[str] = []
        self.made_site_dir = False  # the site folder did not exist before this build
        self.process: BaseProcess | None = None
        self.placed: set[str] = set()  # folders moved into the site that the files need
        self.needed: set[str] | None = None  # the folders of the files MkDocs writes (`place`)
        self.waited = 0.0  # seconds `place` waited for the process to finish (the build summary says)

    def start(self) -> None:
        """Start making the folders of the previous build (if the cache lists them) in the background."""
        remove_staging(self.site_dir)  # left by a build that was killed
        guess = sound_folders(self.store.get(CACHE_KEY, "site"))
        if not guess or "fork" not in multiprocessing.get_all_start_methods() or sys.platform != "linux":
            return
        try:
            self.made_site_dir = not self.site_dir.exists()
            self.staging.mkdir(parents=True)
        except OSError:
            return  # MkDocs will say what is wrong with the site folder
        self.guess = guess
        process = multiprocessing.get_context("fork").Process(target=_make_folders, args=(str(self.staging), guess), daemon=True)
        try:
            process.start()
        except OSError:  # no process to spare: MkDocs makes the folders as usual
            remove_staging(self.site_dir)
            return
        self.process = process

    def finish(self) -> None:
        """Stop making folders (a build that ends before `place`) and remove the staging folder."""
        if self.process is not None:
            self.process.kill()
            self.process.join()
            self.process = None
        remove_staging(self.site_dir)

    def place(self, needed: set[str]) -> None:
        """After MkDocs cleaned the site folder: move the staged folders in and remove those this
        build's files do not need (`needed`: `folders_of` every file MkDocs will write)."""
        self.needed = needed
        if self.process is None:
            return
        started = time.perf_counter()
        self.process.join()
        self.waited = time.perf_counter() - started
        self.process = None
        moved = []
        for entry in sorted(os.listdir(self.staging)):
            target = self.site_dir / entry
            if not os.path.lexists(target):  # MkDocs cleaned every entry not hidden; staged names are not hidden
                os.rename(self.staging / entry, target)
                moved.append(entry)
        shutil.rmtree(self.staging, ignore_errors=True)
        staged = {folder for folder in self.guess if folder.split("/", 1)[0] in moved}
        for folder in sorted(staged - needed, key=_deepest_first):
            _remove_if_empty(self.site_dir / folder)
        self.placed = staged & needed

    def sweep(self, unwritten: Iterable[str]) -> None:
        """Remove the placed folders that MkDocs left empty: those of files it did not write
        (`unwritten`, site-relative), and their placed parents that hold nothing else."""
        candidates = folders_of(unwritten) & self.placed
        for folder in sorted(candidates, key=_deepest_first):
            _remove_if_empty(self.site_dir / folder)

    def remember(self) -> None:
        """Keep this build's folders (those `place` was given) for the next build; the entry is
        rewritten only when they changed."""
        if self.needed is not None and set(self.guess) != self.needed:
            self.store.put(CACHE_KEY, FOLDERS.encode(sorted(self.needed)))

    def abandon(self) -> None:
        """The build failed: stop, and leave the site folder as it was."""
        self.finish()
        if self.made_site_dir:
            with contextlib.suppress(OSError):  # not empty: something else wrote there
                self.site_dir.rmdir()


def remove_staging(site_dir: Path) -> None:
    shutil.rmtree(site_dir / STAGING, ignore_errors=True)


def _make_folders(staging: str, folders: list[str]) -> None:
    """In the forked process: each folder, parents first, relative to the staging folder."""
    root = os.open(staging, os.O_RDONLY | os.O_DIRECTORY)
    for folder in folders:
        with contextlib.suppress(FileExistsError):
            os.mkdir(folder, dir_fd=root)


def _deepest_first(folder: str) -> tuple[int, str]:
    return (-folder.count("/"), folder)


def _remove_if_empty(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not empty (or gone): it stays as a clean build has it
        folder.rmdir()
