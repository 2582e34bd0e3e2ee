"""kg.graph.store: named graphs per document, atomic replace, bulk load with recovery, the lock."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from graph_fixtures import NL, tiny_extraction

from kg.errors import StoreError, StoreLockedError
from kg.graph.rdf import extraction_triples, graph_iri
from kg.graph.store import JOURNAL_FILE, KnowledgeGraph

P = ox.NamedNode("http://example.org/p")


def triples(doc: str, tag: str, n: int) -> list[ox.Triple]:
    return [ox.Triple(ox.NamedNode(f"{doc}#x{i}"), P, ox.Literal(f"{tag}-{i}")) for i in range(n)]


def test_replace_swaps_one_graph_and_leaves_the_others(tmp_path):
    d1, d2 = "https://w3id.org/kg-eu/doc/a", "https://w3id.org/kg-eu/doc/b"
    with KnowledgeGraph(tmp_path / "s", load_ontology=False) as kg:
        kg.add_documents({d1: triples(d1, "old", 50), d2: triples(d2, "keep", 20)})
        kg.replace_document(d1, triples(d1, "new", 30))
        assert set(kg.graph_triples(d1)) == set(triples(d1, "new", 30))
        assert set(kg.graph_triples(d2)) == set(triples(d2, "keep", 20))
        assert kg.remove_document(d1) and not kg.remove_document(d1)
        assert kg.graph_names() == [d2]


def test_on_disk_store_persists_and_reopens_read_only(tmp_path):
    ex = tiny_extraction()
    with KnowledgeGraph(tmp_path / "s") as kg:
        kg.add_documents({ex.document_iri: extraction_triples(ex)})
    with KnowledgeGraph(tmp_path / "s", read_only=True) as kg:
        assert kg.documents() == [ex.document_iri]
        stats = kg.stats()
        assert stats.entities == {"State": 2, "Agency": 1, "Minister": 1}
        assert stats.relations == {"signedBy": 1, "supports": 1}
        with pytest.raises(StoreError):
            kg.remove_document(ex.document_iri)


def test_read_only_open_of_a_missing_store_says_what_to_do(tmp_path):
    with pytest.raises(StoreError, match="kg build"):
        KnowledgeGraph(tmp_path / "nothing", read_only=True)


def test_a_folder_of_other_files_is_not_taken_for_a_store(tmp_path):
    (tmp_path / "letters").mkdir()
    (tmp_path / "letters" / "a.txt").write_text("x")
    with pytest.raises(StoreError, match="is not a kg store"):
        KnowledgeGraph(tmp_path / "letters")
    assert sorted(p.name for p in (tmp_path / "letters").iterdir()) == ["a.txt"]


def test_rdflib_dataset_view_sees_the_same_triples():
    ex = tiny_extraction()
    kg = KnowledgeGraph()
    kg.add_documents({ex.document_iri: extraction_triples(ex)})
    rows = list(
        kg.dataset.query(
            "SELECT ?s ?o WHERE { ?s kg:supports ?o }",
            initBindings={"s": __import__("rdflib").URIRef(NL)},
        )
    )
    assert [str(r[1]) for r in rows] == ["https://w3id.org/kg-eu/entity/agency/frontex"]


def test_the_ontology_is_loaded_once_into_its_graph(tmp_path):
    from kg.config import ontology_dir

    if not (ontology_dir() / "kg.ttl").is_file():
        pytest.skip("ontology/kg.ttl not present")
    with KnowledgeGraph(tmp_path / "s") as kg:
        onto = graph_iri("ontology", kg.base)
        n = len(kg.graph_triples(onto))
        assert n > 50
        assert not kg.load_ontology()  # unchanged file: not reloaded
    with KnowledgeGraph(tmp_path / "s") as kg:
        assert len(kg.graph_triples(onto)) == n


def test_reference_graph_holds_linked_reference_entities_only():
    ex = tiny_extraction()
    kg = KnowledgeGraph()
    kg.add_documents({ex.document_iri: extraction_triples(ex)})
    assert kg.refresh_reference()
    ref = graph_iri("reference", kg.base)
    labels = {
        (t.subject.value, t.object.value)
        for t in kg.graph_triples(ref)
        if t.predicate.value.endswith("prefLabel")
    }
    assert (NL, "Nederland") in labels
    assert not any(s.endswith("/state/duitsland") for s, _ in labels)
    assert not kg.refresh_reference()  # unchanged: not rewritten
    kg.remove_document(ex.document_iri)
    kg.refresh_reference()
    assert not [t for t in kg.graph_triples(ref) if t.subject.value == NL]


def test_second_writer_waits_then_gets_a_clear_error_but_a_reader_does_not_wait(tmp_path):
    path = tmp_path / "s"
    with KnowledgeGraph(path):
        t0 = time.monotonic()
        with pytest.raises(StoreLockedError, match="in use by another kg process"):
            KnowledgeGraph(path, lock_timeout=0.5)
        assert time.monotonic() - t0 >= 0.5
        with KnowledgeGraph(path, read_only=True, lock_timeout=0) as reader:  # readers never wait
            assert reader.graph_names()
    with KnowledgeGraph(path, lock_timeout=0):  # released on close
        pass


def test_readers_share_the_store(tmp_path):
    path = tmp_path / "s"
    KnowledgeGraph(path, load_ontology=False).close()
    with KnowledgeGraph(path, read_only=True), KnowledgeGraph(path, read_only=True) as b:
        assert len(b) == 0


def test_a_writer_in_another_process_waits_for_the_lock(tmp_path):
    path = tmp_path / "s"
    KnowledgeGraph(path).close()
    code = textwrap.dedent(
        f"""
        import time
        from kg.graph.store import KnowledgeGraph
        t0 = time.monotonic()
        with KnowledgeGraph({str(path)!r}, lock_timeout=20):
            print(round(time.monotonic() - t0, 1))
        """
    )
    with KnowledgeGraph(path):
        proc = subprocess.Popen(
            [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, cwd=Path.cwd()
        )
        time.sleep(1.5)
    out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 0
    assert float(out.strip()) >= 1.0


_CRASHER = """
import sys, pyoxigraph as ox
from kg.graph.store import KnowledgeGraph
path, doc, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
P = ox.NamedNode("http://example.org/p")
def triples(tag):
    return [ox.Triple(ox.NamedNode(f"{doc}#x{i}"), P, ox.Literal(f"{tag}-{i}")) for i in range(n)]
