"""kg.viz.network: the entity network from extractions, extraction JSON and an RDF store.

The fixtures are hand-made Extractions: the seed letter with its gold
entities and relations located in the real text (mentions and evidence at
their real offsets), and a small two-letter corpus for weights and filters.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import networkx as nx
import pytest

from kg.document import Document, Metadata
from kg.extraction import (
    DOCUMENT_SUBJECT,
    Entity,
    Evidence,
    Extraction,
    Mention,
    Relation,
    extractions_to_json,
)
from kg.graph.build import load_extractions
from kg.graph.store import KnowledgeGraph
from kg.iri import entity_iri
from kg.viz.network import (
    CO_OCCURS,
    NetworkError,
    NetworkFilter,
    build_network,
    compute_metrics,
    from_extraction_json,
    from_extractions,
    from_store,
    summary,
    top_entities,
)

DATA = Path(__file__).parent / "data"
SEED_TEXT = DATA / "corpus" / "000_0b783c6c09b9d010.txt"
SEED_GOLD = DATA / "gold" / "seed.gold.json"


def _find_all(text: str, form: str) -> list[tuple[int, int]]:
    pattern = re.compile(r"(?<!\w)" + re.escape(form) + r"(?!\w)")
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def seed_extraction() -> Extraction:
    """The seed letter's gold annotation as an Extraction over the real text."""
    text = SEED_TEXT.read_text(encoding="utf-8")
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    doc = Document(
        id="000_0b783c6c09b9d010",
        source=str(SEED_TEXT.relative_to(DATA.parent.parent)),
        text=text,
        meta=Metadata(title="Geannoteerde agenda JBZ-Raad (seed letter)", date=date(2025, 11, 3)),
    )
    entities: dict[str, Entity] = {}
    for item in gold["entities"]:
        iri = entity_iri(item["type"], item["label"])
        mentions = sorted(
            {
                span
                for form in [item["label"], *item.get("aliases", [])]
                for span in _find_all(text, form)
            }
        )
        entities[item["label"]] = Entity(
            iri, item["label"], item["type"], [Mention(text[s:e], s, e) for s, e in mentions]
        )
    relations = []
    for item in gold["relations"]:
        subject = (
            DOCUMENT_SUBJECT
            if item["subject"] == DOCUMENT_SUBJECT
            else entities[item["subject"]].id
        )
        evidence = item.get("evidence", "")
        found = re.search(r"\s+".join(map(re.escape, evidence.split())), text)
        start, end = (found.start(), found.end()) if found else (-1, -1)
        relations.append(
            Relation(
                subject,
                item["predicate"],
                entities[item["object"]].id,
                "gold",
                Evidence(text[start:end] if found else evidence, start, end),
            )
        )
    return Extraction(doc, list(entities.values()), relations)


def _entity(kind: str, label: str, text: str) -> Entity:
    spans = _find_all(text, label)
    return Entity(entity_iri(kind, label), label, kind, [Mention(label, s, e) for s, e in spans])


def _relation(text: str, s: Entity | str, pred: str, o: Entity, sentence: str, **kw) -> Relation:
    start = text.index(sentence)
    subject = s if isinstance(s, str) else s.id
    return Relation(
        subject, pred, o.id, f"test.{pred}", Evidence(sentence, start, start + len(sentence)), **kw
    )


