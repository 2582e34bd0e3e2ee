"""A document as ingestion hands it to the recogniser.

``Document.text`` is the normalised text; every offset anywhere in kg (blocks,
footnotes, metadata spans, mentions, evidence) points into it.

>>> doc = Document(id="x", source="x.txt", text="Nr. 1\\n\\nHallo.")
>>> doc.text[doc.blocks[0].start:doc.blocks[0].end] if doc.blocks else 'no blocks'
'no blocks'
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

BLOCK_KINDS = ("title", "heading", "paragraph", "list_item", "signature", "footnote", "table")


@dataclass(frozen=True)
class Block:
    """A span of the normalised text with a layout role (heading, paragraph ...)."""

    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Footnote:
    """A footnote lifted out of the page.

    ``start``/``end`` delimit the footnote text in ``Document.text`` (footnotes
    are appended after the body, one per line, as ``"<number> <text>"``);
    ``marker`` is the offset in the body right after the word the marker was
    glued to, or -1 when the marker was not found.
    """

    number: str
    text: str
    start: int
    end: int
    marker: int = -1


@dataclass(frozen=True)
class Signatory:
    """A name in the signature block with the office above or before it."""

    name: str
    office: str
    start: int
    end: int


@dataclass(frozen=True)
class MeetingRef:
    """The meeting a letter reports on or announces."""

    name: str  # e.g. "Raad Justitie en Binnenlandse Zaken"
    dates: tuple[date, ...]
    place: str | None
    start: int
    end: int
    informal: bool = False
    abbreviation: str | None = None  # e.g. "JBZ-Raad", as written after the name


@dataclass
class Metadata:
    """What the letter says about itself."""

    number: str | None = None  # "975", or an Eerste Kamer paper's letters ("KX")
    dossier: str | None = None  # "32 317" or "21 501-02"
    dossier_title: str | None = None  # "JBZ-Raad", as the head prints it after the number
    title: str | None = None
    addressee: str | None = None  # "de Voorzitter van de Tweede Kamer der Staten-Generaal"
    place: str | None = None  # "Den Haag"
    date: date | None = None
    senders: list[str] = field(default_factory=list)  # offices in the heading
    signatories: list[Signatory] = field(default_factory=list)
    meeting: MeetingRef | None = None
    language: str = "nl"
    kind: str | None = None  # "brief", "fiche", "antwoord", "council-text" ...
    session: str | None = None  # the parliamentary year, "2023-2024"
    #: The official identifier ("kst-32317-975", "ah-tk-20232024-387", "2025D13965"), if known.
    identifier: str | None = None
    #: Every identifier the letter has (the official one first, e.g. its TK document number too).
    identifiers: list[str] = field(default_factory=list)
    #: Fields that could not be read (each left empty, with a warning naming file and field).
    unreadable: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        if self.meeting:
            data["meeting"]["dates"] = [d.isoformat() for d in self.meeting.dates]
        return data


@dataclass(frozen=True)
class SourceMap:
    """Maps offsets in ``Document.text`` back to the raw text the reader produced.

    ``segments`` are ``(norm_start, raw_start, length)`` runs copied verbatim from
    the raw text (decoded file for .txt/.md, extracted text for .pdf/.html),
    sorted by ``norm_start``. Characters between segments were inserted by
    normalisation (only whitespace); they map to the raw offset right after the
    preceding segment.

    >>> sm = SourceMap(((0, 5, 3), (4, 10, 2)))
    >>> [sm.to_source(i) for i in range(7)]
    [5, 6, 7, 8, 10, 11, 12]
    """

    segments: tuple[tuple[int, int, int], ...] = ()
    _starts: tuple[int, ...] = field(default=(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(seg[0] for seg in self.segments))

    def to_source(self, offset: int) -> int:
        """The raw offset of the character at ``offset`` in the normalised text."""
        i = bisect_right(self._starts, offset) - 1
        if i < 0:
            return self.segments[0][1] if self.segments else offset
        norm_start, raw_start, length = self.segments[i]
        if offset < norm_start + length:
            return raw_start + offset - norm_start
        return raw_start + length


@dataclass
class Document:
    """A normalised document: its text, layout blocks, footnotes and metadata."""

    id: str
    source: str
    text: str
    meta: Metadata = field(default_factory=Metadata)
    blocks: list[Block] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    #: Where the footnote section starts in ``text`` (len(text) when there is none).
    body_end: int = -1
    #: Hash of the raw file bytes, so a changed file is rebuilt and an unchanged one skipped.
    content_hash: str = ""
    #: Optional map from offsets in ``text`` back to the raw (decoded/extracted) text.
    source_map: SourceMap | None = None

    def __post_init__(self) -> None:
        if self.body_end < 0:
            self.body_end = len(self.text)
        if not self.content_hash:
            self.content_hash = hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def language(self) -> str:
        return self.meta.language

    def to_source(self, offset: int) -> int:
        """The raw-text offset of ``offset`` (the same offset when there is no source map)."""
        return self.source_map.to_source(offset) if self.source_map else offset

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "text": self.text,
            "metadata": self.meta.to_json(),
            "blocks": [asdict(b) for b in self.blocks],
            "footnotes": [asdict(f) for f in self.footnotes],
            "body_end": self.body_end,
            "content_hash": self.content_hash,
            "source_map": [list(seg) for seg in self.source_map.segments]
            if self.source_map
            else None,
        }
