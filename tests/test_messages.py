"""Messages a person can act on: each mistake of the issue gives one line that says what to do.

Every case runs the real command on a real store and checks the whole
message (one line, no traceback, no wall of character ranges) and that
nothing was written under a misleading name.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.cli import main

SEED = Path(__file__).parent / "data" / "corpus" / "000_0b783c6c09b9d010.txt"


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("messages") / "store"
    assert main(["build", str(SEED), "--store", str(path), "--quiet"]) == 0
    return str(path)


def error_line(capsys, argv: list[str]) -> str:
    """Run ``kg argv``; it must fail with exactly one line on stderr."""
    capsys.readouterr()
    assert main(argv) != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert "\\u{" not in err[0] and "Traceback" not in err[0]
    return err[0]


def test_an_unknown_prefix_is_named_with_the_prefix_line_to_add(store, capsys):
    line = error_line(capsys, ["query", "SELECT ?x WHERE { ?x dc:title ?n }", "--store", store])
    assert line == (
        "error: unknown prefix dc: (in dc:title); declare it first: "
        "PREFIX dc: <http://purl.org/dc/elements/1.1/>"
    )
    line = error_line(capsys, ["query", "SELECT ?x WHERE { ?x a sate:x }", "--store", store])
    assert line.startswith("error: unknown prefix sate: (in sate:x); did you mean state:?")


def test_a_missing_brace_is_one_readable_line(store, capsys):
    line = error_line(capsys, ["query", "SELECT ?x WHERE { ?x ?p ?o ", "--store", store])
    assert line == (
        'error: syntax error at the end of the query (line 1, column 28): expected one of ",", '
        '".", ";", "{", "{|", "}", "~"; a closing } is missing'
    )
    line = error_line(capsys, ["query", "SELECT ?x { ?x ?p ?o } GROUP BY", "--store", store])
    assert line.startswith("error: syntax error at the end of the query (line 1, column 32)")
    assert "a name" in line


def test_an_update_is_refused_as_one(store, capsys):
    line = error_line(capsys, ["query", "INSERT DATA { <a:b> <a:c> <a:d> }", "--store", store])
    assert line == (
        "error: INSERT is a SPARQL Update: the endpoint and `kg query` are read-only; "
        "they answer SELECT, ASK, CONSTRUCT and DESCRIBE"
    )
    delete = "PREFIX ex: <http://e/>\nDELETE WHERE { ?s ?p ?o }"
    line = error_line(capsys, ["query", delete, "--store", store])
    assert "DELETE is a SPARQL Update" in line


def test_a_misspelt_shipped_query_lists_the_names(store, capsys):
    line = error_line(capsys, ["query", "stances_on_regulaton", "--store", store])
    assert line.startswith(
        "error: unknown shipped query 'stances_on_regulaton'; did you mean stances_on_regulation? "
        "Known: about_entity, "
    )
    assert "state_positions_over_time" in line


def test_an_output_name_that_contradicts_the_format_is_refused(store, capsys, tmp_path):
    svg = tmp_path / "x.svg"
    line = error_line(capsys, ["viz", "--store", store, "--png", "-o", str(svg)])
    assert (
        line
        == f"error: {svg}: the name says svg but --png is png; name it {tmp_path / 'x.png'} or drop --png"
    )
    foo = tmp_path / "g.foo"
    line = error_line(capsys, ["export", "--store", store, "-o", str(foo)])
    assert line.startswith(
        f"error: {foo}: kg does not know the extension .foo; name the file .ttl,"
    )
    nt = tmp_path / "g.nt"
    line = error_line(capsys, ["export", "--store", store, "--format", "turtle", "-o", str(nt)])
    assert "the name says ntriples but --format is turtle" in line
    assert not svg.exists() and not foo.exists() and not nt.exists()
    assert main(["export", "--store", store, "-o", str(tmp_path / "g.nq")]) == 0  # names that fit


def test_an_unknown_predicate_or_term_in_a_filter_is_named(store, capsys, tmp_path):
    page = tmp_path / "n.html"
    line = error_line(capsys, ["viz", "--store", store, "--predicate", "support", "-o", str(page)])
    assert line.startswith("error: unknown predicate 'support'; did you mean supports? Known: ")
    assert not page.exists()
    line = error_line(capsys, ["network", "stats", "--store", store, "-p", "kg:oposes"])
    assert "did you mean opposes?" in line
    line = error_line(
        capsys, ["query", "most_mentioned", "--param", "type=kg:Agencyy", "--store", store]
    )
    assert line.startswith(
        "error: --param type: unknown term 'kg:Agencyy'; did you mean kg:Agency?"
    )


def test_an_impossible_date_is_called_impossible(store, capsys):
    line = error_line(capsys, ["network", "stats", "--store", store, "--from", "2025-13-01"])
    assert line == "error: --from 2025-13-01 is an impossible date: there is no month 13"
    line = error_line(capsys, ["viz", "--store", store, "--to", "2024-02-30"])
    assert line == "error: --to 2024-02-30 is an impossible date: February 2024 has 29 days"
    line = error_line(capsys, ["matrix", "--store", store, "--from", "2025-04-31"])
    assert line == "error: --from 2025-04-31 is an impossible date: April 2025 has 30 days"
    line = error_line(capsys, ["network", "stats", "--store", store, "--from", "13-01-2025"])
    assert line == "error: --from '13-01-2025': write the date as YYYY-MM-DD, e.g. 2025-10-13"


def test_the_endpoint_can_word_errors_the_same_way():
    # The endpoint declares no prefixes; it passes Oxigraph's error through this function.
    import pyoxigraph as ox

    from kg.messages import syntax_message

    query = "SELECT ?s WHERE { ?s skos:prefLabel ?l "
    with pytest.raises(SyntaxError) as raised:
        ox.Store().query(query)
    assert syntax_message(query, raised.value).startswith(
        "unknown prefix skos: (in skos:prefLabel)"
    )
    query = "SELECT ?s WHERE { ?s ?p ?o } ORDER BY"
    with pytest.raises(SyntaxError) as raised:
        ox.Store().query(query)
    message = syntax_message(query, raised.value)
    assert "\\u{" not in str(raised.value) or "\\u{" not in message
    assert message.startswith("syntax error at the end of the query (line 1, column 38)")
