"""SPARQL over the store with bound parameters, and the result formats of ``kg query``.

A query is a .rq file, the name of a shipped query (queries/*.rq) or a SPARQL
string. Parameters are declared in the header comment::

    # @param regulation entity  the legal act (IRI, prefixed name or label)

and bound through pyoxigraph substitutions, never pasted into the query text.
A bound parameter must appear in the SELECT clause (pyoxigraph substitutes
projected variables only). Kinds: ``entity`` (IRI, prefixed name, or a label looked up in the graph),
``iri``, ``string``, ``date``, ``integer``. The default graph is the union
of all named graphs; the model's prefixes are predeclared.

>>> from kg.graph.store import KnowledgeGraph
>>> import pyoxigraph as ox
>>> kg = KnowledgeGraph()
>>> d = "https://w3id.org/kg-eu/doc/d1"
>>> kg.replace_document(d, [ox.Triple(ox.NamedNode(d), ox.NamedNode(PREFIXES["dcterms"] + "title"),
...                                   ox.Literal("Geannoteerde agenda"))])
>>> q = "SELECT ?d ?t WHERE { ?d dcterms:title ?t }"
>>> print(format_result(run_query(kg, q, {"t": "Geannoteerde agenda"}), "csv").strip())
d,t
doc:d1,Geannoteerde agenda
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.config import VOCAB, queries_dir
from kg.errors import ConfigError, KGError, QueryError
from kg.graph.rdf import PREFIXES, XSD, compact_iri, prefixes
from kg.graph.results import QueryResult
from kg.graph.store import KnowledgeGraph
from kg.iri import slugify
from kg.messages import parse_day, read_only_message, syntax_message, unknown_name, update_form

FORMATS = ("table", "csv", "tsv", "json", "md")
PARAM_KINDS = ("entity", "iri", "string", "date", "integer")

_PARAM_LINE = re.compile(r"^#\s*@param\s+\??([A-Za-z_]\w*)\s+(\w+)\s*(.*)$")
_DEFAULT = re.compile(r"\(default:\s*([^)]*)\)")
_PREFIXED = re.compile(r"^([A-Za-z][\w-]*):([^\s/][^\s]*)$")
_FORM = re.compile(r"^\s*(?:(?:PREFIX|BASE)\b[^\n]*\n\s*|#[^\n]*\n\s*)*(\w+)", re.I)
# One word, no spaces or braces: a shipped query's name (or a misspelling of one), not SPARQL.
_BARE_NAME = re.compile(r"[A-Za-z_][\w.-]*")


@dataclass(frozen=True)
class QueryParam:
    """A parameter a query declares in its header."""

    name: str
    kind: str
    description: str = ""
    default: str | None = None


@dataclass
class LoadedQuery:
    """A query's text, where it came from, and what its header says."""

    text: str
    source: str = "<string>"
    title: str = ""
    params: list[QueryParam] = field(default_factory=list)


def parse_header(text: str) -> tuple[str, list[QueryParam]]:
    """The question (first comment line) and the declared parameters of a query.

    >>> parse_header("# Who signed?\\n# @param doc entity  the letter (default: doc:x)\\nSELECT")
    ('Who signed?', [QueryParam(name='doc', kind='entity', description='the letter', default='doc:x')])
    """
    title = ""
    params: list[QueryParam] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        m = _PARAM_LINE.match(stripped)
        if m:
            name, kind, rest = m.groups()
            if kind not in PARAM_KINDS:
                raise QueryError(f"parameter {name}: unknown kind {kind!r} (use {PARAM_KINDS})")
            dm = _DEFAULT.search(rest)
            default = dm.group(1).strip() if dm else None
            desc = _DEFAULT.sub("", rest).strip()
            params.append(QueryParam(name, kind, desc, default))
        elif not title:
            body = stripped.lstrip("#").strip()
            if body and not body.startswith("@"):
                title = body
    return title, params


