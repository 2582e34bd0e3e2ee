"""``kg serve``: a read-only SPARQL 1.1 endpoint and query page on a store.

- :mod:`kg.serve.endpoint`: the HTTP server (SPARQL 1.1 Protocol, limits, origins);
- :mod:`kg.serve.worker`: the worker processes that run queries on a snapshot;
- :mod:`kg.serve.text`: what a request may ask (read-only operations);
- :mod:`kg.serve.results`: result formats and content negotiation;
- :mod:`kg.serve.description`: the SPARQL service description;
- :mod:`kg.serve.views` with ``page/``: the query page and the entity view.
"""
