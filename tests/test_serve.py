"""kg serve over real HTTP: a server on a real 127.0.0.1 port, a real on-disk Oxigraph store."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests
from serve_fixtures import BASE, KG, TRIG, filler_store, free_port, non_loopback_ip, write_store

from kg.errors import ConfigError, ForbiddenOperationError
from kg.serve.endpoint import EndpointSettings, check_operation, start_in_thread

COUNT_STATES = f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a <{KG}State> }}"
STANCES = f"""PREFIX kg: <{KG}>
SELECT ?s ?p ?o WHERE {{ ?s ?p ?o . VALUES ?p {{ kg:supports kg:opposes kg:concernedAbout kg:requested }} }}
ORDER BY ?s ?p ?o"""
TOKEN = "s3cret-token-for-tests-0123"


def sparql(server, **kwargs) -> str:
    return server.url + "sparql"


def get(server, query: str, accept: str | None = None, **params) -> requests.Response:
    headers = {"Accept": accept} if accept else {}
    return requests.get(
        server.url + "sparql", params={"query": query, **params}, headers=headers, timeout=30
    )


# --- protocol and content negotiation ------------------------------------------------


def test_get_query_returns_sparql_json_over_the_union_of_named_graphs(server) -> None:
    resp = get(server, STANCES)
    assert resp.status_code == 200
    assert resp.headers["Content-Type"].startswith("application/sparql-results+json")
    data = resp.json()
    assert data["head"]["vars"] == ["s", "p", "o"]
    triples = {
        (b["s"]["value"], b["p"]["value"].rsplit("#")[1], b["o"]["value"])
        for b in data["results"]["bindings"]
    }
    # Relations from three different document graphs, no GRAPH clause needed.
    assert (f"{BASE}entity/state/nederland", "supports", f"{BASE}entity/agency/frontex") in triples
    assert (
        f"{BASE}entity/state/duitsland",
        "concernedAbout",
        f"{BASE}entity/regulation/migratiepact",
    ) in triples
    assert (f"{BASE}entity/state/duitsland", "requested", f"{BASE}entity/agency/frontex") in triples
    assert len(triples) == 5


def test_post_query_body_and_form_give_the_same_rows(server) -> None:
    direct = requests.post(
        sparql(server),
        data=COUNT_STATES.encode(),
        headers={"Content-Type": "application/sparql-query"},
        timeout=30,
    )
    form = requests.post(sparql(server), data={"query": COUNT_STATES}, timeout=30)
    assert direct.status_code == form.status_code == 200
    assert direct.json() == form.json()
    assert direct.json()["results"]["bindings"][0]["n"] == {
        "type": "literal",
        "value": "3",
        "datatype": "http://www.w3.org/2001/XMLSchema#integer",
    }


def test_csv_tsv_and_xml_results(server) -> None:
    query = f"SELECT ?label WHERE {{ <{BASE}entity/person/x> <http://www.w3.org/2000/01/rdf-schema#label> ?label }}"
    csv_resp = get(server, query, "text/csv")
    assert csv_resp.headers["Content-Type"].startswith("text/csv")
    assert csv_resp.content.decode() == "label\r\nZoë Ünal-O'Brien\r\n"
    tsv = get(server, query, "text/tab-separated-values")
    assert tsv.content.decode() == '?label\n"Zoë Ünal-O\'Brien"\n'
    xml = get(server, STANCES, "application/sparql-results+xml")
    root = ET.fromstring(xml.content)
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    assert [v.get("name") for v in root.findall("r:head/r:variable", ns)] == ["s", "p", "o"]
    assert len(root.findall("r:results/r:result", ns)) == 5
    # ?format= overrides the Accept header (handy from a browser address bar).
    assert get(server, query, "text/csv", format="json").json()["results"]["bindings"][0]["label"][
        "value"
    ]


def test_ask_boolean(server) -> None:
    resp = get(server, f"ASK {{ ?s <{KG}opposes> ?o }}")
    assert resp.json() == {"head": {}, "boolean": True}


def test_construct_in_turtle_ntriples_and_jsonld_reads_back(server, store_dir: Path) -> None:
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{BASE}doc/gac-2025-03> {{ ?s ?p ?o }} }}"
    expected = {str(t) for t in ox.Store.read_only(str(store_dir)).query(query)}
    assert len(expected) == 10
    for accept, fmt in [
        ("text/turtle", ox.RdfFormat.TURTLE),
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/rdf+xml", ox.RdfFormat.RDF_XML),
    ]:
        resp = get(server, query, accept)
        assert resp.status_code == 200, resp.text
        assert resp.headers["Content-Type"].startswith(accept)
        got = {str(t) for t in ox.parse(resp.content, format=fmt)}
        assert got == expected, accept
    assert "@prefix kg:" in get(server, query).text  # Turtle by default, readable prefixes


def test_unacceptable_format_and_bad_query(server) -> None:
    assert get(server, COUNT_STATES, "image/png").status_code == 406
    bad = get(server, "SELECT WHERE {")
    assert bad.status_code == 400
    assert "syntax" in bad.text
    # No query: the service description (tests/test_serve_protocol.py).
    assert requests.get(server.url + "sparql", timeout=10).status_code == 200
    assert requests.get(server.url + "nothing-here", timeout=10).status_code == 404
    assert requests.put(sparql(server), data=b"x", timeout=10).status_code == 405
    wrong_type = requests.post(
        sparql(server), data=b"x", headers={"Content-Type": "text/plain"}, timeout=10
    )
    assert wrong_type.status_code == 415


def test_default_graph_uri_restricts_the_default_graph(server) -> None:
    only_env = get(server, STANCES, **{"default-graph-uri": f"{BASE}doc/env-2025-06"})
    assert len(only_env.json()["results"]["bindings"]) == 1


# --- read-only: updates ---------------------------------------------------------------

INSERT = f"INSERT DATA {{ GRAPH <{BASE}doc/x> {{ <{BASE}entity/state/malta> a <{KG}State> }} }}"


def count_states(server) -> int:
    return int(get(server, COUNT_STATES).json()["results"]["bindings"][0]["n"]["value"])


def test_updates_are_refused_by_default(server) -> None:
    before = count_states(server)
    as_body = requests.post(
        sparql(server),
        data=INSERT.encode(),
        headers={"Content-Type": "application/sparql-update"},
        timeout=10,
    )
    as_form = requests.post(sparql(server), data={"update": INSERT}, timeout=10)
    with_token = requests.post(
        sparql(server),
        data={"update": INSERT},
        headers={"Authorization": f"Bearer {TOKEN}"},
        timeout=10,
    )
    as_get = requests.get(sparql(server), params={"update": INSERT}, timeout=10)
    assert [r.status_code for r in (as_body, as_form, with_token, as_get)] == [403, 403, 403, 403]
    # An update smuggled in as a query is not a query: refused by the parser, nothing written.
    assert get(server, INSERT).status_code == 400
    assert count_states(server) == before


def test_updates_need_the_flag_and_the_token(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        start_in_thread(write_store(tmp_path / "a"), EndpointSettings(port=0, allow_update=True))
    srv = start_in_thread(
        write_store(tmp_path / "b"),
        EndpointSettings(port=0, quiet=True, allow_update=True, token=TOKEN, workers=1),
    )
    try:
        before = count_states(srv)
        headers = {"Content-Type": "application/sparql-update"}
        missing = requests.post(sparql(srv), data=INSERT.encode(), headers=headers, timeout=30)
        assert missing.status_code == 401
        assert missing.headers["WWW-Authenticate"].startswith("Bearer")
        wrong = requests.post(
            sparql(srv),
            data=INSERT.encode(),
            headers={**headers, "Authorization": "Bearer nope-nope-nope-nope"},
            timeout=30,
        )
        assert wrong.status_code == 403
        assert count_states(srv) == before
        ok = requests.post(
            sparql(srv),
            data=INSERT.encode(),
            headers={**headers, "Authorization": f"Bearer {TOKEN}"},
            timeout=30,
        )
        assert ok.status_code == 204, ok.text
        assert count_states(srv) == before + 1  # the query workers see the update at once
        by_get = requests.get(
            sparql(srv),
            params={"update": INSERT},
            headers={"Authorization": f"Bearer {TOKEN}"},
            timeout=30,
        )
        assert by_get.status_code == 405  # the protocol takes updates by POST only
        load = requests.post(
            sparql(srv),
            data=b"LOAD <http://example.org/data.ttl>",
            headers={**headers, "Authorization": f"Bearer {TOKEN}"},
            timeout=30,
        )
        assert load.status_code == 403
        assert "LOAD" in load.text
    finally:
        srv.close()


# --- no outbound fetches ----------------------------------------------------------------


class Listener:
    """A TCP listener standing in for a remote server; records whether anyone connected."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.running = True
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while self.running:
            try:
                conn, _ = self.sock.accept()
                self.connections += 1
                conn.close()
            except OSError:
                continue

    def close(self) -> None:
        self.running = False
        self.thread.join(2)
        self.sock.close()


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ ?x ?y ?z . {{ SELECT ?s WHERE {{ SeRvIcE <{url}> {{ ?s ?p ?o }} }} }} }}",
        "SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
        "PREFIX r: <{url}>\nSELECT * WHERE {{ # comment\n SERVICE r: {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ SERVICE ?endpoint {{ ?s ?p ?o }} VALUES ?endpoint {{ <{url}> }} }}",
        # Spellings Oxigraph's parser reads as SERVICE although no word boundary is there:
        "PREFIX : <{url}>\nSELECT * WHERE {{ ?s ?p ?o SERVICE:{{ ?a ?b ?c }} }}",
        "PREFIX ex: <{url}>\nSELECT * WHERE {{ ?s ?p ?o SERVICEex:g {{ ?a ?b ?c }} }}",
        "PREFIX ex: <{url}>\nSELECT * WHERE {{ ?s ?p 1SERVICE ex:g {{ ?a ?b ?c }} }}",
        "PREFIX ex: <{url}>\nSELECT * WHERE {{ ?s ex:a\\#b ?o . SERVICE ex:g {{ ?a ?b ?c }} }}",
        "SELECT * WHERE {{ ?s ?p '''a''b''' . SERVICE <{url}> {{ ?a ?b ?c }} }} # '",
    ],
)
def test_service_is_refused_and_nothing_is_fetched(server, template: str) -> None:
    remote = Listener()
    try:
        query = template.format(url=f"http://127.0.0.1:{remote.port}/sparql")
        resp = get(server, query)
        post = requests.post(sparql(server), data={"query": query}, timeout=10)
        assert resp.status_code == post.status_code == 403
        assert "SERVICE" in resp.text
        time.sleep(0.3)
        assert remote.connections == 0
    finally:
        remote.close()


