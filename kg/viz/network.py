"""The entity network: entities as nodes, extracted relations as edges (networkx).

The network is built from an abstract :class:`NetworkInput` (entities,
documents, statements with their evidence, sentences for co-occurrence) that
can be filled from a list of :class:`kg.extraction.Extraction` objects
(:func:`from_extractions`), from the ``kg extract --format json`` output
(:func:`from_extraction_json`) or from the graph store by SPARQL
(:func:`from_store`).

>>> from kg.document import Document
>>> from kg.extraction import Entity, Evidence, Extraction, Mention, Relation
>>> text = "Nederland steunt Frontex."
>>> nl = Entity("https://w3id.org/kg-eu/entity/state/nederland", "Nederland", "State",
...             [Mention("Nederland", 0, 9)])
>>> fx = Entity("https://w3id.org/kg-eu/entity/agency/frontex", "Frontex", "Agency",
...             [Mention("Frontex", 17, 24)])
>>> rel = Relation(nl.id, "supports", fx.id, "stance", Evidence(text, 0, 25))
>>> ex = Extraction(Document(id="d1", source="d1.txt", text=text), [nl, fx], [rel])
>>> g = build_network(from_extractions([ex]))
>>> g.number_of_nodes(), g.number_of_edges()
(2, 1)
>>> [(g.nodes[u]["label"], k, g.nodes[v]["label"]) for u, v, k in g.edges(keys=True)]
[('Nederland', 'supports', 'Frontex')]
>>> compute_metrics(g); g.nodes[nl.id]["degree"]
1
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from typing import Any

import networkx as nx

from kg.errors import KGError
from kg.extraction import DOCUMENT_SUBJECT, Extraction
from kg.graph.rdf import sparql_prefixes
from kg.iri import ENTITY_TYPES, document_iri
from kg.messages import unknown_name

#: Node type of the documents that were read, when they are part of the network.
SOURCE_DOCUMENT = "SourceDocument"
#: Edge key of co-occurrence edges (undirected: both ends share a sentence).
CO_OCCURS = "coOccurs"
#: Colour groups of predicates, in legend order.
PREDICATE_GROUPS = ("supports", "opposes", "concern", "request", "other", "co-occurrence")
_GROUP_OF = {
    "supports": "supports",
    "opposes": "opposes",
    "concernedAbout": "concern",
    "requested": "request",
    CO_OCCURS: "co-occurrence",
}
#: Evidence kept per edge; a page stays small even for edges stated very often.
MAX_EVIDENCE = 25
_VOCAB_PREFIX = "https://w3id.org/kg-eu/ontology#"


class NetworkError(KGError):
    """A network filter names something that is not there, or the input is unusable."""


def known_predicates() -> list[str]:
    """The predicates a ``predicates`` filter may name: kg's properties and co-occurrence.

    >>> "supports" in known_predicates(), "support" in known_predicates()
    (True, False)
    """
    from kg.vocab import KG

    return sorted({t for t in KG.__annotations__ if t[:1].islower()} | {CO_OCCURS})


def predicate_group(predicate: str) -> str:
    """The colour group of a predicate: supports, opposes, concern, request, other ...

    >>> predicate_group("concernedAbout"), predicate_group("cites")
    ('concern', 'other')
    """
    return _GROUP_OF.get(local_name(predicate), "other")


def local_name(term: str) -> str:
    """``kg:supports`` or its full IRI -> ``supports``.

    >>> local_name("https://w3id.org/kg-eu/ontology#opposes"), local_name("kg:cites")
    ('opposes', 'cites')
    """
    if "#" in term:
        return term.rsplit("#", 1)[1]
    if term.startswith(("http://", "https://")):
        return term.rstrip("/").rsplit("/", 1)[-1]
    return term.split(":", 1)[1] if ":" in term else term


# ---------------------------------------------------------------- the input


@dataclass
class EntityRecord:
    """An entity with its mentions per document (document IRI -> count)."""

    iri: str
    label: str
    type: str
    same_as: list[str] = field(default_factory=list)
    mentions: dict[str, int] = field(default_factory=dict)


@dataclass
class DocumentRecord:
    """A document that was read: the subject of its ``@document`` relations."""

    iri: str
    title: str = ""
    date: date | None = None
    source: str = ""
    meetings: list[str] = field(default_factory=list)  # meetings it reports on


@dataclass
class StatementRecord:
    """One extracted relation with its evidence sentence."""

    subject: str
    predicate: str
    object: str
    document: str
    evidence: str = ""
    start: int = -1
    end: int = -1
    rule: str = ""
    condition: str | None = None
    meeting: str | None = None
    issue: str | None = None  # the object phrase as written, where one was read


@dataclass
class SentenceRecord:
    """A sentence and the entities mentioned in it (for co-occurrence edges)."""

    document: str
    start: int
    end: int
    text: str
    entities: frozenset[str]


@dataclass
class NetworkInput:
    """Everything a network is built from, whatever its origin."""

    entities: dict[str, EntityRecord] = field(default_factory=dict)
    documents: dict[str, DocumentRecord] = field(default_factory=dict)
    statements: list[StatementRecord] = field(default_factory=list)
    sentences: list[SentenceRecord] = field(default_factory=list)
    meeting_dates: dict[str, list[date]] = field(default_factory=dict)
    #: Other names of a meeting: its Council configuration's labels and abbreviations.
    meeting_names: dict[str, set[str]] = field(default_factory=dict)

    def add_entity(self, rec: EntityRecord) -> None:
        """Merge an entity seen in one more document."""
        known = self.entities.get(rec.iri)
        if known is None:
            self.entities[rec.iri] = rec
            return
        for doc, n in rec.mentions.items():
            known.mentions[doc] = known.mentions.get(doc, 0) + n
        known.same_as.extend(s for s in rec.same_as if s not in known.same_as)


@dataclass
class NetworkFilter:
    """Which part of the graph becomes the network (all fields optional).

    ``documents`` and ``meetings`` accept IRIs, ids, file names or labels;
    ``ego`` an entity IRI or label, with ``depth`` steps around it.
    """

    types: Sequence[str] | None = None
    predicates: Sequence[str] | None = None
    documents: Sequence[str] | None = None
    meetings: Sequence[str] | None = None
    date_from: date | None = None
    date_to: date | None = None
    min_weight: int = 1
    ego: str | None = None
    depth: int = 1
    cooccurrence: bool = False
    include_documents: bool = True
    keep_isolates: bool = False


# ---------------------------------------------------------------- sources


_SENTENCE_END = re.compile(
    r"(?<=[.!?;])\s+(?=[\"'(\[]?[A-Z0-9À-Ý])|\n\s*\n|\n(?=\s*[-•*]|\s*\d+[.)]\s)"
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Rough sentence spans of a text, for co-occurrence when no sentence nodes exist.

    >>> t = "Nederland steunt dit. België niet.\\n\\nKop"
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['Nederland steunt dit.', 'België niet.', 'Kop']
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, len(text)))
    out = []
    for start, end in spans:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append((start, end))
    return out


def _sentences_from_mentions(
    doc: str, text: str, spans: Iterable[tuple[int, int]], mentions: list[tuple[str, int, int]]
) -> list[SentenceRecord]:
    mentions = sorted(mentions, key=lambda m: m[1])
    out: list[SentenceRecord] = []
    i = 0
    for start, end in sorted(spans):
        while i < len(mentions) and mentions[i][1] < start:
            i += 1
        ents = set()
        j = i
        while j < len(mentions) and mentions[j][1] < end:
            if mentions[j][2] <= end:
                ents.add(mentions[j][0])
            j += 1
        if len(ents) > 1:
            out.append(SentenceRecord(doc, start, end, text[start:end], frozenset(ents)))
    return out


def _attribute_dates(attributes: dict[str, Any]) -> list[date]:
    found: list[date] = []
    for key in ("dates", "date", "onDate"):
        value = attributes.get(key)
        values = value if isinstance(value, list | tuple) else [value]
        for item in values:
            if isinstance(item, date):
                found.append(item)
            elif isinstance(item, str):
                try:
                    found.append(date.fromisoformat(item[:10]))
                except ValueError:
                    continue
    return found


def from_extractions(extractions: Iterable[Extraction]) -> NetworkInput:
    """The network input of extractions (one per document), merged by entity IRI."""
    data = NetworkInput()
    for ex in extractions:
        doc_iri = ex.document_iri
        meta = ex.document.meta
        record = DocumentRecord(
            iri=doc_iri,
            title=meta.title or ex.document.id,
            date=meta.date,
            source=ex.document.source,
        )
        data.documents[doc_iri] = record
        mentions: list[tuple[str, int, int]] = []
        for ent in ex.entities:
            data.add_entity(
                EntityRecord(
                    ent.id, ent.label, ent.type, list(ent.same_as), {doc_iri: len(ent.mentions)}
                )
            )
            mentions.extend((ent.id, m.start, m.end) for m in ent.mentions)
            if ent.type == "Meeting":
                dates = _attribute_dates(ent.attributes)
                if dates:
                    data.meeting_dates[ent.id] = dates
        for rel in ex.relations:
            subject = doc_iri if rel.subject == DOCUMENT_SUBJECT else rel.subject
            if rel.predicate == "reportsOn" and subject == doc_iri:
                record.meetings.append(rel.object)
            data.statements.append(
                StatementRecord(
                    subject=subject,
                    predicate=rel.predicate,
                    object=rel.object,
                    document=doc_iri,
                    evidence=rel.evidence.text,
                    start=rel.evidence.start,
                    end=rel.evidence.end,
                    rule=rel.rule,
                    condition=rel.condition,
                    meeting=rel.meeting,
                    issue=rel.issue.text if rel.issue else None,
                )
            )
        text = ex.document.text
        data.sentences.extend(
            _sentences_from_mentions(doc_iri, text, sentence_spans(text), mentions)
        )
    return data


def from_extraction_json(payload: dict[str, Any]) -> NetworkInput:
    """The network input of the ``{"documents": [...]}`` JSON of ``kg extract``.

    Co-occurrence uses the evidence sentences only (the JSON has no full text).

    >>> js = {"documents": [{"id": "https://w3id.org/kg-eu/doc/d", "title": "T",
    ...   "date": "2025-01-02", "source": "d.txt", "entities": [{"id": "e:a", "label": "A",
    ...   "type": "State", "mentions": [{"text": "A", "start": 0, "end": 1}]}],
    ...   "relations": [{"subject": "@document", "predicate": "cites", "object": "e:a",
    ...   "rule": "r", "evidence": {"text": "A.", "start": 0, "end": 2}}]}]}
    >>> data = from_extraction_json(js)
    >>> data.statements[0].subject, data.documents[data.statements[0].subject].date
    ('https://w3id.org/kg-eu/doc/d', datetime.date(2025, 1, 2))
    """
    data = NetworkInput()
    for doc in payload.get("documents", []):
        doc_iri = doc["id"]
        try:
            day = date.fromisoformat(doc["date"]) if doc.get("date") else None
        except ValueError:
            day = None
        record = DocumentRecord(doc_iri, doc.get("title") or doc_iri, day, doc.get("source", ""))
        data.documents[doc_iri] = record
        mentions: list[tuple[str, int, int]] = []
        for ent in doc.get("entities", []):
            data.add_entity(
                EntityRecord(
                    ent["id"],
                    ent.get("label", ent["id"]),
                    ent.get("type", "Entity"),
                    list(ent.get("sameAs", [])),
                    {doc_iri: len(ent.get("mentions", []))},
                )
            )
            mentions.extend((ent["id"], m["start"], m["end"]) for m in ent.get("mentions", []))
            if ent.get("type") == "Meeting":
                dates = _attribute_dates(ent.get("attributes", {}))
                if dates:
                    data.meeting_dates[ent["id"]] = dates
        spans: dict[tuple[int, int], str] = {}
        for rel in doc.get("relations", []):
            subject = doc_iri if rel["subject"] == DOCUMENT_SUBJECT else rel["subject"]
            ev = rel.get("evidence") or {}
            if rel["predicate"] == "reportsOn" and subject == doc_iri:
                record.meetings.append(rel["object"])
            data.statements.append(
                StatementRecord(
                    subject,
                    rel["predicate"],
                    rel["object"],
                    doc_iri,
                    ev.get("text", ""),
                    ev.get("start", -1),
                    ev.get("end", -1),
                    rel.get("rule", ""),
                    rel.get("condition"),
                    rel.get("meeting"),
                    (rel.get("issue") or {}).get("text"),
                )
            )
            if ev.get("start", -1) >= 0:
                spans[(ev["start"], ev["end"])] = ev.get("text", "")
        for (start, end), text in sorted(spans.items()):
            ents = {e for e, s, t in mentions if s >= start and t <= end}
            if len(ents) > 1:
                data.sentences.append(SentenceRecord(doc_iri, start, end, text, frozenset(ents)))
    return data


# ---------------------------------------------------------------- the store

_PREFIXES = sparql_prefixes("kg", "rdf", "rdfs", "owl", "dcterms", "prov")

_TYPE_VALUES = " ".join(f"kg:{t}" for t in ENTITY_TYPES)
_Q_ENTITIES = (
    _PREFIXES
    + """SELECT DISTINCT ?e ?cls ?label (LANG(?label) AS ?lang) WHERE {
  ?e a ?cls ; rdfs:label ?label .
  VALUES ?cls { TYPES }
}""".replace("TYPES", _TYPE_VALUES)
)
_Q_SAME_AS = (
    _PREFIXES
    + """SELECT DISTINCT ?e ?same WHERE {
  ?e a ?cls ; owl:sameAs ?same . VALUES ?cls { TYPES }
}""".replace("TYPES", _TYPE_VALUES)
)
_Q_MENTIONS = (
    _PREFIXES
    + """SELECT DISTINCT ?m ?e ?d ?start ?end WHERE {
  ?m a kg:Mention ; kg:mentionOf ?e ; kg:inDocument ?d .
  OPTIONAL { ?m kg:startOffset ?start } OPTIONAL { ?m kg:endOffset ?end }
}"""
)
_Q_DOC_MENTIONS = (
    _PREFIXES + "SELECT DISTINCT ?d ?e WHERE { ?d a kg:SourceDocument ; kg:mentions ?e }"
)
_Q_DOCUMENTS = (
    _PREFIXES
    + """SELECT ?d ?title ?date ?source ?meeting WHERE {
  ?d a kg:SourceDocument .
  OPTIONAL { ?d dcterms:title ?title } OPTIONAL { ?d dcterms:date ?date }
  OPTIONAL { ?d kg:sourcePath ?source } OPTIONAL { ?d kg:reportsOn|kg:prepares ?meeting }
}"""
)
_Q_MEETINGS = _PREFIXES + "SELECT DISTINCT ?m ?date WHERE { ?m a kg:Meeting ; kg:onDate ?date }"
_Q_MEETING_NAMES = (
    _PREFIXES
    + """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?m ?name WHERE {
  ?m a kg:Meeting ; kg:configuration ?c .
  ?c rdfs:label|skos:prefLabel|skos:altLabel|kg:abbreviation ?name .
}"""
)
_Q_STATEMENTS = (
    _PREFIXES
    + """SELECT ?st ?s ?p ?o ?d ?text ?start ?end ?rule ?condition ?meeting ?issue WHERE {
  ?st a kg:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
      prov:wasDerivedFrom ?d .
  OPTIONAL { ?st kg:evidenceText ?text } OPTIONAL { ?st kg:startOffset ?start }
  OPTIONAL { ?st kg:endOffset ?end } OPTIONAL { ?st kg:rule ?rule }
  OPTIONAL { ?st kg:condition ?condition } OPTIONAL { ?st kg:atMeeting ?meeting }
  OPTIONAL { ?st kg:issue ?issue }
}"""
)
_Q_SENTENCES = (
    _PREFIXES
    + """SELECT DISTINCT ?d ?start ?end ?text WHERE {
  ?s a kg:Sentence ; kg:inDocument ?d ; kg:startOffset ?start ; kg:endOffset ?end .
  OPTIONAL { ?s kg:text ?text }
}"""
)


def _term(value: Any) -> str | None:
    if value is None:
        return None
    inner = getattr(value, "value", None)  # pyoxigraph terms
    if isinstance(inner, str) and not hasattr(value, "toPython"):
        return inner
    return str(value)


def _select(store: Any, query: str) -> list[dict[str, str | None]]:
    """Run a SELECT on a KnowledgeGraph, an rdflib graph or a pyoxigraph store."""
    runner = getattr(store, "query", None)
    if runner is None:
        raise NetworkError(f"{type(store).__name__} has no query() method")
    try:
        result = runner(query)
    except KGError:
        raise
    except Exception as exc:  # the store's own error type: report in one line
        raise NetworkError(f"network query failed: {exc}") from exc
    rows: list[dict[str, str | None]] = []
    variables = [
        _term(v) or "" for v in getattr(result, "vars", None) or getattr(result, "variables", [])
    ]
    variables = [v.lstrip("?") for v in variables]
    for row in result:
        if isinstance(row, dict):
            rows.append(
                {
                    **dict.fromkeys(variables),
                    **{str(k).lstrip("?"): _term(v) for k, v in row.items()},
                }
            )
        elif hasattr(row, "asdict"):
            rows.append(
                {**dict.fromkeys(variables), **{k: _term(v) for k, v in row.asdict().items()}}
            )
        else:
            rows.append({v: _term(row[v]) for v in variables})
    return rows


def _int(value: str | None, default: int = -1) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def from_store(store: Any, cooccurrence: bool = True) -> NetworkInput:
    """The network input read by SPARQL from the graph store (union of named graphs).

    ``store`` is a :class:`kg.graph.store.KnowledgeGraph` or anything with a
    ``query(sparql)`` method returning rows (an rdflib ``Dataset`` with
    ``default_union=True``, a pyoxigraph store). Relations come from the
    ``kg:Statement`` nodes, with their evidence.
    """
    data = NetworkInput()
    # one label per entity, whatever the order of the rows: Dutch first (the
    # letters' language), then untagged, then any other, alphabetically
    rank = {"nl": 0, "": 1}
    best: dict[str, tuple[int, str, str]] = {}
    for row in _select(store, _Q_ENTITIES):
        iri, label = row["e"] or "", row["label"] or row["e"] or ""
        key = (rank.get((row.get("lang") or "").lower(), 2), label, local_name(row["cls"] or ""))
        if iri not in best or key < best[iri]:
            best[iri] = key
    for iri, (_, label, cls) in sorted(best.items()):
        data.entities[iri] = EntityRecord(iri, label, cls)
    for row in _select(store, _Q_SAME_AS):
        ent = data.entities.get(row["e"] or "")
        if ent and row["same"] and row["same"] not in ent.same_as:
            ent.same_as.append(row["same"])
    for row in _select(store, _Q_DOCUMENTS):
        iri = row["d"] or ""
        rec = data.documents.setdefault(iri, DocumentRecord(iri))
        rec.title = rec.title or row["title"] or ""
        rec.date = rec.date or _date(row["date"])
        rec.source = rec.source or row["source"] or ""
        if row["meeting"] and row["meeting"] not in rec.meetings:
            rec.meetings.append(row["meeting"])
    for rec in data.documents.values():
        rec.title = rec.title or rec.source or rec.iri
    for row in _select(store, _Q_MEETINGS):
        day = _date(row["date"])
        if day and day not in data.meeting_dates.setdefault(row["m"] or "", []):
            data.meeting_dates[row["m"] or ""].append(day)
    for row in _select(store, _Q_MEETING_NAMES):
        if row["m"] and row["name"]:
            data.meeting_names.setdefault(row["m"], set()).add(row["name"])
    per_doc: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for row in _select(store, _Q_MENTIONS):
        ent = data.entities.get(row["e"] or "")
        if ent is None:
            continue
        doc = row["d"] or ""
        ent.mentions[doc] = ent.mentions.get(doc, 0) + 1
        per_doc[doc].append((ent.iri, _int(row["start"]), _int(row["end"])))
    for row in _select(store, _Q_DOC_MENTIONS):
        ent = data.entities.get(row["e"] or "")
        if ent is not None:
            ent.mentions.setdefault(row["d"] or "", 0)
    seen: set[str] = set()
    for row in _select(store, _Q_STATEMENTS):
        if row["st"] in seen:
            continue
        seen.add(row["st"] or "")
        data.statements.append(
            StatementRecord(
                subject=row["s"] or "",
                predicate=local_name(row["p"] or ""),
                object=row["o"] or "",
                document=row["d"] or "",
                evidence=row["text"] or "",
                start=_int(row["start"]),
                end=_int(row["end"]),
                rule=row["rule"] or "",
                condition=row["condition"],
                meeting=row["meeting"],
                issue=row.get("issue"),
            )
        )
    data.statements.sort(key=lambda s: (s.document, s.start, s.subject, s.predicate, s.object))
    if cooccurrence:
        spans: dict[str, dict[tuple[int, int], str]] = defaultdict(dict)
        for row in _select(store, _Q_SENTENCES):
            spans[row["d"] or ""][(_int(row["start"]), _int(row["end"]))] = row["text"] or ""
        for doc, sents in sorted(spans.items()):
            for sent in _sentences_from_mentions(doc, "", sents.keys(), per_doc.get(doc, [])):
                sent.text = sents[(sent.start, sent.end)]
                data.sentences.append(sent)
    return data


# ---------------------------------------------------------------- building


def _matches_document(rec: DocumentRecord, wanted: Sequence[str]) -> bool:
    names = {rec.iri.lower(), rec.title.lower(), rec.source.lower()}
    if rec.source:
        names.add(rec.source.rsplit("/", 1)[-1].lower())
        names.add(rec.source.rsplit("/", 1)[-1].rsplit(".", 1)[0].lower())
    for item in wanted:
        low = item.lower()
        if low in names or document_iri(item).lower() == rec.iri.lower():
            return True
    return False


def _resolve_entity(data: NetworkInput, name: str) -> str:
    """An entity IRI from an IRI or a label (exact, then unique substring)."""
    if name in data.entities or name in data.documents:
        return name
    low = name.lower()
    exact = [e.iri for e in data.entities.values() if e.label.lower() == low]
    if exact:
        return sorted(exact)[0]
    partial = sorted(e.iri for e in data.entities.values() if low in e.label.lower())
    if len(partial) == 1:
        return partial[0]
    if not partial:
        raise NetworkError(f"no entity named {name!r} in the network")
    labels = ", ".join(sorted({data.entities[p].label for p in partial})[:8])
    raise NetworkError(f"{name!r} names several entities ({labels}); give an IRI or a fuller name")


def _resolve_meetings(data: NetworkInput, names: Sequence[str]) -> set[str]:
    """Meeting IRIs named by IRI, by a part of their label, or by their Council
    configuration's name or abbreviation ("JBZ" = every JBZ meeting)."""
    found: set[str] = set()
    known = set(data.meeting_dates) | {m for rec in data.documents.values() for m in rec.meetings}
    known |= {s.meeting for s in data.statements if s.meeting}
    for name in names:
        low = name.lower()
        hits = {m for m in known if m == name}
        hits |= {
            e.iri
            for e in data.entities.values()
            if e.type == "Meeting" and (low in e.label.lower() or e.iri == name)
        }
        hits |= {
            m for m, others in data.meeting_names.items() if low in {o.lower() for o in others}
        }
        if not hits:
            raise NetworkError(f"no meeting matches {name!r}")
        found |= hits
    return found


