"""The scorer follows gold/GUIDELINES.md: sets per document, normalisation, optional items."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import EvaluationError
from kg.nlp.evaluate import (
    ExtractedEntity,
    ExtractedRelation,
    GoldDocument,
    GoldEntity,
    GoldRelation,
    load_gold_dir,
    normalise,
    score_document,
)

GOLD = GoldDocument(
    "doc.txt",
    [
        GoldEntity("Nederland", "State", ("Nederlandse", "kabinet")),
        GoldEntity("Frontex", "Agency", ("het Agentschap",)),
        GoldEntity("Europese Commissie", "Agency", ("Commissie",)),
        GoldEntity("Europese Unie", "Agency", ("EU",), optional=True),
    ],
    [
        GoldRelation("Nederland", "supports", "Frontex"),
        GoldRelation("@document", "addressedTo", "Europese Commissie"),
        GoldRelation("Nederland", "opposes", "Europese Unie", optional=True),
    ],
)


def ent(id_: str, type_: str, *forms: str) -> ExtractedEntity:
    return ExtractedEntity(id_, type_, forms, label=forms[0])


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("De Commissie", "commissie"),
        ("het  Agentschap", "agentschap"),
        ("(EES)", "ees"),
        ("Tsjechië", "tsjechie"),
        ("The European Commission", "european commission"),
        ("de", "de"),  # an article alone is not dropped to nothing
    ],
)
def test_normalise(raw, expected):
    assert normalise(raw) == expected


def test_perfect_extraction_scores_one():
    ents = [
        ent("nl", "State", "Nederland"),
        ent("fx", "Agency", "Frontex"),
        ent("ec", "Agency", "de Commissie"),
    ]
    rels = [
        ExtractedRelation("nl", "supports", "fx"),
        ExtractedRelation("@document", "addressedTo", "ec"),
    ]
    result = score_document(GOLD, ents, rels)
    assert (result.entities.tp, result.entities.fp, result.entities.fn) == (3, 0, 0)
    assert (result.relations.tp, result.relations.fp, result.relations.fn) == (2, 0, 0)


def test_type_must_be_equal():
    result = score_document(GOLD, [ent("nl", "Agency", "Nederland")], [])
    assert result.entities.tp == 0 and result.entities.fp == 1 and result.entities.fn == 3


def test_second_entity_matching_a_matched_gold_entity_is_a_false_positive():
    ents = [ent("a", "Agency", "Europese Commissie"), ent("b", "Agency", "Commissie")]
    result = score_document(GOLD, ents, [])
    assert result.by_type["Agency"].tp == 1
    assert result.by_type["Agency"].fp == 1


def test_optional_items_are_neutral():
    ents = [ent("eu", "Agency", "EU"), ent("nl", "State", "Nederlandse")]
    rels = [ExtractedRelation("nl", "opposes", "eu")]
    result = score_document(GOLD, ents, rels)
    assert result.entities.fp == 0 and result.entities.tp == 1
    assert result.relations.fp == 0 and result.relations.tp == 0
    assert result.relations.fn == 2  # the two required relations were not found


def test_relations_count_once_per_document():
    ents = [ent("nl", "State", "Nederland"), ent("fx", "Agency", "Frontex")]
    rels = [ExtractedRelation("nl", "supports", "fx")] * 3
    result = score_document(GOLD, ents, rels)
    assert result.relations.tp == 1 and result.relations.fp == 0


def test_wrong_predicate_is_spurious_and_missed():
    ents = [ent("nl", "State", "Nederland"), ent("fx", "Agency", "Frontex")]
    result = score_document(GOLD, ents, [ExtractedRelation("nl", "opposes", "fx")])
    assert result.relations.fp == 1
    assert "Nederland --supports--> Frontex" in result.missed_relations


def test_matching_does_not_depend_on_order():
    # "Raad" could match either gold meeting; the matching must still find both.
    gold = GoldDocument(
        "d",
        [
            GoldEntity("RBZ 23 oktober", "Meeting", ("Raad", "RBZ")),
            GoldEntity("RBZ november", "Meeting", ("RBZ van november",)),
        ],
        [],
    )
    ents = [ent("a", "Meeting", "Raad", "RBZ van november"), ent("b", "Meeting", "RBZ")]
    result = score_document(gold, ents, [])
    assert result.entities.tp == 2 and result.entities.fp == 0


def test_shipped_gold_files_load():
    golds = load_gold_dir(Path(__file__).parent / "data" / "gold")
    assert len(golds) == 59
    assert "000_0b783c6c09b9d010.txt" in golds


def test_malformed_gold_is_one_clear_error(tmp_path):
    (tmp_path / "x.gold.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(EvaluationError, match="x.gold.json"):
        load_gold_dir(tmp_path)


def test_predicates_outside_the_guidelines_are_not_scored():
    ents = [ent("nl", "State", "Nederland"), ent("fx", "Agency", "Frontex")]
    rels = [
        ExtractedRelation("@document", "reportsOn", "fx"),
        ExtractedRelation("nl", "cosignatory", "fx"),
    ]
    result = score_document(GOLD, ents, rels)
    assert result.relations.fp == 0
