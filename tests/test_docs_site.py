"""The documentation site builds with --strict and loads nothing from outside.

The site is built once per session into a temporary folder (``make docs`` builds the
same into site/). Every page, style sheet and script is scanned for resources fetched
from another host, and two pages are opened in headless Chromium with every request
recorded.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow

#: Things a browser fetches by itself: src/href of scripts, styles, images, icons,
#: CSS url() and @import. Plain links (<a href>) to other sites are fine: a reader clicks.
_FETCHES = [
    re.compile(
        r"<(?:script|img|iframe|source|audio|video|embed)\b[^>]*\bsrc=[\"']?(?P<url>[^\"'\s>]+)",
        re.I,
    ),
    re.compile(r"<link\b[^>]*\bhref=[\"']?(?P<url>[^\"'\s>]+)", re.I),
    re.compile(r"url\(\s*[\"']?(?P<url>[^\"')\s]+)", re.I),
    re.compile(r"@import\s+[\"'](?P<url>[^\"']+)", re.I),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def external_fetches(site: Path) -> list[str]:
    """Every resource a built page or style sheet would fetch from another host."""
    found = []
    for path in site.rglob("*"):
        if path.suffix not in {".html", ".css"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for pattern in _FETCHES:
            for match in pattern.finditer(text):
                url = match.group("url")
                if re.match(r"^(https?:)?//", url):
                    found.append(f"{path.relative_to(site)}: {url}")
    return found


def test_site_builds_strict_with_every_page(site: Path):
    for page in (
        "index.html",
        "tutorial.html",
        "commands/build.html",
        "api/index.html",
        "api/graph.html",
        "graph-model.html",
    ):
        assert (site / page).exists(), page
    # the options tables are generated from the CLI, and the API from the docstrings
    build = (site / "commands" / "build.html").read_text(encoding="utf-8")
    assert "--max-chars" in build and "--scheduler" in build
    api = (site / "api" / "index.html").read_text(encoding="utf-8")
    assert "ingest_path" in api and "&gt;&gt;&gt;" in api and "<blockquote>" not in api
    graph = (site / "api" / "graph.html").read_text(encoding="utf-8")
    assert 'id="kg.graph.build.build_store"' in graph


def test_site_fetches_nothing_from_outside(site: Path):
    assert external_fetches(site) == []


def test_the_scan_sees_a_web_font(tmp_path: Path):
    (tmp_path / "p.html").write_text(
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
    )
    (tmp_path / "s.css").write_text("@font-face { src: url(//cdn.example/f.woff2) }")
    assert len(external_fetches(tmp_path)) == 2


@pytest.mark.browser
@pytest.mark.parametrize("name", ["index.html", "api/index.html"])
def test_pages_request_only_their_own_files(chromium, site: Path, name: str):
    page = chromium.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((site / name).as_uri())
    page.wait_for_load_state("load")
    page.close()
    outside = [url for url in requests if not url.startswith(("file://", "data:", "blob:"))]
    assert requests and outside == []
