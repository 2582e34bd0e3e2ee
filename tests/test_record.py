"""Letters as the official record (issue 15): identifiers and pages, dossiers, citations that meet.

The example letters are built once (graph_fixtures); identifier and page forms
are held to facts copied from the open-data samples (tests/data/record).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from graph_fixtures import LETTERS, example_store_dir

from kg.errors import ReferenceDataError
from kg.graph.build import build
from kg.graph.query import run_query
from kg.graph.store import KnowledgeGraph
from kg.graph.validate import load_shapes, validate_graph
from kg.identifiers import compact_dossier, kamerstuk_id, page_of
from kg.ingest import ingest_path
from kg.iri import document_iri
from kg.record.dossiers import load_dossiers
from kg.viz.network import NetworkFilter, build_network, from_store

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "corpus"
OPENDATA = ROOT / "tests" / "data" / "record" / "opendata-identifiers.json"
OB = "https://zoek.officielebekendmakingen.nl/"
DOSSIER = "https://w3id.org/kg-eu/entity/dossier/"
JBZ = "https://w3id.org/kg-eu/entity/councilconfiguration/raad-justitie-en-binnenlandse-zaken"

#: file -> (identifiers, dossier the letter is part of)
EXAMPLES = {
    "ah-tk-20232024-387.txt": (["ah-tk-20232024-387"], None),
    "jbz-raad-2025-10-verslag.txt": (["kst-32317-975"], "32317"),  # the seed letter
    "kst-21501-02-2035.txt": (["kst-21501-02-2035"], "21501-02"),
    "kst-21501-07-1612.txt": (["kst-21501-07-1612"], "21501-07"),
    "kst-22112-4031.txt": (["kst-22112-4031"], "22112"),
    "kst-32317-970.txt": (["kst-32317-970"], "32317"),
}


def select(kg: KnowledgeGraph, query: str, **bound: str) -> list[dict[str, str]]:
    """Rows of a SELECT whose ``bound`` variables are given (so also selected) as IRIs."""
    query = query.replace("SELECT ", "SELECT " + "".join(f"?{k} " for k in bound), 1)
    subs = {k: ox.NamedNode(v) for k, v in bound.items()}
    result = kg.query(query, subs)
    names = [v.value for v in result.variables]
    return [{n: r[n].value for n in names if r[n] is not None} for r in result]


@pytest.fixture(scope="module")
def examples():
    with KnowledgeGraph(example_store_dir(), read_only=True) as kg:
        yield kg


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_the_example_letters_get_their_identifiers_pages_and_dossiers(examples, name):
    identifiers, dossier = EXAMPLES[name]
    doc = document_iri(identifiers[0])
    assert doc == f"https://w3id.org/kg-eu/doc/{identifiers[0]}"
    rows = select(
        examples,
        "SELECT ?id ?page ?file ?part WHERE { GRAPH ?d { ?d dcterms:identifier ?id ; "
        "kg:sourceFile ?file . OPTIONAL { ?d foaf:page ?page } OPTIONAL { ?d dcterms:isPartOf ?part } } }",
        d=doc,
    )
    assert sorted({r["id"] for r in rows}) == identifiers
    assert {r["page"] for r in rows} == {f"{OB}{identifiers[0]}.html"}
    assert {r["file"] for r in rows} == {name}  # the file name stays, as kg:sourceFile
    assert {r.get("part") for r in rows} == {f"{DOSSIER}{dossier}" if dossier else None}


def test_every_example_letter_has_an_official_identifier(examples):
    rows = select(
        examples,
        "SELECT ?d ?id WHERE { GRAPH ?d { ?d a kg:SourceDocument ; dcterms:identifier ?id } }",
    )
    assert len({r["d"] for r in rows}) == len(list(LETTERS.glob("*.txt")))
    assert all(r["d"] == document_iri(r["id"]) for r in rows)


def test_a_dossier_is_a_node_with_its_title_and_configuration(examples):
    rows = select(
        examples,
        "SELECT ?id ?number ?title ?body WHERE { GRAPH ?g { ?s a kg:Dossier ; dcterms:identifier ?id ; "
        "kg:dossier ?number ; dcterms:title ?title OPTIONAL { ?s kg:configuration ?body } } }",
        s=f"{DOSSIER}32317",
    )
    assert {(r["id"], r["number"], r["title"], r.get("body")) for r in rows} == {
        ("32317", "32 317", "JBZ-Raad", JBZ)
    }
    letters = select(
        examples,
        "SELECT ?d WHERE { GRAPH ?d { ?d dcterms:isPartOf ?s } }",
        s=f"{DOSSIER}32317",
    )
    assert {r["d"] for r in letters} == {
        document_iri(i)
        for i in ("kst-32317-703", "kst-32317-766", "kst-32317-970", "kst-32317-975")
    }


def test_identifier_and_page_forms_match_the_open_data():
    data = json.loads(OPENDATA.read_text(encoding="utf-8"))
    for paper in data["papers"]:
        assert kamerstuk_id(paper["dossiernummer"], paper["ondernummer"]) == paper["identifier"]
        if paper["preferredUrl"]:
            assert page_of(paper["identifier"]) == paper["preferredUrl"]
    for dossier in data["dossiers"]:
        written = dossier["dossiernummer"]
        spaced = f"{written[:2]} {written[2:5]}" + (f" {written[6:]}" if len(written) > 5 else "")
        assert compact_dossier(spaced) == written  # "35 925 VII" -> "35925-VII"


@pytest.mark.parametrize(
    ("name", "identifiers", "pages"),
    [
        ("nl-kst-21501-02-3180.txt", ["kst-21501-02-3180", "2025D30073"], 2),  # TK page of a kst
        ("nl-tkconv-2025D20525.txt", ["2025D20525"], 1),  # TK document without kst: its number
        ("nl-tkconv-2019D22298.txt", ["kst-21501-07-1602", "2019D22298"], 2),
        ("nl-kst-32317-OO.txt", ["kst-32317-OO"], 1),  # Eerste Kamer: letters instead of a number
        ("en-consilium-jha-2022-06-justice.txt", [], 0),  # no identifier: named by its file
    ],
)
def test_identifiers_of_other_kinds_of_letters(name, identifiers, pages):
    doc = ingest_path(CORPUS / name)
    assert doc.meta.identifiers == identifiers
    assert len([i for i in identifiers if page_of(i)]) == pages
    expected = identifiers[0] if identifiers else Path(name).stem
    assert document_iri(doc.id) == document_iri(expected)
    if identifiers[:1] == ["2025D20525"]:
        assert page_of("2025D20525") == (
            "https://www.tweedekamer.nl/kamerstukken/detail?id=2025D20525&did=2025D20525"
        )


def test_an_identifier_only_in_the_file_name(tmp_path):
    """An Eerste Kamer letter whose text prints no number: the file name gives it."""
    letter = tmp_path / "nl-kst-21501-07-DI.txt"
    body = (CORPUS / "kst-21501-07-1612.txt").read_text(encoding="utf-8")
    letter.write_text(body.split("\n\n", 2)[2], encoding="utf-8")  # without dossier and number
    doc = ingest_path(letter)
    assert (doc.id, doc.meta.dossier, doc.meta.number) == ("kst-21501-07-DI", "21 501-07", "DI")
    assert document_iri(doc.id).endswith("/doc/kst-21501-07-DI")


def test_a_council_document_number_is_an_identifier_without_a_page(tmp_path):
    letter = tmp_path / "conclusions.txt"
    letter.write_text(
        "European Council\nBrussels, 27 June 2024 (OR. en)\nEUCO 15/24\n"
        "Subject: European Council meeting (27 June 2024) – Conclusions\n"
        "The European Council held an exchange of views with the President of Ukraine.\n",
        encoding="utf-8",
    )
    doc = ingest_path(letter)
    assert doc.meta.identifiers == ["EUCO 15/24"] and page_of("EUCO 15/24") is None
    assert document_iri(doc.id).endswith("/doc/euco-15-24")


CITING = """32 317 JBZ-Raad

