"""Metadata parsing never loses a document (issue 12, "Nothing lost").

A letter of the hidden set was lost whole: its meeting date read "(OJCS-Raad)
van 29 en 30 november 2021" in an upper-case heading and ingestion stopped with
``ValueError: invalid literal for int() with base 10: '29 EN 30'``. Day lists
and ranges are now read in every form, and every field is read under a guard: a
field that cannot be read is left empty with one warning naming the file and
the field. Hypothesis feeds generated date phrases and letter heads through it.
"""

from __future__ import annotations

import warnings
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import kg.ingest.metadata as metadata_module
from kg.ingest import IngestWarning, document_from_text, ingest_path
from kg.ingest.dates import find_dates

SETTINGS = settings(
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

NL = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus"]
NL += ["september", "oktober", "november", "december"]
EN = ["January", "February", "March", "April", "May", "June", "July", "August"]
EN += ["September", "October", "November", "December"]

LOST_LETTER = """21 501-34 Raad voor Onderwijs, Jeugd, Cultuur en Sport

Nr. 368 BRIEF VAN DE MINISTER VAN ONDERWIJS, CULTUUR EN WETENSCHAP

Aan de Voorzitter van de Tweede Kamer der Staten-Generaal

Den Haag, 15 november 2021

GEANNOTEERDE AGENDA VAN DE RAAD VOOR ONDERWIJS, JEUGD, CULTUUR EN SPORT (OJCS-RAAD) VAN 29 EN 30 NOVEMBER 2021

Hierbij bied ik u de geannoteerde agenda aan van de Raad voor Onderwijs, Jeugd, Cultuur en Sport (OJCS-Raad) van 29 en 30 november 2021.
"""


def read(raw: str, source: str = "generated.txt"):
    """The document and the metadata warnings of ``raw``, read as if from ``source``."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        doc = document_from_text(raw, doc_id="generated", source=source)
    notes = [str(w.message) for w in caught if issubclass(w.category, IngestWarning)]
    return doc, [n for n in notes if "could not be read" in n]


def test_the_lost_letter_is_kept_with_its_meeting(tmp_path):
    path = tmp_path / "ojcs.txt"
    path.write_text(LOST_LETTER, encoding="utf-8")
    doc = ingest_path(path)
    assert doc.id == "kst-21501-34-368"
    assert doc.meta.meeting.dates == (date(2021, 11, 29), date(2021, 11, 30))
    assert doc.meta.date == date(2021, 11, 15) and not doc.meta.unreadable


@pytest.mark.parametrize(
    ("phrase", "year", "days"),
    [
        ("29 en 30 november 2021", None, ["2021-11-29", "2021-11-30"]),
        ("VAN 29 EN 30 NOVEMBER 2021", None, ["2021-11-29", "2021-11-30"]),
        ("29-30 november", 2021, ["2021-11-29", "2021-11-30"]),
        ("29 november - 1 december", 2021, ["2021-11-29", "2021-11-30", "2021-12-01"]),
        ("29-30 November 2021", None, ["2021-11-29", "2021-11-30"]),
        ("03-04/05/2021", None, ["2021-05-03", "2021-05-04"]),
        ("9 and 10 June 2022", None, ["2022-06-09", "2022-06-10"]),
        ("June 9-10, 2022", None, ["2022-06-09", "2022-06-10"]),
        ("10 tot en met 12 januari 2024", None, ["2024-01-10", "2024-01-11", "2024-01-12"]),
        (
            "30 december - 2 januari 2026",
            None,
            ["2025-12-30", "2025-12-31", "2026-01-01", "2026-01-02"],
        ),
        ("13 14 oktober 2025", None, ["2025-10-13", "2025-10-14"]),
    ],
)
def test_day_lists_and_ranges_in_every_form(phrase, year, days):
    (found,) = find_dates(phrase, year)
    assert [d.isoformat() for d in found[0]] == days


@st.composite
def date_phrases(draw) -> tuple[str, int | None, list[date]]:
    """A date phrase in one of the forms letters use, with the days it names."""
    first = draw(st.dates(min_value=date(1995, 1, 1), max_value=date(2035, 12, 1)))
    length = draw(st.integers(1, 4))
    days = [first + timedelta(days=k) for k in range(length)]
    last = days[-1]
    form = draw(st.sampled_from(["list", "range", "words", "en", "en-first", "numeric", "cross"]))
    case = draw(st.sampled_from([str, str.upper, str.title]))
    year: int | None = first.year
    month, month_en = NL[first.month - 1], EN[first.month - 1]
    if (
        form in ("list", "range", "words", "en", "en-first", "numeric")
        and last.month != first.month
    ):
        days, last = [first], first
    nums = [str(d.day) for d in days]
    if form == "list":
        text = (
            ", ".join(nums[:-1]) + " en " + nums[-1] if len(nums) > 1 else nums[0]
        ) + f" {month}"
    elif form == "range":
        text = f"{nums[0]}-{nums[-1]} {month}" if len(nums) > 1 else f"{nums[0]} {month}"
    elif form == "words":
        text = f"{nums[0]} tot en met {nums[-1]} {month}" if len(nums) > 1 else f"{nums[0]} {month}"
    elif form == "en":
        text = f"{nums[0]}–{nums[-1]} {month_en}" if len(nums) > 1 else f"{nums[0]} {month_en}"
    elif form == "en-first":
        text = (
            f"{month_en} {nums[0]}-{nums[-1]}, {first.year}"
            if len(nums) > 1
            else f"{month_en} {nums[0]}, {first.year}"
        )
    elif form == "numeric":
        text = (
            f"{first.day:02d}-{last.day:02d}/{first.month:02d}/{first.year}"
            if len(nums) > 1
            else f"{first.day:02d}/{first.month:02d}/{first.year}"
        )
    else:
        text = f"{first.day} {month} - {last.day} {NL[last.month - 1]}"
    if form not in ("en-first", "numeric") and draw(st.booleans()):
        text += f" {last.year}"
        year = None
    return case(text), year, days


@settings(SETTINGS, max_examples=300)
@given(date_phrases(), st.sampled_from(["", "van ", "op ", "(OJCS-Raad) van ", "Justice ("]))
@example(
    ("29 EN 30 NOVEMBER 2021", None, [date(2021, 11, 29), date(2021, 11, 30)]), "(OJCS-RAAD) VAN "
)
def test_generated_date_phrases_read_back_to_their_days(phrase, lead):
    text, year, days = phrase
    found = find_dates(lead + text, year)
    assert found, text
    assert list(found[0][0]) == days, text


#: Pieces of letter heads: good ones, odd ones and broken ones.
HEAD_PIECES = [
    "32 317 JBZ-Raad",
    "21 501-02 Raad Algemene Zaken en Raad Buitenlandse Zaken",
    "36 200 VI Vaststelling van de begrotingsstaten",
    "Nr. 975 BRIEF VAN DE MINISTER VAN JUSTITIE EN VEILIGHEID",
    "KX BRIEF VAN DE MINISTERS VAN JUSTITIE EN VEILIGHEID",
    "Nr. BRIEF VAN",
    "Brief regering : Geannoteerde agenda JBZ-Raad 12-13 juni 2025",
    "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal",
    "Den Haag, 3 november 2025",
    "Den Haag, 31 februari 2025",
    "Den Haag, 3 novembre 2025",
    "Datum 3 november 2025",
    "Datum 44 november 2025",
    "Betreft Verslag JBZ-Raad",
    "Vergaderjaar 2023–2024 Aanhangsel van de Handelingen",
    "Nummer: 2025D13965, datum: 2025-03-31, bijgewerkt: 2025-04-07",
    "Nummer: 2025D13965, datum: 2025-13-45",
    "Onderdeel van kamerstukdossier 21501 02-3180 Raad Algemene Zaken .",
    "officiële HTML versie (kst-21501-07-1602)",
    "Luxembourg, 9 June 2022",
    "Justice (9 June 2022)",
    "Home affairs (31 June 2022)",
    "EUCO 15/24 – CO EUR 12",
    "De Minister van Justitie en Veiligheid,\nD.M. van Weel",
    "Antwoord van Minister Bruins Slot (Buitenlandse Zaken)",
]


@st.composite
def letter_heads(draw) -> tuple[str, str]:
    """A letter head of pieces and arbitrary text, then a sentence naming a meeting."""
    pieces = draw(
        st.lists(st.one_of(st.sampled_from(HEAD_PIECES), st.text(max_size=30)), max_size=10)
    )
    phrase, _, _ = draw(date_phrases())
    council = draw(
        st.sampled_from(
            ["JBZ-Raad", "Raad Buitenlandse Zaken (RBZ)", "Ecofinraad", "OJCS-RAAD", "Council"]
        )
    )
    body = f"Hierbij ontvangt u het verslag van de {council} van {phrase} in Luxemburg."
    name = draw(
        st.sampled_from(
            ["brief.txt", "nl-kst-21501-07-DI.txt", "nl-tkconv-2025D13965.txt", "x.pdf"]
        )
    )
    return "\n\n".join([*pieces, body]), name


@settings(SETTINGS, max_examples=150)
@given(letter_heads())
@example(
    (
        "32 317 JBZ-Raad\n\nNr. 1 BRIEF\n\nDen Haag, 31 februari 2025\n\n"
        "Hierbij ontvangt u het verslag van de JBZ-Raad van 29 EN 30 NOVEMBER 2021.",
        "brief.txt",
    )
)
def test_generated_letter_heads_keep_the_document(head):
    raw, name = head
    doc, notes = read(raw, source=name)
    assert "Hierbij ontvangt u het verslag" in doc.text  # the document is kept
    meta = doc.meta
    # one warning per unreadable field, naming the file and the field, and the field empty
    assert len(notes) == len(meta.unreadable) == len(set(meta.unreadable))
    for field, note in zip(meta.unreadable, notes, strict=True):
        assert note.startswith(f"{name}: the {field} could not be read (")
        assert note.endswith("; left empty")
    if "date" in meta.unreadable:
        assert meta.date is None and meta.place is None
    if meta.date is not None:
        assert date(1900, 1, 1) <= meta.date <= date(2100, 12, 31)
    if meta.meeting is not None:
        assert meta.meeting.dates and list(meta.meeting.dates) == sorted(meta.meeting.dates)


def test_a_date_that_does_not_exist_is_left_empty_with_a_warning():
    doc, notes = read(
        "32 317 JBZ-Raad\n\nNr. 970 BRIEF\n\nDen Haag, 31 februari 2025\n\nTekst.", "b.txt"
    )
    assert doc.meta.date is None and doc.meta.unreadable == ["date"]
    assert notes == [
        "b.txt: the date could not be read ('31 februari 2025' is not a date); left empty"
    ]
    assert doc.id == "kst-32317-970"  # everything else is read


def test_a_failing_field_reader_loses_only_its_field(monkeypatch, tmp_path):
    def broken(head):
        raise RuntimeError("reader bug")

    monkeypatch.setattr(metadata_module, "_number", broken)  # stands for any reader that breaks
    path = tmp_path / "brief.txt"
    path.write_text(LOST_LETTER, encoding="utf-8")
    with pytest.warns(IngestWarning) as caught:
        doc = ingest_path(path)
    assert [str(w.message) for w in caught] == [
        f"{path}: the number could not be read (RuntimeError: reader bug); left empty"
    ]
    assert doc.meta.number is None and doc.meta.unreadable == ["number"]
    assert doc.meta.dossier == "21 501-34" and doc.meta.date == date(2021, 11, 15)
    assert doc.id == "brief"  # no number, no official identifier: named by its file
