"""Where things are and which IRIs the graph uses.

>>> DEFAULT_BASE
'https://w3id.org/kg-eu/'
>>> ontology_dir().name
'ontology'
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from kg.errors import ConfigError

#: kg's version: ``kg.__version__``, the package's version (pyproject reads it from
#: here) and the ``kg:softwareVersion`` of every build.
VERSION = "0.1.0"

#: Namespace of our own vocabulary (classes and properties). Independent of the
#: configurable base, so queries keep working whatever base a graph was built with.
VOCAB = "https://w3id.org/kg-eu/ontology#"

#: Default base IRI for entities and documents. Reference entities always live
#: under this base; minted entities and documents use the configured base.
DEFAULT_BASE = "https://w3id.org/kg-eu/"

_REPO_DIR = Path(__file__).resolve().parent.parent


def _find_dir(env: str, name: str) -> Path:
    """The data folder ``name``: ``$env``, else the package data ``kg.<name>``.

    ontology/ and queries/ sit at the top of the repository and are mapped
    into the package (``kg.ontology``, ``kg.queries``) by setup.py, in wheels,
    sdists and editable installs alike. A source tree run without installing
    (``PYTHONPATH=.``) falls back to the folder beside ``kg/``.
    """
    override = os.environ.get(env)
    if override:
        path = Path(override)
        if not path.is_dir():
            raise ConfigError(f"{env}={override} is not a folder")
        return path
    try:
        folder = resources.files(f"kg.{name}")
    except ModuleNotFoundError:
        folder = None
    if isinstance(folder, Path) and folder.is_dir():
        return folder
    if (_REPO_DIR / name).is_dir():
        return _REPO_DIR / name
    raise ConfigError(
        f"cannot find the {name}/ folder (package data kg.{name}); reinstall kg or set {env}"
    )


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
