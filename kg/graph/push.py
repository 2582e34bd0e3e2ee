"""``kg push``: copy the store's named graphs to a SPARQL 1.1 Graph Store Protocol server.

Each named graph (one per document, plus ontology, reference and builds) is
PUT to ``ENDPOINT?graph=IRI``, which replaces it whole on the server. Only
graphs whose content changed since the last push are sent: the server keeps a
small state graph (:func:`state_graph_iri`) with a SHA-256 of each pushed
graph, so any machine pushing to the same server agrees on what is there, and
a wiped server gets everything again. Graphs gone from the store are deleted
from the server.

Works with Virtuoso (``/sparql-graph-crud-auth``, digest auth), Fuseki
(``/DATASET/data``), GraphDB (``/repositories/ID/rdf-graphs/service``) and
Oxigraph server (``/store``).

>>> graph_digest([b'<http://a> <http://b> "2" .', b'<http://a> <http://b> "1" .'])[:12]
'sha256:7e8b3'
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.config import base_iri
from kg.errors import EndpointError

#: Our own small vocabulary for the push state; kept out of kg: on purpose, so the
#: state never mixes with the graph's own terms in queries over the union graph.
PUSH_NS = "https://w3id.org/kg-eu/push#"
_GRAPH = ox.NamedNode(PUSH_NS + "graph")
_DIGEST = ox.NamedNode(PUSH_NS + "digest")


def state_graph_iri() -> str:
    """The named graph on the server that records what was pushed.

    >>> state_graph_iri()
    'https://w3id.org/kg-eu/graph/push-state'
    """
    return base_iri() + "graph/push-state"


def graph_digest(lines: Iterable[bytes]) -> str:
    """A content hash of a graph's N-Triples lines, independent of their order."""
    digest = hashlib.sha256()
    for line in sorted(set(lines)):
        digest.update(line.strip() + b"\n")
    return "sha256:" + digest.hexdigest()


def graph_ntriples(store: ox.Store, graph: ox.NamedNode) -> bytes:
    """One named graph as sorted N-Triples (stable bytes: same graph, same digest)."""
    triples = [
        ox.Triple(q.subject, q.predicate, q.object)
        for q in store.quads_for_pattern(None, None, None, graph)
    ]
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    lines = sorted(line for line in data.split(b"\n") if line.strip())
    return b"\n".join(lines) + b"\n" if lines else b""


@dataclass
class PushReport:
    """What a push did, graph by graph."""

    pushed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    bytes_sent: int = 0

    def summary(self) -> str:
        """One line for the CLI.

        >>> PushReport(pushed=["a"], unchanged=["b", "c"]).summary()
        'pushed 1 graph(s) (0 bytes), 2 unchanged, 0 deleted'
        """
        return (
            f"pushed {len(self.pushed)} graph(s) ({self.bytes_sent} bytes), "
            f"{len(self.unchanged)} unchanged, {len(self.deleted)} deleted"
        )


