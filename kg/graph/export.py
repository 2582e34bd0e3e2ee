"""Write the graph out with Oxigraph's serialisers and the model's prefixes.

Quad formats (TriG, N-Quads, JSON-LD) keep one named graph per document;
triple formats (Turtle, N-Triples, RDF/XML) write the union of all graphs,
or one graph with ``graph=``.

>>> from kg.graph.store import KnowledgeGraph
>>> import pyoxigraph as ox
>>> kg = KnowledgeGraph()
>>> d = "https://w3id.org/kg-eu/doc/d1"
>>> kg.replace_document(d, [ox.Triple(ox.NamedNode(d), ox.NamedNode(PREFIXES["rdf"] + "type"),
...                                   ox.NamedNode(PREFIXES["kg"] + "SourceDocument"))])
>>> print(export_graph(kg, "turtle", graph=d).decode().splitlines()[-1])
doc:d1 a kg:SourceDocument .
"""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from kg import messages
from kg.errors import ConfigError, StoreError
from kg.graph.rdf import PREFIXES, graph_iri, prefixes
from kg.graph.store import KnowledgeGraph

#: Export format name -> (pyoxigraph format, usual file extension).
EXPORT_FORMATS: dict[str, tuple[ox.RdfFormat, str]] = {
    "turtle": (ox.RdfFormat.TURTLE, "ttl"),
    "trig": (ox.RdfFormat.TRIG, "trig"),
    "nquads": (ox.RdfFormat.N_QUADS, "nq"),
    "ntriples": (ox.RdfFormat.N_TRIPLES, "nt"),
    "jsonld": (ox.RdfFormat.JSON_LD, "jsonld"),
    "rdfxml": (ox.RdfFormat.RDF_XML, "rdf"),
}

#: rdflib parser names of the export formats (to read an export back).
RDFLIB_FORMATS = {
    "turtle": "turtle",
    "trig": "trig",
    "nquads": "nquads",
    "ntriples": "nt",
    "jsonld": "json-ld",
    "rdfxml": "xml",
}

_OWN_GRAPHS = ("ontology", "reference", "builds")


def resolve_graph(store: KnowledgeGraph, graph: str) -> str:
    """A graph IRI from a document IRI, id or source path, or ontology/reference/builds."""
    if graph in _OWN_GRAPHS:
        return graph_iri(graph, store.base)
    names = set(store.graph_names())
    if graph in names:
        return graph
    from kg.graph.build import _resolve_document

    iri = _resolve_document(store, graph)
    if iri is None:
        raise StoreError(f"no graph or document {graph!r} in the store")
    return iri


def _sorted_union(store: KnowledgeGraph, skip_builds: bool) -> list[ox.Triple]:
    where = "?s ?p ?o"
    if skip_builds:
        where = f"GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{graph_iri('builds', store.base)}>)"
    triples = list(
        store.store.query(
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {where} }}", use_default_graph_as_union=True
        )
    )
    return _ordered(triples)


_RDF_TYPE = PREFIXES["rdf"] + "type"


def _ordered(triples: list[ox.Triple]) -> list[ox.Triple]:
    """Subject order lets the Turtle writer group a subject's triples under one head."""
    triples.sort(key=lambda t: (t.subject.value, t.predicate.value != _RDF_TYPE, t.predicate.value))
    return triples


_PREFIX_LINES = re.compile(rb"\A(?:@prefix [^\n]*\n)*")


def _concatenated(
    store: KnowledgeGraph,
    rdf_format: ox.RdfFormat,
    target: str | IO[bytes] | None,
    pfx: dict[str, str],
    skip_builds: bool,
) -> bytes | None:
    """The union as Turtle or N-Triples, written graph by graph by Oxigraph's own writer.

    Triples shared by several graphs (an entity's type and label) are written
    once per graph: the file still parses to the union, and this is several
    times faster than deduplicating through a query.
    """
    skip = {graph_iri("builds", store.base)} if skip_builds else set()
    names = sorted(
        (g for g in store.store.named_graphs() if g.value not in skip), key=lambda g: g.value
    )
    turtle = rdf_format == ox.RdfFormat.TURTLE
    buffer = io.BytesIO() if target is None else None
    with contextlib.ExitStack() as stack:
        if isinstance(target, str):
            out: IO[bytes] = stack.enter_context(open(target, "wb"))
        else:
            out = target if target is not None else buffer  # type: ignore[assignment]
        if turtle:
            out.write("".join(f"@prefix {p}: <{ns}> .\n" for p, ns in pfx.items()).encode())
        for name in [ox.DefaultGraph(), *names]:
            data = store.store.dump(
                format=rdf_format, from_graph=name, prefixes=pfx if turtle else None
            )
            if turtle:
                data = data[_PREFIX_LINES.match(data).end() :]
            out.write(data)
    return buffer.getvalue() if buffer is not None else None