def test_service_as_a_word_inside_strings_iris_and_names_is_fine() -> None:
    check_operation(
        'SELECT ?service WHERE { ?service <http://ex.org/SERVICE> "SERVICE" } # SERVICE',
        update=False,
    )
    check_operation('PREFIX ex: <http://ex.org/>\nSELECT * { ?s ex:loader "LOAD" }', update=False)
    # Conservative on purpose: the letters inside a prefixed name are refused too.
    with pytest.raises(ForbiddenOperationError):
        check_operation(
            "PREFIX ex: <http://ex.org/>\nSELECT * { ?s ex:serviceArea ?o }", update=False
        )
    with pytest.raises(ForbiddenOperationError):
        check_operation("PREFIX ex: <http://ex.org/>\nLOADex:x", update=True)
    with pytest.raises(ForbiddenOperationError):
        check_operation("LOAD SILENT <http://ex.org/x> INTO GRAPH <http://ex.org/g>", update=True)


# --- binding, hosts, limits, CORS ------------------------------------------------------


def test_binds_loopback_only_by_default(server) -> None:
    assert server.server_address[0] == "127.0.0.1"
    ip = non_loopback_ip()
    if ip:
        with (
            pytest.raises(OSError),
            socket.create_connection((ip, server.server_address[1]), timeout=2),
        ):
            pass


