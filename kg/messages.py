"""Messages a person can act on: what went wrong, in one line, and what to write instead.

Used by ``kg query``, the endpoint, ``kg export`` and ``kg viz``:

- a SPARQL syntax error becomes one readable line (:func:`syntax_message`):
  an unknown prefix is named with the ``PREFIX`` line to add, an update is
  refused as such, anything else gives line, column, what was found and
  what could come there, without Oxigraph's character-class ranges;
- an unknown name (a shipped query, a predicate) lists the names there are
  and the nearest one (:func:`unknown_name`);
- an impossible date says what is impossible about it (:func:`parse_day`);
- an output file whose extension contradicts the format is refused
  (:func:`output_format`).

>>> syntax_message("SELECT ?x WHERE { ?x foaf:name ?n }", None, predeclared=["kg"])
'unknown prefix foaf: (in foaf:name); declare it first: PREFIX foaf: <http://xmlns.com/foaf/0.1/>'
>>> syntax_message("INSERT DATA { <a> <b> <c> }", None)
'INSERT is a SPARQL Update: the endpoint and `kg query` are read-only; they answer SELECT, ASK, CONSTRUCT and DESCRIBE'
"""

from __future__ import annotations

import calendar
import difflib
import re
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path

from kg.errors import ConfigError

#: Well-known vocabularies, to write the PREFIX line of a prefix a query forgot.
COMMON_PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
    "eli": "http://data.europa.eu/eli/ontology#",
    "sh": "http://www.w3.org/ns/shacl#",
    "wd": "http://www.wikidata.org/entity/",
    "kg": "https://w3id.org/kg-eu/ontology#",
}

_UPDATE_WORDS = (
    "INSERT",
    "DELETE",
    "LOAD",
    "CLEAR",
    "CREATE",
    "DROP",
    "COPY",
    "MOVE",
    "ADD",
    "WITH",
)
# Strings (long and short), IRIs and comments: blanked before names are looked for.
_LITERALS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*',
)
_PROLOGUE = re.compile(r"\A(?:\s*(?:PREFIX\s+[\w.-]*:\s*|BASE\s+)\s*)*", re.I)
_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:", re.I)
_PREFIXED_NAME = re.compile(r"(?<![\w?$:.\-])([A-Za-z][\w.-]*)?:((?:[\w%\\]|\.(?=\w))*)")
_POSITION = re.compile(r"^error at (\d+):(\d+): (.*)$", re.S)
_EXPECTED_ITEM = re.compile(r'"[^"]*"|\[[^\]]*\]|[A-Za-z][\w ]*')


def _blank(query: str) -> str:
    """The query with strings, IRIs and comments blanked out (same length)."""
    return _LITERALS.sub(lambda m: " " * len(m.group(0)), query)


def update_form(query: str) -> str | None:
    """The update operation a request starts with (``INSERT`` ...), None for a query.

    >>> update_form("PREFIX ex: <http://e/>\\n delete where { ?s ?p ?o }"), update_form("SELECT *")
    ('DELETE', None)
    """
    text = _blank(query)
    body = text[_PROLOGUE.match(text).end() :].lstrip()
    word = re.match(r"[A-Za-z]+", body)
    if word and word.group(0).upper() in _UPDATE_WORDS:
        return word.group(0).upper()
    return None


def read_only_message(form: str) -> str:
    """What a read-only reader says to an update."""
    return (
        f"{form} is a SPARQL Update: the endpoint and `kg query` are read-only; "
        "they answer SELECT, ASK, CONSTRUCT and DESCRIBE"
    )


def unknown_prefixes(query: str, predeclared: Iterable[str] = ()) -> list[tuple[str, str]]:
    """(prefix, first name using it) for every prefix the query uses but never declares.

    >>> unknown_prefixes('PREFIX ex: <http://e/> SELECT * { ?s ex:p "a:b" ; foo:q <x:y> }')
    [('foo', 'foo:q')]
    """
    text = _blank(query)
    known = set(predeclared) | {m.group(1) or "" for m in _DECLARED.finditer(text)}
    out: dict[str, str] = {}
    for m in _PREFIXED_NAME.finditer(_DECLARED.sub(" ", text)):
        prefix = m.group(1) or ""
        if prefix not in known and prefix != "_" and prefix not in out:
            out[prefix] = m.group(0)
    return list(out.items())


def prefix_message(prefix: str, example: str, known: Mapping[str, str] | None = None) -> str:
    """The line for an undeclared prefix, with the PREFIX line to add (or the one meant).

    >>> prefix_message("sate", "sate:nederland", {"state": "https://w3id.org/kg-eu/entity/state/"})
    'unknown prefix sate: (in sate:nederland); did you mean state:? Otherwise declare it first: PREFIX sate: <...>'
    """
    known = dict(known or {})
    iri = COMMON_PREFIXES.get(prefix)
    line = f"PREFIX {prefix}: <{iri or '...'}>"
    near = difflib.get_close_matches(prefix, list(known), n=1, cutoff=0.6)
    if near and not iri:
        return f"unknown prefix {prefix}: (in {example}); did you mean {near[0]}:? Otherwise declare it first: {line}"
    return f"unknown prefix {prefix}: (in {example}); declare it first: {line}"


def _describe(item: str) -> str | None:
    """One entry of Oxigraph's "expected" list in words; None for noise."""
    if item.startswith('"'):
        return item
    if item.startswith("["):
        if "'A'" in item or "'a'" in item:
            return "a name"
        if "'0'" in item:
            return "a number"
        return None  # [_] and other bare character classes
    return item.strip() or None


