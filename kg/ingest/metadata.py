"""What a letter says about itself: number, dossier, title, date, senders, signatories, meeting.

Everything is read from the normalised text and its blocks; every span points
into ``Document.text``.

>>> text = ("32 317 JBZ-Raad\\n\\nNr. 970 BRIEF VAN DE MINISTER VAN ASIEL EN MIGRATIE\\n\\n"
...         "Den Haag, 4 september 2025\\n\\nHierbij bied ik u het verslag aan van de informele "
...         "JBZ-Raad van 22 en 23 juli 2025 in Kopenhagen.\\n\\n"
...         "De Minister van Asiel en Migratie,\\nD.M. van Weel")
>>> norm = normalise(text)
>>> meta = extract_metadata(norm.text, norm.blocks)
>>> meta.number, meta.dossier, meta.date.isoformat(), meta.place, meta.senders
('970', '32 317', '2025-09-04', 'Den Haag', ['minister van Asiel en Migratie'])
>>> [(s.office, s.name) for s in meta.signatories]
[('minister van Asiel en Migratie', 'D.M. van Weel')]
>>> m = meta.meeting; (m.name, [d.day for d in m.dates], m.place, m.informal)
('JBZ-Raad', [22, 23], 'Kopenhagen', True)
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from kg.document import Block, MeetingRef, Metadata, Signatory
from kg.ingest.dates import MONTHS, find_dates, parse_date, shift_year_after
from kg.ingest.readers import IngestWarning
from kg.ingest.reflow import NAME, normalise, split_signature_line  # noqa: F401
from kg.record.official import official_identifiers

_LOWER_WORDS = frozenset(
    [
        "van",
        "voor",
        "en",
        "de",
        "het",
        "der",
        "den",
        "te",
        "in",
        "op",
        "of",
        "and",
        "the",
        "for",
        "minister",
        "ministers",
        "staatssecretaris",
        "staatssecretarissen",
        "brief",
    ]
)
_ROLE = re.compile(
    r"\b(minister-president|ministers?|staatssecretaris(?:sen)?|premier)\b", re.IGNORECASE
)
_NUMBER = re.compile(r"\bNr\.\s*(\d{1,5})\b")
_DOSSIER = re.compile(r"^(\d{2} \d{3}(?:-[A-Z]?\d{1,3}|\s[IVXLC]{1,6}(?=\s))?)\b")
#: Eerste Kamer papers carry letters instead of a number: "KX BRIEF VAN DE MINISTERS ...".
_EK_NUMBER = re.compile(r"^([A-Z]{1,3}) (?:BRIEF|MEMORIE|NOTA|VERSLAG|MOTIE)\b")
#: tweedekamer.nl: "Onderdeel van kamerstukdossier 21501 02-3180 Raad Algemene Zaken ...".
_TK_DOSSIER = re.compile(
    r"kamerstukdossier\s+(?P<main>\d{5})(?:\s+(?P<sub>\d{2}))?-(?P<nr>\d{1,5})\b(?P<title>[^\n]*)",
    re.IGNORECASE,
)
_TK_DATE = re.compile(r"\bNummer:\s*(?:19|20)\d\dD\d{5},\s*datum:\s*((?:19|20)\d\d-\d\d-\d\d)\b")
_SESSION = re.compile(r"\bVergaderjaar\s+((?:19|20)\d\d)\s*[–—-]\s*((?:19|20)\d\d)", re.IGNORECASE)
_MONTH_WORD = re.compile(r"\b(?:" + "|".join(MONTHS) + r")\b", re.IGNORECASE)
#: A day heading of a Council text: "Justice (9 June 2022)", "Home affairs (Friday 10 June 2022)".
_EN_DAY = re.compile(
    r"^(?P<part>[A-Z][A-Za-z ,&-]{2,60}?)\s*\((?:[A-Z][a-z]+day,?\s+)?"
    r"(?P<date>\d{1,2}\s+[A-Z][a-z]+\s+(?:19|20)\d\d)\)$"
)
_PLACE_DATE = re.compile(
    r"^(?P<place>(?:[’']s-)?[A-Z][\w'’.-]*(?: [\w'’.-]+){0,3}), (?P<date>(?:\d{1,2} \w+ \d{4}|\w+ \d{1,2}, \d{4}))"
)
_RECEIVED = re.compile(r"\(ontvangen\s+(\d{1,2}\s+\w+\s+\d{4})\)?")
_ANSWER_BY = re.compile(
    r"Antwoord van (?:de )?(?P<role>[Mm]inister(?:-[Pp]resident)?|[Ss]taatssecretaris)\s+"
    r"(?P<name>[A-Z][\w'’-]+(?:\s+(?:(?:van|de|der|den|ter|ten)\s+)*[A-Z][\w'’-]+)*)\s*"
    r"\((?P<portfolio>[^)]{3,80})\)"
)
#: Rijksoverheid letter heads: "Datum 3 november 2025", "Betreft Verslag JBZ-Raad".
_DATE_FIELD = re.compile(r"^Datum:?\s+(\d{1,2}\s+\w+\s+\d{4})\b")
_SUBJECT = re.compile(r"^(?:Betreft|Onderwerp):?\s+(\S.{3,300})$")
_TITLE_TK = re.compile(r"^Brief regering ?: ?(?P<title>.+)$")
_TITLE_LETTER = re.compile(
    r"^(?:(?:Nr\. ?\d+|[A-Z]{1,3}) +)?(?P<title>(?:BRIEF VAN|Brief van)\b.+)$", re.DOTALL
)

# Council names: "Raad Justitie en Binnenlandse Zaken (JBZ-Raad)", "Energieraad", "JBZ-Raad",
# "Eurogroep", "Europese Raad", "Foreign Affairs Council", "Raad WSBVC".
_CAP = r"[A-Z][\w’'-]*"
_COUNCIL = re.compile(
    r"(?P<informal>\b(?:informele|informal|extra|formele|ingelaste)\s+(?:videoconferentie\s+(?:van\s+de\s+)?)?)?"
    r"(?P<name>"
    r"\bRaad\s+(?:voor\s+(?:de\s+)?)?" + _CAP + r"(?:\s+(?:en\s+)?" + _CAP + r")*"
    r"(?:(?:,\s+" + _CAP + r"(?:\s+" + _CAP + r")*)+\s+en\s+" + _CAP + r"(?:\s+" + _CAP + r")*)?"
    r"|\b(?:Europese Raad|Eurogroep|Eurotop|Gymnich|Eurogroup|European Council)\b"
    r"|\b(?:RBZ|RAZ|Ecofin|ECOFIN|EPSCO|TTE|AGRIFISH|OJCS|COMPET)\b"
    r"|\b[A-Z][a-z]+- en [A-Za-z]+raad\b"
    r"|\b(?:[A-Z][\w]*-)?[A-Z][a-z]*[a-z]raad\b"
    r"|\b[A-Z]{2,6}-[Rr]aad\b"
    r"|\b(?:" + _CAP + r"(?:,?\s+(?:and\s+)?" + _CAP + r")*\s+)?Council\b"
    r")"
    r"(?:\s*\((?P<abbr>[^()]{2,25})\))?"
)
#: Heads of Council documents that name the institution, not the document.
_BOILERPLATE_HEAD = re.compile(
    r"^(?:Council of the European Union|Raad van de Europese Unie|General Secretariat|"
    r"Tweede Kamer der Staten-Generaal|Vergaderjaar|PRESSE|PR CO|\d)",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z])")
_PLACE_AFTER = re.compile(
    r"^(?:\s*(?:a\.s\.|jl\.))?[^.;]{0,60}?\b(?:in|te)\s+(?P<place>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)"
)
_NL_WORDS = frozenset(
    [
        "de",
        "het",
        "een",
        "van",
        "en",
        "in",
        "is",
        "dat",
        "op",
        "te",
        "voor",
        "met",
        "niet",
        "zijn",
        "wordt",
        "aan",
    ]
)
_EN_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "is",
        "that",
        "on",
        "for",
        "with",
        "be",
        "was",
        "are",
        "by",
        "this",
        "as",
    ]
)


def smart_case(text: str) -> str:
    """Upper-case headings in reading case: ``"BRIEF VAN DE MINISTER VAN FINANCIËN"``.

    >>> smart_case("BRIEF VAN DE MINISTER VAN FINANCIËN")
    'Brief van de minister van Financiën'
    >>> smart_case("Brief van de minister van Financiën")
    'Brief van de minister van Financiën'
    """
    letters = [c for c in text if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return text
    words = [w if w.lower() in _LOWER_WORDS else w.capitalize() for w in text.lower().split()]
    out = " ".join(words)
    return out[:1].upper() + out[1:]


def _singular(role: str) -> str:
    role = role.lower()
    return {"ministers": "minister", "staatssecretarissen": "staatssecretaris"}.get(role, role)


def parse_senders(heading: str) -> list[str]:
    """The offices named in a letter heading, one per portfolio.

    >>> parse_senders("Brief van de ministers van Justitie en Veiligheid en van Asiel en Migratie")
    ['minister van Justitie en Veiligheid', 'minister van Asiel en Migratie']
    >>> parse_senders("BRIEF VAN DE MINISTER VOOR RECHTSBESCHERMING EN DE STAATSSECRETARIS VAN FINANCIËN")
    ['minister voor Rechtsbescherming', 'staatssecretaris van Financiën']
    """
    text = smart_case(" ".join(heading.split()))
    matches = list(_ROLE.finditer(text))
    out: list[str] = []
    for k, m in enumerate(matches):
        end = matches[k + 1].start() if k + 1 < len(matches) else len(text)
        seg = text[m.end() : end]
        seg = re.sub(r"\s+en(?:\s+van)?\s+(?:de|het)\s*$", "", seg).strip(" ,")
        role = _singular(m.group(1))
        for portfolio in re.split(r"\s+en\s+(?=(?:van|voor)\s)", seg):
            portfolio = portfolio.strip(" ,")
            office = f"{role} {portfolio}" if portfolio else role
            if office not in out:
                out.append(office)
    return out


def _office(text: str) -> str:
    """``"De Minister van Financiën"`` -> ``"minister van Financiën"``."""
    text = re.sub(r"^(?:De|de|The|the)\s+", "", " ".join(text.split())).strip(" ,")
    m = _ROLE.match(text)
    if m:
        return _singular(m.group(1)) + text[m.end() :]
    return text


def _signatories(text: str, blocks: list[Block]) -> list[Signatory]:
    out: list[Signatory] = []
    for block in blocks:
        if block.kind != "signature":
            continue
        lines = text[block.start : block.end].split("\n")
        offsets = []
        pos = block.start
        for line in lines:
            offsets.append(pos)
            pos += len(line) + 1
        for k, line in enumerate(lines):
            parts = split_signature_line(line)
            if not parts:
                continue
            office, name = parts
            if name is not None:
                at = offsets[k] + line.rindex(name)
            elif k + 1 < len(lines) and NAME.fullmatch(lines[k + 1].strip()):
                name = lines[k + 1].strip()
                at = offsets[k + 1] + lines[k + 1].index(name)
            else:
                continue
            out.append(Signatory(name, _office(office), at, at + len(name)))
    return out


def _answer_signatories(text: str, limit: int) -> list[Signatory]:
    out = []
    for m in _ANSWER_BY.finditer(text, 0, limit):
        portfolio = " ".join(m.group("portfolio").split())
        office = f"{_singular(m.group('role'))} van {portfolio}"
        name = " ".join(m.group("name").split())
        out.append(Signatory(name, office, m.start("name"), m.end("name")))
    return out


_WIDGET = re.compile(
    r"(?:Eerste |Mede)?[Oo]ndertekenaar\s*\n+\s*(?P<name>[^,\n]{3,60}), "
    r"(?P<office>(?:[Mm]inister|[Ss]taatssecretaris)[^\n]{0,80})"
)


def _widget_signatories(text: str, end: int) -> list[Signatory]:
    """tweedekamer.nl's "Ondertekenaars" list: "Eerste ondertekenaar / D.M. van Weel, minister van ..."."""
    out = []
    for m in _WIDGET.finditer(text, 0, end):
        name = m.group("name").strip()
        if NAME.fullmatch(name):
            out.append(
                Signatory(
                    name, _office(m.group("office")), m.start("name"), m.start("name") + len(name)
                )
            )
    return out


