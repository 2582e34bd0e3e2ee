"""Candidate mentions: what the gazetteer and the pattern rules propose.

A candidate is a character span with a type, the rule that found it, a
canonical ``name`` used to identify the entity (and to mint its IRI), and the
reference IRI when the gazetteer knows it. Candidates may carry ``children``:
entities named inside them ("motie Van Zanten/Boomsma" names two persons).

>>> c = Candidate(0, 9, "State", "gazetteer.label", 10, "Nederland")
>>> c.length
9
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Candidate:
    """A proposed mention ``text[start:end]``."""

    start: int
    end: int
    type: str
    rule: str
    priority: int
    name: str
    iri: str | None = None
    key: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)
    children: list[Candidate] = field(default_factory=list)

    @property
    def length(self) -> int:
        return self.end - self.start


def select_non_overlapping(cands: list[Candidate]) -> list[Candidate]:
    """Keep the best of overlapping candidates: longest first, then priority.

    A priority of 100 or more outranks length (rules that must win).

    >>> a = Candidate(0, 5, "State", "a", 10, "a")
    >>> b = Candidate(3, 12, "Agency", "b", 10, "b")
    >>> [c.rule for c in select_non_overlapping([a, b])]
    ['b']
    """
    ordered = sorted(cands, key=lambda c: (-(c.priority // 100), -c.length, -c.priority, c.start))
    taken: list[Candidate] = []
    size = max((c.end for c in cands), default=0)
    occupied = bytearray(size)
    for c in ordered:
        if occupied.find(1, c.start, c.end) != -1:
            continue
        taken.append(c)
        occupied[c.start : c.end] = b"\x01" * c.length
    return sorted(taken, key=lambda c: c.start)


_TITLE_TYPES = ("Regulation", "Initiative")
# What follows a complete known name without being part of it: "de Verordening nieuwe
# genomische technieken | voor de biologische landbouw".
_MODIFIER = re.compile(
    r"\s+(?:voor|van|op|in|bij|tegen|met|naar|tijdens|over|for|on|in|of|to|with)\s+"
    r"(?:(?:de|het|een|the|a|an)\s+)?[a-zà-ÿ]"
)


def drop_runs_past_known_names(cands: list[Candidate], text: str) -> list[Candidate]:
    """Pattern titles that only add a prepositional phrase to a known name are dropped,
    so the known name wins over the longer run-on.

    >>> text = "de Verordening nieuwe genomische technieken voor de biologische landbouw"
    >>> known = Candidate(3, 43, "Regulation", "gazetteer.label", 80, "Verordening NGT", iri="x")
    >>> run = Candidate(3, 73, "Regulation", "regulation.generic_phrase", 65, "Verordening ...")
    >>> [c.rule for c in drop_runs_past_known_names([known, run], text)]
    ['gazetteer.label']
    """
    known = [
        c for c in cands if c.iri and c.type in _TITLE_TYPES and c.rule.startswith("gazetteer.")
    ]
    if not known:
        return cands
    out = []
    for c in cands:
        if (
            c.type in _TITLE_TYPES
            and not c.rule.startswith("gazetteer.")
            and any(
                k.type == c.type
                and c.start <= k.start
                and k.end < c.end
                and _MODIFIER.match(text, k.end)
                for k in known
            )
        ):
            continue
        out.append(c)
    return out


class Occupancy:
    """Which characters of a text are already part of a mention.

    >>> occ = Occupancy(10)
    >>> occ.take(2, 5); occ.free(4, 8), occ.free(5, 8)
    (False, True)
    """

    __slots__ = ("_taken",)

    def __init__(self, size: int) -> None:
        self._taken = bytearray(size)

    def free(self, start: int, end: int) -> bool:
        return self._taken.find(1, start, end) == -1

    def take(self, start: int, end: int) -> None:
        self._taken[start:end] = b"\x01" * (end - start)
