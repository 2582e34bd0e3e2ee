"""The spaCy pipelines: ``make_pipeline("nl" | "en")``.

``spacy.blank(lang)`` with a fast regex tokenizer (:mod:`kg.nlp.tokenizer`)
plus our components, registered with
``@Language.factory``: kg_sentences, kg_gazetteer, kg_patterns, kg_linker and,
when the relation component is available, kg_relations. No model is loaded:
recognition is rules plus reference data.

>>> nlp = make_pipeline("nl", relations=False)
>>> nlp.pipe_names
['kg_sentences', 'kg_gazetteer', 'kg_patterns', 'kg_linker']
>>> get_pipeline("nl") is get_pipeline("nl")
True
"""

from __future__ import annotations

import importlib
from functools import cache

import spacy
from spacy.language import Language

from kg.errors import ConfigError

# Importing the modules registers the factories.
from kg.nlp import gazetteer, linker, patterns, sentences  # noqa: F401
from kg.nlp.tokenizer import FastTokenizer

LANGUAGES = ("nl", "en")


def _relations_available() -> bool:
    try:
        importlib.import_module("kg.nlp.relations")
    except ImportError:
        return False
    return "kg_relations" in Language.factories


def make_pipeline(lang: str = "nl", relations: bool = True) -> Language:
    """A new pipeline for ``lang`` ("nl" or "en"); ``relations=False`` leaves out kg_relations."""
    if lang not in LANGUAGES:
        raise ConfigError(f"unsupported language {lang!r}; use one of {', '.join(LANGUAGES)}")
    nlp = spacy.blank(lang)
    # set before the components, so the gazetteer's patterns are split the same way
    nlp.tokenizer = FastTokenizer(nlp.vocab)
    nlp.add_pipe("kg_sentences")
    nlp.add_pipe("kg_gazetteer", config={"lang": lang})
    nlp.add_pipe("kg_patterns", config={"lang": lang})
    nlp.add_pipe("kg_linker", config={"lang": lang})
    if relations and _relations_available():
        factory = Language.get_factory_meta("kg_relations")
        config = {"lang": lang} if "lang" in (factory.default_config or {}) else {}
        nlp.add_pipe("kg_relations", config=config)
    return nlp


@cache
def get_pipeline(lang: str = "nl") -> Language:
    """The shared pipeline for ``lang`` (built once per process)."""
    return make_pipeline(lang)