class GraphStoreClient:
    """A small SPARQL 1.1 Graph Store Protocol client (GET, PUT, DELETE of one graph).

    Basic or digest auth (``user``/``password``) or a bearer ``token``. Digest
    credentials are sent up front once the server's challenge is known (a
    bodiless request fetches it first), so a large graph is never sent only to
    be refused: Virtuoso answers 401 and closes the connection mid-upload.

    >>> GraphStoreClient("http://localhost:8890/sparql-graph-crud-auth").graph_url("http://ex.org/g")
    'http://localhost:8890/sparql-graph-crud-auth?graph=http%3A%2F%2Fex.org%2Fg'
    """

    def __init__(
        self,
        endpoint: str,
        *,
        user: str | None = None,
        password: str | None = None,
        token: str | None = None,
        timeout: float = 120.0,
    ) -> None:
        if not endpoint.startswith(("http://", "https://")):
            raise EndpointError(f"{endpoint}: the endpoint must be an http(s) URL")
        self.endpoint = endpoint
        self.timeout = timeout
        self._user, self._password = user, password or ""
        self._token = token
        self._challenge: dict[str, str] | None = None  # scheme + parameters, once known
        self._nc = 0

    def graph_url(self, graph: str) -> str:
        """The URL of one graph on the server (the ``graph`` parameter of the protocol)."""
        sep = "&" if "?" in self.endpoint else "?"
        return f"{self.endpoint}{sep}graph={urllib.parse.quote(graph, safe='')}"

    def _authorization(self, method: str, url: str) -> str | None:
        if self._token:
            return f"Bearer {self._token}"
        if self._user is None or self._challenge is None:
            return None
        if self._challenge["scheme"] == "basic":
            pair = f"{self._user}:{self._password}".encode()
            return "Basic " + base64.b64encode(pair).decode()
        return self._digest(method, url)

    def _digest(self, method: str, url: str) -> str:
        chal = self._challenge or {}
        parts = urllib.parse.urlsplit(url)
        uri = parts.path + (f"?{parts.query}" if parts.query else "")
        realm, nonce = chal.get("realm", ""), chal.get("nonce", "")

        def md5(text: str) -> str:
            return hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()

        ha1 = md5(f"{self._user}:{realm}:{self._password}")
        ha2 = md5(f"{method}:{uri}")
        fields = {"username": self._user, "realm": realm, "nonce": nonce, "uri": uri}
        qops = [q.strip() for q in chal.get("qop", "").split(",") if q.strip()]
        if "auth" in qops:
            self._nc += 1
            nc, cnonce = f"{self._nc:08x}", secrets.token_hex(8)
            fields["response"] = md5(f"{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}")
            extra = f', qop=auth, nc={nc}, cnonce="{cnonce}"'
        else:
            fields["response"] = md5(f"{ha1}:{nonce}:{ha2}")
            extra = ""
        if "opaque" in chal:
            fields["opaque"] = chal["opaque"]
        quoted = ", ".join(f'{k}="{v}"' for k, v in fields.items())
        return f"Digest {quoted}, algorithm=MD5{extra}"

    def _learn(self, header: str | None) -> bool:
        """Remember a WWW-Authenticate challenge; False when it offers nothing usable."""
        if not header or self._user is None:
            return False
        scheme, _, rest = header.strip().partition(" ")
        scheme = scheme.lower()
        if scheme not in ("digest", "basic"):
            return False
        params = urllib.request.parse_keqv_list(urllib.request.parse_http_list(rest))
        if scheme == "digest" and params.get("algorithm", "MD5").upper() != "MD5":
            return False
        self._challenge, self._nc = {"scheme": scheme, **params}, 0
        return True

    def _send(self, method: str, url: str, body: bytes | None) -> tuple[int, bytes, str | None]:
        headers = {}
        if body is not None:
            headers["Content-Type"] = "text/turtle; charset=utf-8"  # N-Triples is Turtle
        if method == "GET":
            headers["Accept"] = "text/turtle, application/n-triples;q=0.9"
        auth = self._authorization(method, url)
        if auth:
            headers["Authorization"] = auth
        request = urllib.request.Request(url, data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.status, response.read(), None
        except urllib.error.HTTPError as err:
            return err.code, err.read(), err.headers.get("WWW-Authenticate")
        except (urllib.error.URLError, OSError) as err:
            raise EndpointError(f"{self.endpoint}: cannot reach the server ({err})") from err

    def _request(self, method: str, graph: str, body: bytes | None = None) -> tuple[int, bytes]:
        url = self.graph_url(graph)
        if body is not None and self._user is not None and self._challenge is None:
            # Learn the challenge with a bodiless request before sending any data.
            status, _, challenge = self._send("GET", url, None)
            if status == 401:
                self._learn(challenge)
        status, data, challenge = self._send(method, url, body)
        if status == 401 and self._learn(challenge):  # first contact, or a stale nonce
            status, data, _ = self._send(method, url, body)
        return status, data

    def get(self, graph: str) -> bytes | None:
        """A graph's content as Turtle, or None when the server does not have it."""
        status, body = self._request("GET", graph)
        if status == 404:
            return None
        self._check(status, body, "GET", graph)
        return body

    def put(self, graph: str, ntriples: bytes) -> None:
        """Replace a graph with the given N-Triples."""
        status, body = self._request("PUT", graph, ntriples)
        self._check(status, body, "PUT", graph)

    def delete(self, graph: str) -> None:
        """Drop a graph (a graph already absent is fine)."""
        status, body = self._request("DELETE", graph)
        if status != 404:
            self._check(status, body, "DELETE", graph)

    def _check(self, status: int, body: bytes, method: str, graph: str) -> None:
        if status >= 400:
            detail = body.decode("utf-8", "replace").strip().splitlines()[:1]
            hint = " (check --user/--password or --token)" if status in (401, 403) else ""
            raise EndpointError(
                f"{self.endpoint}: {method} of graph {graph} failed with HTTP {status}"
                f"{hint}{': ' + detail[0][:200] if detail else ''}"
            )


def read_state(client: GraphStoreClient) -> dict[str, str]:
    """The server's record of pushed graphs: graph IRI -> digest (empty if none)."""
    data = client.get(state_graph_iri())
    if not data:
        return {}
    try:
        triples = ox.parse(data, format=ox.RdfFormat.TURTLE, base_iri=client.endpoint)
    except SyntaxError as err:
        raise EndpointError(
            f"{client.endpoint}: the push-state graph is unreadable ({err})"
        ) from err
    graphs: dict[object, str] = {}
    digests: dict[object, str] = {}
    for t in triples:
        if t.predicate == _GRAPH and isinstance(t.object, ox.NamedNode):
            graphs[t.subject] = t.object.value
        elif t.predicate == _DIGEST and isinstance(t.object, ox.Literal):
            digests[t.subject] = t.object.value
    return {graphs[node]: digests[node] for node in graphs if node in digests}


def state_ntriples(state: dict[str, str]) -> bytes:
    """The state graph's N-Triples for graph -> digest.

    >>> state_ntriples({"http://ex.org/g": "sha256:00"}).count(b"\\n")
    2
    """
    base = state_graph_iri()
    triples = []
    for graph, digest in sorted(state.items()):
        node = ox.NamedNode(f"{base}#g-{hashlib.sha1(graph.encode()).hexdigest()}")
        triples += [
            ox.Triple(node, _GRAPH, ox.NamedNode(graph)),
            ox.Triple(node, _DIGEST, ox.Literal(digest)),
        ]
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)