def detect_language(text: str) -> str:
    """``"nl"`` or ``"en"`` by counting frequent function words.

    >>> detect_language("The Council adopted conclusions on the situation in the region.")
    'en'
    >>> detect_language("De Raad sprak over de situatie in de regio.")
    'nl'
    """
    words = re.findall(r"[a-z]+", text[:5000].lower())
    nl = sum(w in _NL_WORDS for w in words)
    en = sum(w in _EN_WORDS for w in words)
    return "en" if en > nl else "nl"


def looks_foreign(text: str) -> bool:
    """True when a text of some length has too few Dutch or English function words.

    Dutch and English letters have 15-40% of their words in these short lists;
    German, French or Spanish text has a few percent.

    >>> looks_foreign("Der Rat hat heute über die Lage der Ukraine beraten. " * 3)
    True
    >>> looks_foreign("De Raad sprak over de situatie in de regio en het verslag. " * 3)
    False
    """
    words = re.findall(r"[a-z]+", text[:5000].lower())
    if len(words) < 20:
        return False
    known = max(sum(w in _NL_WORDS for w in words), sum(w in _EN_WORDS for w in words))
    return known / len(words) < 0.08


def _normalise_year(
    dates: tuple[date, ...], written: str, letter_date: date | None
) -> tuple[date, ...]:
    """A date written without a year takes the year that puts it near the letter's date."""
    if re.search(r"(?:19|20)\d\d", written) or not letter_date or not dates:
        return dates
    shifted = shift_year_after(dates[0], letter_date)
    delta = shifted.year - dates[0].year
    return tuple(d.replace(year=d.year + delta) for d in dates)


