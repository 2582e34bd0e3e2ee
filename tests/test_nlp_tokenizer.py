"""The fast tokenizer keeps the text exactly, whatever it is given."""

from __future__ import annotations

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.nlp.pipeline import make_pipeline
from kg.nlp.tokenizer import FastTokenizer

NLP = spacy.blank("nl")
NLP.tokenizer = FastTokenizer(NLP.vocab)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_doc_text_is_the_input_and_tokens_tile_it(text):
    doc = NLP(text)
    assert doc.text == text
    position = 0
    for token in doc:
        assert token.idx == position
        position += len(token.text_with_ws)
    assert position == len(text)


def test_words_punctuation_and_clitics():
    words = [t.text for t in NLP("De VS-sancties (COM(2025) 101) en Russia's O’Sullivan.")]
    assert words == [
        "De",
        "VS-sancties",
        "(",
        "COM",
        "(",
        "2025",
        ")",
        "101",
        ")",
        "en",
        "Russia",
        "'",
        "s",
        "O’Sullivan",
        ".",
    ]


def test_the_pipelines_use_it():
    assert isinstance(make_pipeline("nl", relations=False).tokenizer, FastTokenizer)
    assert isinstance(make_pipeline("en", relations=False).tokenizer, FastTokenizer)
