"""What a stance is about: the issue phrase, as written, with offsets into the text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_relations import sentences_of, spans_for

from kg.nlp.stances import find_stances
from kg.nlp.stances.issues import issue_span

DATA = Path(__file__).parent / "data"
STANCES = ("supports", "opposes", "concernedAbout", "requested")


def issues(text: str, lang: str = "nl") -> dict[tuple[str, str, str], str]:
    rels = find_stances(text, sentences_of(text), spans_for(text), lang=lang)
    out = {}
    for rel in rels:
        assert rel.issue is not None, rel
        assert text[rel.issue.start : rel.issue.end] == rel.issue.text  # offsets slice the text
        out[(rel.subject, rel.predicate, rel.object)] = rel.issue.text
    return out


def test_the_object_phrase_after_the_cue_up_to_the_target():
    text = (
        "Uit de tafelronde bleek dat een groot aantal lidstaten, waaronder Nederland, geen "
        "voorstander is van een uitbreiding van het mandaat van Eurojust."
    )
    assert issues(text) == {
        ("nl", "opposes", "eurojust"): "een uitbreiding van het mandaat van Eurojust"
    }


def test_a_target_before_the_cue_takes_its_own_noun_phrase():
    text = "We benadrukken dat Nederland de Taliban niet erkent als legitieme vertegenwoordiging."
    assert issues(text)[("nl", "opposes", "taliban")] == "de Taliban"


def test_the_agent_of_a_request_is_not_part_of_the_issue():
    text = "De JBZ-Raad besprak op verzoek van Frankrijk het initiatief voor een European Democracy Shield."
    got = issues(text)
    assert got[("fr", "requested", "eds")] == "het initiatief voor een European Democracy Shield"


def test_an_anaphor_is_the_issue_when_the_target_is_the_agenda_item():
    text = (
        "Terugkeerverordening\n\nNederland vroeg aandacht voor andere onderdelen van het voorstel."
    )
    rels = find_stances(text, sentences_of(text), spans_for(text), [(0, 20)])
    assert [(r.object, r.issue and r.issue.text) for r in rels] == [
        ("return", "andere onderdelen van het voorstel")
    ]


def test_compounds_and_abbreviations_stay_whole():
    text = "Slovenië uitte zorgen over de VS-sancties tegen rechters."
    assert issues(text)[("si", "concernedAbout", "us")] == "de VS-sancties"
    text = "Nederland steunt de Europese Vredesfaciliteit (EPF) voor Oekraïne."
    start, end = issue_span(text, 16, (20, 45), len(text))
    assert text[start:end] == "de Europese Vredesfaciliteit (EPF)"


def test_english_object_phrase():
    text = "The Netherlands opposed the extension of the mandate of Eurojust."
    assert issues(text, "en") == {
        ("nl", "opposes", "eurojust"): "the extension of the mandate of Eurojust"
    }


@pytest.mark.slow
def test_the_seed_letter_opposes_the_extension_of_the_mandate_of_eurojust():
    from kg.ingest import ingest_path
    from kg.nlp.extract import extract

    extraction = extract(ingest_path(DATA / "corpus" / "000_0b783c6c09b9d010.txt"))
    labels = {e.id: e.label for e in extraction.entities}
    opposed = [
        r
        for r in extraction.relations
        if r.predicate == "opposes"
        and labels.get(r.subject) == "Nederland"
        and labels.get(r.object) == "Eurojust"
    ]
    assert opposed, "Nederland opposes Eurojust"
    issue = opposed[0].issue
    assert issue is not None and "uitbreiding van het mandaat van Eurojust" in issue.text
    assert extraction.document.text[issue.start : issue.end] == issue.text


@pytest.mark.slow
def test_most_stances_of_the_gold_documents_carry_an_issue():
    """Over every bundled gold document's extraction (a count, not a score)."""
    from kg.ingest import ingest_path
    from kg.nlp.extract import extract_many

    split = json.loads((DATA / "split.json").read_text(encoding="utf-8"))
    names = [name for part in ("original", "tune", "blind") for name in split[part]]
    documents = [ingest_path(DATA / "corpus" / name) for name in names]
    stances = [
        rel
        for extraction in extract_many(documents)
        for rel in extraction.relations
        if rel.predicate in STANCES
    ]
    carried = [rel for rel in stances if rel.issue is not None and rel.issue.text.strip()]
    assert len(stances) > 50
    assert len(carried) >= 0.8 * len(stances), (len(carried), len(stances))
