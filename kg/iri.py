"""The IRI scheme: entities ``<base>entity/<type>/<slug>``, documents ``<base>doc/<id>``.

Minted IRIs are deterministic: the same type and normalised name give the same
IRI in every document and every run.

>>> slugify("Raad van de EU")
'raad-van-de-eu'
>>> slugify("Terugkeerverordening (EU) 2025/101")
'terugkeerverordening-eu-2025-101'
>>> entity_iri("State", "Oekraïne", base="https://w3id.org/kg-eu/")
'https://w3id.org/kg-eu/entity/state/oekraine'
>>> document_iri("kst-32317-970", base="https://w3id.org/kg-eu/")
'https://w3id.org/kg-eu/doc/kst-32317-970'

Official identifiers are kept as written (``doc/kst-21501-07-DI``, ``doc/2025D13965``);
any other id becomes a slug (``doc/000-0b783c6c09b9d010``, ``doc/euco-15-24``).
"""

from __future__ import annotations

import re
import unicodedata

from kg.config import base_iri
from kg.identifiers import is_official

ENTITY_TYPES = (
    "State",
    "Agency",
    "Regulation",
    "Minister",
    "Person",
    "Meeting",
    "Motion",
    "Document",
    "Initiative",
)

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def strip_accents(text: str) -> str:
    """Remove diacritics: ``"Oekraïne"`` becomes ``"Oekraine"``.

    >>> strip_accents("Tsjechië, Italië")
    'Tsjechie, Italie'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slugify(text: str, max_length: int = 80) -> str:
    """A lowercase ASCII slug of letters, digits and single hyphens."""
    slug = _NON_SLUG.sub("-", strip_accents(text).lower()).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rstrip("-")
    return slug or "x"


def entity_iri(entity_type: str, name: str, base: str | None = None) -> str:
    """The deterministic IRI of a minted entity of ``entity_type`` named ``name``."""
    if entity_type not in ENTITY_TYPES:
        raise ValueError(f"unknown entity type {entity_type!r}")
    return f"{base or base_iri()}entity/{entity_type.lower()}/{slugify(name)}"


def document_iri(doc_id: str, base: str | None = None) -> str:
    """The IRI of a document, which is also the name of its named graph.

    >>> document_iri("kst-21501-07-DI", base="https://w3id.org/kg-eu/")
    'https://w3id.org/kg-eu/doc/kst-21501-07-DI'
    >>> document_iri("EUCO 15/24", base="https://w3id.org/kg-eu/")
    'https://w3id.org/kg-eu/doc/euco-15-24'
    """

    local = doc_id if is_official(doc_id) else slugify(doc_id, max_length=120)
    return f"{base or base_iri()}doc/{local}"
