"""The query page of ``kg serve`` and the entity view it opens.

:func:`page_html` assembles the page (``kg/serve/page/``: markup, the page
script and the small SPARQL highlighter, all inline under the server's
nonce; the graph's prefixes are written in as data). :func:`entity_view`
answers ``/entity?iri=...`` (or ``?name=`` with a label) with what the graph
says about one entity: label, type, links out, stances with their evidence,
mentions and documents. Its queries run on the endpoint's worker processes,
like any other query; the one value they take, the entity, is written into a
``VALUES`` block at the start of the pattern as an IRI checked against SPARQL's IRIREF grammar (or as an
escaped string literal), never pasted into a pattern.

>>> sparql_iri("https://w3id.org/kg-eu/entity/state/nederland")
'<https://w3id.org/kg-eu/entity/state/nederland>'
>>> sparql_iri("https://x.org/a> } ; DROP ALL ; <b")
Traceback (most recent call last):
...
ValueError: not an IRI: 'https://x.org/a> } ; DROP ALL ; <b'
>>> sparql_string('say "hi"\\n')
'"say \\\\"hi\\\\"\\\\n"'
"""

from __future__ import annotations

import functools
import json
import re
from importlib import resources
from typing import Any

from kg.graph.rdf import prefixes, sparql_prefixes

_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\x00-\x20<>\"{}|^`\\]*$")
_STRING_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def sparql_iri(value: str) -> str:
    """An IRI as a SPARQL term, refused unless it is a well-formed absolute IRI."""
    if not _IRI.match(value or "") or len(value) > 2000:
        raise ValueError(f"not an IRI: {value!r}")
    return f"<{value}>"


def sparql_string(value: str) -> str:
    """A string as a SPARQL literal, escaped; control characters are dropped.

    Backslash-u sequences are escaped too (``\\\\u``), since SPARQL reads them before parsing.
    """
    out = []
    for ch in value:
        if ch in _STRING_ESCAPES:
            out.append(_STRING_ESCAPES[ch])
        elif ord(ch) >= 0x20:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _asset(name: str) -> str:
    """A file of the page (kg/serve/page/), from the installed package."""
    return resources.files("kg.serve").joinpath("page", name).read_text(encoding="utf-8")


def page_html(nonce: str, base: str | None = None) -> str:
    """The query page with its scripts inline under ``nonce`` and the graph's prefixes."""
    return _page_template(base).replace("{{NONCE}}", nonce)


@functools.cache
def _page_template(base: str | None) -> str:
    """The page with everything but the nonce filled in: built once, not per request."""
    html = _asset("index.html")
    script = "\n".join(_asset(name) for name in ("highlight.js", "page.js"))
    data = json.dumps(sorted(prefixes(base).items()), ensure_ascii=False).replace("<", "\\u003c")
    # one pass per placeholder, in an order that never re-reads inserted text
    html = html.replace("{{SCRIPT}}", script.replace("{{", "{ {"))
    return html.replace("{{PREFIXES}}", data)


_PREFIXES = sparql_prefixes("kg", "rdf", "rdfs", "skos", "owl", "dcterms", "foaf")

#: The entity named by a label (most mentioned first); ?name is bound by VALUES.
Q_RESOLVE = (
    _PREFIXES
    + """SELECT ?entity (COUNT(?m) AS ?n) WHERE {
  VALUES ?name { NAME }
  ?entity rdfs:label|skos:prefLabel|skos:altLabel|foaf:name ?l .
  FILTER(isIRI(?entity) && LCASE(STR(?l)) = LCASE(?name))
  OPTIONAL { ?m kg:mentionOf ?entity }
} GROUP BY ?entity ORDER BY DESC(?n) STR(?entity) LIMIT 1"""
)

#: Labels, types and links out of the entity.
Q_ABOUT = (
    _PREFIXES
    + """SELECT ?label (LANG(?label) AS ?lang) ?type ?link WHERE {
  VALUES ?entity { ENTITY }
  { ?entity rdfs:label|skos:prefLabel ?label }
  UNION { ?entity a ?type FILTER(STRSTARTS(STR(?type), STR(kg:))) }
  UNION { ?entity owl:sameAs|skos:exactMatch|rdfs:seeAlso ?link FILTER(isIRI(?link)) }
}"""
)

#: Statements the entity takes part in, with the other end and the evidence.
Q_STATEMENTS = (
    _PREFIXES
    + """SELECT ?role ?predicate ?other (SAMPLE(?ol) AS ?otherLabel) ?evidence (SAMPLE(?is) AS ?issue)
       ?document (SAMPLE(?t) AS ?title) (SAMPLE(?d) AS ?date) (SAMPLE(?pg) AS ?page)
WHERE {
  VALUES ?entity { ENTITY }
  GRAPH ?document {
    { ?st rdf:subject ?entity ; rdf:object ?other . BIND("subject" AS ?role) }
    UNION { ?st rdf:object ?entity ; rdf:subject ?other . BIND("object" AS ?role) }
    ?st a kg:Statement ; rdf:predicate ?p ; kg:evidenceText ?evidence .
    OPTIONAL { ?other rdfs:label ?ol }
    OPTIONAL { ?st kg:issue ?is }
    OPTIONAL { ?document dcterms:title ?t }
    OPTIONAL { ?document dcterms:date ?d }
    OPTIONAL { ?document foaf:page ?pg }
  }
  BIND(STRAFTER(STR(?p), "#") AS ?predicate)
}
GROUP BY ?role ?predicate ?other ?evidence ?document
ORDER BY ?date ?document ?predicate
LIMIT 300"""
)

