"""The documentation holds: its examples run, its links resolve, every command has a page.

The examples follow the convention in tests/docs_examples.py (and CONTRIBUTING.md):
``console`` and ``python`` blocks run against a store built from examples/letters in a
temporary folder, with the output each page shows compared to the real one.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from docs_examples import (
    DOCS,
    ROOT,
    RUN,
    SHELL_LIKE,
    Block,
    fenced_blocks,
    pages,
    prepare_workdir,
    run_page,
)
from markdown.extensions.toc import slugify

sys.path.insert(0, str(DOCS))
from _build_tools.cli_options import MARKER, command_paths  # noqa: E402

PAGES = pages()
PAGE_IDS = [str(p.relative_to(ROOT)) for p in PAGES]


def _blocks(page: Path) -> list[Block]:
    return fenced_blocks(str(page.relative_to(ROOT)), page.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def example_store(tmp_path_factory) -> Path:
    """A store built from examples/letters, copied into each page's working folder."""
    from kg.graph.build import build_store

    folder = tmp_path_factory.mktemp("docs-store") / "kg-store"
    report = build_store([ROOT / "examples" / "letters"], folder)
    assert report.problem is None and len(report.added) == 16
    return folder


# --- the examples -----------------------------------------------------------------------


def test_every_command_example_is_either_run_or_marked_as_shown():
    """A ``kg`` line in a bash/sh/unlabelled block is neither run nor marked: choose."""
    loose = [
        block.where
        for page in PAGES
        for block in _blocks(page)
        if block.lang in SHELL_LIKE
        and any(re.match(r"(\$ )?kg\b", line.strip()) for line in block.body.splitlines())
    ]
    assert not loose, f"write these as ```console (run) or ```text (shown only): {loose}"


RUNNABLE = [p for p in PAGES if any(b.lang in RUN for b in _blocks(p))]


@pytest.mark.slow
@pytest.mark.parametrize("page", RUNNABLE, ids=[str(p.relative_to(ROOT)) for p in RUNNABLE])
def test_page_examples_run(page: Path, example_store: Path, tmp_path: Path):
    ran = run_page(_blocks(page), prepare_workdir(tmp_path / "work", example_store))
    assert ran > 0


def test_a_broken_example_fails(tmp_path: Path):
    """The runner is no rubber stamp: wrong output, a failing command, a failing python block."""
    work = prepare_workdir(tmp_path / "work", None)
    good = fenced_blocks("ok.md", "```console\n$ kg info\nkg ...\n...\n```\n")
    assert run_page(good, work) == 1
    for text in (
        "```console\n$ kg info\nkg 99.0\n```\n",  # output differs
        "```console\n$ kg no-such-command\n```\n",  # exits non-zero
        "```console\n$ kg info  # exits 1\n```\n",  # exits 0, the page says 1
        "```python\nassert 1 + 1 == 3\n```\n",
    ):
        with pytest.raises(AssertionError, match=r"broken\.md:1"):
            run_page(fenced_blocks("broken.md", text), work)


# --- the commands ------------------------------------------------------------------------


def test_every_command_has_a_page_with_its_options_and_an_example():
    for path in command_paths():
        page = DOCS / "commands" / f"{path[0]}.md"
        assert page.exists(), f"kg {path[0]} has no page docs/commands/{path[0]}.md"
        text = page.read_text(encoding="utf-8")
        marks = [m.group("path").split() for m in MARKER.finditer(text)]
        assert path in marks, f"{page.name}: no <!-- kg-options: {' '.join(path)} --> line"
        assert any(
            b.lang == "console" and f"$ kg {' '.join(path)}" in b.body for b in _blocks(page)
        ), f"{page.name}: no console example running kg {' '.join(path)}"


# --- links -------------------------------------------------------------------------------

_LINK = re.compile(r"!?\[(?:[^\]\[]|\[[^\]]*\])*\]\((?P<target>[^)\s]+)(?:\s+\"[^\"]*\")?\)")
_HEADING = re.compile(r"^(#{1,6})\s+(?P<title>.+?)\s*#*\s*$")
_CODE = re.compile(r"`[^`\n]*`")


def _prose(text: str, keep_code: bool = False) -> str:
    """The text without fenced blocks and (unless kept) inline code: links there are examples."""
    lines, inside = [], False
    for line in text.splitlines():
        if re.match(r"^\s*(```|~~~)", line):
            inside = not inside
            continue
        lines.append("" if inside else line if keep_code else _CODE.sub("", line))
    return "\n".join(lines)


def anchors(page: Path) -> set[str]:
    """The anchors of a page's headings as MkDocs (Python-Markdown's toc) makes them."""
    found: set[str] = set()
    for line in _prose(page.read_text(encoding="utf-8"), keep_code=True).splitlines():
        heading = _HEADING.match(line)
        if heading:
            title = re.sub(r"[*_`]", "", heading.group("title"))
            slug, n = slugify(title, "-"), 1
            while slug in found:  # toc numbers repeated headings
                slug = f"{slugify(title, '-')}_{n}"
                n += 1
            found.add(slug)
    return found


def broken_links(page: Path) -> list[str]:
    """The relative links and anchors of a Markdown page that lead nowhere."""
    broken = []
    for match in _LINK.finditer(_prose(page.read_text(encoding="utf-8"))):
        target = match.group("target")
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # http:, https:, mailto: ...
            continue
        path, _, anchor = target.partition("#")
        resolved = (page.parent / path).resolve() if path else page
        if not resolved.exists():
            broken.append(f"{target}: no such file")
        elif anchor and resolved.suffix == ".md" and anchor not in anchors(resolved):
            broken.append(f"{target}: no heading #{anchor} in {resolved.name}")
    return broken


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_relative_links_and_anchors_resolve(page: Path):
    broken = broken_links(page)
    assert not broken, f"{page.relative_to(ROOT)}: " + "; ".join(broken)


def test_link_checker_catches_a_broken_link_and_anchor(tmp_path: Path):
    page = tmp_path / "p.md"
    (tmp_path / "other.md").write_text("# Other\n\n## Here\n")
    page.write_text(
        "# Title\n\n[ok](other.md#here) [ok](#title) [web](https://example.org/x)\n"
        "[gone](missing.md) [no anchor](other.md#there) ![picture](img/none.png)\n"
        "`[in code](nowhere.md)`\n"
    )
    assert broken_links(page) == [
        "missing.md: no such file",
        "other.md#there: no heading #there in other.md",
        "img/none.png: no such file",
    ]


def test_anchors_are_made_as_mkdocs_makes_them(tmp_path: Path):
    page = tmp_path / "p.md"
    page.write_text("# Title\n\n## The graph model\n\n## `kg push`: a server\n")
    assert anchors(page) == {"title", "the-graph-model", "kg-push-a-server"}


def test_readme_is_short():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").count("\n")
    assert lines <= 260, f"README.md has {lines} lines; the manual lives in docs/"
