"""The shipped SPARQL queries, installed as the package data ``kg.queries``.

Only a marker: the files are ``*.rq`` (see kg.config.queries_dir).
"""
