"""`kg build` killed with SIGKILL at random moments, and two builds on one store at once.

Every run is a real `python -m kg build` subprocess on an on-disk Oxigraph
store of a few hundred letters, while another process queries it in a loop.
Every query must answer (readers never wait), and never see a build go back;
after each kill the store must open (read-only, as `kg query` and `kg serve`
open it, and for writing), hold every document of the earlier complete
build, and hold each document's graph either as a clean build of the old
text or of the new one, never a mix. The next build finishes the job, and
then the store equals a clean build.
(tests/test_store.py kills a process inside `KnowledgeGraph.replace_document`;
these tests kill the whole CLI build at any point: ingestion, extraction, bulk
load, replace, reference refresh, build record.)
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import CORPUS, ORIGINAL_FILES, distinct_copy
from graph_fixtures import named_graphs, same_graphs
from rdflib import URIRef

from kg.graph.rdf import graph_iri
from kg.graph.store import JOURNAL_FILE, KnowledgeGraph
from kg.ingest import ingest_path
from kg.iri import document_iri

#: A paragraph a changed letter gains: a replaced graph differs from the old one.
RULESET_HASH = URIRef("https://w3id.org/kg-eu/ontology#rulesetHash")
EXTRA = "\n\nNederland steunt het voorstel van de Commissie over Frontex en Europol.\n"


def kg_build(*args: str) -> list[str]:
    return [sys.executable, "-m", "kg", "build", *args]


def documents_by_kg_stats(store: Path) -> list[str]:
    """The documents `kg stats` (a reader, in its own process) lists."""
    stats = subprocess.run(
        [sys.executable, "-m", "kg", "stats", "--store", str(store), "--documents", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert stats.returncode == 0, stats.stderr
    return json.loads(stats.stdout)["document_iris"]


def run_build(folder: Path, store: Path) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        kg_build(str(folder), "--store", str(store), "--quiet", "--wait", "60"),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    return proc


@pytest.mark.slow
def test_sigkill_at_random_moments_while_another_process_queries_hundreds_of_letters(tmp_path):
    rng = random.Random(20251206)
    names = sorted(p.name for p in ORIGINAL_FILES)
    copies = [f"{c}-{n}" for c in "abcdefghijklmno" for n in names]  # 240 letters in the end
    rng.shuffle(copies)
    pool = copies[:16]  # the letters that change back and forth
    folder = tmp_path / "letters"
    folder.mkdir()

    def write(name: str, version: int) -> None:
        # a letter of its own per copy: the same letter twice would be read once
        text = (CORPUS / name.split("-", 1)[1]).read_bytes()
        own = distinct_copy(text, copies.index(name)).decode("utf-8")
        (folder / name).write_text(own + (EXTRA if version else ""), encoding="utf-8")

    # Clean graphs: every letter as first written, and the pool changed, from the same paths.
    for name in copies:
        write(name, 0)
    run_build(folder, tmp_path / "clean0")
    clean0 = store_quads(tmp_path / "clean0", documents_only=True)
    for name in pool:
        write(name, 1)
    changed = subprocess.run(
        kg_build(*(str(folder / n) for n in pool), "--store", str(tmp_path / "clean1"), "-q"),
        capture_output=True,
        text=True,
    )
    assert changed.returncode == 0, changed.stderr
    clean1 = store_quads(tmp_path / "clean1", documents_only=True)
    assert len(clean0) == len(copies) and not any(clean1[d] == clean0[d] for d in clean1)

    # The earlier complete build: 40 letters. Readers have it from here on.
    for p in folder.iterdir():
        p.unlink()
    for name in copies[:40]:
        write(name, 0)
    version = dict.fromkeys(copies[:40], 0)
    store = tmp_path / "store"
    run_build(folder, store)
    earlier = set(store_quads(store, documents_only=True))
    stop, out = tmp_path / "stop", tmp_path / "answers.json"
    querier = subprocess.Popen([sys.executable, "-c", _QUERIER, str(store), str(stop), str(out)])

    kills, span = 0, 6.0
    try:
        for run in range(8):
            # New letters (bulk load), every letter again (--force: replacements), or changes.
            action = ("grow", "grow", "force", "change")[run % 4]
            if action == "grow":
                for name in copies[len(version) : len(version) + 50]:
                    write(name, 0)
                    version[name] = 0
            elif action == "change":
                for name in rng.sample(pool, 8):
                    version[name] = 1 - version.get(name, 1)
                    write(name, version[name])
            extra = ["--force"] if action == "force" else []
            proc = subprocess.Popen(
                kg_build(str(folder), "--store", str(store), "--quiet", "--wait", "30", *extra),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            t0 = time.monotonic()
            time.sleep(rng.uniform(0.3, span))
            if proc.poll() is None:
                os.kill(proc.pid, signal.SIGKILL)
                kills += 1
            else:
                span = max(1.0, time.monotonic() - t0)
            proc.wait(timeout=120)
            assert proc.returncode in (0, -signal.SIGKILL), proc.stderr.read()
            proc.stderr.close()
            # The store opens, read-only (the snapshot) and for writing (after recovery); it
            # holds every document of the earlier build, each one whole: the old text or the new.
            for read_only in (True, False):
                graphs = store_quads(store, documents_only=True, read_only=read_only)
                assert earlier <= set(graphs), (run, read_only, sorted(earlier - set(graphs)))
                for doc, g in graphs.items():
                    assert g in (clean0[doc], clean1.get(doc)), (run, read_only, doc)
            assert not list(store.glob("bulk-*.sst"))
    finally:
        stop.touch()
        querier.wait(timeout=120)
    assert kills >= 5, kills  # most runs really were killed mid-way

    seen = json.loads(out.read_text())
    assert seen["failures"] == []  # every query answered
    assert len(seen["answers"]) >= 20
    counts = [n for n, _ in seen["answers"]]
    assert counts == sorted(counts)  # whole builds only: a reader never saw one go back
    assert seen["slowest"] < 30  # no reader waited for a build (generous: a busy machine)

    run_build(folder, store)  # the next build finishes the job
    final = tmp_path / "final"
    run_build(folder, final)
    assert differing_graphs(store, final) == []
    with KnowledgeGraph(store, read_only=True) as kg:
        assert len(kg.documents()) == len(version) == len(copies)


@pytest.mark.slow
def test_two_builds_at_once_one_waits_or_stops_clearly_and_nothing_is_corrupted(tmp_path):
    folder = tmp_path / "letters"
    folder.mkdir()
    for k, copy in enumerate("abc"):  # enough letters that the first build is still running
        for i, p in enumerate(sorted(ORIGINAL_FILES)):
            # a letter of its own: the same letter twice would be read once
            (folder / f"{copy}-{p.name}").write_bytes(distinct_copy(p.read_bytes(), k * 100 + i))
    n_letters = len(list(folder.iterdir()))
    store = tmp_path / "store"
    first = subprocess.Popen(
        kg_build(str(folder), "--store", str(store), "--quiet"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    # The second build starts while the first holds the store.
    lock = store / "kg.lock"
    deadline = time.monotonic() + 60
    while not (lock.exists() and lock.read_text().strip()) and time.monotonic() < deadline:
        time.sleep(0.05)
    impatient = subprocess.run(
        kg_build(str(folder), "--store", str(store), "--wait", "0"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    patient = subprocess.Popen(
        kg_build(str(folder), "--store", str(store), "--wait", "120", "--json"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert first.poll() is None  # the impatient build really met a running one
    out1, err1 = first.communicate(timeout=300)
    out2, err2 = patient.communicate(timeout=300)

    assert first.returncode == 0, err1
    assert impatient.returncode != 0
    assert "in use by another kg process" in impatient.stderr
    assert "wait for it to finish" in impatient.stderr and "Traceback" not in impatient.stderr
    assert len(impatient.stderr.strip().splitlines()) == 1

    assert patient.returncode == 0, err2
    waited = json.loads(out2)
    assert waited["added"] == [] and waited["failed"] == []
    assert len(waited["skipped"]) == n_letters

    clean = tmp_path / "clean"
    run_build(folder, clean)
    with KnowledgeGraph(store, read_only=True) as a, KnowledgeGraph(clean, read_only=True) as b:
        assert same_graphs(named_graphs(a), named_graphs(b)) == []
        builds = graph_iri("builds", a.base)
        assert len(a.graph_triples(builds)) > len(b.graph_triples(builds))  # both recorded


def test_readers_after_a_build_killed_in_its_bulk_load_see_no_half_written_graph(tmp_path):
    # A SIGKILL inside the bulk load is a narrow window for the random test above,
    # so the state it leaves (journal + part of the quads) is made here directly.
    folder = tmp_path / "letters"
    folder.mkdir()
    for p in sorted(ORIGINAL_FILES)[:3]:
        shutil.copy(p, folder / p.name)
    store = tmp_path / "store"
    run_build(folder, store)
    with KnowledgeGraph(store, read_only=True) as kg:
        before = kg.documents()
    half = document_iri("half-written")
    raw = ox.Store(str(store))
    s, p = ox.NamedNode(half), ox.NamedNode("http://purl.org/dc/terms/title")
    raw.bulk_extend([ox.Quad(s, p, ox.Literal("part of a graph"), ox.NamedNode(half))])
    raw.flush()
    del raw
    (store / JOURNAL_FILE).write_text(json.dumps([half]))

    assert documents_by_kg_stats(store) == before
    with KnowledgeGraph(store, read_only=True) as kg:
        assert half not in kg.graph_names()
    assert not (store / JOURNAL_FILE).exists()


# The querier of the fault-injection test: reads the store in a loop, as a separate process,
# with lock_timeout=0 (a reader must never wait), until the stop file appears.
_QUERIER = """
import json, os, sys, time
from kg.graph.query import run_query
from kg.graph.store import KnowledgeGraph

