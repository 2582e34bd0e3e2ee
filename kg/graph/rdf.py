"""Extraction -> RDF: the triples of one document's named graph (the RDF model).

One named graph per document, named by the document IRI. In it: the document
(``kg:SourceDocument`` with its metadata), every entity (one of the nine classes
and an ``rdfs:label``), every mention (``<D#m-START-END>``), the evidence
sentences (``<D#s-START-END>``) and every relation twice: as a direct triple and
as a ``kg:Statement`` node carrying the evidence, offsets and rule id.

Terms are built as pyoxigraph terms, so the store can bulk-load them without a
conversion step; :func:`extraction_graph` gives an rdflib view for inspection.

>>> from kg.document import Document, Metadata
>>> from kg.extraction import Entity, Evidence, Extraction, Mention, Relation
>>> doc = Document(id="d1", source="d1.txt", text="Nederland steunt Frontex.",
...                meta=Metadata(title="Brief"))
>>> nl = "https://w3id.org/kg-eu/entity/state/nederland"
>>> fx = "https://w3id.org/kg-eu/entity/agency/frontex"
>>> ex = Extraction(doc, [Entity(nl, "Nederland", "State", [Mention("Nederland", 0, 9)]),
...                       Entity(fx, "Frontex", "Agency", [Mention("Frontex", 17, 24)])],
...                 [Relation(nl, "supports", fx, "stance.steunt",
...                           Evidence("Nederland steunt Frontex.", 0, 25))])
>>> g = extraction_graph(ex)
>>> from rdflib import URIRef
>>> (URIRef(nl), KG.supports, URIRef(fx)) in g
True
>>> sorted(str(o) for o in g.objects(None, KG.rule))
['stance.steunt']
"""

from __future__ import annotations

import hashlib
import logging
import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import PurePath

import pyoxigraph as ox
import rdflib

from kg.config import DEFAULT_BASE, VOCAB, base_iri
from kg.document import Metadata
from kg.extraction import DOCUMENT_SUBJECT, Extraction, Relation
from kg.graph.same_letter import text_fingerprint
from kg.identifiers import council_document_id, is_official, page_of
from kg.iri import ENTITY_TYPES
from kg.record.dossiers import dossier
from kg.vocab import KG

log = logging.getLogger(__name__)

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"

#: Prefixes of the model, used by exports, query output and the shipped queries.
PREFIXES: dict[str, str] = {
    "kg": VOCAB,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "prov": PROV,
    "foaf": "http://xmlns.com/foaf/0.1/",
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
    "eli": "http://data.europa.eu/eli/ontology#",
    "wd": "http://www.wikidata.org/entity/",
    **{t.lower(): f"{DEFAULT_BASE}entity/{t.lower()}/" for t in ENTITY_TYPES},
    "councilconfiguration": f"{DEFAULT_BASE}entity/councilconfiguration/",
    "dossier": f"{DEFAULT_BASE}entity/dossier/",
}


# Characters no XML 1.0 document may hold (C0 controls but tab, newline and
# carriage return; U+FFFE, U+FFFF; lone surrogates). Text literals get U+FFFD in
# their place, one for one, so every format (RDF/XML too) writes and reads back
# the same graph and offsets keep their meaning.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _text(value: str) -> ox.Literal:
    """A plain string literal, with characters XML cannot carry replaced by U+FFFD.

    >>> _text("a\ufffeb").value
    'a\ufffdb'
    """
    return ox.Literal(_NOT_XML.sub("\ufffd", value))


_LOCAL = re.compile(r"[\w.\-#]+")


def prefixes(base: str | None = None) -> dict[str, str]:
    """The model's prefixes plus ``doc:`` and ``graph:`` under the configured base.

    >>> prefixes("https://example.org/")["doc"]
    'https://example.org/doc/'
    """
    base = base or base_iri()
    return {**PREFIXES, "doc": f"{base}doc/", "graph": f"{base}graph/"}


def sparql_prefixes(*names: str) -> str:
    """PREFIX lines for some of the model's prefixes (:data:`PREFIXES`).

    >>> sparql_prefixes("kg")
    'PREFIX kg: <https://w3id.org/kg-eu/ontology#>\\n'
    """
    return "".join(f"PREFIX {name}: <{PREFIXES[name]}>\n" for name in names)


