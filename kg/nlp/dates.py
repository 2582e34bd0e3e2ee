"""Dates as letters write them: "13 en 14 oktober 2025", "8 juli jl.", "november".

A year left out is resolved against a reference date (the letter's date):
"jl." (jongstleden) means the last such day on or before it, "a.s." /
"aanstaande" the next one on or after it, and otherwise the nearest one.

>>> from datetime import date
>>> parse_dates("13 en 14 oktober 2025", date(2025, 11, 3))
(datetime.date(2025, 10, 13), datetime.date(2025, 10, 14))
>>> parse_dates("8 en 9 december", date(2025, 11, 3))
(datetime.date(2025, 12, 8), datetime.date(2025, 12, 9))
>>> parse_dates("23 oktober jl.", date(2025, 1, 5))
(datetime.date(2024, 10, 23),)
>>> parse_dates("november", date(2023, 10, 20))
(datetime.date(2023, 11, 1),)
"""

from __future__ import annotations

import re
from datetime import date

MONTHS: dict[str, int] = {
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6,
    "juli": 7, "augustus": 8, "september": 9, "oktober": 10, "november": 11,
    "december": 12,
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7,
    "august": 8, "october": 10,
}  # fmt: skip

#: A regex source matching any month name (Dutch or English), case-insensitive use.
MONTH_RE = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"

#: Days: "13", "13 en 14", "14-15", "14–16", "27 en 28", "1, 2 en 3".
DAYS_RE = r"\d{1,2}(?:\s*(?:-|–|/|en|and|t/m|tot en met|,)\s*\d{1,2})*"

#: A weekday before a date ("op maandag 13 oktober").
WEEKDAY_RE = (
    r"(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
)

#: Days and month in figures, as English Council texts write them: "06-07/06/2019", "20/11/2025".
NUMERIC_RE = r"\d{1,2}(?:-\d{1,2})?/(?:0?[1-9]|1[0-2])/(?:19|20)\d\d"

#: Days running into the next month: "30 november en 1 december", "31 May-1 June".
_CROSS_RE = rf"\d{{1,2}}\s+{MONTH_RE}\s*(?:-|–|en|and|t/m|tot en met|to)\s*"

#: A date phrase: days + month (+ year) (+ jl./a.s.), or a month (+ year), or figures.
DATE_RE = (
    rf"(?:{NUMERIC_RE}|(?:{WEEKDAY_RE}\s+)?(?:{_CROSS_RE})?(?:(?:{DAYS_RE})\s+{MONTH_RE}|{MONTH_RE})"
    r"(?:\s+(?:19|20)\d\d)?(?:\s+(?:jl\.|j\.l\.|a\.s\.|aanstaande|aanstaand))?)"
)
_NUMERIC = re.compile(r"(\d{1,2})(?:-(\d{1,2}))?/(\d{1,2})/(\d{4})")
_CROSS = re.compile(
    rf"(\d{{1,2}})\s+({MONTH_RE})\s*(?:-|–|en|and|t/m|tot en met|to)\s*(?=\d)", re.I
)

_DATE = re.compile(
    rf"(?P<days>{DAYS_RE})?\s*(?P<month>{MONTH_RE})(?:\s+(?P<year>(?:19|20)\d\d))?"
    r"(?:\s+(?P<rel>jl\.|j\.l\.|a\.s\.|aanstaande|aanstaand))?",
    re.IGNORECASE,
)


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def resolve_year(month: int, day: int, reference: date | None, relative: str | None) -> int:
    """The year of a day-month without a year, seen from ``reference``.

    >>> resolve_year(12, 8, date(2025, 11, 3), None)
    2025
    >>> resolve_year(1, 20, date(2025, 11, 3), None)
    2026
    >>> resolve_year(12, 20, date(2025, 1, 10), "jl.")
    2024
    """
    if reference is None:
        return date.today().year
    candidates = [reference.year - 1, reference.year, reference.year + 1]
    dated = [(y, _safe(y, month, day)) for y in candidates]
    dated = [(y, d) for y, d in dated if d is not None]
    if relative and relative.lower().startswith("j"):
        past = [y for y, d in dated if d <= reference]
        return max(past) if past else reference.year
    if relative:
        future = [y for y, d in dated if d >= reference]
        return min(future) if future else reference.year
    return min(dated, key=lambda yd: abs((yd[1] - reference).days))[0]


def parse_dates(text: str, reference: date | None = None) -> tuple[date, ...]:
    """All days named by a date phrase, years resolved against ``reference``.

    >>> parse_dates("06-07/06/2019")
    (datetime.date(2019, 6, 6), datetime.date(2019, 6, 7))
    >>> [d.isoformat() for d in parse_dates("30 november en 1 december 2021")]
    ['2021-11-30', '2021-12-01']
    """
    numeric = _NUMERIC.search(text)
    if numeric and not re.search(MONTH_RE, text, re.I):
        first, last, month, year = numeric.groups()
        days = range(int(first), int(last or first) + 1)
        found = [_safe(int(year), int(month), d) for d in days]
        return tuple(d for d in found if d is not None)
    cross = _CROSS.match(text.strip())
    if cross:
        rest = parse_dates(text.strip()[cross.end() :], reference)
        if rest:
            month = MONTHS[cross.group(2).lower()]
            year = rest[0].year - (1 if month > rest[0].month else 0)
            start = _safe(year, month, int(cross.group(1)))
            return ((start,) if start else ()) + rest
    match = _DATE.search(text)
    if not match:
        return ()
    month = MONTHS[match.group("month").lower()]
    days = [int(d) for d in re.findall(r"\d{1,2}", match.group("days") or "")] or [1]
    rel = match.group("rel")
    if match.group("year"):
        year = int(match.group("year"))
    else:
        year = resolve_year(month, days[0], reference, rel)
    ranged = match.group("days") and re.search(r"-|–|t/m|tot en met", match.group("days"))
    if ranged and len(days) == 2 and days[1] > days[0]:
        days = list(range(days[0], days[1] + 1))
    out = [_safe(year, month, d) for d in days]
    return tuple(d for d in out if d is not None)


def has_day(text: str) -> bool:
    """True when a date phrase names a day, not only a month.

    >>> has_day("van 23 oktober"), has_day("van november")
    (True, False)
    """
    match = _DATE.search(text)
    return bool(match and match.group("days")) or bool(_NUMERIC.search(text))
