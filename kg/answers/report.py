"""Position reports: every stance of a holder, and every stance on a target, in time order.

``kg report Nederland`` lists what the Netherlands supported, opposed, was
concerned about or asked for, grouped by meeting, each with its target, the
issue phrase (the target's label where none was read), the evidence sentence
and the letter it came from (with its official page where the graph knows it).
For a state it adds, per Council meeting, its position in the annotated agenda
beside the report's outcome (see :mod:`kg.answers.before_after`).
``kg report Terugkeerverordening`` lists who took which stance on the act. An
entity can be both (a state supports things and is the object of sanctions),
and then the report has both parts.

>>> from kg.answers.sample import sample_store
>>> report = build_report(sample_store(), "Migratiepact")
>>> [(g.label, [(s.holder_label, s.stance) for s in g.stances]) for g in report.on_target_groups()]
... # doctest: +NORMALIZE_WHITESPACE
[('JBZ-Raad 10 oktober 2024', [('Hongarije', 'opposes')]),
 ('JBZ-Raad 12 maart 2025', [('Frankrijk', 'opposes'), ('Nederland', 'opposes'),
                             ('Hongarije', 'supports')])]
>>> print(render_report(report, "md").splitlines()[0])
# Positions on Migratiepact
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kg.answers.before_after import before_after_json, before_after_markdown, load_before_after
from kg.answers.positions import MeetingPositions
from kg.answers.stances import (
    STANCE_VERBS,
    EntityInfo,
    Stance,
    check_range,
    entity_info,
    load_stances,
    resolve_entity,
)
from kg.answers.tables import Table, compact_iri
from kg.errors import ConfigError
from kg.graph.store import KnowledgeGraph

#: Formats of ``kg report``.
REPORT_FORMATS = ("md", "html", "json", "csv", "tsv")


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


def build_report(
    store: KnowledgeGraph,
    entity: str,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
) -> Report:
    """The position report of ``entity`` (an IRI, a prefixed name or a label).

    Raises :class:`kg.errors.QueryError` when the graph knows no such entity,
    and :class:`kg.errors.ConfigError` when the range is empty.
    """
    check_range(date_from, date_to)
    iri = resolve_entity(store, entity)
    info = entity_info(store, iri)
    window = {"date_from": date_from, "date_to": date_to}
    compared = load_before_after(store, iri, **window) if info.type == "State" else []
    return Report(
        info,
        load_stances(store, holder=iri, **window),
        load_stances(store, target=iri, **window),
        date_from,
        date_to,
        compared,
    )


# ------------------------------------------------------------------ Markdown


def _md(text: str) -> str:
    """Text safe inside Markdown prose (no accidental emphasis, links or tables)."""
    for ch in "\\`*_[]|<>":
        text = text.replace(ch, "\\" + ch)
    return text


def _source_md(s: Stance) -> str:
    doc = s.document
    name = _md(doc.title or doc.name)
    when = f", {doc.date.isoformat()}" if doc.date else ""
    link = f"[{name}]({doc.page})" if doc.page else name
    return f"{link} ({_md(doc.name)}{when})"


def _stance_md(s: Stance, holder_view: bool) -> list[str]:
    who = s.target_label if holder_view else s.holder_label
    verb = STANCE_VERBS.get(s.stance, s.stance)
    line = f"- **{verb}** {_md(who)}" if holder_view else f"- {_md(who)} **{verb}**"
    if holder_view:
        if s.issue:
            line += f": *{_md(s.issue)}*"
    elif s.issue:
        line += f" on *{_md(s.issue)}*"
    if s.condition:
        line += f" (condition: {_md(s.condition)})"
    return [line, f"  > {_md(s.evidence)}", f"  > — {_source_md(s)}"]


def _groups_md(groups: list[StanceGroup], holder_view: bool) -> list[str]:
    out: list[str] = []
    for g in groups:
        day = g.date.isoformat() if g.date else "undated"
        out += ["", f"### {day} · {_md(g.label)}", ""]
        for s in g.stances:
            out += _stance_md(s, holder_view)
    return out


def report_markdown(report: Report) -> str:
    """The report as Markdown: a heading per meeting, a bullet and a quote per stance."""
    e = report.entity
    lines = [f"# {_md(report.title)}", ""]
    facts = [f"{e.type or 'Entity'} `{compact_iri(e.iri)}`"]
    if report.period:
        facts.append(report.period)
    lines.append(" · ".join(facts))
    if e.links:
        lines += ["", "Links: " + ", ".join(f"<{link}>" for link in e.links)]
    if not report.as_holder and not report.as_target:
        where = " in this period." if report.period else "."
        lines += ["", "No stances of or on this entity in the graph" + where]
    if report.as_holder:
        lines += ["", f"## What {_md(e.label)} supported, opposed, worried about or asked for"]
        lines += _groups_md(report.holder_groups(), holder_view=True)
    if report.as_target:
        lines += ["", f"## Who supported, opposed, worried about or asked for {_md(e.label)}"]
        lines += _groups_md(report.on_target_groups(), holder_view=False)
    lines += before_after_markdown(report.before_after, e.label)
    return "\n".join(lines) + "\n"


def render_report(report: Report, fmt: str = "md", base: str | None = None) -> str:
    """The report in ``fmt``: md, html, json, csv or tsv."""
    if fmt == "md":
        return report_markdown(report)
    if fmt == "html":
        from kg.answers.report_html import report_html

        return report_html(report)
    if fmt == "json":
        return json.dumps(report.to_json(), ensure_ascii=False, indent=1) + "\n"
    if fmt in ("csv", "tsv"):
        return report.table(base).render(fmt)
    raise ConfigError(f"unknown report format {fmt!r}; use {', '.join(REPORT_FORMATS)}")
