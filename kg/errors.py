"""One exception family for the whole library.

Every error the library raises on purpose derives from :class:`KGError`; the CLI
turns any of them into one red line and a non-zero exit code. Each message says
what went wrong and, where it can, what to do about it.

>>> try:
...     raise IngestError("letter.pdf", "the PDF is encrypted")
... except KGError as err:
...     print(err)
letter.pdf: the PDF is encrypted
"""

from __future__ import annotations


class KGError(Exception):
    """Base class of every error raised by kg on purpose."""

    exit_code: int = 1


class ConfigError(KGError):
    """A setting, option or environment variable has an unusable value."""

    exit_code = 2


class IngestError(KGError):
    """A file could not be read into a document.

    The message always starts with the file name, so one line names the file
    and the problem.
    """

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class ReferenceDataError(KGError):
    """A reference-data or rule file is malformed (fails validation on load)."""


class RuleError(ReferenceDataError):
    """A pattern or relation rule file is malformed."""


class ExtractionError(KGError):
    """Extraction failed for a document in a way the caller should see."""


class BuildError(KGError):
    """A build read nothing: no input files, or every one of them failed."""


class StoreError(KGError):
    """The graph store cannot be opened, is locked, or a write failed."""


class StoreLockedError(StoreError):
    """Another process holds the store's write lock."""


class QueryError(KGError):
    """A SPARQL query is malformed, misses a parameter, or failed."""


class ValidationError(KGError):
    """The graph does not conform to the SHACL shapes."""


class EvaluationError(KGError):
    """Gold files are missing or malformed."""


class EndpointError(KGError):
    """A remote SPARQL endpoint refused a request or is unreachable."""


class ForbiddenOperationError(KGError):
    """A request asks the endpoint for something it never does (SERVICE, LOAD, ...)."""
