"""Snapshots of an on-disk store: a writer publishes them, readers open the latest, nobody waits.

A writer, holding the store's exclusive lock, publishes a snapshot with
RocksDB's checkpoint (:meth:`pyoxigraph.Store.backup`: hard links to the
store's immutable files, so it is cheap) into ``snapshots/<generation>/``
and then names it in ``snapshots/CURRENT`` (written to a temporary file and
renamed, so the name is always whole). A reader reads that name, takes a
shared ``flock`` on the snapshot's folder and opens it read-only. So a reader

- never waits for a writer, and a writer never waits for a reader;
- sees the store as it was when the writer last published (the end of a
  build), never a build half-way;
- writes nothing at all: a store on a read-only file system, or owned by
  another user, reads fine.

The writer deletes older snapshots once no reader holds them. A store that no
writer of this version has opened yet has no snapshot; it is then opened
read-only directly, as before.

>>> import tempfile, pathlib, pyoxigraph as ox
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> primary = ox.Store(str(folder))
>>> primary.add(ox.Quad(ox.NamedNode("http://ex.org/a"), ox.NamedNode("http://ex.org/p"),
...                     ox.Literal("1"), ox.NamedNode("http://ex.org/g")))
>>> publish(primary, folder)
'00000001'
>>> primary.add(ox.Quad(ox.NamedNode("http://ex.org/b"), ox.NamedNode("http://ex.org/p"),
...                     ox.Literal("2"), ox.NamedNode("http://ex.org/g")))
>>> with open_latest(folder) as snap:
...     print(snap.name, len(snap.store))
00000001 1
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import time
from pathlib import Path

import pyoxigraph as ox

from kg.errors import StoreError

#: Folder inside the store that holds the snapshots.
SNAPSHOTS = "snapshots"
#: File (inside :data:`SNAPSHOTS`) naming the latest complete snapshot.
POINTER = "CURRENT"
#: The writers' lock file, relative to the store folder (see kg.graph.store).
WRITER_LOCK = "kg.lock"


class Snapshot:
    """A read-only store opened on one snapshot, holding a shared lock on it until closed."""

    def __init__(self, store: ox.Store, name: str, fd: int | None) -> None:
        self.store = store
        #: The snapshot's generation, or ``""`` for a store opened directly (no snapshot yet).
        self.name = name
        self._fd = fd

    def close(self) -> None:
        """Let the snapshot go: a writer may delete it afterwards."""
        self.store = None  # type: ignore[assignment]
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)  # closing the descriptor releases the flock
            self._fd = None

    def __enter__(self) -> Snapshot:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        with contextlib.suppress(Exception):  # also at interpreter shutdown
            self.close()


def current_name(path: str | os.PathLike[str]) -> str | None:
    """The generation ``snapshots/CURRENT`` names, or None when there is none.

    >>> import tempfile
    >>> current_name(tempfile.mkdtemp()) is None
    True
    """
    try:
        name = (Path(path) / SNAPSHOTS / POINTER).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return name if name.isdigit() else None


def publish(store: ox.Store, path: str | os.PathLike[str]) -> str:
    """Checkpoint ``store`` (open for writing at ``path``) as the newest snapshot; its name.

    Call only while holding the store's exclusive lock. Older snapshots that
    no reader holds are deleted afterwards.
    """
    folder = Path(path) / SNAPSHOTS
    folder.mkdir(exist_ok=True)
    numbers = [int(p.name) for p in folder.iterdir() if p.name.isdigit()]
    name = f"{max(numbers, default=0) + 1:08d}"
    try:
        store.backup(str(folder / name))
    except OSError as err:
        raise StoreError(f"cannot publish a snapshot of the store {path}: {err}") from err
    _write_pointer(folder, name)
    prune(path)
    return name


def _write_pointer(folder: Path, name: str) -> None:
    tmp = folder / f"{POINTER}.tmp"
    with open(tmp, "w", encoding="ascii") as fh:
        fh.write(name + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, folder / POINTER)
    with contextlib.suppress(OSError):  # the rename itself survives a power cut
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def prune(path: str | os.PathLike[str]) -> list[str]:
    """Delete every snapshot but the current one that no reader holds; the names deleted.

    Also removes what a writer killed while publishing left behind.

    >>> import tempfile
    >>> prune(tempfile.mkdtemp())
    []
    """
    folder = Path(path) / SNAPSHOTS
    if not folder.is_dir():
        return []
    keep = current_name(path)
    gone = []
    for entry in sorted(folder.iterdir()):
        if entry.name in (POINTER, keep) or not entry.is_dir():
            continue
        try:
            fd = os.open(entry, os.O_RDONLY | os.O_DIRECTORY)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:  # a reader still holds it: next time
            os.close(fd)
            continue
        try:
            shutil.rmtree(entry, ignore_errors=True)
            gone.append(entry.name)
        finally:
            os.close(fd)
    return gone


def _open_named(path: Path, name: str) -> Snapshot | None:
    """The snapshot ``name`` under a shared lock; None when it vanished meanwhile."""
    folder = path / SNAPSHOTS / name
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:  # a writer is deleting it
        os.close(fd)
        return None
    if not (folder / "CURRENT").is_file():
        os.close(fd)
        return None
    try:
        return Snapshot(ox.Store.read_only(str(folder)), name, fd)
    except OSError:
        os.close(fd)
        return None


def writer_active(path: str | os.PathLike[str]) -> bool:
    """True when a writer holds the store's lock (a read-only flock probe, writes nothing).

    >>> import tempfile
    >>> writer_active(tempfile.mkdtemp())
    False
    """
    try:
        fd = os.open(Path(path) / WRITER_LOCK, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def open_latest(path: str | os.PathLike[str], *, wait: float = 10.0) -> Snapshot:
    """Open the newest snapshot of the store at ``path`` read-only.

    A store without snapshots (built by an older kg) is opened read-only
    directly, once no writer holds it: a writer of this version publishes a
    snapshot as soon as it has opened the store, so ``wait`` only matters
    for that first moment. Raises :class:`~kg.errors.StoreError` when there
    is no store at ``path`` or it cannot be read.
    """
    path = Path(path)
    deadline = time.monotonic() + max(wait, 0.0)
    while True:
        name = current_name(path)
        if name is not None:
            snap = _open_named(path, name)
            if snap is not None:
                return snap
            if current_name(path) == name:  # the named snapshot is broken: read the store itself
                return _open_primary(path)
            continue  # a writer published a newer one meanwhile
        if not (path / "CURRENT").is_file():
            raise StoreError(
                f"no graph store at {path}; build one with: kg build PATH --store {path}"
            )
        if not writer_active(path):
            return _open_primary(path)
        if time.monotonic() >= deadline:
            raise StoreError(
                f"the store {path} is being created by another kg process and has no snapshot "
                "to read yet; try again in a moment"
            )
        time.sleep(0.05)


def _open_primary(path: Path) -> Snapshot:
    try:
        return Snapshot(ox.Store.read_only(str(path)), "", None)
    except OSError as err:
        raise StoreError(f"cannot open the store {path}: {err}") from err


__all__ = [
    "POINTER",
    "SNAPSHOTS",
    "Snapshot",
    "current_name",
    "open_latest",
    "prune",
    "publish",
    "writer_active",
]
