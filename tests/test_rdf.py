"""kg.graph.rdf: an extraction becomes exactly the triples of the RDF model."""

from __future__ import annotations

import rdflib
from graph_fixtures import BLOK, FRONTEX, NL, tiny_extraction
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg.extraction import Evidence, Issue, Relation
from kg.graph.rdf import (
    extraction_graph,
    extraction_quads,
    extraction_triples,
    statement_id,
    to_oxigraph,
    to_rdflib,
)
from kg.graph.same_letter import text_fingerprint
from kg.vocab import KG

D = "https://w3id.org/kg-eu/doc/tiny-1"
DOSSIER = "https://w3id.org/kg-eu/entity/dossier/21501-02"
COUNCIL = "https://w3id.org/kg-eu/entity/councilconfiguration/"


def expected_turtle() -> str:
    ex = tiny_extraction()
    text = ex.document.text
    s1, e1 = 0, text.index("Frontex.") + len("Frontex.")
    blok = text.index("S.A. Blok")
    r1 = statement_id(ex.relations[0])
    r2 = statement_id(ex.relations[1])
    sentence = text[s1:e1]
    return f"""
@prefix kg: <https://w3id.org/kg-eu/ontology#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<{D}> a kg:SourceDocument ; dcterms:title "Brief" ; dcterms:language "nl" ;
    kg:documentNumber "1" ; kg:dossier "21 501-02" ;
    kg:contentHash "{ex.document.content_hash}" ; kg:sourcePath "tiny-1.txt" ;
    kg:sourceFile "tiny-1.txt" ; kg:textHash "{text_fingerprint(text)}" ;
    dcterms:isPartOf <{DOSSIER}> ;
    kg:rulesetHash "R" ;
    kg:mentions <{NL}>, <{FRONTEX}>, <https://w3id.org/kg-eu/entity/state/belgie>, <{BLOK}> ;
    kg:signedBy <{BLOK}> .
<{DOSSIER}> a kg:Dossier ; dcterms:identifier "21501-02" ; kg:dossier "21 501-02" ;
    rdfs:label "21 501-02 Raad Algemene Zaken en Raad Buitenlandse Zaken" ;
    dcterms:title "Raad Algemene Zaken en Raad Buitenlandse Zaken" ;
    kg:configuration <{COUNCIL}raad-algemene-zaken>, <{COUNCIL}raad-buitenlandse-zaken> .
<{NL}> a kg:State ; rdfs:label "Nederland" ; kg:supports <{FRONTEX}> .
<{FRONTEX}> a kg:Agency ; rdfs:label "Frontex" ; owl:sameAs <http://www.wikidata.org/entity/Q1128522> .
<https://w3id.org/kg-eu/entity/state/belgie> a kg:State ; rdfs:label "België" .
<{BLOK}> a kg:Minister ; rdfs:label "S.A. Blok" .

<{D}#m-0-9> a kg:Mention ; kg:mentionOf <{NL}> ; kg:inDocument <{D}> ; kg:text "Nederland" ;
    kg:startOffset 0 ; kg:endOffset 9 ; kg:inSentence <{D}#s-0-{e1}> .
<{D}#m-{e1 - 8}-{e1 - 1}> a kg:Mention ; kg:mentionOf <{FRONTEX}> ; kg:inDocument <{D}> ;
    kg:text "Frontex" ; kg:startOffset {e1 - 8} ; kg:endOffset {e1 - 1} ; kg:inSentence <{D}#s-0-{e1}> .
<{D}#m-{e1 + 1}-{e1 + 7}> a kg:Mention ; kg:mentionOf <https://w3id.org/kg-eu/entity/state/belgie> ;
    kg:inDocument <{D}> ; kg:text "Belgie" ; kg:startOffset {e1 + 1} ; kg:endOffset {e1 + 7} .
<{D}#m-{blok}-{blok + 9}> a kg:Mention ; kg:mentionOf <{BLOK}> ; kg:inDocument <{D}> ;
    kg:text "S.A. Blok" ; kg:startOffset {blok} ; kg:endOffset {blok + 9} ;
    kg:inSentence <{D}#s-{blok}-{blok + 9}> .

<{D}#s-0-{e1}> a kg:Sentence ; kg:inDocument <{D}> ; kg:text "{sentence}" ;
    kg:startOffset 0 ; kg:endOffset {e1} .
<{D}#s-{blok}-{blok + 9}> a kg:Sentence ; kg:inDocument <{D}> ; kg:text "S.A. Blok" ;
    kg:startOffset {blok} ; kg:endOffset {blok + 9} .

<{D}#r-{r1}> a kg:Statement ; rdf:subject <{NL}> ; rdf:predicate kg:supports ; rdf:object <{FRONTEX}> ;
    kg:evidence <{D}#s-0-{e1}> ; kg:evidenceText "{sentence}" ; kg:startOffset 0 ; kg:endOffset {e1} ;
    kg:rule "stance.steunt" ; kg:inDocument <{D}> ; prov:wasDerivedFrom <{D}> .
<{D}#r-{r2}> a kg:Statement ; rdf:subject <{D}> ; rdf:predicate kg:signedBy ; rdf:object <{BLOK}> ;
    kg:evidence <{D}#s-{blok}-{blok + 9}> ; kg:evidenceText "S.A. Blok" ;
    kg:startOffset {blok} ; kg:endOffset {blok + 9} ;
    kg:rule "document.signature" ; kg:inDocument <{D}> ; prov:wasDerivedFrom <{D}> .
"""


