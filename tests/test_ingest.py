"""Ingestion of text files: reflow, footnotes, metadata, offsets, the corpus."""

from __future__ import annotations

import re
import warnings
from datetime import date
from pathlib import Path

import pytest
from conftest import SPLIT
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import IngestError
from kg.ingest import IngestFailure, IngestWarning, ingest_path, iter_documents
from kg.ingest.footnotes import find_marker_candidates
from kg.ingest.readers import read_raw
from kg.ingest.reflow import hyphen_join, normalise

DATA = Path(__file__).parent / "data"
CORPUS = DATA / "corpus"
SEED = CORPUS / "000_0b783c6c09b9d010.txt"

# Letter dates (the dateline, else tweedekamer.nl's registration date) and the id each
# letter gets: its official identifier where the text or file name gives one. The original
# and tune halves of the shared set (tests/data/split.json); the blind half is not read.
CORPUS_LETTERS = {
    "000_0b783c6c09b9d010": (date(2025, 11, 3), "kst-32317-975"),
    "ah-tk-20232024-387": (date(2023, 11, 13), "ah-tk-20232024-387"),
    "en-consilium-agrifish-2016-06": (None, "en-consilium-agrifish-2016-06"),
    "en-consilium-fac-2025-11": (date(2025, 11, 21), "en-consilium-fac-2025-11"),
    "en-consilium-jha-2019-06": (date(2019, 6, 6), "en-consilium-jha-2019-06"),
    "en-consilium-jha-2022-06-justice": (date(2022, 6, 9), "en-consilium-jha-2022-06-justice"),
    "kst-21501-02-2035": (date(2019, 7, 22), "kst-21501-02-2035"),
    "kst-21501-02-2157": (date(2020, 4, 24), "kst-21501-02-2157"),
    "kst-21501-02-2193": (date(2020, 8, 18), "kst-21501-02-2193"),
    "kst-21501-02-2609": (date(2023, 2, 10), "kst-21501-02-2609"),
    "kst-21501-07-1612": (date(2019, 6, 18), "kst-21501-07-1612"),
    "kst-21501-28-262": (date(2024, 1, 16), "kst-21501-28-262"),
    "kst-21501-31-732": (date(2023, 12, 20), "kst-21501-31-732"),
    "kst-21501-33-1071": (date(2024, 5, 28), "kst-21501-33-1071"),
    "kst-21501-33-939": (date(2022, 6, 15), "kst-21501-33-939"),
    "kst-22112-3008": (date(2021, 1, 15), "kst-22112-3008"),
    "kst-22112-4031": (date(2025, 4, 17), "kst-22112-4031"),
    "kst-32317-703": (date(2021, 8, 16), "kst-32317-703"),
    "kst-32317-766": (date(2022, 6, 22), "kst-32317-766"),
    "kst-32317-970": (date(2025, 9, 4), "kst-32317-970"),
    "nl-kst-21501-02-2074": (date(2019, 10, 14), "kst-21501-02-2074"),
    "nl-kst-21501-02-2113": (date(2020, 2, 7), "kst-21501-02-2113"),
    "nl-kst-21501-02-2602": (date(2023, 1, 31), "kst-21501-02-2602"),
    "nl-kst-21501-02-2778": (date(2023, 11, 3), "kst-21501-02-2778"),
    "nl-kst-21501-02-2910": (date(2024, 5, 30), "kst-21501-02-2910"),
    "nl-kst-21501-02-3180": (date(2025, 6, 26), "kst-21501-02-3180"),
    "nl-kst-21501-07-1744": (date(2021, 3, 3), "kst-21501-07-1744"),
    "nl-kst-21501-08-891": (date(2023, 1, 18), "kst-21501-08-891"),
    "nl-kst-21501-20-1969": (date(2023, 6, 23), "kst-21501-20-1969"),
    "nl-kst-21501-32-1581": (date(2023, 9, 28), "kst-21501-32-1581"),
    "nl-kst-32317-618": (date(2020, 5, 8), "kst-32317-618"),
    "nl-kst-32317-760": (date(2022, 5, 30), "kst-32317-760"),
    "nl-kst-32317-866": (date(2023, 12, 15), "kst-32317-866"),
    "nl-kst-32317-948": (date(2025, 5, 28), "kst-32317-948"),
    "nl-kst-32317-973": (date(2025, 9, 29), "kst-32317-973"),
    "nl-kst-32317-OO": (date(2024, 3, 15), "kst-32317-OO"),
    "nl-tkconv-2019D22298": (date(2019, 5, 29), "kst-21501-07-1602"),
    "nl-tkconv-2025D20525": (date(2025, 5, 9), "2025D20525"),
}


