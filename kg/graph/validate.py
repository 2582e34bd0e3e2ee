"""SHACL validation of the graph against ontology/shapes.ttl (pyshacl).

The data graph is the union of all graphs in the store (the ontology graph
included, so ``sh:class`` sees the subclass hierarchy). Each violation is
reported with its focus node, path, value, message and shape, in prefixed names.

>>> from rdflib import Graph
>>> shapes = Graph().parse(data='''
... @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix kg: <https://w3id.org/kg-eu/ontology#> .
... @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
... kg:StateShape a sh:NodeShape ; sh:targetClass kg:State ;
...   sh:property [ sh:path rdfs:label ; sh:minCount 1 ] .''', format="turtle")
>>> data = Graph().parse(data='<https://w3id.org/kg-eu/entity/state/x> a '
...                           '<https://w3id.org/kg-eu/ontology#State> .', format="turtle")
>>> report = validate_graph(data, shapes)
>>> report.conforms, report.violations[0].focus, report.violations[0].path
(False, 'state:x', 'rdfs:label')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import rdflib
from rdflib.namespace import SH

from kg.config import ontology_dir
from kg.errors import ValidationError
from kg.graph.rdf import PREFIXES, prefixes
from kg.graph.store import KnowledgeGraph


@dataclass(frozen=True)
class Violation:
    """One SHACL result, readable."""

    severity: str
    focus: str
    path: str
    value: str
    message: str
    shape: str

    def __str__(self) -> str:
        where = f"{self.focus}" + (f" {self.path}" if self.path else "")
        value = f" (value {self.value})" if self.value else ""
        return f"{self.severity}: {where}{value}: {self.message} ({self.shape})"


@dataclass
class ValidationReport:
    """Whether the graph conforms, and every violation found."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)

    def summary(self) -> str:
        if self.conforms:
            return "the graph conforms to the shapes"
        return f"{len(self.violations)} violation(s)"


def _short(term: Any, pfx: dict[str, str]) -> str:
    if term is None:
        return ""
    if isinstance(term, rdflib.URIRef):
        iri = str(term)
        best = max((ns for ns in pfx.values() if iri.startswith(ns)), key=len, default=None)
        if best is not None:
            prefix = next(p for p, ns in pfx.items() if ns == best)
            return f"{prefix}:{iri[len(best) :]}"
        return f"<{iri}>"
    if isinstance(term, rdflib.BNode):
        return "[]"
    return str(term)


def _shape_name(shapes: rdflib.Graph, shape: Any) -> str:
    """A named shape as ``kgsh:Name``; a blank property shape by the named shape holding it."""
    pfx = {"kgsh": "https://w3id.org/kg-eu/shapes#", **PREFIXES}
    seen = 0
    while isinstance(shape, rdflib.BNode) and seen < 5:
        parent = next(shapes.subjects(SH.property, shape), None) or next(
            shapes.subjects(SH.node, shape), None
        )
        if parent is None:
            break
        shape, seen = parent, seen + 1
    return _short(shape, pfx)


def shapes_path() -> Path:
    """ontology/shapes.ttl."""
    return ontology_dir() / "shapes.ttl"


def load_shapes(path: Path | None = None) -> rdflib.Graph:
    """The SHACL shapes graph; a clear error when the file is missing or malformed."""
    path = path or shapes_path()
    if not path.is_file():
        raise ValidationError(f"no shapes file at {path}")
    try:
        return rdflib.Graph().parse(path, format="turtle")
    except Exception as err:
        raise ValidationError(f"{path}: cannot read the shapes: {err}") from err


def validate_graph(
    data: rdflib.Graph, shapes: rdflib.Graph, *, base: str | None = None
) -> ValidationReport:
    """Validate an rdflib graph against a shapes graph."""
    from pyshacl import validate as shacl_validate

    conforms, results, _ = shacl_validate(
        data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True
    )
    pfx = prefixes(base)
    violations = []
    for result in results.subjects(rdflib.RDF.type, SH.ValidationResult):

        def one(pred: rdflib.URIRef, result: Any = result) -> Any:
            return results.value(result, pred)

        violations.append(
            Violation(
                severity=_short(one(SH.resultSeverity), {"sh": str(SH)}).removeprefix("sh:"),
                focus=_short(one(SH.focusNode), pfx),
                path=_short(one(SH.resultPath), pfx),
                value=_short(one(SH.value), pfx),
                message=str(one(SH.resultMessage) or ""),
                shape=_shape_name(shapes, one(SH.sourceShape)),
            )
        )
    violations.sort(key=lambda v: (v.severity != "Violation", v.focus, v.path, v.message))
    return ValidationReport(bool(conforms), violations)


def store_graph(store: KnowledgeGraph) -> rdflib.Graph:
    """The union of all the store's graphs as an in-memory rdflib Graph."""
    from kg.graph.export import export_graph

    data = rdflib.Graph()
    for prefix, ns in PREFIXES.items():
        data.bind(prefix, ns)
    data.parse(data=export_graph(store, "ntriples"), format="nt")
    return data


def validate(store: KnowledgeGraph, shapes: Path | None = None) -> ValidationReport:
    """Validate the whole store against ``shapes`` (default ontology/shapes.ttl).

    Example: ``validate(KnowledgeGraph("kg-store", read_only=True)).conforms``.
    """
    return validate_graph(store_graph(store), load_shapes(shapes), base=store.base)