def _meeting_dates(
    text: str, m: re.Match[str], letter_date: date | None
) -> tuple[tuple[date, ...], str] | None:
    """Dates right after the council's name ("van 13 en 14 oktober 2025 in Luxemburg"), or
    right before it in the same sentence ("Op 22 april vond de Raad ... plaats")."""
    default_year = letter_date.year if letter_date else None
    window_end = min(len(text), m.end() + 90)
    end_m = _SENTENCE_END.search(text, m.end(), window_end)
    after = text[m.end() : end_m.start() + 1 if end_m else window_end]
    found = find_dates(after, default_year)
    if found and found[0][1] <= 45:
        dates, d_start, d_end = found[0]
        return _normalise_year(dates, after[d_start:d_end], letter_date), after[d_end:]
    lead = text[max(0, m.start() - 60) : m.start()]
    lead = re.split(r"[.!?]\s+(?=[A-Z])|\n", lead)[-1]
    found = find_dates(lead, default_year)
    if found and re.match(r"^\s*(?:[Oo]p|[Vv]an|[Oo]n)\b", lead[: found[-1][1]] or " "):
        dates, d_start, d_end = found[-1]
        return _normalise_year(dates, lead[d_start:d_end], letter_date), lead[d_end:] + after
    return None


def _find_meeting(text: str, start: int, end: int, letter_date: date | None) -> MeetingRef | None:
    """The first council named with a date in ``text[start:end]``."""
    for m in _COUNCIL.finditer(text, start, end):
        raw_name = m.group("name")
        article = re.match(r"(?:The|De|Het|Deze|This|Die)\s+", raw_name)
        name = " ".join(raw_name[article.end() if article else 0 :].split())
        if name in ("Council", "Raad") or name.startswith(("Raad van ", "Council of ")):
            continue
        got = _meeting_dates(text, m, letter_date)
        if not got:
            continue
        dates, rest = got
        place_m = _PLACE_AFTER.match(rest)
        place = place_m.group("place") if place_m else None
        before = text[max(0, m.start() - 40) : m.start()].lower()
        informal = bool(
            m.group("informal")
            and m.group("informal").split()[0].lower() in ("informele", "informal")
        ) or bool(
            re.search(r"\binforme(?:le|el)\b", before[-25:])
            or "gymnich" in name.lower()
            or (m.group("abbr") or "").startswith("i")
        )
        informal = informal or bool(re.match(r"i[A-Z]", name))
        if place is None:
            place = _place_elsewhere(text, m.end(), end, dates, letter_date)
        abbr = m.group("abbr")
        return MeetingRef(
            name=name,
            dates=dates,
            place=place,
            start=m.start("name") + (article.end() if article else 0),
            end=m.end(),
            informal=informal,
            abbreviation=abbr.strip() if abbr else None,
        )
    return None


