"""The rule-based sentence splitter on letter text."""

from __future__ import annotations

import pytest
import spacy

import kg.nlp.sentences  # noqa: F401  (registers kg_sentences)
from kg.nlp.sentences import boundaries


def _sents(text: str) -> list[str]:
    nlp = spacy.blank("nl")
    nlp.add_pipe("kg_sentences")
    return [s.text.strip() for s in nlp(text).sents if s.text.strip()]


@pytest.mark.parametrize(
    "text",
    [
        "Conform de toezegging in het debat van 2 oktober jl. wordt u hierbij geïnformeerd.",
        "De brief van de minister d.d. 11 oktober 2023 bevat o.a. een overzicht.",
        "Zie Kamerstuk 21 501-02, nr. 2733 voor het verslag.",
        "De Minister van Buitenlandse Zaken, S.A. Blok sprak met F. van Oosten.",
        "Het voorstel COM(2025) 101 is op 11 maart 2025 gepubliceerd.",
        "Dit geldt bijv. voor de Terugkeerverordening.",
    ],
)
def test_never_splits_inside_abbreviations_and_initials(text: str) -> None:
    assert _sents(text) == [text]


def test_splits_at_sentence_ends_and_every_line() -> None:
    text = (
        "Het kabinet steunt dit. Nederland sprak steun uit voor de herziening.\n"
        "Geannoteerde Agenda\n\nDe Raad sprak over 8 juli jl. Het Voorzitterschap volgde."
    )
    assert _sents(text) == [
        "Het kabinet steunt dit.",
        "Nederland sprak steun uit voor de herziening.",
        "Geannoteerde Agenda",
        "De Raad sprak over 8 juli jl.",
        "Het Voorzitterschap volgde.",
    ]


def test_list_numbers_at_a_line_start_are_no_sentence() -> None:
    assert _sents("2. Essentie voorstel\na) Inhoud voorstel") == [
        "2. Essentie voorstel",
        "a) Inhoud voorstel",
    ]


def test_boundaries_are_offsets() -> None:
    text = "Ja. Nee.\nMisschien."
    assert boundaries(text) == [4, 9]