def push_graphs(store: ox.Store, client: GraphStoreClient, *, force: bool = False) -> PushReport:
    """Push every named graph of ``store`` whose content changed since the last push."""
    report = PushReport()
    known = read_state(client)  # what earlier pushes left on the server
    before = {} if force else known
    after: dict[str, str] = {}
    state_iri = state_graph_iri()
    graphs = sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
    for graph in graphs:
        if graph == state_iri:
            continue
        data = graph_ntriples(store, ox.NamedNode(graph))
        digest = graph_digest(data.split(b"\n"))
        after[graph] = digest
        if before.get(graph) == digest:
            report.unchanged.append(graph)
            continue
        client.put(graph, data)
        report.pushed.append(graph)
        report.bytes_sent += len(data)
    # Forced or not, graphs an earlier push left whose document is gone are deleted.
    for graph in sorted(set(known) - set(after)):
        client.delete(graph)
        report.deleted.append(graph)
    # Written last: a push cut short re-sends the graphs it had not yet recorded.
    if report.pushed or report.deleted or known != after:
        client.put(state_iri, state_ntriples(after))
    return report


def push_store(
    store: str | Path | ox.Store, client: GraphStoreClient, *, force: bool = False
) -> PushReport:
    """Push a store (a folder, opened read-only, or an open pyoxigraph Store).

    Example: ``push_store("kg-store", GraphStoreClient(url, user="dba", password="dba"))``.
    """
    if isinstance(store, ox.Store):
        return push_graphs(store, client, force=force)
    from kg.graph.store import KnowledgeGraph

    # Read-only under the store's shared lock: a build waits until the push is done.
    graph = KnowledgeGraph(Path(store), read_only=True)
    try:
        return push_graphs(graph.store, client, force=force)
    finally:
        graph.close()
