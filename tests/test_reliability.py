"""Bad input through `kg build`: one line per failing file, the rest built, --strict fails the run.

A folder like a downloads folder: good letters under awkward names, in legacy
encodings, in HTML with scripts, deep down, in another language, next to
empty, binary, damaged and encrypted files, a pipe, broken links and link
loops. Root ignores ``chmod 000``, so "unreadable" is a pipe, a dangling
symlink, a symlink loop and a folder named like a file instead.
(tests/test_ingest*.py check each reader's error; these tests check what a
build does with them.)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from kg.cli import main
from kg.graph.store import KnowledgeGraph
from kg.iri import document_iri

CORPUS = Path(__file__).parent / "data" / "corpus"
LETTER = CORPUS / "kst-32317-970.txt"
ENTITY = "https://w3id.org/kg-eu/entity/"
SMALL = (
    "Den Haag, 3 november 2025\n\nNederland steunt Frontex. Oekraïne en België zijn besproken.\n"
)
GERMAN = (
    "Der Rat hat heute über die Lage der Ukraine beraten. Die Minister haben sich auf eine "
    "gemeinsame Position zu Frontex und Europol geeinigt, und die Kommission wird einen "
    "Vorschlag vorlegen. Deutschland unterstützt diese Initiative ausdrücklich.\n"
)
HTML = (
    "<html><head><title>Brief</title><style>body { color: red } p.x { display: block }</style>"
    "<script>var geheim = 'alert(Oekraïne)'; document.write('Oekraïne');</script></head>"
    "<body><p>Den Haag, 3 november 2025</p><p>Nederland steunt Frontex en Europol.</p>"
    "<script>console.log('België')</script><noscript>Schakel JavaScript in.</noscript>"
    "</body></html>"
)


def make_pdf(path: Path, lines: list[str], encrypt: str | None = None) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    y = 780
    for line in lines:
        c.drawString(72, y, line)
        y -= 16
    c.showPage()
    c.save()
    return path


#: file name -> what its failure line must say
FAILURES = {
    "leeg.txt": "the file is empty",
    "spaties.md": "only whitespace",
    "binair.txt": "binary data",
    "plaatje.html": "binary data",
    "nep.pdf": "not a PDF",
    "afgekapt.pdf": "PDF",
    "kapot.pdf": "PDF",
    "geheim.pdf": "encrypted",
    "pijp.txt": "not a regular file",
    "weg.txt": "broken symbolic link",
    "lus-a.txt": "symbolic link loop",
    "lus-b.txt": "symbolic link loop",
}

#: file name (relative) -> document id of the letters that must be built
GOOD = {
    "brief met spaties — Één.txt": "kst-32317-970",  # the letter's official identifier
    "latin1.txt": "latin1",
    "utf16.txt": "utf16",
    "pagina.html": "pagina",
    "duits.txt": "duits",
    "brief.pdf": "brief",
    "/".join(["diep"] * 60) + "/onderin.txt": "kst-32317-971",
}


@pytest.fixture(scope="module")
def downloads(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("downloads")
    (root / "brief met spaties — Één.txt").write_bytes(LETTER.read_bytes())
    (root / "latin1.txt").write_bytes(SMALL.encode("latin-1"))
    # another letter: the same letter in two encodings would be read once
    (root / "utf16.txt").write_bytes(SMALL.replace("besproken", "genoemd").encode("utf-16"))
    (root / "pagina.html").write_text(HTML, encoding="utf-8")
    (root / "duits.txt").write_text(GERMAN, encoding="utf-8")
    good_pdf = make_pdf(
        root / "brief.pdf",
        ["Den Haag, 3 november 2025", "", "Nederland steunt Frontex in de Raad."],
    )
    deep = root.joinpath(*["diep"] * 60)
    deep.mkdir(parents=True)
    (deep / "onderin.txt").write_bytes(LETTER.read_bytes().replace(b"970", b"971"))

    (root / "leeg.txt").write_bytes(b"")
    (root / "spaties.md").write_bytes(b"  \n\t\n  \r\n")
    (root / "binair.txt").write_bytes(os.urandom(4096) + b"\x00")
    (root / "plaatje.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (root / "nep.pdf").write_text("Dit is geen PDF maar tekst.")
    data = good_pdf.read_bytes()
    (root / "afgekapt.pdf").write_bytes(data[: len(data) // 3])
    (root / "kapot.pdf").write_bytes(data[:200] + b"\x00rommel" * 100)
    make_pdf(root / "geheim.pdf", ["Vertrouwelijk verslag van de Raad."], encrypt="wachtwoord")
    os.mkfifo(root / "pijp.txt")
    (root / "weg.txt").symlink_to(root / "nergens.txt")
    (root / "lus-a.txt").symlink_to(root / "lus-b.txt")
    (root / "lus-b.txt").symlink_to(root / "lus-a.txt")
    (root / "map.txt").mkdir()  # a folder named like a file: walked, holds nothing
    (root / "terug").symlink_to(root)  # a folder link loop: not followed
    (root / "notities.docx").write_bytes(b"PK\x03\x04")  # not a document kind: skipped
    return root


@pytest.fixture(scope="module")
def built(downloads, tmp_path_factory):
    """`kg build --json` on the folder, and the store it wrote."""
    store = tmp_path_factory.mktemp("store") / "s"
    proc = subprocess.run(
        [sys.executable, "-m", "kg", "build", str(downloads), "--store", str(store), "--json"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return proc, json.loads(proc.stdout), store


def test_every_bad_file_gets_one_line_naming_it_and_the_cause(built, downloads):
    proc, report, _ = built
    assert proc.returncode == 0, proc.stderr  # not --strict: the run itself succeeds
    assert "Traceback" not in proc.stderr
    lines = [x for x in proc.stderr.splitlines() if x.startswith("failed: ")]
    assert len(lines) == len(FAILURES), proc.stderr
    for name, cause in FAILURES.items():
        mine = [x for x in lines if x.startswith(f"failed: {downloads / name}: ")]
        assert len(mine) == 1, (name, lines)
        assert cause in mine[0], (name, mine[0])
    failed = {Path(f["source"]).name: f["problem"] for f in report["failed"]}
    assert set(failed) == set(FAILURES)


def test_the_good_files_are_built(built):
    _, report, store = built
    wanted = {document_iri(doc_id) for doc_id in GOOD.values()}
    assert set(report["added"]) == wanted
    with KnowledgeGraph(store, read_only=True) as kg:
        assert set(kg.documents()) == wanted


def test_names_with_spaces_and_non_ascii_keep_their_path(built, downloads):
    _, _, store = built
    name = "brief met spaties — Één.txt"
    with KnowledgeGraph(store, read_only=True) as kg:
        rows = list(kg.query("SELECT ?p WHERE { GRAPH ?g { ?g kg:sourcePath ?p } }"))
    paths = {r["p"].value for r in rows}
    assert str(downloads / name) in paths
    assert document_iri("brief met spaties — Één").isascii()


def _entities(store: Path, doc_id: str) -> set[str]:
    """Entities typed in the document's graph, as ``type/slug``."""
    with KnowledgeGraph(store, read_only=True) as kg:
        triples = kg.graph_triples(document_iri(doc_id))
    return {
        t.subject.value.removeprefix(ENTITY)
        for t in triples
        if t.predicate.value.endswith("#type") and t.subject.value.startswith(ENTITY)
    }