def _selected_documents(data: NetworkInput, filt: NetworkFilter) -> set[str]:
    docs = set(data.documents)
    # Statements may cite documents the store has no record of; keep them selectable.
    docs |= {s.document for s in data.statements}
    if filt.documents:
        chosen = {
            d
            for d in docs
            if d in data.documents and _matches_document(data.documents[d], filt.documents)
        }
        chosen |= {d for d in docs if d in filt.documents}
        if not chosen:
            raise NetworkError(f"no document matches {', '.join(filt.documents)}")
        docs = chosen
    if filt.meetings:
        meetings = _resolve_meetings(data, filt.meetings)
        by_meeting = {d for d, rec in data.documents.items() if meetings & set(rec.meetings)}
        by_meeting |= {s.document for s in data.statements if s.meeting in meetings}
        docs &= by_meeting
    if filt.date_from or filt.date_to:
        lo, hi = filt.date_from or date.min, filt.date_to or date.max

        def in_range(doc: str) -> bool:
            rec = data.documents.get(doc)
            days = [rec.date] if rec and rec.date else []
            if rec:
                for meeting in rec.meetings:
                    days.extend(data.meeting_dates.get(meeting, []))
            return any(lo <= d <= hi for d in days)

        docs = {d for d in docs if in_range(d)}
    return docs


