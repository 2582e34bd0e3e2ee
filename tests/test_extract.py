"""kg.nlp.extract and `kg extract`, and the entity score on the shared gold set via `kg evaluate`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import ORIGINAL_FILES

from kg.cli import main
from kg.document import Document, Metadata
from kg.ingest import ingest_path
from kg.nlp.extract import extract, extract_many

DATA = Path(__file__).parent / "data"


def test_extract_returns_the_json_contract(seed_path: Path) -> None:
    ex = extract(ingest_path(seed_path))
    data = ex.to_json()
    assert data["language"] == "nl" and data["date"] == "2025-11-03"
    text = ex.document.text
    for ent in data["entities"]:
        assert ent["id"].startswith("https://") and ent["type"] and ent["label"]
        for m in ent["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]


def test_extract_many_keeps_order_and_picks_the_language() -> None:
    docs = [
        Document(id="a", source="a", text="Nederland steunt Frontex.", meta=Metadata()),
        Document(
            id="b",
            source="b",
            text="The Commission met the Netherlands.",
            meta=Metadata(language="en"),
        ),
        Document(id="c", source="c", text="België en Frankrijk.", meta=Metadata()),
    ]
    out = list(extract_many(docs))
    assert [e.document.id for e in out] == ["a", "b", "c"]
    assert {e.label for e in out[1].entities} >= {"European Commission", "Netherlands"}


@pytest.mark.slow
def test_extract_many_in_two_processes_gives_the_same_result(corpus_files: list[Path]) -> None:
    docs = [ingest_path(p) for p in corpus_files[1:5]]
    one = [e.to_json() for e in extract_many(docs)]
    two = [e.to_json() for e in extract_many(docs, n_process=2)]
    assert one == two


def test_cli_extract_json_and_table(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(DATA / "corpus" / "kst-32317-970.txt")
    assert main(["extract", path, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    labels = {e["label"] for e in data["documents"][0]["entities"]}
    assert "D.M. van Weel" in labels
    assert main(["extract", path, "--format", "table"]) == 0
    out = capsys.readouterr().out
    assert "Regulation" in out and "Minister" in out


def test_cli_extract_missing_file_is_one_error_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", "no/such/file.txt"]) != 0
    err = capsys.readouterr().err
    assert "no/such/file.txt" in err and "Traceback" not in err


@pytest.mark.slow
def test_entity_f1_on_the_gold_set_is_at_least_095(capsys: pytest.CaptureFixture[str]) -> None:
    files = sorted(str(p) for p in ORIGINAL_FILES)
    code = main(["evaluate", str(DATA / "gold"), *files, "--summary"])
    out = capsys.readouterr().out
    assert code == 0, out
    row = next(line for line in out.splitlines() if line.startswith("ENTITIES"))
    precision, recall, f1 = (float(x) for x in re.findall(r"\d\.\d+", row)[:3])
    assert f1 >= 0.95, out