@pytest.fixture(scope="module")
def seed():
    return ingest_path(SEED)


def block_texts(doc, kind):
    return [doc.text[b.start : b.end] for b in doc.blocks if b.kind == kind]


# ------------------------------------------------------------------ seed letter


def test_seed_metadata(seed):
    meta = seed.meta
    assert meta.number == "975"
    assert meta.date == date(2025, 11, 3)
    assert meta.place == "Den Haag"
    assert meta.language == "nl"
    assert meta.addressee == "de Voorzitter van de Tweede Kamer der Staten-Generaal"
    assert meta.senders == ["minister van Justitie en Veiligheid", "minister van Asiel en Migratie"]
    signed = [(s.office, s.name) for s in meta.signatories]
    assert signed == [
        ("minister van Justitie en Veiligheid", "F. van Oosten"),
        ("minister van Asiel en Migratie", "D.M. van Weel"),
    ]
    for s in meta.signatories:
        assert seed.text[s.start : s.end] == s.name


def test_seed_meeting(seed):
    meeting = seed.meta.meeting
    assert meeting is not None
    assert meeting.name == "Raad Justitie en Binnenlandse Zaken"
    assert meeting.abbreviation == "JBZ-Raad"
    assert meeting.dates == (date(2025, 10, 13), date(2025, 10, 14))
    assert meeting.place == "Luxemburg"
    assert not meeting.informal
    assert seed.text[meeting.start :].startswith("Raad Justitie en Binnenlandse Zaken")


def test_seed_reflows_into_paragraphs_with_unbroken_sentences(seed):
    paragraphs = block_texts(seed, "paragraph")
    assert paragraphs[2].startswith("Hierbij bieden wij, mede namens de Staatssecretaris")
    assert paragraphs[2].endswith(
        "uw Kamer het verslag aan van de Raad Justitie en Binnenlandse Zaken (JBZ-Raad) "
        "op 13 en 14 oktober 2025 in Luxemburg."
    )
    body = seed.text[: seed.body_end]
    for para in paragraphs:
        assert "\n" not in para
        assert "  " not in para
    # a sentence broken by a page break (with its blank and whitespace lines) is whole again
    assert "Er is brede erkenning voor de rol die Eurojust speelt bij de ondersteuning" in body
    # hyphenation: a real compound keeps its hyphen, a suspended compound its space
    assert "versterking van informatie-uitwisseling." in body
    assert "Solidariteitsmechanisme asiel- en migratiepact" in body
    # no line of the body ends inside a sentence: every block is separated by a blank line
    assert "\n\n\n" not in seed.text
    assert block_texts(seed, "signature") == [
        "De minister van Justitie en Veiligheid,\nF. van Oosten",
        "De minister van Asiel en Migratie,\nD.M. van Weel",
    ]


def test_seed_headings_and_list_items(seed):
    headings = block_texts(seed, "heading")
    assert "Kopgroep verdragen" in headings
    assert (
        "Gezamenlijke brief aan de Europese Commissie over vrijwillig en gedwongen vertrek "
        "naar Afghanistan" in headings
    )
    assert "1. De Russische agressieoorlog tegen Oekraïne: strijd tegen straffeloosheid" in headings
    items = block_texts(seed, "list_item")
    assert items[0].startswith("Lidstaten spraken onvoorwaardelijke steun uit aan Oekraïne")
    assert not any(item.startswith("\uf0b7") for item in items)


def test_seed_footnotes_are_lifted_with_markers(seed):
    notes = {f.number: f for f in seed.footnotes}
    assert notes["1"].text == "Tweede Kamer, vergaderjaar 2024-2025, KST 32735, nr. 400"
    assert seed.text[notes["1"].start : notes["1"].end] == notes["1"].text
    assert notes["1"].start > seed.body_end
    # the marker sat glued to "orde1."; it is cut and its offset kept
    assert seed.text[: notes["1"].marker].endswith("niet aan de orde")
    assert seed.text[: notes["2"].marker].endswith("onwelwillende herkomstlanden")
    body = seed.text[: seed.body_end]
    assert "orde1" not in body and "herkomstlanden2" not in body
    assert "Tweede Kamer, vergaderjaar" not in body
    # the footnote section: one line per footnote, "<number> <text>"
    tail = seed.text[seed.body_end :].strip().split("\n")
    assert tail[0] == "1 Tweede Kamer, vergaderjaar 2024-2025, KST 32735, nr. 400"


