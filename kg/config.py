"""Where things are and which IRIs the graph uses.

>>> DEFAULT_BASE
'https://w3id.org/kg-eu/'
>>> ontology_dir().name
'ontology'
"""

from __future__ import annotations

import os
from pathlib import Path

from kg.errors import ConfigError

#: Namespace of our own vocabulary (classes and properties). Independent of the
#: configurable base, so queries keep working whatever base a graph was built with.
VOCAB = "https://w3id.org/kg-eu/ontology#"

#: Default base IRI for entities and documents. Reference entities always live
#: under this base; minted entities and documents use the configured base.
DEFAULT_BASE = "https://w3id.org/kg-eu/"

_PACKAGE_DIR = Path(__file__).resolve().parent
_REPO_DIR = _PACKAGE_DIR.parent


def _find_dir(env: str, name: str) -> Path:
    override = os.environ.get(env)
    if override:
        path = Path(override)
        if not path.is_dir():
            raise ConfigError(f"{env}={override} is not a folder")
        return path
    for candidate in (_PACKAGE_DIR / "_data" / name, _REPO_DIR / name):
        if candidate.is_dir():
            return candidate
    raise ConfigError(f"cannot find the {name}/ folder; set {env} to its path")


def ontology_dir() -> Path:
    """The folder holding kg.ttl, shapes.ttl and reference/*.ttl."""
    return _find_dir("KG_ONTOLOGY", "ontology")


def queries_dir() -> Path:
    """The folder of shipped SPARQL queries (queries/*.rq)."""
    return _find_dir("KG_QUERIES", "queries")


def base_iri() -> str:
    """The base IRI for minted entities and documents (env ``KG_BASE``)."""
    base = os.environ.get("KG_BASE", DEFAULT_BASE)
    if not base.startswith(("http://", "https://")) or not base.endswith(("/", "#")):
        raise ConfigError(f"KG_BASE={base!r} must be an http(s) IRI ending in / or #")
    return base


def default_store_path() -> Path:
    """The on-disk store used when no --store is given (env ``KG_STORE``)."""
    return Path(os.environ.get("KG_STORE", "kg-store"))
