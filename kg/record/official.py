"""Which official identifiers a letter has, read from its metadata, head and file name.

In order of trust: the dossier and number the head prints ("32 317 JBZ-Raad ...
Nr. 975"), an Aanhangsel number with its session, an identifier written in the
head ("officiële HTML versie (kst-21501-07-1602)"), an identifier the file is
named by (``nl-kst-21501-07-DI.txt``), and, for a report or annotated agenda
that prints its number but no dossier line, the one dossier that follows its
Council configuration (a JBZ-Raad report is filed in 32 317). The Tweede
Kamer's document number (``Nummer: 2025D13965``) and a Council document number
(``EUCO 15/24``) follow.

>>> from kg.document import Metadata
>>> found = official_identifiers(Metadata(number="975", dossier="32 317"), "", "brief")
>>> found.identifiers, found.dossier
(['kst-32317-975'], '32 317')
>>> found = official_identifiers(Metadata(), "", "nl-kst-21501-07-DI")
>>> found.identifiers, found.dossier, found.number
(['kst-21501-07-DI'], '21 501-07', 'DI')
>>> official_identifiers(Metadata(), "Nummer: 2025D13965, datum: 2025-03-31", "x").identifiers
['2025D13965']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.document import Metadata
from kg.identifiers import (
    AANHANGSEL,
    KAMERSTUK,
    TK_DOCUMENT,
    aanhangsel_id,
    council_document_id,
    from_file_name,
    kamerstuk_id,
)
from kg.record.dossiers import spaced

_EXPLICIT = re.compile(
    r"(?<![\w-])(kst-\d{5}(?:-(?:\d{2}|[IVXLC]{1,6}))?-(?:\d{1,5}|[A-Z]{1,3})"
    r"|ah-(?:tk|ek)-\d{8}-\d{1,5})(?![\w-])"
)
_TK_NUMBER = re.compile(r"\bNummer:\s*((?:19|20)\d\dD\d{5})\b")
_COUNCIL_HEAD = re.compile(
    r"^[ \t]*((?:EUCO|ST)\s?\d{1,5}/\d{2}(?:\s(?:REV|ADD|COR)\s?\d{1,2})*)(?![\w/])", re.MULTILINE
)
#: Letters whose dossier follows from the meeting they prepare or report on.
_MEETING_LETTERS = ("verslag", "geannoteerde-agenda")


@dataclass
class Official:
    """A letter's identifiers (the official one first), and its dossier and number, also
    where only an identifier or the meeting gave them."""

    identifiers: list[str] = field(default_factory=list)
    dossier: str | None = None
    number: str | None = None

    def add(self, identifier: str | None) -> None:
        if identifier and identifier not in self.identifiers:
            self.identifiers.append(identifier)

    @property
    def has_paper(self) -> bool:
        """Whether a Kamerstuk or Aanhangsel identifier was found."""
        return any(KAMERSTUK.fullmatch(i) or AANHANGSEL.fullmatch(i) for i in self.identifiers)


def official_identifiers(meta: Metadata, head_text: str, file_stem: str) -> Official:
    """The identifiers of a letter with metadata ``meta``, head text and file name stem."""
    found = Official(dossier=meta.dossier, number=meta.number)
    if meta.dossier and meta.number:
        found.add(kamerstuk_id(meta.dossier, meta.number))
    if meta.kind == "antwoord" and meta.session and meta.number and "Aanhangsel" in head_text:
        chamber = "ek" if "Eerste Kamer" in head_text else "tk"
        found.add(aanhangsel_id(meta.session, meta.number, chamber))
    if not found.has_paper:
        explicit = _EXPLICIT.search(head_text)
        found.add(explicit.group(1) if explicit else None)
    named = from_file_name(file_stem)
    if not found.has_paper and named and not TK_DOCUMENT.fullmatch(named):
        found.add(named)
    if not found.has_paper and meta.number and not meta.dossier:
        inferred = _dossier_of_meeting(meta)
        if inferred:
            found.dossier = inferred
            found.add(kamerstuk_id(inferred, meta.number))
    paper = next(
        (KAMERSTUK.fullmatch(i) for i in found.identifiers if KAMERSTUK.fullmatch(i)), None
    )
    if paper and not found.dossier:
        found.dossier = spaced(paper.group("dossier"))
        found.number = found.number or paper.group("nr")
    for number in _TK_NUMBER.findall(head_text):
        found.add(number)
    if named and TK_DOCUMENT.fullmatch(named):
        found.add(named)
    if meta.language == "en":
        for written in _COUNCIL_HEAD.findall(head_text[:1500]):
            found.add(council_document_id(written))
    return found


def _dossier_of_meeting(meta: Metadata) -> str | None:
    if meta.kind not in _MEETING_LETTERS or meta.meeting is None:
        return None
    from kg.record.dossiers import dossier_for_council  # loads reference data: only when needed

    filed = dossier_for_council(meta.meeting.abbreviation or meta.meeting.name)
    if filed is None and meta.meeting.abbreviation:
        filed = dossier_for_council(meta.meeting.name)
    return filed.number if filed else None