def _node_attrs(data: NetworkInput, iri: str, docs: set[str]) -> dict[str, Any]:
    ent = data.entities.get(iri)
    if ent is not None and iri not in data.documents:  # a cited letter in the graph is the letter
        mentions = {d: n for d, n in ent.mentions.items() if d in docs}
        return {
            "label": ent.label,
            "type": ent.type,
            "iri": iri,
            "same_as": list(ent.same_as),
            "mentions": sum(mentions.values()),
            "documents": len(mentions),
        }
    rec = data.documents.get(iri)
    if rec is not None:
        return {
            "label": document_label(rec),
            "type": SOURCE_DOCUMENT,
            "iri": iri,
            "same_as": [],
            "mentions": 0,
            "documents": 1,
            "title": rec.title,
            "date": rec.date.isoformat() if rec.date else "",
            "source": rec.source,
        }
    return {
        "label": iri.rsplit("/", 1)[-1],
        "type": "Entity",
        "iri": iri,
        "same_as": [],
        "mentions": 0,
        "documents": 0,
    }


def document_label(rec: DocumentRecord, limit: int = 48) -> str:
    """A letter as a reader names it: its title (shortened) and date, else its file id.

    >>> document_label(DocumentRecord("d", "Verslag van de Raad Justitie en Binnenlandse Zaken van 13 en 14 oktober", date(2025, 11, 3)))
    'Verslag van de Raad Justitie en Binnenlandse Za… (2025-11-03)'
    >>> document_label(DocumentRecord("https://w3id.org/kg-eu/doc/x", source="letters/x.txt"))
    'x'
    """
    stem = rec.source.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    title = rec.title if rec.title and rec.title not in (rec.source, rec.iri) else ""
    if not title:
        return stem or rec.iri.rsplit("/", 1)[-1]
    if len(title) > limit:
        title = title[: limit - 1].rstrip() + "…"
    return f"{title} ({rec.date.isoformat()})" if rec.date else title


