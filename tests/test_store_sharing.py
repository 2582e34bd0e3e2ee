"""A store people share: readers never wait for a build, never block one, and need no write access.

Readers (`kg query`, `kg stats`, `kg export`, `kg viz`, a read-only
`KnowledgeGraph`) open the snapshot the last writer published. Each test is
a real `kg build` in another process on an on-disk store.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ORIGINAL_FILES, distinct_copy

from kg.cli import main
from kg.graph.snapshot import writer_active
from kg.graph.store import KnowledgeGraph
from kg.ingest import ingest_path
from kg.iri import document_iri

LETTERS = sorted(ORIGINAL_FILES)
#: The document each letter becomes (its official identifier where it has one).
IRIS = {p.name: document_iri(ingest_path(p).id) for p in LETTERS}
#: As root, a process keeps file access rights only through these capabilities; without
#: them it is held to the permission bits like any other user (setpriv is util-linux).
NO_OVERRIDE = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", "--"]


def kg_cli(*args: str, prefix: list[str] | None = None, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*(prefix or []), sys.executable, "-m", "kg", *args],
        capture_output=True,
        text=True,
        timeout=300,
        **kw,
    )


def small_store(tmp_path: Path, n: int = 2) -> Path:
    folder = tmp_path / "first"
    folder.mkdir()
    for p in LETTERS[:n]:
        shutil.copy(p, folder / p.name)
    store = tmp_path / "store"
    assert main(["build", str(folder), "--store", str(store), "--quiet"]) == 0
    return store


@pytest.mark.slow
def test_readers_answer_at_once_from_the_last_build_while_a_build_writes(tmp_path, capsys):
    store = small_store(tmp_path)
    before = sorted(IRIS[p.name] for p in LETTERS[:2])
    big = tmp_path / "big"
    big.mkdir()
    for k, copy in enumerate("abcdefghij"):  # long enough that the readers all run inside it
        for i, p in enumerate(LETTERS):
            # a letter of its own: the same letter twice would be read once
            (big / f"{copy}-{p.name}").write_bytes(distinct_copy(p.read_bytes(), k * 100 + i))
    build = subprocess.Popen(
        [sys.executable, "-m", "kg", "build", str(big), "--store", str(store), "--quiet"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while not writer_active(store):
            assert build.poll() is None, build.stderr.read()
            assert time.monotonic() < deadline
            time.sleep(0.05)
        capsys.readouterr()
        t0 = time.monotonic()
        common = ["--store", str(store), "--wait", "0"]
        assert main(["query", "documents", "--format", "json", *common]) == 0
        rows = json.loads(capsys.readouterr().out)["results"]["bindings"]
        assert sorted(r["document"]["value"] for r in rows) == before
        assert main(["stats", "--json", "--documents", *common]) == 0
        assert json.loads(capsys.readouterr().out)["document_iris"] == before
        out = tmp_path / "out"
        assert main(["export", "-o", str(out / "g.nq"), *common]) == 0
        assert main(["viz", "-o", str(out / "n.html"), "--store", str(store)]) == 0
        with KnowledgeGraph(store, read_only=True, lock_timeout=0) as kg:
            assert kg.documents() == before
        seconds = time.monotonic() - t0
        assert writer_active(store), "the build ended before the readers did: no overlap shown"
        assert build.poll() is None
    finally:
        _, err = build.communicate(timeout=600)
    assert build.returncode == 0, err
    assert "error" not in capsys.readouterr().err
    assert (out / "g.nq").stat().st_size > 0 and (out / "n.html").stat().st_size > 0
    assert seconds < 60  # generous: they did not wait for the build (it still ran)
    with KnowledgeGraph(store, read_only=True) as kg:  # the next reader sees the new build
        assert len(kg.documents()) == 2 + 10 * len(LETTERS)


def test_an_open_reader_does_not_block_a_build_and_refresh_shows_it(tmp_path):
    store = small_store(tmp_path, 1)
    letter = tmp_path / "next"
    letter.mkdir()
    shutil.copy(LETTERS[1], letter / LETTERS[1].name)
    with KnowledgeGraph(store, read_only=True) as notebook:
        assert len(notebook.documents()) == 1
        built = kg_cli("build", str(letter), "--store", str(store), "--quiet", "--wait", "0")
        assert built.returncode == 0, built.stderr
        assert len(notebook.documents()) == 1  # a consistent snapshot until asked
        assert notebook.refresh()
        assert len(notebook.documents()) == 2
    # The snapshot the reader held stays until it lets go; the next writer deletes it.
    again = kg_cli("build", str(letter), "--store", str(store), "--quiet", "--json")
    assert json.loads(again.stdout)["skipped"] == [IRIS[LETTERS[1].name]]
    assert [n for n in os.listdir(store / "snapshots") if n.isdigit()] == [
        (store / "snapshots" / "CURRENT").read_text().strip()
    ]


def tree_state(folder: Path) -> dict[str, tuple[int, int, int]]:
    out = {}
    for p in [folder, *folder.rglob("*")]:
        st = p.lstat()
        out[str(p.relative_to(folder))] = (st.st_mode, st.st_size, st.st_mtime_ns)
    return out


@pytest.mark.skipif(shutil.which("setpriv") is None, reason="needs setpriv (util-linux)")
@pytest.mark.parametrize("snapshots", [True, False], ids=["snapshot", "store-of-an-older-kg"])
def test_a_store_nobody_here_may_write_reads_without_a_trace(tmp_path, snapshots):
    store = small_store(tmp_path)
    if not snapshots:  # as a store built before snapshots existed
        shutil.rmtree(store / "snapshots")
    for p in [store, *store.rglob("*")]:  # read-only for everyone, owned by someone else
        os.chown(p, 65534, 65534, follow_symlinks=False)
        mode = p.stat().st_mode
        p.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    out = tmp_path / "out"
    out.mkdir()
    state = tree_state(store)
    as_other = {"prefix": NO_OVERRIDE if os.geteuid() == 0 else None, "cwd": out}
    denied = subprocess.run([*(as_other["prefix"] or []), "touch", str(store / "x")], check=False)
    assert denied.returncode != 0, "the store is still writable: the test would prove nothing"

    runs = [
        kg_cli("stats", "--store", str(store), "--json", **as_other),
        kg_cli("query", "documents", "--store", str(store), "--format", "csv", **as_other),
        kg_cli("export", "--store", str(store), "-o", str(out / "g.ttl"), **as_other),
        kg_cli("viz", "--store", str(store), "-o", str(out / "n.html"), **as_other),
    ]
    for run in runs:
        assert run.returncode == 0, run.stderr
        assert "Traceback" not in run.stderr
    assert json.loads(runs[0].stdout)["documents"] == 2
    assert "doc:" + IRIS[LETTERS[0].name].rsplit("/", 1)[1] in runs[1].stdout
    assert tree_state(store) == state  # nothing written, not even a lock file

    refused = kg_cli("build", str(LETTERS[2]), "--store", str(store), **as_other)
    assert refused.returncode == 1
    assert refused.stderr.strip().splitlines() == [
        f"error: the store {store} is read-only here; kg query, stats, export and viz can read "
        "it, but building needs a store you can write"
    ]
    assert tree_state(store) == state
