"""The stance matrix written out: an offline HTML page, a PNG or SVG picture, or a table.

In the HTML page every cell links to its evidence further down the page (the
sentences, their letters and dates); no script is needed for that.

>>> from kg.answers.sample import sample_store
>>> from kg.answers.matrix import build_matrix
>>> page = render_matrix(build_matrix(sample_store()), "html")
>>> 'href="#c-3-1"' in page and "Hongarije steunde nu het Migratiepact." in page
True
"""

from __future__ import annotations

import io
import json

from kg.answers.html import esc, html_page, stance_badge
from kg.answers.matrix import CATEGORIES, MATRIX_FORMATS, Matrix
from kg.answers.stances import STANCE_VERBS
from kg.errors import ConfigError

#: Cell colour per category.
CATEGORY_COLOURS = {
    "support": "#2e9e44",
    "opposition": "#d62728",
    "both": "#8a5cc2",
    "concern": "#ff7f0e",
    "request": "#1f77b4",
}


def _period(matrix: Matrix) -> str:
    lo = matrix.date_from.isoformat() if matrix.date_from else ""
    hi = matrix.date_to.isoformat() if matrix.date_to else ""
    if lo and hi:
        return f"from {lo} to {hi}"
    return f"from {lo}" if lo else (f"until {hi}" if hi else "")


def _legend() -> str:
    return (
        '<p class="legend">'
        + "".join(
            f'<span><i style="background:{CATEGORY_COLOURS[c]}"></i>{c}</span>' for c in CATEGORIES
        )
        + '<span class="muted">numbers: stances (+ support, − opposition, ! concern, ? request)</span></p>'
    )


def matrix_html(matrix: Matrix) -> str:
    """The matrix as one self-contained HTML page with click-through evidence."""
    head = "".join(
        f'<th title="{esc(t.label)} ({esc(t.type)})"><span>{esc(t.label)}</span></th>'
        for t in matrix.targets
    )
    rows, sections = [], []
    for i, h in enumerate(matrix.holders, 1):
        cells = []
        for j, t in enumerate(matrix.targets, 1):
            c = matrix.cells.get((h.iri, t.iri))
            if c is None:
                cells.append('<td class="empty"></td>')
                continue
            counts = c.counts
            marks = " ".join(
                f"{sign}{counts[p]}"
                for p, sign in (
                    ("supports", "+"),
                    ("opposes", "−"),
                    ("concernedAbout", "!"),
                    ("requested", "?"),
                )
                if counts.get(p)
            )
            anchor = f"c-{i}-{j}"
            cells.append(
                f'<td style="background:{CATEGORY_COLOURS[c.category]}" data-category="{c.category}">'
                f'<a href="#{anchor}" title="{esc(h.label)} · {esc(t.label)}: {c.category}">{marks}</a></td>'
            )
            items = []
            for s in c.stances:
                doc = s.document
                name = esc(doc.title or doc.name)
                source = (
                    f'<a href="{esc(doc.page)}" rel="noreferrer">{name}</a>' if doc.page else name
                )
                when = s.date.isoformat() if s.date else "undated"
                meeting = f" · {esc(s.meeting.label)}" if s.meeting else ""
                issue = f' <span class="issue">on “{esc(s.issue)}”</span>' if s.issue else ""
                items.append(
                    f'<div class="stance"><div class="head">{stance_badge(s.stance, STANCE_VERBS.get(s.stance))}'
                    f" {esc(when)}{meeting}{issue}</div><blockquote>{esc(s.evidence)}</blockquote>"
                    f'<div class="src">{source} <code>{esc(doc.name)}</code></div></div>'
                )
            sections.append(
                f'<section class="cell" id="{anchor}"><h3>{esc(h.label)} · {esc(t.label)}: '
                f"{esc(c.category)}</h3>{''.join(items)}</section>"
            )
        rows.append(f'<tr><th class="row">{esc(h.label)}</th>{"".join(cells)}</tr>')
    if matrix.holders:
        table = (
            f'<div class="matrix-wrap"><table class="matrix" id="matrix"><thead><tr><th></th>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>"
        )
    else:
        table = '<p class="muted">No stances match.</p>'
    facts = [
        f"{len(matrix.holders)} holders",
        f"{len(matrix.targets)} targets",
        f"{len(matrix.cells)} cells",
    ]
    if _period(matrix):
        facts.append(_period(matrix))
    body = _legend() + table + "<h2>Evidence</h2>" + "".join(sections)
    return html_page("Stance matrix", body, " · ".join(facts))


