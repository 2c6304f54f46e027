"""The build store: what earlier builds made, in the cache folder, found again by what it was made from.

Two kinds of thing, in two folders of the (checked, marked, locked: `cache_folder`) cache:

- `blobs/`: files named by the SHA-256 of their bytes (a page's HTML, a feed, a search
  bundle's files). A blob is used only after its bytes are read and hashed again: whatever
  an entry says, a blob whose content is not its name is a miss, never published.
- `entries/`: values by key (a digest of everything they are made from): a header naming the
  format and the SHA-256 of the payload, then the payload, which a codec (`build.codecs`,
  pydantic) reads back or refuses. A damaged entry is a miss, counted for one log line.

Nothing is ever invalidated, only left unused: each build removes what it did not use
(`prune`), so the store holds one site. The store never follows a symbolic link: every file is
opened relative to its folder's descriptor with `O_NOFOLLOW`, folders are opened with
`O_DIRECTORY | O_NOFOLLOW`, a link where a folder should be is removed (the link, not what it
points to), and pruning never descends into a link. A blob is published by linking the very
file that was verified (through its open descriptor), or by writing the verified bytes.
Nothing here is pickled: a cache restored from elsewhere cannot run code. It is trusted as much
as whoever wrote it, no more (ARCHITECTURE.md, "The build cache's trust model").
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from collections import Counter

from briefing.build.cache_folder import LOCK, MARKER, CacheFolder

FORMAT = b"briefing-store-1\n"
FOLDERS = ("blobs", "entries")
OPEN_FOLDER = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
OPEN_FILE = os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC
HEX = frozenset("0123456789abcdef")


class Store:
    """The blobs and entries of one cache folder, and what this build used of them."""

    def __init__(self, folder: CacheFolder) -> None:
        self.path = folder.path
        self._root = os.open(self.path, OPEN_FOLDER)
        self._folders = {name: self._folder(self._root, name) for name in FOLDERS}
        self._shards: dict[tuple[str, str], int] = {}
        self.used: dict[str, set[str]] = {name: set() for name in FOLDERS}
        self.rejected: Counter[str] = Counter()  # damaged or foreign entries and blobs, by what they were
        self.unwritable = False

    # ------------------------------------------------------------ entries

    def read(self, key: str) -> bytes | None:
        """The payload stored under `key` if it is there and sound (no bookkeeping: workers call it)."""
        raw = self._read("entries", key)
        if raw is None or not raw.startswith(FORMAT):
            return None
        header_end = raw.find(b"\n", len(FORMAT))
        payload = raw[header_end + 1 :]
        if header_end < 0 or hashlib.sha256(payload).hexdigest().encode("ascii") != raw[len(FORMAT) : header_end]:
            return None
        return payload

    def exists(self, key: str) -> bool:
        return self._read("entries", key, probe=True) is not None

    def get(self, key: str, label: str) -> bytes | None:
        """`read`, counted: the entry is kept, and a damaged one reported under `label`."""
        self.used["entries"].add(key)
        payload = self.read(key)
        if payload is None and self.exists(key):
            self.rejected[label] += 1
        return payload

    def put(self, key: str, *chunks: bytes) -> None:
        """Store the payload (in `chunks`, never joined: a payload may be the whole corpus) under `key`."""
        self.used["entries"].add(key)
        checksum = hashlib.sha256()
        for chunk in chunks:
            checksum.update(chunk)
        self._write("entries", key, FORMAT, checksum.hexdigest().encode("ascii") + b"\n", *chunks)

    def note(self, key: str) -> None:
        """An entry read elsewhere (`read`, in a worker) is used by this build."""
        self.used["entries"].add(key)

    # ------------------------------------------------------------ blobs

    def put_blob(self, data: bytes) -> str:
        """Keep `data`; its name (SHA-256)."""
        name = hashlib.sha256(data).hexdigest()
        self.used["blobs"].add(name)
        self._write("blobs", name, data)
        return name

    def put_blob_file(self, source: str) -> tuple[str, int] | None:
        """Keep the file at `source` (a page MkDocs wrote), hard-linked where the file system
        allows; its name and size, or None if it cannot be read."""
        try:
            fd = os.open(source, OPEN_FILE)
        except OSError:
            return None
        try:
            data = _read_regular(fd)
            if data is None:
                return None
            name = hashlib.sha256(data).hexdigest()
            self.used["blobs"].add(name)
            if not self._link_in("blobs", name, fd):
                self._write("blobs", name, data)
        finally:
            os.close(fd)
        return name, len(data)

    def link_blob(self, name: str, destination: str) -> bool:
        """Put the blob `name` at `destination` if its bytes are still `name`'s: the verified file
        hard-linked where the file system allows (a warm build writes no unchanged bytes), else its
        bytes written. False (nothing written) if it is missing, not a plain file, or changed. No
        bookkeeping (workers call it): the parent calls `note_blob`."""
        fd = self._open("blobs", name)
        if fd is None:
            return False
        destination = os.path.abspath(destination)
        try:
            data = _read_regular(fd)
            if data is None or hashlib.sha256(data).hexdigest() != name:
                return False
            _make_folder_of(destination)
            if os.path.lexists(destination):
                os.unlink(destination)  # never written through: it may be a link to a blob
            try:
                os.link(f"/proc/self/fd/{fd}", destination, dst_dir_fd=self._root, follow_symlinks=True)
            except OSError:  # no /proc, or no hard links here: the verified bytes
                with open(destination, "wb") as written:
                    written.write(data)
        finally:
            os.close(fd)
        return True

    def has_blob(self, name: str) -> bool:
        """Whether a blob of that name is there (not checked: `link_blob` checks)."""
        return self._read("blobs", name, probe=True) is not None

    def note_blob(self, name: str, sound: bool = True, label: str = "pages") -> None:
        """A blob used elsewhere (in a worker); a damaged one is reported under `label`."""
        self.used["blobs"].add(name)
        if not sound:
            self.rejected[label] += 1

    # ------------------------------------------------------------ housekeeping

    def prune(self) -> None:
        """Remove what this build did not use, and anything else in the folder that is not the
        store's (an earlier layout's folders, a stray file): the store holds one site. Links are
        removed as links; nothing outside the folder is ever touched."""
        for entry in os.scandir(self._root):
            if entry.name not in (*FOLDERS, MARKER, LOCK):
                _remove(self._root, entry)
        for folder in FOLDERS:
            used = self.used[folder]
            for shard in os.scandir(self._folders[folder]):
                if len(shard.name) != 2 or not shard.is_dir(follow_symlinks=False):
                    _remove(self._folders[folder], shard)
                    continue
                fd = self._shard(folder, shard.name, make=False)
                if fd is None:
                    continue
                for item in os.scandir(fd):
                    if item.name not in used:
                        _remove(fd, item)

    def report(self) -> str | None:
        """One log line for a store that could not be used as it was, or None."""
        if self.rejected:
            kinds = ", ".join(f"{count} {label}" for label, count in sorted(self.rejected.items()))
            total = sum(self.rejected.values())
            return f"Briefing: {total} build-cache entries ({kinds}) were unreadable or not Briefing's and were rebuilt"
        if self.unwritable:
            return f"Briefing: the build cache in {self.path} cannot be written; this build did not update it"
        return None

    def close(self) -> None:
        for fd in [*self._shards.values(), *self._folders.values(), self._root]:
            with contextlib.suppress(OSError):
                os.close(fd)
        self._shards = {}

    # ------------------------------------------------------------ files, never through a link

    def _folder(self, parent: int, name: str) -> int:
        """A folder of the store, made if missing; a link or file in its place is removed first."""
        try:
            return os.open(name, OPEN_FOLDER, dir_fd=parent)
        except FileNotFoundError:
            pass
        except OSError:  # a link (ELOOP) or a file (ENOTDIR) where the folder should be
            _remove_name(parent, name)
        os.mkdir(name, dir_fd=parent)
        return os.open(name, OPEN_FOLDER, dir_fd=parent)

    def _shard(self, folder: str, shard: str, make: bool) -> int | None:
        fd = self._shards.get((folder, shard))
        if fd is None:
            try:
                fd = self._folder(self._folders[folder], shard) if make else os.open(shard, OPEN_FOLDER, dir_fd=self._folders[folder])
            except OSError:
                return None
            self._shards[(folder, shard)] = fd
        return fd

    def _open(self, folder: str, name: str) -> int | None:
        if len(name) < 3 or not HEX.issuperset(name):
            return None
        shard = self._shard(folder, name[:2], make=False)
        if shard is None:
            return None
        try:
            return os.open(name, OPEN_FILE, dir_fd=shard)
        except OSError:
            return None

    def _read(self, folder: str, name: str, probe: bool = False) -> bytes | None:
        fd = self._open(folder, name)
        if fd is None:
            return None
        try:
            return b"" if probe else _read_regular(fd)
        finally:
            os.close(fd)

    def _write(self, folder: str, name: str, *chunks: bytes) -> None:
        """Write a file atomically (a temporary name, then a rename): a reader never sees half of it."""
        if len(name) < 3 or not HEX.issuperset(name):
            raise ValueError(f"not a digest: {name!r}")  # keys and names are digests, so never a path
        shard = self._shard(folder, name[:2], make=True)
        if shard is None:
            self.unwritable = True
            return
        temporary = f".tmp-{os.getpid()}-{name}"
        try:
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644, dir_fd=shard)
            with os.fdopen(fd, "wb") as stream:
                for chunk in chunks:
                    stream.write(chunk)
            os.rename(temporary, name, src_dir_fd=shard, dst_dir_fd=shard)
        except OSError:
            self.unwritable = True
            with contextlib.suppress(OSError):
                os.unlink(temporary, dir_fd=shard)

    def _link_in(self, folder: str, name: str, fd: int) -> bool:
        """Hard-link the open file `fd` in as `name` (atomically); False where links fail."""
        shard = self._shard(folder, name[:2], make=True)
        if shard is None:
            return False
        temporary = f".tmp-{os.getpid()}-{name}"
        try:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary, dir_fd=shard)
            os.link(f"/proc/self/fd/{fd}", temporary, dst_dir_fd=shard, follow_symlinks=True)
            os.rename(temporary, name, src_dir_fd=shard, dst_dir_fd=shard)
        except OSError:
            return False
        return True


def _read_regular(fd: int) -> bytes | None:
    """The bytes of the open file if it is a plain file, else None."""
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        return None
    chunks = []
    while chunk := os.read(fd, max(info.st_size, 1 << 16)):
        chunks.append(chunk)
    return b"".join(chunks)


def _remove(parent: int, entry: os.DirEntry[str]) -> None:
    """Remove an entry of the folder `parent`: a real folder with what is in it, anything else
    (a link included) as itself."""
    with contextlib.suppress(OSError):
        if entry.is_dir(follow_symlinks=False):
            _remove_tree(parent, entry.name)
        else:
            os.unlink(entry.name, dir_fd=parent)


def _remove_name(parent: int, name: str) -> None:
    with contextlib.suppress(OSError):
        if stat.S_ISDIR(os.lstat(name, dir_fd=parent).st_mode):
            _remove_tree(parent, name)
        else:
            os.unlink(name, dir_fd=parent)


def _remove_tree(parent: int, name: str) -> None:
    """Remove the folder `name` of `parent` and what it holds, through descriptors: a link met on
    the way is removed as a link, never followed."""
    fd = os.open(name, OPEN_FOLDER, dir_fd=parent)
    try:
        for entry in os.scandir(fd):
            if entry.is_dir(follow_symlinks=False):
                _remove_tree(fd, entry.name)
            else:
                os.unlink(entry.name, dir_fd=fd)
    finally:
        os.close(fd)
    os.rmdir(name, dir_fd=parent)


def _make_folder_of(destination: str) -> None:
    folder = os.path.dirname(destination)
    if not os.path.isdir(folder):  # usually there already: one stat, not makedirs' three calls
        os.makedirs(folder, exist_ok=True)
