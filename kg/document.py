"""A document as ingestion hands it to the recogniser.

``Document.text`` is the normalised text; every offset anywhere in kg (blocks,
footnotes, metadata spans, mentions, evidence) points into it.

>>> doc = Document(id="x", source="x.txt", text="Nr. 1\\n\\nHallo.")
>>> doc.text[doc.blocks[0].start:doc.blocks[0].end] if doc.blocks else 'no blocks'
'no blocks'
"""

from __future__ import annotations

import hashlib
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


@dataclass
class Metadata:
    """What the letter says about itself."""

    number: str | None = None  # "975"
    dossier: str | None = None  # "32 317" or "21 501-02"
    title: str | None = None
    addressee: str | None = None  # "de Voorzitter van de Tweede Kamer der Staten-Generaal"
    place: str | None = None  # "Den Haag"
    date: date | None = None
    senders: list[str] = field(default_factory=list)  # offices in the heading
    signatories: list[Signatory] = field(default_factory=list)
    meeting: MeetingRef | None = None
    language: str = "nl"
    kind: str | None = None  # "brief", "fiche", "antwoord", "council-text" ...

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        if self.meeting:
            data["meeting"]["dates"] = [d.isoformat() for d in self.meeting.dates]
        return data


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

    def __post_init__(self) -> None:
        if self.body_end < 0:
            self.body_end = len(self.text)
        if not self.content_hash:
            self.content_hash = hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def language(self) -> str:
        return self.meta.language

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
        }
