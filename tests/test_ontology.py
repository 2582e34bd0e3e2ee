"""The schema (ontology/kg.ttl), the SHACL shapes (ontology/shapes.ttl) and kg.vocab.KG."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef

from kg.config import VOCAB, ontology_dir
from kg.reference import load_reference
from kg.vocab import KG

ONTOLOGY = ontology_dir()
SH = Namespace("http://www.w3.org/ns/shacl#")
ALIGNED = (
    "http://www.w3.org/ns/org#",
    "http://xmlns.com/foaf/0.1/",
    "https://schema.org/",
    "http://data.europa.eu/eli/ontology#",
    "http://www.w3.org/ns/prov#",
    "http://www.w3.org/2004/02/skos/core#",
    "http://purl.org/dc/terms/",
)
NINE = ("State", "Agency", "Regulation", "Minister", "Person", "Meeting", "Motion", "Document",
        "Initiative")  # fmt: skip


@pytest.fixture(scope="module")
def schema() -> Graph:
    return Graph().parse(ONTOLOGY / "kg.ttl", format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(ONTOLOGY / "shapes.ttl", format="turtle")


def _conforms(data: Graph, shapes: Graph) -> tuple[bool, str]:
    ok, _, text = validate(data, shacl_graph=shapes, advanced=True)
    return bool(ok), str(text)


def test_defined_namespace_equals_the_terms_of_kg_ttl(schema: Graph) -> None:
    declared = {
        str(s)[len(VOCAB) :]
        for s, o in schema.subject_objects(RDF.type)
        if str(s).startswith(VOCAB)
        and o in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property)
    }
    used = {str(t)[len(VOCAB) :] for t in schema.all_nodes() if str(t).startswith(VOCAB)}
    in_python = set(KG.__annotations__)
    assert declared == in_python
    assert used <= declared, used - declared


def test_every_term_has_dutch_and_english_labels_and_definitions(schema: Graph) -> None:
    for name in KG.__annotations__:
        term = URIRef(VOCAB + name)
        for prop in (RDFS.label, SKOS.definition):
            langs = {o.language for o in schema.objects(term, prop) if isinstance(o, Literal)}
            assert {"nl", "en"} <= langs, (name, prop)


def test_entity_classes_are_aligned_and_disjoint(schema: Graph) -> None:
    for name in NINE:
        cls = URIRef(VOCAB + name)
        supers = set(schema.objects(cls, RDFS.subClassOf)) | set(
            schema.objects(cls, SKOS.closeMatch)
        )
        assert URIRef(VOCAB + "Entity") in supers
        assert any(str(s).startswith(ALIGNED) for s in supers), name
    disjoint = next(schema.subjects(RDF.type, OWL.AllDisjointClasses))
    members = set(schema.items(schema.value(disjoint, OWL.members)))
    assert members == {URIRef(VOCAB + n) for n in NINE}
    assert (KG.supports, RDFS.subPropertyOf, KG.stance) in schema
    assert (KG.holdsPost, RDFS.subPropertyOf, URIRef("http://www.w3.org/ns/org#memberOf")) in schema


def test_no_rdfs_domain_types_an_entity(schema: Graph) -> None:
    """rdfs:domain/range on entity relations would let inference add a second entity type."""
    entity_classes = {URIRef(VOCAB + n) for n in NINE}
    for prop in ("supports", "opposes", "concernedAbout", "requested", "holdsPost", "signedBy",
                 "addressedTo", "cites", "memberOf"):  # fmt: skip
        term = URIRef(VOCAB + prop)
        for p in (RDFS.domain, RDFS.range):
            assert not set(schema.objects(term, p)) & entity_classes, (prop, p)


def test_shapes_parse_and_the_reference_data_conforms(shapes: Graph) -> None:
    assert len(list(shapes.subjects(RDF.type, SH.NodeShape))) >= 10
    ok, report = _conforms(load_reference().graph(), shapes)
    assert ok, report


def test_the_ontology_itself_is_valid_turtle_with_an_ontology_header(schema: Graph) -> None:
    assert (URIRef("https://w3id.org/kg-eu/ontology"), RDF.type, OWL.Ontology) in schema


# ------------------------------------------------------------------ builder output

DOC = "https://w3id.org/kg-eu/doc/d1"
NL = "https://w3id.org/kg-eu/entity/state/nederland"
FX = "https://w3id.org/kg-eu/entity/agency/frontex"
VW = "https://w3id.org/kg-eu/entity/minister/d-m-van-weel"


def _good_extraction_graph() -> Graph:
    from kg.document import Document, Metadata
    from kg.extraction import Entity, Evidence, Extraction, Mention, Relation
    from kg.graph.rdf import extraction_graph

    text = "Nederland steunt Frontex. Brief van D.M. van Weel."
    doc = Document(id="d1", source="d1.txt", text=text, meta=Metadata(title="Brief"))
    sig = Evidence("Brief van D.M. van Weel.", 26, 50)
    ex = Extraction(
        doc,
        [
            Entity(NL, "Nederland", "State", [Mention("Nederland", 0, 9)]),
            Entity(FX, "Frontex", "Agency", [Mention("Frontex", 17, 24)]),
            Entity(VW, "D.M. van Weel", "Minister", [Mention("D.M. van Weel", 36, 49)]),
        ],
        [
            Relation(NL, "supports", FX, "stance.steunt", Evidence(text[:25], 0, 25)),
            Relation("@document", "signedBy", VW, "signature.block", sig),
            Relation(VW, "holdsPost", FX, "post.test", sig),
        ],
    )
    return extraction_graph(ex)


def test_builder_output_conforms(shapes: Graph) -> None:
    g = _good_extraction_graph()
    assert (URIRef(NL), KG.supports, URIRef(FX)) in g
    ok, report = _conforms(g, shapes)
    assert ok, report


def _statement(g: Graph) -> URIRef:
    return next(
        s for s in g.subjects(RDF.type, KG.Statement) if (s, RDF.predicate, KG.supports) in g
    )


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda g: g.add((URIRef(NL), RDF.type, KG.Agency)), "exactly one"),
        (lambda g: g.remove((URIRef(FX), RDFS.label, None)), "rdfs:label"),
        (lambda g: g.remove((_statement(g), KG.evidenceText, None)), "evidenceText"),
        (lambda g: g.remove((_statement(g), KG.rule, None)), "rule"),
        (lambda g: g.remove((_statement(g), KG.startOffset, None)), "startOffset"),
        (
            lambda g: g.remove(
                (_statement(g), URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), None)
            ),
            "wasDerivedFrom",
        ),  # fmt: skip
        (lambda g: g.add((URIRef(DOC), KG.signedBy, URIRef(FX))), "signedBy"),
        (lambda g: g.add((URIRef(VW), KG.holdsPost, URIRef(NL))), "holdsPost"),
        (lambda g: g.add((URIRef(NL), KG.supports, Literal("Frontex"))), "supports"),
    ],
)
def test_shapes_catch_broken_builder_output(shapes: Graph, damage, message: str) -> None:
    g = _good_extraction_graph()
    damage(g)
    ok, report = _conforms(g, shapes)
    assert not ok
    assert message in report


def test_shapes_catch_broken_reference_data(shapes: Graph) -> None:
    g = Graph()
    g += load_reference().graph()  # a copy: the loaded graph is shared
    nl = URIRef(NL)
    g.remove((nl, KG.isoCode, None))
    g.add((nl, KG.isoCode, Literal("nl")))
    ok, report = _conforms(g, shapes)
    assert not ok and "isoCode" in report


@pytest.mark.slow
def test_real_extractions_of_the_corpus_conform(shapes: Graph) -> None:
    """Two sample letters through the real pipeline: what the builder writes conforms."""
    from kg.graph.rdf import extraction_graph
    from kg.ingest import ingest_path
    from kg.nlp.extract import extract

    corpus = Path(__file__).parent / "data" / "corpus"
    g = Graph()
    for name in ("000_0b783c6c09b9d010.txt", "kst-32317-970.txt"):
        g += extraction_graph(extract(ingest_path(corpus / name)))
    assert len(set(g.subjects(RDF.type, KG.Statement))) > 5
    ok, report = _conforms(g, shapes)
    assert ok, report
