"""The shared gold set, scored by `kg evaluate` exactly as the guidelines define.

All 59 bundled gold documents (copies of the shared set in tests/data): entity
F1 must reach 0.95 and relation F1 0.90 (issue 12). The 16 original documents
keep their own, higher bar. A failure prints totals only: the blind half of
the set (tests/data/split.json) is never shown item by item, so no one tunes
on it by reading a test log.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
SPLIT = json.loads((DATA / "split.json").read_text(encoding="utf-8"))


def evaluate(names: list[str]) -> dict:
    files = sorted(str(DATA / "corpus" / name) for name in names)
    result = subprocess.run(
        [sys.executable, "-m", "kg", "evaluate", str(DATA / "gold"), *files, "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def totals(scores: dict) -> dict:
    return {key: scores[key] for key in ("entities", "relations", "stances")}


@pytest.fixture(scope="module")
def everything() -> dict:
    return evaluate(SPLIT["original"] + SPLIT["tune"] + SPLIT["blind"])


@pytest.fixture(scope="module")
def original() -> dict:
    return evaluate(SPLIT["original"])


def test_every_gold_document_is_scored(everything):
    assert len(everything["documents"]) == 59


def test_entity_f1_on_all_59_gold_documents(everything):
    assert everything["entities"]["f1"] >= 0.95, totals(everything)


def test_relation_f1_on_all_59_gold_documents(everything):
    assert everything["relations"]["f1"] >= 0.90, totals(everything)


def test_the_original_documents_stay_where_they_were(original):
    assert original["entities"]["f1"] >= 0.98, totals(original)
    assert original["relations"]["f1"] >= 0.95, totals(original)


def test_every_scored_predicate_is_found(everything):
    for predicate in (
        "supports",
        "opposes",
        "concernedAbout",
        "requested",
        "signedBy",
        "addressedTo",
        "cites",
        "holdsPost",
    ):
        assert everything["by_predicate"][predicate]["tp"] > 0, predicate
