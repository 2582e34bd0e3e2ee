"""kg: a knowledge-graph builder for Dutch letters to parliament and EU Council texts.

The library is usable on its own; the ``kg`` command is a thin layer over it.

>>> import kg
>>> issubclass(kg.IngestError, kg.KGError)
True
"""

from __future__ import annotations

from kg import config
from kg.document import Block, Document, Footnote, MeetingRef, Metadata, Signatory, SourceMap
from kg.errors import (
    BuildError,
    ConfigError,
    EndpointError,
    EvaluationError,
    ExtractionError,
    IngestError,
    KGError,
    QueryError,
    ReferenceDataError,
    RuleError,
    StoreError,
    StoreLockedError,
    ValidationError,
)
from kg.extraction import Entity, Evidence, Extraction, Mention, Relation, extractions_to_json
from kg.ingest import IngestFailure, ingest_path, iter_documents

__version__ = config.VERSION

__all__ = [
    "Block",
    "BuildError",
    "ConfigError",
    "Document",
    "EndpointError",
    "Entity",
    "EvaluationError",
    "Evidence",
    "Extraction",
    "ExtractionError",
    "Footnote",
    "IngestError",
    "IngestFailure",
    "KGError",
    "MeetingRef",
    "Mention",
    "Metadata",
    "QueryError",
    "ReferenceDataError",
    "Relation",
    "RuleError",
    "Signatory",
    "SourceMap",
    "StoreError",
    "StoreLockedError",
    "ValidationError",
    "extractions_to_json",
    "ingest_path",
    "iter_documents",
]
