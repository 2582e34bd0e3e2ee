"""Reading a SPARQL text without parsing it: what it may fetch, which dataset it names.

Oxigraph parses queries in the worker processes; these checks run before, on
the text with everything that cannot hold a keyword blanked out (strings,
IRIs, variables, comments, escapes).

>>> check_operation("SELECT * { ?s ?p ?o }", update=False)
>>> check_operation("select * { service <http://evil.example/sparql> { ?s ?p ?o } }", update=False)
Traceback (most recent call last):
...
kg.errors.ForbiddenOperationError: SERVICE is refused: this endpoint never fetches from other servers
"""

from __future__ import annotations

import re

from kg.errors import ForbiddenOperationError

_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# Text that cannot hold a keyword: strings (in the grammar's own forms), IRIs,
# variables, backslash escapes (``ex:a\#b`` is a name, not a comment) and comments.
_INERT = re.compile(
    r"""
        '''(?:(?:'|'')?(?:[^'\\]|\\.))*'''
      | \"\"\"(?:(?:"|"")?(?:[^"\\]|\\.))*\"\"\"
      | '(?:[^'\\\n\r]|\\.)*'
      | "(?:[^"\\\n\r]|\\.)*"
      | <[^<>"{}|^`\\\x00-\x20]*>
      | [?$][\w\u00B7\u0300-\u036F\u203F-\u2040]+
      | \\.
      | \#[^\n\r]*
    """,
    re.VERBOSE | re.DOTALL,
)

_REFUSED_IN_QUERY = {
    "SERVICE": "SERVICE is refused: this endpoint never fetches from other servers"
}
_REFUSED_IN_UPDATE = {
    **_REFUSED_IN_QUERY,
    "LOAD": "LOAD is refused: this endpoint never fetches from other servers",
}


def unescape_codepoints(text: str) -> str:
    r"""Apply SPARQL's \\u and \\U escapes, which may appear anywhere in a query.

    >>> unescape_codepoints(r"\u0053ERVICE")
    'SERVICE'
    """

    def repl(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group(0)

    return _CODEPOINT.sub(repl, text)


def code_text(text: str) -> str:
    """The query with everything that cannot hold a keyword blanked out.

    >>> code_text('SELECT ?service { ?s <http://ex.org/SERVICE> "SERVICE" } # SERVICE')
    'SELECT   {       }  '
    """
    return _INERT.sub(" ", unescape_codepoints(text))


def check_operation(text: str, *, update: bool) -> None:
    """Raise ForbiddenOperationError when a query or update could fetch from elsewhere.

    The keywords are looked for anywhere outside strings, IRIs, comments and
    variables, even inside longer words: Oxigraph's parser also reads
    ``SERVICEex:g`` and ``1SERVICE ex:g`` as SERVICE. So a prefixed name with
    those letters (``ex:serviceArea``) is refused too; write its full IRI.

    >>> check_operation("PREFIX ex: <http://ex.org/> SELECT * { SERVICEex:g { ?s ?p ?o } }", update=False)
    Traceback (most recent call last):
    ...
    kg.errors.ForbiddenOperationError: SERVICE is refused: this endpoint never fetches from other servers
    """
    refused = _REFUSED_IN_UPDATE if update else _REFUSED_IN_QUERY
    code = code_text(text).upper()
    for keyword, message in refused.items():
        if keyword in code:
            raise ForbiddenOperationError(message)


# FROM / FROM NAMED as a keyword: not part of a prefixed name (ex:from, from:x) or a
# longer word; run on the query with strings, IRIs, variables and comments blanked out.
_DATASET_CLAUSE = re.compile(r"(?<![\w:.\-])FROM(?=\s|$)", re.IGNORECASE)


def has_dataset_clause(query: str) -> bool:
    """True when a query names its own dataset (FROM or FROM NAMED).

    >>> has_dataset_clause("SELECT * FROM <http://ex.org/g> { ?s ?p ?o }")
    True
    >>> has_dataset_clause('SELECT * { ?s ex:from ?from ; ?p "FROM <x>" } # FROM <y>')
    False
    """
    return _DATASET_CLAUSE.search(code_text(query)) is not None
