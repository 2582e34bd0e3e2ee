"""HTML and XML pages: visible text only, headings, items, footnotes, metadata."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kg.errors import IngestError
from kg.ingest import ingest_path

DATA = Path(__file__).parent / "data" / "ingest"


def blocks(doc, kind):
    return [doc.text[b.start : b.end] for b in doc.blocks if b.kind == kind]


def test_ob_html_page_keeps_only_the_letter():
    doc = ingest_path(DATA / "kst-ob-page.html")
    body = doc.text[: doc.body_end]
    for noise in (
        "cookies",
        "Zoeken",
        "Home",
        "Gerelateerde",
        "Privacy",
        "dataLayer",
        "verborgen",
        "Noten",
    ):
        assert noise not in body, noise
    meta = doc.meta
    assert (meta.number, meta.dossier, meta.date) == ("3101", "21 501-02", date(2025, 3, 17))
    assert [(s.office, s.name) for s in meta.signatories] == [
        ("minister van Buitenlandse Zaken", "C.C.J. Veldkamp")
    ]
    assert meta.meeting.name == "Raad Buitenlandse Zaken"
    assert meta.meeting.dates == (date(2025, 3, 24),)
    assert meta.meeting.place == "Brussel"
    assert "Russische agressie tegen Oekraïne" in blocks(doc, "heading")
    assert blocks(doc, "list_item") == [
        "voortzetting van de militaire steun aan Oekraïne;",
        "een zeventiende sanctiepakket tegen Rusland;",
    ]
    assert [(f.number, f.text) for f in doc.footnotes] == [
        ("1", "Kamerstuk 21 501-02, nr. 3099."),
        ("2", "Kamerstuk 36 600 V, nr. 42."),
    ]
    assert doc.text[: doc.footnotes[0].marker].endswith("in Brussel")
    assert "sancties tegen Iran." in body


def test_ob_xml():
    doc = ingest_path(DATA / "kst-ob.xml")
    meta = doc.meta
    assert (meta.number, meta.dossier, meta.date) == ("990", "32 317", date(2025, 12, 8))
    assert meta.senders == ["minister van Justitie en Veiligheid"]
    assert [(s.office, s.name) for s in meta.signatories] == [
        ("minister van Justitie en Veiligheid", "D.M. van Weel")
    ]
    assert meta.meeting.dates == (date(2025, 12, 4), date(2025, 12, 5))
    assert doc.footnotes[0].text == "Kamerstuk 32 317, nr. 985."
    assert "in Brussel." in doc.text


def test_english_council_page():
    doc = ingest_path(DATA / "council-outcome.html")
    meta = doc.meta
    assert meta.language == "en"
    assert meta.kind == "council-text"
    assert meta.title == "Outcome of the Council meeting"
    assert meta.date == date(2025, 10, 14)
    assert meta.place == "Luxembourg"
    assert meta.meeting.name == "Foreign Affairs Council"
    assert meta.meeting.place == "Luxembourg"
    assert "Council of the European Union, Rue de la Loi" not in doc.text
    assert "Middle East" in blocks(doc, "heading")


def test_html_without_visible_text(tmp_path):
    p = tmp_path / "leeg.html"
    p.write_text("<html><head><script>x()</script></head><body><nav>Home</nav></body></html>")
    with pytest.raises(IngestError, match="no visible text"):
        ingest_path(p)
