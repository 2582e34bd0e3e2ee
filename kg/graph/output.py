"""Answers written to files: the format a file name asks for, and the file written whole.

Used by ``kg query`` (:func:`kg.graph.query.write_result`) and the answers
(``kg report``, ``kg matrix``, ``kg alignment``).

>>> output_format("out/m.csv", None, ("csv", "html"))
'csv'
"""

from __future__ import annotations

from pathlib import Path

from kg.errors import ConfigError

#: File extensions and the format each stands for.
EXTENSIONS = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".json": "json",
    ".md": "md",
    ".markdown": "md",
    ".txt": "table",
    ".html": "html",
    ".htm": "html",
    ".svg": "svg",
    ".png": "png",
}


def output_format(path: str | Path | None, given: str | None, allowed: tuple[str, ...]) -> str:
    """The format to write: ``given``, else the one ``path``'s extension names, else the first.

    >>> output_format(None, None, ("md", "html"))
    'md'
    >>> output_format("r.pdf", None, ("md", "html"))
    Traceback (most recent call last):
    ...
    kg.errors.ConfigError: r.pdf: cannot tell the format from the extension '.pdf'; use md or html, or pass --format
    """
    if given:
        if given not in allowed:
            raise ConfigError(f"unknown format {given!r}; use {', '.join(allowed)}")
        return given
    if path is None:
        return allowed[0]
    suffix = Path(path).suffix.lower()
    fmt = EXTENSIONS.get(suffix)
    if fmt not in allowed:
        raise ConfigError(
            f"{path}: cannot tell the format from the extension {suffix!r}; "
            f"use {' or '.join([', '.join(allowed[:-1]), allowed[-1]] if len(allowed) > 1 else allowed)}"
            ", or pass --format"
        )
    return fmt


def write_output(path: str | Path, data: str | bytes) -> Path:
    """Write ``data`` to ``path`` whole (a temporary file renamed), creating folders.

    A failed write leaves any earlier file at ``path`` as it was.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        if isinstance(data, bytes):
            tmp.write_bytes(data)
        else:
            tmp.write_text(data, encoding="utf-8")
        tmp.replace(path)
    except OSError as err:
        raise ConfigError(f"{path}: cannot write the file ({err.strerror or err})") from err
    return path
