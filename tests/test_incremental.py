"""Honest incremental builds: unchanged files are not read, limits come before normalising,
and a build that read nothing fails (a killed bulk load: tests/test_crash.py).

Builds run with the real pipeline on real on-disk stores; the counters below
only watch how often ingestion reads and normalises.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from conftest import ORIGINAL_FILES

import kg.ingest
import kg.ingest.readers
from kg.cli import main
from kg.errors import IngestError
from kg.graph.build import build
from kg.graph.rdf import graph_iri
from kg.graph.store import KnowledgeGraph
from kg.iri import document_iri

LETTERS = sorted(ORIGINAL_FILES)[:3]
#: The document each letter becomes (its official identifier where it has one).
IRIS = {p.name: document_iri(kg.ingest.ingest_path(p).id) for p in LETTERS}


@pytest.fixture
def counted(monkeypatch):
    """How often ingestion read a file's bytes and normalised a text."""
    calls = {"read": 0, "normalise": 0}
    read_bytes, normalise = kg.ingest.readers.read_bytes, kg.ingest.normalise

    def counting_read(*args, **kw):
        calls["read"] += 1
        return read_bytes(*args, **kw)

    def counting_normalise(*args, **kw):
        calls["normalise"] += 1
        return normalise(*args, **kw)

    monkeypatch.setattr(kg.ingest.readers, "read_bytes", counting_read)
    monkeypatch.setattr(kg.ingest, "normalise", counting_normalise)
    return calls


def letters(tmp_path: Path) -> Path:
    folder = tmp_path / "letters"
    folder.mkdir()
    for p in LETTERS:
        shutil.copy(p, folder / p.name)
    return folder


def test_a_rebuild_reads_no_unchanged_file_and_hashes_only_touched_ones(tmp_path, counted):
    folder = letters(tmp_path)
    with KnowledgeGraph(tmp_path / "s") as store:
        first = build([folder], store)
        assert len(first.added) == 3 and counted == {"read": 3, "normalise": 3}

        again = build([folder], store)
        assert sorted(again.skipped) == sorted(first.added)
        assert counted == {"read": 3, "normalise": 3}  # not one file read again

        touched, changed = sorted(folder.iterdir())[:2]
        os.utime(touched, ns=(time.time_ns(), time.time_ns() + 10**9))  # same bytes, new mtime
        changed.write_text(changed.read_text(encoding="utf-8") + "\n\nNederland steunt Frontex.\n")
        third = build([folder], store)
        assert third.replaced == [IRIS[changed.name]]
        unchanged = [IRIS[p.name] for p in LETTERS if p.name != changed.name]
        assert sorted(third.skipped) == sorted(unchanged)
        assert counted == {"read": 4, "normalise": 4}  # only the changed one was ingested

        assert build([folder], store).skipped and counted["read"] == 4


def test_the_record_is_checked_against_the_store_before_a_file_is_skipped(tmp_path, counted):
    folder = letters(tmp_path)
    with KnowledgeGraph(tmp_path / "s") as store:
        build([folder], store)
        gone = IRIS[LETTERS[0].name]
        store.remove_document(gone)  # e.g. `kg remove`: the record still names the file
        report = build([folder], store)
    assert report.added == [gone]
    assert counted["normalise"] == 4


def test_a_text_over_the_length_limit_is_refused_before_it_is_normalised(tmp_path, counted):
    big = tmp_path / "groot.txt"
    big.write_bytes(LETTERS[0].read_bytes() * 200)  # about 2 MB of text, 20 MB in the issue
    with KnowledgeGraph() as store:
        report = build([big], store, max_chars=1_000_000)
    assert report.failed == [
        (
            str(big),
            f"text is {len(big.read_text(encoding='utf-8')):,} characters, over the 1,000,000 "
            "limit (raise it with max_chars / --max-chars)",
        )
    ]
    assert counted["normalise"] == 0


def test_a_missing_path_exits_non_zero_and_creates_no_store(tmp_path, capsys):
    store = tmp_path / "s"
    assert main(["build", str(tmp_path / "no" / "such" / "path"), "--store", str(store)]) == 1
    assert capsys.readouterr().err.strip() == (
        f"error: {tmp_path / 'no' / 'such' / 'path'}: no such file or folder; nothing was built"
    )
    assert not store.exists()
    with pytest.raises(IngestError, match="no such file or folder"):
        build([tmp_path / "*.pdf"], KnowledgeGraph())  # a glob matching nothing


def test_a_build_in_which_every_file_failed_leaves_the_store_as_it_was(tmp_path, capsys):
    folder = letters(tmp_path)
    store = tmp_path / "s"
    assert main(["build", str(folder), "--store", str(store), "--quiet"]) == 0
    with KnowledgeGraph(store, read_only=True) as kg:
        builds_before = kg.graph_triples(graph_iri("builds", kg.base))
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "leeg.txt").write_text("")
    (bad / "nep.pdf").write_text("not a pdf")
    assert main(["build", str(bad), "--store", str(store), "--quiet"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1] == "error: nothing was built: all 2 files failed (see above)"
    with KnowledgeGraph(store, read_only=True) as kg:
        assert len(kg.documents()) == 3
        assert kg.graph_triples(graph_iri("builds", kg.base)) == builds_before  # no record

    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["build", str(empty), "--store", str(tmp_path / "new"), "--quiet"]) == 1
    assert "nothing to build: no document files" in capsys.readouterr().err
    assert not (tmp_path / "new").exists()