def _place_elsewhere(
    text: str, start: int, end: int, dates: tuple[date, ...], letter_date: date | None
) -> str | None:
    """The place given at a later mention of a meeting on the same dates."""
    for m in _COUNCIL.finditer(text, start, end):
        got = _meeting_dates(text, m, letter_date)
        if got and got[0] == dates:
            place_m = _PLACE_AFTER.match(got[1])
            if place_m:
                return place_m.group("place")
    return None


_EN_HEADER = re.compile(
    r"(?:\d+(?:st|nd|rd|th)\s+)?Council meeting\s+(?P<config>[A-Z][A-Za-z ,&-]{2,70}?)\s*\n+"
    r"(?P<place>[A-Z][\w’' -]{1,40}), (?P<date>[^\n]{6,40}?(?:19|20)\d\d)"
)


def _english_meeting(text: str, end: int) -> MeetingRef | None:
    """Council outcome documents: "3985th Council meeting / Foreign Affairs / Luxembourg, 14 October 2025"."""
    m = _EN_HEADER.search(text, 0, end)
    if not m:
        return None
    found = find_dates(m.group("date"))
    if not found:
        return None
    config = " ".join(m.group("config").split())
    name = config if config.endswith("Council") else f"{config} Council"
    return MeetingRef(
        name, found[0][0], m.group("place").strip(), m.start("config"), m.end("config")
    )