def compact_iri(iri: str, base: str | None = None, pfx: Mapping[str, str] | None = None) -> str:
    """``https://w3id.org/kg-eu/entity/state/nederland`` -> ``state:nederland``.

    The longest matching namespace wins; an IRI no prefix covers stays whole.
    ``pfx`` is :func:`prefixes` of ``base`` when the caller already has it (per cell).

    >>> compact_iri("https://w3id.org/kg-eu/doc/kst-32317-970")
    'doc:kst-32317-970'
    >>> compact_iri("https://example.org/x y")
    'https://example.org/x y'
    """
    best, ns_len = "", 0
    for prefix, ns in (prefixes(base) if pfx is None else pfx).items():
        if iri.startswith(ns) and len(ns) > ns_len:
            best, ns_len = prefix, len(ns)
    if best:
        local = iri[ns_len:]
        if local and _LOCAL.fullmatch(local):
            return f"{best}:{local}"
    return iri


def graph_iri(name: str, base: str | None = None) -> str:
    """The IRI of one of the store's own graphs: ``ontology``, ``reference`` or ``builds``.

    >>> graph_iri("builds", "https://w3id.org/kg-eu/")
    'https://w3id.org/kg-eu/graph/builds'
    """
    return f"{base or base_iri()}graph/{name}"


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


_A = _n(RDF + "type")
_LABEL = _n(RDFS + "label")
_SAME_AS = _n(OWL + "sameAs")
_EXACT_MATCH = _n(SKOS + "exactMatch")
_SEE_ALSO = _n(RDFS + "seeAlso")
_XSD_DATE = _n(XSD + "date")
_XSD_INT = _n(XSD + "integer")
_DC_TITLE = _n(DCTERMS + "title")
_DC_DATE = _n(DCTERMS + "date")
_DC_LANGUAGE = _n(DCTERMS + "language")
_RDF_SUBJECT = _n(RDF + "subject")
_RDF_PREDICATE = _n(RDF + "predicate")
_RDF_OBJECT = _n(RDF + "object")
_DERIVED = _n(PROV + "wasDerivedFrom")


@lru_cache(maxsize=256)
def _k(term: str) -> ox.NamedNode:
    return _n(VOCAB + term)


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_IRI_LIKE = re.compile(r"^(https?|urn|mailto):", re.I)
#: Entity attributes written as literals (kg:<name>) when an extractor sets them.
_LITERAL_ATTRIBUTES = ("celex", "comNumber", "familyName", "initials", "isoCode", "isoCode3")


def _int(value: int) -> ox.Literal:
    return ox.Literal(str(int(value)), datatype=_XSD_INT)


def _date(value: object) -> ox.Literal:
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    if _ISO_DATE.match(text):
        return ox.Literal(text, datatype=_XSD_DATE)
    return ox.Literal(text)


def _value(value: object) -> ox.NamedNode | ox.Literal:
    """An object term: IRIs stay IRIs, ISO dates become xsd:date, the rest strings."""
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    if _IRI_LIKE.match(text):
        return _n(text)
    return _date(text)


def _predicate(name: str) -> ox.NamedNode | None:
    try:
        return _n(str(getattr(KG, name)))
    except AttributeError:
        return None


def _link_property(iri: str) -> ox.NamedNode:
    """owl:sameAs for Wikidata, skos:exactMatch for EU authority tables, rdfs:seeAlso for ELI.

    >>> _link_property("http://data.europa.eu/eli/reg/2019/1896/oj").value
    'http://www.w3.org/2000/01/rdf-schema#seeAlso'
    """
    if iri.startswith("http://publications.europa.eu/resource/authority/"):
        return _EXACT_MATCH
    if iri.startswith("http://data.europa.eu/eli/"):
        return _SEE_ALSO
    return _SAME_AS


@lru_cache(maxsize=4096)
def _configuration_of(name: str) -> str | None:
    """The Council configuration (or body, e.g. the European Council) a meeting name names.

    >>> _configuration_of("JBZ-Raad")
    'https://w3id.org/kg-eu/entity/councilconfiguration/raad-justitie-en-binnenlandse-zaken'
    """
    try:
        from kg.reference import load_reference

        found = load_reference().search(name)
    except Exception:  # no or broken reference data: the link is optional
        return None
    for kind in ("CouncilConfiguration", "Agency"):
        for entity in found:
            if entity.type == kind:
                return entity.iri
    return None


_DC_IDENTIFIER = _n(DCTERMS + "identifier")
_DC_IS_PART_OF = _n(DCTERMS + "isPartOf")
_FOAF_PAGE = _n("http://xmlns.com/foaf/0.1/page")


