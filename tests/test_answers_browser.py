"""The report and matrix pages in headless Chromium, with every outgoing request blocked.

Both pages are single offline files: the test aborts and records any request
that is not the file itself, follows the timeline's and the matrix's links to
the evidence, and keeps screenshots in tests/artifacts/.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import CHROMIUM_ARGS, chromium_path
from graph_fixtures import example_store_dir

from kg.answers.matrix import build_matrix
from kg.answers.matrix_render import render_matrix
from kg.answers.report import build_report, render_report
from kg.answers.sample import sample_store
from kg.graph.store import KnowledgeGraph

pytestmark = [pytest.mark.browser, pytest.mark.slow]
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    path = chromium_path()
    if path is None:
        pytest.skip("chromium is not installed (make system-deps)")
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _open(browser, path: Path, blocked: list[str], errors: list[str]):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    own = path.as_uri()

    def guard(route) -> None:
        if route.request.url.split("#")[0] == own:
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(own)
    return page


def test_report_page_timeline_links_to_the_evidence(browser, tmp_path, artifacts_dir):
    with KnowledgeGraph(example_store_dir(), read_only=True) as kg:
        html = render_report(build_report(kg, "Nederland"), "html")
    path = tmp_path / "nederland.html"
    path.write_text(html, encoding="utf-8")
    blocked: list[str] = []
    errors: list[str] = []
    page = _open(browser, path, blocked, errors)
    assert page.locator("svg.timeline").count() == 1
    dots = page.locator("svg.timeline circle")
    assert dots.count() >= 4
    box = page.locator("svg.timeline").bounding_box()
    assert box and box["width"] > 600 and box["height"] > 80
    assert page.locator(".stance").count() >= 15
    # a dot is a link to its stance
    page.locator("svg.timeline a").first.click()
    assert "#h-" in page.url
    target = page.url.split("#")[1]
    assert page.locator(f"#{target}").is_visible()
    assert page.evaluate("document.querySelector(':target').id") == target
    page.screenshot(path=str(artifacts_dir / "report-nederland.png"))
    assert blocked == [] and not errors, (blocked, errors)


def test_report_page_with_issue_and_official_link(browser, tmp_path):
    html = render_report(build_report(sample_store(), "Terugkeerverordening"), "html")
    path = tmp_path / "terugkeer.html"
    path.write_text(html, encoding="utf-8")
    blocked: list[str] = []
    errors: list[str] = []
    page = _open(browser, path, blocked, errors)
    text = page.inner_text("main")
    assert "Duitsland" in text and "on “de uitvoerbaarheid van de Terugkeerverordening”" in text
    link = page.locator("a", has_text="Verslag JBZ-Raad 10 oktober 2024").first
    assert link.get_attribute("href").startswith("https://zoek.officielebekendmakingen.nl/")
    assert blocked == [] and not errors, (blocked, errors)


def test_matrix_page_cells_open_their_evidence(browser, tmp_path, artifacts_dir):
    with KnowledgeGraph(example_store_dir(), read_only=True) as kg:
        html = render_matrix(build_matrix(kg, holders=None), "html")
    path = tmp_path / "matrix.html"
    path.write_text(html, encoding="utf-8")
    blocked: list[str] = []
    errors: list[str] = []
    page = _open(browser, path, blocked, errors)
    cells = page.locator("table.matrix td[data-category]")
    assert cells.count() >= 20
    assert page.locator("table.matrix td[data-category=support]").count() >= 10
    cell = (
        page.locator("table.matrix tr", has_text="Nederland").locator("td[data-category] a").first
    )
    cell.click()
    target = page.url.split("#")[1]
    section = page.locator(f"#{target}")
    assert section.is_visible() and "Nederland" in section.inner_text()
    assert section.locator("blockquote").count() >= 1
    page.screenshot(path=str(artifacts_dir / "matrix.png"))
    assert blocked == [] and not errors, (blocked, errors)