class _Guard:
    """Reads one field at a time: a field that fails is left empty, named in a warning,
    and the letter is kept with everything else that could be read."""

    def __init__(self, meta: Metadata, source: str) -> None:
        self.meta = meta
        self.source = source

    @contextmanager
    def field(self, name: str, *fields: str) -> Iterator[None]:
        try:
            yield
        except Exception as exc:  # any reader bug or odd input: keep the document
            empty = Metadata()
            for attr in fields or (name,):
                setattr(self.meta, attr, getattr(empty, attr))
            self.meta.unreadable.append(name)
            reason = (
                str(exc) if isinstance(exc, UnreadableField) else f"{type(exc).__name__}: {exc}"
            )
            warnings.warn(
                f"{self.source}: the {name} could not be read ({reason}); left empty",
                IngestWarning,
                stacklevel=3,
            )


class UnreadableField(ValueError):
    """A field is present in the letter but makes no sense (a date that does not exist)."""


@dataclass(frozen=True)
class _Head:
    """The parts of a letter its metadata is read from."""

    text: str
    blocks: list[Block]  # blocks of the body
    head_blocks: list[Block]  # the first blocks, where the letter head is
    head_text: str
    body_end: int

    def chunks(self, limit: int | None = None) -> Iterator[tuple[Block, str]]:
        for b in self.head_blocks[:limit]:
            yield b, " ".join(self.text[b.start : b.end].split())


def _number(head: _Head) -> str | None:
    m = _NUMBER.search(head.text, 0, min(head.body_end, 800))
    if m:
        return m.group(1)
    if "Aanhangsel" in head.head_text:
        at = head.head_text.find("Aanhangsel")
        for b, chunk in head.chunks():
            if chunk.isdigit() and len(chunk) <= 5 and b.start > at:
                return chunk
    for _b, chunk in head.chunks(6):
        ek = _EK_NUMBER.match(chunk)
        if ek:
            return ek.group(1)
    listed = _TK_DOSSIER.search(head.head_text)
    return listed.group("nr") if listed else None


