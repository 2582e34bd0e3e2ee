"""Recognition and linking: spaCy pipelines built from rules and reference data.

See :mod:`kg.nlp.pipeline` (``make_pipeline``), :mod:`kg.nlp.gazetteer`,
:mod:`kg.nlp.patterns`, :mod:`kg.nlp.linker` and :mod:`kg.nlp.extract`.
"""