def toy_extractions() -> list[Extraction]:
    """Two small letters: October (JBZ meeting) and December (Ecofin meeting)."""
    t1 = (
        "Nederland steunt Frontex. Duitsland steunt Frontex ook. "
        "België maakt zich zorgen over Eurojust. Nederland vroeg aandacht voor ETIAS."
    )
    t2 = "Nederland steunt Frontex opnieuw. Polen is tegen de Terugkeerverordening."
    nl1, de, be = (
        _entity("State", "Nederland", t1),
        _entity("State", "Duitsland", t1),
        _entity("State", "België", t1),
    )
    fx1, ej, et = (
        _entity("Agency", "Frontex", t1),
        _entity("Agency", "Eurojust", t1),
        _entity("Initiative", "ETIAS", t1),
    )
    jbz = Entity(
        entity_iri("Meeting", "JBZ-Raad oktober 2025"),
        "JBZ-Raad oktober 2025",
        "Meeting",
        attributes={"dates": ["2025-10-13"]},
    )
    eco = Entity(
        entity_iri("Meeting", "Ecofin december 2025"),
        "Ecofin december 2025",
        "Meeting",
        attributes={"dates": ["2025-12-09"]},
    )
    ex1 = Extraction(
        Document(
            "brief-okt",
            "letters/brief-okt.txt",
            t1,
            Metadata(title="Brief oktober", date=date(2025, 10, 1)),
        ),
        [nl1, de, be, fx1, ej, et, jbz],
        [
            _relation(t1, nl1, "supports", fx1, "Nederland steunt Frontex.", meeting=jbz.id),
            _relation(t1, de, "supports", fx1, "Duitsland steunt Frontex ook."),
            _relation(t1, be, "concernedAbout", ej, "België maakt zich zorgen over Eurojust."),
            _relation(t1, nl1, "requested", et, "Nederland vroeg aandacht voor ETIAS."),
            _relation(t1, DOCUMENT_SUBJECT, "reportsOn", jbz, "Nederland steunt Frontex."),
        ],
    )
    nl2, fx2, pl = (
        _entity("State", "Nederland", t2),
        _entity("Agency", "Frontex", t2),
        _entity("State", "Polen", t2),
    )
    reg = _entity("Regulation", "Terugkeerverordening", t2)
    ex2 = Extraction(
        Document(
            "brief-dec",
            "letters/brief-dec.txt",
            t2,
            Metadata(title="Brief december", date=date(2025, 12, 1)),
        ),
        [nl2, fx2, pl, reg, eco],
        [
            _relation(t2, nl2, "supports", fx2, "Nederland steunt Frontex opnieuw."),
            _relation(t2, pl, "opposes", reg, "Polen is tegen de Terugkeerverordening."),
            _relation(
                t2, DOCUMENT_SUBJECT, "reportsOn", eco, "Polen is tegen de Terugkeerverordening."
            ),
        ],
    )
    return [ex1, ex2]


def _edges(g: nx.MultiDiGraph) -> set[tuple[str, str, str]]:
    return {(g.nodes[u]["label"], k, g.nodes[v]["label"]) for u, v, k in g.edges(keys=True)}


@pytest.fixture(scope="module")
def toy():
    return from_extractions(toy_extractions())


def test_seed_network_has_every_gold_relation_with_its_evidence():
    ex = seed_extraction()
    g = build_network(from_extractions([ex]))
    rels = {(r.subject, r.predicate, r.object) for r in ex.relations}
    assert g.number_of_edges() == len(rels)
    assert ("Nederland", "supports", "Frontex") in _edges(g) or any(
        p == "supports" for _, p, _ in _edges(g)
    )
    nl = entity_iri("State", "Nederland")
    assert g.nodes[nl]["type"] == "State" and g.nodes[nl]["mentions"] > 5
    doc = ex.document_iri
    assert g.nodes[doc]["type"] == "SourceDocument"
    assert {k for _, _, k in g.out_edges(doc, keys=True)} >= {"signedBy", "addressedTo", "cites"}
    for _, _, data in g.edges(data=True):
        assert data["evidence"] and data["evidence"][0]["document"] == doc
        assert data["evidence"][0]["start"] >= 0, data["evidence"][0]["text"]


def test_weights_count_statements_and_documents(toy):
    g = build_network(toy)
    nl, fx = entity_iri("State", "Nederland"), entity_iri("Agency", "Frontex")
    edge = g.edges[nl, fx, "supports"]
    assert (edge["weight"], edge["n_documents"]) == (2, 2)
    assert {e["document_title"] for e in edge["evidence"]} == {"Brief oktober", "Brief december"}
    assert g.nodes[nl]["documents"] == 2 and g.nodes[nl]["mentions"] == 3
    assert build_network(toy, NetworkFilter(min_weight=2)).number_of_edges() == 1


