"""A small on-disk store shaped like kg's RDF model, shared by the serve and push tests."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pyoxigraph as ox
import pytest

KG = "https://w3id.org/kg-eu/ontology#"
BASE = "https://w3id.org/kg-eu/"

TRIG = """
@prefix kg: <https://w3id.org/kg-eu/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix st: <https://w3id.org/kg-eu/entity/state/> .
@prefix ag: <https://w3id.org/kg-eu/entity/agency/> .
@prefix rg: <https://w3id.org/kg-eu/entity/regulation/> .
@prefix pe: <https://w3id.org/kg-eu/entity/person/> .
@prefix d: <https://w3id.org/kg-eu/doc/> .

<https://w3id.org/kg-eu/graph/reference> {
  st:nederland a kg:State ; rdfs:label "Nederland"@nl, "Netherlands"@en ;
      owl:sameAs <http://www.wikidata.org/entity/Q55> .
  st:duitsland a kg:State ; rdfs:label "Duitsland"@nl, "Germany"@en .
  st:hongarije a kg:State ; rdfs:label "Hongarije"@nl, "Hungary"@en .
  ag:frontex a kg:Agency ; rdfs:label "Frontex" .
  rg:migratiepact a kg:Regulation ; rdfs:label "Migratiepact" .
}

d:jbz-2024-10 {
  d:jbz-2024-10 a kg:SourceDocument ; dcterms:title "Verslag JBZ-Raad 10 oktober 2024" ;
      dcterms:date "2024-10-14"^^xsd:date ; dcterms:language "nl" ; kg:documentNumber "1012" ;
      kg:dossier "32 317" ; kg:contentHash "sha256:aa" ; kg:mentions st:nederland, ag:frontex .
  st:nederland a kg:State ; rdfs:label "Nederland" .
  ag:frontex a kg:Agency ; rdfs:label "Frontex" .
  st:nederland kg:supports ag:frontex .
  st:hongarije kg:opposes rg:migratiepact .
  <https://w3id.org/kg-eu/doc/jbz-2024-10#r-1> a kg:Statement ; rdf:subject st:nederland ;
      rdf:predicate kg:supports ; rdf:object ag:frontex ;
      kg:evidenceText "Nederland steunt de versterking van Frontex." ;
      kg:startOffset 120 ; kg:endOffset 165 ; kg:rule "stance.steun_voor" ;
      prov:wasDerivedFrom d:jbz-2024-10 .
  <https://w3id.org/kg-eu/doc/jbz-2024-10#m-120-129> a kg:Mention ; kg:mentionOf st:nederland ;
      kg:inDocument d:jbz-2024-10 ; kg:text "Nederland" ; kg:startOffset 120 ; kg:endOffset 129 .
}

d:gac-2025-03 {
  d:gac-2025-03 a kg:SourceDocument ; dcterms:title "Geannoteerde agenda Raad Algemene Zaken" ;
      dcterms:date "2025-03-10"^^xsd:date ; dcterms:language "nl" ; kg:contentHash "sha256:bb" ;
      kg:mentions st:duitsland .
  st:duitsland a kg:State ; rdfs:label "Duitsland" .
  st:duitsland kg:concernedAbout rg:migratiepact .
  st:nederland kg:supports rg:migratiepact .
}

d:env-2025-06 {
  d:env-2025-06 a kg:SourceDocument ; dcterms:title "Outcome of the Environment Council" ;
      dcterms:date "2025-06-17"^^xsd:date ; dcterms:language "en" ; kg:contentHash "sha256:cc" .
  st:duitsland kg:requested ag:frontex .
  pe:x a kg:Person ; rdfs:label "Zoë Ünal-O'Brien" .
}
"""


def write_store(path: Path, trig: str = TRIG) -> Path:
    """Create an on-disk Oxigraph store at ``path`` holding ``trig``; closed on return."""
    store = ox.Store(str(path))
    store.load(trig.encode(), format=ox.RdfFormat.TRIG)
    store.flush()
    del store
    return path


def filler_triples(graph: str, n: int) -> str:
    """TriG for ``n`` extra triples in one graph (to make a cross product slow)."""
    lines = [f'<{BASE}entity/filler/{i}> <{KG}text> "filler {i}" .' for i in range(n)]
    return f"<{graph}> {{\n" + "\n".join(lines) + "\n}\n"


def filler_store(path: Path, n: int) -> Path:
    """A store with the TRIG documents and ``n`` filler triples (a cross product of them is slow)."""
    store = ox.Store(str(path))
    store.load(filler_triples(f"{BASE}doc/filler", n).encode(), format=ox.RdfFormat.TRIG)
    store.flush()
    del store
    return write_store(path)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def non_loopback_ip() -> str | None:
    """An address of this machine that is not loopback, if it has one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        try:
            sock.connect(("192.0.2.1", 9))  # no packet is sent for UDP connect
            ip = sock.getsockname()[0]
        except OSError:
            return None
    return None if ip.startswith("127.") or ip == "0.0.0.0" else ip


def in_ci() -> bool:
    return bool(os.environ.get("CI"))


