"""The endpoint's dataset parameters and Service Description, over real HTTP.

A real server on 127.0.0.1 over a real on-disk Oxigraph store; clients are
plain HTTP (requests) and rdflib's SPARQLStore, a third-party SPARQL client.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
import requests
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from serve_fixtures import BASE, KG, write_store

from kg.serve.endpoint import EndpointSettings, start_in_thread

SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
COUNT_NAMED = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
ENV = f"{BASE}doc/env-2025-06"
JBZ = f"{BASE}doc/jbz-2024-10"
MISSING = f"{BASE}doc/no-such-letter"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    store = write_store(tmp_path_factory.mktemp("protocol") / "store")
    srv = start_in_thread(store, EndpointSettings(port=0, quiet=True, workers=1))
    yield srv
    srv.close()


def count(server, query: str, **params: str | list[str]) -> int:
    resp = requests.get(
        server.url + "sparql",
        params={"query": query, **params},
        headers={"Accept": "text/csv"},
        timeout=30,
    )
    assert resp.status_code == 200, resp.text
    return int(resp.text.splitlines()[1])


def test_without_a_dataset_the_default_graph_is_the_union(server) -> None:
    assert count(server, COUNT) == count(server, COUNT_NAMED) > 40


def test_a_graph_that_does_not_exist_is_an_empty_dataset(server) -> None:
    assert count(server, COUNT, **{"default-graph-uri": MISSING}) == 0
    assert count(server, COUNT_NAMED, **{"named-graph-uri": MISSING}) == 0
    # Named graphs only: the default graph is empty, not the union.
    assert count(server, COUNT, **{"named-graph-uri": JBZ}) == 0
    # The query's own FROM names a graph that does not exist.
    assert count(server, f"SELECT (COUNT(*) AS ?n) FROM <{MISSING}> WHERE {{ ?s ?p ?o }}") == 0


def test_dataset_parameters_choose_the_graphs(server) -> None:
    env = count(server, COUNT, **{"default-graph-uri": ENV})
    jbz = count(server, COUNT, **{"default-graph-uri": JBZ})
    both = count(server, COUNT, **{"default-graph-uri": [ENV, JBZ]})
    assert 0 < env < jbz and both == env + jbz
    named = count(server, COUNT_NAMED, **{"named-graph-uri": [ENV, MISSING]})
    assert named == env
    # The query's FROM is honoured, and the protocol's parameters win over it.
    from_env = f"SELECT (COUNT(*) AS ?n) FROM <{ENV}> WHERE {{ ?s ?p ?o }}"
    assert count(server, from_env) == env
    assert count(server, from_env, **{"default-graph-uri": JBZ}) == jbz
    from_named = f"SELECT (COUNT(*) AS ?n) FROM NAMED <{ENV}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    assert count(server, from_named) == env


def test_form_post_carries_the_dataset_parameters(server) -> None:
    resp = requests.post(
        server.url + "sparql",
        data={"query": COUNT, "default-graph-uri": MISSING},
        headers={"Accept": "text/csv"},
        timeout=30,
    )
    assert resp.text.splitlines()[1] == "0"
    body = requests.post(
        server.url + "sparql",
        params={"default-graph-uri": ENV},
        data=COUNT.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"},
        timeout=30,
    )
    assert int(body.text.splitlines()[1]) == count(server, COUNT, **{"default-graph-uri": ENV})


def test_rdflib_sparqlstore_as_a_client(server) -> None:
    store = SPARQLStore(query_endpoint=server.url + "sparql", returnFormat="json")
    everything = rdflib.Graph(store=store)
    states = everything.query(f"SELECT DISTINCT ?s WHERE {{ ?s a <{KG}State> }}")
    assert len(list(states)) == 3
    # A graph with an identifier asks with default-graph-uri: only that document.
    one = rdflib.Graph(store=store, identifier=rdflib.URIRef(ENV))
    rows = list(one.query(f"SELECT ?s WHERE {{ ?s <{KG}requested> ?o }}"))
    assert [str(r[0]) for r in rows] == [f"{BASE}entity/state/duitsland"]
    assert (
        list(rdflib.Graph(store=store, identifier=rdflib.URIRef(MISSING)).query(COUNT))[0][
            0
        ].toPython()
        == 0
    )


def _description(server, accept: str | None, fmt: str) -> rdflib.Graph:
    headers = {"Accept": accept} if accept else {}
    resp = requests.get(server.url + "sparql", headers=headers, timeout=30)
    assert resp.status_code == 200, resp.text
    if accept:
        assert resp.headers["Content-Type"].startswith(accept)
    return rdflib.Graph().parse(data=resp.content, format=fmt)


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [(None, "turtle"), ("text/turtle", "turtle"), ("application/rdf+xml", "xml")],
)
def test_the_endpoint_url_without_a_query_describes_the_service(server, accept, fmt) -> None:
    g = _description(server, accept, fmt)
    service = g.value(predicate=rdflib.RDF.type, object=SD.Service)
    assert service is not None
    assert str(g.value(service, SD.endpoint)) == server.url + "sparql"
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in g
    assert (service, SD.supportedLanguage, SD.SPARQL11Update) not in g  # read-only
    assert (service, SD.feature, SD.UnionDefaultGraph) in g
    formats = {str(f).rsplit("/", 1)[1] for f in g.objects(service, SD.resultFormat)}
    assert {"SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV"} <= formats
    assert {"Turtle", "RDF_XML"} <= formats
    dataset = g.value(service, SD.defaultDataset)
    names = {str(g.value(n, SD.name)) for n in g.objects(dataset, SD.namedGraph)}
    assert {ENV, JBZ, f"{BASE}graph/reference"} <= names
    triples = g.value(
        g.value(dataset, SD.defaultGraph), rdflib.URIRef("http://rdfs.org/ns/void#triples")
    )
    assert triples.toPython() == count(server, COUNT_NAMED)


def test_service_description_refuses_a_non_rdf_accept(server) -> None:
    resp = requests.get(server.url + "sparql", headers={"Accept": "image/png"}, timeout=30)
    assert resp.status_code == 406


def test_service_description_names_update_when_allowed(tmp_path: Path) -> None:
    settings = EndpointSettings(
        port=0, quiet=True, workers=1, allow_update=True, token="s3cret-token-for-tests-0123"
    )
    srv = start_in_thread(write_store(tmp_path / "s"), settings)
    try:
        g = _description(srv, "text/turtle", "turtle")
        service = g.value(predicate=rdflib.RDF.type, object=SD.Service)
        assert (service, SD.supportedLanguage, SD.SPARQL11Update) in g
    finally:
        srv.close()
