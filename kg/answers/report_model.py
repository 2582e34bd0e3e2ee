"""What a position report holds: an entity's own stances and the stances on it,
grouped by meeting, with the JSON and table forms of ``kg report``.

Built by :func:`kg.answers.report.build_report`; drawn as Markdown there and as
HTML by :mod:`kg.answers.report_html`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kg.answers.before_after import before_after_json
from kg.answers.positions import MeetingPositions
from kg.answers.stances import EntityInfo, Stance
from kg.answers.tables import Table
from kg.graph.rdf import compact_iri


@dataclass
class StanceGroup:
    """The stances taken at one meeting (or read from one letter when no meeting is known)."""

    key: str
    label: str
    date: date | None
    stances: list[Stance] = field(default_factory=list)


@dataclass
class Report:
    """The stances an entity took (``as_holder``) and the stances on it (``as_target``)."""

    entity: EntityInfo
    as_holder: list[Stance]
    as_target: list[Stance]
    date_from: date | None = None
    date_to: date | None = None
    #: A state's position in each meeting's annotated agenda beside the report's outcome.
    before_after: list[MeetingPositions] = field(default_factory=list)

    @property
    def title(self) -> str:
        """``Positions of X``, ``Positions on X``, or both."""
        if self.as_holder and self.as_target:
            return f"Positions of and on {self.entity.label}"
        if self.as_target:
            return f"Positions on {self.entity.label}"
        return f"Positions of {self.entity.label}"

    @property
    def period(self) -> str:
        """The date range asked for, in words (empty when none)."""
        if self.date_from and self.date_to:
            return f"from {self.date_from.isoformat()} to {self.date_to.isoformat()}"
        if self.date_from:
            return f"from {self.date_from.isoformat()}"
        if self.date_to:
            return f"until {self.date_to.isoformat()}"
        return ""

    def holder_groups(self) -> list[StanceGroup]:
        """The entity's own stances, grouped by meeting, in time order."""
        return group_by_meeting(self.as_holder)

    def on_target_groups(self) -> list[StanceGroup]:
        """The stances on the entity, grouped by meeting, in time order."""
        return group_by_meeting(self.as_target)

    def stances(self) -> list[Stance]:
        """Every stance of the report once, in time order."""
        seen: dict[str, Stance] = {}
        for s in self.as_holder + self.as_target:
            seen.setdefault(s.statement or str(id(s)), s)
        return sorted(seen.values(), key=Stance.sort_key)

    def to_json(self) -> dict[str, Any]:
        """The report as plain data with full IRIs (the JSON format)."""
        return {
            "entity": {
                "iri": self.entity.iri,
                "label": self.entity.label,
                "type": self.entity.type,
                "links": list(self.entity.links),
            },
            "from": self.date_from.isoformat() if self.date_from else None,
            "to": self.date_to.isoformat() if self.date_to else None,
            "as_holder": [s.to_json() for s in self.as_holder],
            "as_target": [s.to_json() for s in self.as_target],
            "before_after": before_after_json(self.before_after),
        }

    def table(self, base: str | None = None) -> Table:
        """One row per stance (for csv and tsv), IRIs shortened."""
        rows = []
        for s in self.stances():
            rows.append(
                [
                    s.date.isoformat() if s.date else "",
                    s.meeting.label if s.meeting else "",
                    compact_iri(s.holder, base),
                    s.holder_label,
                    s.stance,
                    compact_iri(s.target, base),
                    s.target_label,
                    s.issue or "",
                    s.evidence,
                    compact_iri(s.document.iri, base),
                    s.document.title,
                    s.document.date.isoformat() if s.document.date else "",
                    s.document.page or "",
                ]
            )
        columns = [
            "date",
            "meeting",
            "holder",
            "holderLabel",
            "stance",
            "target",
            "targetLabel",
            "issue",
            "evidence",
            "document",
            "documentTitle",
            "documentDate",
            "page",
        ]
        return Table(columns, rows, title=self.title)


def group_by_meeting(stances: list[Stance]) -> list[StanceGroup]:
    """Consecutive stances (already in time order) grouped by meeting, else by letter."""
    groups: dict[str, StanceGroup] = {}
    for s in sorted(stances, key=Stance.sort_key):
        if s.meeting is not None:
            key, label = s.meeting.iri, s.meeting.label
        else:
            key, label = s.document.iri, s.document.title or s.document.name
        group = groups.get(key)
        if group is None:
            group = groups[key] = StanceGroup(key, label, s.date)
        group.stances.append(s)
    return sorted(groups.values(), key=lambda g: (g.date is None, g.date or date.min, g.label))