def test_host_option_opens_it_to_other_interfaces(store_dir: Path) -> None:
    ip = non_loopback_ip()
    if not ip:
        pytest.skip("this machine has no non-loopback address")
    srv = start_in_thread(
        store_dir, EndpointSettings(host="0.0.0.0", port=0, quiet=True, workers=1)
    )
    try:
        url = f"http://{ip}:{srv.server_address[1]}/sparql"
        resp = requests.get(
            url, params={"query": COUNT_STATES}, headers={"Accept": "text/csv"}, timeout=10
        )
        assert resp.text == "n\r\n3\r\n"  # and any Host is fine when not bound to loopback
    finally:
        srv.close()


def test_foreign_host_header_is_refused_while_bound_to_loopback(server) -> None:
    # A DNS-rebinding page reaches 127.0.0.1 with its own host name in Host.
    resp = requests.get(server.url, headers={"Host": "evil.example:7878"}, timeout=10)
    assert resp.status_code == 403
    assert (
        requests.get(server.url, headers={"Host": "localhost:7878"}, timeout=10).status_code == 200
    )


def test_request_size_limits(tmp_path: Path) -> None:
    srv = start_in_thread(
        write_store(tmp_path / "s"),
        EndpointSettings(port=0, quiet=True, workers=1, max_request_bytes=2000),
    )
    try:
        padding = "#" + "x" * 3000 + "\n"
        big = requests.post(
            sparql(srv),
            data=(padding + COUNT_STATES).encode(),
            headers={"Content-Type": "application/sparql-query"},
            timeout=10,
        )
        assert big.status_code == 413
        long_url = requests.get(sparql(srv), params={"query": padding + COUNT_STATES}, timeout=10)
        assert long_url.status_code == 414
        assert count_states(srv) == 3  # still serving
    finally:
        srv.close()


