"""`kg ingest`: one line per failed file, a non-zero exit, JSON and text output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SEED = Path(__file__).parent / "data" / "corpus" / "000_0b783c6c09b9d010.txt"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kg", "ingest", *args], capture_output=True, text=True, timeout=120
    )


def test_ingest_json(tmp_path):
    out = run(str(SEED), "--format", "json")
    assert out.returncode == 0, out.stderr
    payload = json.loads(out.stdout)
    doc = payload["documents"][0]
    assert doc["metadata"]["number"] == "975"
    assert doc["metadata"]["date"] == "2025-11-03"
    assert doc["metadata"]["meeting"]["dates"] == ["2025-10-13", "2025-10-14"]
    assert payload["failures"] == []


def test_ingest_text_and_failures(tmp_path):
    empty = tmp_path / "leeg.txt"
    empty.write_text("")
    fake = tmp_path / "nep.pdf"
    fake.write_text("dit is geen pdf")
    odd = tmp_path / "brief.docx"
    odd.write_bytes(b"PK\x03\x04")
    out = run(str(SEED), str(empty), str(fake), str(odd))
    assert out.returncode != 0
    assert "number: 975" in out.stdout and "date: 2025-11-03" in out.stdout
    errors = [line for line in out.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 4, out.stderr  # three files, one summary
    assert any("leeg.txt: the file is empty" in e for e in errors)
    assert any("nep.pdf: not a PDF" in e for e in errors)
    assert any("brief.docx: unsupported file type (.docx)" in e for e in errors)
    assert errors[-1] == "error: 3 of 4 files could not be ingested"
    assert "Traceback" not in out.stderr
