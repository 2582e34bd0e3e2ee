"""The network page in headless Chromium (Debian's chromium, never a downloaded one).

Counts nodes drawn, records every request the page makes, clicks a node and
reads its evidence, and times a 2,000-node page. Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_network import seed_extraction, toy_extractions

from kg.viz.html import write_html
from kg.viz.network import build_network, compute_metrics, from_extractions, synthetic_input

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser(chromium) -> object:
    """The shared headless chromium of tests/conftest.py."""
    return chromium


def _open(browser, html: Path, requests: list[str], errors: list[str]):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(html.as_uri())
    page.wait_for_function("window.kgNetwork && window.kgNetwork.ready", timeout=10_000)
    return page


@pytest.fixture(scope="module")
def seed_page_file(tmp_path_factory) -> tuple[Path, object]:
    graph = build_network(from_extractions([seed_extraction()]))
    compute_metrics(graph)
    path = tmp_path_factory.mktemp("viz") / "seed.html"
    write_html(graph, path, title="Seed letter: entity network")
    return path, graph


def test_page_draws_every_node_and_requests_nothing(browser, seed_page_file, artifacts_dir):
    path, graph = seed_page_file
    requests: list[str] = []
    errors: list[str] = []
    page = _open(browser, path, requests, errors)
    assert page.evaluate("kgNetwork.nodeCount()") == graph.number_of_nodes()
    assert page.evaluate("kgNetwork.drawnNodeCount()") == graph.number_of_nodes()
    assert page.evaluate("kgNetwork.edgeCount()") == graph.number_of_edges()
    assert page.get_attribute("body", "data-node-count") == str(graph.number_of_nodes())
    # the canvas really has ink on it, not just a counter
    ink = page.evaluate(
        """() => { const c = document.getElementById('canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; }"""
    )
    assert ink > 20_000
    page.screenshot(path=str(artifacts_dir / "seed-network-page.png"))
    # type toggles hide a type's nodes
    states = sum(1 for _, t in graph.nodes(data="type") if t == "State")
    page.click("#types input[data-type='0']")
    assert page.evaluate("kgNetwork.redraw()") == graph.number_of_nodes() - states
    page.click("#types input[data-type='0']")
    assert page.evaluate("kgNetwork.redraw()") == graph.number_of_nodes()
    assert requests == [path.as_uri()], requests
    assert not errors, errors
    page.close()


def test_click_on_a_node_shows_its_evidence(browser, seed_page_file, artifacts_dir):
    path, _ = seed_page_file
    requests: list[str] = []
    errors: list[str] = []
    page = _open(browser, path, requests, errors)
    index = page.evaluate("kgNetwork.find('Nederland')")
    x, y = page.evaluate(f"kgNetwork.screenPosition({index})")
    page.mouse.move(x, y)
    assert "Nederland" in page.inner_text("#tooltip") and "State" in page.inner_text("#tooltip")
    page.mouse.click(x, y)
    assert page.inner_text("#detail-title") == "Nederland"
    evidence = page.locator("#details .evidence")
    assert evidence.count() >= 20
    first = evidence.first.inner_text()
    assert "Nederland" in first or "kabinet" in first.lower() or "Nederlandse" in first
    assert "Geannoteerde agenda" in first  # the document it came from
    page.screenshot(path=str(artifacts_dir / "seed-network-page-selected.png"))
    # search box: typing a name and pressing Enter selects it
    page.fill("#search", "frontex")
    page.press("#search", "Enter")
    assert page.inner_text("#detail-title") == "Frontex"
    page.click("#title")  # focus leaves the search box; Escape clears the selection
    page.keyboard.press("Escape")
    assert page.locator("#detail-title").count() == 0
    assert requests == [path.as_uri()], requests
    assert not errors, errors
    page.close()


def test_click_on_an_edge_shows_its_sentence(browser, tmp_path):
    graph = build_network(from_extractions(toy_extractions()))
    path = write_html(graph, tmp_path / "toy.html")
    requests: list[str] = []
    page = _open(browser, path, requests, [])
    a = page.evaluate("kgNetwork.find('Polen')")
    b = page.evaluate("kgNetwork.find('Terugkeerverordening')")
    (x1, y1), (x2, y2) = (page.evaluate(f"kgNetwork.screenPosition({i})") for i in (a, b))
    page.mouse.click((x1 + x2) / 2, (y1 + y2) / 2)
    assert page.inner_text("#detail-title") == "opposes"
    assert "Polen is tegen de Terugkeerverordening." in page.inner_text("#details")
    assert "Brief december" in page.inner_text("#details")
    assert requests == [path.as_uri()]
    page.close()


@pytest.mark.slow
def test_two_thousand_nodes_are_all_drawn_offline(browser, tmp_path, artifacts_dir):
    # how fast is measured by bench/viz_render.py (bound 3 s), not by a timed test
    graph = build_network(synthetic_input(2000))
    path = write_html(graph, tmp_path / "big.html", title="Synthetic 2,000-node network")
    requests: list[str] = []
    page = _open(browser, path, requests, [])
    assert page.evaluate("kgNetwork.drawnNodeCount()") == 2000
    assert page.evaluate("kgNetwork.firstDrawMs") > 0
    page.screenshot(path=str(artifacts_dir / "synthetic-2000-page.png"))
    assert requests == [path.as_uri()]
    page.close()


@pytest.mark.slow
def test_example_graph_from_the_real_pipeline(browser, tmp_path, artifacts_dir):
    """The seed letter through kg.graph.build (ingest, spaCy extraction, RDF, store) to the page."""
    pytest.importorskip("kg.nlp.extract")
    from kg.graph.build import build
    from kg.graph.store import KnowledgeGraph
    from kg.viz.network import from_store

    seed = Path(__file__).parent / "data" / "corpus" / "000_0b783c6c09b9d010.txt"
    with KnowledgeGraph() as kg:
        report = build([seed], kg)
        assert not report.failed, report.failed
        graph = build_network(from_store(kg))
    compute_metrics(graph)
    assert graph.number_of_nodes() > 20
    path = write_html(graph, tmp_path / "seed-real.html", title="Seed letter (kg build)")
    requests: list[str] = []
    errors: list[str] = []
    page = _open(browser, path, requests, errors)
    assert page.evaluate("kgNetwork.drawnNodeCount()") == graph.number_of_nodes()
    index = page.evaluate("kgNetwork.find('Nederland')")
    assert index >= 0
    x, y = page.evaluate(f"kgNetwork.screenPosition({index})")
    page.mouse.click(x, y)
    assert page.inner_text("#detail-title") == "Nederland"
    assert page.locator("#details .evidence").count() >= 5
    page.screenshot(path=str(artifacts_dir / "seed-real-network-page.png"))
    assert requests == [path.as_uri()], requests
    assert not errors, errors
    page.close()


def test_stances_only_and_date_range_filters(browser, tmp_path, artifacts_dir):
    """The page's own filters: stance edges only, then a date range; letters named by title."""
    from kg.answers.sample import sample_extractions

    graph = build_network(from_extractions([*toy_extractions(), *sample_extractions()]))
    path = write_html(graph, tmp_path / "filters.html", title="Filters")
    requests: list[str] = []
    errors: list[str] = []
    page = _open(browser, path, requests, errors)
    labels = page.evaluate("kgNetwork.visibleLabels()")
    assert "Brief december (2025-12-01)" in labels  # a letter by its title and date
    assert "reportsOn" in page.evaluate("kgNetwork.visiblePredicates()")
    page.check("#stances-only")
    predicates = set(page.evaluate("kgNetwork.visiblePredicates()"))
    assert predicates == {"supports", "opposes", "concernedAbout", "requested"}
    assert "Brief december (2025-12-01)" not in page.evaluate("kgNetwork.visibleLabels()")
    assert "of" in page.inner_text("#counts")
    page.fill("#date-from", "2025-12-05")
    page.dispatch_event("#date-from", "change")
    page.fill("#date-to", "2025-12-31")
    page.dispatch_event("#date-to", "change")
    shown = set(page.evaluate("kgNetwork.visibleLabels()"))
    assert {"Polen", "Terugkeerverordening"} <= shown  # Ecofin of 9 December
    assert "Eurojust" not in shown and "Hongarije" not in shown
    assert page.evaluate("kgNetwork.drawnNodeCount()") == len(shown)
    page.screenshot(path=str(artifacts_dir / "network-filters.png"))
    # the evidence panel shows the issue phrase, once per sentence
    page.fill("#date-from", "")
    page.dispatch_event("#date-from", "change")
    page.fill("#date-to", "")
    page.dispatch_event("#date-to", "change")
    page.evaluate("kgNetwork.select(kgNetwork.find('Duitsland'))")
    details = page.inner_text("#details")
    assert "issue: de versterking van Frontex" in details
    assert details.count("Duitsland en Nederland steunden de versterking van Frontex.") == 1
    assert not errors, errors
    assert all(u.startswith("file://") for u in requests), requests
