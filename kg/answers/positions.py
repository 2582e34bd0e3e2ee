"""A Council meeting's agenda position beside its outcome, from Python (and for ``kg report``).

The shipped query ``queries/positions_before_after.rq`` does the work: for each
meeting, the letters that prepare it (annotated agendas, ``kg:prepares``) and
report on it (``kg:reportsOn``), and per target what the state said in each,
with ``changed`` where its support or opposition differs. This module runs it
and hands back plain rows.

>>> from kg.graph.store import KnowledgeGraph
>>> positions_before_after(KnowledgeGraph())
[]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kg.config import queries_dir
from kg.graph.query import run_query

__all__ = ["MeetingPositions", "Position", "positions_before_after"]


@dataclass(frozen=True)
class Position:
    """What a state said about one target before (agenda) and after (report) a meeting."""

    target: str
    label: str
    before: tuple[str, ...]  # stances in the agenda: "supports", "opposes", ...
    after: tuple[str, ...]  # stances in the report
    changed: bool  # its support or opposition differs between the two
    evidence_before: str | None
    evidence_after: str | None


@dataclass
class MeetingPositions:
    """One meeting: its letters before and after, and the state's positions."""

    meeting: str
    label: str
    date: str | None
    state: str | None
    agendas: list[str] = field(default_factory=list)  # documents that prepare it
    reports: list[str] = field(default_factory=list)  # documents that report on it
    positions: list[Position] = field(default_factory=list)


def _stances(value: str | None) -> tuple[str, ...]:
    return tuple(sorted(s.strip() for s in (value or "").split(",") if s.strip()))


def positions_before_after(
    store: Any, state: str | None = None, meeting: str | None = None
) -> list[MeetingPositions]:
    """Meetings with their agenda and report letters and ``state``'s positions (default
    Nederland; an IRI, prefixed name or label), in date order; ``meeting`` picks one."""
    params = {"state": state or "state:nederland", **({"meeting": meeting} if meeting else {})}
    rows = run_query(store, queries_dir() / "positions_before_after.rq", params).records()
    out: dict[str, MeetingPositions] = {}
    for row in rows:
        iri = row["meeting"] or ""
        found = out.get(iri)
        if found is None:
            found = out[iri] = MeetingPositions(
                iri,
                row["meetingLabel"] or iri,
                row["date"],
                row["state"],
                (row["agendas"] or "").split(),
                (row["reports"] or "").split(),
            )
        if row["target"]:
            found.positions.append(
                Position(
                    row["target"],
                    row["targetLabel"] or row["target"],
                    _stances(row["positionBefore"]),
                    _stances(row["positionAfter"]),
                    row["changed"] == "true",
                    row["evidenceBefore"],
                    row["evidenceAfter"],
                )
            )
    return list(out.values())
