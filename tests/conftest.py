"""Shared fixtures: the bundled test documents and gold files (no ../shared at run time)."""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository, for bench/
from bench.corpus import distinct_copy  # noqa: E402,F401  (for tests: a letter of its own)

#: the serve tests' module fixtures (store_dir, server) live in serve_fixtures.py
pytest_plugins = ["serve_fixtures"]

DATA = Path(__file__).parent / "data"
CORPUS = DATA / "corpus"
GOLD = DATA / "gold"
SEED = CORPUS / "000_0b783c6c09b9d010.txt"
ARTIFACTS = Path(__file__).parent / "artifacts"
#: The parts of the gold set (tests/data/split.json): "original" is the development set of
#: 16 letters most tests build on; "blind" is never used to tune (nor printed by a test).
SPLIT = json.loads((DATA / "split.json").read_text(encoding="utf-8"))
ORIGINAL_FILES = [CORPUS / name for name in SPLIT["original"]]


@pytest.fixture(scope="session")
def corpus_files() -> list[Path]:
    return sorted(ORIGINAL_FILES)


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


#: How the browser tests start Debian's chromium: headless, and with the
#: background services off (this machine's closed network refuses them).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def chromium_path() -> str | None:
    """Debian's chromium, required in CI (CI=true) and skipped elsewhere when absent."""
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI"):
        pytest.fail("chromium is not installed; .ci/run installs it with `make system-deps`")
    return None


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    """Headless Debian chromium through Playwright, one per test module; skipped when absent."""
    path = chromium_path()
    if path is None:
        pytest.skip("chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
