"""The "before and after" part of ``kg report`` for a state: per Council meeting, its
position in the annotated agenda beside the outcome in the report, changes flagged.

The rows come from :func:`kg.answers.positions.positions_before_after` (the
shipped query ``positions_before_after.rq``); only meetings with both an agenda
and a report letter, and a stance of the state in either, are shown.

>>> from kg.answers.positions import MeetingPositions, Position
>>> m = MeetingPositions("m", "JBZ-Raad 13-14 oktober 2025", "2025-10-13", "nl", ["a"], ["r"],
...     [Position("fx", "Frontex", ("supports",), ("opposes",), True, "Wij steunen Frontex.", None)])
>>> print("\\n".join(before_after_markdown([m], "Nederland")))  # doctest: +NORMALIZE_WHITESPACE
<BLANKLINE>
## Before and after: what Nederland said in the annotated agenda and in the report
<BLANKLINE>
### 2025-10-13 · JBZ-Raad 13-14 oktober 2025
<BLANKLINE>
- Frontex: before **supported**, after **opposed** — changed
  > before: Wij steunen Frontex.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from kg.answers.html import esc
from kg.answers.positions import MeetingPositions, positions_before_after
from kg.answers.stances import STANCE_VERBS
from kg.answers.tables import md_text


def load_before_after(
    store: Any, state: str, date_from: date | None = None, date_to: date | None = None
) -> list[MeetingPositions]:
    """Meetings with an agenda and a report letter where ``state`` (an IRI) took a stance."""
    out = []
    for m in positions_before_after(store, state=state):
        day = date.fromisoformat(m.date) if m.date else None
        if date_from and (day is None or day < date_from):
            continue
        if date_to and (day is None or day > date_to):
            continue
        if m.agendas and m.reports and m.positions:
            out.append(m)
    return out


def _said(stances: tuple[str, ...]) -> str:
    return ", ".join(f"**{STANCE_VERBS.get(s, s)}**" for s in stances) if stances else "nothing"


def before_after_markdown(meetings: list[MeetingPositions], who: str) -> list[str]:
    """Markdown lines: a heading per meeting, a bullet per target, the two sentences."""
    if not meetings:
        return []
    out = [
        "",
        f"## Before and after: what {md_text(who)} said in the annotated agenda and in the report",
    ]
    for m in meetings:
        out += ["", f"### {m.date or 'undated'} · {md_text(m.label)}", ""]
        for p in m.positions:
            flag = " — changed" if p.changed else ""
            out.append(
                f"- {md_text(p.label)}: before {_said(p.before)}, after {_said(p.after)}{flag}"
            )
            for side, text in (("before", p.evidence_before), ("after", p.evidence_after)):
                if text:
                    out.append(f"  > {side}: {md_text(text)}")
    return out


def before_after_html(meetings: list[MeetingPositions], who: str) -> str:
    """The same part as HTML (empty when there is nothing to compare)."""
    if not meetings:
        return ""
    blocks = [
        f"<h2>Before and after: what {esc(who)} said in the annotated agenda and in the report</h2>"
    ]
    for m in meetings:
        blocks.append(f"<h3>{esc(m.date or 'undated')} · {esc(m.label)}</h3><ul>")
        for p in m.positions:
            flag = ' <strong class="changed">changed</strong>' if p.changed else ""
            said = {
                side: ", ".join(STANCE_VERBS.get(s, s) for s in stances) or "nothing"
                for side, stances in (("before", p.before), ("after", p.after))
            }
            quotes = "".join(
                f"<blockquote>{side}: {esc(text)}</blockquote>"
                for side, text in (("before", p.evidence_before), ("after", p.evidence_after))
                if text
            )
            blocks.append(
                f"<li>{esc(p.label)}: before {esc(said['before'])}, after "
                f"{esc(said['after'])}{flag}{quotes}</li>"
            )
        blocks.append("</ul>")
    return "".join(blocks)


def before_after_json(meetings: list[MeetingPositions]) -> list[dict[str, Any]]:
    """Plain data with full IRIs."""
    return [
        {
            "meeting": m.meeting,
            "label": m.label,
            "date": m.date,
            "agendas": m.agendas,
            "reports": m.reports,
            "positions": [
                {
                    "target": p.target,
                    "label": p.label,
                    "before": list(p.before),
                    "after": list(p.after),
                    "changed": p.changed,
                    "evidence_before": p.evidence_before,
                    "evidence_after": p.evidence_after,
                }
                for p in m.positions
            ],
        }
        for m in meetings
    ]
