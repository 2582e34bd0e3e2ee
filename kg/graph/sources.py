"""Which input files are unchanged since the last build, known before they are read.

For every file a build turned into a document, the store folder keeps its
size, modification time and SHA-256 of its raw bytes, with the document it
became and that document's content hash (``kg-sources.json``). A later build
skips a file when

1. the store still holds that document with that content hash, built with
   the current rule set (so the record is never trusted on its own), and
2. the file has the same size and modification time (not read at all), or
   the same size and the same hash of its bytes (read, but not decoded,
   normalised or extracted: a ``touch`` or a copy).

Anything else (a new file, another size, other bytes, a record that does not
match the store) is ingested as before. The record is a cache: losing it
only costs the next build time.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> letter = folder / "brief.txt"
>>> _ = letter.write_text("Den Haag, 3 november 2025")
>>> index = SourceIndex()
>>> before = file_state(letter)
>>> index.record(letter, before, "https://w3id.org/kg-eu/doc/brief", "c0ffee")
>>> built = {"https://w3id.org/kg-eu/doc/brief": ("c0ffee", "rules")}
>>> index.unchanged(letter, built, "rules")
'https://w3id.org/kg-eu/doc/brief'
>>> _ = letter.write_text("Den Haag, 4 november 2025")
>>> index.unchanged(letter, built, "rules") is None
True
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

#: File name of the record in the store folder.
SOURCES_FILE = "kg-sources.json"
_VERSION = 1


@dataclass(frozen=True)
class FileState:
    """Size and modification time of a file, as ``os.stat`` gave them."""

    size: int
    mtime_ns: int


@dataclass(frozen=True)
class SourceRecord:
    """What a build read from one file and made of it."""

    size: int
    mtime_ns: int
    sha256: str
    document: str
    content_hash: str


def file_state(path: str | os.PathLike[str]) -> FileState | None:
    """The file's size and mtime; None when it cannot be stat'ed (ingestion says why).

    >>> file_state("/no/such/file") is None
    True
    """
    try:
        st = os.stat(path)
    except OSError:
        return None
    return FileState(st.st_size, st.st_mtime_ns)


def raw_hash(path: str | os.PathLike[str]) -> str | None:
    """SHA-256 of the file's bytes, read in blocks; None when it cannot be read.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
    >>> _ = p.write_bytes(b"")
    >>> raw_hash(p)[:12]
    'e3b0c44298fc'
    """
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return None
    return h.hexdigest()


def _key(path: str | os.PathLike[str]) -> str:
    return os.path.realpath(path)


class SourceIndex:
    """The record of the files earlier builds read, loaded from and saved to a store folder."""

    def __init__(self, records: Mapping[str, SourceRecord] | None = None) -> None:
        self.records: dict[str, SourceRecord] = dict(records or {})

    @classmethod
    def load(cls, folder: Path | None) -> SourceIndex:
        """The record kept in ``folder`` (empty when there is none or it is unreadable)."""
        if folder is None:
            return cls()
        try:
            data = json.loads((folder / SOURCES_FILE).read_text(encoding="utf-8"))
            if data.get("version") != _VERSION:
                return cls()
            return cls({k: SourceRecord(*v) for k, v in data["files"].items()})
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return cls()

    def save(self, folder: Path | None) -> None:
        """Write the record to ``folder`` whole (a temporary file renamed), if it can be written."""
        if folder is None:
            return
        payload = {
            "version": _VERSION,
            "files": {
                k: [r.size, r.mtime_ns, r.sha256, r.document, r.content_hash]
                for k, r in sorted(self.records.items())
            },
        }
        tmp = folder / f"{SOURCES_FILE}.tmp"
        with contextlib.suppress(OSError):
            tmp.write_text(json.dumps(payload), encoding="utf-8")
            os.replace(tmp, folder / SOURCES_FILE)

    def unchanged(
        self,
        path: str | os.PathLike[str],
        built: Mapping[str, tuple[str, str | None]],
        ruleset: str,
    ) -> str | None:
        """The document ``path`` became, when both the file and the stored graph are unchanged.

        ``built`` maps document IRIs to (content hash, rule-set hash) as the
        store recorded them (:meth:`kg.graph.store.KnowledgeGraph.document_hashes`).
        """
        record = self.records.get(_key(path))
        if record is None or built.get(record.document) != (record.content_hash, ruleset):
            return None
        state = file_state(path)
        if state is None or state.size != record.size:
            return None
        if state.mtime_ns == record.mtime_ns:
            return record.document
        if raw_hash(path) != record.sha256:
            return None
        self.records[_key(path)] = SourceRecord(
            state.size, state.mtime_ns, record.sha256, record.document, record.content_hash
        )
        return record.document

    def record(
        self,
        path: str | os.PathLike[str],
        before: FileState | None,
        document: str,
        content_hash: str,
    ) -> None:
        """Remember that ``path`` (as it was at ``before``, taken before reading) became ``document``.

        Nothing is kept when the file changed while it was being read.
        """
        if before is None or file_state(path) != before:
            return
        # a document's content hash is the SHA-256 of the file's raw bytes: no second read
        self.records[_key(path)] = SourceRecord(
            before.size, before.mtime_ns, content_hash, document, content_hash
        )


__all__ = ["SOURCES_FILE", "FileState", "SourceIndex", "SourceRecord", "file_state", "raw_hash"]