def load_query(query: str | Path) -> LoadedQuery:
    """Read a .rq file, a shipped query by name, or take ``query`` as SPARQL text."""
    text: str | None = None
    source = "<string>"
    candidate = Path(str(query))
    if "\n" not in str(query) and len(str(query)) < 512:
        options = [candidate]
        try:
            shipped = queries_dir()
            options += [shipped / candidate.name, shipped / f"{candidate.name}.rq"]
        except Exception:
            pass
        for option in options:
            if option.suffix == ".rq" and option.is_file():
                text, source = option.read_text(encoding="utf-8"), str(option)
                break
        if text is None and candidate.suffix == ".rq":
            raise QueryError(f"{query}: no such query file")
        if text is None and _BARE_NAME.fullmatch(str(query)):
            raise QueryError(unknown_name(str(query), _shipped_names(), "shipped query"))
    if text is None:
        text = str(query)
    title, params = parse_header(text)
    return LoadedQuery(text, source, title, params)


def _shipped_names() -> list[str]:
    try:
        return sorted(p.stem for p in queries_dir().glob("*.rq"))
    except KGError:
        return []


def shipped_queries() -> list[LoadedQuery]:
    """All queries in queries/, sorted by file name."""
    return [load_query(p) for p in sorted(queries_dir().glob("*.rq"))]


def _expand(value: str, base: str) -> str | None:
    value = value.strip()
    if value.startswith("<") and value.endswith(">"):
        return value[1:-1]
    if re.match(r"^(https?|urn|mailto):", value, re.I):
        return value
    m = _PREFIXED.match(value)
    if m and m.group(1) in prefixes(base):
        return prefixes(base)[m.group(1)] + m.group(2)
    return None


def _lookup_entity(store: KnowledgeGraph, label: str) -> ox.NamedNode:
    """The entity labelled ``label`` (case-insensitive), the most mentioned one first.

    The label as written is looked up first, through the index (plain, @nl and
    @en literals); only when that finds nothing are all labels compared
    case-insensitively, which reads every label in the graph.
    """
    rows = list(
        store.query(
            "SELECT ?e ?w0 ?w1 ?w2 (COUNT(?m) AS ?n) WHERE { "
            "{ ?e rdfs:label|skos:prefLabel|skos:altLabel|foaf:name ?w0 } UNION "
            "{ ?e rdfs:label|skos:prefLabel|skos:altLabel|foaf:name ?w1 } UNION "
            "{ ?e rdfs:label|skos:prefLabel|skos:altLabel|foaf:name ?w2 } "
            "FILTER(isIRI(?e)) OPTIONAL { ?m kg:mentionOf ?e } } "
            "GROUP BY ?e ?w0 ?w1 ?w2 ORDER BY DESC(?n) STR(?e) LIMIT 1",
            {
                "w0": ox.Literal(label),
                "w1": ox.Literal(label, language="nl"),
                "w2": ox.Literal(label, language="en"),
            },
        )
    )
    if rows:
        return rows[0]["e"]
    rows = list(
        store.query(
            "SELECT ?e ?wanted (COUNT(?m) AS ?n) WHERE { "
            "?e rdfs:label|skos:prefLabel|skos:altLabel|foaf:name ?l . "
            "FILTER(isIRI(?e) && LCASE(STR(?l)) = LCASE(STR(?wanted))) "
            "OPTIONAL { ?m kg:mentionOf ?e } } GROUP BY ?e ?wanted ORDER BY DESC(?n) STR(?e) LIMIT 1",
            {"wanted": ox.Literal(label)},
        )
    )
    if not rows:
        rows = list(
            store.query(
                "SELECT ?e ?slug (COUNT(?m) AS ?n) WHERE { ?e a ?t . "
                "FILTER(isIRI(?e) && STRENDS(STR(?e), ?slug)) "
                "OPTIONAL { ?m kg:mentionOf ?e } } GROUP BY ?e ?slug ORDER BY DESC(?n) STR(?e) "
                "LIMIT 1",
                {"slug": ox.Literal("/" + slugify(label))},
            )
        )
    if not rows:
        raise QueryError(f"no entity labelled {label!r} in the graph; pass its IRI instead")
    return rows[0]["e"]