def _unique_sentences(statements: list[StatementRecord]) -> list[StatementRecord]:
    """One statement per evidence sentence: two rules reading one sentence, or a
    sentence a letter repeats (a question quoted above its answer), count once."""
    seen: set[tuple[str, str]] = set()
    out = []
    for st in statements:
        key = (st.document, st.evidence or f"{st.start}-{st.end}")
        if key not in seen:
            seen.add(key)
            out.append(st)
    return out


def _stance_day(data: NetworkInput, st: StatementRecord) -> str:
    """The day a statement speaks of: its meeting's first day, else the first day of the
    one meeting its letter reports on, else the letter's date (as ``kg report`` dates it)."""
    rec = data.documents.get(st.document)
    meeting = st.meeting or (rec.meetings[0] if rec and len(rec.meetings) == 1 else None)
    days = sorted(data.meeting_dates.get(meeting or "", []))
    if days:
        return days[0].isoformat()
    return rec.date.isoformat() if rec and rec.date else ""


def _evidence(
    data: NetworkInput, st: StatementRecord | SentenceRecord, **extra: Any
) -> dict[str, Any]:
    rec = data.documents.get(st.document)
    text = st.evidence if isinstance(st, StatementRecord) else st.text
    item = {
        "text": text,
        "document": st.document,
        "document_title": rec.title if rec else st.document,
        "date": rec.date.isoformat() if rec and rec.date else "",
        "start": st.start,
        "end": st.end,
    }
    item.update({k: v for k, v in extra.items() if v})
    return item


