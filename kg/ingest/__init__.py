"""Ingestion: read .txt/.md/.pdf/.html/.xml files into normalised :class:`~kg.document.Document` objects.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "brief.txt").write_text(
...     "Nr. 12 BRIEF VAN DE MINISTER VAN FINANCIËN\\n\\nDen Haag, 3 november 2025\\n\\n"
...     "Hierbij zend ik u het verslag van de Eurogroep van 1 en 2 oktober 2025 te\\n"
...     "Luxemburg1.\\n", encoding="utf-8")
>>> doc = ingest_path(folder / "brief.txt")
>>> doc.meta.number, doc.meta.date.isoformat(), doc.text.split("\\n\\n")[2]
('12', '2025-11-03', 'Hierbij zend ik u het verslag van de Eurogroep van 1 en 2 oktober 2025 te Luxemburg.')
>>> _ = (folder / "leeg.txt").write_text("  ")
>>> [type(x).__name__ for x in iter_documents([folder])]
['Document', 'IngestFailure']
"""

from __future__ import annotations

import glob
import hashlib
import os
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.document import Document
from kg.errors import IngestError
from kg.ingest.metadata import extract_metadata, looks_foreign
from kg.ingest.readers import (
    DEFAULT_MAX_BYTES,
    SUPPORTED_EXTENSIONS,
    IngestWarning,
    read_raw,
    too_long,
)
from kg.ingest.reflow import normalise

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUPPORTED_EXTENSIONS",
    "IngestFailure",
    "IngestWarning",
    "document_from_text",
    "expand_paths",
    "ingest_file",
    "ingest_path",
    "iter_documents",
    "missing_paths",
    "reading_order",
]


@dataclass(frozen=True)
class IngestFailure:
    """A file that could not be ingested, with the error that says why."""

    path: str
    error: IngestError

    def __str__(self) -> str:
        return str(self.error)


def document_from_text(
    raw: str, *, doc_id: str = "doc", source: str = "<text>", content_hash: str = ""
) -> Document:
    """Normalise raw text and read its metadata into a Document.

    The document's id is its official identifier when the letter (or its file
    name, in ``source``) gives one, else ``doc_id``.

    >>> doc = document_from_text("Den Haag, 1 juli 2024\\n\\nDe Raad\\nsprak.")
    >>> doc.text, doc.meta.date.isoformat(), doc.id
    ('Den Haag, 1 juli 2024\\n\\nDe Raad sprak.', '2024-07-01', 'doc')
    >>> document_from_text("32 317 JBZ-Raad\\n\\nNr. 975 BRIEF VAN DE MINISTER").id
    'kst-32317-975'
    """
    norm = normalise(raw)
    meta = extract_metadata(norm.text, norm.blocks, norm.body_end, source=source)
    return Document(
        id=meta.identifier or doc_id,
        source=source,
        text=norm.text,
        meta=meta,
        blocks=norm.blocks,
        footnotes=norm.footnotes,
        body_end=norm.body_end,
        content_hash=content_hash,
        source_map=norm.source_map,
    )


