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


@dataclass
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
    occupied: list[tuple[int, int]] = []
    for c in ordered:
        if any(c.start < e and s < c.end for s, e in occupied):
            continue
        taken.append(c)
        occupied.append((c.start, c.end))
    return sorted(taken, key=lambda c: c.start)