kg = KnowledgeGraph(path)
print("ready", flush=True)
i = 0
while True:
    kg.replace_document(doc, triples("new" if i % 2 else "old"))
    i += 1
"""


@pytest.mark.slow
def test_a_crash_during_replace_leaves_the_old_graph_or_the_new_one(tmp_path):
    path, doc, n = tmp_path / "s", "https://w3id.org/kg-eu/doc/a", 20_000
    with KnowledgeGraph(path) as kg:
        kg.replace_document(doc, triples(doc, "old", n))
    for delay in (0.7, 1.3, 2.1):
        proc = subprocess.Popen(
            [sys.executable, "-c", _CRASHER, str(path), doc, str(n)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        with KnowledgeGraph(path, lock_timeout=5) as kg:
            got = set(kg.graph_triples(doc))
            assert got in (set(triples(doc, "old", n)), set(triples(doc, "new", n)))


def test_an_interrupted_bulk_load_is_dropped_on_the_next_open(tmp_path):
    path = tmp_path / "s"
    d1, d2 = "https://w3id.org/kg-eu/doc/a", "https://w3id.org/kg-eu/doc/b"
    with KnowledgeGraph(path, load_ontology=False) as kg:
        kg.add_documents({d1: triples(d1, "x", 10)})
    # What a process killed inside add_documents leaves: the journal and part of the data.
    raw = ox.Store(str(path))
    raw.bulk_extend(
        [ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(d2)) for t in triples(d2, "y", 5)]
    )
    raw.flush()
    del raw
    (path / JOURNAL_FILE).write_text(json.dumps([d2]))
    with KnowledgeGraph(path, load_ontology=False) as kg:
        assert kg.graph_names() == [d1]
        assert not (path / JOURNAL_FILE).exists()