store, stop, out = sys.argv[1:4]
answers, failures, slowest = [], [], 0.0
while not os.path.exists(stop):
    t0 = time.monotonic()
    try:
        with KnowledgeGraph(store, read_only=True, lock_timeout=0) as kg:
            rows = run_query(kg, "entity_counts_by_type").records()
            answers.append([len(kg.documents()), len(rows)])
    except Exception as err:
        failures.append(f"{type(err).__name__}: {err}")
    slowest = max(slowest, time.monotonic() - t0)
    time.sleep(0.02)
json.dump({"answers": answers, "failures": failures, "slowest": slowest}, open(out, "w"))
"""


def store_quads(path: Path, documents_only: bool = False, read_only: bool = True) -> dict:
    """Every named graph but the build records as a set of triples; the rule-set hash
    (which follows the rule files) left out."""
    with KnowledgeGraph(path, read_only=read_only, lock_timeout=30) as kg:
        builds = graph_iri("builds", kg.base)
        keep = set(kg.documents()) if documents_only else None
        out: dict[str, set] = {}
        for q in kg.store.quads_for_pattern(None, None, None):
            name = q.graph_name
            if not isinstance(name, ox.NamedNode) or name.value == builds:
                continue
            if keep is not None and name.value not in keep:
                continue
            if q.predicate.value != str(RULESET_HASH):
                out.setdefault(name.value, set()).add(q.triple)
    return out


def differing_graphs(a: Path, b: Path) -> list[str]:
    """Graphs not equal in both stores: as sets, or, with blank nodes, as isomorphic graphs."""
    ga, gb = store_quads(a), store_quads(b)
    differ = sorted(set(ga) ^ set(gb))
    for name in sorted(set(ga) & set(gb)):
        if ga[name] == gb[name]:
            continue
        blank = any(isinstance(t, ox.BlankNode) for g in (ga, gb) for tr in g[name] for t in tr)
        if not blank:
            differ.append(name)
            continue
        with KnowledgeGraph(a, read_only=True) as ka, KnowledgeGraph(b, read_only=True) as kb:
            if same_graphs({name: named_graphs(ka)[name]}, {name: named_graphs(kb)[name]}):
                differ.append(name)
    return differ


# What KnowledgeGraph.add_documents does (journal, then Oxigraph's bulk loader), streamed
# so that the loader writes its files within a second or two.
_BULK_LOAD = """
import json, sys
import pyoxigraph as ox
from kg.graph.store import JOURNAL_FILE, KnowledgeGraph