#: Where the entity is mentioned: the words, the sentence where kept, the document.
Q_MENTIONS = (
    _PREFIXES
    + """SELECT ?document (SAMPLE(?t) AS ?title) (SAMPLE(?d) AS ?date) (SAMPLE(?pg) AS ?page)
       (COUNT(DISTINCT ?m) AS ?mentions) (GROUP_CONCAT(DISTINCT ?text; separator=" | ") AS ?forms)
       (SAMPLE(?sentence) AS ?example)
WHERE {
  VALUES ?entity { ENTITY }
  GRAPH ?document {
    ?m kg:mentionOf ?entity ; kg:text ?text .
    OPTIONAL { ?m kg:inSentence/kg:text ?sentence }
    OPTIONAL { ?document dcterms:title ?t }
    OPTIONAL { ?document dcterms:date ?d }
    OPTIONAL { ?document foaf:page ?pg }
  }
}
GROUP BY ?document
ORDER BY ?date ?document
LIMIT 300"""
)


def _rows(body: bytes) -> list[dict[str, Any]]:
    data = json.loads(body.decode("utf-8"))
    return [
        {k: v.get("value") for k, v in binding.items()}
        for binding in data.get("results", {}).get("bindings", [])
    ]


def entity_view(
    run: Any, *, iri: str | None = None, name: str | None = None, resolve_only: bool = False
) -> tuple[int, dict]:
    """What the graph says about one entity, as ``(status, JSON-able dict)``.

    ``run(query)`` runs a SELECT on the endpoint and returns ``(status,
    body)`` with SPARQL JSON results (the server passes its worker pool).
    ``resolve_only`` stops after finding the IRI of ``name``.
    """
    if not iri:
        if not name or not name.strip():
            return 400, {"error": "give ?iri= or ?name="}
        status, body = run(Q_RESOLVE.replace("NAME", sparql_string(name.strip())))
        if status != 200:
            return status, {"error": body.decode("utf-8", "replace").strip()}
        found = _rows(body)
        if not found or not found[0].get("entity"):
            return 404, {"error": f"no entity labelled {name.strip()!r}"}
        iri = found[0]["entity"]
    if resolve_only:
        return 200, {"iri": iri}
    try:
        term = sparql_iri(iri)
    except ValueError as err:
        return 400, {"error": str(err)}
    out: dict[str, Any] = {"iri": iri, "label": "", "types": [], "links": []}
    for key, query in (("about", Q_ABOUT), ("statements", Q_STATEMENTS), ("mentions", Q_MENTIONS)):
        status, body = run(query.replace("ENTITY", term))
        if status != 200:
            return status, {"error": body.decode("utf-8", "replace").strip()}
        rows = _rows(body)
        if key == "about":
            # Dutch first (the letters' language), then untagged, then others
            rank = {"nl": 0, "": 1}
            labels = [
                (rank.get(r.get("lang") or "", 2), r["label"]) for r in rows if r.get("label")
            ]
            out["label"] = min(labels)[1] if labels else iri.rsplit("/", 1)[-1]
            out["types"] = sorted(
                {r["type"].rsplit("#", 1)[-1] for r in rows if r.get("type")} - {"Entity"}
            )
            out["links"] = sorted({r["link"] for r in rows if r.get("link")})
        else:
            out[key] = rows
    return 200, out


def entity_reply(server: Any, query_string: str) -> Any:
    """The HTTP reply to ``/entity?iri=...`` (or ``?name=``) for :class:`kg.serve.endpoint.EndpointServer`."""
    from urllib.parse import parse_qs

    from kg.serve.results import GRAPH_FORMATS, RESULT_FORMATS
    from kg.serve.worker import QueryJob, Reply

    settings = server.settings
    params = parse_qs(query_string, keep_blank_values=True)

    def run(query: str) -> tuple[int, bytes]:
        job = QueryJob(
            query,
            RESULT_FORMATS["json"],
            GRAPH_FORMATS["turtle"],
            row_limit=settings.row_limit,
            timeout=settings.timeout,
        )
        reply = server.pool.run(job)
        return reply.status, reply.body

    iri = (params.get("iri") or [None])[0]
    name = (params.get("name") or [None])[0]
    if iri is None and name is not None and (params.get("brief") or [""])[0]:
        status, data = entity_view(run, name=name, resolve_only=True)
    else:
        status, data = entity_view(run, iri=iri, name=name)
    body = json.dumps(data, ensure_ascii=False).encode("utf-8")
    return Reply(status, "application/json; charset=utf-8", body)


__all__ = ["entity_reply", "entity_view", "page_html", "sparql_iri", "sparql_string"]
