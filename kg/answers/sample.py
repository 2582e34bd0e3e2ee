"""A small hand-made graph of stances, for examples, doctests and tests.

Three letters about three Council meetings (2024-2025) in which Nederland,
Duitsland, Hongarije and Frankrijk take positions on the Terugkeerverordening,
the Migratiepact and Frontex; some stances carry their issue phrase, one is
undone later (Hongarije moves from opposition to support), and one letter has
its official page (``foaf:page``).

>>> store = sample_store()
>>> len(store.documents())
3
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pyoxigraph as ox

from kg.document import Document, Metadata
from kg.extraction import Entity, Evidence, Extraction, Issue, Mention, Relation
from kg.graph.store import KnowledgeGraph
from kg.iri import document_iri

_E = "https://w3id.org/kg-eu/entity/"
NL = _E + "state/nederland"
DE = _E + "state/duitsland"
HU = _E + "state/hongarije"
FR = _E + "state/frankrijk"
RETURN = _E + "regulation/terugkeerverordening"
PACT = _E + "regulation/migratiepact"
FRONTEX = _E + "agency/frontex"
FOAF_PAGE = "http://xmlns.com/foaf/0.1/page"
#: The official page the sample gives its first letter.
PAGE = "https://zoek.officielebekendmakingen.nl/kst-32317-900.html"

_NAMES = {
    NL: ("Nederland", "State"),
    DE: ("Duitsland", "State"),
    HU: ("Hongarije", "State"),
    FR: ("Frankrijk", "State"),
    RETURN: ("Terugkeerverordening", "Regulation"),
    PACT: ("Migratiepact", "Regulation"),
    FRONTEX: ("Frontex", "Agency"),
}

# (document id, title, date, meeting slug, meeting label, meeting day,
#  sentences: (text, [(holder, predicate, target, issue phrase or None)]))
_LETTERS = [
    (
        "kst-32317-900",
        "Verslag JBZ-Raad 10 oktober 2024",
        date(2024, 10, 14),
        "raad-justitie-en-binnenlandse-zaken-2024-10-10",
        "JBZ-Raad 10 oktober 2024",
        date(2024, 10, 10),
        [
            (
                "Nederland steunde een snel akkoord over de Terugkeerverordening.",
                [(NL, "supports", RETURN, "een snel akkoord over de Terugkeerverordening")],
            ),
            (
                "Hongarije verzette zich tegen het Migratiepact.",
                [(HU, "opposes", PACT, None)],
            ),
            (
                "Duitsland en Nederland steunden de versterking van Frontex.",
                [
                    (DE, "supports", FRONTEX, "de versterking van Frontex"),
                    (NL, "supports", FRONTEX, "de versterking van Frontex"),
                ],
            ),
        ],
    ),
    (
        "kst-32317-910",
        "Geannoteerde agenda JBZ-Raad 12 maart 2025",
        date(2025, 3, 3),
        "raad-justitie-en-binnenlandse-zaken-2025-03-12",
        "JBZ-Raad 12 maart 2025",
        date(2025, 3, 12),
        [
            (
                "Duitsland uitte zorgen over de uitvoerbaarheid van de Terugkeerverordening.",
                [(DE, "concernedAbout", RETURN, "de uitvoerbaarheid van de Terugkeerverordening")],
            ),
            (
                "Frankrijk en Nederland verzetten zich tegen het Migratiepact in zijn huidige vorm.",
                [(FR, "opposes", PACT, None), (NL, "opposes", PACT, None)],
            ),
            (
                "Hongarije steunde nu het Migratiepact.",
                [(HU, "supports", PACT, None)],
            ),
        ],
    ),
    (
        "kst-32317-920",
        "Verslag JBZ-Raad 13 juni 2025",
        date(2025, 6, 16),
        "raad-justitie-en-binnenlandse-zaken-2025-06-13",
        "JBZ-Raad 13 juni 2025",
        date(2025, 6, 13),
        [
            (
                "Nederland vroeg aandacht voor de terugkeer van uitgeprocedeerde asielzoekers.",
                [
                    (
                        NL,
                        "requested",
                        RETURN,
                        "de terugkeer van uitgeprocedeerde asielzoekers",
                    )
                ],
            ),
            (
                "Frankrijk en Duitsland steunden de Terugkeerverordening.",
                [(FR, "supports", RETURN, None), (DE, "supports", RETURN, None)],
            ),
        ],
    ),
]


def _spans(text: str, word: str) -> list[tuple[int, int]]:
    out, at = [], text.find(word)
    while at >= 0:
        out.append((at, at + len(word)))
        at = text.find(word, at + 1)
    return out


def sample_extractions() -> list[Extraction]:
    """The three sample letters as extractions (entities, mentions, stances with issues)."""
    out = []
    for doc_id, title, day, slug, meeting_label, meeting_day, sentences in _LETTERS:
        text = " ".join(s for s, _ in sentences)
        meeting = _E + "meeting/" + slug
        doc = Document(
            id=doc_id,
            source=f"{doc_id}.txt",
            text=text,
            meta=Metadata(
                number=doc_id.rsplit("-", 1)[-1], dossier="32 317", title=title, date=day
            ),
        )
        entities = [
            Entity(meeting, meeting_label, "Meeting", [], attributes={"date": meeting_day}),
        ]
        for iri, (label, kind) in _NAMES.items():
            stem = label[:-1] if label.endswith("e") else label
            found = _spans(text, stem) if iri != PACT else _spans(text, label)
            mentions = [Mention(text[s:e], s, e) for s, e in found]
            if mentions:
                entities.append(Entity(iri, label, kind, mentions))
        relations = []
        at = 0
        for sentence, stances in sentences:
            start = text.index(sentence, at)
            end = start + len(sentence)
            at = end
            evidence = Evidence(sentence, start, end)
            for holder, predicate, target, issue in stances:
                phrase = None
                if issue:
                    i = text.index(issue, start)
                    phrase = Issue(issue, i, i + len(issue))
                relations.append(
                    Relation(
                        holder,
                        predicate,
                        target,
                        f"sample.{predicate}",
                        evidence,
                        meeting=meeting,
                        issue=phrase,
                    )
                )
        out.append(Extraction(doc, entities, relations))
    return out


def sample_store(path: str | Path | None = None) -> KnowledgeGraph:
    """A store holding the sample letters (in memory, or on disk at ``path``, left open).

    The first letter has its official page (``foaf:page``).
    """
    from kg.graph.build import load_extractions

    store = KnowledgeGraph(path)
    load_extractions(store, sample_extractions())
    first = document_iri(_LETTERS[0][0])
    store.add_triples(
        first,
        [ox.Triple(ox.NamedNode(first), ox.NamedNode(FOAF_PAGE), ox.NamedNode(PAGE))],
    )
    return store
