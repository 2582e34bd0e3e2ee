"""Dutch and English dates as letters write them, day lists and ranges included.

Every form is read without ever raising: a phrase that names no real day
(``31 februari``) simply yields nothing.

>>> parse_date("3 november 2025")
datetime.date(2025, 11, 3)
>>> parse_date("14 October 2025"), parse_date("October 14, 2025")
(datetime.date(2025, 10, 14), datetime.date(2025, 10, 14))
>>> def days(text, year=None):
...     return [d.isoformat() for d in find_dates(text, year)[0][0]]
>>> days("op 13 en 14 oktober 2025 in Luxemburg")
['2025-10-13', '2025-10-14']
>>> days("van 10–12 januari 2024")
['2024-01-10', '2024-01-11', '2024-01-12']
>>> days("(OJCS-RAAD) VAN 29 EN 30 NOVEMBER 2021")
['2021-11-29', '2021-11-30']
>>> days("29 november - 1 december", 2021)
['2021-11-29', '2021-11-30', '2021-12-01']
>>> days("Justice and Home Affairs Council, 06-07/06/2019")
['2019-06-06', '2019-06-07']
>>> days("June 9-10, 2022"), days("JBZ-Raad 13 14 oktober 2025")
(['2022-06-09', '2022-06-10'], ['2025-10-13', '2025-10-14'])
"""

from __future__ import annotations

import re
from datetime import date, timedelta

_NL_MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
_EN_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_SHORT_MONTHS = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]

MONTHS: dict[str, int] = {
    **{m: i + 1 for i, m in enumerate(_NL_MONTHS)},
    **{m: i + 1 for i, m in enumerate(_EN_MONTHS)},
    **{m: i + 1 for i, m in enumerate(_SHORT_MONTHS)},
    "mar": 3,
    "oct": 10,
    "sept": 9,
}

#: The longest ranges a letter names ("1-31 juli"); anything longer is not a range of days.
MAX_RANGE_DAYS = 31

_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH = rf"(?P<month>{_MONTH_NAMES})\.?"
_MONTH2 = rf"(?P<month2>{_MONTH_NAMES})\.?"
_YEAR = r"(?:19|20)\d\d"
_DAY = r"\d{1,2}(?:st|nd|rd|th|e|ste|de)?"
#: Between days: "13 en 14", "14-16", "10 tot en met 12", "1, 2 and 3", "9 & 10".
_LIST_SEP = r"\s*(?:,\s*(?:en|and)?|\ben\b|\band\b|&|\btot\s+en\s+met\b|t/m|\btot\b|\bto\b|\buntil\b|[-–—])\s*"
#: Words and marks that make two days a range rather than a list.
_RANGE_WORDS = ("-", "–", "—", "tot en met", "t/m", "tot", "to", "until")
_DAYS = rf"{_DAY}(?:{_LIST_SEP}{_DAY})*(?:\s+{_DAY}(?=\s+(?:{_MONTH_NAMES})\b))?"

_DAY_MONTH_YEAR = re.compile(rf"\b(?P<day>\d{{1,2}})\s+{_MONTH}\s+(?P<year>{_YEAR})\b", re.I)
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>{_YEAR})\b", re.I)
#: "13 en 14 oktober 2025", "29 november - 1 december 2021", "13 14 oktober".
_DAY_LIST = re.compile(
    rf"\b(?P<days>{_DAYS})\s+{_MONTH}(?:\s+(?P<year>{_YEAR}))?"
    rf"(?:\s*(?:[-–—]|\btot\s+en\s+met\b|t/m|\btot\b|\bto\b|\buntil\b)\s*"
    rf"(?P<day2>\d{{1,2}})\s+{_MONTH2}(?:\s+(?P<year2>{_YEAR}))?)?\b",
    re.I,
)
#: "June 9-10, 2022", "October 14, 2025" (with a year: "in oktober 13 lidstaten" is no date).
_MONTH_FIRST = re.compile(
    rf"\b{_MONTH}\s+(?P<days>{_DAY}(?:{_LIST_SEP}{_DAY})*),?\s+(?P<year>{_YEAR})\b", re.I
)
#: "03-04/05/2021", "06-07/06/2019", "9.6.2022": day(s), month, year in digits.
_NUMERIC = re.compile(
    rf"(?<![\d/.-])(?P<days>\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?)(?P<sep>[/.-])(?P<month>\d{{1,2}})"
    rf"(?P=sep)(?P<year>{_YEAR})(?![\d/])"
)

Found = tuple[tuple[date, ...], int, int]


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month(name: str) -> int | None:
    return MONTHS.get(name.lower().rstrip("."))


def parse_date(text: str) -> date | None:
    """The first full date (day, month name, year) in ``text``, or None.

    >>> parse_date("Den Haag, 31 februari 2025") is None
    True
    """
    best: tuple[int, date] | None = None
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        for m in pattern.finditer(text):
            month = _month(m.group("month"))
            d = _make(int(m.group("year")), month, int(m.group("day"))) if month else None
            if d is not None:
                if best is None or m.start() < best[0]:
                    best = (m.start(), d)
                break
    return best[1] if best else None