def _literals(store: Path, doc_id: str) -> str:
    with KnowledgeGraph(store, read_only=True) as kg:
        return " ".join(t.object.value for t in kg.graph_triples(document_iri(doc_id)))


@pytest.mark.parametrize("doc_id", ["latin1", "utf16"])
def test_latin1_and_utf16_letters_read_their_accents(built, doc_id):
    _, report, store = built
    assert {"state/oekraine", "state/belgie", "agency/frontex"} <= _entities(store, doc_id)
    assert "Oekraïne" in _literals(store, doc_id)
    warned = [w for w in report["warnings"] if f"{doc_id}.txt: " in w]
    assert len(warned) == (
        doc_id == "latin1"
    )  # latin-1 is guessed with a warning; UTF-16 has a BOM
    assert all("not valid UTF-8" in w for w in warned)


def test_html_scripts_and_styles_are_not_read(built):
    _, _, store = built
    assert {"agency/frontex", "agency/europol", "state/nederland"} <= _entities(store, "pagina")
    text = _literals(store, "pagina")
    for hidden in ("alert", "document.write", "color", "console", "JavaScript"):
        assert hidden not in text
    assert "state/oekraine" not in _entities(store, "pagina")  # only named inside a script
    assert "state/belgie" not in _entities(store, "pagina")


def test_another_language_warns_and_the_gazetteer_still_applies(built, downloads):
    proc, report, store = built
    warnings = [w for w in report["warnings"] if w.startswith(str(downloads / "duits.txt"))]
    assert len(warnings) == 1 and "neither Dutch nor English" in warnings[0]
    assert {"agency/frontex", "agency/europol"} <= _entities(store, "duits")
    assert any(
        line.startswith("warning: ") and "duits.txt" in line for line in proc.stderr.splitlines()
    )


def test_deep_folders_and_a_pdf_are_built(built):
    _, _, store = built
    assert "agency/frontex" in _entities(store, "brief")
    assert _entities(store, "kst-32317-971")


