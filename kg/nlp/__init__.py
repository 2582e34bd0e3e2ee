"""Extraction: spaCy pipelines built from rules and reference data, and their scores.

- :mod:`kg.nlp.pipeline` (``make_pipeline``) with its components:
  :mod:`kg.nlp.sentences`, :mod:`kg.nlp.gazetteer` (reference data),
  :mod:`kg.nlp.patterns` (the entity rules of :mod:`kg.nlp.rules`, built into
  mentions by :mod:`kg.nlp.builders`), :mod:`kg.nlp.linker` (mentions to
  entities) and :mod:`kg.nlp.relations` (stances from :mod:`kg.nlp.stances`,
  letter relations from :mod:`kg.nlp.doc_relations`);
- :mod:`kg.nlp.extract`: a :class:`~kg.document.Document` in, an
  :class:`~kg.extraction.Extraction` out;
- :mod:`kg.nlp.evaluate`: scores against the gold annotations.
"""