def bind_value(store: KnowledgeGraph, kind: str, name: str, value: str) -> Any:
    """Turn a ``--param name=value`` string into the RDF term the query binds."""
    base = store.base
    if kind in ("entity", "iri"):
        iri = _expand(value, base)
        if iri is not None:
            _check_vocabulary(name, iri)
            return ox.NamedNode(iri)
        if kind == "iri":
            raise QueryError(f"--param {name}: {value!r} is not an IRI or known prefixed name")
        return _lookup_entity(store, value)
    if kind == "date":
        try:
            day = parse_day(value, f"--param {name}")
        except ConfigError as err:
            raise QueryError(str(err)) from None
        return ox.Literal(day.isoformat(), datatype=ox.NamedNode(XSD + "date"))
    if kind == "integer":
        if not re.fullmatch(r"[+-]?\d+", value.strip()):
            raise QueryError(f"--param {name}: {value!r} is not an integer")
        return ox.Literal(value.strip(), datatype=ox.NamedNode(XSD + "integer"))
    iri = _expand(value, base) if kind != "string" else None
    return ox.NamedNode(iri) if iri else ox.Literal(value)


def _check_vocabulary(name: str, iri: str) -> None:
    """A ``kg:`` term that is not in the vocabulary (``kg:Agencyy``) would match nothing: say so."""
    if not iri.startswith(VOCAB):
        return
    from kg.vocab import KG

    terms = [t for t in KG.__annotations__ if not t.startswith("_")]
    local = iri[len(VOCAB) :]
    if local not in terms:
        raise QueryError(
            f"--param {name}: " + unknown_name(f"kg:{local}", [f"kg:{t}" for t in terms], "term")
        )


def _form(text: str) -> str:
    m = _FORM.match(text)
    return m.group(1).upper() if m else "SELECT"


def run_query(
    store: KnowledgeGraph,
    query: str | Path | LoadedQuery,
    params: dict[str, str] | None = None,
    *,
    limit: int | None = None,
) -> QueryResult:
    """Run a query with bound parameters; ``limit`` cuts the rows read (the query is not edited)."""
    loaded = query if isinstance(query, LoadedQuery) else load_query(query)
    declared = {p.name: p for p in loaded.params}
    given = dict(params or {})
    substitutions: dict[str, Any] = {}
    for p in loaded.params:
        if p.name not in given and p.default is not None:
            given[p.name] = p.default
    # A declared parameter left unset stays unbound: the shipped queries then answer for all.
    for name, value in given.items():
        if name not in declared and not re.search(rf"[?$]{re.escape(name)}\b", loaded.text):
            raise QueryError(f"{loaded.source} has no parameter or variable {name!r}")
        kind = declared[name].kind if name in declared else "auto"
        substitutions[name] = bind_value(store, kind, name, value)
    form = update_form(loaded.text)
    if form is not None:
        raise QueryError(read_only_message(form))
    try:
        answer = store.query(loaded.text, substitutions)
    except SyntaxError as err:
        message = syntax_message(
            loaded.text, err, predeclared=prefixes(store.base), known=prefixes(store.base)
        )
        where = "" if loaded.source == "<string>" else f"{loaded.source}: "
        raise QueryError(where + message) from None
    except (OSError, RuntimeError) as err:
        hint = ""
        if "projection" in str(err):
            hint = " (a bound parameter must also be a selected variable: add it to SELECT)"
        raise QueryError(f"{loaded.source}: the query failed: {err}{hint}") from err
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(answer), base=store.base)
    if isinstance(answer, ox.QueryTriples):
        triples = []
        for t in answer:
            if limit is not None and len(triples) >= limit:
                return QueryResult("graph", triples=triples, truncated=True, base=store.base)
            triples.append(t)
        return QueryResult("graph", triples=triples, base=store.base)
    variables = [v.value for v in answer.variables]
    rows: list[list[Any]] = []
    truncated = False
    for solution in answer:
        if limit is not None and len(rows) >= limit:
            truncated = True
            break
        rows.append([solution[v] for v in variables])
    return QueryResult("select", variables, rows, truncated=truncated, base=store.base)