def record_triples(
    d: ox.NamedNode, meta: Metadata
) -> list[tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal]]:
    """The letter as part of the official record: its identifiers, public pages and dossier.

    >>> from kg.document import Metadata
    >>> meta = Metadata(number="975", dossier="32 317", identifiers=["kst-32317-975"])
    >>> d = ox.NamedNode("https://w3id.org/kg-eu/doc/kst-32317-975")
    >>> for s, p, o in record_triples(d, meta):
    ...     print(*(re.split("[/#]", t.value)[-1] for t in (s, p)), o.value)
    kst-32317-975 identifier kst-32317-975
    kst-32317-975 page https://zoek.officielebekendmakingen.nl/kst-32317-975.html
    kst-32317-975 dossier 32 317
    kst-32317-975 isPartOf https://w3id.org/kg-eu/entity/dossier/32317
    32317 type https://w3id.org/kg-eu/ontology#Dossier
    32317 identifier 32317
    32317 dossier 32 317
    32317 label 32 317 JBZ-Raad
    32317 title JBZ-Raad
    32317 configuration https://w3id.org/kg-eu/entity/councilconfiguration/raad-justitie-en-binnenlandse-zaken
    """
    out: list[tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal]] = []
    for identifier in meta.identifiers:
        out.append((d, _DC_IDENTIFIER, ox.Literal(identifier)))
        page = page_of(identifier)
        if page:
            out.append((d, _FOAF_PAGE, _n(page)))
    if not meta.dossier:
        return out
    found = dossier(meta.dossier, meta.dossier_title)
    if found is None:  # a dossier number of a form kg does not know: kept as written
        out.append((d, _k("dossier"), ox.Literal(str(meta.dossier))))
        return out
    node = _n(found.iri)
    out.append((d, _k("dossier"), ox.Literal(found.number)))
    out.append((d, _DC_IS_PART_OF, node))
    out.append((node, _A, _k("Dossier")))
    out.append((node, _DC_IDENTIFIER, ox.Literal(found.identifier)))
    out.append((node, _k("dossier"), ox.Literal(found.number)))
    label = f"{found.number} {found.title}" if found.title else found.number
    out.append((node, _LABEL, _text(label)))
    if found.title:
        out.append((node, _DC_TITLE, _text(found.title)))
    for body in found.follows:
        out.append((node, _k("configuration"), _n(body)))
    return out


def cited_record_triples(
    e: ox.NamedNode, entity_type: str, label: str = ""
) -> list[tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal]]:
    """A cited paper or motion that resolved to a document IRI: its identifier and page.

    >>> cited = ox.NamedNode("https://w3id.org/kg-eu/doc/kst-32317-970")
    >>> [o.value for _, _, o in cited_record_triples(cited, "Document")]
    ['kst-32317-970', 'https://zoek.officielebekendmakingen.nl/kst-32317-970.html']
    >>> council = ox.NamedNode("https://w3id.org/kg-eu/doc/st-9876-19")
    >>> [o.value for _, _, o in cited_record_triples(council, "Document", "doc. 9876/19")]
    ['ST 9876/19']
    """
    if entity_type not in ("Document", "Motion") or "/doc/" not in e.value:
        return []
    local = e.value.rsplit("/doc/", 1)[1]
    identifier = local if is_official(local) else council_document_id(label)
    if identifier is None:
        return []
    out = [(e, _DC_IDENTIFIER, ox.Literal(identifier))]
    page = page_of(identifier)
    if page:
        out.append((e, _FOAF_PAGE, _n(page)))
    return out


def statement_id(relation: Relation) -> str:
    """A short stable hash of a relation: same relation, same statement node.

    >>> from kg.extraction import Evidence
    >>> r = Relation("a", "supports", "b", "r1", Evidence("x", 0, 1))
    >>> statement_id(r) == statement_id(r), len(statement_id(r))
    (True, 16)
    """
    key = "\x1f".join(
        (
            relation.subject,
            relation.predicate,
            relation.object,
            relation.rule,
            str(relation.evidence.start),
            str(relation.evidence.end),
            relation.condition or "",
            relation.meeting or "",
        )
    )
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def extraction_triples(extraction: Extraction, ruleset_hash: str | None = None) -> list[ox.Triple]:
    """All triples of one document's graph, as pyoxigraph triples (no duplicates).

    ``ruleset_hash`` (see :func:`kg.graph.build.ruleset_hash`) is recorded on the
    document so a change of rules can be told from a change of text.
    """
    return [q.triple for q in extraction_quads(extraction, ruleset_hash)]


