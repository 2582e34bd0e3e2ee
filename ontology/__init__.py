"""The ontology and reference data, installed as the package data ``kg.ontology``.

Only a marker: the files are ``*.ttl`` (see kg.config.ontology_dir).
"""