# ---------------------------------------------------------------------- output
def _readable(term: Any, pfx: dict[str, str]) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        short = compact_iri(term.value, pfx=pfx)
        return short if short != term.value else f"<{term.value}>"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def _plain(term: Any) -> str:
    return "" if term is None else term.value


def _short(term: Any, pfx: dict[str, str]) -> str:
    """A cell for CSV/TSV: IRIs as prefixed names where a prefix fits, else whole."""
    if isinstance(term, ox.NamedNode):
        return compact_iri(term.value, pfx=pfx)
    return _plain(term)


def _json_term(term: Any) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != XSD + "string":
        out["datatype"] = term.datatype.value
    return out


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def format_result(
    result: QueryResult, fmt: str = "table", *, base: str | None = None, full_iris: bool = False
) -> str:
    """Render a result as ``table`` (Rich), ``csv``, ``tsv``, ``json`` or ``md``.

    table, md, csv and tsv show IRIs as prefixed names (``state:nederland``)
    where a prefix of the graph fits; ``full_iris`` keeps them whole in csv
    and tsv. json (SPARQL 1.1 Query Results JSON) always carries full IRIs.
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    pfx = prefixes(base or result.base)
    if result.kind == "ask":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result.boolean})
        return "true" if result.boolean else "false"
    if result.kind == "graph":
        if fmt == "json":
            return ox.serialize(result.triples, format=ox.RdfFormat.JSON_LD).decode("utf-8")
        return ox.serialize(result.triples, format=ox.RdfFormat.TURTLE, prefixes=pfx).decode(
            "utf-8"
        )
    if fmt == "json":
        bindings = [
            {v: _json_term(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
            for row in result.rows
        ]
        return json.dumps(
            {"head": {"vars": result.variables}, "results": {"bindings": bindings}},
            ensure_ascii=False,
            indent=1,
        )
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(result.variables)
        cell = _plain if full_iris else (lambda t: _short(t, pfx))
        for row in result.rows:
            writer.writerow([cell(t) for t in row])
        return buf.getvalue()
    cells = [[_readable(t, pfx) for t in row] for row in result.rows]
    if fmt == "md":
        lines = [
            "| " + " | ".join(result.variables) + " |",
            "|" + "|".join("---" for _ in result.variables) + "|",
        ]
        lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in cells]
        return "\n".join(lines) + "\n"
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False, header_style="bold")
    for v in result.variables:
        table.add_column(v, overflow="fold")
    for row in cells:
        table.add_row(*(c if len(c) <= 120 else c[:117] + "..." for c in row))
    buf = io.StringIO()
    Console(file=buf, width=160, force_terminal=False, color_system=None).print(table)
    note = f"{len(result.rows)} row(s)" + (" (more not shown)" if result.truncated else "")
    return buf.getvalue() + note + "\n"


def write_result(
    result: QueryResult,
    path: str | Path,
    fmt: str | None = None,
    *,
    base: str | None = None,
    full_iris: bool = False,
) -> str:
    """Write a result to ``path`` whole; the format is ``fmt``, else the extension's.

    ``.csv .tsv .json .md`` name their formats, ``.txt`` the table; returns the format.
    """
    from kg.graph.output import output_format, write_output

    fmt = output_format(path, fmt, FORMATS)
    text = format_result(result, fmt, base=base, full_iris=full_iris)
    write_output(path, text if text.endswith("\n") else text + "\n")
    return fmt


__all__ = [
    "FORMATS",
    "PREFIXES",
    "LoadedQuery",
    "QueryParam",
    "QueryResult",
    "format_result",
    "load_query",
    "parse_header",
    "run_query",
    "shipped_queries",
    "write_result",
]
