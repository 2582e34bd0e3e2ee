"""The stance matrix: holders by targets, each cell what the holder said about the target.

A cell is ``support``, ``opposition``, ``both`` (the holder supported and
opposed it, e.g. over time or on different issues), ``concern`` or
``request`` (only when there is neither support nor opposition), with the
count of each stance and the evidence behind it. Holders and targets are
chosen by type (default: states by everything they took a stance on), and
ordered by how many stances they have.

>>> from kg.answers.sample import sample_store
>>> m = build_matrix(sample_store())
>>> [h.label for h in m.holders], [t.label for t in m.targets]
(['Nederland', 'Duitsland', 'Frankrijk', 'Hongarije'], ['Terugkeerverordening', 'Migratiepact', 'Frontex'])
>>> m.cell("Hongarije", "Migratiepact").category, m.cell("Duitsland", "Terugkeerverordening").counts
('both', {'supports': 1, 'concernedAbout': 1})
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from kg.answers.stances import STANCES, Stance, check_range, load_stances
from kg.answers.tables import Table
from kg.errors import ConfigError
from kg.graph.rdf import compact_iri
from kg.graph.store import KnowledgeGraph
from kg.iri import ENTITY_TYPES

#: What a cell can say, in legend order.
CATEGORIES = ("support", "opposition", "both", "concern", "request")
#: Formats of ``kg matrix``.
MATRIX_FORMATS = ("html", "png", "svg", "csv", "tsv", "md", "json")


@dataclass(frozen=True)
class Axis:
    """A row (holder) or column (target) of the matrix."""

    iri: str
    label: str
    type: str


@dataclass
class Cell:
    """What one holder said about one target: the stances and their evidence."""

    holder: Axis
    target: Axis
    stances: list[Stance] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        """Stances per predicate, in :data:`kg.answers.stances.STANCES` order."""
        found = Counter(s.stance for s in self.stances)
        return {p: found[p] for p in STANCES if found[p]}

    @property
    def category(self) -> str:
        """support, opposition, both, concern or request.

        >>> Cell(Axis("a", "A", "State"), Axis("b", "B", "Regulation")).category
        ''
        """
        counts = self.counts
        if counts.get("supports") and counts.get("opposes"):
            return "both"
        if counts.get("supports"):
            return "support"
        if counts.get("opposes"):
            return "opposition"
        if counts.get("concernedAbout"):
            return "concern"
        if counts.get("requested"):
            return "request"
        return ""

    @property
    def summary(self) -> str:
        """The category and its counts in a few characters, e.g. ``both (+1 -1)``."""
        c = self.counts
        marks = [
            f"{sign}{c[p]}"
            for p, sign in (
                ("supports", "+"),
                ("opposes", "-"),
                ("concernedAbout", "!"),
                ("requested", "?"),
            )
            if c.get(p)
        ]
        return f"{self.category} ({' '.join(marks)})" if marks else ""


@dataclass
class Matrix:
    """Holders (rows) by targets (columns); only pairs with a stance have a cell."""

    holders: list[Axis]
    targets: list[Axis]
    cells: dict[tuple[str, str], Cell]
    date_from: date | None = None
    date_to: date | None = None

    def cell(self, holder: str, target: str) -> Cell | None:
        """The cell of a holder and a target, each given by IRI or label."""

        def find(axis: list[Axis], name: str) -> str:
            for a in axis:
                if name in (a.iri, a.label):
                    return a.iri
            return name

        return self.cells.get((find(self.holders, holder), find(self.targets, target)))

    def table(self, base: str | None = None) -> Table:
        """One row per holder-target pair with a stance (long form, for csv and pandas)."""
        rows = []
        for h in self.holders:
            for t in self.targets:
                c = self.cells.get((h.iri, t.iri))
                if c is None:
                    continue
                counts = c.counts
                rows.append(
                    [
                        compact_iri(h.iri, base),
                        h.label,
                        compact_iri(t.iri, base),
                        t.label,
                        t.type,
                        c.category,
                        *(counts.get(p, 0) for p in STANCES),
                    ]
                )
        columns = ["holder", "holderLabel", "target", "targetLabel", "targetType", "cell"]
        return Table(columns + list(STANCES), rows, title="Stance matrix")

    def grid(self) -> Table:
        """The matrix itself: one row per holder, one column per target (for Markdown)."""
        rows = []
        for h in self.holders:
            row: list[object] = [h.label]
            for t in self.targets:
                c = self.cells.get((h.iri, t.iri))
                row.append(c.summary if c else "")
            rows.append(row)
        return Table(["holder"] + [t.label for t in self.targets], rows, title="Stance matrix")


def _types(value: str | list[str] | tuple[str, ...] | None) -> set[str] | None:
    """``"Regulation,Initiative"`` or a list -> a checked set of entity types (None: any)."""
    if not value:
        return None
    items = value.split(",") if isinstance(value, str) else [x for v in value for x in v.split(",")]
    wanted = {x.strip() for x in items if x.strip()}
    known = {t.lower(): t for t in ENTITY_TYPES}
    unknown = sorted(w for w in wanted if w.lower() not in known)
    if unknown:
        raise ConfigError(
            f"unknown entity type(s) {', '.join(unknown)}; use {', '.join(ENTITY_TYPES)}"
        )
    return {known[w.lower()] for w in wanted}


def _ordered(stances: list[Stance], attr: str) -> list[Axis]:
    """Axis entries by number of stances, then label."""
    count: Counter[str] = Counter()
    axis: dict[str, Axis] = {}
    for s in stances:
        iri = getattr(s, attr)
        count[iri] += 1
        axis.setdefault(iri, Axis(iri, getattr(s, f"{attr}_label"), getattr(s, f"{attr}_type")))
    return sorted(axis.values(), key=lambda a: (-count[a.iri], a.label.lower()))


def matrix_from_stances(
    stances: list[Stance],
    holders: str | list[str] | None = "State",
    targets: str | list[str] | None = None,
) -> Matrix:
    """The matrix of given stances, holders and targets filtered by type."""
    holder_types, target_types = _types(holders), _types(targets)
    kept = [
        s
        for s in stances
        if (holder_types is None or s.holder_type in holder_types)
        and (target_types is None or s.target_type in target_types)
    ]
    cells: dict[tuple[str, str], Cell] = {}
    rows, cols = _ordered(kept, "holder"), _ordered(kept, "target")
    row_of, col_of = {a.iri: a for a in rows}, {a.iri: a for a in cols}
    for s in kept:
        key = (s.holder, s.target)
        if key not in cells:
            cells[key] = Cell(row_of[s.holder], col_of[s.target])
        cells[key].stances.append(s)
    return Matrix(rows, cols, cells)


def build_matrix(
    store: KnowledgeGraph,
    *,
    holders: str | list[str] | None = "State",
    targets: str | list[str] | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> Matrix:
    """The stance matrix of the graph: ``holders`` and ``targets`` are entity types
    (``"State"``, ``"Regulation,Initiative"``; None: any), the dates an inclusive range."""
    check_range(date_from, date_to)
    stances = load_stances(store, date_from=date_from, date_to=date_to)
    matrix = matrix_from_stances(stances, holders, targets)
    matrix.date_from, matrix.date_to = date_from, date_to
    return matrix