def _dossier(head: _Head) -> tuple[str | None, str | None]:
    """The dossier number and title of the head ("21 501-02 Raad Algemene Zaken ...")."""
    for _b, chunk in head.chunks(5):
        dm = _DOSSIER.match(chunk)
        if dm:
            title = chunk[dm.end() :].strip(" .") or None
            return dm.group(1), title
    listed = _TK_DOSSIER.search(head.head_text)
    if listed:
        main, sub = listed.group("main"), listed.group("sub")
        number = f"{main[:2]} {main[2:]}" + (f"-{sub}" if sub else "")
        return number, (" ".join(listed.group("title").split()).strip(" .") or None)
    return None, None


def _heading(head: _Head, meta: Metadata) -> None:
    """Title, senders and addressee from the head blocks."""
    senders_heading = None
    for _b, chunk in head.chunks():
        tk = _TITLE_TK.match(chunk)
        if tk and not meta.title:
            meta.title = tk.group("title").strip()
            continue
        letter = _TITLE_LETTER.match(chunk)
        if letter and senders_heading is None:
            senders_heading = letter.group("title")
            if not meta.title:
                meta.title = smart_case(senders_heading)
        if chunk.startswith(("Aan de ", "Aan het ", "To the ")) and not meta.addressee:
            meta.addressee = chunk.split(" ", 1)[1]
        subject = _SUBJECT.match(chunk)
        if subject and not meta.title:
            meta.title = subject.group(1).strip()
    if senders_heading:
        meta.senders = parse_senders(re.sub(r"^(?:BRIEF VAN|Brief van)\s+", "", senders_heading))


def _date_and_place(head: _Head, meta: Metadata) -> None:
    """The letter's date (and place): its dateline, a Datum field, "(ontvangen ...)", or the
    first date of the head. A dateline naming a day that does not exist is unreadable."""
    bad: str | None = None
    for _b, chunk in head.chunks():
        dated = _DATE_FIELD.match(chunk)
        if dated and not meta.date:
            meta.date = parse_date(dated.group(1))
            bad = bad if meta.date else dated.group(1)
        pd = _PLACE_DATE.match(chunk)
        if pd and not meta.date:
            parsed = parse_date(pd.group("date"))
            if parsed:
                meta.date = parsed
                meta.place = pd.group("place")
            elif _MONTH_WORD.search(pd.group("date")):
                bad = bad or pd.group("date")
    if meta.date:
        return
    if bad:
        raise UnreadableField(f"{bad!r} is not a date")
    registered = _TK_DATE.search(head.head_text)
    if registered:  # tweedekamer.nl's page of a letter: "Nummer: 2019D22298, datum: 2019-05-29"
        with suppress(ValueError):
            meta.date = date.fromisoformat(registered.group(1))
            return
    rm = _RECEIVED.search(head.head_text)
    if rm:
        meta.date = parse_date(rm.group(1))
    if not meta.date:
        for b, chunk in head.chunks():
            if b.end - b.start < 120:
                parsed = parse_date(chunk)
                if parsed:
                    meta.date = parsed
                    return
    if not meta.date:
        meta.date = parse_date(head.head_text)


def _signatories_of(head: _Head) -> list[Signatory]:
    found = _signatories(head.text, head.blocks)
    if not found:
        found = _answer_signatories(head.text, min(head.body_end, 3000))
    if not found:
        found = _widget_signatories(head.text, head.body_end)
    return found


def _fallback_title(head: _Head) -> str | None:
    vm = re.search(
        r"Vragen van (?:het lid|de leden) [^\n]+?\)\.?", head.head_text.replace("\n", " ")
    )
    if vm:
        return vm.group(0).rstrip(".")
    for b, chunk in head.chunks():
        if (
            b.kind in ("heading", "title")
            and len(chunk.split()) >= 3
            and not _BOILERPLATE_HEAD.match(chunk)
        ):
            return smart_case(chunk)
    return None


