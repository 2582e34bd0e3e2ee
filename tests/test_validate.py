"""kg.graph.validate: SHACL against ontology/shapes.ttl, violations listed readably."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from graph_fixtures import FRONTEX, KG, NL, example_store_dir, tiny_extraction

from kg.cli import main
from kg.errors import ValidationError
from kg.graph.build import load_extractions
from kg.graph.store import KnowledgeGraph
from kg.graph.validate import load_shapes, validate


def test_a_well_formed_document_graph_conforms():
    kg = KnowledgeGraph()
    load_extractions(kg, [tiny_extraction()])
    report = validate(kg)
    assert report.conforms, "\n".join(map(str, report.violations))
    assert report.summary() == "the graph conforms to the shapes"


def test_violations_name_the_node_the_path_and_the_shape():
    kg = KnowledgeGraph()
    ex = tiny_extraction()
    load_extractions(kg, [ex])
    # Break the model on purpose: an entity without a label, a statement without a rule.
    kg.store.update(
        f"DELETE WHERE {{ GRAPH ?g {{ <{FRONTEX}> <http://www.w3.org/2000/01/rdf-schema#label> ?l }} }} ;"
        f"DELETE WHERE {{ GRAPH ?g {{ ?st <{KG}rule> ?r }} }}"
    )
    report = validate(kg)
    assert not report.conforms
    lines = [str(v) for v in report.violations]
    assert any(
        line.startswith("Violation: agency:frontex rdfs:label") and "kgsh:EntityShape" in line
        for line in lines
    ), lines
    assert any("kg:rule" in line and "kgsh:StatementShape" in line for line in lines), lines


def test_a_stance_on_a_typeless_node_is_reported():
    kg = KnowledgeGraph()
    load_extractions(kg, [tiny_extraction()])
    g = ox.NamedNode("https://w3id.org/kg-eu/doc/tiny-1")
    kg.store.add(
        ox.Quad(ox.NamedNode(NL), ox.NamedNode(KG + "opposes"), ox.NamedNode("urn:x:thing"), g)
    )
    report = validate(kg)
    assert any(v.path == "kg:opposes" and v.focus == "state:nederland" for v in report.violations)


def test_missing_shapes_file_is_a_clear_error(tmp_path):
    with pytest.raises(ValidationError, match="no shapes file"):
        load_shapes(tmp_path / "none.ttl")


@pytest.mark.slow
def test_the_example_graph_conforms():
    with KnowledgeGraph(example_store_dir(), read_only=True) as kg:
        report = validate(kg)
    assert report.conforms, "\n".join(map(str, report.violations))


def test_cli_validate_lists_violations_and_fails(tmp_path, capsys):
    store = tmp_path / "s"
    with KnowledgeGraph(store) as kg:
        load_extractions(kg, [tiny_extraction()])
        kg.store.update(
            f"DELETE WHERE {{ GRAPH ?g {{ <{NL}> <http://www.w3.org/2000/01/rdf-schema#label> ?l }} }}"
        )
    assert main(["validate", "--store", str(store)]) == 1
    captured = capsys.readouterr()
    assert "state:nederland rdfs:label" in captured.out
    assert "does not conform: 1 violation" in captured.err