def test_filters_by_type_predicate_document_meeting_and_date(toy):
    only_states_agencies = build_network(toy, NetworkFilter(types=["State", "Agency"]))
    assert {t for _, t in only_states_agencies.nodes(data="type")} == {"State", "Agency"}
    supports = build_network(toy, NetworkFilter(predicates=["kg:supports"]))
    assert {k for _, _, k in supports.edges(keys=True)} == {"supports"}
    dec = build_network(toy, NetworkFilter(documents=["brief-dec.txt"]))
    assert _edges(dec) == {
        ("Nederland", "supports", "Frontex"),
        ("Polen", "opposes", "Terugkeerverordening"),
        ("Brief december (2025-12-01)", "reportsOn", "Ecofin december 2025"),
    }
    by_meeting = build_network(toy, NetworkFilter(meetings=["JBZ-Raad oktober 2025"]))
    assert ("België", "concernedAbout", "Eurojust") in _edges(by_meeting)
    assert ("Polen", "opposes", "Terugkeerverordening") not in _edges(by_meeting)
    # the December letter's meeting is on 9 December: inside the range by meeting date
    late = build_network(toy, NetworkFilter(date_from=date(2025, 12, 5)))
    assert ("Polen", "opposes", "Terugkeerverordening") in _edges(late)
    assert ("België", "concernedAbout", "Eurojust") not in _edges(late)
    assert build_network(toy, NetworkFilter(date_to=date(2025, 1, 1))).number_of_nodes() == 0
    letter = dec.nodes[from_extractions(toy_extractions()[1:]).statements[0].document]
    # a letter is labelled by its title and date, not its file id
    assert (letter["label"], letter["title"]) == ("Brief december (2025-12-01)", "Brief december")
    no_docs = build_network(toy, NetworkFilter(include_documents=False))
    assert "SourceDocument" not in {t for _, t in no_docs.nodes(data="type")}


def test_one_evidence_entry_per_sentence(toy):
    """Two rules reading one sentence give one evidence entry, and the weight counts sentences."""
    from dataclasses import replace

    doubled = from_extractions(toy_extractions())
    first = next(s for s in doubled.statements if s.predicate == "supports")
    doubled.statements.append(replace(first, rule="another.rule", issue="de versterking"))
    g = build_network(doubled)
    edge = g.edges[first.subject, first.object, "supports"]
    texts = [(e["document"], e["text"]) for e in edge["evidence"]]
    assert len(texts) == len(set(texts)) == edge["weight"] == 2
    assert all(e["day"] for e in edge["evidence"])


def test_ego_network_to_a_depth(toy):
    one = build_network(toy, NetworkFilter(ego="Eurojust", depth=1, include_documents=False))
    assert {d["label"] for _, d in one.nodes(data=True)} == {"Eurojust", "België"}
    two = build_network(toy, NetworkFilter(ego="Frontex", depth=2, include_documents=False))
    assert {d["label"] for _, d in two.nodes(data=True)} == {
        "Frontex",
        "Nederland",
        "Duitsland",
        "ETIAS",
    }
    with pytest.raises(NetworkError, match="no entity named"):
        build_network(toy, NetworkFilter(ego="Atlantis"))
    with pytest.raises(NetworkError, match="unknown entity type"):
        build_network(toy, NetworkFilter(types=["Country"]))


def test_cooccurrence_edges_are_undirected_and_weighted():
    data = from_extractions([seed_extraction()])
    g = build_network(data, NetworkFilter(cooccurrence=True, predicates=["coOccurs"]))
    assert g.number_of_edges() > 50
    for u, v, k, attrs in g.edges(keys=True, data=True):
        assert k == CO_OCCURS and attrs["directed"] is False and u < v
        assert attrs["weight"] == len(attrs["evidence"]) or len(attrs["evidence"]) == 25
        labels = {g.nodes[u]["label"], g.nodes[v]["label"]}
        text = attrs["evidence"][0]["text"]
        assert any(lab in text for lab in labels) or attrs["weight"] >= 1


def test_metrics_and_most_central_entities_are_deterministic():
    data = from_extractions([seed_extraction()])
    g1, g2 = build_network(data), build_network(data)
    compute_metrics(g1)
    compute_metrics(g2)
    assert dict(g1.nodes(data="community")) == dict(g2.nodes(data="community"))
    assert g1.graph["communities"] >= 2
    top = top_entities(g1, 5, by="weighted_degree")
    assert top[0]["label"] == "Nederland"
    nl = entity_iri("State", "Nederland")
    assert g1.nodes[nl]["degree"] == len(set(nx.Graph(g1).neighbors(nl)))
    assert 0 < g1.nodes[nl]["betweenness"] <= 1
    counts = summary(g1)
    assert counts["nodes"] == g1.number_of_nodes() and counts["types"]["State"] > 10


