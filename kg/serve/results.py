"""SPARQL results and graphs written for the endpoint, with content negotiation.

The endpoint writes solutions itself (rather than with pyoxigraph's
``QuerySolutions.serialize``) so that it can stop at the row limit and at the
deadline while it iterates.

>>> from pyoxigraph import Literal, NamedNode, Variable
>>> fmt = negotiate("text/csv;q=0.9, application/sparql-results+json", RESULT_FORMATS)
>>> fmt.name
'json'
>>> out = write_solutions([Variable("s")], [[NamedNode("http://ex.org/a")], [Literal("x", language="nl")]], RESULT_FORMATS["tsv"])
>>> out.decode()
'?s\\n<http://ex.org/a>\\n"x"@nl\\n'
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, Triple, Variable, serialize

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@dataclass(frozen=True)
class OutputFormat:
    """One way of writing results: a short name (for ``?format=``) and its media type."""

    name: str
    media_type: str
    aliases: tuple[str, ...] = ()


#: Formats for SELECT and ASK results; the first is the default.
RESULT_FORMATS: dict[str, OutputFormat] = {
    f.name: f
    for f in (
        OutputFormat("json", "application/sparql-results+json", ("application/json",)),
        OutputFormat("xml", "application/sparql-results+xml", ("application/xml", "text/xml")),
        OutputFormat("csv", "text/csv"),
        OutputFormat("tsv", "text/tab-separated-values"),
    )
}

#: Formats for CONSTRUCT and DESCRIBE results; the first is the default.
GRAPH_FORMATS: dict[str, OutputFormat] = {
    f.name: f
    for f in (
        OutputFormat("turtle", "text/turtle", ("application/x-turtle",)),
        OutputFormat("ntriples", "application/n-triples", ("text/plain",)),
        OutputFormat("jsonld", "application/ld+json", ("application/json",)),
        OutputFormat("rdfxml", "application/rdf+xml", ("application/xml", "text/xml")),
    )
}

_RDF_FORMATS = {
    "turtle": RdfFormat.TURTLE,
    "ntriples": RdfFormat.N_TRIPLES,
    "jsonld": RdfFormat.JSON_LD,
    "rdfxml": RdfFormat.RDF_XML,
}

_PREFIXES = {
    "kg": "https://w3id.org/kg-eu/ontology#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
}


def _parse_accept(header: str) -> list[tuple[str, float]]:
    ranges: list[tuple[str, float]] = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        ranges.append((fields[0].lower(), q))
    return ranges


def negotiate(accept: str | None, formats: dict[str, OutputFormat]) -> OutputFormat | None:
    """The best of ``formats`` for an Accept header; the default when none is given.

    Returns None when the client accepts none of them (the caller answers 406).

    >>> negotiate(None, GRAPH_FORMATS).name
    'turtle'
    >>> negotiate("application/n-triples", GRAPH_FORMATS).media_type
    'application/n-triples'
    >>> negotiate("image/png", RESULT_FORMATS) is None
    True
    """
    options = list(formats.values())
    if not accept or not accept.strip():
        return options[0]
    best: tuple[float, int, OutputFormat] | None = None
    for media_range, q in _parse_accept(accept):
        if q <= 0:
            continue
        for rank, fmt in enumerate(options):
            types = (fmt.media_type, *fmt.aliases)
            major = media_range.split("/")[0]
            specific = media_range in types
            wildcard = media_range == "*/*" or (
                media_range == f"{major}/*" and any(t.startswith(major + "/") for t in types)
            )
            if specific or wildcard:
                # Exact matches beat wildcards at equal q; earlier formats win ties.
                score = (q + (0.001 if specific else 0.0), -rank, fmt)
                if best is None or score[:2] > best[:2]:
                    best = score
    return best[2] if best else None


def format_by_name(name: str, formats: dict[str, OutputFormat]) -> OutputFormat | None:
    """A format chosen with ``?format=``: a short name or a media type.

    >>> format_by_name("csv", RESULT_FORMATS).media_type
    'text/csv'
    >>> format_by_name("text/turtle", GRAPH_FORMATS).name
    'turtle'
    """
    key = name.strip().lower()
    if key in formats:
        return formats[key]
    for fmt in formats.values():
        if key == fmt.media_type or key in fmt.aliases:
            return fmt
    return None


def _json_term(term: object) -> dict[str, str]:
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, Triple):
        return {
            "type": "triple",
            "value": {  # type: ignore[dict-item]
                "subject": _json_term(term.subject),
                "predicate": _json_term(term.predicate),
                "object": _json_term(term.object),
            },
        }
    return {"type": "literal", "value": str(term)}


def _xml_term(term: object) -> str:
    if isinstance(term, NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return (
                f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
            )
        return f"<literal>{escape(term.value)}</literal>"
    return f"<literal>{escape(str(term))}</literal>"


def _csv_term(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, NamedNode | Literal):
        return term.value
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    return str(term)


def _tsv_term(term: object) -> str:
    # str() of a pyoxigraph term is its N-Triples form, which is what TSV results use.
    return "" if term is None else str(term)


def write_solutions(
    variables: Sequence[Variable], rows: Iterable[Sequence[object]], fmt: OutputFormat
) -> bytes:
    """Write SELECT solutions (rows of terms or None, in variable order) in ``fmt``.

    >>> from pyoxigraph import Literal, Variable
    >>> write_solutions([Variable("n")], [[Literal("3")]], RESULT_FORMATS["csv"])
    b'n\\r\\n3\\r\\n'
    """
    names = [v.value for v in variables]
    if fmt.name == "json":
        bindings = [
            {n: _json_term(t) for n, t in zip(names, row, strict=True) if t is not None}
            for row in rows
        ]
        doc = {"head": {"vars": names}, "results": {"bindings": bindings}}
        return json.dumps(doc, ensure_ascii=False).encode()
    if fmt.name == "xml":
        parts = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
        parts.append("<head>" + "".join(f"<variable name={quoteattr(n)}/>" for n in names))
        parts.append("</head>\n<results>")
        for row in rows:
            cells = "".join(
                f"<binding name={quoteattr(n)}>{_xml_term(t)}</binding>"
                for n, t in zip(names, row, strict=True)
                if t is not None
            )
            parts.append(f"<result>{cells}</result>")
        parts.append("</results>\n</sparql>\n")
        return "\n".join(parts).encode()
    if fmt.name == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(names)
        for row in rows:
            writer.writerow([_csv_term(t) for t in row])
        return buf.getvalue().encode()
    if fmt.name == "tsv":
        lines = ["\t".join(f"?{n}" for n in names)]
        lines += ["\t".join(_tsv_term(t) for t in row) for row in rows]
        return ("\n".join(lines) + "\n").encode()
    raise ValueError(f"not a results format: {fmt.name}")


def write_boolean(value: bool, fmt: OutputFormat) -> bytes:
    """Write an ASK result in ``fmt``.

    >>> write_boolean(True, RESULT_FORMATS["json"])
    b'{"head": {}, "boolean": true}'
    """
    if fmt.name == "json":
        return json.dumps({"head": {}, "boolean": value}).encode()
    if fmt.name == "xml":
        return (
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{'true' if value else 'false'}</boolean></sparql>\n"
        ).encode()
    # CSV/TSV have no boolean form in the standard; a one-cell table is what stores send.
    header = "_askResult" if fmt.name == "csv" else "?_askResult"
    return f"{header}\n{'true' if value else 'false'}\n".encode()


def write_triples(triples: Sequence[Triple], fmt: OutputFormat) -> bytes:
    """Write CONSTRUCT/DESCRIBE triples in ``fmt`` through Oxigraph's serialisers.

    >>> from pyoxigraph import Literal, NamedNode, Triple
    >>> t = Triple(NamedNode("https://w3id.org/kg-eu/doc/1"), NamedNode("http://purl.org/dc/terms/title"), Literal("x"))
    >>> print(write_triples([t], GRAPH_FORMATS["ntriples"]).decode(), end="")
    <https://w3id.org/kg-eu/doc/1> <http://purl.org/dc/terms/title> "x" .
    """
    rdf_format = _RDF_FORMATS[fmt.name]
    prefixes = _PREFIXES if fmt.name in ("turtle", "rdfxml") else None
    return serialize(list(triples), format=rdf_format, prefixes=prefixes)
