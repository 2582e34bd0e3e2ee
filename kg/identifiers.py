"""Official identifiers of parliamentary papers and Council documents, and their public pages.

The forms are those of officielebekendmakingen.nl (``dcterms:identifier`` in
its open data): a Kamerstuk is ``kst-<dossier>-<number>`` (Eerste Kamer papers
carry letters instead of a number: ``kst-21501-07-DI``), an answer to written
questions in the Aanhangsel van de Handelingen ``ah-tk-<session>-<number>``.
The Tweede Kamer's own document numbers (``2025D13965``) and Council document
numbers (``ST 9876/19``, ``EUCO 15/24``) are identifiers too.

>>> kamerstuk_id("32 317", "975"), kamerstuk_id("21 501-02", "2035"), kamerstuk_id("36 200 VI", "33")
('kst-32317-975', 'kst-21501-02-2035', 'kst-36200-VI-33')
>>> aanhangsel_id("2023–2024", "387")
'ah-tk-20232024-387'
>>> page_of("kst-32317-975")
'https://zoek.officielebekendmakingen.nl/kst-32317-975.html'
>>> page_of("2025D13965")
'https://www.tweedekamer.nl/kamerstukken/detail?id=2025D13965&did=2025D13965'
>>> from_file_name("nl-kst-21501-07-DI"), from_file_name("nl-tkconv-2025D13965"), from_file_name("brief")
('kst-21501-07-DI', '2025D13965', None)
"""

from __future__ import annotations

import re

__all__ = [
    "AANHANGSEL",
    "KAMERSTUK",
    "TK_DOCUMENT",
    "aanhangsel_id",
    "compact_dossier",
    "council_document_id",
    "from_file_name",
    "is_official",
    "kamerstuk_id",
    "page_of",
]

#: A dossier as an identifier writes it: "32317", "21501-02", "36200-VI".
_DOSSIER_ID = r"\d{5}(?:-(?:\d{2}|[IVXLC]{1,6}))?"
#: A paper's number: digits, or the letters of an Eerste Kamer paper ("KX", "DI").
_PAPER_NR = r"(?:\d{1,5}|[A-Z]{1,3})"

KAMERSTUK = re.compile(rf"kst-(?P<dossier>{_DOSSIER_ID})-(?P<nr>{_PAPER_NR})")
AANHANGSEL = re.compile(
    r"ah-(?P<chamber>tk|ek)-(?P<session>(?:19|20)\d\d(?:19|20)\d\d)-(?P<nr>\d{1,5})"
)
TK_DOCUMENT = re.compile(r"(?:19|20)\d\dD\d{5}")
#: "ST 9876/19", "ST 9876/19 REV 1", "EUCO 15/24".
COUNCIL_DOCUMENT = re.compile(
    r"(?P<series>ST|EUCO)\s?(?P<nr>\d{1,5})/(?P<yy>\d{2})(?P<suffix>(?:\s(?:REV|ADD|COR)\s?\d{1,2})*)"
)

_OB_PAGE = "https://zoek.officielebekendmakingen.nl/{}.html"
_TK_PAGE = "https://www.tweedekamer.nl/kamerstukken/detail?id={0}&did={0}"
_IN_NAME = re.compile(
    rf"(?:^|[^A-Za-z0-9])(?P<id>kst-{_DOSSIER_ID}-{_PAPER_NR}|ah-(?:tk|ek)-\d{{8}}-\d{{1,5}}|"
    r"(?:19|20)\d\dD\d{5})$"
)


def compact_dossier(dossier: str) -> str | None:
    """A dossier number in identifier form: ``"21 501-02"`` -> ``"21501-02"``.

    >>> compact_dossier("32 317"), compact_dossier("21501 02"), compact_dossier("36 200 VI")
    ('32317', '21501-02', '36200-VI')
    >>> compact_dossier("nr. 3") is None
    True
    """
    m = re.fullmatch(
        r"(\d{2})\s?(\d{3})(?:\s*[-\s]\s*(\d{2}|[IVXLC]{1,6}))?", " ".join(dossier.split())
    )
    if not m:
        return None
    return f"{m.group(1)}{m.group(2)}" + (f"-{m.group(3)}" if m.group(3) else "")


def kamerstuk_id(dossier: str, number: str) -> str | None:
    """The identifier of Kamerstuk ``number`` in ``dossier``, or None when either is malformed."""
    compact = compact_dossier(dossier)
    nr = number.strip()
    if compact is None or not re.fullmatch(_PAPER_NR, nr):
        return None
    return f"kst-{compact}-{nr.lstrip('0') or '0'}" if nr.isdigit() else f"kst-{compact}-{nr}"


def aanhangsel_id(session: str, number: str, chamber: str = "tk") -> str | None:
    """The identifier of answer ``number`` in the Aanhangsel of ``session`` ("2023–2024")."""
    years = re.findall(r"(?:19|20)\d\d", session)
    if len(years) != 2 or int(years[1]) != int(years[0]) + 1 or not number.strip().isdigit():
        return None
    return f"ah-{chamber}-{years[0]}{years[1]}-{int(number)}"


def council_document_id(text: str) -> str | None:
    """A Council document number in its canonical spelling.

    >>> council_document_id("ST  9876/19 rev 1"), council_document_id("doc. 9876/19")
    ('ST 9876/19 REV 1', 'ST 9876/19')
    """
    written = re.sub(r"^DOC\.\s?", "ST ", " ".join(text.split()).upper())
    m = COUNCIL_DOCUMENT.fullmatch(written)
    if not m:
        return None
    suffix = " ".join(
        f"{kind} {nr}" for kind, nr in re.findall(r"(REV|ADD|COR)\s?(\d{1,2})", m.group("suffix"))
    )
    return f"{m.group('series')} {int(m.group('nr'))}/{m.group('yy')}" + (
        f" {suffix}" if suffix else ""
    )


def is_official(identifier: str) -> bool:
    """True for identifiers kept verbatim in IRIs: Kamerstukken, Aanhangsel, TK documents.

    >>> is_official("kst-32317-KX"), is_official("ah-tk-20232024-387"), is_official("brief")
    (True, True, False)
    """
    return bool(
        KAMERSTUK.fullmatch(identifier)
        or AANHANGSEL.fullmatch(identifier)
        or TK_DOCUMENT.fullmatch(identifier)
    )


def page_of(identifier: str) -> str | None:
    """The public page of an identifier: officielebekendmakingen.nl or tweedekamer.nl.

    Council document numbers have no page here: the register's addresses are
    not stable enough to promise one.
    """
    if KAMERSTUK.fullmatch(identifier) or AANHANGSEL.fullmatch(identifier):
        return _OB_PAGE.format(identifier)
    if TK_DOCUMENT.fullmatch(identifier):
        return _TK_PAGE.format(identifier)
    return None


def from_file_name(stem: str) -> str | None:
    """An official identifier that ends a file name (``nl-kst-32317-970``), else None."""
    m = _IN_NAME.search(stem)
    return m.group("id") if m else None
