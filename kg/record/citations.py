"""Citations that meet: a cited paper is the node of the letter itself.

"Kamerstuk 32 317, nr. 970" cited by one letter, "Kamerstukken II 2024/25, 32
317, nr. 970" by another, and the letter ``kst-32317-970`` read into the graph
are one node, ``<base>doc/kst-32317-970``; so is a Council document ("ST
9876/19"). A motion stays a node of its own (a decision of the Kamer, named by
its members), linked to the Kamerstuk that records it by :func:`motion_paper_iri`
("motie Bikker en Omtzigt, Kamerstuk 36 410, nr. 31" is published as
``doc/kst-36410-31``), so a letter citing the motion and one citing the paper
meet at that paper. Anything else cited keeps the IRI the recogniser mints
from its name.

>>> cited_document_iri("Document", "Kamerstuk 32 317, nr. 970", {"dossier": "32 317", "nr": "970"},
...                     base="https://w3id.org/kg-eu/")
'https://w3id.org/kg-eu/doc/kst-32317-970'
>>> motion_paper_iri({"nr": "31", "dossier": "36 410"}, base="https://w3id.org/kg-eu/")
'https://w3id.org/kg-eu/doc/kst-36410-31'
>>> cited_document_iri("Document", "ST 9876/19", {}, base="https://w3id.org/kg-eu/")
'https://w3id.org/kg-eu/doc/st-9876-19'
>>> cited_document_iri("Motion", "motie Bikker", {"nr": "31", "dossier": "36 410"}) is None
True
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from kg.identifiers import council_document_id, kamerstuk_id
from kg.iri import document_iri

#: "Kamerstuk 21 501-02, nr. 2733", "Kamerstukken II 2023/24, 36 410, nr. 31", "36200-VI-33".
_PAPER = re.compile(
    r"(?<!\d)(?P<dossier>\d{2}\s?\d{3}(?:-\d{2}|\s[IVXLC]{1,6})?)(?:,?\s*nr\.?\s*|-)(?P<nr>\d{1,5})(?!\d)"
)


def cited_paper(text: str) -> tuple[str, str] | None:
    """The last ``(dossier, number)`` a reference such as a motion's footnote names.

    >>> cited_paper("Kamerstuk 21 501-02, nr. 2733")
    ('21 501-02', '2733')
    >>> cited_paper("(Kamerstuk 36 410, nr. 74)"), cited_paper("nr. 31") is None
    (('36 410', '74'), True)
    """
    found = list(_PAPER.finditer(text))
    if not found:
        return None
    m = found[-1]
    return " ".join(m.group("dossier").split()), m.group("nr")


def cited_document_iri(
    entity_type: str, label: str, attrs: Mapping[str, Any], base: str | None = None
) -> str | None:
    """The document IRI a cited paper or Council document resolves to, else None."""
    if entity_type != "Document":
        return None
    paper = motion_paper_iri(attrs, base)
    if paper:
        return paper
    council = council_document_id(label)
    return document_iri(council, base) if council else None


def motion_paper_iri(attrs: Mapping[str, Any], base: str | None = None) -> str | None:
    """The IRI of the Kamerstuk with the ``dossier`` and ``nr`` of ``attrs``, if both are known."""
    dossier, nr = attrs.get("dossier"), attrs.get("nr")
    if not (dossier and nr):
        return None
    identifier = kamerstuk_id(str(dossier), str(nr))
    return document_iri(identifier, base) if identifier else None