def build_network(data: NetworkInput, filt: NetworkFilter | None = None) -> nx.MultiDiGraph:
    """The entity network of ``data`` restricted by ``filt``.

    A ``MultiDiGraph``: nodes are entity IRIs (and, unless
    ``include_documents=False``, the documents that sign, address or cite);
    each edge is keyed by its predicate and carries ``weight`` (number of
    distinct evidence sentences: one sentence read by two rules, or repeated in
    a letter, counts once), ``n_documents``, ``group`` (colour group), ``directed`` and
    ``evidence`` (up to :data:`MAX_EVIDENCE` sentences with their documents).
    Co-occurrence edges (``filt.cooccurrence``) have the key ``coOccurs`` and
    ``directed=False``. Metrics are not computed here: see :func:`compute_metrics`.
    """
    filt = filt or NetworkFilter()
    docs = _selected_documents(data, filt)
    types = set(filt.types) if filt.types else None
    if types:
        unknown = types - set(ENTITY_TYPES) - {SOURCE_DOCUMENT}
        if unknown:
            raise NetworkError(
                f"unknown entity type(s) {', '.join(sorted(unknown))}; use {', '.join(ENTITY_TYPES)}"
            )
    predicates = {local_name(p) for p in filt.predicates} if filt.predicates else None
    for name in sorted(predicates or ()):
        if name not in known_predicates():
            raise NetworkError(unknown_name(name, known_predicates(), "predicate"))

    def node_ok(iri: str) -> bool:
        if iri in data.entities:
            return types is None or data.entities[iri].type in types
        if iri in data.documents or iri in docs:
            return filt.include_documents and (types is None or SOURCE_DOCUMENT in types)
        return types is None

    graph = nx.MultiDiGraph()
    grouped: dict[tuple[str, str, str], list[StatementRecord]] = defaultdict(list)
    for st in data.statements:
        if st.document not in docs or (predicates is not None and st.predicate not in predicates):
            continue
        if st.subject == st.object or not (node_ok(st.subject) and node_ok(st.object)):
            continue
        grouped[(st.subject, st.object, st.predicate)].append(st)
    for (subj, obj, pred), found in grouped.items():
        sts = _unique_sentences(found)
        ndocs = len({s.document for s in sts})
        if len(sts) < filt.min_weight:
            continue
        evidence = [
            _evidence(
                data,
                s,
                rule=s.rule,
                condition=s.condition,
                meeting=s.meeting,
                issue=s.issue,
                day=_stance_day(data, s),
            )
            for s in sts[:MAX_EVIDENCE]
        ]
        graph.add_edge(
            subj,
            obj,
            key=pred,
            predicate=pred,
            group=predicate_group(pred),
            directed=True,
            weight=len(sts),
            n_documents=ndocs,
            evidence=evidence,
        )
    if filt.cooccurrence and (predicates is None or CO_OCCURS in predicates):
        pairs: dict[tuple[str, str], list[SentenceRecord]] = defaultdict(list)
        for sent in data.sentences:
            if sent.document not in docs:
                continue
            ents = sorted(e for e in sent.entities if node_ok(e))
            for a, b in combinations(ents, 2):
                pairs[(a, b)].append(sent)
        for (a, b), sents in pairs.items():
            if len(sents) < filt.min_weight:
                continue
            graph.add_edge(
                a,
                b,
                key=CO_OCCURS,
                predicate=CO_OCCURS,
                group="co-occurrence",
                directed=False,
                weight=len(sents),
                n_documents=len({s.document for s in sents}),
                evidence=[_evidence(data, s) for s in sents[:MAX_EVIDENCE]],
            )
    if filt.keep_isolates:
        for ent in data.entities.values():
            if node_ok(ent.iri) and any(d in docs for d in ent.mentions):
                graph.add_node(ent.iri)
    for node in graph.nodes:
        graph.nodes[node].update(_node_attrs(data, node, docs))
    if filt.ego:
        centre = _resolve_entity(data, filt.ego)
        if centre not in graph:
            raise NetworkError(f"{filt.ego!r} has no edges in this network")
        keep = nx.ego_graph(graph.to_undirected(as_view=True), centre, radius=filt.depth).nodes
        graph = graph.subgraph(keep).copy()
    graph.graph.update({"documents": len(docs), "name": "kg entity network"})
    return graph


