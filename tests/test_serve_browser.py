"""The query page in headless Chromium (Debian's): type a query, run it, see the rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CHROMIUM_ARGS as ARGS
from conftest import chromium_path
from serve_fixtures import write_store

from kg.serve.endpoint import EndpointSettings, start_in_thread

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
        assert "Which states does the graph know?" in page.inner_text("#description")
        assert page.get_attribute("#param-state", "title") == "one state; unbound: all"
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


def test_query_page_on_the_example_graph(browser, tmp_path: Path, artifacts_dir: Path) -> None:
    """Prefixed names that open an entity view, parameter fields, downloads, a shareable URL,
    Ctrl+Enter, highlighting, and a description that follows the text; nothing fetched elsewhere."""
    import json

    from graph_fixtures import example_store_dir

    server = start_in_thread(example_store_dir(), EndpointSettings(port=0, quiet=True, workers=1))
    context = browser.new_context(accept_downloads=True, viewport={"width": 1500, "height": 950})
    page = context.new_page()
    outside: list[str] = []

    def guard(route) -> None:  # every request that is not to the page's own server is refused
        if route.request.url.startswith(server.url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(server.url)
        page.wait_for_selector("body[data-ready=true]")
        assert page.locator("#highlight .tok-kw").count() > 3  # SELECT, WHERE ... coloured
        assert page.locator("#highlight .tok-var").count() > 3
        # a shipped query with a parameter field, run with Ctrl+Enter
        page.select_option("#shipped", "stances_on_regulation")
        assert "Stances of every state on a regulation" in page.inner_text("#description")
        page.fill("#param-regulation", "Terugkeerverordening")
        page.focus("#query")
        page.keyboard.press("Control+Enter")
        page.wait_for_selector("#result-table tbody tr")
        cells = page.locator("#result-table tbody tr td:first-child").all_inner_texts()
        assert cells and set(cells) == {"regulation:terugkeerverordening"}
        assert "state:nederland" in page.inner_text("#result-table")
        shared = page.url
        assert (
            "shipped=stances_on_regulation" in shared
            and "p.regulation=Terugkeerverordening" in shared
        )
        # downloads: JSON as answered, CSV from the endpoint
        with page.expect_download() as got:
            page.click("#download-json")
        data = json.loads(Path(got.value.path()).read_text(encoding="utf-8"))
        assert len(data["results"]["bindings"]) == len(cells)
        with page.expect_download() as got:
            page.click("#download-csv")
        assert got.value.suggested_filename == "stances_on_regulation.csv"
        csv_text = Path(got.value.path()).read_text(encoding="utf-8")
        assert csv_text.startswith("regulation,") and csv_text.count("\n") == len(cells) + 1
        # a prefixed name opens the entity view: label, type, links, statements, documents
        page.locator("#result-table a.iri", has_text="state:nederland").first.click()
        page.wait_for_selector("#entity-statements li")
        view = page.inner_text("#entity")
        assert "Nederland" in view and "State" in view and "wikidata.org/entity/Q55" in view
        assert "supports" in view and "Terugkeerverordening" in view
        assert page.locator("#entity-documents li").count() >= 5
        page.screenshot(path=str(artifacts_dir / "query-page-entity.png"))
        # the entity view links on: a target opens its own view
        page.locator("#entity-statements a.iri", has_text="Terugkeerverordening").first.click()
        expect(page.locator("#entity h2")).to_have_text("Terugkeerverordening")
        # the description follows the text: edited away, it goes
        page.fill("#query", "SELECT ?d WHERE { ?d a kg:SourceDocument } LIMIT 2")
        page.dispatch_event("#query", "input")
        assert page.inner_text("#description") == "" and page.input_value("#shipped") == ""
        assert page.locator("#params input").count() == 0
        # the URL shares the query: a fresh page runs it with the same rows
        other = context.new_page()
        other.goto(shared)
        other.wait_for_selector("#result-table tbody tr")
        expect(other.locator("#result-table tbody tr")).to_have_count(len(cells))
        assert other.input_value("#param-regulation") == "Terugkeerverordening"
        other.close()
        assert outside == [], outside
        assert not errors, errors
    finally:
        context.close()
        server.close()
