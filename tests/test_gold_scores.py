"""The shared gold set, scored by `kg evaluate` exactly as the guidelines define.

Entity F1 must reach 0.95 and relation F1 0.85 over the seed letter and the
corpus documents bundled in tests/data (copies of the shared development set).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def scores() -> dict:
    original = json.loads((DATA / "split.json").read_text(encoding="utf-8"))["original"]
    files = sorted(str(DATA / "corpus" / name) for name in original)
    result = subprocess.run(
        [sys.executable, "-m", "kg", "evaluate", str(DATA / "gold"), *files, "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_every_gold_document_is_scored(scores):
    assert len(scores["documents"]) == 16


def test_entity_f1_on_the_shared_gold_set(scores):
    assert scores["entities"]["f1"] >= 0.95, scores["entities"]


def test_relation_f1_on_the_shared_gold_set(scores):
    assert scores["relations"]["f1"] >= 0.85, scores["relations"]


def test_every_scored_predicate_is_found(scores):
    for predicate in (
        "supports",
        "opposes",
        "requested",
        "signedBy",
        "addressedTo",
        "cites",
        "holdsPost",
    ):
        assert scores["by_predicate"][predicate]["tp"] > 0, predicate
