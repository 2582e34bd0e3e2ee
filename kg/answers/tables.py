"""Tables of plain values written as csv, tsv, Markdown, JSON or a terminal table.

Every answer of ``kg report``, ``kg matrix`` and ``kg alignment`` that is a
table goes through :class:`Table`, so the formats look alike everywhere. IRIs
are shortened with the graph's prefixes (``state:nederland``) by
:func:`kg.graph.rdf.compact_iri` in the formats meant for reading and spreadsheets; JSON
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
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import Any

from kg.errors import ConfigError


def md_text(text: str) -> str:
    """Text safe inside Markdown prose (no accidental emphasis, links or tables).

    >>> print(md_text("a_b [c] | d"))
    a\\_b \\[c\\] \\| d
    """
    for ch in "\\`*_[]|<>":
        text = text.replace(ch, "\\" + ch)
    return text


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