def test_extraction_maps_to_exactly_the_model():
    got = extraction_graph(tiny_extraction(), ruleset_hash="R")
    want = rdflib.Graph().parse(data=expected_turtle(), format="turtle")
    if not isomorphic(got, want):
        _, only_got, only_want = graph_diff(to_isomorphic(got), to_isomorphic(want))
        raise AssertionError(
            f"only in output:\n{only_got.serialize(format='nt')}\n"
            f"only expected:\n{only_want.serialize(format='nt')}"
        )


def test_mapping_is_deterministic_and_duplicate_free():
    a = extraction_triples(tiny_extraction())
    b = extraction_triples(tiny_extraction())
    assert a == b
    assert len(set(a)) == len(a)


def test_quads_sit_in_the_document_graph():
    quads = extraction_quads(tiny_extraction())
    assert {q.graph_name.value for q in quads} == {D}


def test_condition_meeting_and_literal_objects():
    ex = tiny_extraction()
    meeting = "https://w3id.org/kg-eu/entity/meeting/jbz-raad-13-14-oktober-2025"
    ev = ex.relations[0].evidence
    ex.relations.append(
        Relation(NL, "opposes", FRONTEX, "stance.x", ev, condition="mits", meeting=meeting)
    )
    ex.relations.append(Relation(meeting, "onDate", "2025-10-13", "meeting.date", ev))
    ex.entities[1].attributes = {"dates": ["2025-10-13"], "place": "Luxemburg"}
    g = extraction_graph(ex)
    st = next(g.subjects(KG.condition, rdflib.Literal("mits")))
    assert g.value(st, KG.atMeeting) == rdflib.URIRef(meeting)
    assert g.value(st, rdflib.RDF.predicate) == KG.opposes
    day = rdflib.Literal("2025-10-13", datatype=rdflib.XSD.date)
    assert (rdflib.URIRef(meeting), KG.onDate, day) in g
    assert (rdflib.URIRef(FRONTEX), KG.onDate, day) in g
    assert (rdflib.URIRef(FRONTEX), KG.heldIn, rdflib.Literal("Luxemburg")) in g


def test_a_stance_carries_its_issue_phrase_in_json_and_rdf():
    ex = tiny_extraction()
    text = ex.document.text
    start = text.index("de herziening")
    end = text.index("Frontex.") + len("Frontex")
    stance = ex.relations[0]
    stance.issue = Issue(text[start:end], start, end)
    assert stance.to_json()["issue"] == {
        "text": "de herziening van het mandaat van Frontex",
        "start": start,
        "end": end,
    }
    g = extraction_graph(ex)
    st = next(g.subjects(KG.issue, None))
    assert str(g.value(st, KG.issue)) == "de herziening van het mandaat van Frontex"
    assert (g.value(st, KG.issueStart).toPython(), g.value(st, KG.issueEnd).toPython()) == (
        start,
        end,
    )
    assert g.value(st, rdflib.RDF.predicate) == KG.supports
    assert "issue" not in ex.relations[1].to_json()


def test_meeting_body_becomes_its_configuration():
    ex = tiny_extraction()
    ex.entities[1].type = "Meeting"
    ex.entities[1].attributes = {"name": "JBZ-Raad", "dates": ["2025-10-13"]}
    g = extraction_graph(ex)
    assert g.value(rdflib.URIRef(FRONTEX), KG.configuration) == rdflib.URIRef(
        "https://w3id.org/kg-eu/entity/councilconfiguration/raad-justitie-en-binnenlandse-zaken"
    )


def test_unknown_predicates_and_types_are_skipped_not_fatal(caplog):
    ex = tiny_extraction()
    ex.relations.append(Relation(NL, "likes", FRONTEX, "x", Evidence("x", 0, 1)))
    ex.entities[0].type = "Planet"
    g = extraction_graph(ex)
    assert (rdflib.URIRef(NL), rdflib.RDF.type, KG.State) not in g
    assert not any("likes" in str(p) for p in g.predicates())
    assert "unknown predicate 'likes'" in caplog.text


def test_term_conversion_round_trips():
    for term in (
        rdflib.URIRef("https://x/y"),
        rdflib.Literal("Nederland", lang="nl"),
        rdflib.Literal("3", datatype=rdflib.XSD.integer),
        rdflib.Literal("plain"),
    ):
        assert to_rdflib(to_oxigraph(term)) == term