def test_query_timeout_kills_the_query_and_the_server_keeps_serving(tmp_path: Path) -> None:
    path = filler_store(tmp_path / "slow", 300)
    srv = start_in_thread(path, EndpointSettings(port=0, quiet=True, workers=1, timeout=1.5))
    try:
        slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
        started = time.monotonic()
        resp = get(srv, slow)
        elapsed = time.monotonic() - started
        assert resp.status_code == 503
        assert "time limit" in resp.text
        assert elapsed < 6
        # The killed worker was replaced: the next query is answered.
        assert count_states(srv) == 3
    finally:
        srv.close()


def test_result_row_limit(tmp_path: Path) -> None:
    srv = start_in_thread(
        write_store(tmp_path / "s"), EndpointSettings(port=0, quiet=True, workers=1, row_limit=4)
    )
    try:
        resp = get(srv, "SELECT * WHERE { ?s ?p ?o }")
        assert len(resp.json()["results"]["bindings"]) == 4
        assert "4" in resp.headers["X-KG-Result-Truncated"]
        small = get(srv, COUNT_STATES)
        assert "X-KG-Result-Truncated" not in small.headers
        graph = get(srv, "CONSTRUCT WHERE { ?s ?p ?o }", "application/n-triples")
        assert len(graph.text.strip().splitlines()) == 4
    finally:
        srv.close()


def test_no_cors_headers_unless_asked(server, tmp_path: Path) -> None:
    origin = {"Origin": "https://elsewhere.example"}
    plain = requests.get(sparql(server), params={"query": COUNT_STATES}, headers=origin, timeout=10)
    assert plain.status_code == 403  # another origin, and no --cors
    assert not any(h.lower().startswith("access-control-") for h in plain.headers)
    pre = requests.options(
        sparql(server), headers={**origin, "Access-Control-Request-Method": "POST"}, timeout=10
    )
    assert "Access-Control-Allow-Origin" not in pre.headers
    allowed = {"Origin": "https://app.example"}
    srv = start_in_thread(
        write_store(tmp_path / "c"),
        EndpointSettings(port=0, quiet=True, workers=1, cors_origin="https://app.example"),
    )
    try:
        resp = requests.get(
            sparql(srv), params={"query": COUNT_STATES}, headers=allowed, timeout=10
        )
        assert resp.headers["Access-Control-Allow-Origin"] == "https://app.example"
        pre = requests.options(
            sparql(srv), headers={**allowed, "Access-Control-Request-Method": "POST"}, timeout=10
        )
        assert pre.status_code == 204
        assert "POST" in pre.headers["Access-Control-Allow-Methods"]
    finally:
        srv.close()


# --- the page -----------------------------------------------------------------------------


