"""The graph: extractions as RDF in an Oxigraph store, and what reads and writes it.

- :mod:`kg.graph.rdf`: an extraction becomes quads in one named graph per document;
- :mod:`kg.graph.store`: :class:`~kg.graph.store.KnowledgeGraph`, atomic
  replacement of a document, the write lock; :mod:`kg.graph.snapshot`: what readers open;
- :mod:`kg.graph.build` with :mod:`kg.graph.sources` and :mod:`kg.graph.same_letter`:
  incremental builds, one document per letter; :mod:`kg.graph.parallel`: builds
  fanned out over worker processes or Dask;
- :mod:`kg.graph.query` (shipped SPARQL, bound parameters) and
  :mod:`kg.graph.results` (what a query answers, as pandas frames and HTML tables),
  :mod:`kg.graph.output` (answers written to files);
- :mod:`kg.graph.export`, :mod:`kg.graph.validate` (SHACL), :mod:`kg.graph.push`
  (SPARQL 1.1 Graph Store Protocol).
"""
