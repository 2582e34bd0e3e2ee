"""The package shows its architecture: floors that import only downwards, and no circles.

Every module of ``kg`` sits on one floor (its folder, or one of the seams at
the top of ``kg/``). A module may import from its own floor and the floors
below it, never from one above; and no two modules import each other, however
long the way round. Every import counts: at the top of a module, inside a
function (imported late) or only for type checking, since each is a module
knowing about another. Read from the source with ``ast``: nothing is imported.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pytest

KG = Path(__file__).resolve().parent.parent / "kg"

#: The seams: small modules every floor may use (the data that flows between
#: the floors, its IRIs and vocabulary, errors and their messages, settings,
#: and the reference data all floors look names up in).
SEAMS = (
    "kg.config",
    "kg.document",
    "kg.errors",
    "kg.extraction",
    "kg.identifiers",
    "kg.iri",
    "kg.messages",
    "kg.reference",
    "kg.vocab",
)

#: Bottom to top. The top floor holds the command line and ``import kg``'s own face.
FLOORS: list[tuple[str, tuple[str, ...]]] = [
    ("seams", SEAMS),
    ("record", ("kg.record",)),
    ("ingest", ("kg.ingest",)),
    ("nlp", ("kg.nlp",)),
    ("graph", ("kg.graph",)),
    ("viz", ("kg.viz",)),
    ("answers", ("kg.answers",)),
    ("serve", ("kg.serve",)),
    ("cli", ("kg.cli", "kg", "kg.__main__")),
]


@dataclass(frozen=True)
class Import:
    """``importer`` imports ``module`` at ``line`` of ``path``."""

    importer: str
    module: str
    path: Path
    line: int


def module_names(root: Path) -> dict[str, Path]:
    """Every module of the package at ``root`` by dotted name (a package by its own name)."""
    names = {}
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names[".".join(parts)] = path
    return names


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    """The module ``name`` is, or the one it is an attribute of; None outside the package."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> list[Import]:
    """The modules of the package that module ``name`` imports, anywhere in its source."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*up, *([node.module] if node.module else [])])
            # "from kg import messages" imports the module kg.messages
            targets = [f"{base}.{alias.name}" for alias in node.names] or [base]
        for target in targets:
            module = _resolve(target, modules)
            if module is not None and module != name:
                found.append(Import(name, module, path, node.lineno))
    return found


def floor_of(module: str, floors: list[tuple[str, tuple[str, ...]]] = FLOORS) -> int | None:
    """The index of the floor ``module`` sits on: the longest name of a floor that holds it."""
    best, size = None, -1
    for index, (_, names) in enumerate(floors):
        for prefix in names:
            inside = module == prefix or (prefix != "kg" and module.startswith(prefix + "."))
            if inside and len(prefix) > size:
                best, size = index, len(prefix)
    return best


def check(root: Path, floors: list[tuple[str, tuple[str, ...]]] = FLOORS) -> list[str]:
    """Every module without a floor, import up a floor and circle of imports, one line each."""
    modules = module_names(root)
    problems = []
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for name, path in modules.items():
        floor = floor_of(name, floors)
        if floor is None:
            problems.append(
                f"{name}: sits on no floor; move it into a floor's folder or name it a seam"
            )
            continue
        for imp in imports_of(name, path, modules):
            graph.add_edge(imp.importer, imp.module)
            above = floor_of(imp.module, floors)
            if above is not None and above > floor:
                where = imp.path.relative_to(root.parent)
                problems.append(
                    f"{where}:{imp.line}: {name} imports {imp.module}: the {floors[floor][0]} "
                    f"floor may not import from {floors[above][0]}, a floor above it"
                )
    for circle in nx.simple_cycles(graph):
        problems.append("import circle: " + " -> ".join([*circle, circle[0]]))
    return problems


def test_every_module_sits_on_a_floor_imports_go_down_and_none_go_round() -> None:
    problems = check(KG)
    assert not problems, "\n".join(problems)


def test_floors_name_existing_packages() -> None:
    modules = module_names(KG)
    for _, names in FLOORS:
        for name in names:
            assert name in modules, f"{name} is on a floor but is no module of kg"


# --------------------------------------------------------------- the checker itself


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "kg"
    for name, source in {"__init__.py": "", **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
    return root


SMALL = [
    ("seams", ("kg.errors",)),
    ("low", ("kg.low",)),
    ("high", ("kg.high", "kg")),
]


@pytest.mark.parametrize(
    "files, expected",
    [
        ({"errors.py": "", "low/__init__.py": "", "low/a.py": "from kg.errors import X\n"}, []),
        (
            {
                "errors.py": "",
                "low/__init__.py": "",
                "high/__init__.py": "",
                "low/a.py": "def f():\n    from kg.high import b\n",
                "high/b.py": "",
            },
            ["kg/low/a.py:2: kg.low.a imports kg.high.b: the low floor may not import from high"],
        ),
        (
            {
                "errors.py": "",
                "low/__init__.py": "",
                "low/a.py": "from . import b\n",
                "low/b.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import kg.low.a\n",
            },
            ["import circle: kg.low."],
        ),
        ({"errors.py": "", "stray.py": ""}, ["kg.stray: sits on no floor"]),
    ],
    ids=["down", "up-a-floor-late", "circle-through-type-checking", "no-floor"],
)
def test_the_check_finds_what_it_should(
    tmp_path: Path, files: dict[str, str], expected: list[str]
) -> None:
    problems = check(_package(tmp_path, files), SMALL)
    assert len(problems) == len(expected), problems
    for problem, start in zip(problems, expected, strict=True):
        assert problem.startswith(start), problem