def _split_days(days: str) -> list[tuple[str, int]]:
    """``"13 en 14"`` -> ``[("", 13), ("en", 14)]``: each day with the separator before it."""
    parts = re.split(rf"({_LIST_SEP}|\s+)", days, flags=re.I)
    out: list[tuple[str, int]] = []
    for k in range(0, len(parts), 2):
        digits = re.match(r"\d+", parts[k])
        if not digits:
            continue
        sep = " ".join(parts[k - 1].split()).lower() if k else ""
        out.append((sep, int(digits.group(0))))
    return out


def _expand(days: list[tuple[str, int]]) -> list[int]:
    """Days of a list with its ranges filled in; a bare space joins only the next day."""
    out: list[int] = []
    for sep, day in days:
        if out and sep == "" and day != out[-1] + 1:
            out = []  # "artikel 3 14 oktober": only "14 oktober" is a date
        if out and sep.rstrip(",").strip() in _RANGE_WORDS and out[-1] < day:
            if day - out[-1] > MAX_RANGE_DAYS:
                return []
            out.extend(range(out[-1] + 1, day + 1))
        else:
            out.append(day)
    return out


def _span(start: date, end: date) -> list[date]:
    if end < start or (end - start).days > MAX_RANGE_DAYS:
        return [start]
    return [start + timedelta(days=k) for k in range((end - start).days + 1)]


def _from_day_list(m: re.Match[str], default_year: int | None) -> tuple[date, ...]:
    month = _month(m.group("month"))
    year_text = m.group("year") or m.group("year2")
    year = int(year_text) if year_text else default_year
    if month is None or year is None:
        return ()
    days = _expand(_split_days(m.group("days")))
    if not days:
        return ()
    if m.group("day2"):
        month2 = _month(m.group("month2"))
        year2 = int(m.group("year2")) if m.group("year2") else year
        if month2 is None:
            return ()
        if not m.group("year") and month2 < month:
            year -= 1  # "30 december - 2 januari 2026" starts in 2025
        first, last = _make(year, month, days[0]), _make(year2, month2, int(m.group("day2")))
        if first is None or last is None:
            return ()
        return tuple(_span(first, last))
    made = [_make(year, month, d) for d in days]
    if any(d is None for d in made):
        return ()
    return tuple(sorted({d for d in made if d is not None}))


def _from_month_first(m: re.Match[str], default_year: int | None) -> tuple[date, ...]:
    month = _month(m.group("month"))
    year = int(m.group("year")) if m.group("year") else default_year
    if month is None or year is None:
        return ()
    made = [_make(year, month, d) for d in _expand(_split_days(m.group("days")))]
    if not made or any(d is None for d in made):
        return ()
    return tuple(sorted({d for d in made if d is not None}))


def _from_numeric(m: re.Match[str]) -> tuple[date, ...]:
    year, month = int(m.group("year")), int(m.group("month"))
    days = [int(x) for x in re.findall(r"\d+", m.group("days"))]
    first = _make(year, month, days[0])
    if first is None:
        return ()
    if len(days) == 2:
        last = _make(year, month, days[1])
        return tuple(_span(first, last)) if last and last > first else ()
    return (first,)


def find_dates(text: str, default_year: int | None = None) -> list[Found]:
    """Dates and day lists/ranges in ``text``: ``(dates, start, end)`` per phrase, in order.

    A range ("14-16 juli", "10 tot en met 12 januari", "29 november - 1
    december") yields every day in it; a missing year is taken from
    ``default_year`` (the phrase is skipped when that is None). Phrases naming
    no real day are skipped.
    """
    found: list[Found] = []
    taken: list[tuple[int, int]] = []

    def add(dates: tuple[date, ...], start: int, end: int) -> None:
        if dates and not any(a < end and start < b for a, b in taken):
            found.append((dates, start, end))
            taken.append((start, end))

    for m in _NUMERIC.finditer(text):
        add(_from_numeric(m), m.start(), m.end())
    for m in _DAY_LIST.finditer(text):
        dates = _from_day_list(m, default_year)
        start = m.start()
        if dates and not m.group("day2"):
            # a list cut short by a bare-space day starts at its first real day
            first = re.search(rf"\b0?{dates[0].day}\b", m.group("days"))
            start += first.start() if first else 0
        add(dates, start, m.end())
    for m in _MONTH_FIRST.finditer(text):
        add(_from_month_first(m, default_year), m.start(), m.end())
    found.sort(key=lambda f: f[1])
    return found


def shift_year_after(d: date, ref: date) -> date:
    """``d`` moved into the year that makes it the first such date on or after ``ref``-60 days.

    Used for "27 juni a.s." in a letter dated 15 juni 2022.

    >>> shift_year_after(date(2022, 1, 10), date(2021, 12, 20)).isoformat()
    '2022-01-10'
    >>> shift_year_after(date(2021, 1, 10), date(2021, 12, 20)).isoformat()
    '2022-01-10'
    >>> shift_year_after(date(2024, 2, 29), date(2025, 6, 1)).isoformat()
    '2028-02-29'
    """
    candidate = d
    while candidate < ref - timedelta(days=60):
        year = candidate.year + 1
        while _make(year, d.month, d.day) is None:  # 29 February waits for a leap year
            year += 1
        candidate = date(year, d.month, d.day)
    return candidate
