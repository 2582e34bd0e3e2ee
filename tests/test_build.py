"""kg.graph.build on the example letters through the real pipeline: incremental, idempotent, recorded."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from graph_fixtures import (
    LETTERS,
    copy_example_store,
    example_store_dir,
    named_graphs,
    same_graphs,
    tiny_extraction,
)

from kg import __version__ as kg_version
from kg.cli import main
from kg.errors import StoreError
from kg.graph.build import build, load_extractions, remove, ruleset_hash
from kg.graph.rdf import graph_iri
from kg.graph.store import KnowledgeGraph
from kg.iri import document_iri

N_LETTERS = len(list(LETTERS.glob("*.txt")))
CORPUS = Path(__file__).resolve().parent / "data" / "corpus"


@pytest.fixture()
def letters(tmp_path) -> Path:
    target = tmp_path / "letters"
    shutil.copytree(LETTERS, target)
    return target


def test_example_graph_has_every_letter_and_what_is_true_of_them():
    with KnowledgeGraph(example_store_dir(), read_only=True) as kg:
        docs = kg.documents()
        assert len(docs) == N_LETTERS
        assert document_iri("kst-21501-02-2035") in docs
        stats = kg.stats()
        assert {"State", "Agency", "Regulation", "Minister", "Meeting"} <= set(stats.entities)
        assert {"supports", "signedBy", "addressedTo", "cites"} <= set(stats.relations)
        blok = kg.query(
            "SELECT ?d ?p WHERE { GRAPH ?d { ?d kg:signedBy ?p } }",
            {"p": ox.NamedNode("https://w3id.org/kg-eu/entity/minister/s-a-blok")},
        )
        assert document_iri("kst-21501-02-2035") in {r["d"].value for r in blok}


def test_rebuild_is_idempotent(tmp_path):
    path = copy_example_store(tmp_path / "s")
    with KnowledgeGraph(path) as kg:
        before = named_graphs(kg)
        report = build([LETTERS], kg)
        assert report.added == [] and report.replaced == []
        assert len(report.skipped) == N_LETTERS
        assert same_graphs(before, named_graphs(kg)) == []


def test_a_fresh_build_elsewhere_gives_an_isomorphic_graph(tmp_path):
    with KnowledgeGraph(example_store_dir(), read_only=True) as kg:
        first = named_graphs(kg)
    with KnowledgeGraph(tmp_path / "s") as kg:
        build([LETTERS], kg)
        assert same_graphs(first, named_graphs(kg)) == []


def test_forced_rebuild_replaces_everything_and_changes_nothing(tmp_path):
    path = copy_example_store(tmp_path / "s")
    with KnowledgeGraph(path) as kg:
        before = named_graphs(kg)
        report = build([LETTERS], kg, force=True)
        assert len(report.replaced) == N_LETTERS and not report.added
        assert same_graphs(before, named_graphs(kg)) == []


def test_a_changed_document_is_replaced_without_touching_the_others(tmp_path, letters):
    with KnowledgeGraph(tmp_path / "s") as kg:
        build([letters], kg)
        before = named_graphs(kg)
        changed = letters / "kst-21501-02-2035.txt"
        changed.write_text(
            changed.read_text(encoding="utf-8").replace("Nederland", "Nederland  ", 1),
            encoding="utf-8",
        )
        report = build([letters], kg)
        iri = document_iri("kst-21501-02-2035")
        assert report.replaced == [iri]
        assert len(report.skipped) == N_LETTERS - 1
        after = named_graphs(kg)
        differ = same_graphs(before, after)
        assert iri in differ
        assert set(differ) <= {iri, graph_iri("reference", kg.base)}
        hashes = kg.document_hashes()
        assert len({h for h, _ in hashes.values()}) == N_LETTERS


def test_new_document_added_and_remove_drops_it(tmp_path, letters):
    with KnowledgeGraph(tmp_path / "s") as kg:
        (letters / "extra").mkdir()
        shutil.copy(CORPUS / "nl-kst-32317-964.txt", letters / "extra" / "verslag-juni.txt")
        report = build([letters / "kst-32317-970.txt"], kg)
        assert len(report.added) == 1
        report = build([letters / "extra"], kg)
        assert report.added == [document_iri("kst-32317-964")]
        removed = remove(kg, "verslag-juni")  # by file name; "kst-32317-964" works too
        assert removed.removed == [document_iri("kst-32317-964")]
        assert kg.documents() == [document_iri("kst-32317-970")]
        with pytest.raises(StoreError, match="no document"):
            remove(kg, "kst-32317-964")
        remove(kg, str(letters / "kst-32317-970.txt"))  # by source path
        assert kg.documents() == []


def test_unreadable_files_are_reported_and_the_rest_is_built(tmp_path, letters):
    (letters / "broken.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    seen = []
    with KnowledgeGraph(tmp_path / "s") as kg:
        report = build([letters], kg, progress=lambda status, name: seen.append(status))
    assert [Path(s).name for s, _ in report.failed] == ["broken.txt"]
    assert len(report.added) == N_LETTERS
    assert seen.count("added") == N_LETTERS and seen.count("failed") == 1


def test_each_build_is_a_prov_activity(tmp_path):
    path = copy_example_store(tmp_path / "s")
    with KnowledgeGraph(path) as kg:
        load_extractions(kg, [tiny_extraction()])
        rows = list(
            kg.query(
                "SELECT ?g ?b ?n ?h ?v ?t WHERE { GRAPH ?g { ?b a kg:Build, prov:Activity ; "
                "kg:documentsTouched ?n ; kg:rulesetHash ?h ; kg:softwareVersion ?v ; "
                "prov:startedAtTime ?t ; prov:endedAtTime ?e } } ORDER BY ?t",
                {"g": ox.NamedNode(graph_iri("builds", kg.base))},
            )
        )
    assert [int(r["n"].value) for r in rows] == [N_LETTERS, 1]
    assert rows[-1]["h"].value == ruleset_hash()
    assert rows[-1]["v"].value == kg_version


def test_cli_build_stats_query_export_as_the_demo_does(tmp_path, capsys):
    store, out = tmp_path / "S", tmp_path / "out" / "graph.ttl"
    assert main(["build", str(LETTERS), "--store", str(store)]) == 0
    text = capsys.readouterr().out
    assert f"{N_LETTERS} added" in text and "entities by type" in text and "supports" in text
    assert main(["build", str(LETTERS), "--store", str(store), "--quiet"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["stats", "--store", str(store)]) == 0
    assert f"documents: {N_LETTERS}" in capsys.readouterr().out
    q = Path(__file__).resolve().parent.parent / "queries" / "signatories.rq"
    args = ["query", str(q), "--store", str(store), "--format", "table", "--limit", "10"]
    assert main(args) == 0
    table = capsys.readouterr().out
    assert "S.A. Blok" in table and "10 row(s)" in table
    assert main(["export", "--store", str(store), "--format", "turtle", "-o", str(out)]) == 0
    assert out.stat().st_size > 10_000
    assert main(["remove", "kst-32317-970", "--store", str(store)]) == 0
    assert main(["remove", "kst-32317-970", "--store", str(store)]) == 1
    assert "no document" in capsys.readouterr().err


def test_a_second_build_on_a_busy_store_stops_with_a_clear_error(tmp_path):
    store = tmp_path / "S"
    with KnowledgeGraph(store):
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "kg",
                "build",
                str(LETTERS),
                "--store",
                str(store),
                "--wait",
                "0.3",
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert proc.returncode != 0
    assert "in use by another kg process" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_the_store_defaults_to_kg_store_from_the_environment(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KG_STORE", str(tmp_path / "env-store"))
    assert main(["build", str(LETTERS / "kst-32317-970.txt"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["added"] == [document_iri("kst-32317-970")]
    assert data["stats"]["documents"] == 1
    assert (tmp_path / "env-store" / "CURRENT").exists()


def test_a_malformed_extraction_fails_alone():
    bad = tiny_extraction("bad-1")
    bad.entities[0].id = "https://w3id.org/kg-eu/entity/state/bad iri"
    report = load_extractions(KnowledgeGraph(), [bad, tiny_extraction("good-1")])
    assert [(s, p.split(":")[0]) for s, p in report.failed] == [("bad-1.txt", "mapping failed")]
    assert report.added == [document_iri("good-1")]
