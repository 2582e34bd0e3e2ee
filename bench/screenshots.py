"""Screenshots of the answer pages for the README, taken with Debian's headless Chromium.

Builds the example letters into a temporary store, writes the report pages
(Nederland, the Terugkeerverordening), the matrix page and picture and the
network page, serves the store for the query page, and saves PNGs under
docs/images/. Run: ``make screenshots`` (= ``.venv/bin/python -m bench.screenshots``).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "docs" / "images"


def _pages(store_dir: Path, work: Path) -> dict[str, Path]:
    """The offline pages to photograph, written into ``work``."""
    from kg.answers.matrix import build_matrix
    from kg.answers.matrix_render import render_matrix
    from kg.answers.report import build_report, render_report
    from kg.graph.store import KnowledgeGraph
    from kg.viz.html import write_html
    from kg.viz.network import NetworkFilter, build_network, from_store

    pages = {}
    with KnowledgeGraph(store_dir, read_only=True) as kg:
        for name, entity in (
            ("report-nederland", "Nederland"),
            ("report-terugkeerverordening", "Terugkeerverordening"),
        ):
            pages[name] = work / f"{name}.html"
            pages[name].write_text(
                render_report(build_report(kg, entity), "html"), encoding="utf-8"
            )
        matrix = build_matrix(kg, holders=None)
        pages["matrix"] = work / "matrix.html"
        pages["matrix"].write_text(render_matrix(matrix, "html"), encoding="utf-8")
        (OUT / "matrix-picture.png").write_bytes(render_matrix(matrix, "png"))  # type: ignore[arg-type]
        graph = build_network(from_store(kg), NetworkFilter())
    pages["network"] = write_html(
        graph, work / "network.html", title="Example letters: entity network"
    )
    return pages


def main() -> int:
    sys.path.insert(0, str(REPO))
    from playwright.sync_api import sync_playwright

    from kg.graph.build import build
    from kg.graph.store import KnowledgeGraph
    from kg.serve.endpoint import EndpointSettings, start_in_thread
    from tests.conftest import CHROMIUM_ARGS, chromium_path

    exe = chromium_path()
    if exe is None:
        print("chromium is not installed (make system-deps)", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="kg-shots-"))
    try:
        store_dir = work / "store"
        with KnowledgeGraph(store_dir) as kg:
            build([REPO / "examples" / "letters"], kg)
        pages = _pages(store_dir, work)
        server = start_in_thread(store_dir, EndpointSettings(port=0, quiet=True, workers=1))
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1280, "height": 860})
                for name in ("report-nederland", "report-terugkeerverordening", "matrix"):
                    page.goto(pages[name].as_uri())
                    page.screenshot(path=str(OUT / f"{name}.png"))
                page.goto(pages["network"].as_uri())
                page.wait_for_function("window.kgNetwork && window.kgNetwork.ready")
                page.check("#stances-only")
                page.fill("#date-from", "2025-01-01")
                page.dispatch_event("#date-from", "change")
                page.evaluate("kgNetwork.select(kgNetwork.find('Nederland'))")
                page.screenshot(path=str(OUT / "network-filters.png"))
                page.goto(
                    server.url + "#shipped=stances_on_regulation&p.regulation=Terugkeerverordening"
                )
                page.wait_for_selector("#result-table tbody tr")
                page.locator("#result-table a.iri", has_text="state:nederland").first.click()
                page.wait_for_selector("#entity-statements li")
                page.screenshot(path=str(OUT / "query-page.png"))
                browser.close()
        finally:
            server.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for path in sorted(OUT.glob("*.png")):
        print(f"{path.relative_to(REPO)}  {path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
