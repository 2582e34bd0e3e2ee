"""Helpers of the documentation site (MkDocs hooks, a griffe extension, the ontology drawing)."""
