"""The position report as one offline HTML page, with a timeline drawn by kg.

>>> from kg.answers.sample import sample_store
>>> from kg.answers.report import build_report
>>> page = report_html(build_report(sample_store(), "Nederland"))
>>> "<svg" in page and "<script" not in page and "een snel akkoord" in page
True
"""

from __future__ import annotations

from kg.answers.before_after import before_after_html
from kg.answers.html import esc, html_page, stance_badge
from kg.answers.report_model import Report, StanceGroup
from kg.answers.stances import STANCE_VERBS, Stance
from kg.answers.timeline import TimelinePoint, timeline_svg
from kg.graph.rdf import compact_iri


def _source(s: Stance) -> str:
    doc = s.document
    name = esc(doc.title or doc.name)
    title = f'<a href="{esc(doc.page)}" rel="noreferrer">{name}</a>' if doc.page else name
    when = f" · {doc.date.isoformat()}" if doc.date else ""
    return f'<div class="src">{title} <code>{esc(doc.name)}</code>{when}</div>'


def _stance(s: Stance, anchor: str, holder_view: bool) -> str:
    other = s.target_label if holder_view else s.holder_label
    verb = STANCE_VERBS.get(s.stance, s.stance)
    issue = ""
    if s.issue:
        issue = f' <span class="issue">{"" if holder_view else "on "}“{esc(s.issue)}”</span>'
    condition = f'<div class="src">condition: {esc(s.condition)}</div>' if s.condition else ""
    colour_bar = {"supports": "#2e9e44", "opposes": "#d62728"}.get(s.stance, "#999")
    return (
        f'<div class="stance" id="{anchor}" data-stance="{esc(s.stance)}" '
        f'style="border-left-color:{colour_bar}">'
        f'<div class="head">{stance_badge(s.stance, verb)} {esc(other)}{issue}</div>'
        f"<blockquote>{esc(s.evidence)}</blockquote>{condition}{_source(s)}</div>"
    )


def _section(
    heading: str, groups: list[StanceGroup], prefix: str, holder_view: bool, who: str
) -> str:
    points, blocks = [], []
    n = 0
    for g in groups:
        day = g.date.isoformat() if g.date else "undated"
        blocks.append(f"<h3>{esc(day)} · {esc(g.label)}</h3>")
        for s in g.stances:
            n += 1
            anchor = f"{prefix}-{n}"
            other = s.target_label if holder_view else s.holder_label
            subject = f"{who} {STANCE_VERBS.get(s.stance, s.stance)} {other}"
            if not holder_view:
                subject = f"{other} {STANCE_VERBS.get(s.stance, s.stance)} {who}"
            if s.date:
                points.append(TimelinePoint(s.date, s.stance, f"{s.date}: {subject}", anchor))
            blocks.append(_stance(s, anchor, holder_view))
    return f"<h2>{esc(heading)}</h2>" + timeline_svg(points) + "".join(blocks)


def report_html(report: Report) -> str:
    """The report as a complete HTML page (see :mod:`kg.answers.report`)."""
    e = report.entity
    facts = [esc(e.type or "Entity"), f"<code>{esc(compact_iri(e.iri))}</code>"]
    if report.period:
        facts.append(esc(report.period))
    n_holder, n_target = len(report.as_holder), len(report.as_target)
    facts.append(f"{n_holder + n_target} stance{'s' if n_holder + n_target != 1 else ''}")
    links = ""
    if e.links:
        links = " · links: " + ", ".join(
            f'<a href="{esc(link)}" rel="noreferrer">{esc(link)}</a>' for link in e.links
        )
    body = []
    if not n_holder and not n_target:
        body.append('<p class="muted">No stances of or on this entity in the graph.</p>')
    if n_holder:
        body.append(
            _section(
                f"What {e.label} supported, opposed, worried about or asked for",
                report.holder_groups(),
                "h",
                True,
                e.label,
            )
        )
    if n_target:
        body.append(
            _section(
                f"Who supported, opposed, worried about or asked for {e.label}",
                report.on_target_groups(),
                "t",
                False,
                e.label,
            )
        )
    body.append(before_after_html(report.before_after, e.label))
    return html_page(report.title, "\n".join(body), " · ".join(facts) + links)
