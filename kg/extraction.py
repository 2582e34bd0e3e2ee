"""The seam between language and graph: plain dataclasses and their JSON.

The JSON is the contract of ``kg extract --format json`` (see README):

>>> from kg.document import Document
>>> doc = Document(id="d", source="d.txt", text="Nederland steunt Frontex.")
>>> nl = Entity(id="https://w3id.org/kg-eu/entity/state/nederland", label="Nederland",
...             type="State", mentions=[Mention("Nederland", 0, 9)])
>>> ex = Extraction(document=doc, entities=[nl], relations=[])
>>> ex.to_json()["entities"][0]["mentions"]
[{'text': 'Nederland', 'start': 0, 'end': 9}]
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from kg.document import Document
from kg.iri import document_iri

DOCUMENT_SUBJECT = "@document"

#: Predicates scored against gold; the extractor may emit more (reportsOn, heldIn ...).
SCORED_PREDICATES = (
    "supports",
    "opposes",
    "concernedAbout",
    "requested",
    "holdsPost",
    "signedBy",
    "addressedTo",
    "cites",
)

#: The stance predicates: who supports, opposes, worries about or asks for what.
STANCE_PREDICATES = SCORED_PREDICATES[:4]


@dataclass(frozen=True)
class Mention:
    """A surface form of an entity at ``text[start:end]`` of the normalised text."""

    text: str
    start: int
    end: int
    rule: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass
class Entity:
    """One node: a known reference entity or a minted one, with its mentions here."""

    id: str
    label: str
    type: str
    mentions: list[Mention] = field(default_factory=list)
    same_as: list[str] = field(default_factory=list)
    known: bool = False  # True when it comes from ontology/reference
    attributes: dict[str, Any] = field(default_factory=dict)  # e.g. meeting dates

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "label": self.label,
            "type": self.type,
            "mentions": [m.to_json() for m in self.mentions],
            "sameAs": list(self.same_as),
        }
        if self.attributes:
            data["attributes"] = self.attributes
        return data


@dataclass(frozen=True)
class Evidence:
    """The sentence a relation was read from, with offsets into the normalised text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Issue:
    """What exactly a stance is about: the object phrase as written, with offsets.

    "geen voorstander van een uitbreiding van het mandaat van Eurojust" opposes
    Eurojust (the object entity) on the issue "een uitbreiding van het mandaat
    van Eurojust".
    """

    text: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass
class Relation:
    """A directed relation with its provenance.

    ``subject`` is an entity IRI or ``"@document"``; ``object`` an entity IRI.
    Stances may carry the ``issue``: the phrase of the text they are about.
    """

    subject: str
    predicate: str
    object: str
    rule: str
    evidence: Evidence
    condition: str | None = None  # "kan steunen wanneer ..." keeps its condition
    meeting: str | None = None  # IRI of the meeting the stance was taken at, if known
    issue: Issue | None = None  # stances: the object phrase as written

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "subject": self.subject,
            "predicate": self.predicate,
            "object": self.object,
            "rule": self.rule,
            "evidence": {
                "text": self.evidence.text,
                "start": self.evidence.start,
                "end": self.evidence.end,
            },
        }
        if self.condition:
            data["condition"] = self.condition
        if self.meeting:
            data["meeting"] = self.meeting
        if self.issue:
            data["issue"] = self.issue.to_json()
        return data


@dataclass
class Extraction:
    """Everything read from one document."""

    document: Document
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)

    @property
    def document_iri(self) -> str:
        return document_iri(self.document.id)

    def entity(self, iri: str) -> Entity | None:
        for ent in self.entities:
            if ent.id == iri:
                return ent
        return None

    def to_json(self) -> dict[str, Any]:
        meta = self.document.meta
        return {
            "id": self.document_iri,
            "source": self.document.source,
            "title": meta.title,
            "date": meta.date.isoformat() if meta.date else None,
            "language": meta.language,
            "entities": [e.to_json() for e in self.entities],
            "relations": [r.to_json() for r in self.relations],
        }


def extractions_to_json(extractions: list[Extraction], indent: int | None = 2) -> str:
    """Serialise extractions as the ``{"documents": [...]}`` JSON contract."""
    return json.dumps(
        {"documents": [e.to_json() for e in extractions]}, ensure_ascii=False, indent=indent
    )
