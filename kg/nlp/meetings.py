"""Meetings: a council's name followed by a date becomes a dated meeting.

"JBZ-Raad op 13 en 14 oktober 2025", "de Europese Raad van 23 oktober jl.",
"volgende JBZ-Raad 8 en 9 december", "RBZ van november": the gazetteer finds
the council (configuration), :func:`extend_meeting` looks right for a date and
left for modifiers ("informele", "volgende") and returns the meeting's span.

>>> import re
>>> text = "de volgende JBZ-Raad 8 en 9 december tot overeenstemming"
>>> ext = extend_meeting(text, 12, 20)
>>> text[ext.start:ext.end], ext.date_text
('volgende JBZ-Raad 8 en 9 december', '8 en 9 december')
>>> from datetime import date
>>> meeting_label("JBZ-Raad", (date(2025, 10, 13), date(2025, 10, 14)), "13 en 14 oktober 2025")
'JBZ-Raad 13-14 oktober 2025'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from kg.nlp.dates import DATE_RE, has_day

_NL_MONTH_NAMES = {
    1: "januari", 2: "februari", 3: "maart", 4: "april", 5: "mei", 6: "juni", 7: "juli",
    8: "augustus", 9: "september", 10: "oktober", 11: "november", 12: "december",
}  # fmt: skip
_EN_MONTH_NAMES = {
    1: "January", 2: "February", 3: "March", 4: "April", 5: "May", 6: "June", 7: "July",
    8: "August", 9: "September", 10: "October", 11: "November", 12: "December",
}  # fmt: skip

_AFTER = re.compile(
    r"(?P<abbr>\s*\([^()\n]{1,30}\))?"
    r"(?P<form>\s+(?:Defensie|Handel|Ontwikkeling|Gymnich|Defence|Trade|Development))?"
    r"(?P<abbr2>\s*\([^()\n]{1,30}\))?"
    r"(?:\s+(?:meeting|summit|bijeenkomst|vergadering))?"
    r"(?:\s*,)?\s*(?P<paren>\()?(?:(?:van|op|in|d\.d\.|dd|on|of|held on|held in)\s+)?(?:de\s+|the\s+)?"
    rf"(?P<date>{DATE_RE})(?![\w-])",
    re.IGNORECASE,
)
_RELATIVE = re.compile(r"\s+(?:jl\.|j\.l\.|a\.s\.|aanstaande|aanstaand)$")
_BEFORE = re.compile(
    r"(?:(?:[Ii]nformele|[Ff]ormele|[Ee]xtra|[Vv]olgende|[Vv]orige|[Ee]erstvolgende|[Kk]omende|"
    r"[Ii]ngelaste|[Bb]uitengewone|[Vv]ideoconferentie|[Ii]nformal|[Ff]ormal|[Nn]ext|[Ee]xtraordinary)"
    r"(?: van de leden van de| van de)?\s+)+$"
)


@dataclass(frozen=True)
class MeetingSpan:
    """Where a meeting mention starts and ends, and its date phrase."""

    start: int
    end: int
    date_text: str
    modifiers: str


def extend_meeting(text: str, start: int, end: int) -> MeetingSpan | None:
    """The meeting span around a council name at ``text[start:end]``, if a date follows."""
    m = _AFTER.match(text, end)
    if not m:
        return None
    b = _BEFORE.search(text, max(0, start - 60), start)
    new_start = b.start() if b and "\n" not in b.group(0) else start
    end = m.end()
    rel = _RELATIVE.search(m.group("date"))
    if rel:  # "jl." and "a.s." resolve the date but are no part of the name
        end = m.start("date") + rel.start()
    elif m.group("paren") and text[end : end + 1] == ")":
        end += 1
    return MeetingSpan(new_start, end, m.group("date"), b.group(0).strip() if b else "")


def format_dates(dates: tuple[date, ...], date_text: str, lang: str = "nl") -> str:
    """Dates as a label part: "13-14 oktober 2025", "november 2023".

    >>> format_dates((date(2023, 11, 1),), "november")
    'november 2023'
    """
    names = _EN_MONTH_NAMES if lang == "en" else _NL_MONTH_NAMES
    first, last = dates[0], dates[-1]
    month = names[first.month]
    if not has_day(date_text):
        return f"{month} {first.year}"
    if len(dates) > 1 and first.month == last.month:
        return f"{first.day}-{last.day} {month} {first.year}"
    return f"{first.day} {month} {first.year}"


def meeting_label(name: str, dates: tuple[date, ...], date_text: str, lang: str = "nl") -> str:
    """A meeting's label: its name and its dates."""
    return f"{name} {format_dates(dates, date_text, lang)}"


def meeting_key(body: str, dates: tuple[date, ...], date_text: str) -> str:
    """Identity of a meeting: the body and its first day (or month, when no day is named)."""
    first = dates[0]
    when = first.isoformat() if has_day(date_text) else f"{first.year}-{first.month:02d}"
    return f"meeting:{body}:{when}"
