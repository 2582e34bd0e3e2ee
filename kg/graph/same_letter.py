"""One document per letter: the same letter in two files is read once.

A letter saved as ``.txt`` and as ``.pdf``, or copied under another name,
must not become two documents (every stance would count twice). Two files are
the same letter when they carry the same official identifier (``kst-32317-975``)
or the same words (:func:`text_fingerprint`: case, spacing and punctuation
ignored, so a PDF and its text export agree). The first file read stands for
the letter; the other gets a warning naming both files.

>>> from kg.document import Document
>>> index = LetterIndex()
>>> a = Document(id="brief", source="in/brief.txt", text="Nederland steunt Frontex.")
>>> b = Document(id="kopie", source="in/kopie.txt", text="NEDERLAND steunt  Frontex")
>>> index.admit(a, "doc/brief").same_as is None
True
>>> print(index.admit(b, "doc/kopie").warning)
in/kopie.txt: the same letter as in/brief.txt (the same text); read once, as doc/brief
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from kg.document import Document
from kg.identifiers import is_official

_WORD = re.compile(r"\w+")


def text_fingerprint(text: str) -> str:
    """SHA-256 of the words of ``text``, case folded: equal for one letter in any format.

    >>> text_fingerprint("Den Haag, 3 november 2025") == text_fingerprint("den haag 3  NOVEMBER 2025.")
    True
    """
    words = " ".join(_WORD.findall(text.casefold()))
    return hashlib.sha256(words.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Letter:
    """A document the index knows: its IRI, source path and fingerprint."""

    iri: str
    source: str
    fingerprint: str | None


@dataclass
class Verdict:
    """What to do with a document: read it, skip it as a copy, or refuse it."""

    same_as: Letter | None = None  # the letter it repeats: skip it, with ``warning``
    warning: str = ""
    clash: bool = False  # another letter already has this (non-official) id: refuse it
    replaces: list[str] = field(default_factory=list)  # graphs of this file under an old id


class LetterIndex:
    """The letters a store holds and a build has read, by IRI, fingerprint and source."""

    def __init__(self, stored: list[Letter] | None = None) -> None:
        self.stored_by_iri = {s.iri: s for s in stored or []}
        self.stored_by_print = {s.fingerprint: s for s in stored or [] if s.fingerprint}
        self.read_by_iri: dict[str, Letter] = {}
        self.read_by_print: dict[str, Letter] = {}

    @classmethod
    def from_store(cls, store: Any) -> LetterIndex:
        """The letters of a :class:`kg.graph.store.KnowledgeGraph`, with fingerprint and source."""
        rows = store.query(
            "SELECT ?g ?t ?p WHERE { GRAPH ?g { ?g a kg:SourceDocument . "
            "OPTIONAL { ?g kg:textHash ?t } OPTIONAL { ?g kg:sourcePath ?p } } }"
        )
        return cls(
            [
                Letter(
                    r["g"].value, r["p"].value if r["p"] else "", r["t"].value if r["t"] else None
                )
                for r in rows
            ]
        )

    def admit(self, doc: Document, iri: str, fingerprint: str | None = None) -> Verdict:
        """Register ``doc`` (to be stored as ``iri``) and say whether to read it.

        ``fingerprint`` stands in for :func:`text_fingerprint` of a document sent
        without its text (a parallel worker's).
        """
        fingerprint = fingerprint or text_fingerprint(doc.text)
        this = Letter(iri, doc.source, fingerprint)
        first = self.read_by_iri.get(iri)
        if first is not None:
            if is_official(doc.id) or first.fingerprint == fingerprint:
                why = f"the same identifier {doc.id}" if is_official(doc.id) else "the same text"
                return self._same(doc, first, why)
            return Verdict(clash=True)
        copy = self.read_by_print.get(fingerprint)
        if copy is None:
            stored = self.stored_by_print.get(fingerprint)
            if stored is not None and stored.iri != iri and stored.source != doc.source:
                copy = stored
        if copy is not None and copy.iri != iri:
            return self._same(doc, copy, "the same text")
        self.read_by_iri[iri] = this
        self.read_by_print.setdefault(fingerprint, this)
        replaces = sorted(
            s.iri for s in self.stored_by_iri.values() if s.source == doc.source and s.iri != iri
        )
        old = self.stored_by_iri.get(iri)
        if old is not None and old.fingerprint and old.fingerprint != fingerprint:
            self.stored_by_print.pop(old.fingerprint, None)  # its text is being replaced
        return Verdict(replaces=replaces)

    def forget(self, iri: str) -> None:
        """Unregister a document that failed after it was admitted: a copy may stand in."""
        letter = self.read_by_iri.pop(iri, None)
        if letter is not None and self.read_by_print.get(letter.fingerprint or "") == letter:
            del self.read_by_print[letter.fingerprint or ""]

    @staticmethod
    def _same(doc: Document, first: Letter, why: str) -> Verdict:
        return Verdict(
            same_as=first,
            warning=(
                f"{doc.source}: the same letter as {first.source} ({why}); "
                f"read once, as {first.iri}"
            ),
        )