def export_graph(
    store: KnowledgeGraph,
    fmt: str = "turtle",
    *,
    graph: str | None = None,
    output: str | os.PathLike[str] | IO[bytes] | None = None,
    include_builds: bool = True,
) -> bytes | None:
    """Serialise the store (or one graph) as ``fmt``; bytes when ``output`` is None.

    ``graph`` is a document IRI, id or source path, or ``ontology``,
    ``reference`` or ``builds``. ``include_builds=False`` leaves the build
    records out (for comparing two builds).
    """
    if fmt not in EXPORT_FORMATS:
        raise ConfigError(f"unknown format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    rdf_format, _ = EXPORT_FORMATS[fmt]
    pfx = prefixes(store.base)
    target: str | IO[bytes] | None
    target = str(output) if isinstance(output, (str, os.PathLike)) else output
    if isinstance(target, str):
        Path(target).parent.mkdir(parents=True, exist_ok=True)
    try:
        if fmt == "jsonld":
            data = _serialise(store, rdf_format, graph, None, pfx, include_builds)
            data = compact_jsonld(data or b"[]", pfx)
            if target is None:
                return data
            if isinstance(target, str):
                Path(target).write_bytes(data)
            else:
                target.write(data)
            return None
        return _serialise(store, rdf_format, graph, target, pfx, include_builds)
    except (OSError, ValueError) as err:
        raise StoreError(f"export as {fmt} failed: {err}") from err


def _serialise(
    store: KnowledgeGraph,
    rdf_format: ox.RdfFormat,
    graph: str | None,
    target: str | IO[bytes] | None,
    pfx: dict[str, str],
    include_builds: bool,
) -> bytes | None:
    if graph is not None:
        name = ox.NamedNode(resolve_graph(store, graph))
        if rdf_format.supports_datasets:
            quads = store.store.quads_for_pattern(None, None, None, name)
            return ox.serialize(quads, target, rdf_format, prefixes=pfx)
        triples = [q.triple for q in store.store.quads_for_pattern(None, None, None, name)]
        return ox.serialize(_ordered(triples), target, rdf_format, prefixes=pfx)
    if rdf_format.supports_datasets:
        if include_builds:
            return store.store.dump(target, rdf_format, prefixes=pfx)
        builds = ox.NamedNode(graph_iri("builds", store.base))
        quads = [q for q in store.store if q.graph_name != builds]
        return ox.serialize(quads, target, rdf_format, prefixes=pfx)
    if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES):
        return _concatenated(store, rdf_format, target, pfx, not include_builds)
    return ox.serialize(_sorted_union(store, not include_builds), target, rdf_format, prefixes=pfx)


def compact_jsonld(data: bytes, pfx: dict[str, str]) -> bytes:
    """Expanded JSON-LD with an ``@context`` of the prefixes and IRIs written compactly.

    >>> compact_jsonld(b'[{"@id": "https://w3id.org/kg-eu/doc/d1"}]', {"doc": "https://w3id.org/kg-eu/doc/"})
    b'{"@context": {"doc": "https://w3id.org/kg-eu/doc/"}, "@graph": [{"@id": "doc:d1"}]}'
    """
    import json

    namespaces = sorted(pfx.items(), key=lambda item: -len(item[1]))

    def short(iri: str) -> str:
        for prefix, ns in namespaces:
            if iri.startswith(ns) and len(iri) > len(ns) and not iri[len(ns) :].startswith("//"):
                return f"{prefix}:{iri[len(ns) :]}"
        return iri

    def walk(node: object) -> object:
        if isinstance(node, list):
            return [walk(x) for x in node]
        if isinstance(node, dict):
            out = {}
            for key, value in node.items():
                if key in ("@id", "@type") and isinstance(value, str):
                    out[key] = short(value)
                elif key == "@type" and isinstance(value, list):
                    out[key] = [short(v) if isinstance(v, str) else v for v in value]
                elif key.startswith("@"):
                    out[key] = walk(value) if key != "@value" else value
                else:
                    out[short(key)] = walk(value)
            return out
        return node

    doc = {"@context": dict(pfx), "@graph": walk(json.loads(data))}
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


#: File extension -> export format (the usual extension of each, and common others).
EXTENSIONS = {
    **{ext: name for name, (_, ext) in EXPORT_FORMATS.items()},
    "xml": "rdfxml",
    "owl": "rdfxml",
    "json": "jsonld",
}


def output_format(output: str | os.PathLike[str] | None, fmt: str | None) -> str:
    """The format an export writes: ``fmt``, else the one ``output``'s extension names, else Turtle.

    An extension that names another format, or one kg does not know (with no
    ``fmt``), is a :class:`~kg.errors.ConfigError`: ``-o g.foo`` never gets Turtle.

    >>> output_format("g.nq", None), output_format(None, "trig")
    ('nquads', 'trig')
    """
    if fmt is not None and fmt not in EXPORT_FORMATS:
        raise ConfigError(f"unknown format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    return messages.output_format(output, fmt, EXTENSIONS, "turtle")


__all__ = [
    "EXPORT_FORMATS",
    "EXTENSIONS",
    "PREFIXES",
    "RDFLIB_FORMATS",
    "export_graph",
    "output_format",
]
