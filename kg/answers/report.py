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
from datetime import date

from kg.answers.before_after import before_after_markdown, load_before_after
from kg.answers.report_model import Report, StanceGroup
from kg.answers.stances import (
    STANCE_VERBS,
    Stance,
    check_range,
    entity_info,
    load_stances,
    resolve_entity,
)
from kg.answers.tables import md_text
from kg.errors import ConfigError
from kg.graph.rdf import compact_iri
from kg.graph.store import KnowledgeGraph

#: Formats of ``kg report``.
REPORT_FORMATS = ("md", "html", "json", "csv", "tsv")


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


def _source_md(s: Stance) -> str:
    doc = s.document
    name = md_text(doc.title or doc.name)
    when = f", {doc.date.isoformat()}" if doc.date else ""
    link = f"[{name}]({doc.page})" if doc.page else name
    return f"{link} ({md_text(doc.name)}{when})"


def _stance_md(s: Stance, holder_view: bool) -> list[str]:
    who = s.target_label if holder_view else s.holder_label
    verb = STANCE_VERBS.get(s.stance, s.stance)
    line = f"- **{verb}** {md_text(who)}" if holder_view else f"- {md_text(who)} **{verb}**"
    if holder_view:
        if s.issue:
            line += f": *{md_text(s.issue)}*"
    elif s.issue:
        line += f" on *{md_text(s.issue)}*"
    if s.condition:
        line += f" (condition: {md_text(s.condition)})"
    return [line, f"  > {md_text(s.evidence)}", f"  > — {_source_md(s)}"]


def _groups_md(groups: list[StanceGroup], holder_view: bool) -> list[str]:
    out: list[str] = []
    for g in groups:
        day = g.date.isoformat() if g.date else "undated"
        out += ["", f"### {day} · {md_text(g.label)}", ""]
        for s in g.stances:
            out += _stance_md(s, holder_view)
    return out


def report_markdown(report: Report) -> str:
    """The report as Markdown: a heading per meeting, a bullet and a quote per stance."""
    e = report.entity
    lines = [f"# {md_text(report.title)}", ""]
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
        lines += ["", f"## What {md_text(e.label)} supported, opposed, worried about or asked for"]
        lines += _groups_md(report.holder_groups(), holder_view=True)
    if report.as_target:
        lines += ["", f"## Who supported, opposed, worried about or asked for {md_text(e.label)}"]
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