def test_strict_fails_the_run_and_still_builds_the_rest(downloads, tmp_path, capsys):
    store = tmp_path / "s"
    assert main(["build", str(downloads), "--store", str(store), "--quiet", "--strict"]) == 1
    err = capsys.readouterr().err
    assert err.count("failed: ") == len(FAILURES)
    with KnowledgeGraph(store, read_only=True) as kg:
        assert len(kg.documents()) == len(GOOD)
    # --strict on good input alone succeeds
    good = tmp_path / "good"
    good.mkdir()
    (good / "brief.txt").write_text(SMALL, encoding="utf-8")
    assert main(["build", str(good), "--store", str(store), "--quiet", "--strict"]) == 0


def test_a_build_whose_only_file_fails_exits_non_zero_with_or_without_strict(tmp_path, capsys):
    empty = tmp_path / "leeg.txt"
    empty.write_text("")
    store = tmp_path / "s"
    assert main(["build", str(empty), "--store", str(store), "--quiet"]) == 1
    assert main(["build", str(empty), "--store", str(store), "--quiet", "--strict"]) == 1
    err = capsys.readouterr().err.splitlines()
    failed = f"failed: {empty}: the file is empty"
    assert err == [failed, "error: nothing was built: the only file failed (see above)"] * 2
    assert not store.exists()


def build_peak_kib(folder: Path, store: Path) -> tuple[subprocess.CompletedProcess, int]:
    """`kg build folder` in a fresh process, and its peak memory in KiB.

    The peak is the build's own: VmHWM starts afresh at exec, while a child's
    ru_maxrss carries the pytest process's peak over from the fork.
    """
    peak = store.parent / f"{store.name}.peak"
    code = (
        "import atexit, sys\n"
        "from kg.cli import main\n"
        f"atexit.register(lambda: open({str(peak)!r}, 'w').write("
        "[l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]))\n"
        "sys.exit(main(sys.argv[1:]))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, "build", str(folder), "--store", str(store), "-q"],
        capture_output=True,
        text=True,
    )
    return proc, int(peak.read_text())


def test_a_100_mb_text_file_is_refused_quickly_in_bounded_memory(tmp_path):
    small = tmp_path / "small"
    small.mkdir()
    (small / "klein.txt").write_text(SMALL, encoding="utf-8")
    _, baseline = build_peak_kib(small, tmp_path / "s0")
    folder = tmp_path / "both"
    folder.mkdir()
    big = folder / "groot.txt"
    paragraph = LETTER.read_bytes() + b"\n\n"
    with open(big, "wb") as fh:
        for _ in range(100 * 2**20 // len(paragraph) + 1):
            fh.write(paragraph)
    assert big.stat().st_size > 100 * 2**20
    (folder / "klein.txt").write_text(SMALL, encoding="utf-8")
    t0 = time.monotonic()
    proc, peak = build_peak_kib(folder, tmp_path / "s")
    seconds = time.monotonic() - t0
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip() == (
        f"failed: {big}: file is 100.0 MB, over the 50 MB limit (raise it with max_bytes / --max-mb)"
    )
    assert peak < baseline + 50 * 1024, (peak, baseline)  # KiB: the file was never read
    assert seconds < 60
    with KnowledgeGraph(tmp_path / "s", read_only=True) as kg:
        assert kg.documents() == [document_iri("klein")]


def test_the_size_and_length_limits_are_raised_by_flags(tmp_path, capsys):
    long = tmp_path / "lang.txt"
    long.write_bytes(LETTER.read_bytes() * 40)  # about 64 KB
    store = str(tmp_path / "s")
    # The only file fails: exit 1 (nothing was built)
    assert main(["build", str(long), "--store", store, "-q", "--max-mb", "0.01"]) == 1
    assert "over the 0 MB limit (raise it with max_bytes / --max-mb)" in capsys.readouterr().err
    assert main(["build", str(long), "--store", store, "-q", "--max-chars", "20000"]) == 1
    err = capsys.readouterr().err
    assert "characters, over the 20,000 limit (raise it with max_chars / --max-chars)" in err
    assert main(["build", str(long), "--store", store, "-q", "--max-mb", "1", "--strict"]) == 0
    assert capsys.readouterr().err == ""
    with KnowledgeGraph(Path(store), read_only=True) as kg:
        assert kg.documents() == [document_iri("kst-32317-970")]  # its head: 32 317, nr. 970


def test_kg_ingest_is_strict_unless_told_otherwise(tmp_path, capsys):
    empty = tmp_path / "leeg.txt"
    empty.write_text("")
    (tmp_path / "brief.txt").write_text(SMALL, encoding="utf-8")
    assert main(["ingest", str(tmp_path), "--format", "json"]) == 1
    assert main(["ingest", str(tmp_path), "--format", "json", "--no-strict"]) == 0
    err = capsys.readouterr().err
    assert err.count(f"{empty}: the file is empty") == 2