def test_page_is_self_contained_with_a_strict_policy(server) -> None:
    resp = requests.get(server.url, timeout=10)
    assert resp.status_code == 200
    html = resp.text
    assert "<textarea" in html and 'id="run"' in html
    # Nothing loaded from elsewhere: no src/href to any host, and CSP forbids it anyway.
    assert "src=" not in html and "href=" not in html and "@import" not in html
    csp = resp.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "connect-src 'self'" in csp
    queries = requests.get(server.url + "queries", timeout=10).json()
    assert isinstance(queries, list)
    assert all({"name", "title", "query"} <= set(q) for q in queries)


def test_shipped_queries_listing_reads_rq_headers(tmp_path: Path) -> None:
    from kg.serve.endpoint import shipped_queries

    (tmp_path / "states.rq").write_text(
        "# Which states are there?\n# @param type iri  the class; unbound: all\n"
        "SELECT ?s { ?s a ?type }\n"
    )
    found = shipped_queries(tmp_path)
    assert found == [
        {
            "name": "states",
            "title": "Which states are there?",
            "params": [{"name": "type", "kind": "iri", "description": "the class; unbound: all"}],
            "query": (tmp_path / "states.rq").read_text(),
        }
    ]


# --- the CLI ---------------------------------------------------------------------------------


def test_kg_serve_command_serves_a_store(store_dir: Path, tmp_path: Path) -> None:
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kg",
            "serve",
            "--store",
            str(store_dir),
            "--port",
            str(port),
            "--quiet",
            "--workers",
            "1",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                resp = requests.get(
                    f"http://127.0.0.1:{port}/sparql",
                    params={"query": COUNT_STATES},
                    headers={"Accept": "text/csv"},
                    timeout=5,
                )
                break
            except requests.ConnectionError:
                assert proc.poll() is None, proc.stderr.read()
                assert time.monotonic() < deadline, "kg serve did not start"
                time.sleep(0.2)
        assert resp.text == "n\r\n3\r\n"
    finally:
        proc.terminate()
        proc.wait(10)
    assert "SPARQL endpoint at http://127.0.0.1:" in proc.stdout.read()


def test_kg_serve_without_a_store_is_one_clear_error(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kg", "serve", "--store", str(tmp_path / "missing"), "--port", "0"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "no graph store at" in result.stderr
    assert "Traceback" not in result.stderr


def test_serving_does_not_block_builds_and_sees_them_after_refresh(tmp_path: Path) -> None:
    from kg.graph.store import KnowledgeGraph

    path = tmp_path / "kg"
    graph = KnowledgeGraph(path, load_ontology=False)
    graph.store.load(TRIG.encode(), format=ox.RdfFormat.TRIG)
    graph.close()
    srv = start_in_thread(path, EndpointSettings(port=0, quiet=True, workers=1, refresh=0.3))
    try:
        assert count_states(srv) == 3
        # A build takes the writer's lock while the endpoint is up: it gets it at once,
        # and the endpoint keeps answering from its snapshot meanwhile.
        writer = KnowledgeGraph(path, load_ontology=False, lock_timeout=2)
        try:
            writer.store.update(INSERT)
            time.sleep(0.4)
            assert count_states(srv) == 3
        finally:
            writer.close()
        time.sleep(0.4)
        assert count_states(srv) == 4
    finally:
        srv.close()


def test_query_workers_have_no_network_even_if_a_service_got_through(store_dir: Path) -> None:
    """The second wall: a SERVICE handed straight to a worker (past the check) reaches nothing."""
    from kg.serve.results import GRAPH_FORMATS, RESULT_FORMATS
    from kg.serve.worker import QueryJob, QueryPool

    remote = Listener()
    with QueryPool(store_dir, workers=1) as pool:
        if not pool.network_isolated:
            pytest.skip("this OS does not allow an empty network namespace")
        url = f"http://127.0.0.1:{remote.port}/sparql"
        query = f"SELECT * WHERE {{ ?s a ?t . SERVICE <{url}> {{ ?a ?b ?c }} }}"
        reply = pool.run(QueryJob(query, RESULT_FORMATS["json"], GRAPH_FORMATS["turtle"]))
    time.sleep(0.3)
    remote.close()
    assert reply.status >= 400
    assert b"unreachable" in reply.body.lower()
    assert remote.connections == 0
