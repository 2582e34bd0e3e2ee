"""The sdist and the wheel carry ontology/, queries/ and the page assets; an installed wheel builds.

The package is built as a release would be (PEP 517 through setuptools'
backend: an sdist from the tracked files, then a wheel from that sdist),
installed alone into a fresh folder (``pip install --no-deps --target``; the
dependencies come from this virtualenv) and run from elsewhere: it must find
its data through ``importlib.resources``, build a letter and answer a shipped
query by name.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from importlib import resources
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "data" / "corpus" / "000_0b783c6c09b9d010.txt"

#: Files every distribution must hold, as paths inside the installed package.
PACKAGE_DATA = [
    "kg/ontology/kg.ttl",
    "kg/ontology/shapes.ttl",
    "kg/ontology/reference/states.ttl",
    "kg/queries/stances_on_regulation.rq",
    "kg/serve/page/index.html",
    "kg/viz/assets/network.js",
    "kg/nlp/rules/entities.jsonl",
]


def tracked_copy(target: Path) -> Path:
    """The files git tracks or would (what a clean clone has), copied to ``target``."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, listed):
        source = ROOT / name.decode()
        if source.is_file():
            (target / name.decode()).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name.decode())
    return target


def backend(hook: str, source: Path, out: Path) -> Path:
    """Run a PEP 517 hook of setuptools' backend in ``source``; the file it made."""
    out.mkdir(exist_ok=True)
    done = subprocess.run(
        [sys.executable, "-c", f"import setuptools.build_meta as b; print(b.{hook}({str(out)!r}))"],
        cwd=source,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return out / done.stdout.strip().splitlines()[-1]


@pytest.mark.slow
def test_the_wheel_alone_builds_a_letter_and_answers_a_shipped_query(tmp_path):
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs a git checkout to know the tracked files")
    source = tracked_copy(tmp_path / "src")
    sdist = backend("build_sdist", source, tmp_path / "dist")
    with tarfile.open(sdist) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
        tar.extractall(tmp_path / "unpacked", filter="data")
    for name in ("ontology/kg.ttl", "ontology/reference/states.ttl", "queries/documents.rq"):
        assert name in names, f"{name} is not in the sdist"
    for name in PACKAGE_DATA[4:]:  # the page assets and rules, where the repository has them
        assert name in names, f"{name} is not in the sdist"

    wheel = backend("build_wheel", tmp_path / "unpacked" / sdist.name[: -len(".tar.gz")], tmp_path)
    with zipfile.ZipFile(wheel) as zf:
        inside = set(zf.namelist())
    for name in PACKAGE_DATA:
        assert name in inside, f"{name} is not in the wheel"
    shipped = sorted(p.name for p in (ROOT / "queries").glob("*.rq"))
    assert sorted(n.rsplit("/", 1)[1] for n in inside if n.startswith("kg/queries/")) == sorted(
        [*shipped, "__init__.py"]
    )

    target = tmp_path / "site"
    pip = subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-index"]
        + ["--target", str(target), str(wheel)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert pip.returncode == 0, pip.stderr[-3000:]

    work = tmp_path / "elsewhere"
    work.mkdir()
    shutil.copy(SEED, work / "brief.txt")
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    env["PYTHONPATH"] = str(target)  # before the virtualenv's own (editable) kg

    def kg(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "kg", *args],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    where = subprocess.run(
        [sys.executable, "-c", "import kg, kg.config as c; print(kg.__file__, c.ontology_dir())"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
    )
    assert where.returncode == 0, where.stderr
    assert all(part.startswith(str(target)) for part in where.stdout.split()), where.stdout

    built = kg("build", "brief.txt", "--store", "store", "--quiet")
    assert built.returncode == 0, built.stderr
    answer = kg("query", "documents", "--store", "store", "--format", "csv")
    assert answer.returncode == 0, answer.stderr
    assert answer.stdout.startswith("document,") and "doc:kst-32317-975" in answer.stdout


def test_the_editable_install_finds_its_data_as_package_resources():
    from kg.config import ontology_dir, queries_dir

    assert (resources.files("kg.ontology") / "kg.ttl").is_file()
    assert (resources.files("kg.queries") / "documents.rq").is_file()
    if "KG_ONTOLOGY" not in os.environ:
        assert ontology_dir() == Path(str(resources.files("kg.ontology")))
    if "KG_QUERIES" not in os.environ:
        assert queries_dir() == Path(str(resources.files("kg.queries")))
