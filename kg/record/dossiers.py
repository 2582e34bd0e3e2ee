"""Dossiers: the parliamentary files letters belong to, and the Council body each follows.

A dossier (``21 501-07``) groups a decade of letters; some follow one Council
configuration for good (21 501-07: Ecofin, 32 317: the JBZ-Raad). Those links
are data, in ``ontology/dossiers.ttl``, validated on load; any other dossier is
still a node, titled as its letters title it.

>>> ecofin = dossier("21 501-07")
>>> ecofin.iri, ecofin.identifier, ecofin.title
('https://w3id.org/kg-eu/entity/dossier/21501-07', '21501-07', 'Raad voor Economische en Financiële Zaken')
>>> [iri.rsplit("/", 1)[1] for iri in ecofin.follows]
['raad-economische-en-financiele-zaken']
>>> dossier("36 045", title="Situatie in de Oekraïne").number
'36 045'
>>> dossier_following("https://w3id.org/kg-eu/entity/councilconfiguration/raad-justitie-en-binnenlandse-zaken").number
'32 317'
>>> dossier_following("https://w3id.org/kg-eu/entity/councilconfiguration/raad-buitenlandse-zaken") is None
True
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyoxigraph as ox

from kg.config import DEFAULT_BASE, VOCAB, ontology_dir
from kg.errors import ConfigError, ReferenceDataError
from kg.identifiers import compact_dossier

__all__ = [
    "Dossier",
    "dossier",
    "dossier_for_council",
    "dossier_following",
    "dossier_iri",
    "load_dossiers",
    "spaced",
]

DOSSIER_BASE = f"{DEFAULT_BASE}entity/dossier/"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_DCTERMS = "http://purl.org/dc/terms/"


@dataclass(frozen=True)
class Dossier:
    """A dossier: its IRI, identifier ("21501-07"), number as printed ("21 501-07"),
    title and the Council configurations (or body) it follows."""

    iri: str
    identifier: str
    number: str
    title: str | None = None
    follows: tuple[str, ...] = ()


def dossier_iri(identifier: str) -> str:
    """The IRI of a dossier (fixed, like reference entities: independent of ``KG_BASE``).

    >>> dossier_iri("32317")
    'https://w3id.org/kg-eu/entity/dossier/32317'
    """
    return f"{DOSSIER_BASE}{identifier}"


def spaced(identifier: str) -> str:
    """A dossier identifier as parliament prints it: ``"21501-02"`` -> ``"21 501-02"``.

    >>> spaced("32317"), spaced("21501-02"), spaced("36200-VI")
    ('32 317', '21 501-02', '36 200 VI')
    """
    main, _, suffix = identifier.partition("-")
    number = f"{main[:2]} {main[2:]}"
    if not suffix:
        return number
    return f"{number}-{suffix}" if suffix.isdigit() else f"{number} {suffix}"


def _literal(props: dict[str, list[ox.Term]], name: str, where: str) -> str:
    values = props.get(name, [])
    if len(values) != 1 or not isinstance(values[0], ox.Literal):
        raise ReferenceDataError(f"{where}: needs exactly one {name} literal")
    return values[0].value


def load_dossiers(path: Path | None = None) -> dict[str, Dossier]:
    """The dossiers of ``ontology/dossiers.ttl`` by identifier, validated (none if no file).

    >>> import tempfile, pathlib
    >>> bad = pathlib.Path(tempfile.mkdtemp()) / "dossiers.ttl"
    >>> _ = bad.write_text('<https://w3id.org/kg-eu/entity/dossier/32317> '
    ...                    '<http://purl.org/dc/terms/identifier> "32 317" .')
    >>> load_dossiers(bad)
    Traceback (most recent call last):
    ...
    kg.errors.ReferenceDataError: dossiers.ttl: <https://w3id.org/kg-eu/entity/dossier/32317>: needs exactly one rdf:type, kg:Dossier
    """
    if path is None:
        try:
            path = ontology_dir() / "dossiers.ttl"
        except ConfigError:
            return {}
    if not path.is_file():
        return {}
    try:
        triples = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    except (OSError, SyntaxError) as err:
        raise ReferenceDataError(f"{path.name}: cannot be read: {err}") from err
    subjects: dict[str, dict[str, list[ox.Term]]] = {}
    for t in triples:
        props = subjects.setdefault(str(t.subject.value), {})
        name = t.predicate.value
        for prefix, short in ((VOCAB, "kg:"), (_DCTERMS, "dcterms:")):
            if name.startswith(prefix):
                name = short + name[len(prefix) :]
        props.setdefault("rdf:type" if name == _RDF_TYPE else name, []).append(t.object)
    return {d.identifier: d for d in (_dossier(s, p, path.name) for s, p in subjects.items())}


def _dossier(subject: str, props: dict[str, list[ox.Term]], file: str) -> Dossier:
    where = f"{file}: <{subject}>"
    types = [t.value for t in props.get("rdf:type", []) if isinstance(t, ox.NamedNode)]
    if types != [VOCAB + "Dossier"]:
        raise ReferenceDataError(f"{where}: needs exactly one rdf:type, kg:Dossier")
    identifier = _literal(props, "dcterms:identifier", where)
    if compact_dossier(spaced(identifier)) != identifier or subject != dossier_iri(identifier):
        raise ReferenceDataError(
            f"{where}: the IRI must be {DOSSIER_BASE}<identifier> with an identifier "
            f"like 21501-02, not {identifier!r}"
        )
    number = _literal(props, "kg:dossier", where)
    if number != spaced(identifier):
        raise ReferenceDataError(f"{where}: kg:dossier must read {spaced(identifier)!r}")
    title = _literal(props, "dcterms:title", where)
    follows = tuple(sorted(t.value for t in props.get("kg:configuration", [])))
    known = _known_bodies()
    for body in follows:
        if known and body not in known:
            raise ReferenceDataError(
                f"{where}: kg:configuration <{body}> is not a Council configuration or body "
                "of the reference data"
            )
    return Dossier(subject, identifier, number, title, follows)


def _known_bodies() -> set[str]:
    """Council configurations and agencies of the reference data (empty if it cannot load)."""
    try:
        from kg.reference import load_reference

        ref = load_reference()
    except Exception:  # no reference data installed: the links cannot be checked
        return set()
    return {e.iri for e in ref.entities.values() if e.type in ("CouncilConfiguration", "Agency")}


@cache
def _table(stamp: tuple[str, int, int] | None) -> dict[str, Dossier]:
    return load_dossiers(Path(stamp[0])) if stamp else {}


def _dossiers() -> dict[str, Dossier]:
    """The dossier table, cached until the file changes."""
    try:
        path = ontology_dir() / "dossiers.ttl"
    except ConfigError:
        return {}
    if not path.is_file():
        return _table(None)
    st = path.stat()
    return _table((str(path), st.st_mtime_ns, st.st_size))


def dossier(number: str, title: str | None = None) -> Dossier | None:
    """The dossier ``number`` ("21 501-07", "21501-07"): known, or new with ``title``."""
    identifier = compact_dossier(number)
    if identifier is None:
        return None
    known = _dossiers().get(identifier)
    if known is not None:
        return known
    clean = " ".join(title.split()) if title else None
    return Dossier(dossier_iri(identifier), identifier, spaced(identifier), clean or None)


def dossier_following(body: str) -> Dossier | None:
    """The one dossier that follows Council configuration (or body) ``body``, if exactly one."""
    found = [d for d in _dossiers().values() if body in d.follows]
    return found[0] if len(found) == 1 else None


def dossier_for_council(name: str) -> Dossier | None:
    """The one dossier that follows the Council body a meeting is named after.

    >>> dossier_for_council("JBZ-Raad").number, dossier_for_council("Ecofinraad").number
    ('32 317', '21 501-07')
    >>> dossier_for_council("Raad Buitenlandse Zaken") is None   # 21 501-02 and 21 501-28
    True
    """
    try:
        from kg.reference import load_reference

        found = load_reference().search(name)
    except Exception:  # no reference data: no council is known
        return None
    for kind in ("CouncilConfiguration", "Agency"):
        for entity in found:
            if entity.type == kind:
                return dossier_following(entity.iri)
    return None
