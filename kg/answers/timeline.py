"""A timeline picture of stances, drawn by kg as SVG (no library, no script).

One row per stance (supported, opposed, concerned about, asked for), time
from left to right; each stance is a dot in its stance's colour that links to
its entry in the report (``#s-N``) and names itself in a tooltip. Stances of
one kind on the same day share one larger dot with their count.

>>> from datetime import date
>>> svg = timeline_svg([TimelinePoint(date(2025, 3, 12), "opposes", "Frankrijk opposed X", "s-1")])
>>> svg.startswith("<svg") and 'href="#s-1"' in svg and "2025" in svg
True
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from kg.answers.html import STANCE_COLOURS, esc

_ROWS = (
    ("supports", "supported"),
    ("opposes", "opposed"),
    ("concernedAbout", "concerned about"),
    ("requested", "asked for"),
)


@dataclass(frozen=True)
class TimelinePoint:
    """A dated stance to draw: its day, its stance, a tooltip and the anchor it links to."""

    day: date
    stance: str
    title: str
    anchor: str


def _ticks(lo: date, hi: date) -> list[tuple[date, str]]:
    """Month ticks for spans under two years, year ticks otherwise."""
    out: list[tuple[date, str]] = []
    if (hi - lo).days > 730:
        for year in range(lo.year + (lo.month > 1 or lo.day > 1), hi.year + 1):
            out.append((date(year, 1, 1), str(year)))
        return out
    step = 1 if (hi - lo).days <= 240 else 3
    month = date(lo.year, lo.month, 1)
    if month < lo:
        month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    while month <= hi:
        if (month.month - 1) % step == 0:
            label = month.strftime("%b %Y") if month.month == 1 or not out else month.strftime("%b")
            out.append((month, label))
        month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    if not out:  # a span inside one month: name its middle day
        mid = lo + (hi - lo) / 2
        out.append((mid, mid.strftime("%-d %b %Y")))
    return out


def timeline_svg(points: list[TimelinePoint], width: int = 960) -> str:
    """The timeline of ``points`` as an inline SVG element (empty string when none is dated)."""
    points = [p for p in points if p.day is not None]
    if not points:
        return ""
    rows = [r for r in _ROWS if any(p.stance == r[0] for p in points)]
    row_of = {name: i for i, (name, _) in enumerate(rows)}
    left, right, top, row_h = 130, 24, 16, 38
    height = top + row_h * len(rows) + 34
    lo, hi = min(p.day for p in points), max(p.day for p in points)
    pad = max(7, (hi - lo).days // 20)
    lo, hi = lo - timedelta(days=pad), hi + timedelta(days=pad)
    span = max((hi - lo).days, 1)

    def x(day: date) -> float:
        return left + (width - left - right) * (day - lo).days / span

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" role="img" '
        f'aria-label="Timeline of {len(points)} stances" width="100%" viewBox="0 0 {width} {height}" '
        f'font-family="system-ui, DejaVu Sans, Arial, sans-serif" font-size="12">'
    ]
    axis_y = top + row_h * len(rows) + 4
    for day, label in _ticks(lo, hi):
        tx = x(day)
        parts.append(
            f'<line x1="{tx:.1f}" y1="{top - 4}" x2="{tx:.1f}" y2="{axis_y}" stroke="#e3e6ec"/>'
            f'<text x="{tx:.1f}" y="{axis_y + 16}" text-anchor="middle" fill="#5b6476">{esc(label)}</text>'
        )
    for i, (_name, label) in enumerate(rows):
        cy = top + row_h * i + row_h / 2
        parts.append(
            f'<line x1="{left}" y1="{cy:.1f}" x2="{width - right}" y2="{cy:.1f}" stroke="#d8dce4"/>'
            f'<text x="{left - 10}" y="{cy + 4:.1f}" text-anchor="end" fill="#1d2330">{esc(label)}</text>'
        )
    same_day: dict[tuple[date, str], list[TimelinePoint]] = defaultdict(list)
    for p in sorted(points, key=lambda q: (q.day, q.anchor)):
        same_day[(p.day, p.stance)].append(p)
    for (day, stance), group in same_day.items():
        cy = top + row_h * row_of[stance] + row_h / 2
        r = min(15.0, 6 + 2.2 * math.sqrt(len(group) - 1))
        colour = STANCE_COLOURS.get(stance, "#777777")
        title = "\n".join(p.title for p in group)
        count = (
            f'<text x="{x(day):.1f}" y="{cy + 4:.1f}" text-anchor="middle" fill="#fff" '
            f'font-size="11" font-weight="bold">{len(group)}</text>'
            if len(group) > 1
            else ""
        )
        parts.append(
            f'<a href="#{esc(group[0].anchor)}"><circle cx="{x(day):.1f}" cy="{cy:.1f}" r="{r:.1f}" '
            f'fill="{colour}" fill-opacity="0.85" stroke="#fff" stroke-width="1.2">'
            f"<title>{esc(title)}</title></circle>{count}</a>"
        )
    parts.append("</svg>")
    return "".join(parts)