# ---------------------------------------------------------------- metrics


def simple_graph(graph: nx.MultiDiGraph) -> nx.Graph:
    """The undirected simple graph of a network, edge weights summed over predicates."""
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes)
    for u, v, w in graph.edges(data="weight", default=1):
        if u == v:
            continue
        if simple.has_edge(u, v):
            simple[u][v]["weight"] += w
        else:
            simple.add_edge(u, v, weight=w)
    return simple


def compute_metrics(graph: nx.MultiDiGraph, seed: int = 42, betweenness_sample: int = 400) -> None:
    """Set ``degree``, ``weighted_degree``, ``betweenness`` and ``community`` on every node.

    Degree counts distinct neighbours; betweenness is normalised and sampled
    from ``betweenness_sample`` sources on larger networks (seeded);
    communities are networkx's Louvain with a fixed seed, numbered by size.
    """
    simple = simple_graph(graph)
    n = simple.number_of_nodes()
    if n == 0:
        return
    k = betweenness_sample if n > betweenness_sample else None
    between = nx.betweenness_centrality(simple, k=k, seed=seed, normalized=True)
    communities = nx.community.louvain_communities(simple, weight="weight", seed=seed)
    ordered = sorted(communities, key=lambda c: (-len(c), min(str(x) for x in c)))
    community_of = {node: i for i, members in enumerate(ordered) for node in members}
    for node in graph.nodes:
        attrs = graph.nodes[node]
        attrs["degree"] = simple.degree(node)
        attrs["weighted_degree"] = int(simple.degree(node, weight="weight"))
        attrs["betweenness"] = round(float(between.get(node, 0.0)), 6)
        attrs["community"] = community_of.get(node, -1)
    graph.graph["communities"] = len(ordered)


