"""Dutch and English dates as letters write them.

>>> parse_date("3 november 2025")
datetime.date(2025, 11, 3)
>>> parse_date("14 October 2025"), parse_date("October 14, 2025")
(datetime.date(2025, 10, 14), datetime.date(2025, 10, 14))
>>> [d.isoformat() for d in find_dates("op 13 en 14 oktober 2025 in Luxemburg")[0][0]]
['2025-10-13', '2025-10-14']
>>> [d.isoformat() for d in find_dates("van 10–12 januari 2024")[0][0]]
['2024-01-10', '2024-01-11', '2024-01-12']
"""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS: dict[str, int] = {
    **{
        m: i + 1
        for i, m in enumerate(
            [
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
        )
    },
    **{
        m: i + 1
        for i, m in enumerate(
            [
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
        )
    },
    **{
        m: i + 1
        for i, m in enumerate(
            ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
        )
    },
    "mar": 3,
    "oct": 10,
    "sept": 9,
}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY_MONTH_YEAR = re.compile(rf"\b(?P<day>\d{{1,2}})\s+{_MONTH}\s+(?P<year>(?:19|20)\d\d)\b", re.I)
_MONTH_DAY_YEAR = re.compile(
    rf"\b{_MONTH}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>(?:19|20)\d\d)\b", re.I
)
#: "13 en 14 oktober 2025", "14-16 juli", "10 tot en met 12 januari", "22 and 23 July 2025"
_DAY_LIST = re.compile(
    r"\b(?P<days>\d{1,2}(?:\s*(?:,|en|and|tot en met|t/m|tot|to|[-–—])\s*\d{1,2})*)\s+"
    + _MONTH
    + r"(?:\s+(?P<year>(?:19|20)\d\d))?\b",
    re.I,
)


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str) -> date | None:
    """The first full date (day, month name, year) in ``text``, or None."""
    best: tuple[int, date] | None = None
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        m = pattern.search(text)
        if m:
            d = _make(int(m.group("year")), MONTHS[m.group("month").lower()], int(m.group("day")))
            if d and (best is None or m.start() < best[0]):
                best = (m.start(), d)
    return best[1] if best else None


def find_dates(
    text: str, default_year: int | None = None
) -> list[tuple[tuple[date, ...], int, int]]:
    """Dates and day lists/ranges in ``text``: ``(dates, start, end)`` per match.

    A range ("14-16 juli", "10 tot en met 12 januari") yields every day in it;
    a missing year is taken from ``default_year`` (skipped when that is None).
    """
    out: list[tuple[tuple[date, ...], int, int]] = []
    for m in _DAY_LIST.finditer(text):
        year = int(m.group("year")) if m.group("year") else default_year
        if year is None:
            continue
        month = MONTHS[m.group("month").lower()]
        parts = re.split(r"(\s*(?:,|en|and|tot en met|t/m|tot|to|[-–—])\s*)", m.group("days"))
        days: list[int] = []
        for k in range(0, len(parts), 2):
            day = int(parts[k])
            sep = parts[k - 1].strip() if k else ""
            if days and sep in ("-", "–", "—", "tot en met", "t/m", "tot", "to") and day > days[-1]:
                days.extend(range(days[-1] + 1, day + 1))
            else:
                days.append(day)
        dates = [_make(year, month, d) for d in days]
        if dates and all(dates):
            out.append((tuple(d for d in dates if d), m.start(), m.end()))
    return out


def shift_year_after(d: date, ref: date) -> date:
    """``d`` moved into the year that makes it the first such date on or after ``ref``-60 days.

    Used for "27 juni a.s." in a letter dated 15 juni 2022.

    >>> shift_year_after(date(2022, 1, 10), date(2021, 12, 20)).isoformat()
    '2022-01-10'
    >>> shift_year_after(date(2021, 1, 10), date(2021, 12, 20)).isoformat()
    '2022-01-10'
    """
    candidate = d
    while candidate < ref - timedelta(days=60):
        candidate = candidate.replace(year=candidate.year + 1)
    return candidate
