"""The fenced examples of README.md, CONTRIBUTING.md and docs/, and how the tests run them.

The convention (CONTRIBUTING.md, "Documentation"):

* ```` ```console ```` blocks run. A line starting with ``$ `` is a shell command,
  run with bash in the page's working folder; the lines after it, up to the next
  ``$ ``, are its output as the page shows it. The output must match: a line
  ``...`` stands for any number of lines, ``...`` inside a line for any text,
  trailing spaces and blank lines before and after the output do not count. A command shown without output must exit 0; one
  that should fail ends with ``# exits N``.
* ```` ```python ```` blocks run, in page order, in one namespace per page and in
  the same working folder; they check themselves with ``assert``.
* Everything else is shown, not run: ```` ```text ```` for what cannot run in a test
  (a server that runs until stopped, a remote cluster), ``turtle``, ``sparql``,
  ``json``. A ``bash``/``sh`` or unlabelled block holding ``kg`` commands is an
  error, so every command example is either run or marked as shown only.

The working folder of a page holds ``examples/``, ``queries/``, ``ontology/``, ``bench/``
and ``tests/data/`` of the repository (linked, read-only by convention), an empty
``out/``, and ``kg-store``: a store built from ``examples/letters``.

>>> blocks = fenced_blocks("t.md", "Text\\n```console\\n$ kg info\\nkg ...\\n```\\n")
>>> [(b.lang, b.line, b.body) for b in blocks]
[('console', 2, '$ kg info\\nkg ...')]
>>> output_matches(["kg ...", "..."], "kg 0.1.0\\nontology: /x\\n")
True
>>> output_matches(["kg 9.9"], "kg 0.1.0\\n")
False
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
RUN = {"console", "python"}
SHELL_LIKE = {"", "bash", "sh", "shell", "zsh"}
_FENCE = re.compile(r"^(?P<indent> *)(?P<fence>```+|~~~+)\s*(?P<info>[^\n`]*)$")
_EXIT = re.compile(r"#\s*exits?\s+(\d+)\s*$")


@dataclass(frozen=True)
class Block:
    """One fenced block: its page, the line of its opening fence, language and text."""

    page: str
    line: int
    lang: str
    body: str

    @property
    def where(self) -> str:
        return f"{self.page}:{self.line}"


def pages() -> list[Path]:
    """README.md, CONTRIBUTING.md and every Markdown page of the documentation site."""
    found = sorted(p for p in DOCS.rglob("*.md") if "_build_tools" not in p.parts)
    return [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *found]


def fenced_blocks(page: str, text: str) -> list[Block]:
    """The fenced code blocks of a Markdown text, in order."""
    blocks: list[Block] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        start = _FENCE.match(lines[i])
        if not start:
            i += 1
            continue
        fence, indent = start.group("fence"), len(start.group("indent"))
        lang = start.group("info").strip().split(" ")[0].lstrip(".").lower()
        body: list[str] = []
        j = i + 1
        while j < len(lines) and not lines[j].strip().startswith(fence):
            body.append(lines[j][indent:] if lines[j][:indent].isspace() else lines[j])
            j += 1
        blocks.append(Block(page, i + 1, lang, "\n".join(body)))
        i = j + 1
    return blocks


def _line_pattern(expected: str) -> re.Pattern[str]:
    parts = [re.escape(part) for part in expected.rstrip().split("...")]
    return re.compile(".*".join(parts) + r"\Z")


def output_matches(expected: list[str], actual: str) -> bool:
    """Whether ``actual`` is the output ``expected`` shows (with ``...`` wildcards)."""
    got = [line.rstrip() for line in actual.splitlines()]
    while got and not got[0]:  # blank lines around the output do not count
        got.pop(0)
    while got and not got[-1]:
        got.pop()

    def match(e: int, a: int) -> bool:
        if e == len(expected):
            return a == len(got)
        if expected[e].strip() == "...":
            return any(match(e + 1, k) for k in range(a, len(got) + 1))
        return (
            a < len(got) and bool(_line_pattern(expected[e]).match(got[a])) and match(e + 1, a + 1)
        )

    return match(0, 0)


@dataclass(frozen=True)
class Command:
    """A ``$ `` line of a console block with the output the page shows for it."""

    line: str
    expected: list[str]

    @property
    def exit_code(self) -> int:
        found = _EXIT.search(self.line)
        return int(found.group(1)) if found else 0


def console_commands(block: Block) -> list[Command]:
    """The commands of a console block, each with its shown output."""
    commands: list[Command] = []
    for raw in block.body.splitlines():
        if raw.startswith("$ "):
            commands.append(Command(raw[2:], []))
        elif commands:
            commands[-1].expected.append(raw)
        elif raw.strip():
            raise AssertionError(f"{block.where}: a console block starts with a '$ ' line")
    # A blank line closing a command's output is layout, not output.
    return [Command(c.line, _trim_blank(c.expected)) for c in commands]


def _trim_blank(lines: list[str]) -> list[str]:
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return lines


def shell_env() -> dict[str, str]:
    """The environment of a page's commands: this virtualenv's kg first, plain output."""
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env.update(
        {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb", "PYTHONWARNINGS": "ignore"}
        | {"PYTHONUNBUFFERED": "1"}
    )
    for name in ("KG_STORE", "KG_BASE", "KG_ONTOLOGY", "KG_QUERIES", "FORCE_COLOR"):
        env.pop(name, None)
    return env


def run_command(block: Block, command: Command, cwd: Path) -> None:
    """Run one console command; raise AssertionError naming the page line when it breaks."""
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command.line],
        cwd=cwd,
        env=shell_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,  # one stream, in the order a terminal shows them
        text=True,
        timeout=600,
    )
    output = done.stdout
    if done.returncode != command.exit_code:
        raise AssertionError(
            f"{block.where}: `{command.line}` exited {done.returncode}, "
            f"the page expects {command.exit_code}\n{output[-3000:]}"
        )
    if command.expected and not output_matches(command.expected, output):
        raise AssertionError(
            f"{block.where}: `{command.line}` printed something else than the page shows\n"
            f"--- the page\n" + "\n".join(command.expected) + f"\n--- the command\n{output[-3000:]}"
        )


def run_python(block: Block, namespace: dict[str, object]) -> None:
    """Run a python block in the page's namespace; errors name the page line."""
    try:
        code = compile(block.body, block.where, "exec")
        exec(code, namespace)
    except Exception as exc:
        trace = traceback.format_exc(limit=-3)
        raise AssertionError(f"{block.where}: the python example fails: {exc!r}\n{trace}") from exc


def run_page(blocks: list[Block], cwd: Path) -> int:
    """Run the console and python blocks of one page in order in ``cwd``; the count run."""
    namespace: dict[str, object] = {"__name__": "__docs__"}
    ran = 0
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        for block in blocks:
            if block.lang == "console":
                for command in console_commands(block):
                    run_command(block, command, cwd)
                    ran += 1
            elif block.lang == "python":
                run_python(block, namespace)
                ran += 1
    finally:
        os.chdir(previous)
    return ran


def prepare_workdir(folder: Path, store: Path | None) -> Path:
    """A page's working folder: the repository's example data linked in, and a store copy."""
    import shutil

    folder.mkdir(parents=True, exist_ok=True)
    for name in ("examples", "queries", "ontology", "bench"):
        (folder / name).symlink_to(ROOT / name, target_is_directory=True)
    (folder / "tests").mkdir()
    (folder / "tests" / "data").symlink_to(ROOT / "tests" / "data", target_is_directory=True)
    (folder / "out").mkdir()
    if store is not None:
        shutil.copytree(store, folder / "kg-store", symlinks=True)
    return folder
