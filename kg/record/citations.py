"""Citations that meet: a cited paper is the node of the letter itself.

"Kamerstuk 32 317, nr. 970" cited by one letter, "Kamerstukken II 2024/25, 32
317, nr. 970" by another, and the letter ``kst-32317-970`` read into the graph
are one node, ``<base>doc/kst-32317-970``; so is a motion named with its
dossier and number ("motie Bikker en Omtzigt, Kamerstuk 36 410, nr. 31") and a
Council document ("ST 9876/19"). Anything else cited keeps the IRI the
recogniser mints from its name.

>>> cited_document_iri("Document", "Kamerstuk 32 317, nr. 970", {"dossier": "32 317", "nr": "970"},
...                     base="https://w3id.org/kg-eu/")
'https://w3id.org/kg-eu/doc/kst-32317-970'
>>> cited_document_iri("Motion", "motie Bikker", {"nr": "31", "dossier": "36 410"},
...                     base="https://w3id.org/kg-eu/")
'https://w3id.org/kg-eu/doc/kst-36410-31'
>>> cited_document_iri("Document", "ST 9876/19", {}, base="https://w3id.org/kg-eu/")
'https://w3id.org/kg-eu/doc/st-9876-19'
>>> cited_document_iri("Motion", "motie Van Zanten/Boomsma", {}) is None
True
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from kg.iri import document_iri
from kg.record.identifiers import council_document_id, kamerstuk_id

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
    """The document IRI a cited paper, motion or Council document resolves to, else None."""
    if entity_type not in ("Document", "Motion"):
        return None
    dossier, nr = attrs.get("dossier"), attrs.get("nr")
    if dossier and nr:
        identifier = kamerstuk_id(str(dossier), str(nr))
        if identifier:
            return document_iri(identifier, base)
    if entity_type == "Document":
        council = council_document_id(label)
        if council:
            return document_iri(council, base)
    return None
