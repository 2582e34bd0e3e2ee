"""Every relation and mention of the example letters points exactly into its text."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.document import Document
from kg.ingest import iter_documents
from kg.nlp.extract import extract

EXAMPLES = Path(__file__).parent.parent / "examples" / "letters"


@pytest.fixture(scope="module")
def extractions():
    docs = [d for d in iter_documents([EXAMPLES]) if isinstance(d, Document)]
    assert len(docs) >= 16
    return [extract(d) for d in docs]


def test_every_evidence_slices_the_normalised_text_to_its_text(extractions):
    checked = 0
    for ex in extractions:
        text = ex.document.text
        for rel in ex.relations:
            ev = rel.evidence
            assert 0 <= ev.start <= ev.end <= len(text)
            assert text[ev.start : ev.end] == ev.text, (ex.document.id, rel)
            assert rel.rule, rel
            checked += 1
    assert checked > 100


def test_every_mention_slices_the_normalised_text_to_its_text(extractions):
    for ex in extractions:
        text = ex.document.text
        for ent in ex.entities:
            for m in ent.mentions:
                assert text[m.start : m.end] == m.text, (ex.document.id, ent.label, m)


def test_relations_connect_entities_of_the_same_extraction(extractions):
    for ex in extractions:
        ids = {e.id for e in ex.entities}
        for rel in ex.relations:
            assert rel.subject == "@document" or rel.subject in ids, rel
            assert rel.object in ids, rel