def test_seed_source_map_points_into_the_raw_text(seed):
    raw = SEED.read_text(encoding="utf-8")
    assert_map_exact(seed.text, raw, seed.source_map)
    start = seed.text.index("Den Haag, 3 november 2025")
    assert raw[seed.to_source(start) :].startswith("Den Haag, 3 november 2025")


def assert_map_exact(text, raw, smap):
    for norm_start, raw_start, length in smap.segments:
        assert text[norm_start : norm_start + length] == raw[raw_start : raw_start + length]
    for i, ch in enumerate(text):
        if not ch.isspace():
            assert raw[smap.to_source(i)] == ch, (i, ch)


# ---------------------------------------------------------------------- corpus


@pytest.mark.parametrize("name", sorted(CORPUS_LETTERS))
def test_corpus_document_ingests_with_its_date_and_identifier(name):
    doc = ingest_path(CORPUS / f"{name}.txt")
    assert (doc.meta.date, doc.id) == CORPUS_LETTERS[name]
    assert not doc.meta.unreadable
    assert doc.blocks and doc.text.strip()
    assert_map_exact(doc.text, (CORPUS / f"{name}.txt").read_text(encoding="utf-8"), doc.source_map)


def test_every_original_and_tune_corpus_file_is_covered():
    wanted = SPLIT["original"] + SPLIT["tune"]  # the blind half is never read here
    assert {Path(name).stem for name in wanted} == set(CORPUS_LETTERS)


def test_tk_page_reflows_hard_line_breaks():
    doc = ingest_path(CORPUS / "kst-21501-02-2157.txt")
    assert doc.meta.title == "Verslag videoconferentie Raad Buitenlandse Zaken van 22 april 2020"
    assert doc.meta.dossier == "21 501-02"
    assert doc.meta.number == "2157"
    assert (
        "Hierbij bied ik u het verslag van de videoconferentie Raad Buitenlandse Zaken van "
        "22 april 2020 aan." in block_texts(doc, "paragraph")
    )
    assert "Current Affairs" in block_texts(doc, "heading")
    # "EUR 15,6 mrd.1" loses its glued marker, COVID-19 keeps its number
    assert "EUR 15,6 mrd. het herschikken" in doc.text
    assert "COVID-19" in doc.text
    assert [(s.office, s.name) for s in doc.meta.signatories] == [
        ("minister van Buitenlandse Zaken", "S.A. Blok")
    ]


def test_markdown_export_with_pages_and_bracket_markers():
    doc = ingest_path(CORPUS / "ah-tk-20232024-387.txt")
    body = doc.text[: doc.body_end]
    assert doc.meta.number == "387"
    assert doc.meta.kind == "antwoord"
    assert [(s.office, s.name) for s in doc.meta.signatories] == [
        ("minister van Buitenlandse Zaken", "Bruins Slot")
    ]
    assert [f.number for f in doc.footnotes] == [str(n) for n in range(1, 10)]
    assert all(f.text and f.marker > 0 for f in doc.footnotes)
    assert "[1 ]" not in body and "-----" not in body and "h tk 20232024" not in body
    assert "#" not in body and "**" not in body
    # the sentence that runs over a page break (past two footnotes and the footer) is whole
    assert "op basis van feiten (12-10-2023)." in body
    assert "Vraag 1" in block_texts(doc, "heading")
    note8 = next(f for f in doc.footnotes if f.number == "8")
    assert note8.text == "Motie Bikker en Omtzigt, Kamerstuk 36 410, nr. 31"


def test_ob_page_metadata():
    doc = ingest_path(CORPUS / "kst-21501-33-939.txt")
    assert doc.meta.senders == ["minister voor Klimaat en Energie"]
    meeting = doc.meta.meeting
    assert meeting.name == "Energieraad"
    # "27 juni a.s." takes the year of the letter
    assert meeting.dates == (date(2022, 6, 27),)
    assert meeting.place == "Luxemburg"


def test_informal_meeting_over_several_days():
    doc = ingest_path(CORPUS / "kst-32317-703.txt")
    m = doc.meta.meeting
    assert m.informal and m.place == "Slovenië"
    assert m.dates == (date(2021, 7, 14), date(2021, 7, 15), date(2021, 7, 16))
    assert "van 2021." in doc.text  # "20211" lost its marker, the year stayed
    assert doc.meta.senders == [
        "minister van Justitie en Veiligheid",
        "minister voor Rechtsbescherming",
        "staatssecretaris van Justitie en Veiligheid",
    ]


