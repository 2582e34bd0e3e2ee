"""Every shipped query on the example graph, with rows that are true of the letters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from graph_fixtures import BE, FRONTEX, NL, example_store_dir, tiny_extraction

from kg.errors import QueryError
from kg.extraction import Relation
from kg.graph.build import load_extractions
from kg.graph.query import format_result, load_query, parse_header, run_query, shipped_queries
from kg.graph.store import KnowledgeGraph
from kg.iri import ENTITY_TYPES, document_iri

QUERIES = Path(__file__).resolve().parent.parent / "queries"
JBZ = document_iri("kst-32317-975")  # examples/letters/jbz-raad-2025-10-verslag.txt
JBZ_CONFIG = (
    "https://w3id.org/kg-eu/entity/councilconfiguration/raad-justitie-en-binnenlandse-zaken"
)


@pytest.fixture(scope="module")
def kg():
    with KnowledgeGraph(example_store_dir(), read_only=True) as store:
        yield store


def rows(kg, name: str, **params: str) -> list[dict[str, str | None]]:
    return run_query(kg, QUERIES / f"{name}.rq", params).records()


def has_row(found: list[dict], **want: str) -> bool:
    return any(all(r.get(k) == v for k, v in want.items()) for r in found)


def test_at_least_twelve_queries_each_with_a_header():
    queries = shipped_queries()
    assert len(queries) >= 12
    for q in queries:
        assert q.title.endswith(("?", ".", ":")) or len(q.title) > 20, q.source
        assert "# Example: kg query queries/" in q.text, q.source
        assert "PREFIX kg:" in q.text, q.source  # portable to other endpoints
        select = q.text[q.text.index("SELECT") : q.text.index("WHERE")]
        for p in q.params:
            assert f"?{p.name}" in select, f"{q.source}: ?{p.name} must be selected to be bound"


@pytest.mark.parametrize("path", sorted(QUERIES.glob("*.rq")), ids=lambda p: p.stem)
def test_every_query_runs_unbound_on_the_example_graph(kg, path):
    result = run_query(kg, path)
    assert result.kind == "select"
    if path.stem != "opposed_what_state_supported":  # answered on a fixture below
        assert result.rows, f"{path.name} found nothing"


def test_stances_on_the_return_regulation(kg):
    found = rows(kg, "stances_on_regulation", regulation="Terugkeerverordening")
    assert has_row(found, state=NL, stance="supports", document=JBZ)
    assert {r["regulationLabel"] for r in found} == {"Terugkeerverordening"}
    assert all(r["issue"] and r["issue"] in r["evidence"] for r in found if r["document"] == JBZ)


@pytest.mark.parametrize(
    "name",
    [
        "stances_on_regulation",
        "requests",
        "state_positions_over_time",
        "opposed_what_state_supported",
        "about_entity",
    ],
)
def test_queries_that_list_stances_keep_their_columns_and_add_the_issue(kg, name):
    variables = run_query(kg, QUERIES / f"{name}.rq").variables
    assert variables[-1] in ("issue", "supportIssue") and "issue" in variables
    assert "evidence" in variables or "opposition" in variables


def test_what_the_netherlands_opposed_names_the_issue(kg):
    found = rows(kg, "state_positions_over_time")
    eurojust = [r for r in found if r["stance"] == "opposes" and r["objectLabel"] == "Eurojust"]
    assert eurojust and all("mandaat" in (r["issue"] or "") for r in eurojust)


def test_positions_of_the_netherlands_over_time(kg):
    found = rows(kg, "state_positions_over_time")  # default: Nederland
    assert {r["state"] for r in found} == {NL}
    frontex = [r for r in found if r["object"] == FRONTEX and r["stance"] == "supports"]
    assert any(r["date"] == "2025-10-13" and r["document"] == JBZ for r in frontex)
    assert all(
        "Frontex" in (r["evidence"] or "") or "Agentschap" in (r["evidence"] or "") for r in frontex
    )
    dates = [r["date"] for r in found if r["date"]]
    assert dates == sorted(dates)


def test_joint_letter_cosignatories(kg):
    found = rows(kg, "joint_letter_cosignatories", state="Nederland")
    assert has_row(found, sender=NL, cosignatory=BE, document=JBZ)
    assert all(NL in (r["sender"], r["cosignatory"]) for r in found)


def test_who_signed_which_documents(kg):
    found = rows(kg, "signatories", signer="S.A. Blok")
    assert has_row(found, document=document_iri("kst-21501-02-2035"), signerLabel="S.A. Blok")
    all_rows = rows(kg, "signatories")
    signers = {r["signerLabel"] for r in all_rows if r["document"] == JBZ}
    assert {"F. van Oosten", "D.M. van Weel"} <= signers


def test_ministers_and_their_posts(kg):
    found = rows(kg, "ministers_posts", minister="S.A. Blok")
    assert has_row(found, organisationLabel="Ministerie van Buitenlandse Zaken")


def test_agencies_discussed_per_configuration(kg):
    found = rows(kg, "agencies_per_configuration")
    jbz = [r for r in found if r["configuration"] == JBZ_CONFIG]
    assert any(r["agency"] == FRONTEX and int(r["mentions"]) >= 3 for r in jbz)
    counts = [int(r["mentions"]) for r in jbz]
    assert counts == sorted(counts, reverse=True)


def test_states_that_opposed_what_a_state_supported():
    kg = KnowledgeGraph()
    ex = tiny_extraction()
    ev = ex.relations[0].evidence
    ex.relations.append(Relation(BE, "opposes", FRONTEX, "stance.test", ev))
    load_extractions(kg, [ex])
    found = run_query(kg, QUERIES / "opposed_what_state_supported.rq").records()
    assert [(r["opponentLabel"], r["objectLabel"]) for r in found] == [("België", "Frontex")]
    assert not run_query(kg, QUERIES / "opposed_what_state_supported.rq", {"state": "België"}).rows


def test_documents_citing_a_kamerstuk(kg):
    found = rows(kg, "documents_citing", kamerstuk="29 344, nr. 157")
    assert has_row(found, document=JBZ)
    assert all("29344" in r["citedLabel"].replace(" ", "") for r in found)


def test_everything_said_about_frontex(kg):
    found = rows(kg, "about_entity")  # default: Frontex
    assert has_row(found, role="object", predicate="supports", other=NL, document=JBZ)
    assert all(r["evidence"] for r in found)


def test_entity_counts_by_type(kg):
    found = rows(kg, "entity_counts_by_type")
    types = {r["type"]: int(r["entities"]) for r in found}
    assert set(types) <= set(ENTITY_TYPES)
    assert types["State"] >= 10 and types["Agency"] >= 10


def test_meetings_of_a_configuration(kg):
    found = rows(kg, "meetings", configuration="JBZ-Raad")
    assert found and all(r["body"] == JBZ_CONFIG for r in found)
    assert any(r["date"] == "2025-10-13" and JBZ in (r["reportedIn"] or "") for r in found)


def test_most_mentioned_states(kg):
    found = rows(kg, "most_mentioned", type="kg:State")
    assert found[0]["label"] == "Nederland"


def test_who_asked_for_what(kg):
    found = rows(kg, "requests", subject="Frankrijk")
    assert has_row(found, objectLabel="European Democracy Shield", document=JBZ)


def test_documents_and_their_numbers(kg):
    found = rows(kg, "documents")
    assert len(found) == 16
    assert has_row(found, document=document_iri("kst-32317-970"), number="970", dossier="32 317")


def test_relations_by_rule(kg):
    found = rows(kg, "relations_by_rule", predicate="kg:signedBy")
    assert found and all(r["rule"] and int(r["statements"]) >= 1 for r in found)
    assert {r["predicate"] for r in found} == {"https://w3id.org/kg-eu/ontology#signedBy"}


def test_values_are_bound_never_pasted(kg):
    evil = '") || true || ("'
    assert run_query(kg, QUERIES / "documents_citing.rq", {"kamerstuk": evil}).rows == []
    with pytest.raises(QueryError, match="no entity labelled"):
        run_query(kg, QUERIES / "signatories.rq", {"signer": "x> } ; DROP ALL ; #"})
    with pytest.raises(QueryError, match="no parameter"):
        run_query(kg, QUERIES / "signatories.rq", {"nope": "1"})


def test_output_formats(kg):
    result = run_query(kg, QUERIES / "signatories.rq", {"signer": "S.A. Blok"}, limit=2)
    assert result.truncated and len(result.rows) == 2
    data = json.loads(format_result(result, "json"))
    assert data["head"]["vars"][:2] == ["document", "title"]
    assert data["results"]["bindings"][0]["signer"]["type"] == "uri"
    csv_text = format_result(result, "csv")
    assert csv_text.splitlines()[0].startswith("document,title,date,signer")
    assert "\t" in format_result(result, "tsv").splitlines()[1]
    md = format_result(result, "md")
    assert md.startswith("| document | title |") and "minister:s-a-blok" in md
    table = format_result(result, "table")
    assert "S.A. Blok" in table and "2 row(s) (more not shown)" in table
    with pytest.raises(QueryError):
        format_result(result, "xml")


def test_ask_and_construct(kg):
    assert run_query(kg, "ASK { ?s a kg:SourceDocument }").boolean is True
    graph = run_query(kg, "CONSTRUCT { ?d a kg:SourceDocument } WHERE { ?d a kg:SourceDocument }")
    assert len(graph.triples) == 16
    assert "kg:SourceDocument" in format_result(graph, "table")


def test_header_parsing_and_loading_by_name():
    title, params = parse_header("# Q?\n# @param x integer  a number (default: 3)\nSELECT ?x {}")
    assert title == "Q?" and params[0].kind == "integer" and params[0].default == "3"
    assert load_query("signatories").source.endswith("signatories.rq")
    with pytest.raises(QueryError, match="no such query file"):
        load_query("missing.rq")