def test_extraction_json_gives_the_same_network(toy):
    payload = json.loads(extractions_to_json(toy_extractions()))
    from_json = build_network(from_extraction_json(payload))
    assert _edges(from_json) == _edges(build_network(toy))


def test_store_gives_the_same_network_as_the_extractions():
    """The real store (kg.graph.build.load_extractions into an in-memory KnowledgeGraph)."""
    extractions = [*toy_extractions(), seed_extraction()]
    store = KnowledgeGraph()
    load_extractions(store, extractions)
    data = from_store(store)
    direct = build_network(from_extractions(extractions))
    stored = build_network(data)
    assert _edges(stored) == _edges(direct)
    nl = entity_iri("State", "Nederland")
    assert stored.nodes[nl]["mentions"] == direct.nodes[nl]["mentions"]
    assert stored.nodes[nl]["documents"] == 3
    key = (nl, entity_iri("Agency", "Frontex"), "supports")
    edge = stored.edges[key]
    assert (
        (edge["weight"], edge["n_documents"])
        == (3, 3)
        == tuple(direct.edges[key][k] for k in ("weight", "n_documents"))
    )
    assert {e["text"] for e in edge["evidence"]} >= {
        "Nederland steunt Frontex.",
        "Nederland steunt Frontex opnieuw.",
    }
    late = build_network(data, NetworkFilter(date_from=date(2025, 12, 5)))
    assert ("Polen", "opposes", "Terugkeerverordening") in _edges(late)
    assert ("België", "concernedAbout", "Eurojust") not in _edges(late)
    # "JBZ" names the October meeting through its Council configuration
    jbz = build_network(data, NetworkFilter(meetings=["JBZ"]))
    assert ("België", "concernedAbout", "Eurojust") in _edges(jbz)
    assert ("Polen", "opposes", "Terugkeerverordening") not in _edges(jbz)
    co = build_network(data, NetworkFilter(cooccurrence=True, predicates=["coOccurs"]))
    assert co.number_of_edges() > 50


def _tiny_model_triples(doc: str, labels: list[tuple[str, str | None]]):
    """A document graph with one entity (several labels) and one statement."""
    kg, rdf, rdfs = (
        "https://w3id.org/kg-eu/ontology#",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "http://www.w3.org/2000/01/rdf-schema#",
    )
    nl, fx = entity_iri("State", "Nederland"), entity_iri("Agency", "Frontex")
    st = doc + "#r-1"
    out = [
        (doc, rdf + "type", kg + "SourceDocument", None),
        (nl, rdf + "type", kg + "State", None),
        (fx, rdf + "type", kg + "Agency", None),
        (fx, rdfs + "label", "Frontex", ""),
        (st, rdf + "type", kg + "Statement", None),
        (st, rdf + "subject", nl, None),
        (st, rdf + "predicate", kg + "supports", None),
        (st, rdf + "object", fx, None),
        (st, "http://www.w3.org/ns/prov#wasDerivedFrom", doc, None),
        (st, kg + "evidenceText", "NL steunt Frontex.", ""),
    ]
    out += [(nl, rdfs + "label", text, lang or "") for text, lang in labels]
    return out


def test_store_labels_prefer_dutch_and_rdflib_datasets_work_too():
    import pyoxigraph as ox
    from rdflib import Dataset, Literal, URIRef

    doc = "https://w3id.org/kg-eu/doc/tiny"
    rows = _tiny_model_triples(doc, [("Netherlands", "en"), ("Nederland", "nl")])
    store = KnowledgeGraph()
    store.add_triples(
        doc,
        [
            ox.Triple(
                ox.NamedNode(s),
                ox.NamedNode(p),
                ox.NamedNode(o) if lang is None else ox.Literal(o, language=lang or None),
            )
            for s, p, o, lang in rows
        ],
    )
    ds = Dataset(default_union=True)
    graph = ds.graph(URIRef(doc))
    for s, p, o, lang in rows:
        graph.add(
            (URIRef(s), URIRef(p), URIRef(o) if lang is None else Literal(o, lang=lang or None))
        )
    for source in (store, ds):
        net = build_network(from_store(source))
        assert _edges(net) == {("Nederland", "supports", "Frontex")}
        edge = next(iter(net.edges(data=True)))[2]
        assert edge["evidence"][0]["text"] == "NL steunt Frontex."
