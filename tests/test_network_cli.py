"""``kg network stats`` and ``kg viz`` on a real on-disk store and on extraction JSON."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from test_network import seed_extraction, toy_extractions

from kg.cli import main
from kg.extraction import extractions_to_json
from kg.graph.build import load_extractions
from kg.graph.store import KnowledgeGraph


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("store") / "kg-store"
    with KnowledgeGraph(path) as kg:
        load_extractions(kg, [*toy_extractions(), seed_extraction()])
    return path


def test_stats_lists_the_most_central_entities(store_path, capsys):
    assert main(["network", "stats", "--store", str(store_path), "--json", "--top", "3"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["summary"]["nodes"] > 70 and len(out["top"]) == 3
    assert out["top"][0]["label"] == "Nederland"
    assert main(["network", "stats", "--store", str(store_path), "--type", "Agency"]) == 0
    text = capsys.readouterr().out
    assert "Europese Commissie" in text and "Nederland" not in text


def test_viz_writes_page_picture_and_gephi_files(store_path, tmp_path, capsys):
    page = tmp_path / "network.html"
    assert main(["viz", "--store", str(store_path), "-o", str(page)]) == 0
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    png = tmp_path / "network.png"
    assert main(["viz", "--store", str(store_path), "--png", "-o", str(png), "--no-documents"]) == 0
    assert png.read_bytes()[:4] == b"\x89PNG"
    graphml = tmp_path / "frontex.graphml"
    args = ["viz", "--store", str(store_path), "--format", "graphml", "-o", str(graphml)]
    assert main([*args, "--ego", "Frontex", "--predicate", "supports"]) == 0
    g = nx.read_graphml(graphml)
    assert {d["predicate"] for *_, d in g.edges(data=True)} == {"supports"}
    assert "Frontex" in {d["label"] for _, d in g.nodes(data=True)}
    assert "wrote" in capsys.readouterr().out


def test_viz_from_extraction_json_with_a_date_range(tmp_path):
    source = tmp_path / "extractions.json"
    source.write_text(extractions_to_json(toy_extractions()), encoding="utf-8")
    out = tmp_path / "late.gexf"
    assert main(["viz", "--from-json", str(source), "-o", str(out), "--from", "2025-12-05"]) == 0
    labels = {d["label"] for _, d in nx.read_gexf(out).nodes(data=True)}
    assert {"Polen", "Terugkeerverordening"} <= labels and "Eurojust" not in labels


def test_bad_filters_are_one_line_errors(store_path, tmp_path, capsys):
    assert main(["viz", "--store", str(store_path), "--ego", "Atlantis"]) == 1
    assert main(["viz", "--store", str(store_path), "--from", "3 May"]) == 2
    assert main(["viz", "--store", str(store_path), "--png", "--svg"]) == 2
    assert main(["network", "stats", "--store", str(tmp_path / "nothing")]) != 0
    err = capsys.readouterr().err
    assert "Atlantis" in err and "YYYY-MM-DD" in err and "Traceback" not in err