def extraction_quads(extraction: Extraction, ruleset_hash: str | None = None) -> list[ox.Quad]:
    """The triples of :func:`extraction_triples` in the document's named graph (bulk-loadable)."""
    doc = extraction.document
    meta = doc.meta
    d_iri = extraction.document_iri
    d = _n(d_iri)
    # A list, not a set: duplicates are prevented where they could arise (same entity,
    # mention, statement or direct triple twice), which is much cheaper than hashing quads.
    out: list[ox.Quad] = []
    Quad = ox.Quad

    def add(s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal) -> None:
        out.append(Quad(s, p, o, d))

    add(d, _A, _k("SourceDocument"))
    if meta.title:
        add(d, _DC_TITLE, _text(meta.title))
    if meta.date:
        add(d, _DC_DATE, _date(meta.date))
    if meta.language:
        add(d, _DC_LANGUAGE, ox.Literal(meta.language))
    if meta.number:
        add(d, _k("documentNumber"), ox.Literal(str(meta.number)))
    add(d, _k("contentHash"), ox.Literal(doc.content_hash))
    add(d, _k("textHash"), ox.Literal(text_fingerprint(doc.text)))
    add(d, _k("sourcePath"), _text(str(doc.source)))
    add(d, _k("sourceFile"), _text(PurePath(str(doc.source)).name))
    if ruleset_hash:
        add(d, _k("rulesetHash"), ox.Literal(ruleset_hash))
    for quad in record_triples(d, meta):
        add(*quad)

    # Sentences first, so mentions can point at the sentence they sit in.
    sentences: dict[tuple[int, int], ox.NamedNode] = {}
    for rel in extraction.relations:
        ev = rel.evidence
        span = (ev.start, ev.end)
        if span in sentences:
            continue
        s_node = _n(f"{d_iri}#s-{ev.start}-{ev.end}")
        sentences[span] = s_node
        add(s_node, _A, _k("Sentence"))
        add(s_node, _k("inDocument"), d)
        add(s_node, _k("text"), _text(ev.text))
        add(s_node, _k("startOffset"), _int(ev.start))
        add(s_node, _k("endOffset"), _int(ev.end))
    spans = sorted(sentences)
    starts = [s for s, _ in spans]

    def sentence_of(start: int, end: int) -> ox.NamedNode | None:
        i = bisect_right(starts, start) - 1
        if i >= 0 and spans[i][1] >= end:
            return sentences[spans[i]]
        return None

    mention_owner: dict[tuple[int, int], str] = {}
    seen_entities: set[str] = set()
    seen_mentions: set[str] = set()
    for ent in extraction.entities:
        if ent.type not in ENTITY_TYPES:
            log.warning("%s: entity %s has unknown type %r; skipped", d_iri, ent.id, ent.type)
            continue
        if ent.id in seen_entities:
            log.warning("%s: entity %s listed twice; the first kept", d_iri, ent.id)
            continue
        seen_entities.add(ent.id)
        e = _n(ent.id)
        add(d, _k("mentions"), e)
        add(e, _A, _k(ent.type))
        add(e, _LABEL, _text(ent.label))
        for link in dict.fromkeys(ent.same_as):
            try:
                add(e, _link_property(link), _n(link))
            except ValueError:
                log.warning("%s: entity %s has a malformed link %r; skipped", d_iri, ent.id, link)
        attrs = ent.attributes or {}
        dates = attrs.get("dates") or ([attrs["date"]] if attrs.get("date") else [])
        for day in dict.fromkeys(str(x) for x in dates):
            add(e, _k("onDate"), _date(day))
        if attrs.get("place"):
            add(e, _k("heldIn"), _value(attrs["place"]))
        body = (
            attrs.get("configuration")
            or attrs.get("body")
            or (
                _configuration_of(str(attrs["name"]))
                if ent.type == "Meeting" and attrs.get("name")
                else None
            )
        )
        if body:
            add(e, _k("configuration"), _value(body))
        for name in _LITERAL_ATTRIBUTES:
            if attrs.get(name):
                add(e, _k(name), _text(str(attrs[name])))
        for quad in cited_record_triples(e, ent.type, ent.label):
            add(*quad)
        if ent.type == "Motion" and attrs.get("paper"):
            paper = _n(str(attrs["paper"]))
            add(e, _k("publishedAs"), paper)
            for quad in cited_record_triples(paper, "Document"):
                add(*quad)
        for m in ent.mentions:
            span = (m.start, m.end)
            claimed = mention_owner.setdefault(span, ent.id)
            if claimed == ent.id:
                m_node = _n(f"{d_iri}#m-{m.start}-{m.end}")
            else:  # one span read as two entities: one mention node each
                tag = hashlib.sha1(ent.id.encode("utf-8")).hexdigest()[:8]
                m_node = _n(f"{d_iri}#m-{m.start}-{m.end}-{tag}")
            if m_node.value in seen_mentions:
                continue
            seen_mentions.add(m_node.value)
            add(m_node, _A, _k("Mention"))
            add(m_node, _k("mentionOf"), e)
            add(m_node, _k("inDocument"), d)
            add(m_node, _k("text"), _text(m.text))
            add(m_node, _k("startOffset"), _int(m.start))
            add(m_node, _k("endOffset"), _int(m.end))
            sent = sentence_of(m.start, m.end)
            if sent is not None:
                add(m_node, _k("inSentence"), sent)
            if m.rule:
                add(m_node, _k("rule"), ox.Literal(m.rule))

    seen_statements: set[str] = set()
    seen_direct: set[tuple[str, str, str]] = set()
    for rel in extraction.relations:
        pred = _predicate(rel.predicate)
        if pred is None:
            log.warning(
                "%s: unknown predicate %r (rule %s); skipped", d_iri, rel.predicate, rel.rule
            )
            continue
        subj = d if rel.subject == DOCUMENT_SUBJECT else _n(rel.subject)
        obj = d if rel.object == DOCUMENT_SUBJECT else _value(rel.object)
        key = (subj.value, pred.value, str(obj))
        if key not in seen_direct:
            seen_direct.add(key)
            add(subj, pred, obj)
        st_id = statement_id(rel)
        if st_id in seen_statements:
            continue
        seen_statements.add(st_id)
        st = _n(f"{d_iri}#r-{st_id}")
        ev = rel.evidence
        add(st, _A, _k("Statement"))
        add(st, _RDF_SUBJECT, subj)
        add(st, _RDF_PREDICATE, pred)
        add(st, _RDF_OBJECT, obj)
        add(st, _k("evidence"), sentences[(ev.start, ev.end)])
        add(st, _k("evidenceText"), _text(ev.text))
        add(st, _k("startOffset"), _int(ev.start))
        add(st, _k("endOffset"), _int(ev.end))
        add(st, _k("rule"), ox.Literal(rel.rule))
        add(st, _k("inDocument"), d)
        add(st, _DERIVED, d)
        if rel.condition:
            add(st, _k("condition"), _text(rel.condition))
        if rel.meeting:
            add(st, _k("atMeeting"), _n(rel.meeting))
        if rel.issue:
            add(st, _k("issue"), _text(rel.issue.text))
            add(st, _k("issueStart"), _int(rel.issue.start))
            add(st, _k("issueEnd"), _int(rel.issue.end))
    return out


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> rdflib.term.Identifier:
    """A pyoxigraph term as the equal rdflib term.

    >>> to_rdflib(ox.Literal("3", datatype=ox.NamedNode(XSD + "integer"))).toPython()
    3
    """
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        if term.datatype.value == XSD + "string":
            return rdflib.Literal(term.value)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
    raise TypeError(f"unsupported term {term!r}")


def to_oxigraph(term: rdflib.term.Identifier) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as the equal pyoxigraph term.

    >>> to_oxigraph(rdflib.Literal("Nederland", lang="nl")).language
    'nl'
    """
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, rdflib.Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"unsupported term {term!r}")


def triples_to_graph(triples: Iterable[ox.Triple | ox.Quad]) -> rdflib.Graph:
    """An rdflib Graph holding the given pyoxigraph triples (graph names dropped)."""
    g = rdflib.Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    for t in triples:
        g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return g


def extraction_graph(extraction: Extraction, ruleset_hash: str | None = None) -> rdflib.Graph:
    """The document's graph as an rdflib Graph named by the document IRI."""
    g = rdflib.Graph(identifier=rdflib.URIRef(extraction.document_iri))
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    for t in extraction_triples(extraction, ruleset_hash):
        g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return g