#: More of the model on top of TRIG (meetings, statement nodes, signatures, citations),
#: so the shipped queries have something to find; added to the same document graphs.
TRIG_MORE = """
@prefix kg: <https://w3id.org/kg-eu/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix st: <https://w3id.org/kg-eu/entity/state/> .
@prefix ag: <https://w3id.org/kg-eu/entity/agency/> .
@prefix rg: <https://w3id.org/kg-eu/entity/regulation/> .
@prefix pe: <https://w3id.org/kg-eu/entity/person/> .
@prefix mi: <https://w3id.org/kg-eu/entity/minister/> .
@prefix me: <https://w3id.org/kg-eu/entity/meeting/> .
@prefix d: <https://w3id.org/kg-eu/doc/> .

<https://w3id.org/kg-eu/graph/reference> {
  ag:raad-jbz a kg:Agency ; rdfs:label "Raad Justitie en Binnenlandse Zaken"@nl ;
      skos:prefLabel "Raad Justitie en Binnenlandse Zaken"@nl .
  ag:raad-az a kg:Agency ; rdfs:label "Raad Algemene Zaken"@nl ;
      skos:prefLabel "Raad Algemene Zaken"@nl .
  mi:minister-van-justitie-en-veiligheid a kg:Minister ; rdfs:label "minister van Justitie en Veiligheid"@nl .
}

d:jbz-2024-10 {
  d:jbz-2024-10 kg:reportsOn me:jbz-2024-10-10 ; kg:signedBy pe:jan-jansen ; kg:cites d:kst-32317-900 .
  me:jbz-2024-10-10 a kg:Meeting ; rdfs:label "JBZ-Raad 10 oktober 2024" ;
      kg:onDate "2024-10-10"^^xsd:date ; kg:configuration ag:raad-jbz .
  pe:jan-jansen a kg:Person ; rdfs:label "Jan Jansen" ; kg:holdsPost mi:minister-van-justitie-en-veiligheid .
  d:kst-32317-900 a kg:Document ; rdfs:label "Kamerstuk 32 317, nr. 900" .
  <https://w3id.org/kg-eu/doc/jbz-2024-10#r-1> kg:atMeeting me:jbz-2024-10-10 .
  <https://w3id.org/kg-eu/doc/jbz-2024-10#r-2> a kg:Statement ; rdf:subject st:hongarije ;
      rdf:predicate kg:opposes ; rdf:object rg:migratiepact ;
      kg:evidenceText "Hongarije verzet zich tegen het Migratiepact." ;
      kg:startOffset 200 ; kg:endOffset 245 ; kg:rule "stance.verzet_tegen" ;
      prov:wasDerivedFrom d:jbz-2024-10 ; kg:atMeeting me:jbz-2024-10-10 .
  <https://w3id.org/kg-eu/doc/jbz-2024-10#m-300-307> a kg:Mention ; kg:mentionOf ag:frontex ;
      kg:inDocument d:jbz-2024-10 ; kg:text "Frontex" ; kg:startOffset 300 ; kg:endOffset 307 .
}

d:gac-2025-03 {
  d:gac-2025-03 kg:reportsOn me:raz-2025-03-11 ; kg:signedBy pe:jan-jansen ; kg:cites d:kst-32317-900 .
  me:raz-2025-03-11 a kg:Meeting ; rdfs:label "Raad Algemene Zaken 11 maart 2025" ;
      kg:onDate "2025-03-11"^^xsd:date ; kg:configuration ag:raad-az .
  <https://w3id.org/kg-eu/doc/gac-2025-03#r-1> a kg:Statement ; rdf:subject st:duitsland ;
      rdf:predicate kg:concernedAbout ; rdf:object rg:migratiepact ;
      kg:evidenceText "Duitsland is bezorgd over het Migratiepact." ;
      kg:startOffset 50 ; kg:endOffset 93 ; kg:rule "stance.zorgen_over" ;
      prov:wasDerivedFrom d:gac-2025-03 .
  <https://w3id.org/kg-eu/doc/gac-2025-03#r-2> a kg:Statement ; rdf:subject st:nederland ;
      rdf:predicate kg:supports ; rdf:object rg:migratiepact ;
      kg:evidenceText "Nederland steunt het Migratiepact." ;
      kg:startOffset 94 ; kg:endOffset 128 ; kg:rule "stance.steun_voor" ;
      prov:wasDerivedFrom d:gac-2025-03 .
}

d:env-2025-06 {
  d:env-2025-06 kg:reportsOn me:env-2025-06-17 .
  me:env-2025-06-17 a kg:Meeting ; rdfs:label "Environment Council 17 June 2025"@en ;
      kg:onDate "2025-06-17"^^xsd:date .
  <https://w3id.org/kg-eu/doc/env-2025-06#r-1> a kg:Statement ; rdf:subject st:duitsland ;
      rdf:predicate kg:requested ; rdf:object ag:frontex ;
      kg:evidenceText "Germany asked Frontex for support." ;
      kg:startOffset 10 ; kg:endOffset 44 ; kg:rule "stance.request" ;
      prov:wasDerivedFrom d:env-2025-06 .
}
"""


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The TRIG store on disk, once per test module."""
    return write_store(tmp_path_factory.mktemp("serve") / "store")


@pytest.fixture(scope="module")
def server(store_dir: Path):
    """``kg serve`` on a free 127.0.0.1 port over :func:`store_dir`, two query workers."""
    from kg.serve.endpoint import EndpointSettings, start_in_thread

    srv = start_in_thread(store_dir, EndpointSettings(port=0, quiet=True, workers=2))
    yield srv
    srv.close()