# --------------------------------------------------------------- normalisation


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("in Luxemburg1. En", ["1"]),
        ("op 2 oktober jl.2 werd", ["2"]),
        ("EUR 15,6 mrd.1 het", ["1"]),
        ("tweede kwartaal van 20211. Voorts", ["1"]),
        ("de Terugkeerrichtlijn1 en", ["1"]),
        ("COVID-19, Fit-for-55, G7, A400M, CO2, 2019/1896 en 21 501-02", []),
        ("gezuiverd»[1 ] en", ["1"]),
    ],
)
def test_marker_candidates(text, numbers):
    assert [c.number for c in find_marker_candidates(text)] == numbers


def test_markers_must_follow_the_sequence():
    norm = normalise(
        "De EU27 en Luxemburg1 spraken.\n\nDe landen1 en de G7 en het art.5 en Italië2 ook.\n"
    )
    assert "Luxemburg spraken" in norm.text
    assert "landen1" in norm.text  # a second "1" is not the next marker
    assert "art.5" in norm.text
    assert "Italië ook" in norm.text
    assert [f.number for f in norm.footnotes] == ["1", "2"]


@pytest.mark.parametrize(
    ("before", "after", "join"),
    [
        ("onderhan-", "delingen", ""),
        ("informatie-", "uitwisseling", "-"),
        ("zee-", "egel", "-"),
        ("EU-", "lidstaten", "-"),
        ("Noord-", "Brabant", "-"),
        ("asiel-", "en migratiepact", "- "),
        ("nego-", "tiations", ""),
    ],
)
def test_hyphen_rule(before, after, join):
    assert hyphen_join(before, after) == join


def test_blank_line_paragraphs_and_list_items():
    raw = (
        "Inleiding\n\nDe Raad sprak over drie zaken:\n\n  • de begroting;\n\n"
        "  • de uitbreiding;\n\nTot slot iets anders.\n"
    )
    norm = normalise(raw)
    kinds = [(b.kind, norm.text[b.start : b.end]) for b in norm.blocks]
    assert kinds == [
        ("heading", "Inleiding"),
        ("paragraph", "De Raad sprak over drie zaken:"),
        ("list_item", "de begroting;"),
        ("list_item", "de uitbreiding;"),
        ("paragraph", "Tot slot iets anders."),
    ]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_normalise_never_crashes_and_maps_exactly(raw):
    norm = normalise(raw)
    assert_map_exact(norm.text, raw, norm.source_map)
    for i in range(len(norm.text) + 1):
        assert 0 <= norm.source_map.to_source(i) <= len(raw)
    for block in norm.blocks:
        assert 0 <= block.start <= block.end <= len(norm.text)


line_text = st.text(alphabet="abcdé XYZ-.,1234[]\u00a0\t", min_size=0, max_size=40)


@settings(max_examples=200, deadline=None)
@given(st.lists(line_text, max_size=30), st.sampled_from(["\n", "\n\n", "\r\n", "\n \n", "\f"]))
def test_normalise_line_structures(lines, sep):
    raw = sep.join(lines)
    norm = normalise(raw)
    assert_map_exact(norm.text, raw, norm.source_map)
    # nothing but whitespace is inserted, nothing but markup and markers is dropped
    kept = re.sub(r"\s", "", norm.text)
    assert len(kept) <= len(re.sub(r"\s", "", raw))


# ------------------------------------------------------------------ readers, bad input


def test_legacy_encoding_falls_back_with_a_warning(tmp_path):
    p = tmp_path / "oud.txt"
    p.write_bytes("Den Haag, 3 november 2025\n\nOekraïne en België.".encode("cp1252"))
    with pytest.warns(IngestWarning, match="cp1252"):
        doc = ingest_path(p)
    assert "Oekraïne en België." in doc.text


def test_utf16_with_bom(tmp_path):
    p = tmp_path / "utf16.txt"
    p.write_bytes("Den Haag, 3 november 2025\n\nTekst.".encode("utf-16"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        doc = ingest_path(p)
    assert doc.meta.date == date(2025, 11, 3)


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("leeg.txt", b"", "empty"),
        ("spaties.md", b"  \n\t\n ", "only whitespace"),
        ("binair.txt", bytes(range(256)) * 4, "binary"),
        ("brief.docx", b"PK\x03\x04 zip", "unsupported file type (.docx)"),
        ("zonder", b"tekst", "unsupported file type (no extension)"),
    ],
)
def test_bad_input_raises_one_clear_line(tmp_path, name, content, problem):
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(IngestError) as info:
        ingest_path(p)
    message = str(info.value)
    assert message.startswith(str(p)) and problem in message and "\n" not in message


