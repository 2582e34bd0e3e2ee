"""``python -m bench --quick`` runs end to end and writes its table and record."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_quick_benchmark_runs_end_to_end_and_records_its_figures(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--workers", "1", "--results", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    assert out.stdout.count("\n| ") >= 5
    records = list(tmp_path.glob("bench-*-quick.json"))
    assert len(records) == 1
    record = json.loads(records[0].read_text())
    names = [f["name"] for f in record["figures"]]
    assert [n.split()[0] for n in names[:7]] == ["1", "1b", "2", "3", "4", "5", "6"]
    rebuild = record["results"]["rebuild"]
    assert rebuild["skipped"] == record["results"]["corpus"]["unit_documents"]
    assert rebuild["documents"] == 0
    for figure in record["figures"]:
        assert figure["value"] > 0
    growth = record["results"]["growth"]
    unit = record["results"]["corpus"]["unit_documents"]  # one copy of every shared text
    assert [growth[k]["documents"] for k in ("1x", "2x", "4x", "8x")] == [
        unit * k for k in (1, 2, 4, 8)
    ]
    assert record["results"]["queries"]["queries"], "every shipped query was timed"
    assert (tmp_path / records[0].name.replace(".json", ".md")).is_file()


def test_example_params_are_read_from_the_query_header():
    sys.path.insert(0, str(ROOT))
    from bench.measure import example_params

    text = "# Q\n# Example: kg query q.rq --param state=Nederland --param x='a b' --limit 5\nSELECT"
    assert example_params(text) == ({"state": "Nederland", "x": "a b"}, 5)
    assert example_params("SELECT * {}") == ({}, None)
