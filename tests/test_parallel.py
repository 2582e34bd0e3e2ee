"""Multi-process and Dask builds write the same graph as a single-process build."""

from __future__ import annotations

import pytest
from graph_fixtures import LETTERS, example_store_dir, named_graphs, same_graphs

from kg.cli import main
from kg.errors import ConfigError
from kg.graph.build import build
from kg.graph.parallel import dask_extractor, open_extractor, process_extractor
from kg.graph.store import KnowledgeGraph

N_LETTERS = len(list(LETTERS.glob("*.txt")))


def _single_process_graphs():
    with KnowledgeGraph(example_store_dir(), read_only=True) as kg:
        return named_graphs(kg)


@pytest.mark.slow
def test_a_two_process_build_is_isomorphic_to_the_single_process_build(tmp_path):
    with KnowledgeGraph(tmp_path / "s") as kg, process_extractor(2) as run:
        # small batches: several batches, each split over both workers
        report = build([LETTERS], kg, extractor=run, batch_size=6)
        assert not report.failed
        assert len(report.added) == N_LETTERS
        assert same_graphs(_single_process_graphs(), named_graphs(kg)) == []


@pytest.mark.slow
def test_a_two_worker_dask_localcluster_build_is_isomorphic_to_the_single_process_build(
    tmp_path,
):
    with KnowledgeGraph(tmp_path / "s") as kg, dask_extractor(workers=2) as run:
        report = build([LETTERS], kg, extractor=run, batch_size=8)
        assert not report.failed
        assert len(report.added) == N_LETTERS
        assert same_graphs(_single_process_graphs(), named_graphs(kg)) == []


@pytest.mark.slow
def test_cli_build_with_workers_then_an_incremental_build_skips_everything(tmp_path, capsys):
    store = str(tmp_path / "s")
    assert main(["build", str(LETTERS), "--store", store, "--workers", "2", "-q"]) in (0, None)
    with KnowledgeGraph(store, read_only=True) as kg:
        assert same_graphs(_single_process_graphs(), named_graphs(kg)) == []
    with KnowledgeGraph(store) as kg, process_extractor(2) as run:
        report = build([LETTERS], kg, extractor=run)
        assert report.added == [] and len(report.skipped) == N_LETTERS


def test_one_worker_means_the_plain_in_process_build():
    with open_extractor(1) as ex:
        assert ex.run is None and ex.where == "in process"


def test_a_negative_worker_count_is_refused():
    with pytest.raises(ConfigError), open_extractor(-1):
        pass


def test_an_unreachable_scheduler_is_one_clear_error():
    with pytest.raises(ConfigError, match="Dask scheduler"), dask_extractor("tcp://127.0.0.1:9"):
        pass


@pytest.mark.slow
def test_cli_build_on_a_running_dask_scheduler(tmp_path):
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=1, threads_per_worker=1, dashboard_address=None, silence_logs=40
    ) as cluster:
        store = str(tmp_path / "s")
        argv = ["build", str(LETTERS), "--store", store, "--scheduler", cluster.scheduler_address]
        assert main([*argv, "-q"]) in (0, None)
    with KnowledgeGraph(store, read_only=True) as kg:
        assert same_graphs(_single_process_graphs(), named_graphs(kg)) == []


def _mixed_folder(tmp_path):
    """The example letters plus files that fail or warn, and a letter in Latin-1."""
    import shutil

    folder = tmp_path / "in"
    shutil.copytree(LETTERS, folder)
    (folder / "leeg.txt").write_text("   \n", encoding="utf-8")
    (folder / "kapot.pdf").write_bytes(b"not a pdf at all")
    (folder / "oekraine.txt").write_bytes("Nederland steunt Oekraïne.".encode("cp1252"))
    return folder


@pytest.mark.slow
def test_workers_read_the_files_and_report_like_a_single_process_build(tmp_path, monkeypatch):
    folder = _mixed_folder(tmp_path)
    with KnowledgeGraph(tmp_path / "one") as kg:
        single = build([folder], kg)
        single_graphs = named_graphs(kg)

    # The calling process reads no file: the two workers do (they are fresh processes,
    # so reading in this one would fail).
    import kg.ingest as ingest

    def no_reading_here(*args, **kwargs):
        raise AssertionError("the calling process read a file")

    monkeypatch.setattr(ingest, "ingest_path", no_reading_here)
    monkeypatch.setattr(ingest, "iter_documents", no_reading_here)
    with KnowledgeGraph(tmp_path / "two") as kg, process_extractor(2) as run:
        double = build([folder], kg, extractor=run)
        assert same_graphs(single_graphs, named_graphs(kg)) == []
        again = build([folder], kg, extractor=run)
    assert sorted(double.failed) == sorted(single.failed) and len(single.failed) == 2
    assert double.warnings == single.warnings and any("cp1252" in w for w in single.warnings)
    assert double.added == single.added
    assert again.added == [] and sorted(again.skipped) == sorted(single.added)
