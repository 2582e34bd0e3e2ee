"""What a query answers (:class:`QueryResult`), and the same in notebooks: a pandas
DataFrame and an HTML table.

pandas is optional (``pip install 'kg[pandas]'``); without it
:func:`result_frame` says how to get it.

>>> from kg.answers.sample import sample_store
>>> from kg.graph.query import run_query
>>> result = run_query(sample_store(), "SELECT ?d ?date WHERE { ?d dcterms:date ?date } ORDER BY ?date")
>>> ">doc:kst-32317-900</td>" in result._repr_html_()
True
>>> python_value(result.rows[0][1])
datetime.date(2024, 10, 14)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from html import escape
from typing import Any

import pyoxigraph as ox

from kg.errors import ConfigError
from kg.graph.rdf import compact_iri

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {"integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger"}
#: Rows an HTML repr shows at most; the rest is counted.
HTML_ROWS = 200


@dataclass
class QueryResult:
    """Rows of a SELECT, the answer of an ASK or the triples of a CONSTRUCT/DESCRIBE."""

    kind: str  # "select" | "ask" | "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[list[Any]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)
    truncated: bool = False
    base: str | None = None  # the store's base IRI, for prefixed names in output

    def records(self) -> list[dict[str, str | None]]:
        """Rows as dicts of plain strings (IRIs and literal values), for tests and scripts."""
        return [
            {v: (None if t is None else t.value) for v, t in zip(self.variables, row, strict=True)}
            for row in self.rows
        ]

    def to_pandas(self, *, prefixed: bool = False) -> Any:
        """The rows as a pandas DataFrame (needs the extra ``kg[pandas]``).

        Literals become Python values (numbers, dates, booleans, strings); IRIs
        stay strings, whole unless ``prefixed`` (then ``state:nederland``).
        """
        return result_frame(self, prefixed=prefixed)

    def _repr_html_(self) -> str:
        """An HTML table for notebooks, IRIs as prefixed names (at most 200 rows)."""
        return result_html(self)


def python_value(term: Any, *, prefixed: bool = False, base: str | None = None) -> Any:
    """A term as a plain Python value: numbers, dates and booleans typed, IRIs as strings.

    >>> python_value(ox.Literal("3", datatype=ox.NamedNode(_XSD + "integer")))
    3
    >>> python_value(ox.NamedNode("https://w3id.org/kg-eu/entity/state/nederland"), prefixed=True)
    'state:nederland'
    """
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return compact_iri(term.value, base) if prefixed else term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    kind = term.datatype.value[len(_XSD) :] if term.datatype.value.startswith(_XSD) else ""
    try:
        if kind in _INTEGERS:
            return int(term.value)
        if kind in ("double", "float"):
            return float(term.value)
        if kind == "decimal":
            return Decimal(term.value)
        if kind == "boolean":
            return term.value in ("true", "1")
        if kind == "date":
            return date.fromisoformat(term.value[:10])
        if kind == "dateTime":
            return datetime.fromisoformat(term.value.replace("Z", "+00:00"))
    except ValueError:
        return term.value
    return term.value


def result_frame(result: QueryResult, *, prefixed: bool = False) -> Any:
    """A SELECT result as a DataFrame, one column per variable, in the result's order."""
    try:
        import pandas as pd
    except ImportError:
        raise ConfigError(
            "pandas is not installed; install it with: pip install 'kg[pandas]'"
        ) from None
    if result.kind != "select":
        raise ConfigError(
            f"only SELECT results become a DataFrame (this is a {result.kind} result)"
        )
    rows = [
        [python_value(t, prefixed=prefixed, base=result.base) for t in row] for row in result.rows
    ]
    return pd.DataFrame(rows, columns=list(result.variables))


def result_html(result: QueryResult) -> str:
    """An HTML table of a result for notebooks, IRIs shortened, with the IRI as tooltip."""
    if result.kind == "ask":
        return f"<p>ASK: <b>{'true' if result.boolean else 'false'}</b></p>"
    if result.kind == "graph":
        return (
            f"<p>{len(result.triples)} triples (use kg.graph.query.format_result to see them)</p>"
        )
    head = "".join(f"<th>{escape(v)}</th>" for v in result.variables)
    body = []
    for row in result.rows[:HTML_ROWS]:
        cells = []
        for term in row:
            if isinstance(term, ox.NamedNode):
                cells.append(
                    f'<td title="{escape(term.value)}">{escape(compact_iri(term.value, result.base))}</td>'
                )
            else:
                value = python_value(term)
                cells.append(f"<td>{escape('' if value is None else str(value))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    more = len(result.rows) - HTML_ROWS
    note = f"{len(result.rows)} row(s)" + (" (more not shown)" if result.truncated else "")
    if more > 0:
        note += f"; the first {HTML_ROWS} shown"
    return (
        f'<table class="kg-result"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody>'
        f"</table><p><small>{escape(note)}</small></p>"
    )
