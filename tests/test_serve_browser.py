"""The query page in headless Chromium (Debian's): type a query, run it, see the rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CHROMIUM_ARGS as ARGS
from conftest import chromium_path
from serve_fixtures import write_store

from kg.serve import EndpointSettings, start_in_thread

pytestmark = [pytest.mark.browser, pytest.mark.slow]

sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect

QUERY = """PREFIX kg: <https://w3id.org/kg-eu/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?state ?label ?target WHERE {
  ?state a kg:State ; rdfs:label ?label ; kg:supports ?target .
  FILTER(LANG(?label) = "nl")
} ORDER BY ?target"""


@pytest.fixture(scope="module")
def browser():
    exe = chromium_path()
    if exe is None:
        pytest.skip("chromium is not installed (make system-deps)")
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=exe, args=ARGS, headless=True)
        yield chromium
        chromium.close()


def test_type_a_query_run_it_and_see_the_rows(
    browser, tmp_path: Path, artifacts_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    queries = tmp_path / "queries"
    queries.mkdir()
    (queries / "states.rq").write_text(
        "# Which states does the graph know?\n# @param state entity  one state; unbound: all\n"
        "PREFIX kg: <https://w3id.org/kg-eu/ontology#>\n"
        "SELECT DISTINCT ?state WHERE { ?state a kg:State } ORDER BY ?state\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("KG_QUERIES", str(queries))
    server = start_in_thread(
        write_store(tmp_path / "store"), EndpointSettings(port=0, quiet=True, workers=1)
    )
    page = browser.new_page()
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(server.url) else outside.append(r.url))
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        page.goto(server.url)
        # Type a query and run it.
        page.fill("#query", QUERY)
        page.click("#run")
        page.wait_for_selector("#result-table tbody tr")
        headers = page.locator("#result-table th").all_inner_texts()
        assert headers == ["state", "label", "target"]
        rows = page.locator("#result-table tbody tr")
        assert rows.count() == 2
        texts = [r.inner_text() for r in rows.all()]
        assert all("Nederland" in t for t in texts)
        assert any("frontex" in t for t in texts) and any("migratiepact" in t for t in texts)
        assert "2 rows" in page.inner_text("#status")
        page.screenshot(path=str(artifacts_dir / "serve-page.png"), full_page=True)

        # Pick a shipped query and run it.
        page.select_option("#shipped", "states")
        assert "SELECT DISTINCT ?state" in page.input_value("#query")
        assert "?state (one state; unbound: all)" in page.inner_text("#description")
        page.click("#run")
        # (expect() polls without eval, which the page's CSP rightly forbids)
        expect(page.locator("#result-table th")).to_have_count(1)
        expect(page.locator("#result-table tbody tr")).to_have_count(3)

        # A refused query shows its reason, not a table.
        page.fill("#query", "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
        page.click("#run")
        page.wait_for_selector("#status.error")
        assert "403" in page.inner_text("#status")
        assert outside == []  # nothing fetched from anywhere but the endpoint
        assert not [e for e in errors if "403" not in e]
    finally:
        page.close()
        server.close()