def _meeting(head: _Head, meta: Metadata) -> MeetingRef | None:
    text = head.text
    title_m = None
    if meta.title:
        # the TK title line often names the meeting most clearly
        for b in head.head_blocks[:2]:
            if text.startswith("Brief regering", b.start):
                title_m = _find_meeting(text, b.start, b.end, meta.date)
    english = None
    if meta.language == "en":
        english = _english_meeting(text, min(head.body_end, 3000)) or _english_day(head)
    found = english or title_m or _find_meeting(text, 0, min(head.body_end, 4000), meta.date)
    if found and not found.place and meta.language == "en" and meta.place:
        # Council texts put the meeting's place in the dateline ("Luxembourg, 14 October 2025")
        found = replace(found, place=meta.place)
    return found


def _english_day(head: _Head) -> MeetingRef | None:
    """A day of a two-day Council meeting: "Justice (9 June 2022)", "Home affairs (10 June 2022)"."""
    from kg.record.sessions import configuration_of_part

    for b, chunk in head.chunks(4):
        m = _EN_DAY.match(chunk)
        if not m:
            continue
        found = find_dates(m.group("date"))
        name = configuration_of_part(m.group("part"))
        if found and name:
            start = b.start + head.text[b.start : b.end].find(m.group("part"))
            return MeetingRef(name, found[0][0], None, start, start + len(m.group("part")))
    return None


def _kind(head: _Head, meta: Metadata) -> str:
    lowered = head.head_text.lower()
    if meta.language == "en":
        return "council-text"
    if "aanhangsel" in lowered or re.search(r"\bantwoord(?:en)? van\b", lowered):
        return "antwoord"
    if re.search(r"(?:^|\n)fiche\b", lowered[:3000]) or "fiche" in (meta.title or "").lower():
        return "fiche"
    if "geannoteerde agenda" in lowered:
        return "geannoteerde-agenda"
    if "verslag" in lowered[:1500]:
        return "verslag"
    return "brief"


def _session(head: _Head) -> str | None:
    m = _SESSION.search(head.head_text)
    return f"{m.group(1)}-{m.group(2)}" if m else None


def extract_metadata(
    text: str, blocks: list[Block], body_end: int | None = None, *, source: str = "<text>"
) -> Metadata:
    """Read the letter's metadata from its normalised text and blocks.

    Never raises: a field that cannot be read is left empty, listed in
    ``Metadata.unreadable`` and named in an :class:`IngestWarning` that starts
    with ``source``. The file name in ``source`` may give the official
    identifier when the text does not (``nl-kst-21501-07-DI.txt``).
    """
    body_end = len(text) if body_end is None else body_end
    meta = Metadata()
    body_blocks = [b for b in blocks if b.start < body_end]
    head = _Head(text, body_blocks, body_blocks[:14], text[: min(body_end, 2500)], body_end)
    guard = _Guard(meta, source)
    with guard.field("language"):
        meta.language = detect_language(text[:body_end])
    with guard.field("number"):
        meta.number = _number(head)
    with guard.field("dossier", "dossier", "dossier_title"):
        meta.dossier, meta.dossier_title = _dossier(head)
    with guard.field("title", "title", "senders", "addressee"):
        _heading(head, meta)
    with guard.field("date", "date", "place"):
        _date_and_place(head, meta)
    with guard.field("signatories"):
        meta.signatories = _signatories_of(head)
    if not meta.title:
        with guard.field("title"):
            meta.title = _fallback_title(head)
    with guard.field("meeting"):
        meta.meeting = _meeting(head, meta)
    with guard.field("kind"):
        meta.kind = _kind(head, meta)
    with guard.field("session"):
        meta.session = _session(head)
    with guard.field("identifier", "identifier", "identifiers"):
        found = official_identifiers(meta, head.head_text, Path(source).stem)
        meta.identifiers = found.identifiers
        meta.identifier = found.identifiers[0] if found.identifiers else None
        meta.dossier = meta.dossier or found.dossier
        meta.number = meta.number or found.number
    return meta
