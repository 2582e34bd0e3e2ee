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
from dataclasses import replace
from datetime import date

from kg.document import Block, MeetingRef, Metadata, Signatory
from kg.ingest.dates import find_dates, parse_date, shift_year_after
from kg.ingest.reflow import NAME, normalise, split_signature_line  # noqa: F401

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
_DOSSIER = re.compile(r"^(\d{2} \d{3}(?:-[A-Z]?\d{1,3})?)\b")
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
_TITLE_LETTER = re.compile(r"^(?:Nr\. ?\d+ +)?(?P<title>(?:BRIEF VAN|Brief van)\b.+)$", re.DOTALL)

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


def extract_metadata(text: str, blocks: list[Block], body_end: int | None = None) -> Metadata:
    """Read the letter's metadata from its normalised text and blocks."""
    body_end = len(text) if body_end is None else body_end
    meta = Metadata()
    head_blocks = [b for b in blocks if b.start < body_end][:14]
    head_text = text[: min(body_end, 2500)]
    meta.language = detect_language(text[:body_end])

    m = _NUMBER.search(text, 0, min(body_end, 800))
    if m:
        meta.number = m.group(1)
    elif "Aanhangsel" in head_text:
        for b in head_blocks:
            chunk = text[b.start : b.end].strip()
            if chunk.isdigit() and len(chunk) <= 5 and b.start > head_text.find("Aanhangsel"):
                meta.number = chunk
                break

    for b in head_blocks[:5]:
        chunk = text[b.start : b.end]
        dm = _DOSSIER.match(chunk)
        if dm:
            meta.dossier = dm.group(1)
            break

    senders_heading = None
    for b in head_blocks:
        chunk = " ".join(text[b.start : b.end].split())
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
        dated = _DATE_FIELD.match(chunk)
        if dated and not meta.date:
            meta.date = parse_date(dated.group(1))
        pd = _PLACE_DATE.match(chunk)
        if pd and not meta.date:
            parsed = parse_date(pd.group("date"))
            if parsed:
                meta.date = parsed
                meta.place = pd.group("place")
    if senders_heading:
        meta.senders = parse_senders(re.sub(r"^(?:BRIEF VAN|Brief van)\s+", "", senders_heading))

    if not meta.date:
        rm = _RECEIVED.search(head_text)
        if rm:
            meta.date = parse_date(rm.group(1))
    if not meta.date:
        for b in head_blocks:
            chunk = text[b.start : b.end]
            if len(chunk) < 120:
                parsed = parse_date(chunk)
                if parsed:
                    meta.date = parsed
                    break
    if not meta.date:
        meta.date = parse_date(head_text)

    meta.signatories = _signatories(text, [b for b in blocks if b.start < body_end])
    if not meta.signatories:
        meta.signatories = _answer_signatories(text, min(body_end, 3000))
    if not meta.signatories:
        meta.signatories = _widget_signatories(text, body_end)

    if not meta.title:
        vm = re.search(
            r"Vragen van (?:het lid|de leden) [^\n]+?\)\.?", head_text.replace("\n", " ")
        )
        if vm:
            meta.title = vm.group(0).rstrip(".")
        else:
            for b in head_blocks:
                chunk = " ".join(text[b.start : b.end].split())
                if (
                    b.kind in ("heading", "title")
                    and len(chunk.split()) >= 3
                    and not _BOILERPLATE_HEAD.match(chunk)
                ):
                    meta.title = smart_case(chunk)
                    break

    title_m = None
    if meta.title:
        # the TK title line often names the meeting most clearly
        for b in head_blocks[:2]:
            chunk = text[b.start : b.end]
            if chunk.startswith("Brief regering"):
                title_m = _find_meeting(text, b.start, b.end, meta.date)
    english = _english_meeting(text, min(body_end, 3000)) if meta.language == "en" else None
    meta.meeting = english or title_m or _find_meeting(text, 0, min(body_end, 4000), meta.date)
    if meta.meeting and not meta.meeting.place and meta.language == "en" and meta.place:
        # Council texts put the meeting's place in the dateline ("Luxembourg, 14 October 2025")
        meta.meeting = replace(meta.meeting, place=meta.place)

    lowered = head_text.lower()
    if meta.language == "en":
        meta.kind = "council-text"
    elif "aanhangsel" in lowered or re.search(r"\bantwoord(?:en)? van\b", lowered):
        meta.kind = "antwoord"
    elif re.search(r"(?:^|\n)fiche\b", lowered[:3000]) or "fiche" in (meta.title or "").lower():
        meta.kind = "fiche"
    elif "geannoteerde agenda" in lowered:
        meta.kind = "geannoteerde-agenda"
    elif "verslag" in lowered[:1500]:
        meta.kind = "verslag"
    else:
        meta.kind = "brief"
    return meta
