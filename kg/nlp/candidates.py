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
