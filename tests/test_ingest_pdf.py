"""PDF ingestion: a multi-page letter typeset from the seed text reads back faithfully."""

from __future__ import annotations

import difflib
import importlib.util
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from kg.errors import IngestError
from kg.ingest import ingest_path
from kg.ingest.pdf import lines_pypdfium2, pdf_text

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "data" / "corpus" / "000_0b783c6c09b9d010.txt"


def _bench():
    spec = importlib.util.spec_from_file_location("pdf_bench", ROOT / "bench" / "pdf_extractors.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def seed_pdf(tmp_path_factory):
    bench = _bench()
    reflowed = ingest_path(SEED)
    path = bench.make_letter_pdf(reflowed, tmp_path_factory.mktemp("pdf") / "seed.pdf")
    return reflowed, path


def word_ratio(a: str, b: str) -> float:
    """difflib.SequenceMatcher ratio over the word sequences of the two texts."""
    return difflib.SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio()


def test_generated_pdf_is_realistic(seed_pdf):
    _, path = seed_pdf
    pages, _ = lines_pypdfium2(path.read_bytes())
    assert len(pages) >= 5
    texts = [[ln.text for ln in page] for page in pages]
    assert all(page[0].startswith("Tweede Kamer, vergaderjaar") for page in texts)
    assert all("Pagina" in page[-1] for page in texts)
    hyphenated = [ln for page in texts for ln in page if ln.endswith(("-", "\x02"))]
    assert len(hyphenated) >= 20  # words broken across lines


def test_seed_pdf_reads_back_like_the_reflowed_text(seed_pdf):
    reflowed, path = seed_pdf
    doc = ingest_path(path)
    assert word_ratio(reflowed.text, doc.text) >= 0.98
    body = doc.text[: doc.body_end]
    assert "Tweede Kamer, vergaderjaar 2025–2026" not in body
    assert "Pagina" not in body and "ISSN" not in body
    assert "versterking van informatie-uitwisseling." in body
    assert doc.meta.number == "975"
    assert doc.meta.date.isoformat() == "2025-11-03"
    assert [s.name for s in doc.meta.signatories] == ["F. van Oosten", "D.M. van Weel"]
    assert doc.meta.meeting.place == "Luxemburg"
    notes = {f.number: f for f in doc.footnotes}
    assert notes["1"].text == "Tweede Kamer, vergaderjaar 2024-2025, KST 32735, nr. 400"
    assert doc.text[: notes["1"].marker].endswith("niet aan de orde.")
    # offsets map back into the extracted text
    raw = pdf_text(path.read_bytes(), path)
    for i in range(0, len(doc.text), 97):
        if not doc.text[i].isspace():
            assert raw[doc.to_source(i)] == doc.text[i]


def test_not_a_pdf(tmp_path):
    p = tmp_path / "brief.pdf"
    p.write_text("Den Haag, 3 november 2025\n\nDit is tekst.")
    with pytest.raises(IngestError, match=r"brief\.pdf: not a PDF"):
        ingest_path(p)


def test_corrupt_pdf(tmp_path, seed_pdf):
    _, path = seed_pdf
    p = tmp_path / "kapot.pdf"
    data = path.read_bytes()
    p.write_bytes(data[:200] + b"\x00garbage" * 50)
    with pytest.raises(IngestError, match="corrupt"):
        ingest_path(p)


def test_encrypted_pdf(tmp_path):
    p = tmp_path / "geheim.pdf"
    c = canvas.Canvas(str(p), pagesize=A4, encrypt="wachtwoord")
    c.drawString(72, 700, "Vertrouwelijk verslag van de Raad.")
    c.showPage()
    c.save()
    with pytest.raises(IngestError, match="encrypted"):
        ingest_path(p)


def test_pdf_without_text(tmp_path):
    p = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(p), pagesize=A4)
    c.rect(100, 100, 300, 300, fill=1)
    c.showPage()
    c.save()
    with pytest.raises(IngestError, match="no extractable text"):
        ingest_path(p)


def test_side_column_does_not_break_into_the_text(tmp_path):
    """A letterhead column at the right (address, reference) stays out of the body sentences."""
    p = tmp_path / "brief.pdf"
    c = canvas.Canvas(str(p), pagesize=A4)
    body = [
        "Aan de Voorzitter van de Tweede Kamer",
        "der Staten-Generaal",
        "",
        "Datum 3 november 2025",
        "Betreft Verslag van de JBZ-Raad van 13 en 14 oktober 2025",
        "",
        "Hierbij bied ik u het verslag aan van de Raad Justitie en Binnenlandse",
        "Zaken van 13 en 14 oktober 2025 in Luxemburg. Ook informeer ik uw Kamer",
        "over de stand van zaken van de onderhandelingen over de verordening.",
    ]
    side = ["Directie Europese en", "Internationale Zaken", "Turfmarkt 147", "2511 DP Den Haag"]
    y = 700
    for k, line in enumerate(body):
        c.setFont("Helvetica", 10)
        c.drawString(72, y, line)
        if k < len(side):
            c.setFont("Helvetica", 7.5)
            c.drawString(430, y, side[k])
        y -= 14
    c.showPage()
    c.save()
    doc = ingest_path(p)
    assert (
        "Hierbij bied ik u het verslag aan van de Raad Justitie en Binnenlandse Zaken van 13 en "
        "14 oktober 2025 in Luxemburg." in doc.text
    )
    assert "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal" in doc.text
    assert "Turfmarkt" not in doc.text[doc.text.index("Hierbij") :]
    assert doc.meta.date.isoformat() == "2025-11-03"
    assert doc.meta.meeting.place == "Luxemburg"
    assert doc.meta.title == "Verslag van de JBZ-Raad van 13 en 14 oktober 2025"


@pytest.mark.parametrize("cut", [0.1, 0.5, 0.9, 0.99])
def test_damaged_pdfs_give_a_document_or_one_clear_error(tmp_path, seed_pdf, cut):
    _, path = seed_pdf
    data = bytearray(path.read_bytes())
    damaged = tmp_path / "beschadigd.pdf"
    truncated = bytes(data[: int(len(data) * cut)])
    flipped = bytearray(data)
    for i in range(200, len(flipped), max(1, int(len(flipped) * (1 - cut) / 3) or 1)):
        flipped[i] ^= 0x5A
    for variant in (truncated, bytes(flipped)):
        damaged.write_bytes(variant)
        try:
            doc = ingest_path(damaged)
        except IngestError as err:
            assert str(err).startswith(str(damaged)) and "\n" not in str(err)
        else:
            assert doc.text