def test_missing_and_unreadable_files(tmp_path):
    with pytest.raises(IngestError, match="no such file"):
        ingest_path(tmp_path / "weg.txt")
    p = tmp_path / "geheim.txt"
    p.write_text("tekst")
    p.chmod(0)
    try:
        if p.stat().st_mode & 0o444 == 0 and not _can_read(p):
            with pytest.raises(IngestError, match="permission denied"):
                ingest_path(p)
    finally:
        p.chmod(0o644)


def _can_read(p: Path) -> bool:
    try:
        p.read_bytes()
        return True
    except PermissionError:
        return False


def test_size_limit(tmp_path):
    p = tmp_path / "groot.txt"
    p.write_text("woord " * 2000)
    with pytest.raises(IngestError, match="over the 0 MB limit"):
        read_raw(p, max_bytes=1000)
    assert ingest_path(p, max_bytes=100_000).text.startswith("woord woord")


def test_iter_documents_walks_folders_once_and_goes_on_after_failures(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "een.txt").write_text("Den Haag, 1 juli 2024\n\nEen.")
    (tmp_path / "a" / ".verborgen.txt").write_text("Verborgen.")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("Verborgen.")
    (tmp_path / "a" / "notities.json").write_text("{}")
    (tmp_path / "leeg.txt").write_text("")
    (tmp_path / "twee.md").write_text("# Twee\n\nTekst twee.")
    results = list(
        iter_documents(
            [tmp_path, tmp_path / "twee.md", str(tmp_path / "*.md"), tmp_path / "weg.pdf"]
        )
    )
    docs = [r for r in results if not isinstance(r, IngestFailure)]
    failures = [r for r in results if isinstance(r, IngestFailure)]
    assert sorted(d.id for d in docs) == ["een", "twee"]
    assert sorted(Path(f.path).name for f in failures) == ["leeg.txt", "weg.pdf"]
    assert all(str(f).startswith(f.path) for f in failures)


# ------------------------------------------------------------------ more metadata


def test_english_council_outcome_header():
    doc = ingest_path(DATA / "ingest" / "council-outcome-fac.txt")
    meta = doc.meta
    assert (meta.language, meta.kind) == ("en", "council-text")
    assert (meta.date, meta.place) == (date(2025, 10, 14), "Luxembourg")
    assert meta.title == "Outcome of the Council Meeting"
    assert meta.meeting.name == "Foreign Affairs Council"
    assert meta.meeting.dates == (date(2025, 10, 14),)
    assert meta.meeting.place == "Luxembourg"
    assert doc.text[meta.meeting.start : meta.meeting.end] == "Foreign Affairs"
    headings = block_texts(doc, "heading")
    assert "OUTCOME OF THE COUNCIL MEETING" in headings and "CONTENTS" in headings


def test_meeting_named_after_its_date_and_signature_with_two_offices():
    from kg.ingest import document_from_text

    doc = document_from_text(
        "Nr. 12 BRIEF VAN DE MINISTER-PRESIDENT, MINISTER VAN ALGEMENE ZAKEN\n\n"
        "Den Haag, 20 juni 2024\n\n"
        "Op 27 en 28 juni vindt de Europese Raad plaats in Brussel. Hierbij ontvangt u de "
        "geannoteerde agenda.\n\n"
        "De Minister-President, Minister van Algemene Zaken,\nM. Rutte\n"
    )
    meeting = doc.meta.meeting
    assert meeting.name == "Europese Raad"
    assert meeting.dates == (date(2024, 6, 27), date(2024, 6, 28))
    assert [(s.office, s.name) for s in doc.meta.signatories] == [
        ("minister-president, Minister van Algemene Zaken", "M. Rutte")
    ]


@pytest.mark.parametrize(
    ("sentence", "name", "days"),
    [
        (
            "het verslag van de Landbouw- en Visserijraad van 23 en 24 juni 2025.",
            "Landbouw- en Visserijraad",
            [23, 24],
        ),
        ("de agenda van de RBZ van 23 juni 2025 in Luxemburg.", "RBZ", [23]),
        ("de formele Milieuraad van 17 juni 2025 in Luxemburg.", "Milieuraad", [17]),
        (
            "The Foreign Affairs Council on 23 June 2025 discussed Ukraine.",
            "Foreign Affairs Council",
            [23],
        ),
    ],
)
def test_council_names(sentence, name, days):
    from kg.ingest import document_from_text

    doc = document_from_text(f"Den Haag, 20 juni 2025\n\nHierbij ontvangt u {sentence}\n")
    assert doc.meta.meeting.name == name
    assert [d.day for d in doc.meta.meeting.dates] == days


