"""One document per letter: the same letter as .txt and .pdf, or copied under another name,
is built once, with a warning naming both files (issue 13)."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from kg.document import Document
from kg.graph.build import build
from kg.graph.same_letter import LetterIndex, text_fingerprint
from kg.graph.store import KnowledgeGraph
from kg.ingest import ingest_path
from kg.iri import document_iri

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "corpus"
LETTER = CORPUS / "kst-32317-970.txt"
STANCES = """SELECT (COUNT(DISTINCT ?st) AS ?n) WHERE {
  ?st a kg:Statement ; rdf:predicate ?p .
  VALUES ?p { kg:supports kg:opposes kg:concernedAbout kg:requested } }"""


def _letter_pdf(doc: Document, path: Path) -> Path:
    spec = importlib.util.spec_from_file_location("pdf_bench", ROOT / "bench" / "pdf_extractors.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench.make_letter_pdf(doc, path, ident=doc.id)


def _count(kg: KnowledgeGraph, query: str) -> int:
    return int(next(iter(kg.query(query)))["n"].value)


@pytest.fixture(scope="module")
def one_letter_three_files(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("letters")
    shutil.copy(LETTER, folder / "kst-32317-970.txt")
    shutil.copy(LETTER, folder / "kopie van de brief.txt")
    _letter_pdf(ingest_path(LETTER), folder / "kst-32317-970.pdf")
    return folder


def test_the_same_letter_as_txt_pdf_and_copy_is_one_document(one_letter_three_files, tmp_path):
    with KnowledgeGraph(tmp_path / "once") as once:
        build([LETTER], once)
        stances_once = _count(once, STANCES)
    with KnowledgeGraph(tmp_path / "s") as kg:
        report = build([one_letter_three_files], kg)
        assert kg.documents() == [document_iri("kst-32317-970")]
        assert report.added == [document_iri("kst-32317-970")] and not report.failed
        assert stances_once > 0 and _count(kg, STANCES) == stances_once  # not counted twice
        (row,) = kg.query("SELECT ?p WHERE { ?d kg:sourcePath ?p }")
        read = row["p"].value
    files = {str(p) for p in one_letter_three_files.iterdir()}
    assert read.endswith(".txt")  # of one letter in two formats the text is read, not the PDF
    warned = {w.split(": the same letter")[0]: w for w in report.warnings}
    assert set(warned) == files - {read}
    for line in warned.values():
        assert f"the same letter as {read} " in line and "read once" in line


def test_workers_that_read_the_files_find_the_same_letter_too(one_letter_three_files, tmp_path):
    from kg.graph.parallel import process_extractor

    other = tmp_path / "letters"
    shutil.copytree(one_letter_three_files, other)
    shutil.copy(CORPUS / "kst-32317-703.txt", other / "kst-32317-703.txt")
    with KnowledgeGraph(tmp_path / "s") as kg, process_extractor(2) as extractor:
        report = build([other], kg, extractor=extractor)
        assert kg.documents() == sorted(
            [document_iri("kst-32317-970"), document_iri("kst-32317-703")]
        )
    assert not report.failed and len(report.warnings) == 2


def test_a_copy_built_later_is_still_the_same_letter(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    text = CORPUS / "en-consilium-jha-2022-06-justice.txt"  # no identifier: named by file
    shutil.copy(text, folder / "justice.txt")
    shutil.copy(text, tmp_path / "justice (1).txt")
    with KnowledgeGraph(tmp_path / "s") as kg:
        assert build([folder], kg).added == [document_iri("justice")]
        report = build([tmp_path / "justice (1).txt"], kg)
        assert not report.added and kg.documents() == [document_iri("justice")]
        assert report.warnings == [
            f"{tmp_path / 'justice (1).txt'}: the same letter as {folder / 'justice.txt'} "
            f"(the same text); read once, as {document_iri('justice')}"
        ]


def test_two_different_letters_named_alike_are_still_refused(tmp_path):
    for sub, name in (
        ("a", "en-consilium-jha-2022-06-justice.txt"),
        ("b", "en-consilium-fac-2025-11.txt"),
    ):
        (tmp_path / sub).mkdir()
        shutil.copy(CORPUS / name, tmp_path / sub / "results.txt")
    with KnowledgeGraph() as kg:
        report = build([tmp_path / "a", tmp_path / "b"], kg)
    assert report.added == [document_iri("results")]
    assert report.failed == [
        (str(tmp_path / "b" / "results.txt"), "a second document with id 'results'")
    ]


def test_a_file_that_gets_its_official_identifier_leaves_its_old_graph(tmp_path):
    letter = tmp_path / "brief.txt"
    body = LETTER.read_text(encoding="utf-8")
    headless = body.split("\n", 3)[3]  # without "32 317 JBZ-Raad" and "Nr. 970"
    letter.write_text(headless, encoding="utf-8")
    with KnowledgeGraph(tmp_path / "s") as kg:
        assert build([letter], kg).added == [document_iri("brief")]
        letter.write_text(body, encoding="utf-8")
        report = build([letter], kg)
        assert report.added == [document_iri("kst-32317-970")]
        assert report.removed == [document_iri("brief")]
        assert kg.documents() == [document_iri("kst-32317-970")]


def test_a_copy_stands_in_when_the_first_file_failed():
    index = LetterIndex()
    a = Document(id="a", source="a.txt", text="Nederland steunt Frontex.")
    b = Document(id="b", source="b.txt", text="Nederland steunt Frontex.")
    assert index.admit(a, "doc/a").same_as is None
    index.forget("doc/a")  # e.g. its extraction failed
    assert index.admit(b, "doc/b").same_as is None


def test_the_fingerprint_ignores_case_spacing_and_punctuation_only():
    assert text_fingerprint("De Raad, op 3 mei.") == text_fingerprint("de raad op 3 MEI")
    assert text_fingerprint("De Raad op 3 mei") != text_fingerprint("De Raad op 4 mei")
