"""Tables of plain values written as csv, tsv, Markdown, JSON or a terminal table.

Every answer of ``kg report``, ``kg matrix`` and ``kg alignment`` that is a
table goes through :class:`Table`, so the formats look alike everywhere. IRIs
are shortened with the graph's prefixes (``state:nederland``) by
:func:`compact_iri` in the formats meant for reading and spreadsheets; JSON
keeps them whole.

>>> t = Table(["holder", "n"], [["state:nederland", 3], ["state:belgie", None]])
>>> print(t.to_csv(), end="")
holder,n
state:nederland,3
state:belgie,
>>> print(t.to_markdown(), end="")
| holder | n |
|---|---|
| state:nederland | 3 |
| state:belgie |  |
>>> output_format("out/m.csv", None, ("csv", "html"))
'csv'
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import ConfigError
from kg.graph.rdf import prefixes

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

_LOCAL = re.compile(r"[\w.\-#]+")


def compact_iri(iri: str, base: str | None = None) -> str:
    """``https://w3id.org/kg-eu/entity/state/nederland`` -> ``state:nederland``.

    The longest matching namespace wins; an IRI no prefix covers stays whole.

    >>> compact_iri("https://w3id.org/kg-eu/doc/kst-32317-970")
    'doc:kst-32317-970'
    >>> compact_iri("https://example.org/x y")
    'https://example.org/x y'
    """
    best, ns_len = "", 0
    for prefix, ns in prefixes(base).items():
        if iri.startswith(ns) and len(ns) > ns_len:
            best, ns_len = prefix, len(ns)
    if best:
        local = iri[ns_len:]
        if local and _LOCAL.fullmatch(local):
            return f"{best}:{local}"
    return iri


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


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".")
    return str(value)


@dataclass
class Table:
    """Named columns and rows of plain values (str, int, float, None)."""

    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    title: str = ""

    def to_csv(self, delimiter: str = ",") -> str:
        """CSV (RFC 4180 quoting, ``\\n`` line ends); ``delimiter="\\t"`` for TSV."""
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
        writer.writerow(self.columns)
        for row in self.rows:
            writer.writerow([_text(v) for v in row])
        return buf.getvalue()

    def to_markdown(self) -> str:
        """A GitHub-style Markdown table (pipes escaped, line breaks as spaces)."""

        def cell(value: Any) -> str:
            return _text(value).replace("|", "\\|").replace("\n", " ")

        lines = [
            "| " + " | ".join(self.columns) + " |",
            "|" + "|".join("---" for _ in self.columns) + "|",
        ]
        lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in self.rows]
        return "\n".join(lines) + "\n"

    def to_records(self) -> list[dict[str, Any]]:
        """Rows as dicts, column name to value."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def to_json(self) -> str:
        """``{"columns": [...], "rows": [{...}, ...]}``."""
        return json.dumps(
            {"columns": self.columns, "rows": self.to_records()}, ensure_ascii=False, indent=1
        )

    def to_text(self, width: int = 160) -> str:
        """A terminal table (Rich), long cells cut at 120 characters."""
        from rich.console import Console
        from rich.table import Table as RichTable

        table = RichTable(show_lines=False, header_style="bold", title=self.title or None)
        for column in self.columns:
            table.add_column(column, overflow="fold")
        for row in self.rows:
            cells = [_text(v) for v in row]
            table.add_row(*(c if len(c) <= 120 else c[:117] + "..." for c in cells))
        buf = io.StringIO()
        Console(file=buf, width=width, force_terminal=False, color_system=None).print(table)
        return buf.getvalue()

    def render(self, fmt: str) -> str:
        """The table in ``fmt``: csv, tsv, md, json or table.

        >>> Table(["a"], [[1]]).render("tsv")
        'a\\n1\\n'
        """
        if fmt == "csv":
            return self.to_csv()
        if fmt == "tsv":
            return self.to_csv("\t")
        if fmt == "md":
            return self.to_markdown()
        if fmt == "json":
            return self.to_json()
        if fmt == "table":
            return self.to_text()
        raise ConfigError(f"a table cannot be written as {fmt!r}; use csv, tsv, md, json or table")