def top_entities(
    graph: nx.MultiDiGraph, n: int = 10, by: str = "betweenness"
) -> list[dict[str, Any]]:
    """The ``n`` most central nodes by ``by`` (then weighted degree), metrics computed if missing.

    >>> g = nx.MultiDiGraph()
    >>> g.add_edges_from([("a", "b", {"weight": 1}), ("b", "c", {"weight": 2})])
    [0, 0]
    >>> [row["iri"] for row in top_entities(g, 1)]
    ['b']
    """
    if by not in ("degree", "weighted_degree", "betweenness", "mentions", "documents"):
        raise NetworkError(
            f"cannot rank by {by!r}; use degree, weighted_degree, betweenness, mentions or documents"
        )
    if graph.number_of_nodes() and "degree" not in graph.nodes[next(iter(graph.nodes))]:
        compute_metrics(graph)
    rows = []
    for node, attrs in graph.nodes(data=True):
        rows.append(
            {
                "iri": node,
                "label": attrs.get("label", node),
                "type": attrs.get("type", ""),
                "degree": attrs.get("degree", 0),
                "weighted_degree": attrs.get("weighted_degree", 0),
                "betweenness": attrs.get("betweenness", 0.0),
                "community": attrs.get("community", -1),
                "mentions": attrs.get("mentions", 0),
                "documents": attrs.get("documents", 0),
            }
        )
    rows.sort(key=lambda r: (-r[by], -r["weighted_degree"], r["label"]))
    return rows[:n]


