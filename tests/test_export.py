"""kg.graph.export: every format written by Oxigraph and read back isomorphic (by rdflib)."""

from __future__ import annotations

import pytest
import rdflib
from graph_fixtures import example_store_dir, named_graphs
from rdflib.compare import isomorphic, to_isomorphic

from kg.cli import main
from kg.errors import ConfigError, StoreError
from kg.graph.export import EXPORT_FORMATS, RDFLIB_FORMATS, export_graph
from kg.graph.rdf import graph_iri
from kg.graph.store import KnowledgeGraph
from kg.iri import document_iri

DOC = document_iri("kst-21501-02-2035")


@pytest.fixture(scope="module")
def kg():
    with KnowledgeGraph(example_store_dir(), read_only=True) as store:
        yield store


@pytest.fixture(scope="module")
def graphs(kg):
    return named_graphs(kg)


@pytest.fixture(scope="module")
def union(graphs):
    g = rdflib.Graph()
    for part in graphs.values():
        g += part
    return g


def same(a: rdflib.Graph, b: rdflib.Graph) -> bool:
    return isomorphic(to_isomorphic(a), to_isomorphic(b))


@pytest.mark.parametrize("fmt", ["trig", "nquads", "jsonld"])
def test_quad_formats_keep_every_named_graph(kg, graphs, fmt):
    data = export_graph(kg, fmt, include_builds=False)
    ds = rdflib.Dataset()
    ds.parse(data=data, format=RDFLIB_FORMATS[fmt])
    back = {str(g.identifier): g for g in ds.graphs() if len(g)}
    assert set(back) == set(graphs)
    for name, g in graphs.items():
        assert same(back[name], g), f"{fmt}: graph {name} differs"


@pytest.mark.parametrize("fmt", ["turtle", "ntriples", "rdfxml"])
def test_triple_formats_write_the_union(kg, union, fmt):
    data = export_graph(kg, fmt, include_builds=False)
    back = rdflib.Graph().parse(data=data, format=RDFLIB_FORMATS[fmt])
    assert same(back, union), fmt


@pytest.mark.parametrize("fmt", sorted(EXPORT_FORMATS))
def test_one_document_graph_in_every_format(kg, graphs, fmt):
    data = export_graph(kg, fmt, graph="kst-21501-02-2035")
    if fmt in ("trig", "nquads", "jsonld"):
        ds = rdflib.Dataset()
        ds.parse(data=data, format=RDFLIB_FORMATS[fmt])
        back = ds.graph(rdflib.URIRef(DOC))
    else:
        back = rdflib.Graph().parse(data=data, format=RDFLIB_FORMATS[fmt])
    assert same(back, graphs[DOC])


def test_turtle_uses_readable_prefixes(kg):
    text = export_graph(kg, "turtle", graph=DOC).decode()
    assert "@prefix kg: <https://w3id.org/kg-eu/ontology#> ." in text
    assert "minister:s-a-blok" in text and "kg:signedBy" in text
    assert "doc:kst-21501-02-2035 a kg:SourceDocument" in text
    jsonld = export_graph(kg, "jsonld", graph=DOC).decode()
    assert jsonld.startswith('{"@context": {"kg": "https://w3id.org/kg-eu/ontology#"')
    assert '"@id": "doc:kst-21501-02-2035"' in jsonld and '"kg:signedBy"' in jsonld


def test_build_records_are_exported_unless_left_out(kg):
    builds = graph_iri("builds", kg.base)
    assert builds.encode() in export_graph(kg, "nquads")
    assert builds.encode() not in export_graph(kg, "nquads", include_builds=False)
    assert b"kg:Build" in export_graph(kg, "turtle", graph="builds")


def test_unknown_format_or_graph_is_a_clear_error(kg):
    with pytest.raises(ConfigError, match="unknown format"):
        export_graph(kg, "yaml")
    with pytest.raises(StoreError, match="no graph or document"):
        export_graph(kg, "turtle", graph="kst-0000")


def test_cli_export_to_a_file_guesses_the_format(tmp_path, union):
    out = tmp_path / "graph.nt"
    args = ["export", "--store", str(example_store_dir()), "--no-builds", "-o", str(out)]
    assert main(args) == 0
    back = rdflib.Graph().parse(out, format="nt")
    assert same(back, union)