def matrix_picture(matrix: Matrix, fmt: str = "png", dpi: int = 150) -> bytes:
    """The matrix as a PNG or SVG picture (matplotlib): coloured cells with their counts."""
    import matplotlib

    matrix_backend = "Agg"
    matplotlib.use(matrix_backend)
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch, Rectangle

    n_rows, n_cols = len(matrix.holders), len(matrix.targets)
    longest = max([len(h.label) for h in matrix.holders] + [4])
    width = max(4.0, 1.2 + 0.075 * min(longest, 40) + 0.42 * n_cols)
    height = max(2.5, 2.4 + 0.32 * n_rows)
    fig, ax = plt.subplots(figsize=(width, height))
    try:
        for i, h in enumerate(matrix.holders):
            for j, t in enumerate(matrix.targets):
                c = matrix.cells.get((h.iri, t.iri))
                face = CATEGORY_COLOURS[c.category] if c else "#f4f5f7"
                ax.add_patch(Rectangle((j, i), 1, 1, facecolor=face, edgecolor="white", lw=1.5))
                if c:
                    ax.text(
                        j + 0.5,
                        i + 0.5,
                        str(len(c.stances)),
                        ha="center",
                        va="center",
                        color="white",
                        fontsize=7,
                        fontweight="bold",
                    )
        ax.set_xlim(0, max(n_cols, 1))
        ax.set_ylim(max(n_rows, 1), 0)
        ax.set_xticks([j + 0.5 for j in range(n_cols)])
        ax.set_xticklabels(
            [t.label[:32] for t in matrix.targets], rotation=60, ha="right", fontsize=7
        )
        ax.set_yticks([i + 0.5 for i in range(n_rows)])
        ax.set_yticklabels([h.label[:40] for h in matrix.holders], fontsize=8)
        ax.tick_params(length=0)
        for side in ax.spines.values():
            side.set_visible(False)
        if not n_rows:
            ax.text(
                0.5, 0.5, "No stances match", ha="center", va="center", fontsize=10, color="#666"
            )
        ax.set_title(
            "Stance matrix" + (f" ({_period(matrix)})" if _period(matrix) else ""),
            fontsize=10,
            loc="left",
        )
        ax.legend(
            handles=[Patch(color=CATEGORY_COLOURS[c], label=c) for c in CATEGORIES],
            loc="upper left",
            bbox_to_anchor=(1.01, 1),
            fontsize=7,
            frameon=False,
        )
        ax.set_aspect("equal")
        buf = io.BytesIO()
        fig.savefig(
            buf,
            format=fmt,
            dpi=dpi,
            bbox_inches="tight",
            metadata={"Software": "kg"} if fmt == "png" else None,
        )
        return buf.getvalue()
    finally:
        plt.close(fig)


def render_matrix(matrix: Matrix, fmt: str = "html", base: str | None = None) -> str | bytes:
    """The matrix in ``fmt``: html, png (bytes), svg, csv, tsv, md or json."""
    if fmt == "html":
        return matrix_html(matrix)
    if fmt == "png":
        return matrix_picture(matrix, "png")
    if fmt == "svg":
        return matrix_picture(matrix, "svg").decode("utf-8")
    if fmt in ("csv", "tsv"):
        return matrix.table(base).render(fmt)
    if fmt == "md":
        return matrix.grid().to_markdown()
    if fmt == "json":
        data = {
            "holders": [h.__dict__ for h in matrix.holders],
            "targets": [t.__dict__ for t in matrix.targets],
            "cells": [
                {
                    "holder": c.holder.iri,
                    "target": c.target.iri,
                    "category": c.category,
                    "counts": c.counts,
                    "stances": [s.to_json() for s in c.stances],
                }
                for c in matrix.cells.values()
            ],
        }
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    raise ConfigError(f"unknown matrix format {fmt!r}; use {', '.join(MATRIX_FORMATS)}")
