"""A page on another site tries the local endpoint in a real browser (Debian's headless Chromium).

The endpoint listens on http://127.0.0.1:P; the "other site" is a plain file
server reached as http://localhost:Q, so the browser treats it as another
site and sends its own Origin and Sec-Fetch-Site headers, as it would for
any web page the user visits.
"""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import CHROMIUM_ARGS, chromium_path
from serve_fixtures import KG, write_store

from kg.serve.endpoint import EndpointSettings, start_in_thread

pytestmark = [pytest.mark.browser, pytest.mark.slow]

sync_api = pytest.importorskip("playwright.sync_api")

QUERY = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s a <{KG}State> }}"

EVIL_PAGE = """<!doctype html><html><body>
<form id="f" method="POST" action="{endpoint}"><input name="query" value="{query}"></form>
<script>
  fetch("{endpoint}?query=" + encodeURIComponent("{query}"), {{mode: "no-cors"}})
    .finally(() => document.getElementById("f").submit());
</script></body></html>"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture
def other_site(tmp_path: Path):
    site = tmp_path / "site"
    site.mkdir()
    handler = functools.partial(_Quiet, directory=str(site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield site, f"http://localhost:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


def test_a_page_of_another_site_cannot_make_the_browser_query_the_endpoint(
    tmp_path: Path, other_site
) -> None:
    exe = chromium_path()
    if exe is None:
        pytest.skip("chromium is not installed (make system-deps)")
    site, site_url = other_site
    server = start_in_thread(
        write_store(tmp_path / "store"), EndpointSettings(port=0, quiet=True, workers=1)
    )
    endpoint = server.url + "sparql"
    (site / "index.html").write_text(
        EVIL_PAGE.format(endpoint=endpoint, query=QUERY.replace('"', "&quot;")), encoding="utf-8"
    )
    answers: dict[str, int] = {}
    try:
        with sync_api.sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS, headless=True)
            page = browser.new_page()
            page.on(
                "response",
                lambda r: (
                    answers.setdefault(r.request.method, r.status)
                    if r.url.startswith(endpoint)
                    else None
                ),
            )
            with page.expect_navigation(url=endpoint + "*"):
                page.goto(site_url)
            page.wait_for_load_state()
            body = page.inner_text("body")
            browser.close()
    finally:
        server.close()
    assert answers == {"GET": 403, "POST": 403}
    assert "cross-origin request from http://localhost:" in body
    assert "refused" in body