def summary(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """Counts of a network: nodes, edges, per type and per predicate.

    >>> g = nx.MultiDiGraph(); g.add_node("a", type="State")
    >>> summary(g)["types"]
    {'State': 1}
    """
    return {
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "types": dict(
            Counter(t for _, t in graph.nodes(data="type", default="Entity")).most_common()
        ),
        "predicates": dict(Counter(k for _, _, k in graph.edges(keys=True)).most_common()),
        "communities": graph.graph.get("communities"),
    }


def synthetic_input(n_nodes: int = 2000, edges_per_node: int = 2, seed: int = 7) -> NetworkInput:
    """A synthetic network input of ``n_nodes`` entities, for benchmarks and demos.

    Preferential attachment (hubs like real member states and the Commission),
    random types and predicates, 50 documents, one evidence sentence per statement.

    >>> g = build_network(synthetic_input(300))
    >>> g.number_of_nodes()
    300
    """
    import random

    rng = random.Random(seed)
    skeleton = nx.barabasi_albert_graph(n_nodes, edges_per_node, seed=seed)
    kinds = (
        ["State"] * 4
        + ["Agency"] * 3
        + ["Regulation", "Initiative", "Person", "Minister", "Document"]
    )
    predicates = ["supports"] * 4 + [
        "opposes",
        "concernedAbout",
        "requested",
        "requested",
        "cites",
        "holdsPost",
    ]
    data = NetworkInput()
    docs = [f"https://w3id.org/kg-eu/doc/synthetic-{i:03d}" for i in range(50)]
    for i, doc in enumerate(docs):
        data.documents[doc] = DocumentRecord(
            doc, f"Synthetic letter {i}", date(2020 + i % 6, 1 + i % 12, 1 + i % 28)
        )
    iris = []
    for i in range(n_nodes):
        kind = rng.choice(kinds)
        iri = f"https://w3id.org/kg-eu/entity/{kind.lower()}/synthetic-{i}"
        iris.append(iri)
        data.entities[iri] = EntityRecord(
            iri, f"{kind} {i}", kind, [], {rng.choice(docs): 1 + rng.randrange(5)}
        )
    for u, v in skeleton.edges():
        pred = rng.choice(predicates)
        doc = rng.choice(docs)
        a, b = (iris[u], iris[v]) if rng.random() < 0.5 else (iris[v], iris[u])
        sentence = f"{data.entities[a].label} {pred} {data.entities[b].label} in the synthetic sentence number {u * n_nodes + v}."
        data.statements.append(
            StatementRecord(a, pred, b, doc, sentence, 0, len(sentence), "synthetic")
        )
        data.entities[a].mentions.setdefault(doc, 1)
        data.entities[b].mentions.setdefault(doc, 1)
    return data
