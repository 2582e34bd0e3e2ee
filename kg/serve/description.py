"""The SPARQL 1.1 Service Description the endpoint answers at its URL without a query.

It says what the endpoint is (``sd:endpoint``), which languages it speaks
(query; update only when started with ``--allow-update``), the result
formats it writes, its features (the default graph is the union of the
named graphs) and its default dataset: the named graphs, each by name, and
the number of triples. Written with :func:`kg.serve.results.write_triples`,
so it is content-negotiated like any graph (Turtle, RDF/XML, N-Triples,
JSON-LD).

>>> triples = service_description("http://127.0.0.1:7878/sparql", ["https://w3id.org/kg-eu/doc/a"], 12)
>>> from kg.serve.results import GRAPH_FORMATS, write_triples
>>> text = write_triples(triples, GRAPH_FORMATS["ntriples"]).decode()
>>> f"<{SD}endpoint> <http://127.0.0.1:7878/sparql>" in text
True
>>> f"<{SD}name> <https://w3id.org/kg-eu/doc/a>" in text
True
"""

from __future__ import annotations

from collections.abc import Sequence

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from kg.serve.results import GRAPH_FORMATS, RESULT_FORMATS

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
FORMATS = "http://www.w3.org/ns/formats/"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD_INTEGER = NamedNode("http://www.w3.org/2001/XMLSchema#integer")

#: The W3C format IRIs (https://www.w3.org/ns/formats/) of the formats we write.
_FORMAT_IRIS = {
    "json": "SPARQL_Results_JSON",
    "xml": "SPARQL_Results_XML",
    "csv": "SPARQL_Results_CSV",
    "tsv": "SPARQL_Results_TSV",
    "turtle": "Turtle",
    "ntriples": "N-Triples",
    "jsonld": "JSON-LD",
    "rdfxml": "RDF_XML",
}


def service_description(
    endpoint: str,
    graphs: Sequence[str],
    triples: int,
    *,
    update: bool = False,
    limits: str = "",
) -> list[Triple]:
    """The description of the endpoint at ``endpoint`` serving ``graphs`` (``triples`` in all)."""
    service = BlankNode()
    dataset = BlankNode()
    default_graph = BlankNode()

    def sd(name: str) -> NamedNode:
        return NamedNode(SD + name)

    out = [
        Triple(service, RDF_TYPE, sd("Service")),
        Triple(service, sd("endpoint"), NamedNode(endpoint)),
        Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        Triple(service, sd("feature"), sd("UnionDefaultGraph")),
        Triple(
            service,
            sd("defaultEntailmentRegime"),
            NamedNode("http://www.w3.org/ns/entailment/Simple"),
        ),
        Triple(service, NamedNode(RDFS + "label"), Literal("kg SPARQL endpoint")),
        Triple(service, sd("defaultDataset"), dataset),
        Triple(dataset, RDF_TYPE, sd("Dataset")),
        Triple(dataset, sd("defaultGraph"), default_graph),
        Triple(default_graph, RDF_TYPE, sd("Graph")),
        Triple(
            default_graph, NamedNode(VOID + "triples"), Literal(str(triples), datatype=XSD_INTEGER)
        ),
    ]
    if update:
        out.append(Triple(service, sd("supportedLanguage"), sd("SPARQL11Update")))
    if limits:
        out.append(Triple(service, NamedNode(RDFS + "comment"), Literal(limits)))
    for name in (*RESULT_FORMATS, *GRAPH_FORMATS):
        out.append(Triple(service, sd("resultFormat"), NamedNode(FORMATS + _FORMAT_IRIS[name])))
    for graph in graphs:
        named = BlankNode()
        out += [
            Triple(dataset, sd("namedGraph"), named),
            Triple(named, RDF_TYPE, sd("NamedGraph")),
            Triple(named, sd("name"), NamedNode(graph)),
        ]
    return out


__all__ = ["SD", "service_description"]