def syntax_message(
    query: str,
    error: BaseException | None,
    *,
    predeclared: Iterable[str] = (),
    known: Mapping[str, str] | None = None,
) -> str:
    """One readable line for a query Oxigraph could not parse (``error``: its SyntaxError).

    ``predeclared`` are prefixes the caller declares for the query (kg's
    own for ``kg query``); ``known`` maps prefixes to IRIs, for suggestions.

    >>> q = "SELECT ?s WHERE { ?s ?p ?o "
    >>> syntax_message(q, SyntaxError('error at 1:28: expected one of ",", ".", "}", [_]'))
    'syntax error at the end of the query (line 1, column 28): expected one of ",", ".", "}"; a closing } is missing'
    """
    form = update_form(query)
    if form is not None:
        return read_only_message(form)
    unknown = unknown_prefixes(query, predeclared)
    if unknown:
        return prefix_message(*unknown[0], known)
    text = str(error or "").strip()
    m = _POSITION.match(text)
    if not m:
        return f"syntax error: {text.splitlines()[0] if text else 'the query cannot be read'}"
    line, column, rest = int(m.group(1)), int(m.group(2)), m.group(3)
    rest = " ".join(rest.split())
    where = f"line {line}, column {column}"
    lines = query.splitlines() or [""]
    here = lines[line - 1][column - 1 :] if 0 < line <= len(lines) else ""
    at_end = line >= len(lines) and not here.strip()
    found = "at the end of the query" if at_end else f"at {here.strip()[:24]!r}"
    expected = ""
    if rest.startswith("expected one of "):
        items = [_describe(i) for i in _EXPECTED_ITEM.findall(rest[len("expected one of ") :])]
        words = list(dict.fromkeys(i for i in items if i and i != "Prefix not found"))
        expected = "expected one of " + ", ".join(words[:8]) if words else ""
    elif rest.startswith("expected "):
        expected = rest[:80]
    message = f"syntax error {found} ({where})" + (f": {expected}" if expected else "")
    blanked = _blank(query)
    missing = blanked.count("{") - blanked.count("}")
    if missing > 0:
        message += "; a closing } is missing"
    return message


def unknown_name(value: str, known: Iterable[str], what: str) -> str:
    """The line for a name that is not one of ``known``: the nearest one, and all of them.

    >>> unknown_name("support", ["supports", "opposes"], "predicate")
    "unknown predicate 'support'; did you mean supports? Known: opposes, supports"
    """
    names = sorted(set(known))
    near = difflib.get_close_matches(value, names, n=1, cutoff=0.6)
    hint = f"; did you mean {near[0]}?" if near else ";"
    return f"unknown {what} {value!r}{hint} Known: {', '.join(names)}"


def parse_day(value: str, option: str = "the date") -> date:
    """A calendar day written YYYY-MM-DD; a ConfigError that says what is wrong with it.

    >>> parse_day("2025-02-28")
    datetime.date(2025, 2, 28)
    >>> parse_day("2025-13-01", "--from")
    Traceback (most recent call last):
    kg.errors.ConfigError: --from 2025-13-01 is an impossible date: there is no month 13
    >>> parse_day("2025-02-29", "--to")
    Traceback (most recent call last):
    kg.errors.ConfigError: --to 2025-02-29 is an impossible date: February 2025 has 28 days
    """
    text = value.strip()
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if not m:
        raise ConfigError(f"{option} {value!r}: write the date as YYYY-MM-DD, e.g. 2025-10-13")
    year, month, day = (int(g) for g in m.groups())
    if not 1 <= month <= 12:
        raise ConfigError(f"{option} {text} is an impossible date: there is no month {month}")
    days = calendar.monthrange(year, month)[1] if year > 0 else 31
    if not 1 <= day <= days:
        name = calendar.month_name[month]
        raise ConfigError(
            f"{option} {text} is an impossible date: {name} {year} has {days} days"
            if day > 0
            else f"{option} {text} is an impossible date: there is no day 0"
        )
    try:
        return date(year, month, day)
    except ValueError as err:
        raise ConfigError(f"{option} {text} is an impossible date: {err}") from None


def output_format(
    output: str | Path | None,
    fmt: str | None,
    extensions: Mapping[str, str],
    default: str,
    *,
    option: str = "--format",
) -> str:
    """The format to write: ``fmt``, or the one ``output``'s extension names, else ``default``.

    ``extensions`` maps file extensions (without the dot) to format names. A
    known extension that names another format than ``fmt``, and an unknown
    extension without ``fmt``, are refused: nothing is written under a
    misleading name.

    >>> exts = {"ttl": "turtle", "nt": "ntriples"}
    >>> output_format("g.nt", None, exts, "turtle"), output_format(None, None, exts, "turtle")
    ('ntriples', 'turtle')
    >>> output_format("g.nt", "turtle", exts, "turtle")
    Traceback (most recent call last):
    kg.errors.ConfigError: g.nt: the name says ntriples but --format is turtle; name it g.ttl or drop --format
    """
    if output is None:
        return fmt or default
    path = Path(output)
    ext = path.suffix.lower().lstrip(".")
    named = extensions.get(ext)
    if fmt is None:
        if named is not None:
            return named
        if not ext:
            return default
        shown = ", ".join(f".{e}" for e in extensions)
        raise ConfigError(
            f"{output}: kg does not know the extension .{ext}; name the file {shown}, "
            f"or give {option}"
        )
    if named is not None and named != fmt:
        wanted = next((e for e, f in extensions.items() if f == fmt), fmt)
        raise ConfigError(
            f"{output}: the name says {named} but {option} is {fmt}; "
            f"name it {path.with_suffix('.' + wanted)} or drop {option}"
        )
    return fmt


__all__ = [
    "COMMON_PREFIXES",
    "output_format",
    "parse_day",
    "prefix_message",
    "read_only_message",
    "syntax_message",
    "unknown_name",
    "unknown_prefixes",
    "update_form",
]