def test_signature_with_an_empty_line_between_office_and_name():
    from kg.ingest import document_from_text

    doc = document_from_text(
        "Den Haag, 1 juli 2024\n\nTekst van de brief.\n\nDe Staatssecretaris van Justitie en "
        "Veiligheid,\n\nE. van der Burg\n\n’s-Gravenhage, 2 juli 2024\n"
    )
    assert [(s.office, s.name) for s in doc.meta.signatories] == [
        ("staatssecretaris van Justitie en Veiligheid", "E. van der Burg")
    ]


def test_place_with_an_apostrophe():
    from kg.ingest import document_from_text

    doc = document_from_text("’s-Gravenhage, 3 november 2025\n\nTekst.\n")
    assert (doc.meta.place, doc.meta.date) == ("’s-Gravenhage", date(2025, 11, 3))


def test_a_lost_marker_does_not_stop_the_sequence():
    norm = normalise("In Verordening 2019/18961 en de lidstaten2 en de landen3 en de G7.\n")
    assert "de lidstaten en de landen en de G7." in norm.text
    assert [f.number for f in norm.footnotes] == ["2", "3"]


def test_a_sentence_over_a_page_break_rendered_as_one_empty_line():
    line = "Het kabinet heeft in de Raad benadrukt dat de samenwerking met derde landen"
    raw = f"{line}\n\nverder moet worden versterkt.\n\nNieuwe alinea.\n"
    norm = normalise(raw)
    assert norm.text == f"{line} verder moet worden versterkt.\n\nNieuwe alinea."


def test_signatories_from_the_tk_signers_list():
    from kg.ingest import document_from_text

    doc = document_from_text(
        "Den Haag, 4 september 2025\n\nTekst van de brief.\n\nOndertekenaars\n\n"
        "Eerste ondertekenaar\n\nD.M. van Weel, minister van Justitie en Veiligheid\n\n"
        "Mede ondertekenaar\n\nM.C.G. Keijzer, minister voor Asiel en Migratie\n"
    )
    assert [(s.office, s.name) for s in doc.meta.signatories] == [
        ("minister van Justitie en Veiligheid", "D.M. van Weel"),
        ("minister voor Asiel en Migratie", "M.C.G. Keijzer"),
    ]


def test_folder_given_as_a_file(tmp_path):
    (tmp_path / "map.txt").mkdir()
    with pytest.raises(IngestError, match="is a folder"):
        ingest_path(tmp_path / "map.txt")


def test_soft_hyphen_at_a_line_end():
    norm = normalise("De onderhan\u00ad\ndelingen over de verordening lopen nog.\n")
    assert norm.text == "De onderhandelingen over de verordening lopen nog."


def test_markdown_links_and_images():
    norm = normalise(
        "# Kop\n\nZie ![logo](logo.png)het [verslag](https://example.org/v.pdf) van de Raad.\n"
    )
    assert norm.text == "Kop\n\nZie het verslag van de Raad."
    assert norm.blocks[0].kind == "heading"


@pytest.mark.parametrize(
    "paragraph",
    [
        "The Council agreed on a general approach on the directive. The approach covers the articl",
        "Op 19 december vindt de Europese Raad in Brussel plaats. Op het moment van schrijven",
        "De ER zal stilstaan bij de oorlog in Oekraïne. De inzet van het kabinet",
    ],
)
def test_a_short_block_of_two_sentences_is_running_text_not_a_heading(paragraph):
    # texts cut off mid-sentence (excerpts, page limits) end without a full stop
    norm = normalise(f"Environmental crime\n\n{paragraph}\n")
    assert [b.kind for b in norm.blocks] == ["heading", "paragraph"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="#*•-–_[]()!\u00ad\x0c\r\n\t 0123456789aeiouXYZ.,;:»", max_size=300))
def test_normalise_markup_soup(raw):
    norm = normalise(raw)
    assert_map_exact(norm.text, raw, norm.source_map)
    assert norm.body_end <= len(norm.text)
    for note in norm.footnotes:
        assert norm.text[note.start : note.end] == note.text
        assert -1 <= note.marker <= norm.body_end