kg = KnowledgeGraph(sys.argv[1], load_ontology=False)
p = ox.NamedNode("http://purl.org/dc/terms/title")
doc = "https://w3id.org/kg-eu/doc/huge"
(kg.path / JOURNAL_FILE).write_text(json.dumps([doc]))
g = ox.NamedNode(doc)
kg.store.bulk_extend(ox.Quad(ox.NamedNode(f"{doc}#n{i}"), p, ox.Literal(str(i)), g)
                     for i in range(20_000_000))
"""


@pytest.mark.slow
def test_a_bulk_load_killed_half_way_leaves_no_files_once_the_store_is_opened(tmp_path):
    store = tmp_path / "s"
    first = sorted(ORIGINAL_FILES)[0]
    iri = document_iri(ingest_path(first).id)  # its official identifier where it has one
    run_build(first, store)
    loader = subprocess.Popen([sys.executable, "-c", _BULK_LOAD, str(store)])
    deadline = time.monotonic() + 240
    while not list(store.glob("bulk-*.sst")):
        assert loader.poll() is None, "the bulk load ended before it wrote a file"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    time.sleep(0.5)
    loader.send_signal(signal.SIGKILL)
    loader.wait(30)
    assert list(store.glob("bulk-*.sst"))

    assert documents_by_kg_stats(store) == [iri]
    assert not list(store.glob("bulk-*.sst"))  # the reader found the store free and tidied up
    with KnowledgeGraph(store) as kg:
        assert kg.documents() == [iri]