Nr. 980 BRIEF VAN DE MINISTER VAN JUSTITIE EN VEILIGHEID

Aan de Voorzitter van de Tweede Kamer der Staten-Generaal

Den Haag, 1 oktober 2025

In het verslag van de informele JBZ-Raad in Kopenhagen (Kamerstuk 32 317, nr. 970) heeft het kabinet u geïnformeerd over het parlementair behandelvoorbehoud. Hierbij ontvangt u de toegezegde nadere informatie.

De Minister van Justitie en Veiligheid,
D.M. van Weel
"""


@pytest.fixture(scope="module")
def citing_graph(tmp_path_factory):
    folder = tmp_path_factory.mktemp("letters")
    shutil.copy(LETTERS / "kst-32317-970.txt", folder / "kst-32317-970.txt")
    (folder / "brief-oktober.txt").write_text(CITING, encoding="utf-8")
    kg = KnowledgeGraph()
    report = build([folder], kg)
    assert not report.failed and len(report.added) == 2
    return kg


def test_a_cited_letter_and_the_letter_itself_are_one_node(citing_graph):
    citing, cited = document_iri("kst-32317-980"), document_iri("kst-32317-970")
    assert citing_graph.documents() == [cited, citing]
    rows = select(
        citing_graph,
        "SELECT ?types ?g WHERE { GRAPH ?g { ?c a ?types } }",
        c=cited,
    )
    types = {(r["types"].rsplit("#", 1)[1], r["g"]) for r in rows}
    assert types == {("SourceDocument", cited), ("Document", citing)}  # read, and cited
    edges = select(
        citing_graph, "SELECT ?g WHERE { GRAPH ?g { ?a kg:cites ?c } }", a=citing, c=cited
    )
    assert [e["g"] for e in edges] == [citing]


def test_the_shipped_query_shows_letters_citing_letters(citing_graph):
    rows = run_query(
        citing_graph, "letters_citing_letters", {"document": "doc:kst-32317-980"}
    ).records()
    (row,) = rows
    assert row["cited"] == document_iri("kst-32317-970") and row["inGraph"] == "true"
    assert row["citedIdentifier"] == "kst-32317-970"
    assert row["citedPage"] == f"{OB}kst-32317-970.html"
    assert row["citedTitle"].startswith("Verslag van de informele Raad Justitie")
    assert "(Kamerstuk 32 317, nr. 970)" in row["evidence"]


def test_the_network_has_a_citation_edge_between_the_two_letters(citing_graph):
    graph = build_network(from_store(citing_graph), NetworkFilter())
    citing, cited = document_iri("kst-32317-980"), document_iri("kst-32317-970")
    assert graph.has_edge(citing, cited, key="cites")
    assert graph.nodes[cited]["type"] == "SourceDocument"  # the letter, not a stray citation
    assert graph.nodes[cited]["label"].endswith("(2025-09-04)")  # its title and date
    assert graph.nodes[cited]["title"].startswith("Verslag van de informele Raad Justitie")


def test_the_graph_of_letters_and_citations_conforms_to_the_shapes(citing_graph):
    from kg.graph.validate import store_graph

    report = validate_graph(store_graph(citing_graph), load_shapes())
    assert report.conforms, report.text[:2000]


def test_the_dossier_file_is_valid_and_wrong_ones_are_one_clear_error(tmp_path):
    dossiers = load_dossiers()
    assert dossiers["21501-07"].follows == (
        "https://w3id.org/kg-eu/entity/councilconfiguration/raad-economische-en-financiele-zaken",
    )
    bad = tmp_path / "dossiers.ttl"
    bad.write_text(
        "@prefix kg: <https://w3id.org/kg-eu/ontology#> . @prefix dcterms: <http://purl.org/dc/terms/> .\n"
        '<https://w3id.org/kg-eu/entity/dossier/32317> a kg:Dossier ; dcterms:identifier "32317" ;\n'
        '  kg:dossier "32 317" ; dcterms:title "JBZ-Raad" ;\n'
        "  kg:configuration <https://w3id.org/kg-eu/entity/councilconfiguration/raad-jbz> .\n",
        encoding="utf-8",
    )
    with pytest.raises(ReferenceDataError, match="raad-jbz> is not a Council configuration"):
        load_dossiers(bad)
