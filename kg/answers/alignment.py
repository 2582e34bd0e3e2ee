"""Which holders side with which: pairs ranked by how often they take the same side.

A holder's *side* on a target is support or opposition (a holder that did
both on one target, over time or on different issues, has no single side
there and counts for neither; concern and requests are not sides). Two holders
*agree* on a target when they have the same side on it and *disagree* when
their sides differ. Pairs are ranked by agreements, then by fewer
disagreements; the shared targets are listed.

>>> from kg.answers.sample import sample_store
>>> pairs = build_alignment(sample_store())
>>> [(p.a.label, p.b.label, p.agree_labels, p.disagree_labels) for p in pairs][:2]
... # doctest: +NORMALIZE_WHITESPACE
[('Duitsland', 'Nederland', ['Frontex', 'Terugkeerverordening'], []),
 ('Frankrijk', 'Nederland', ['Migratiepact', 'Terugkeerverordening'], [])]
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations

from kg.answers.matrix import Axis, matrix_from_stances
from kg.answers.stances import Stance, check_range, load_stances
from kg.answers.tables import Table
from kg.errors import ConfigError
from kg.graph.rdf import compact_iri
from kg.graph.store import KnowledgeGraph

#: Formats of ``kg alignment``.
ALIGNMENT_FORMATS = ("table", "csv", "tsv", "md", "json")


@dataclass
class Pair:
    """Two holders and the targets they agreed and disagreed on."""

    a: Axis
    b: Axis
    agree: list[Axis] = field(default_factory=list)
    disagree: list[Axis] = field(default_factory=list)

    @property
    def agree_labels(self) -> list[str]:
        """Labels of the targets they took the same side on."""
        return [t.label for t in self.agree]

    @property
    def disagree_labels(self) -> list[str]:
        """Labels of the targets they took opposite sides on."""
        return [t.label for t in self.disagree]

    @property
    def share(self) -> float:
        """Agreements among the targets where both took a side (0 to 1)."""
        both = len(self.agree) + len(self.disagree)
        return len(self.agree) / both if both else 0.0


def alignment_from_stances(
    stances: list[Stance],
    holders: str | list[str] | None = "State",
    targets: str | list[str] | None = None,
) -> list[Pair]:
    """Pairs of holders with at least one agreement or disagreement, best aligned first."""
    matrix = matrix_from_stances(stances, holders, targets)
    sides: dict[str, dict[str, str]] = {}
    for (holder, target), cell in matrix.cells.items():
        if cell.category in ("support", "opposition"):
            sides.setdefault(holder, {})[target] = cell.category
    target_of = {t.iri: t for t in matrix.targets}
    pairs = []
    for a, b in combinations(sorted(matrix.holders, key=lambda h: h.label.lower()), 2):
        sa, sb = sides.get(a.iri, {}), sides.get(b.iri, {})
        shared = sorted(set(sa) & set(sb), key=lambda t: target_of[t].label.lower())
        if not shared:
            continue
        pair = Pair(a, b)
        for t in shared:
            (pair.agree if sa[t] == sb[t] else pair.disagree).append(target_of[t])
        pairs.append(pair)
    pairs.sort(key=lambda p: (-len(p.agree), len(p.disagree), p.a.label.lower(), p.b.label.lower()))
    return pairs


def build_alignment(
    store: KnowledgeGraph,
    *,
    holders: str | list[str] | None = "State",
    targets: str | list[str] | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> list[Pair]:
    """The alignment of the graph's holders (entity types, default states) over a date range."""
    check_range(date_from, date_to)
    stances = load_stances(store, date_from=date_from, date_to=date_to)
    return alignment_from_stances(stances, holders, targets)


def alignment_table(pairs: list[Pair], base: str | None = None) -> Table:
    """One row per pair: rank, both holders, counts, share and the targets by name."""
    rows = [
        [
            rank,
            compact_iri(p.a.iri, base),
            p.a.label,
            compact_iri(p.b.iri, base),
            p.b.label,
            len(p.agree),
            len(p.disagree),
            round(p.share, 3),
            "; ".join(p.agree_labels),
            "; ".join(p.disagree_labels),
        ]
        for rank, p in enumerate(pairs, 1)
    ]
    columns = [
        "rank",
        "holderA",
        "holderALabel",
        "holderB",
        "holderBLabel",
        "agree",
        "disagree",
        "share",
        "sameSideOn",
        "oppositeSidesOn",
    ]
    return Table(columns, rows, title="Pairs of holders taking the same side")


def render_alignment(pairs: list[Pair], fmt: str = "table", base: str | None = None) -> str:
    """The ranking in ``fmt``: table, csv, tsv, md or json (full IRIs in json)."""
    if fmt == "json":
        data = [
            {
                "a": {"iri": p.a.iri, "label": p.a.label},
                "b": {"iri": p.b.iri, "label": p.b.label},
                "agree": [{"iri": t.iri, "label": t.label} for t in p.agree],
                "disagree": [{"iri": t.iri, "label": t.label} for t in p.disagree],
                "share": round(p.share, 3),
            }
            for p in pairs
        ]
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    if fmt not in ALIGNMENT_FORMATS:
        raise ConfigError(f"unknown format {fmt!r}; use {', '.join(ALIGNMENT_FORMATS)}")
    table = alignment_table(pairs, base)
    if fmt == "table":  # labels are enough on a terminal
        keep = [i for i, c in enumerate(table.columns) if c not in ("holderA", "holderB")]
        table = Table(
            [table.columns[i] for i in keep],
            [[r[i] for i in keep] for r in table.rows],
            table.title,
        )
    return table.render(fmt)
