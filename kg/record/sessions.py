"""One node per Council meeting, whichever of its days a text names.

A two-day meeting of the JBZ-Raad is named "12-13 juni" by its agenda, "12
en 13 juni" by its report and "Home affairs (13 June)" by the Council's own
results page. A Council body does not meet twice in one week, so a meeting of a
known body is identified by the body and the ISO week of the day named
(``raad-justitie-en-binnenlandse-zaken-2025-w24``); meetings of bodies the
reference data does not know keep their first day.

>>> session_name("https://w3id.org/kg-eu/entity/councilconfiguration/raad-justitie-en-binnenlandse-zaken:2022-06-10")
'raad-justitie-en-binnenlandse-zaken:2022-W23'
>>> session_name("https://w3id.org/kg-eu/entity/councilconfiguration/raad-justitie-en-binnenlandse-zaken:2022-06-09")
'raad-justitie-en-binnenlandse-zaken:2022-W23'
>>> session_name("debat vreemdelingen- en asielbeleid:2025-10-02")
'debat vreemdelingen- en asielbeleid:2025-10-02'
>>> configuration_of_part("Home affairs"), configuration_of_part("Justice")
('Justice and Home Affairs Council', 'Justice and Home Affairs Council')
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

_KEYED = re.compile(r"^(?P<body>https?://\S+/)(?P<slug>[^/:]+):(?P<day>\d{4}-\d{2}-\d{2})$")
_WORD = re.compile(r"[a-z]{3,}")
_NOT_NAMING = frozenset(["and", "the", "for", "council", "affairs", "meeting", "main", "results"])


def session_name(key: str) -> str:
    """The name a meeting's IRI is minted from, given its key ``"<body>:<first day>"``.

    A body named by an IRI (a Council configuration or a known body) meets once
    a week at most: its meetings are named by the ISO week. Other keys stay.
    """
    m = _KEYED.match(key)
    if not m:
        return key
    try:
        year, week, _ = date.fromisoformat(m.group("day")).isocalendar()
    except ValueError:
        return key
    return f"{m.group('slug')}:{year}-W{week:02d}"


@cache
def _configurations() -> tuple[tuple[str, frozenset[str]], ...]:
    """English name and naming words of every Council configuration of the reference data."""
    try:
        from kg.reference import load_reference

        ref = load_reference()
    except Exception:  # no reference data: no configuration is known
        return ()
    out = []
    for entity in ref.by_type("CouncilConfiguration"):
        forms = [f for f, _kind in entity.surface_forms("en")]
        words = frozenset(w for f in forms for w in _WORD.findall(f.lower()))
        out.append((entity.labels.get("en") or entity.label, words))
    return tuple(out)


def configuration_of_part(part: str) -> str | None:
    """The English name of the one Council configuration whose name holds every word of
    ``part``, the heading of one day of its meeting ("Justice", "Home affairs"), else None."""
    words = {w for w in _WORD.findall(part.lower()) if w not in _NOT_NAMING}
    if not words:
        return None
    found = [name for name, naming in _configurations() if words <= naming]
    return found[0] if len(found) == 1 else None