def ingest_path(
    path: str | os.PathLike[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_chars: int | None = None,
) -> Document:
    """Read one file into a normalised Document; raise IngestError (one line) if it cannot be read.

    ``max_bytes`` limits the file, ``max_chars`` the text as read (checked
    before normalising, whose cost grows with the text).
    """
    p = Path(path)
    raw = read_raw(p, max_bytes)
    if max_chars is not None and len(raw.text) > max_chars:
        raise IngestError(p, too_long(len(raw.text), max_chars))
    if not raw.text.strip():
        problem = (
            "the file holds only whitespace" if raw.format == "text" else "no text found in it"
        )
        raise IngestError(p, problem)
    doc = document_from_text(
        raw.text,
        doc_id=p.stem,
        source=str(path),
        content_hash=hashlib.sha256(raw.data).hexdigest(),
    )
    if not doc.text.strip():
        raise IngestError(p, "no readable text in the file")
    if looks_foreign(doc.text[: doc.body_end or None]):
        warnings.warn(
            f"{path}: the text seems to be neither Dutch nor English; it is read with the "
            f"{doc.meta.language} rules, so mostly names from the reference data are found",
            IngestWarning,
            stacklevel=2,
        )
    return doc


def _is_hidden(path: Path, root: Path) -> bool:
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        parts = path.parts
    return any(part.startswith(".") for part in parts)


#: Which of two files of one letter is read first: text, then HTML/XML, then PDF.
_FORMAT_RANK = {".txt": 0, ".md": 0, ".markdown": 0, ".text": 0, ".pdf": 2}


def reading_order(path: Path) -> tuple[str, str, int, str]:
    """The order a folder is read in: by folder and name, and of one letter in two formats
    the text before HTML before PDF (the first one read stands for the letter).

    >>> [p.name for p in sorted([Path("a.pdf"), Path("a.txt"), Path("a.html")], key=reading_order)]
    ['a.txt', 'a.html', 'a.pdf']
    """
    return (str(path.parent), path.stem, _FORMAT_RANK.get(path.suffix.lower(), 1), path.suffix)


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Files named by ``paths``: files as given, folders walked, globs expanded.

    In folders only files with a supported extension are taken and hidden files
    and folders are skipped; a file named explicitly is always taken. Each file is yielded once, even when named twice. Names that match nothing are
    yielded as given, so reading them reports the problem.
    """
    seen: set[str] = set()

    def once(p: Path) -> Iterator[Path]:
        key = os.path.realpath(p)
        if key not in seen:
            seen.add(key)
            yield p

    for item in paths:
        p = Path(item)
        if p.is_dir():
            for sub in sorted(p.rglob("*"), key=reading_order):
                # Not is_file(): a broken link or a pipe named like a document is reported.
                if (
                    not sub.is_dir()
                    and sub.suffix.lower() in SUPPORTED_EXTENSIONS
                    and not _is_hidden(sub, p)
                ):
                    yield from once(sub)
        elif p.exists():
            yield from once(p)
        elif glob.has_magic(str(item)):
            for match in sorted(
                glob.glob(str(item), recursive=True), key=lambda m: reading_order(Path(m))
            ):
                mp = Path(match)
                if mp.is_dir():
                    yield from expand_paths([mp])
                elif not mp.name.startswith("."):
                    yield from once(mp)
        else:
            yield from once(p)


def ingest_file(
    path: str | os.PathLike[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_chars: int | None = None,
) -> Document | IngestFailure:
    """:func:`ingest_path`, with any failure returned as an IngestFailure instead of raised.

    >>> print(ingest_file("/no/such/brief.txt"))
    /no/such/brief.txt: no such file
    """
    try:
        return ingest_path(path, max_bytes=max_bytes, max_chars=max_chars)
    except IngestError as err:
        return IngestFailure(str(path), err)
    except Exception as exc:  # a reader library choked: report it, keep going
        problem = f"could not be read ({type(exc).__name__}: {exc})".replace("\n", " ")
        return IngestFailure(str(path), IngestError(path, problem))


def iter_documents(
    paths: Iterable[str | os.PathLike[str]],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_chars: int | None = None,
) -> Iterator[Document | IngestFailure]:
    """Ingest every file named by ``paths``, yielding a Document or an IngestFailure for each."""
    for path in expand_paths(paths):
        yield ingest_file(path, max_bytes=max_bytes, max_chars=max_chars)


def missing_paths(paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    """The names in ``paths`` that are neither a file, a folder, a link nor a glob with matches.

    >>> missing_paths(["/no/such/path", "/no/such/*.txt", "."])
    ['/no/such/path', '/no/such/*.txt']
    """
    out = []
    for item in paths:
        p = Path(item)
        if p.exists() or p.is_symlink():
            continue
        if glob.has_magic(str(item)) and glob.glob(str(item), recursive=True):
            continue
        out.append(str(item))
    return out
